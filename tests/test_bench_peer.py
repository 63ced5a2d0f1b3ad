"""The benchmark's helpers: the peer's converter, its agreement with charter, and the target lines.

The peer (benchmarks/peer/) is only compared with charter when clingo is installed (the
``bench`` extra); the converter and the target arithmetic need nothing beyond the
standard library.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path += [str(ROOT / "benchmarks" / "peer"), str(ROOT / "benchmarks")]

import bench_peer  # noqa: E402
import tofacts  # noqa: E402


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(8990, 12, 31)))
def test_three_years_later_is_the_same_calendar_day(day: date) -> None:
    """The term arithmetic gives the same day three years on; 29 February becomes 28 February."""
    later = tofacts.add_years(day, 3)
    assert (later.year, later.month) == (day.year + 3, day.month)
    if (day.month, day.day) == (2, 29) and later.day != 29:
        assert later.day == 28
    else:
        assert later.day == day.day


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(8999, 12, 31)))
def test_day_numbers_are_ordinals_of_dates_and_strings(day: date) -> None:
    """A date and its ISO text get the same day number, so the encoding compares days as numbers."""
    assert tofacts.ordinal(day) == tofacts.ordinal(day.isoformat()) == day.toordinal()


def test_rotation_follows_the_russian_names_then_other_codes() -> None:
    """The rotation ranks states by their Russian names (Азербайджан before Армения), others after."""
    assert sorted(["ZZZ", "RUS", "ARM", "AZE", "BLR"], key=tofacts.rotation_key) == [
        "AZE",
        "ARM",
        "BLR",
        "RUS",
        "ZZZ",
    ]


def test_facts_apply_the_model_defaults_and_read_unknown_as_not_recorded() -> None:
    """A decision is adopted unless it says not; an 'unknown' host and chair are not recorded."""
    events = [
        {"id": "m", "date": "2004-01-01", "membership": {"state": "ARM", "status": "member"}},
        {
            "id": "s",
            "date": "2004-05-01",
            "session": {
                "kind": "regular",
                "host": "unknown",
                "chair": "unknown",
                "decisions": [{"kind": "declaration"}, {"kind": "statement", "adopted": False}],
            },
        },
    ]
    found = set(tofacts.facts(events, checked_from=1))
    assert "mem(1,arm,member)." in found
    assert "chk(2)." in found
    assert "chk(1)." not in found
    assert "sess(2,regular,none)." in found
    assert not any(fact.startswith("chairg(") for fact in found)
    assert "adopted(2,0)." in found
    assert "adopted(2,1)." not in found


@given(st.floats(0.01, 100), st.floats(0.01, 100))
def test_a_target_is_met_exactly_when_the_measure_is_within_it(value: float, limit: float) -> None:
    """'yes' when within the limit; otherwise 'no' with how far over (or short) it is."""
    assert (bench_peer._pct(value, limit) == "yes") == (value <= limit)
    assert (bench_peer._pct(value, limit, at_most=False) == "yes") == (value >= limit)
    if value > limit:
        assert bench_peer._pct(value, limit).startswith("no: ")
        assert bench_peer._pct(value, limit).endswith("over")


def _csto_files() -> list[Path]:
    """The shipped files of the csto rulebook: the one the peer encodes."""
    from charter.files.loading import load_file

    return [
        path
        for path in sorted((ROOT / "scenarios").rglob("*.yaml"))
        if load_file(path).rulebook == "csto"
    ]


@pytest.mark.parametrize("path", _csto_files(), ids=lambda path: path.name)
def test_the_peer_agrees_with_charter_on_every_shipped_file(path: Path) -> None:
    """The encoding is kept in step with the rules: the same findings on every shipped file."""
    pytest.importorskip("clingo")
    import agree

    result = agree.compare(path)
    assert result["agree"], (result["only_charter"], result["only_peer"])


def test_the_rule_pass_taken_apart_adds_up(tmp_path: Path) -> None:
    """The benchmark's parts of an in-process replay: every rule of the rulebook is timed, the
    counted reads are real, and the bound with no rule is worked out from the parts."""
    import bench
    import bench_pass

    path, events = bench.generate(tmp_path, 200, "json")
    found = bench_pass.measure(path, rounds=1)
    assert found["events"] == events
    seconds = found["seconds"]
    assert all(value > 0 for value in seconds.values())
    assert seconds["pass"] > seconds["fold"]
    assert set(found["rules"]) >= {"art13.chair", "art13.seat", "membership.good-standing"}
    assert found["reads"] > events  # every session's rules read its fields
    page = "\n".join(bench_pass.render(found))
    assert seconds["load"] > seconds["parse"] + seconds["consistent"]
    bound = (seconds["load"] + seconds["fold"]) / seconds["validate"]
    assert f"would take {bound:.2f}x the floor" in page
    assert "`art13.chair`" in page


def test_the_peer_follows_a_term_the_council_fixed_to_its_end(tmp_path: Path) -> None:
    """Past a term's `until`, with no later handover, no state presides: both sides find the
    chair and the host unknown (the encoding once kept the last term running)."""
    pytest.importorskip("clingo")
    import agree

    import charter

    path = tmp_path / "past-the-term.yaml"
    path.write_text(
        "title: A session after the last term the record fixes\n"
        "baseline: {record: csto, until: 2025-06-01}\n"
        "events:\n"
        "  - id: after-the-term\n"
        "    date: 2026-03-02\n"
        "    session:\n"
        "      kind: regular\n"
        "      host: KGZ\n"
        "      chair: {person: Sadyr Japarov, state: KGZ}\n"
        "      participants:\n"
        "        - {person: Sadyr Japarov, state: KGZ, capacity: head_of_state}\n"
        "      decisions:\n"
        "        - {kind: pass_chairmanship, to: RUS}\n",
        encoding="utf-8",
    )
    result = agree.compare(path)
    assert result["agree"], (result["only_charter"], result["only_peer"])
    report = charter.replay(charter.load_scenario(path))
    assert {found.rule for found in report.unknowns} >= {"art13.chair", "art13.host"}
