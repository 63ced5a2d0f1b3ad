"""The ``charter`` command: replay, check, chair, members, rules, schema.

Exit codes: 0 when every scenario meets its expectations, 1 when one does not
(or a checked proposal has an error), 2 when an input is unreadable or invalid;
then each problem is one line on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charter._days import parse_date
from charter._env import check_environment
from charter._excerpt import excerpt
from charter._files import is_folder, scenario_files
from charter._states import display
from charter.errors import Problem, ScenarioError

if TYPE_CHECKING:
    from charter.engine import History, ScenarioReport
    from charter.picture import Bar, Picture
    from charter.scenario import Proposal, Scenario

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line, like every other bad input."""

    def error(self, message: str) -> Any:
        sys.stderr.write(f"charter: {message} (see: charter --help)\n")
        raise SystemExit(EXIT_INVALID)


def _day(text: str) -> str:
    try:
        parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


_YEAR = re.compile(r"-?[0-9]{1,6}", re.ASCII)


def _year(text: str) -> int:
    """A year on the command line: ASCII digits only (``int()`` would take full-width digits or spaces)."""
    if _YEAR.fullmatch(text) is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year (expected digits, such as 2030)")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="charter",
        description="The CSTO Charter's procedural rules, checked against the record.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(
        name: str, text: str, formats: tuple[str, ...] = ("text", "json")
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("--format", choices=formats, default="text")
        return sub

    replay = command(
        "replay",
        "Replay scenarios (files or folders); no PATH: the embedded record.",
        ("text", "json", "junit"),
    )
    replay.add_argument("paths", nargs="*", metavar="PATH")
    replay.add_argument("--strict", action="store_true", help="unknown facts are errors")
    replay.add_argument("--verbose", "-v", action="store_true", help="show every detail")

    check = command("check", "Check a proposed session against the record (or --history).")
    check.add_argument("file", metavar="FILE")
    check.add_argument("--history", metavar="PATH", help="a scenario to check against")
    check.add_argument("--strict", action="store_true", help="unknown facts are errors")

    for name, text in (
        ("chair", "Which state presides on a date, and who holds its seat."),
        ("members", "The members on a date, and which are suspended or frozen."),
    ):
        sub = command(name, text)
        sub.add_argument("--on", required=True, type=_day, metavar="YYYY-MM-DD")
        sub.add_argument("--history", metavar="PATH", help="a scenario instead of the record")

    explain = command("explain", "Explain who presides on a date, or why a session is valid.")
    which = explain.add_mutually_exclusive_group(required=True)
    which.add_argument("--on", type=_day, metavar="YYYY-MM-DD")
    which.add_argument("--session", metavar="ID")
    explain.add_argument("--history", metavar="PATH", help="a scenario instead of the record")

    picture = command(
        "timeline",
        "Draw a history: membership, chairmanship terms, sessions, Secretaries-General.",
        ("text", "json", "svg", "mermaid"),
    )
    picture.add_argument("path", nargs="?", metavar="PATH", help="a scenario (default: the record)")
    picture.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of printing")
    picture.add_argument("--force", action="store_true", help="replace FILE if it exists")

    simulate = command("simulate", "Project presidencies and hosts year by year after a scenario.")
    simulate.add_argument("scenario", metavar="SCENARIO")
    simulate.add_argument("--until", type=_year, required=True, metavar="YEAR")
    simulate.add_argument(
        "--from", dest="start", type=_year, metavar="YEAR", help="first year shown"
    )

    cover = command(
        "coverage", "Which scenarios exercise each rule, where it fires and where it holds."
    )
    cover.add_argument("paths", nargs="*", metavar="PATH", default=["scenarios"])

    rules = command("rules", "List the rulebook: ids, citations, in-force dates.")
    rules.add_argument("--markdown", action="store_true", help="print the rulebook page")
    rules.add_argument(
        "--examples", metavar="DIR", help="with --markdown: the rules' example scenarios"
    )
    command("schema", "Print the JSON Schema of scenario and proposal files.")
    return parser


def _emit(document: dict[str, Any], text: str, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(text + "\n")


def _load_all(paths: Sequence[str | Path]) -> list[Scenario | Proposal]:
    """Load every file; report the problems of all of them at once."""
    from charter.scenario import load_file

    loaded: list[Scenario | Proposal] = []
    problems: list[Problem] = []
    for file in scenario_files([str(path) for path in paths]):
        try:
            loaded.append(load_file(file))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)
    return loaded


def _run_all(loaded: Sequence[Scenario | Proposal], strict: bool) -> list[ScenarioReport]:
    from charter.check import check_session
    from charter.engine import replay
    from charter.scenario import Proposal

    return [
        check_session(item, strict=strict)
        if isinstance(item, Proposal)
        else replay(item, strict=strict)
        for item in loaded
    ]


def _cmd_replay(args: argparse.Namespace) -> int:
    from charter.record import record_path
    from charter.report import Style, render_report, report_json, report_junit

    files = scenario_files([str(p) for p in args.paths]) if args.paths else [record_path()]
    streamed = [file for file in files if file.suffix.lower() == ".jsonl"]
    reports = _run_all(_load_all([file for file in files if file not in streamed]), args.strict)
    if streamed:  # JSON Lines histories may be large: replayed line by line
        from charter.stream import replay_stream

        reports += [replay_stream(file, strict=args.strict) for file in streamed]
    if args.format == "junit":
        sys.stdout.write(report_junit(reports) + "\n")
    else:
        text = render_report(reports, Style.for_stream(sys.stdout), verbose=args.verbose)
        _emit(report_json(reports), text, args.format)
    return EXIT_OK if all(report.ok for report in reports) else EXIT_FAILED


def _cmd_check(args: argparse.Namespace) -> int:
    from charter.check import check_session
    from charter.report import Style, render_report, report_json
    from charter.scenario import load_proposal, load_scenario

    proposal = load_proposal(args.file)
    history = load_scenario(args.history) if args.history is not None else None
    report = check_session(proposal, history, strict=args.strict)
    text = render_report([report], Style.for_stream(sys.stdout), verbose=True)
    _emit(report_json([report]), text, args.format)
    return EXIT_FAILED if report.errors() or not report.ok else EXIT_OK


def _history(path: str | None) -> History:
    from charter.check import default_history
    from charter.engine import replay
    from charter.scenario import load_scenario

    if path is None:
        return default_history()
    return replay(load_scenario(path)).history


def _answer(args: argparse.Namespace, query: str) -> dict[str, Any]:
    """Answer chair or members: from the record's index (no model import), or by replaying --history."""
    day = parse_date(args.on)
    if args.history is None:
        from charter import _index

        return _index.chair_on(day) if query == "chair" else _index.members_on(day)
    from charter.report import chair_json, members_json

    history = _history(args.history)
    return (
        chair_json(history.chair_on(day))
        if query == "chair"
        else members_json(history.members_on(day))
    )


def _cmd_chair(args: argparse.Namespace) -> int:
    answer = _answer(args, "chair")
    if answer["state"] is None:
        text = f"{answer['date']}: no presiding state is recorded"
    else:
        person = answer["person"] or "seat-holder not recorded"
        text = (
            f"{answer['date']}: {display(answer['state'])} presides (since {answer['since']}); "
            f"its seat: {person}"
        )
    _emit(answer, text, args.format)
    return EXIT_OK


def _cmd_members(args: argparse.Namespace) -> int:
    answer = _answer(args, "members")
    names = ", ".join(display(state) for state in answer["members"]) or "none"
    text = f"{answer['date']}: members: {names}"
    if answer["suspended"]:
        text += f"; suspended: {', '.join(display(state) for state in answer['suspended'])}"
    if answer["frozen"]:
        text += f"; frozen: {', '.join(display(state) for state in answer['frozen'])}"
    _emit(answer, text, args.format)
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    history = _history(args.history)
    try:
        tree = history.explain(on=args.on, session=args.session)
    except KeyError as exc:
        where = args.history or "the embedded record"
        raise ScenarioError.single(where, str(exc.args[0])) from None
    _emit(tree.as_json(), tree.render(), args.format)
    return EXIT_OK


def _cmd_timeline(args: argparse.Namespace) -> int:
    from charter.check import default_history
    from charter.engine import replay
    from charter.picture import picture_of, to_mermaid, to_svg, to_text
    from charter.record import record_scenario
    from charter.scenario import load_scenario

    if args.path is not None:  # '' is a path that names nothing, not the record
        scenario = load_scenario(args.path)
        timeline = replay(scenario).history.timeline
        title = scenario.title or str(args.path)
    else:
        timeline = default_history().timeline
        title = record_scenario().title or "The CSTO record"
    drawn = picture_of(timeline, title)
    if args.format == "svg":
        text = to_svg(drawn)
    elif args.format == "mermaid":
        text = to_mermaid(drawn)
    elif args.format == "json":
        text = json.dumps(picture_json(drawn), indent=2, ensure_ascii=False)
    else:
        text = to_text(drawn)
    if args.output is not None:
        from charter._write import write_file

        write_file(
            args.output,
            text + "\n",
            overwrite=args.force,
            refusal="already exists (use --force to replace it)",
        )
        sys.stderr.write(f"wrote {args.output}\n")
    else:
        sys.stdout.write(text + "\n")
    return EXIT_OK


def picture_json(drawn: Picture) -> dict[str, Any]:
    """The picture's data as JSON."""

    def bars(items: Sequence[Bar]) -> list[dict[str, str]]:
        return [{"start": str(bar.start), "end": str(bar.end), "label": bar.label} for bar in items]

    return {
        "title": drawn.title,
        "start": str(drawn.start),
        "end": str(drawn.end),
        "rows": [
            {
                "state": row,
                "status": bars(drawn.status.get(row, ())),
                "presides": bars(drawn.chair.get(row, ())),
            }
            for row in drawn.rows
        ],
        "sessions": [
            {"date": str(mark.day), "kind": mark.kind.value, "row": mark.row, "title": mark.title}
            for mark in drawn.sessions
        ],
        "secretaries_general": bars(drawn.secretaries),
    }


def _cmd_simulate(args: argparse.Namespace) -> int:
    from charter.engine import replay
    from charter.report import Style, render_report, report_json
    from charter.scenario import Projection, load_scenario

    for option, year in (("--until", args.until), ("--from", args.start)):
        if year is not None and not 1992 <= year <= 2200:
            raise ScenarioError.single(option, f"{year} is not a year from 1992 to 2200")
    if args.start is not None and args.start > args.until:
        raise ScenarioError.single(
            "--from", f"{args.start} comes after --until {args.until} (expected a year up to it)"
        )
    scenario = load_scenario(args.scenario)
    spec = scenario.projection or Projection(until=args.until)
    spec = spec.model_copy(update={"until": args.until, "start": args.start or spec.start})
    report = replay(scenario.model_copy(update={"projection": spec}).located(scenario.origin))
    text = render_report([report], Style.for_stream(sys.stdout), verbose=False)
    _emit(report_json([report]), text, args.format)
    return EXIT_OK if report.ok else EXIT_FAILED


def _cmd_coverage(args: argparse.Namespace) -> int:
    from charter.coverage import article_of, coverage

    loaded = _load_all(args.paths)
    table = coverage(loaded, _run_all(loaded, strict=False))
    lines = []
    for entry in table:
        mark = "ok  " if entry.complete else "MISSING"
        lines.append(
            f"{mark} {entry.rule} ({article_of(entry.rule)}): fires in {len(entry.fires)}, holds in {len(entry.holds)}"
        )
    complete = all(entry.complete for entry in table)
    document = {"complete": complete, "rules": [entry.as_json() for entry in table]}
    _emit(document, "\n".join(lines), args.format)
    return EXIT_OK if complete else EXIT_FAILED


def _cmd_rules(args: argparse.Namespace) -> int:
    from charter.report import rules_json, rules_markdown

    document = rules_json()
    if args.examples is not None and not args.markdown:
        raise ScenarioError.single("--examples", "is used with --markdown only")
    if args.examples is not None and not is_folder(Path(args.examples)):
        raise ScenarioError.single(
            args.examples, "no such folder (expected the rules' example scenarios)"
        )
    if args.markdown:
        sys.stdout.write(rules_markdown(Path(args.examples) if args.examples else None))
        return EXIT_OK
    lines = []
    for entry in document["rules"]:
        end = entry["in_force"]["end"] or "open"
        lines.append(
            f"{entry['id']}  [{entry['severity']}]  in force [{entry['in_force']['start']}, {end})"
        )
        lines.append(f"    {entry['summary']}")
        lines.append(f"    {entry['citation']}")
    _emit(document, "\n".join(lines), args.format)
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from charter.scenario import json_schema

    document = json_schema()
    _emit(document, json.dumps(document, indent=2), "json")
    return EXIT_OK


_COMMANDS = {
    "replay": _cmd_replay,
    "check": _cmd_check,
    "chair": _cmd_chair,
    "members": _cmd_members,
    "explain": _cmd_explain,
    "timeline": _cmd_timeline,
    "simulate": _cmd_simulate,
    "coverage": _cmd_coverage,
    "rules": _cmd_rules,
    "schema": _cmd_schema,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        check_environment()  # a bad CHARTER_* value is an error in every command
        return _COMMANDS[args.command](args)
    except ScenarioError as exc:
        # One line per problem; on a terminal, the offending line of the file under it.
        show_source = sys.stderr.isatty()
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
            if show_source:
                for line in excerpt(problem.path, problem.line, problem.column):
                    sys.stderr.write(f"    {line}\n")
        return EXIT_INVALID
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
