"""Pictures of the record: SVG, Mermaid, text and JSON; files written safely."""

from __future__ import annotations

import json
import xml.dom.minidom
from pathlib import Path

import pytest

from charter.cli import main
from charter.engine.check import default_history
from charter.output._svg import to_svg
from charter.output.picture import picture_of, to_mermaid, to_text


def test_svg_is_well_formed_with_a_row_per_state_and_a_legend() -> None:
    """The SVG parses as XML, names every state, and has the legend."""
    drawn = picture_of(default_history().timeline, "The record")
    document = xml.dom.minidom.parseString(to_svg(drawn))
    texts = {
        child.data
        for node in document.getElementsByTagName("text")
        for child in node.childNodes
        if isinstance(child, xml.dom.minidom.Text)
    }
    assert {
        "Armenia",
        "Belarus",
        "Kazakhstan",
        "Kyrgyzstan",
        "Russia",
        "Tajikistan",
        "Uzbekistan",
    } <= texts
    assert {
        "presides",
        "regular session",
        "extraordinary",
        "informal",
        "Secretary General",
    } <= texts


def test_text_timeline_marks_presidencies_and_statuses() -> None:
    """Tajikistan presides in 2015 and 2021; Uzbekistan is suspended from 2013; Armenia frozen in 2025."""
    lines = to_text(picture_of(default_history().timeline, "The record")).splitlines()
    row = {line[:13].strip(): line[13:] for line in lines[3:]}
    start = 1992
    assert row["Tajikistan"][2015 - start] == "#"
    assert row["Tajikistan"][2021 - start] == "#"
    assert row["Uzbekistan"][2013 - start] == "S"
    assert row["Armenia"][2025 - start] == "F"


def test_mermaid_is_a_gantt_chart() -> None:
    """The Mermaid form is a Gantt chart with a section per state and the sessions."""
    text = to_mermaid(picture_of(default_history().timeline, "The record"))
    assert text.startswith("gantt\n")
    assert "    section Tajikistan" in text
    assert "    presides : crit, 2020-12-02, 2021-09-16" in text


def test_timeline_json(capsys: pytest.CaptureFixture[str]) -> None:
    """charter timeline --format json gives rows, sessions and Secretaries-General."""
    assert main(["timeline", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert {row["state"] for row in document["rows"]} >= {"ARM", "UZB"}
    assert (
        len(document["sessions"]) == 43
    )  # the 41 of the fact base, and the audit's two informal meetings


def test_timeline_writes_a_file_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--output writes the file; a second run without --force refuses and leaves it unchanged."""
    target = tmp_path / "record.svg"
    assert main(["timeline", "--format", "svg", "--output", str(target)]) == 0
    first = target.read_bytes()
    assert main(["timeline", "--format", "text", "--output", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == first
    assert main(["timeline", "--format", "text", "--output", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("The CSTO record")
    assert not list(tmp_path.glob(".*.tmp"))


def test_shipped_picture_is_current() -> None:
    """docs/record-timeline.svg is what `charter timeline --format svg` draws today."""
    drawn = to_svg(picture_of(default_history().timeline, "The CSTO record, 1992-2025"))
    shipped = Path(__file__).resolve().parent.parent / "docs" / "record-timeline.svg"
    assert shipped.read_text(encoding="utf-8") == drawn + "\n"
