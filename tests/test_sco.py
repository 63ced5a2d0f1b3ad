"""The sco rulebook from outside: its record, its presidency at the close of each summit, its commands."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from charter.cli import main
from charter.engine.check import check_session, default_history
from charter.engine.packs import rulebook_ids
from charter.engine.record import record_scenario
from charter.engine.replaying import replay
from charter.files.loading import load_proposal
from charter.files.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios" / "sco"


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code = main([*argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("day", "state", "person"),
    [
        ("2019-06-13", "KGZ", "Sooronbay Jeenbekov"),
        ("2019-06-14", "KGZ", "Sooronbay Jeenbekov"),
        ("2019-06-15", "RUS", "Vladimir Putin"),
        ("2020-11-09", "RUS", "Vladimir Putin"),
        ("2003-05-29", "KAZ", "Nursultan Nazarbayev"),
        ("2023-07-04", "IND", "Narendra Modi"),
        ("2023-07-05", "KAZ", "Kassym-Jomart Tokayev"),
    ],
)
def test_the_chair_on_a_summits_day_is_its_chair_and_the_next_day_the_new_presidency(
    day: str, state: str, person: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """chair --rulebook sco: the summit's chair on its day, the new presiding state's seat-holder after."""
    code, document = _json(["chair", "--rulebook", "sco", "--on", day], capsys)
    assert code == 0
    assert document["rulebook"] == "sco"
    assert (document["state"], document["person"], document["answer"]) == (state, person, "known")


def test_the_text_answer_names_the_bishkek_chair(capsys: pytest.CaptureFixture[str]) -> None:
    """The text answer for 14 June 2019 names Kyrgyzstan's president; for the 15th, Russia."""
    assert main(["chair", "--rulebook", "sco", "--on", "2019-06-14"]) == 0
    first = capsys.readouterr().out
    assert "Kyrgyzstan presides" in first
    assert "Sooronbay Jeenbekov" in first
    assert main(["chair", "--rulebook", "sco", "--on", "2019-06-15"]) == 0
    assert "Russia presides" in capsys.readouterr().out


def test_once_the_announced_summit_is_due_the_presidency_is_not_known() -> None:
    """Kyrgyzstan presides from Tianjin; in 2026, when Bishkek is due, the record cannot say; then not decided."""
    history = default_history("sco")
    assert history.chair_on(date(2025, 12, 31)).state == "KGZ"
    due = history.chair_on(date(2026, 12, 1))
    assert (due.answer, due.state) == ("not_known", None)
    later = history.chair_on(date(2027, 3, 1))
    assert (later.answer, later.state) == ("not_decided", None)
    assert later.projection is not None
    assert later.projection.state == "PAK"


def test_the_record_replays_with_exactly_its_twelve_warnings() -> None:
    """The SCO record: no error, and the twelve departures from the alphabetical orders it expects."""
    report = replay(record_scenario("sco"))
    assert report.ok
    counts = Counter((found.rule, found.severity.value) for found in report.violations)
    assert counts == {
        ("sco.practice.rotation", "warning"): 8,
        ("sco.art11.rotation", "warning"): 4,
    }


def test_members_at_each_enlargement(capsys: pytest.CaptureFixture[str]) -> None:
    """India and Pakistan from Astana 2017, Iran from 4 July 2023, Belarus from Astana 2024."""
    history = default_history("sco")
    founders = {"CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"}
    assert set(history.members_on(date(2017, 6, 8)).members) == founders
    assert set(history.members_on(date(2017, 6, 9)).members) == founders | {"IND", "PAK"}
    assert "IRN" in history.members_on(date(2023, 7, 4)).members
    assert "BLR" in history.members_on(date(2024, 7, 4)).members
    assert history.status_on("ARM", date(2025, 10, 1)) == "applicant"
    code, document = _json(["members", "--rulebook", "sco", "--on", "2024-07-05"], capsys)
    assert code == 0
    assert len(document["members"]) == 10  # type: ignore[arg-type]


def test_proposals_are_judged_by_the_sco_rules() -> None:
    """The valid Bishkek proposal keeps the Charter; the wrong chair and the late observer do not."""
    verdicts = {
        path.stem: check_session(load_proposal(path)).ok
        for path in sorted((SCENARIOS / "proposals").glob("*.yaml"))
    }
    assert verdicts == {
        "bishkek-2026-observer-status": False,
        "bishkek-2026-valid": True,
        "bishkek-2026-wrong-chair": False,
    }


def test_the_suggested_chair_of_a_proposal_is_the_organisers_seat_holder() -> None:
    """check suggests Sadyr Japarov for Kyrgyzstan's 2026 meeting, and the term is known for it."""
    report = check_session(load_proposal(SCENARIOS / "proposals" / "bishkek-2026-wrong-chair.yaml"))
    assert report.suggestions is not None
    assert report.suggestions["chair"]["person"] == "Sadyr Japarov"  # type: ignore[index]
    assert report.suggestions["presidency"]["answer"] == "known"  # type: ignore[index]


def test_coverage_is_complete_for_every_rulebook(capsys: pytest.CaptureFixture[str]) -> None:
    """charter coverage over the shipped scenarios: each rule of each pack fires and holds somewhere."""
    code, document = _json(["coverage", "scenarios"], capsys)
    assert code == 0
    assert document["complete"] is True
    covered = {entry["rulebook"] for entry in document["rules"]}  # type: ignore[attr-defined]
    assert covered == set(rulebook_ids())


def test_replaying_the_shipped_scenarios_covers_both_rulebooks(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """charter replay scenarios/ replays the files of both packs, each against its own rules."""
    monkeypatch.chdir(ROOT)
    code, document = _json(["replay", "scenarios"], capsys)
    assert code == 0
    rulebooks = {entry["rulebook"] for entry in document["scenarios"]}  # type: ignore[attr-defined]
    assert rulebooks == {"csto", "sco"}


def test_a_heads_of_government_meeting_never_moves_the_presidency() -> None:
    """A handover at the Council of Heads of Government passes its own chair, not the CHS presidency."""
    history = default_history("sco")
    timeline = history.timeline
    assert timeline.other_bodies["council_of_heads_of_government"]
    before = timeline.presidency_on(date(2008, 10, 29))
    after = timeline.presidency_on(date(2008, 10, 31))
    assert before == after


def test_an_office_held_by_someone_unnamed_is_unknown_not_vacant() -> None:
    """``person: unknown`` in an office: the holder is not known; ``null`` would be vacant."""
    scenario = Scenario.model_validate(
        {
            "rulebook": "sco",
            "events": [
                {
                    "id": "m",
                    "date": "2018-01-01",
                    "membership": {"state": "PAK", "status": "member"},
                },
                {
                    "id": "o",
                    "date": "2018-01-01",
                    "office": {"state": "PAK", "role": "head_of_government", "person": "unknown"},
                },
                {
                    "id": "v",
                    "date": "2018-02-01",
                    "office": {"state": "PAK", "role": "head_of_state", "person": None},
                },
            ],
        }
    )
    timeline = replay(scenario).history.timeline
    assert timeline.holder_on("PAK", "head_of_government", date(2018, 1, 2)) is None
    vacant = timeline.holder_on("PAK", "head_of_state", date(2018, 2, 2))
    assert vacant is not None
    assert vacant.person is None


@pytest.mark.parametrize("rulebook", [None, "no-such-rulebook"])
def test_a_word_of_a_kind_the_rulebook_lacks_is_one_clear_line(
    rulebook: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An admission step in a csto file (csto has no steps), or in a file whose rulebook is not
    installed (its words are checked against csto's meanwhile), is refused with one line naming
    the field, and exit code 2, not a crash."""
    document = {
        "title": "a step where the rulebook has none",
        "events": [
            {
                "id": "x",
                "date": "2020-01-01",
                "membership": {"state": "IRN", "status": "member", "step": "memorandum"},
            }
        ],
    }
    if rulebook is not None:
        document["rulebook"] = rulebook
    path = tmp_path / "steps.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["replay", str(path)]) == 2
    error = capsys.readouterr().err
    assert (
        "events[0].membership.step: 'memorandum' is not allowed (rulebook 'csto' has no steps)"
        in error
    )
    assert "Traceback" not in error
