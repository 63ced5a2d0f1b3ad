"""The commands that answer: of a history (chair, members, sg, status, explain, timeline,
simulate), of the rulebooks themselves (rules, schema, rulebooks), and serve.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charter.cli._output import EXIT_FAILED, EXIT_OK, _emit, _out
from charter.engine._choosing import agreeing, chosen
from charter.engine._days import parse_date
from charter.engine.errors import ScenarioError
from charter.files._files import is_folder
from charter.files._inputs import STDIO
from charter.files._inputs import load_scenario_from as _scenario

if TYPE_CHECKING:
    from charter.engine.results import History

__all__ = [
    "_cmd_chair",
    "_cmd_explain",
    "_cmd_members",
    "_cmd_rulebooks",
    "_cmd_rules",
    "_cmd_schema",
    "_cmd_serve",
    "_cmd_sg",
    "_cmd_simulate",
    "_cmd_status",
    "_cmd_timeline",
    "_history",
]


def _history(path: str | None, args: argparse.Namespace) -> History:
    from charter.engine.check import default_history
    from charter.engine.replaying import replay

    if path is None:
        return default_history(chosen(args))
    scenario = _scenario(path)
    agreeing(args, [scenario])
    args.rulebook = scenario.rulebook  # the answer names the file's rulebook
    return replay(scenario).history


def _answer(args: argparse.Namespace, query: str) -> dict[str, Any]:
    """Answer chair or members: from the record's index (no model import), or by replaying --history."""
    day = parse_date(args.on)
    from charter.engine import _index

    name = chosen(args)
    if args.history is None and _index.has_index(name):
        found = _index.chair_on if query == "chair" else _index.members_on
        return found(day, rulebook=name)
    from charter.output.report import chair_json, members_json

    history = _history(args.history, args)
    return (
        chair_json(history.chair_on(day))
        if query == "chair"
        else members_json(history.members_on(day))
    )


def _state_names(args: argparse.Namespace) -> dict[str, str]:
    """The names of states for an answer: the index's on the quick path, else the rulebook's."""
    from charter.engine import _index

    if args.history is None and _index.has_index(chosen(args)):
        names: dict[str, str] = _index.load_index(chosen(args))["names"]
        return names
    from charter.engine._installed import names as rulebook_names

    return rulebook_names(chosen(args))


def _cmd_chair(args: argparse.Namespace) -> int:
    from charter.engine._index import chair_text

    answer = _answer(args, "chair")
    _emit(answer, chair_text(answer, _state_names(args)), args.format, chosen(args))
    return EXIT_OK


def _cmd_sg(args: argparse.Namespace) -> int:
    from datetime import date

    from charter.engine.answers import sg_json, sg_text

    answer = _history(args.history, args).secretary_general(date.fromisoformat(args.on))
    _emit(sg_json(answer), sg_text(answer), args.format, chosen(args))
    return EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    from datetime import date

    from charter.engine._iso3166 import ALPHA3
    from charter.engine.answers import status_json, status_text

    if args.state not in ALPHA3:
        raise ScenarioError.single(
            "STATE",
            f"{args.state!r} is not a state code (expected ISO 3166-1 alpha-3, such as FRA)",
        )
    answer = _history(args.history, args).status(args.state, date.fromisoformat(args.on))
    _emit(status_json(answer), status_text(answer), args.format, chosen(args))
    return EXIT_OK


def _cmd_members(args: argparse.Namespace) -> int:
    answer = _answer(args, "members")
    known = _state_names(args)

    def display(code: str) -> str:
        return known.get(code, code)

    names = ", ".join(display(state) for state in answer["members"]) or "none"
    text = f"{answer['date']}: members: {names}"
    if answer.get("answer") == "not_known":
        text = f"{answer['date']}: members: not known (before the record's first day)"
    if answer["suspended"]:
        text += f"; suspended: {', '.join(display(state) for state in answer['suspended'])}"
    if answer["frozen"]:
        text += f"; frozen: {', '.join(display(state) for state in answer['frozen'])}"
    ends = answer.get("record_ends")
    if ends and answer["date"] > ends:
        text += f"\n  as last recorded: the record ends on {ends}"
    _emit(answer, text, args.format, chosen(args))
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    history = _history(args.history, args)
    try:
        tree = history.explain(on=args.on, session=args.session)
    except KeyError as exc:
        where = args.history or "the embedded record"
        raise ScenarioError.single(where, str(exc.args[0])) from None
    _emit(tree.as_json(), tree.render(), args.format, chosen(args))
    return EXIT_OK


def _cmd_timeline(args: argparse.Namespace) -> int:
    from charter.engine.check import default_history
    from charter.engine.record import record_scenario
    from charter.engine.replaying import replay
    from charter.output.documents import picture_json
    from charter.output.picture import picture_of, to_mermaid, to_text

    if args.path is not None:  # '' is a path that names nothing, not the record
        scenario = _scenario(args.path)
        agreeing(args, [scenario])
        timeline = replay(scenario).history.timeline
        title = scenario.title or str(args.path)
    else:
        timeline = default_history(chosen(args)).timeline
        title = record_scenario(chosen(args)).title or f"The {chosen(args)} record"
    drawn = picture_of(timeline, title)
    if args.format == "svg":
        from charter.output._svg import to_svg

        text = to_svg(drawn)
    elif args.format == "mermaid":
        text = to_mermaid(drawn)
    elif args.format == "json":
        from charter.output._json import json_text

        rulebook = scenario.rulebook if args.path else chosen(args)
        text = json_text({"rulebook": rulebook, **picture_json(drawn)})
    else:
        text = to_text(drawn)
    if args.output is not None and args.output != STDIO:
        from charter.files._write import write_file

        write_file(
            args.output,
            text + "\n",
            overwrite=args.force,
            refusal="already exists (use --force to replace it)",
        )
        sys.stderr.write(f"wrote {args.output}\n")
    else:
        _out(text)
    return EXIT_OK


def _cmd_simulate(args: argparse.Namespace) -> int:
    from charter.output.documents import check_years, simulation
    from charter.output.report import Style, report_json
    from charter.output.verdicts import render_simulate

    check_years(args.until, args.start)
    scenario = _scenario(args.scenario)
    agreeing(args, [scenario])
    report = simulation(scenario, args.until, args.start, where=args.scenario)
    text = render_simulate(report, Style.for_stream(sys.stdout, args.color))
    _emit(report_json([report]), text, args.format)
    return EXIT_OK if report.ok else EXIT_FAILED


def _cmd_rules(args: argparse.Namespace) -> int:
    from charter.output.rulebook import rules_json, rules_markdown

    document = rules_json(chosen(args))
    if args.examples is not None and not args.markdown:
        raise ScenarioError.single("--examples", "is used with --markdown only")
    if args.examples is not None and not is_folder(Path(args.examples)):
        raise ScenarioError.single(
            args.examples, "no such folder (expected the rules' example scenarios)"
        )
    if args.markdown:
        examples = Path(args.examples) if args.examples else None
        _out(rules_markdown(examples, chosen(args)).rstrip("\n"))
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
