"""The command line's parser: every command, option and help text (the reference pages read it)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any

from charter.cli._output import (
    EXIT_OK,
    _err,
    _out,
)
from charter.engine._choosing import RULEBOOK_HELP, rulebook_name
from charter.engine._days import parse_date
from charter.engine.errors import ScenarioError

__all__ = ["_HISTORY_HELP", "_STRICT_HELP", "_day", "_parser", "_within", "_year"]


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
