"""Explanations: who presides and why, why a session is valid, as a stable tree."""

from __future__ import annotations

import json

import pytest

from charter.cli import main
from charter.engine.check import default_history


def test_explain_on_2021_08_23_names_the_handover_and_the_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Tajikistan and Rahmon, resting on the 2 Dec 2020 handover and art13.tenure, each with a location."""
    assert main(["explain", "--on", "2021-08-23", "--format", "json"]) == 0
    tree = json.loads(capsys.readouterr().out)
    assert (
        tree["claim"] == "Tajikistan presides on 2021-08-23, and Emomali Rahmon chairs the Council"
    )
    handover = tree["because"][0]
    assert handover["rule"] == "art13.tenure"
    assert handover["citation"].startswith("CSTO Charter, Art. 13")
    assert handover["event"] == "session-2020-12-02-video"
    assert handover["location"]["path"].endswith("csto.yaml")
    assert handover["location"]["line"] > 0
    seat = tree["because"][2]
    assert (seat["rule"], seat["location"]["line"] > 0) == ("art13.seat", True)
    assert [alternative["claim"].split(",")[0] for alternative in tree["why_not"]] == [
        "Russia",
        "Armenia",
    ]


def test_explain_json_is_identical_on_every_run(capsys: pytest.CaptureFixture[str]) -> None:
    """No timings, stable order: two runs print the same document."""
    main(["explain", "--session", "session-2013-09-23-sochi", "--format", "json"])
    first = capsys.readouterr().out
    main(["explain", "--session", "session-2013-09-23-sochi", "--format", "json"])
    assert capsys.readouterr().out == first


def test_explain_session_says_why_not_the_host() -> None:
    """Sochi 2013: valid, chaired by Kyrgyzstan's president; why not Putin, the host's head."""
    tree = default_history().explain(session="session-2013-09-23-sochi")
    assert tree.verdict == "holds"
    assert any(
        node.claim.startswith("Vladimir Putin, head of the host state") for node in tree.why_not
    )
    chair = next(node for node in tree.because if node.rule == "art13.chair")
    assert chair.because[0].claim.startswith("Expected chair: Almazbek Atambayev (Kyrgyzstan)")


def test_explain_before_any_presidency() -> None:
    """Before the first recorded handover, the answer is "not known", with the reason, not a guess."""
    tree = default_history().explain(on="1995-01-01")
    assert tree.claim == "Who chairs the Council on 1995-01-01 is not known"
    assert tree.because[0].verdict == "not known"
    assert "no handover of the chairmanship before 2004-06-18" in tree.because[0].claim


def test_explain_unknown_session_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown session id is an input error with one line."""
    assert main(["explain", "--session", "no-such-session"]) == 2
    assert "no session with id 'no-such-session'" in capsys.readouterr().err
