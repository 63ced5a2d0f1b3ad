"""Source excerpts for diagnostics: the offending line of a file, with a marker under the key."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["excerpt"]

_TOKEN = re.compile(r"[A-Za-z0-9_.\-']+")


@lru_cache(maxsize=64)
def _lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8-sig").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def excerpt(path: str | None, line: int, column: int) -> list[str]:
    """The numbered line at ``line`` and a caret marker under the token at ``column``.

    Returns no lines when the file or the line cannot be read.
    """
    if path is None or line < 1:
        return []
    lines = _lines(path)
    if line > len(lines):
        return []
    text = lines[line - 1].replace("\t", " ")
    match = _TOKEN.match(text, max(column - 1, 0))
    width = max(len(match.group(0)) if match else 1, 1)
    number = str(line)
    gutter = " " * len(number)
    return [
        f"{gutter} |",
        f"{number} | {text}",
        f"{gutter} | {' ' * max(column - 1, 0)}{'^' * width}",
    ]
