"""The ``charter`` command: replay, check, chair, members, rules, schema.

Exit codes: 0 when every scenario meets its expectations, 1 when one does not
(or a checked proposal has an error), 2 when an input is unreadable or invalid;
then each problem is one line on standard error, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from charter.cli._arguments import _parser
from charter.cli._asking import (
    _cmd_chair,
    _cmd_explain,
    _cmd_members,
    _cmd_rulebooks,
    _cmd_rules,
    _cmd_schema,
    _cmd_serve,
    _cmd_sg,
    _cmd_simulate,
    _cmd_status,
    _cmd_timeline,
)
from charter.cli._output import (
    EXIT_INVALID,
    EXIT_OK,
    _Closed,
    _err,
    _out,
    _OutputError,
    _problems,
    _quiet_stdout,
    _wanted_format,
    _why,
)
from charter.cli._replaying import _cmd_check, _cmd_coverage, _cmd_replay
from charter.engine.errors import ScenarioError
from charter.files._env import check_environment

__all__ = ["_parser", "main"]


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


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
