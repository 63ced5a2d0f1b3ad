"""The one place a JSON document gets its version before charter prints it.

Kept apart from the reports so that quick queries (``charter chair``) print
their documents without importing the model.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["JSON_VERSION", "json_text", "stamped"]

JSON_VERSION = 1
"""The version of the shape of charter's JSON documents; it changes when a key changes meaning."""


def stamped(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with ``format_version`` first: every JSON document charter prints.

    >>> stamped({"ok": False, "problems": []})
    {'format_version': 1, 'ok': False, 'problems': []}
    """
    return {"format_version": JSON_VERSION, **document}


def json_text(document: dict[str, Any]) -> str:
    """A JSON document as charter prints it: stamped, indented, UTF-8 text."""
    return json.dumps(stamped(document), indent=2, ensure_ascii=False)
