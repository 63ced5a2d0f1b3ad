"""The ``charter`` command: replay, check, chair, members, rules, schema.

Exit codes: 0 when every scenario meets its expectations, 1 when one does not
(or a checked proposal has an error), 2 when an input is unreadable or invalid;
then each problem is one line on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charter.engine._choosing import RULEBOOK_HELP, agreeing, chosen, rulebook_name
from charter.engine._days import parse_date
from charter.engine._packnames import DEFAULT_RULEBOOK
from charter.engine.errors import Problem, ScenarioError
from charter.files._env import check_environment
from charter.files._excerpt import excerpt
from charter.files._files import is_folder, scenario_files
from charter.files._inputs import STDIO
from charter.files._inputs import load as _load
from charter.files._inputs import load_proposal_from as _proposal
from charter.files._inputs import load_scenario_from as _scenario

if TYPE_CHECKING:
    from charter.engine.replaying import History, ScenarioReport
    from charter.files.scenario import Proposal, Scenario

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are bad input like any other: one line (or JSON), exit 2."""

    def error(self, message: str) -> Any:
        raise ScenarioError.single("charter", f"{message} (see: charter --help)")

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:  # help and usage go through the guarded writer too
            _err(message.rstrip("\n")) if file is sys.stderr else _out(message.rstrip("\n"))


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked (start-up stays quick)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print charter's version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        from importlib.metadata import version

        _out(f"charter {version('charter')}")
        raise SystemExit(EXIT_OK)


def _day(text: str) -> str:
    try:
        parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


_FORMAT_HELP = {
    "text": "text for people",
    "json": "one JSON document for programs",
    "junit": "JUnit XML for CI systems",
    "svg": "an SVG picture",
    "mermaid": "a Mermaid chart",
}
_HISTORY_HELP = "a scenario file to answer from instead of the embedded record"
_STRICT_HELP = "treat facts the record cannot confirm as errors, not as unknown"


class _Completion(argparse.Action):
    """``--completion SHELL``: print the shell's completion script, generated from this parser."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from charter.output._completion import completion_script

        _out(completion_script(_parser(), str(values)).rstrip("\n"))
        raise SystemExit(EXIT_OK)


_YEAR = re.compile(r"-?[0-9]{1,6}", re.ASCII)


def _year(text: str) -> int:
    """A year on the command line: ASCII digits only (``int()`` would take full-width digits or spaces)."""
    if _YEAR.fullmatch(text) is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year (expected digits, such as 2030)")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="charter",
        description="Charters' procedural rules, checked against each organisation's record "
        "(charter rulebooks lists them).",
        epilog="Exit codes: 0 the answer is yes (every file met its expectations; the proposal "
        "keeps the Charter), 1 it is no, 2 an input or argument is invalid. "
        "See docs/verdicts.md.",
    )
    parser.add_argument("--version", action=_Version)
    parser.add_argument(
        "--completion",
        action=_Completion,
        choices=("bash", "zsh", "fish"),
        metavar="SHELL",
        help="print the completion script for bash, zsh or fish, and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(
        name: str, text: str, formats: tuple[str, ...] = ("text", "json"), *, packs: bool = True
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        if packs:
            sub.add_argument(
                "--rulebook", type=rulebook_name, metavar="ID", default=None, help=RULEBOOK_HELP
            )
        choices = ", ".join(f"{fmt}: {_FORMAT_HELP[fmt]}" for fmt in formats)
        sub.add_argument(
            "--format", choices=formats, default="text", help=f"output ({choices}; default text)"
        )
        sub.add_argument(
            "--color",
            choices=("auto", "always", "never"),
            default="auto",
            help="colour the text: auto (a terminal; FORCE_COLOR, NO_COLOR), always or never",
        )
        return sub

    replay = command(
        "replay",
        "Replay scenarios (files or folders) and judge their expectations; no PATH: the embedded record.",
        ("text", "json", "junit"),
    )
    replay.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="scenario files (.yaml, .yml, .json, .jsonl), or folders to search for them",
    )
    replay.add_argument("--strict", action="store_true", help=_STRICT_HELP)
    replay.add_argument(
        "--verbose", "-v", action="store_true", help="show every file in full, passing or not"
    )

    check = command(
        "check",
        "Check a proposed session: does it keep the Charter on its date? (exit 0 yes, 1 no)",
    )
    check.add_argument("file", metavar="FILE", help="a proposal file holding one `session:`")
    check.add_argument(
        "--history", metavar="PATH", help="a scenario to check against instead of the record"
    )
    check.add_argument("--strict", action="store_true", help=_STRICT_HELP)

    for name, text in (
        ("chair", "Which state presides on a date, and who holds its seat."),
        ("members", "The members on a date, and which are suspended or frozen."),
    ):
        sub = command(name, text)
        sub.add_argument(
            "--on", required=True, type=_day, metavar="YYYY-MM-DD", help="the day asked about"
        )
        sub.add_argument("--history", metavar="PATH", help=_HISTORY_HELP)

    sg = command(
        "sg", "Who is Secretary General on a date (known, vacant, not known or not decided)."
    )
    sg.add_argument(
        "--on", required=True, type=_day, metavar="YYYY-MM-DD", help="the day asked about"
    )
    sg.add_argument("--history", metavar="PATH", help=_HISTORY_HELP)

    status = command("status", "A state's membership status on a date, and any contested reading.")
    status.add_argument("state", metavar="STATE", help="an ISO 3166-1 alpha-3 code, such as FRA")
    status.add_argument(
        "--on", required=True, type=_day, metavar="YYYY-MM-DD", help="the day asked about"
    )
    status.add_argument("--history", metavar="PATH", help=_HISTORY_HELP)

    _more_commands(command, commands)
    return parser


def _more_commands(command: Any, commands: Any) -> None:
    """The commands that explain, draw, project, cover, list and serve."""
    explain = command("explain", "Explain who presides on a date, or why a session is valid.")
    which = explain.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--on", type=_day, metavar="YYYY-MM-DD", help="explain who presides on this day"
    )
    which.add_argument("--session", metavar="ID", help="explain this session, rule by rule")
    explain.add_argument("--history", metavar="PATH", help=_HISTORY_HELP)

    picture = command(
        "timeline",
        "Draw a history: membership, chairmanship terms, sessions, Secretaries-General.",
        ("text", "json", "svg", "mermaid"),
    )
    picture.add_argument("path", nargs="?", metavar="PATH", help="a scenario (default: the record)")
    picture.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE instead of printing ('-': print)"
    )
    picture.add_argument("--force", action="store_true", help="replace FILE if it exists")

    simulate = command(
        "simulate",
        "Project presidencies and hosts year by year after a scenario (a projection, not a record).",
    )
    simulate.add_argument(
        "scenario",
        metavar="SCENARIO",
        help="the scenario to project from (its events, then rotation)",
    )
    simulate.add_argument(
        "--until", type=_year, required=True, metavar="YEAR", help="the last year projected"
    )
    simulate.add_argument(
        "--from",
        dest="start",
        type=_year,
        metavar="YEAR",
        help="the first year shown (default: the year after the scenario's history ends)",
    )

    cover = command(
        "coverage", "Which scenarios exercise each rule, where it fires and where it holds."
    )
    cover.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        default=["scenarios"],
        help="scenario files or folders (default: scenarios)",
    )

    rules = command("rules", "List the rulebook: ids, citations, severities, in-force dates.")
    rules.add_argument("--markdown", action="store_true", help="print the rulebook page")
    rules.add_argument(
        "--examples", metavar="DIR", help="with --markdown: the rules' example scenarios"
    )
    command("schema", "Print the JSON Schema of scenario and proposal files.", packs=False)
    command(
        "rulebooks", "List the installed rulebook packs (the Charters charter runs).", packs=False
    )

    text = "Serve the JSON API and the pages over HTTP (needs: pip install 'charter[web]')."
    serve = commands.add_parser("serve", help=text, description=text)
    serve.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    serve.add_argument(
        "--port", type=_within(1, 65535, "a port"), default=8000, help="default: 8000"
    )
    serve.add_argument(
        "--workers", type=_within(1, 64, "a number of workers"), default=1, help="default: 1"
    )
    serve.add_argument(
        "--timeout",
        type=_within(0.1, 3600, "seconds", whole=False),
        default=10.0,
        metavar="SECONDS",
        help="a request's time limit (default: 10)",
    )
    serve.add_argument(
        "--cors",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="an origin allowed to call the API from a browser (repeatable; default: none)",
    )


def _out(text: str) -> None:
    """Write a line to standard output; a closed or full output is reported, not a traceback.

    Written straight to the file descriptor, every byte accounted for: a buffered
    stream may drop what a short write left over (a file past ``ulimit -f``) and say so
    only at the next write, if there is one.
    """
    stream = sys.stdout
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):  # replaced by a caller: write through it
        descriptor = -1
    try:
        if descriptor < 0:
            stream.write(text + "\n")
            return
        stream.flush()
        data = memoryview(
            (text + "\n").encode(stream.encoding or "utf-8", stream.errors or "strict")
        )
        while data:
            data = data[os.write(descriptor, data) :]
    except OSError as exc:
        raise _OutputError(_why(exc)) from None


class _OutputError(Exception):
    """Standard output cannot be written (closed, full, or a broken pipe)."""


class _Closed:
    """Stands for a standard output the process was started without: every write fails."""

    def write(self, text: str) -> int:
        raise _OutputError("standard output is closed")

    def flush(self) -> None:
        """Nothing was written."""

    def isatty(self) -> bool:
        """Not a terminal."""
        return False


def _why(exc: OSError) -> str:
    if isinstance(exc, BrokenPipeError):
        return "standard output was closed by its reader"
    return f"cannot write to standard output: {exc.strerror or exc}"


def _within(low: float, high: float, what: str, whole: bool = True) -> Any:
    """An argument type: a number from ``low`` to ``high`` (whole, unless told), else one line."""

    def read(text: str) -> float:
        try:
            value = int(text) if whole else float(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what} from {low:g} to {high:g}")
        return value

    return read


def _emit(document: dict[str, Any], text: str, fmt: str, rulebook: str | None = None) -> None:
    if fmt == "json":
        from charter.output._json import json_text

        _out(json_text({"rulebook": rulebook, **document} if rulebook else document))
    else:
        _out(text)


def _scenario_files(paths: Sequence[str]) -> list[Path]:
    """The files named, folders searched; ``-`` (standard input) at most once."""
    if sum(name == STDIO for name in paths) > 1:
        raise ScenarioError.single(STDIO, "standard input can be read only once")
    files: list[Path] = []
    for name in paths:
        files.extend([Path(name)] if name == STDIO else scenario_files([name]))
    return files


def _load_all(paths: Sequence[str | Path]) -> list[Scenario | Proposal]:
    """Load every file; report the problems of all of them at once."""
    loaded: list[Scenario | Proposal] = []
    problems: list[Problem] = []
    for file in scenario_files([str(path) for path in paths]):
        try:
            loaded.append(_load(str(file)))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)
    return loaded


def _run_all(loaded: Sequence[Scenario | Proposal], strict: bool) -> list[ScenarioReport]:
    """Replay each file; a proposal is checked, but judged as replay judges: by its expectations."""
    from charter.output.documents import replayed

    return [replayed(item, strict=strict) for item in loaded]


def _replay_junit(files: Sequence[Path], strict: bool) -> int:
    """Replay each file on its own, timed; a file that cannot be read is an ``<error>``."""
    import time

    from charter.engine.stream import replay_stream
    from charter.output._junit import Unreadable, junit_document

    results: list[ScenarioReport | Unreadable] = []
    seconds: list[float] = []
    for file in files:
        started = time.perf_counter()
        try:
            if file.suffix == ".jsonl":
                results.append(replay_stream(file, strict=strict))
            else:
                results.append(_run_all(_load_all([file]), strict)[0])
        except ScenarioError as exc:
            results.append(Unreadable(str(file), tuple(exc.problems)))
        seconds.append(time.perf_counter() - started)
    _out(junit_document(results, seconds))
    if any(isinstance(result, Unreadable) for result in results):
        return EXIT_INVALID
    passed = all(isinstance(result, Unreadable) or result.expectations_met for result in results)
    return EXIT_OK if passed else EXIT_FAILED


def _cmd_replay(args: argparse.Namespace) -> int:
    from charter.engine.record import record_path
    from charter.output.report import Style, report_json
    from charter.output.verdicts import render_replay

    files = (
        _scenario_files([str(p) for p in args.paths]) if args.paths else [record_path(chosen(args))]
    )
    if args.format == "junit":
        return _replay_junit(files, args.strict)
    streamed = [file for file in files if file.suffix.lower() == ".jsonl"]
    loaded = _load_all([file for file in files if file not in streamed])
    agreeing(args, loaded)
    reports = _run_all(loaded, args.strict)
    if streamed:  # JSON Lines histories may be large: replayed line by line
        from charter.engine.stream import replay_stream

        reports += [replay_stream(file, strict=args.strict) for file in streamed]
        if args.rulebook is not None and any(r.rulebook != args.rulebook for r in reports):
            raise ScenarioError.single(
                "PATH", f"a JSON Lines file belongs to another rulebook than {args.rulebook!r}"
            )
    text = render_replay(reports, Style.for_stream(sys.stdout, args.color), verbose=args.verbose)
    _emit(report_json(reports), text, args.format)
    return EXIT_OK if all(report.expectations_met for report in reports) else EXIT_FAILED


def _cmd_check(args: argparse.Namespace) -> int:
    from charter.engine.check import check_session
    from charter.output.report import Style, report_json
    from charter.output.verdicts import render_check

    proposal = _proposal(args.file)
    history = _scenario(args.history) if args.history is not None else None
    agreeing(args, [proposal] if history is None else [proposal, history])
    report = check_session(proposal, history, strict=args.strict)
    against = f"the history in {args.history}" if args.history else "the embedded record"
    rules = f"the rules in force on {proposal.date}"
    style = Style.for_stream(sys.stdout, args.color)
    text = render_check(report, style, against=f"{against}, {rules}")
    _emit(report_json([report]), text, args.format)
    return EXIT_OK if report.ok else EXIT_FAILED


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

    if args.history is None and chosen(args) == _index.RULEBOOK:
        return _index.chair_on(day) if query == "chair" else _index.members_on(day)
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

    if args.history is None and chosen(args) == _index.RULEBOOK:
        names: dict[str, str] = _index.load_index()["names"]
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


def _cmd_coverage(args: argparse.Namespace) -> int:
    from charter.engine.coverage import article_of, coverage

    loaded = _load_all(args.paths)
    if args.rulebook is not None:  # the files of the rulebook asked for, of those found
        loaded = [item for item in loaded if item.rulebook == args.rulebook]
    named = sorted({item.rulebook for item in loaded}, key=lambda name: name != DEFAULT_RULEBOOK)
    covered = [args.rulebook] if args.rulebook is not None else named or [DEFAULT_RULEBOOK]
    reports = _run_all(loaded, strict=False)
    table = [entry for name in covered for entry in coverage(loaded, reports, name)]
    lines = []
    for name in covered:
        if len(covered) > 1:
            lines.append(f"rulebook {name}:")
        for entry in table:
            if entry.rulebook != name:
                continue
            mark = "ok  " if entry.complete else "MISSING"
            lines.append(
                f"{mark} {entry.rule} ({article_of(entry.rule, name)}): fires in "
                f"{len(entry.fires)}, holds in {len(entry.holds)}"
            )
    complete = all(entry.complete for entry in table)
    document = {"complete": complete, "rules": [entry.as_json() for entry in table]}
    _emit(document, "\n".join(lines), args.format, covered[0] if len(covered) == 1 else None)
    return EXIT_OK if complete else EXIT_FAILED


def _cmd_rules(args: argparse.Namespace) -> int:
    from charter.output.report import rules_json, rules_markdown

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


_COMMANDS = {
    "replay": _cmd_replay,
    "check": _cmd_check,
    "chair": _cmd_chair,
    "members": _cmd_members,
    "sg": _cmd_sg,
    "status": _cmd_status,
    "explain": _cmd_explain,
    "timeline": _cmd_timeline,
    "simulate": _cmd_simulate,
    "coverage": _cmd_coverage,
    "rules": _cmd_rules,
    "schema": _cmd_schema,
    "rulebooks": _cmd_rulebooks,
    "serve": _cmd_serve,
}


def _wanted_format(argv: Sequence[str]) -> str:
    """The ``--format`` asked for, read before parsing so that a usage error can be JSON too."""
    for index, word in enumerate(argv):
        if word == "--format" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--format="):
            return word.split("=", 1)[1]
    return "text"


def _problems(problems: Sequence[Problem], fmt: str) -> None:
    """Bad input: one line per problem on standard error, and with JSON a document on stdout."""
    if fmt == "json":
        document = {
            "ok": False,
            "problems": [
                {
                    "path": problem.path,
                    "line": problem.line or None,
                    "column": problem.column or None,
                    "document_path": problem.where or None,
                    "message": problem.message,
                }
                for problem in problems
            ],
        }
        from charter.output._json import json_text

        _out(json_text(document))
    show_source = sys.stderr is not None and sys.stderr.isatty()
    for problem in problems:
        _err(str(problem))
        if show_source:
            for line in excerpt(problem.path, problem.line, problem.column):
                _err(f"    {line}")


def _err(text: str) -> None:
    """A line on standard error; if even that is closed, the exit code must say it alone."""
    if sys.stderr is not None:
        try:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()
        except OSError:
            pass


def _run(argv: Sequence[str]) -> int:
    fmt = _wanted_format(argv)
    try:
        check_environment()  # a bad CHARTER_* value is an error in every command
        parser = _parser()
        args = parser.parse_args(argv)
        if args.command is None:
            _out(parser.format_help().rstrip("\n"))
            return EXIT_OK
        return _COMMANDS[args.command](args)
    except ScenarioError as exc:
        _problems(exc.problems, fmt)
        return EXIT_INVALID


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Never a traceback for anything outside charter: bad input exits 2 with one line per
    problem; Ctrl-C exits 130; a closed or full standard output exits 2 with one line.
    """
    if sys.stdout is None:
        sys.stdout = _Closed()
    try:
        try:
            code = _run(list(sys.argv[1:] if argv is None else argv))
        except SystemExit as exc:  # --help and --version end here, after printing
            code = exc.code if isinstance(exc.code, int) else EXIT_OK
        try:
            sys.stdout.flush()
        except OSError as exc:
            raise _OutputError(_why(exc)) from None
        return code
    except KeyboardInterrupt:
        _err("charter: interrupted")
        return 130
    except _OutputError as exc:
        _quiet_stdout()
        _err(f"charter: {exc}")
        return EXIT_INVALID


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that the exit flush cannot fail again."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (AttributeError, OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
