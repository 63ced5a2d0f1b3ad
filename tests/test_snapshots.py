"""Snapshots pin what users and tools read: text, JSON and JUnit outputs.

Run with CHARTER_UPDATE_SNAPSHOTS=1 to rewrite them after an intended change,
then read the diff before committing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from charter.cli import main

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"

CASES = {
    "replay-chair-fires.txt": ["replay", "scenarios/rules/art13.chair-fires.yaml"],
    "replay-chair-fires.json": [
        "replay",
        "scenarios/rules/art13.chair-fires.yaml",
        "--format",
        "json",
    ],
    "replay-seeds.junit.xml": ["replay", "scenarios/seeds", "--format", "junit"],
    "explain-2021-08-23.txt": ["explain", "--on", "2021-08-23"],
    "explain-2021-08-23.json": ["explain", "--on", "2021-08-23", "--format", "json"],
    "check-wrong-chair.txt": ["check", "scenarios/proposals/moscow-2026-wrong-chair.yaml"],
    "simulate-declines.txt": [
        "simulate",
        "scenarios/what-if/tajikistan-declines-2027.yaml",
        "--until",
        "2031",
    ],
    "timeline-record.txt": ["timeline"],
}


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, without colour, as a user pasting the command would."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_snapshot(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The command prints exactly the pinned output."""
    main(CASES[name])
    output = capsys.readouterr().out
    if name.endswith(".xml"):  # times are measured, so they are pinned to zero
        output = re.sub(r'time="[0-9.]+"', 'time="0.000"', output)
    snapshot = SNAPSHOTS / name
    if os.environ.get("CHARTER_UPDATE_SNAPSHOTS"):
        snapshot.write_text(output, encoding="utf-8")
    assert output == snapshot.read_text(encoding="utf-8")


@pytest.mark.usefixtures("at_root")
def test_every_rule_violation_prints_with_excerpt_and_fix(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each violation from scenarios/rules/ shows its place, the source line, a marker, and a fix."""
    main(["replay", "scenarios/rules", "--verbose"])
    text = capsys.readouterr().out
    blocks = re.split(r"\n(?=  (?:error|warning|info) )", text)
    violations = [block for block in blocks if re.match(r"\s*(error|warning|info) ", block)]
    assert len(violations) >= 11
    for block in violations:
        assert re.search(r"--> scenarios/rules/\S+\.yaml:\d+:\d+", block), block
        assert re.search(r"\n\s+\d+ \| ", block), block
        assert re.search(r"\n\s+\| +\^+", block), block
        assert "= fix:" in block, block
