"""The ``sco`` rulebook: the Charter of the Shanghai Cooperation Organisation.

The Council of Heads of State, its regular meeting chaired by the head of the
organising member, a presidency that runs from summit to summit, statuses short of
membership and admission in steps, and the head of the Secretariat in rotation;
checked against the record 2001-2025 in ``data/sco.yaml``. The reading of the
Charter, with its evidence, is the page "The reading of the SCO Charter".
"""

from __future__ import annotations

from charter.engine.packs import Generation, Rulebook, Vocabulary
from charter.rulebooks.sco import council, membership, presidency, secretariat  # noqa: F401
from charter.rulebooks.sco._common import CHS, NAMES, REGISTRY, RULE_IDS, RUSSIAN_NAMES, SEATS

__all__ = ["RULEBOOK", "VOCABULARY"]

_STANDINGS = ("observer", "dialogue_partner", "partner")


def _statuses(allowed: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """The allowed changes by status alone (the steps of an admission folded into ``acceding``)."""
    out: dict[str, set[str]] = {}
    for origin, targets in allowed.items():
        out.setdefault(origin.partition(":")[0], set()).update(
            target.partition(":")[0] for target in targets
        )
    # A change of step (launched to memorandum) is not a change of status.
    out["acceding"].discard("acceding")
    return {origin: frozenset(targets) for origin, targets in out.items()}


VOCABULARY = Vocabulary(
    bodies=(CHS, "council_of_heads_of_government"),
    roles=("head_of_state", "head_of_government", "foreign_minister", "secretary_general"),
    capacities=(*SEATS, "foreign_minister", "secretary_general", *_STANDINGS, "invited"),
    seat_capacities=SEATS,
    state_capacities=(*SEATS, "foreign_minister", *_STANDINGS),
    statuses=(
        "member",
        "observer",
        "dialogue_partner",
        "partner",
        "applicant",
        "acceding",
        "withdrawn",
    ),
    transitions=_statuses(membership.ALLOWED),
    session_kinds=("regular", "extraordinary", "informal"),
    steps=membership.STATUS_STEPS,
)
"""The words an ``sco`` file may use."""

RULEBOOK = Rulebook(
    id="sco",
    name="SCO Charter",
    organisation="Shanghai Cooperation Organisation",
    description="The Charter of 7 Jun 2002 (in force 19 Sep 2003): the Council of Heads of "
    "State, its presidency from summit to summit, observers, dialogue partners and partners, "
    "admission in steps and the head of the Secretariat, checked against the record 2001-2025.",
    vocabulary=VOCABULARY,
    state_names=dict(NAMES),
    rotation_orders={"russian_alphabetical": dict(RUSSIAN_NAMES)},
    rules=REGISTRY,
    record=("charter.rulebooks.sco", "data/sco.yaml"),
    index=("charter.rulebooks.sco", "data/sco-index.json"),
    scenarios="scenarios/sco",
    provisions={
        "sco.membership.transition": "Arts. 13-14",
        "sco.membership.admission": "Art. 13",
        "sco.status.partner": "Tianjin decision, 2025",
        "sco.art5.seat": "Art. 5",
        "sco.art5.chair": "Art. 5",
        "sco.art5.venue": "Art. 5",
        "sco.presidency.handover": "Art. 5",
        "sco.practice.rotation": "Art. 5, practice",
        "sco.art11.secretary-general": "Art. 11",
        "sco.art11.rotation": "Art. 11",
        "sco.attendance": "Art. 14",
        "sco.art16.consensus": "Art. 16",
    },
    next_in_rotation=presidency.next_presiding,
    expected_chair=council.expected_chair,
    generation=Generation(guest="TKM", first_years=(2003, 2003), first_months=(6, 8)),
    explained_by={
        "chair": "sco.art5.chair",
        "seat": "sco.art5.seat",
        "tenure": "sco.presidency.handover",
        "rotation": "sco.practice.rotation",
        "transition": "sco.membership.transition",
    },
    citations={rule_id: REGISTRY[rule_id].citation for rule_id in RULE_IDS},
)
"""The pack, as the entry point ``sco`` of the group ``charter.rulebooks`` names it."""
