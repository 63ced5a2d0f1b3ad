"""Output: every document charter prints (text, JSON, JUnit XML, SVG, schemas, reference pages)."""
