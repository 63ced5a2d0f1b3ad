"""Which rulebook a command answers from: ``--rulebook``, the files it reads, or the default.

A file names its rulebook (``rulebook: ID``; none named means the default rulebook). A
command that reads no file answers from the rulebook ``--rulebook`` names; one
that reads files answers from theirs, and ``--rulebook``, when given, must agree
with every one of them: a file of another rulebook is bad input, named with its
path, never read under the wrong rules.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any, Protocol

from charter.engine._packnames import DEFAULT_RULEBOOK, rulebook_ids, unknown_rulebook
from charter.engine.errors import Problem, ScenarioError

__all__ = ["RULEBOOK_HELP", "agreeing", "chosen", "rulebook_name", "rulebooks_document"]

RULEBOOK_HELP = (
    f"the rulebook to answer from where no file names one (default: {DEFAULT_RULEBOOK}; "
    "see charter rulebooks)"
)


class _Named(Protocol):
    @property
    def rulebook(self) -> str: ...

    @property
    def origin(self) -> Any: ...


def rulebook_name(text: str) -> str:
    """``--rulebook``'s value: the id of an installed rulebook (read without loading any pack)."""
    if text not in rulebook_ids():
        raise argparse.ArgumentTypeError(unknown_rulebook(text))
    return text


def chosen(args: argparse.Namespace) -> str:
    """The rulebook a command answers from when it reads no file."""
    name: str | None = getattr(args, "rulebook", None)
    return name or DEFAULT_RULEBOOK


def agreeing(args: argparse.Namespace, loaded: Iterable[_Named]) -> None:
    """Refuse, one line per file, any file whose rulebook is not the one ``--rulebook`` names."""
    wanted: str | None = getattr(args, "rulebook", None)
    if wanted is None:
        return
    problems = [
        Problem(
            item.origin.path if item.origin is not None else "the file",
            0,
            0,
            "rulebook",
            f"belongs to rulebook {item.rulebook!r}, not {wanted!r} (--rulebook {wanted})",
        )
        for item in loaded
        if item.rulebook != wanted
    ]
    if problems:
        raise ScenarioError(problems)


def rulebooks_document() -> tuple[dict[str, Any], str]:
    """The ``charter rulebooks`` document and its text: every installed pack, by id."""
    from charter.engine.packs import rulebooks  # noqa: PLC0415 (loads every pack)

    entries = [
        {
            "id": pack.id,
            "name": pack.name,
            "organisation": pack.organisation,
            "description": pack.description,
            "rules": list(pack.rule_ids()),
            "statuses": list(pack.vocabulary.statuses),
            "roles": list(pack.vocabulary.roles),
            "capacities": list(pack.vocabulary.capacities),
            "session_kinds": list(pack.vocabulary.session_kinds),
            "bodies": list(pack.vocabulary.bodies),
            "rotation_orders": sorted(pack.rotation_orders),
            "scenarios": pack.scenarios,
            "default": pack.id == DEFAULT_RULEBOOK,
        }
        for pack in rulebooks()
    ]
    lines = []
    for pack in rulebooks():
        default = " (the default)" if pack.id == DEFAULT_RULEBOOK else ""
        lines.append(f"{pack.id}{default}: {pack.name}, {pack.organisation}")
        lines.append(f"    {len(pack.rules)} rules; scenarios in {pack.scenarios}/")
        lines.append(f"    {pack.description}")
    return {"rulebooks": entries}, "\n".join(lines)
