"""What the installed rulebook packs offer: their states' names and their rule ids.

The engine knows no state's name and no rule; each pack lists the names of the states
its record mentions (``Rulebook.state_names``) and files its rules under its own ids.
A code no pack names is shown as it is. The quick commands never import this module: the
packs load the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from charter.engine._packnames import DEFAULT_RULEBOOK
from charter.engine.packs import Rulebook, get_rulebook, on_forget, rulebooks

__all__ = ["display", "following", "forget", "names", "rotation_key", "rule_ids"]

UNRECORDED = "an unrecorded state"
"""How a state that the record does not give is shown."""


@cache
def names(rulebook: str | None = None) -> dict[str, str]:
    """The names ``rulebook`` gives, or (``None``) those of every installed pack, the default first."""
    if rulebook is not None:
        return dict(_packs(rulebook)[0].state_names)
    found: dict[str, str] = {}
    for pack in _packs(None):
        for code, name in pack.state_names.items():
            found.setdefault(code, name)
    return found


def _packs(rulebook: str | None) -> tuple[Rulebook, ...]:
    """The pack ``rulebook``, or (``None``) every installed pack, the default first."""
    if rulebook is not None:
        return (get_rulebook(rulebook),)
    return tuple(sorted(rulebooks(), key=lambda pack: pack.id != DEFAULT_RULEBOOK))


@cache
def rule_ids(rulebook: str | None = None) -> tuple[str, ...]:
    """The rule ids of ``rulebook`` in its order, or (``None``) of every installed pack."""
    found: dict[str, None] = {}
    for pack in _packs(rulebook):
        found.update(dict.fromkeys(pack.rule_ids()))
    return tuple(found)


def display(code: str | None, rulebook: str | None = None) -> str:
    """A state's name as the packs give it, or its code when none names it.

    >>> display("FRA"), display(None)
    ('FRA', 'an unrecorded state')
    """
    if code is None:
        return UNRECORDED
    return names(rulebook).get(code, code)


@cache
def rotation_key(rulebook: str) -> Callable[[str], tuple[int, str]]:
    """A sort key for states in the first rotation order of ``rulebook``: by the order's
    sort names, then the states it does not rank after them, by code."""
    orders = _packs(rulebook)[0].rotation_orders
    ranked = dict(next(iter(orders.values()))) if orders else {}

    def key(code: str) -> tuple[int, str]:
        name = ranked.get(code)
        return (0, name) if name is not None else (1, code)

    return key


def following(
    current: str, members: Iterable[str], key: Callable[[str], tuple[int, str]]
) -> str | None:
    """The member after ``current`` in the order ``key`` sorts by, wrapping round; ``None``
    when no other member is.

    >>> following("B", ["A", "B", "C"], lambda code: (0, code)), following("C", ["A", "C"], lambda code: (0, code))
    ('C', 'A')
    """
    others = sorted((key(state), state) for state in members if state != current)
    if not others:
        return None
    mark = key(current)
    after = [candidate for candidate in others if candidate[0] > mark]
    return (after or others)[0][1]


def forget() -> None:
    """Forget what the packs offered, with the packs themselves (``charter.engine.packs.forget``)."""
    names.cache_clear()
    rule_ids.cache_clear()
    rotation_key.cache_clear()


on_forget(forget)
