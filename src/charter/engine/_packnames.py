"""The names of the installed rulebook packs, read from their entry points without loading one.

Kept apart from ``charter.engine.packs`` (which needs pydantic) so that quick queries
(``charter chair --rulebook csto``) check the name they are given and start fast.
"""

from __future__ import annotations

import difflib
from functools import cache
from importlib.metadata import EntryPoint, entry_points

__all__ = [
    "DEFAULT_RULEBOOK",
    "ENTRY_POINT_GROUP",
    "pack_entries",
    "pack_module",
    "rulebook_ids",
    "unknown_rulebook",
]

ENTRY_POINT_GROUP = "charter.rulebooks"
"""The entry-point group through which rulebook packs are found."""

DEFAULT_RULEBOOK = "csto"
"""The rulebook of a file, or a command, that names none."""


@cache
def pack_entries() -> tuple[EntryPoint, ...]:
    """The entry points of the group, read once per process (``charter.engine.packs.forget``
    reads them again)."""
    return tuple(entry_points(group=ENTRY_POINT_GROUP))


def rulebook_ids() -> tuple[str, ...]:
    """The ids of the installed rulebook packs, sorted, read without loading any pack.

    >>> "csto" in rulebook_ids()
    True
    """
    return tuple(sorted({entry.name for entry in pack_entries()}))


def pack_module(rulebook: str) -> str | None:
    """The module that holds ``rulebook``'s pack, as its entry point names it (not imported).

    >>> pack_module("csto")
    'charter.rulebooks.csto'
    """
    for entry in pack_entries():
        if entry.name == rulebook:
            return entry.value.partition(":")[0].strip()
    return None


def unknown_rulebook(name: object) -> str:
    """The message for a rulebook id no pack provides, with the closest id when there is one.

    >>> unknown_rulebook("cstp")
    "'cstp' is not an installed rulebook (did you mean 'csto'?)"
    """
    known = rulebook_ids()
    close = difflib.get_close_matches(str(name), known, n=1) if isinstance(name, str) else []
    hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(known)}"
    shown_name = repr(name) if isinstance(name, str) and len(name) <= 60 else "this value"
    return f"{shown_name} is not an installed rulebook ({hint})"
