"""Which member comes next in a rulebook's rotation order.

A pack lists, for each order its rules follow, the name each state is sorted by
(``Rulebook.rotation_orders``); the first order listed is the presidency's. The
rotation takes the members in full standing (status ``member``) on a day, sorted by
those names (a state the order does not name comes after, by code), and answers the
one after a given state, wrapping round.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from charter.engine.packs import get_rulebook
from charter.engine.timeline import Timeline

__all__ = ["next_in_order", "next_in_rotation", "presidency_order"]


def presidency_order(rulebook: str) -> Mapping[str, str]:
    """The sort names of the presidency's rotation in ``rulebook`` (its first order)."""
    orders = get_rulebook(rulebook).rotation_orders
    return next(iter(orders.values()), {})


def next_in_order(current: str, members: Iterable[str], names: Mapping[str, str]) -> str | None:
    """The state after ``current`` among ``members``, sorted by ``names``, wrapping round.

    >>> next_in_order("B", ["A", "B", "C"], {"A": "y", "B": "z", "C": "x"})
    'C'
    """

    def key(code: str) -> tuple[int, str]:
        name = names.get(code)
        return (0, name) if name is not None else (1, code)

    others = sorted((key(state), state) for state in members if state != current)
    if not others:
        return None
    mark = key(current)
    after = [candidate for candidate in others if candidate[0] > mark]
    return (after or others)[0][1]


def next_in_rotation(current: str, world: Timeline, day: date) -> str | None:
    """The member after ``current`` in the presidency's order of the timeline's rulebook.

    Only members in full standing on ``day`` take part; ``None`` when no other does.
    """
    members = [state for state, status in world.statuses_on(day).items() if status == "member"]
    return next_in_order(current, members, presidency_order(world.rulebook))
