"""The ``charter`` command's entry point: Ctrl-C during start-up is one line too.

Importing the command line takes a moment; an interrupt that arrives then, before
``charter.cli.main`` can handle it, ends the same way as one that arrives later:
one line and exit code 130.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
from collections.abc import Callable
from typing import NoReturn

__all__ = ["run"]

INTERRUPTED = 130


def run() -> NoReturn:
    """Import the command line, run it, and leave with its exit code (130 if interrupted).

    The process ends at once, its output flushed, without the interpreter's teardown:
    freeing every object a replay built and every module imported took about a tenth of
    a short command's time, and nothing is left to do by then (files are written and
    closed by the one writer, a server has stopped). It leaves the usual way when
    something waits for the end: a profiler or a tracer (``python -m cProfile``, a
    debugger, coverage) or a function registered to run at exit.
    """
    if hasattr(signal, "SIGXFSZ"):  # past `ulimit -f`, a write fails (one line), not the process
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    # pydantic looks for plugins among every installed distribution the first time a model
    # is built; the command uses none, so it skips the search unless told otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        from charter.cli import main  # noqa: PLC0415 - the import is what may be interrupted

        code = main()
    except KeyboardInterrupt:
        if sys.stderr is not None:
            sys.stderr.write("charter: interrupted\n")
        code = INTERRUPTED
    if code != INTERRUPTED and _watched():
        sys.exit(code)
    # Leaving this way also keeps an interrupt the interpreter saw in flight from turning
    # a clean exit into a death by SIGINT (exit status -2): the code promised is the code.
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def _watched() -> bool:
    """Whether anything waits for the interpreter's own exit: a profiler, a tracer, or
    a function registered with ``atexit`` (counted where the interpreter can say)."""
    callbacks: Callable[[], int] = getattr(atexit, "_ncallbacks", lambda: 1)
    return sys.getprofile() is not None or sys.gettrace() is not None or callbacks() > 0
