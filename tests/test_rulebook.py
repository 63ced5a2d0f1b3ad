"""The rulebook as a whole: every rule carries its metadata, its page, and scenarios both ways."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from charter.engine.registry import Rule
from charter.engine.replaying import replay
from charter.files.loading import load_scenario
from charter.output.rulebook import rules_markdown
from charter.rulebooks.csto.rules import REGISTRY
from charter.rulebooks.csto.rules._registry import RULE_IDS

ROOT = Path(__file__).resolve().parent.parent
RULE_SCENARIOS = ROOT / "scenarios" / "rules"


def test_registry_is_exactly_the_contract_ids() -> None:
    """The rule ids are a contract: the registry holds those eleven, no more, no fewer."""
    assert sorted(REGISTRY) == sorted(RULE_IDS)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_has_citation_docstring_and_dates(rule_id: str) -> None:
    """Each rule cites its provision, states itself in plain words, and has in-force dates."""
    rule = REGISTRY[rule_id]
    assert rule.citation.strip()
    assert len(rule.description.splitlines()) >= 3
    assert rule.in_force.start.year >= 1992


def test_rulebook_page_is_generated_from_the_registry() -> None:
    """docs/rulebook.md is what `make docs` generates (run it if this fails)."""
    page = (ROOT / "docs" / "rulebook.md").read_text(encoding="utf-8")
    assert page == rules_markdown(Path("scenarios/rules"))


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_fires_in_its_scenario(rule_id: str) -> None:
    """scenarios/rules/<id>-fires.yaml expects exactly this rule's violation, and passes."""
    scenario = load_scenario(RULE_SCENARIOS / f"{rule_id}-fires.yaml")
    expected = {e.violation.rule for e in scenario.expect if e.violation is not None}
    assert expected == {rule_id}
    report = replay(scenario)
    assert report.ok, [r for r in report.expectations if not r.passed]
    assert any(found.rule == rule_id for found in report.violations)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_holds_in_its_scenario(rule_id: str) -> None:
    """scenarios/rules/<id>-holds.yaml expects this rule not to fire, and passes."""
    scenario = load_scenario(RULE_SCENARIOS / f"{rule_id}-holds.yaml")
    assert any(
        e.no_violation is not None and e.no_violation.rule == rule_id for e in scenario.expect
    )
    report = replay(scenario)
    assert report.ok, [r for r in report.expectations if not r.passed]
    assert not any(found.rule == rule_id for found in report.violations)


def test_replay_sees_a_rule_swapped_in_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules kept per era are forgotten whenever the registry changes, however it is changed."""
    day = date(2020, 1, 1)
    before = REGISTRY.rules_for(day, "session")
    original = REGISTRY["art13.seat"]
    swapped = Rule(
        original.id, original.citation, original.in_force, original.severity, lambda e, w: iter(())
    )
    monkeypatch.setitem(REGISTRY, "art13.seat", swapped)
    assert swapped in REGISTRY.rules_for(day, "session")
    monkeypatch.undo()
    assert REGISTRY.rules_for(day, "session") == before
    REGISTRY.setdefault("art13.seat", swapped)  # already there: nothing changes
    assert REGISTRY.rules_for(day, "session") == before


def test_the_rulebook_page_says_which_example_is_missing(tmp_path: Path) -> None:
    """A rule whose example scenario is not in the folder is shown without it, in words."""
    kept = "art13.chair-fires.yaml"
    (tmp_path / kept).write_text(
        Path("scenarios/rules", kept).read_text(encoding="utf-8"), encoding="utf-8"
    )
    page = rules_markdown(tmp_path)
    assert f"*Where it fires* (`{(tmp_path / kept).as_posix()}`)" in page
    missing = (tmp_path / "art13.chair-holds.yaml").as_posix()
    assert f"*Where it holds*: no example scenario (`{missing}` is not there)." in page
    assert page.count("no example scenario") == 2 * len(RULE_IDS) - 1
