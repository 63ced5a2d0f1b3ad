"""The reference pages say what the code says today, and the site builds with --strict."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import charter
from charter.cli import _parser
from charter.cli._reference import api_markdown, command_line_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_the_command_line_page_is_generated_from_the_parser() -> None:
    """docs/command-line.md is what the parser describes (run ``make docs`` if not)."""
    page = (ROOT / "docs" / "command-line.md").read_text(encoding="utf-8")
    assert page == command_line_markdown(_parser())


def test_the_command_line_page_names_every_command_and_option() -> None:
    """Each subcommand has a section, and each of its options a row."""
    page = command_line_markdown(_parser())
    for name in ("replay", "check", "chair", "members", "explain", "timeline", "schema"):
        assert f"## `charter {name}`" in page
    assert "| `--color` |" in page
    assert "| `--completion` |" in page


def test_the_api_page_documents_exactly_the_public_names() -> None:
    """docs/api.md has one entry per name in ``charter.__all__``, and is up to date."""
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert page == api_markdown()
    entries = [line.removeprefix("::: ") for line in page.splitlines() if line.startswith(":::")]
    assert sorted(entry.rsplit(".", 1)[1] for entry in entries) == sorted(charter.__all__)


@pytest.mark.skipif(
    importlib.util.find_spec("mkdocstrings") is None, reason="the docs extra is not installed"
)
def test_the_site_builds_strictly(tmp_path: Path) -> None:
    """``mkdocs build --strict`` succeeds: no broken link, no missing page, every API name found."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "api" / "index.html").is_file()
