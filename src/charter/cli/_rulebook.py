"""The commands about the rulebooks themselves: rules, schema, rulebooks, and serve."""

from __future__ import annotations

import argparse
from pathlib import Path

from charter.cli._output import (
    EXIT_OK,
    _emit,
    _out,
)
from charter.engine._choosing import chosen
from charter.engine.errors import ScenarioError
from charter.files._files import is_folder

__all__ = ["_cmd_rulebooks", "_cmd_rules", "_cmd_schema", "_cmd_serve"]


def _cmd_rules(args: argparse.Namespace) -> int:
    from charter.output.rulebook import rules_json, rules_markdown

    document = rules_json()
    if args.examples is not None and not args.markdown:
        raise ScenarioError.single("--examples", "is used with --markdown only")
    if args.examples is not None and not is_folder(Path(args.examples)):
        raise ScenarioError.single(
            args.examples, "no such folder (expected the rules' example scenarios)"
        )
    if args.markdown:
        _out(rules_markdown(Path(args.examples) if args.examples else None).rstrip("\n"))
        return EXIT_OK
    lines = []
    for entry in document["rules"]:
        end = entry["in_force"]["end"] or "open"
        other = entry["severity_note"].split(",", 1)[0] if entry["severity_note"] else None
        severity = f"{entry['severity']} or {other}" if other else entry["severity"]
        lines.append(f"{entry['id']}  [{severity}]  in force [{entry['in_force']['start']}, {end})")
        lines.append(f"    {entry['summary']}")
        if entry["severity_note"]:
            lines.append(f"    severity: {entry['severity_note']}")
        lines.append(f"    {entry['citation']}")
    _emit(document, "\n".join(lines), args.format, chosen(args))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from charter.output._schema import file_schema

    _emit(file_schema(), "", "json")
    return EXIT_OK


def _cmd_rulebooks(args: argparse.Namespace) -> int:
    from charter.engine._choosing import rulebooks_document

    document, text = rulebooks_document()
    _emit(document, text, args.format)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    try:
        from charter.web import serve
    except ImportError as exc:
        raise ScenarioError.single(
            "charter serve",
            f"the web extra is not installed ({exc.name or exc}): pip install 'charter[web]'",
        ) from None
    serve(
        args.host,
        args.port,
        workers=args.workers,
        timeout=args.timeout,
        cors_origins=args.cors,
    )
    return EXIT_OK
