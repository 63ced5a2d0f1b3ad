"""The ``csto`` rulebook: the Charter of the Collective Security Treaty Organization.

Its vocabulary is the one charter's files have always used; its rules are the
registered rules of ``charter.rulebooks.csto.rules``; its record is ``data/csto.yaml`` with the
quick-query index ``data/csto-index.json``.
"""

from __future__ import annotations

from charter.engine.model import (
    MEMBER_OFFICIAL_CAPACITIES,
    SEAT_CAPACITIES,
    Capacity,
    MembershipStatus,
    Role,
    SessionKind,
)
from charter.engine.packs import Generation, Rulebook, Vocabulary
from charter.rulebooks.csto import states as _states
from charter.rulebooks.csto.rules import REGISTRY
from charter.rulebooks.csto.rules._registry import RULE_IDS
from charter.rulebooks.csto.rules.art13 import expected_chair
from charter.rulebooks.csto.rules.membership import ALLOWED_TRANSITIONS, IN_GOOD_STANDING
from charter.rulebooks.csto.rules.practice import next_in_rotation

__all__ = ["RULEBOOK"]


def _provision(rule_id: str) -> str:
    """The Charter provision a rule id belongs to, as coverage shows it.

    >>> _provision("art13.chair"), _provision("membership.transition"), _provision("practice.rotation")
    ('Art. 13', 'Arts. 19-21', 'practice')
    """
    prefix = rule_id.split(".", 1)[0]
    if prefix.startswith("art"):
        return f"Art. {prefix.removeprefix('art')}"
    return "Arts. 19-21" if prefix == "membership" else "practice"


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
    citations={rule_id: REGISTRY[rule_id].citation for rule_id in RULE_IDS},
    provisions={rule_id: _provision(rule_id) for rule_id in RULE_IDS},
    in_good_standing=frozenset(str(status) for status in IN_GOOD_STANDING),
    next_in_rotation=next_in_rotation,
    expected_chair=expected_chair,
    generation=Generation(members=("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"), guest="UZB"),
    explained_by={
        "chair": "art13.chair",
        "seat": "art13.seat",
        "tenure": "art13.tenure",
        "rotation": "practice.rotation",
        "transition": "membership.transition",
    },
)
"""The pack, as the entry point ``csto`` of the group ``charter.rulebooks`` names it."""
