"""The ``csto`` rulebook: the Charter of the Collective Security Treaty Organization.

Its vocabulary is the one charter's files have always used; its rules are the
registered rules of ``charter.rulebooks.csto.rules``; its record is ``data/csto.yaml`` with the
quick-query index ``data/csto-index.json``.
"""

from __future__ import annotations

from charter.engine.model import (
    MEMBER_OFFICIAL_CAPACITIES,
    RULE_IDS,
    SEAT_CAPACITIES,
    Capacity,
    MembershipStatus,
    Role,
    SessionKind,
)
from charter.engine.packs import Rulebook, Vocabulary
from charter.rulebooks.csto import states as _states
from charter.rulebooks.csto.rules import REGISTRY
from charter.rulebooks.csto.rules.membership import ALLOWED_TRANSITIONS

__all__ = ["RULEBOOK"]


def _in_order(words: frozenset[Capacity]) -> tuple[str, ...]:
    return tuple(str(capacity) for capacity in Capacity if capacity in words)


VOCABULARY = Vocabulary(
    bodies=("collective_security_council",),
    roles=tuple(str(role) for role in Role),
    capacities=tuple(str(capacity) for capacity in Capacity),
    seat_capacities=_in_order(SEAT_CAPACITIES),
    state_capacities=_in_order(SEAT_CAPACITIES | MEMBER_OFFICIAL_CAPACITIES),
    statuses=tuple(str(status) for status in MembershipStatus),
    transitions={
        ("none" if origin is None else str(origin)): frozenset(str(to) for to in targets)
        for origin, targets in ALLOWED_TRANSITIONS.items()
    },
    session_kinds=tuple(str(kind) for kind in SessionKind),
)
"""The words a ``csto`` file may use."""

RULEBOOK = Rulebook(
    id="csto",
    name="CSTO Charter",
    organisation="Collective Security Treaty Organization",
    description="The Charter of 7 Oct 2002 (in force 18 Sep 2003, amended 2010 and 2018): "
    "the Collective Security Council, its chairmanship and its sessions, checked against "
    "the record 1992-2025.",
    vocabulary=VOCABULARY,
    state_names=dict(_states.NAMES),
    rotation_orders={"russian_alphabetical": dict(_states.ROTATION_NAMES)},
    rules=REGISTRY,
    record=("charter.rulebooks.csto", "data/csto.yaml"),
    index=("charter.rulebooks.csto", "data/csto-index.json"),
    scenarios="scenarios",
    provisions={"membership.transition": "Arts. 19-21", "membership.good-standing": "Arts. 19-21"},
    citations={rule_id: REGISTRY[rule_id].citation for rule_id in RULE_IDS},
)
"""The pack, as the entry point ``csto`` of the group ``charter.rulebooks`` names it."""
