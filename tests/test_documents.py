"""Every JSON document charter prints is versioned and matches its documented schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from charter.cli import main
from charter.output._documents import DOCUMENTS, document_schema, documents_markdown
from charter.output._json import JSON_VERSION, stamped

ROOT = Path(__file__).resolve().parent.parent
SEED = "scenarios/seeds/video-2021-08-23-extraordinary.yaml"

# Real commands, and the document each prints.
COMMANDS: list[tuple[str, list[str]]] = [
    ("replay", ["replay", "scenarios/seeds"]),
    ("replay", ["replay", "scenarios/rules/art13.chair-fires.yaml"]),
    ("check", ["check", "scenarios/proposals/moscow-2026-wrong-chair.yaml"]),
    ("check", ["check", "scenarios/proposals/moscow-2026-valid.yaml"]),
    (
        "simulate",
        ["simulate", "scenarios/what-if/tajikistan-declines-2027.yaml", "--until", "2031"],
    ),
    ("chair", ["chair", "--on", "2019-06-01"]),
    ("chair", ["chair", "--on", "1993-01-01"]),
    ("chair", ["chair", "--on", "2030-01-01"]),
    ("chair", ["chair", "--on", "2021-08-23", "--history", SEED]),
    ("members", ["members", "--on", "2013-01-01"]),
    ("members", ["members", "--on", "2021-08-23", "--history", SEED]),
    ("explain", ["explain", "--on", "2021-08-23"]),
    ("explain", ["explain", "--session", "session-2013-09-23-sochi"]),
    ("timeline", ["timeline"]),
    ("coverage", ["coverage"]),
    ("rules", ["rules"]),
    ("schema", ["schema"]),
]


def _printed(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    main([*argv, "--format", "json"] if argv[0] != "schema" else argv)
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("name", "argv"), COMMANDS, ids=[" ".join(argv) for _, argv in COMMANDS])
def test_each_command_prints_a_versioned_document_that_matches_its_schema(
    name: str,
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The document opens with ``format_version`` and validates against the documented schema."""
    monkeypatch.chdir(ROOT)
    document = _printed(argv, capsys)
    assert next(iter(document)) == "format_version"
    assert document["format_version"] == JSON_VERSION
    errors = [
        f"{list(error.absolute_path)}: {error.message}"
        for error in jsonschema.Draft202012Validator(document_schema(name)).iter_errors(document)
    ]
    assert errors == []


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_each_schema_is_valid_and_refuses_a_document_without_its_version(name: str) -> None:
    """Each schema is a valid draft 2020-12 schema, and a document must carry its version."""
    schema = document_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert not jsonschema.Draft202012Validator(schema).is_valid({})


def test_the_error_document_schema_takes_nulls_for_missing_places() -> None:
    """The exit-2 document: a problem without a line or column has null there, not 0 or ''."""
    validator = jsonschema.Draft202012Validator(document_schema("error"))
    problem = {"path": "gone.yaml", "line": None, "column": None, "document_path": None}
    document = stamped({"ok": False, "problems": [{**problem, "message": "no such file"}]})
    assert validator.is_valid(document)
    assert not validator.is_valid({**document, "ok": True})
    assert not validator.is_valid(stamped({"ok": False, "problems": [problem]}))


def test_the_reference_page_is_generated_from_the_schemas() -> None:
    """docs/json-output.md is what ``documents_markdown()`` writes (run ``make docs`` if not)."""
    page = (ROOT / "docs" / "json-output.md").read_text(encoding="utf-8")
    assert page == documents_markdown()
