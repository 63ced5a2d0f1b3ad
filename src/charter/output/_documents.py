"""The JSON documents charter prints: one schema per command, and their reference page.

Each schema states what the document promises: the keys a program may rely on,
their types, and where a value may be ``null`` (not known, or not decided). A
document may carry more keys than its schema names (new fields are added, old
ones keep their meaning), so objects stay open. Every document carries
``format_version``, stamped in one place (``charter.output._json.stamped``).
"""

from __future__ import annotations

import json
from typing import Any

from charter.engine._installed import rule_ids
from charter.output._json import JSON_VERSION

__all__ = ["DOCUMENTS", "document_schema", "documents_markdown"]


def _object(required: dict[str, Any], **optional: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": sorted(required),
        "properties": {**required, **optional},
    }


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _list(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


_TEXT = {"type": "string"}
_BOOL = {"type": "boolean"}
_COUNT = {"type": "integer", "minimum": 0}
_DAY = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_STATE = {"type": "string", "pattern": "^[A-Z]{3}$"}
_RULE = {"enum": list(rule_ids())}
_SEVERITY = {"enum": ["error", "warning", "info"]}

_DEFS: dict[str, Any] = {
    "location": _nullable(
        _object(
            {
                "path": _nullable(_TEXT),
                "line": _COUNT,
                "column": _COUNT,
            }
        )
    ),
    "violation": _object(
        {
            "rule": _RULE,
            "severity": _SEVERITY,
            "date": _DAY,
            "event": _TEXT,
            "message": _TEXT,
            "citation": _TEXT,
            "location": {"$ref": "#/$defs/location"},
            "expected": _BOOL,
        },
        fix=_nullable(_TEXT),
    ),
    "unknown": _object(
        {
            "rule": _RULE,
            "date": _DAY,
            "event": _TEXT,
            "message": _TEXT,
            "location": {"$ref": "#/$defs/location"},
        }
    ),
    "expectation": _object(
        {"description": _TEXT, "passed": _BOOL},
        detail=_nullable(_TEXT),
    ),
    "scenario": _object(
        {
            "path": _nullable(_TEXT),
            "ok": _BOOL,
            "expectations_met": _BOOL,
            "keeps_charter": _BOOL,
            "events": _COUNT,
            "violations": _list({"$ref": "#/$defs/violation"}),
            "unknowns": _list({"$ref": "#/$defs/unknown"}),
            "expectations": _list({"$ref": "#/$defs/expectation"}),
        },
        title=_nullable(_TEXT),
        suggestions={"type": "object"},
        projection=_list(
            _object(
                {"year": {"type": "integer"}, "state": _nullable(_STATE), "open": _BOOL},
                person=_nullable(_TEXT),
                host=_nullable(_STATE),
                basis=_TEXT,
                note=_nullable(_TEXT),
            )
        ),
    ),
    "explanation": _object(
        {
            "claim": _TEXT,
            "because": _list({"$ref": "#/$defs/explanation"}),
        },
        verdict=_nullable(_TEXT),
        rule=_nullable(_TEXT),
        citation=_nullable(_TEXT),
        event=_nullable(_TEXT),
        location={"$ref": "#/$defs/location"},
        why_not=_list({"$ref": "#/$defs/explanation"}),
    ),
    "bar": _object({"start": _DAY, "end": _DAY, "label": _TEXT}),
}

_REPORT = _object(
    {
        "ok": _BOOL,
        "files": _object({"total": _COUNT, "passed": _COUNT, "failed": _COUNT}),
        "scenarios": _list({"$ref": "#/$defs/scenario"}),
    },
)
_CHECK = _object(
    {
        "ok": _BOOL,
        "verdict": {"type": "string", "pattern": "^(VALID|BREAKS [0-9]+ RULES? )"},
        "breaks": _list(_RULE),
        "scenarios": {**_list({"$ref": "#/$defs/scenario"}), "minItems": 1, "maxItems": 1},
    },
    suggestions={"type": "object"},
)

DOCUMENTS: dict[str, tuple[str, dict[str, Any]]] = {
    "replay": ("`charter replay --format json`: each scenario's report.", _REPORT),
    "check": (
        "`charter check --format json`: the verdict on one proposal; `ok` is false exactly "
        "when the exit code is 1, `verdict` holds the words the text prints, `breaks` the ids of "
        "the rules broken; with `suggestions`, what would be valid on its date.",
        _CHECK,
    ),
    "simulate": (
        "`charter simulate --format json`: as replay, with the scenario's `projection`.",
        _REPORT,
    ),
    "chair": (
        "`charter chair --format json`: who presided on a day; `state` and `person` are null "
        "when the record does not decide them.",
        _object({"date": _DAY, "state": _nullable(_STATE), "person": _nullable(_TEXT)}),
    ),
    "members": (
        "`charter members --format json`: the members in law, and those suspended or frozen.",
        _object(
            {
                "date": _DAY,
                "members": _list(_STATE),
                "suspended": _list(_STATE),
                "frozen": _list(_STATE),
            }
        ),
    ),
    "explain": (
        "`charter explain --format json`: a claim and the facts, rules and events it rests on.",
        {"$ref": "#/$defs/explanation"},
    ),
    "timeline": (
        "`charter timeline --format json`: the picture's data.",
        _object(
            {
                "title": _TEXT,
                "start": _DAY,
                "end": _DAY,
                "rows": _list(
                    _object(
                        {
                            "state": _TEXT,
                            "status": _list({"$ref": "#/$defs/bar"}),
                            "presides": _list({"$ref": "#/$defs/bar"}),
                        }
                    )
                ),
                "sessions": _list(
                    _object({"date": _DAY, "kind": _TEXT}, row=_TEXT, title=_nullable(_TEXT))
                ),
                "secretaries_general": _list({"$ref": "#/$defs/bar"}),
            }
        ),
    ),
    "coverage": (
        "`charter coverage --format json`: for each rule of each rulebook covered, the scenarios "
        "where it fires and holds.",
        _object(
            {
                "complete": _BOOL,
                "rules": _list(
                    _object(
                        {
                            "rule": _RULE,
                            "rulebook": _TEXT,
                            "fires": _list(_TEXT),
                            "holds": _list(_TEXT),
                            "complete": _BOOL,
                        },
                        article=_TEXT,
                    )
                ),
            }
        ),
    ),
    "rules": (
        "`charter rules --format json`: the rulebook, in order.",
        _object(
            {
                "rules": _list(
                    _object(
                        {
                            "id": _RULE,
                            "citation": _TEXT,
                            "severity": _SEVERITY,
                            "in_force": _object({"start": _DAY, "end": _nullable(_DAY)}),
                            "summary": _TEXT,
                            "description": _TEXT,
                        }
                    )
                )
            }
        ),
    ),
    "schema": (
        "`charter schema`: the JSON Schema of scenario and proposal files (see the scenario format).",
        _object({"$schema": _TEXT, "$id": _TEXT, "$defs": {"type": "object"}}),
    ),
    "error": (
        "Any command with `--format json` whose input is unreadable or invalid (exit code 2): "
        "one entry per problem; a field is null when the problem has no such place.",
        _object(
            {
                "ok": {"const": False},
                "problems": _list(
                    _object(
                        {
                            "path": _nullable(_TEXT),
                            "line": _nullable(_COUNT),
                            "column": _nullable(_COUNT),
                            "document_path": _nullable(_TEXT),
                            "message": _TEXT,
                        }
                    )
                ),
            }
        ),
    ),
}
"""Each document's description and schema, by the command that prints it."""


def document_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of the document ``name`` prints (a key of ``DOCUMENTS``)."""
    _, body = DOCUMENTS[name]
    version = {
        "format_version": {"const": JSON_VERSION},
        "rulebook": {
            "type": "string",
            "description": "the rulebook the answer is given under (an id charter rulebooks lists); a replay of "
            "files of several rulebooks leaves it out and names it in each scenario",
        },
    }
    if "$ref" in body:
        body = {"allOf": [body, {"required": ["format_version"], "properties": version}]}
    else:
        body = {
            **body,
            "required": sorted({*body["required"], "format_version"}),
            "properties": {**version, **body["properties"]},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:charter:schema:output:{name}:{JSON_VERSION}",
        "title": f"charter {name}, JSON format {JSON_VERSION}",
        **body,
        "$defs": _DEFS,
    }


def documents_markdown() -> str:
    """The reference page of the JSON documents (docs/json-output.md)."""
    lines = [
        "# JSON output",
        "",
        "Generated by `make docs` from charter's own definitions; do not edit by hand.",
        "",
        "Every command takes `--format json` and prints exactly one JSON document. Each document",
        f'carries `"format_version": {JSON_VERSION}`, the version of its shape: it changes only',
        "when a key changes meaning, and new keys may be added without a change. The schemas below",
        "name the keys a program may rely on; objects may hold more. `null` means the value is not",
        "known or not decided (never a guess); an empty list means there are none.",
        "",
    ]
    for name, (text, _) in DOCUMENTS.items():
        lines += [f"## {name}", "", text, "", "```json"]
        schema = document_schema(name)
        del schema["$defs"]
        lines += [json.dumps(schema, indent=2, ensure_ascii=False), "```", ""]
    lines += [
        "## Shared definitions",
        "",
        "The `$defs` every schema above refers to.",
        "",
        "```json",
        json.dumps(_DEFS, indent=2, ensure_ascii=False),
        "```",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover  (make docs: python -m charter.output._documents)
    import sys

    sys.stdout.write(documents_markdown())
