"""Fuzzing the loader: whatever the file holds, the outcome is a report or one located error.

Hypothesis draws arbitrary YAML documents, raw text and bytes, and shipped
scenarios with keys dropped, renamed, retyped or swapped and text cut short;
``check_outcome`` asserts that loading and running each gives a report or a
``ScenarioError`` whose every problem names the file and a line. The long
campaign is benchmarks/fuzz_campaign.py.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charter.engine.errors import ScenarioError
from tests.fuzzing import (
    GENERATORS,
    SOURCES,
    SUFFIXES,
    Chooser,
    check_outcome,
    mutated_scenario,
)

_COUNTER = itertools.count()


class HypothesisChooser:
    """Choices drawn by Hypothesis, so that a failing input shrinks."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def integer(self, low: int, high: int) -> int:
        """A whole number in ``[low, high]``."""
        return self.data.draw(st.integers(low, high))

    def text(self, max_size: int) -> str:
        """Any text without surrogates."""
        return self.data.draw(st.text(max_size=max_size))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the generated files (not named scenarios, so no plugin collects them)."""
    return tmp_path_factory.mktemp("fuzz")


def _write(workdir: Path, content: bytes, suffix: str = ".yaml") -> Path:
    path = workdir / f"input-{next(_COUNTER)}{suffix}"
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("kind", sorted(GENERATORS))
@given(data=st.data())
def test_any_input_gives_a_report_or_a_located_error(
    kind: str, workdir: Path, data: st.DataObject
) -> None:
    """Arbitrary documents, text, bytes and broken scenarios (YAML, JSON and JSON Lines) never
    raise anything but ScenarioError."""
    chooser: Chooser = HypothesisChooser(data)
    path = _write(workdir, GENERATORS[kind](chooser), SUFFIXES.get(kind, ".yaml"))
    check_outcome(path)


@given(
    tree=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=30,
    )
)
def test_any_yaml_data_gives_a_report_or_a_located_error(workdir: Path, tree: object) -> None:
    """Any nested data Hypothesis builds, dumped with yaml.safe_dump, loads or fails cleanly."""
    import yaml

    path = _write(workdir, yaml.safe_dump(tree, allow_unicode=True).encode("utf-8"))
    check_outcome(path)


def test_mutations_do_break_scenarios(workdir: Path) -> None:
    """The mutations are not idle: most broken scenarios are refused, each with a located line."""
    import random

    from tests.fuzzing import RandomChooser

    chooser = RandomChooser(random.Random(7))
    outcomes = [check_outcome(_write(workdir, mutated_scenario(chooser))) for _ in range(60)]
    refused = [error for error in outcomes if isinstance(error, ScenarioError)]
    assert len(SOURCES) >= 20
    assert 20 <= len(refused) < 60
