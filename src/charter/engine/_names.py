"""States by name: what the installed rulebook packs call them, for messages and reports.

The engine knows no state's name; each pack lists the names of the states its record
mentions (``Rulebook.state_names``). A code no pack names is shown as it is.
"""

from __future__ import annotations

from functools import cache

__all__ = ["display", "names"]

UNRECORDED = "an unrecorded state"
"""How a state that the record does not give is shown."""


@cache
def names(rulebook: str | None = None) -> dict[str, str]:
    """The names ``rulebook`` gives, or (``None``) those of every installed pack, the default first."""
    # Loaded on first use: the packs load the model, which the quick commands never import.
    from charter.engine._packnames import DEFAULT_RULEBOOK  # noqa: PLC0415
    from charter.engine.packs import get_rulebook, rulebooks  # noqa: PLC0415

    if rulebook is not None:
        return dict(get_rulebook(rulebook).state_names)
    found: dict[str, str] = {}
    ordered = sorted(rulebooks(), key=lambda pack: pack.id != DEFAULT_RULEBOOK)
    for pack in ordered:
        for code, name in pack.state_names.items():
            found.setdefault(code, name)
    return found


def display(code: str | None, rulebook: str | None = None) -> str:
    """A state's name as the packs give it, or its code when none names it.

    >>> display("FRA"), display(None)
    ('FRA', 'an unrecorded state')
    """
    if code is None:
        return UNRECORDED
    return names(rulebook).get(code, code)
