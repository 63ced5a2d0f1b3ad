"""What the command line writes: standard output whole or a one-line error, problems, exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

from charter.engine.errors import Problem
from charter.files._excerpt import excerpt

__all__ = [
    "EXIT_FAILED",
    "EXIT_INVALID",
    "EXIT_OK",
    "_Closed",
    "_OutputError",
    "_emit",
    "_err",
    "_out",
    "_problems",
    "_quiet_stdout",
    "_wanted_format",
    "_why",
]


EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


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


def _emit(document: dict[str, Any], text: str, fmt: str, rulebook: str | None = None) -> None:
    if fmt == "json":
        from charter.output._json import json_text

        _out(json_text({"rulebook": rulebook, **document} if rulebook else document))
    else:
        _out(text)


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


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that the exit flush cannot fail again."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (AttributeError, OSError, ValueError):
        pass
