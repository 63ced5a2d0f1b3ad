"""What the engine asks a pack for (provisions, standing, rotation, expected chair, the rules
explain cites) comes from the pack, and a pack that gives none of it still replays, explains and
checks without naming anything it does not have."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from importlib.metadata import EntryPoint
from pathlib import Path

import pydantic
import pytest

from charter.engine.check import suggestions
from charter.engine.coverage import article_of
from charter.engine.explanation import Explanation
from charter.engine.model import Event
from charter.engine.packs import Rulebook, forget, get_rulebook
from charter.engine.registry import Breach, Finding, Registry
from charter.engine.replaying import replay
from charter.engine.simulate import next_in_rotation
from charter.engine.timeline import Timeline
from charter.files.loading import load_scenario, load_text
from charter.files.scenario import Proposal

BARE_RULES = Registry(("bare.host",))


@BARE_RULES.rule(
    "bare.host", citation="Bare Charter, Art. 2", since=date(2001, 1, 1), kinds=("session",)
)
def _host(event: Event, world: Timeline) -> Iterator[Finding]:
    """A regular session is held in the presiding state."""
    session = event.session
    presiding = world.presidency_on(event.date)
    if session is None or session.kind != "regular" or presiding is None:
        return
    if session.host not in (None, presiding.state):
        yield Breach(f"held in {session.host}, not {presiding.state}")


_CSTO = get_rulebook("csto")
BARE = Rulebook(
    id="bare",
    name="Bare Charter",
    organisation="Bare Council",
    description="A pack that gives the engine nothing beyond its words and one rule.",
    vocabulary=_CSTO.vocabulary,
    state_names={"FRA": "France", "DEU": "Germany"},
    rotation_orders={},
    rules=BARE_RULES,
    record=("charter.rulebooks.csto", "data/csto.yaml"),
    scenarios="scenarios",
    citations={"bare.host": "Bare Charter, Art. 2"},
)

BARE_FILE = """\
rulebook: bare
baseline: empty
events:
  - {id: m-fra, date: 2002-01-01, membership: {state: FRA, status: member}}
  - {id: m-deu, date: 2002-01-01, membership: {state: DEU, status: member}}
  - id: first
    date: 2002-06-01
    session: {kind: regular, host: FRA, decisions: [{kind: pass_chairmanship, to: DEU}]}
  - id: second
    date: 2003-06-01
    session: {kind: regular, host: FRA}
"""


@pytest.fixture
def bare_pack(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The bare pack installed beside the shipped ones, as another distribution would."""
    from importlib.metadata import entry_points as real

    def with_bare(*, group: str) -> list[EntryPoint]:
        return [*real(group=group), EntryPoint("bare", f"{__name__}:BARE", group)]

    monkeypatch.setattr("charter.engine._packnames.entry_points", with_bare)
    forget()
    yield
    forget()


def _rules_cited(node: Explanation) -> set[str]:
    found = {node.rule} if node.rule else set()
    for child in (*node.because, *node.why_not):
        found |= _rules_cited(child)
    return found


def test_the_csto_pack_names_only_rules_it_has() -> None:
    """Every rule csto's explanations and coverage name is one of its rules."""
    named = {*_CSTO.explained_by.values(), *_CSTO.provisions}
    assert named <= set(_CSTO.rules)
    assert set(_CSTO.provisions) == set(_CSTO.rules)
    assert _CSTO.in_good_standing <= set(_CSTO.vocabulary.statuses)


def test_a_pack_naming_a_rule_it_lacks_is_refused() -> None:
    """A Rulebook whose explained_by names a rule outside its registry is not a valid pack."""
    with pytest.raises(pydantic.ValidationError, match="does not have"):
        Rulebook(**{**BARE.model_dump(), "rules": BARE_RULES, "explained_by": {"chair": "x.y"}})


def test_coverage_shows_the_packs_provision() -> None:
    """Coverage shows the provision the pack gives, else the first part of the rule id."""
    assert article_of("art13.chair", "csto") == "Art. 13"
    assert article_of("practice.rotation", "csto") == "practice"


@pytest.mark.usefixtures("bare_pack")
def test_a_pack_with_no_hooks_replays_explains_and_checks(tmp_path: Path) -> None:
    """With no rotation, chair reading or explained rules, answers name nothing the pack lacks."""
    path = tmp_path / "bare.yaml"
    path.write_text(BARE_FILE, encoding="utf-8")
    report = replay(load_scenario(path))
    assert report.rulebook == "bare"
    assert [(found.rule, found.event) for found in report.violations] == [("bare.host", "second")]
    history = report.history
    assert history.timeline.rulebook == "bare"
    assert next_in_rotation("DEU", history.timeline, date(2003, 1, 1)) is None
    explained = history.explain(on="2003-01-01")
    assert _rules_cited(explained) <= {"bare.host"}
    session = history.explain(session="second")
    assert "bare.host" in _rules_cited(session)
    assert article_of("bare.host", "bare") == "bare"
    proposal = load_text(
        "<proposal>",
        "rulebook: bare\nid: p\ndate: 2003-07-01\nsession: {kind: regular, host: DEU}\n",
    )
    assert isinstance(proposal, Proposal)
    advice = suggestions(proposal.as_event(), history.timeline)
    assert advice["next_presiding_state"] is None
    assert "chair" not in advice
