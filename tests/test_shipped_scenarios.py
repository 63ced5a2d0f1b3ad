"""Every scenario and proposal that ships is a test: each file is its own pytest item."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.engine.check import check_session
from charter.engine.replaying import replay
from charter.files.loading import load_file
from charter.files.scenario import Proposal

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "scenarios").rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_shipped_scenario_meets_its_expectations(path: Path) -> None:
    """The file loads, replays (or is checked), and every expectation holds."""
    loaded = load_file(path)
    report = check_session(loaded) if isinstance(loaded, Proposal) else replay(loaded)
    failed = [(r.description, r.detail) for r in report.expectations if not r.passed]
    assert not failed


def test_every_shipped_folder_has_scenarios() -> None:
    """Seeds, rules and proposals all ship."""
    folders = {path.parent.name for path in FILES}
    assert {"seeds", "rules", "proposals"} <= folders
