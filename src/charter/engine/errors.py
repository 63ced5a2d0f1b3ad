"""The exception tree: bad input raises ``ScenarioError``; Charter breaches are values, not errors.

A scenario that breaks the Charter yields ``Violation`` values in a report. A file
that cannot be read as a scenario raises ``ScenarioError``, which knows where the
problem is. Anything else that propagates is a bug in charter.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "CONTROL",
    "CharterError",
    "DateError",
    "Problem",
    "ScenarioError",
    "control_message",
    "printable",
    "shown",
]

SHOWN_CHARACTERS = 60
"""How much of a value an error message quotes; a longer value is cut, with its length."""


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters no string in a scenario may hold: C0 and C1 controls (tab and line breaks aside),
lone surrogates and the noncharacters U+FFFE and U+FFFF (none of them is text, nor allowed in XML).

YAML refuses them written raw; an escape (``"\\e"``, ``"\\0"``, ``\\u001b``) would let them
in, to reach a terminal or an XML report.
"""


def control_message(text: str) -> str:
    """The message for a string holding a control character.

    >>> control_message("Ra\\x1bhmon")
    "'Ra\\\\x1bhmon' holds the control character U+001B (expected printable text)"
    """
    found = CONTROL.search(text)
    assert found is not None
    code = ord(found.group())
    what = (
        f"U+{code:04X}, a lone surrogate"
        if 0xD800 <= code <= 0xDFFF
        else f"U+{code:04X}, a noncharacter"
        if code >= 0xFFFE
        else f"the control character U+{code:04X}"
    )
    return f"{_escaped(shown(text))} holds {what} (expected printable text)"


def _escaped(text: str) -> str:
    """A quoted value safe to encode: a lone surrogate written as its escape."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def printable(text: str) -> str:
    """``text`` with every control character written as an escape, so a terminal shows it as text.

    >>> printable("a\\x1b[2Jb\\tc")
    'a\\\\x1b[2Jb\\tc'
    """
    return CONTROL.sub(lambda found: repr(found.group())[1:-1], text)


class CharterError(Exception):
    """The root of every error charter raises on purpose."""


class DateError(CharterError, ValueError):
    """A day given to a library function is not a ``YYYY-MM-DD`` day in the supported span."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, and where it is.

    ``line`` and ``column`` count from 1; they are 0 when the problem has no
    position in the file (a missing file, say). ``where`` is the path inside the
    document, such as ``events[3].session.date``.

    >>> str(Problem("s.yaml", 14, 9, "events[3].date", "'2024-13-01' is not a date"))
    "s.yaml:14:9: events[3].date: '2024-13-01' is not a date"
    >>> str(Problem("gone.yaml", 0, 0, "", "no such file"))
    'gone.yaml: no such file'
    """

    path: str
    line: int
    column: int
    where: str
    message: str

    def __str__(self) -> str:
        place = self.path if self.line == 0 else f"{self.path}:{self.line}:{self.column}"
        text = (
            f"{place}: {self.where}: {self.message}" if self.where else f"{place}: {self.message}"
        )
        # One problem, one line: a line break that slipped into a message (or a file name) is
        # flattened, and a control character in a name given on the command line is escaped.
        lines = printable(text).splitlines()
        return lines[0] if len(lines) == 1 else " ".join(lines)


class ScenarioError(CharterError, ValueError):
    """An input file is missing, unreadable, or not a valid scenario.

    It carries every problem found, each with its file, line, column and the path
    inside the document; ``str()`` gives one line per problem.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @classmethod
    def single(
        cls, path: str, message: str, line: int = 0, column: int = 0, where: str = ""
    ) -> ScenarioError:
        """An error with one problem."""
        return cls([Problem(path, line, column, where, message)])


def shown(value: object) -> str:
    """A value as an error message quotes it: its ``repr``, cut short when it is long.

    A file may hold a value of megabytes; the message names it without copying it.

    >>> shown("FRA")
    "'FRA'"
    >>> shown("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'... (100 characters)"
    """
    if isinstance(value, str) and len(value) > SHOWN_CHARACTERS:
        return f"{value[: SHOWN_CHARACTERS - 2]!r}... ({len(value)} characters)"
    text = reprlib.repr(value) if isinstance(value, list | dict | tuple) else repr(value)
    return text if len(text) <= SHOWN_CHARACTERS else f"{text[: SHOWN_CHARACTERS - 3]}..."
