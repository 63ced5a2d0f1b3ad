"""The record's quick-query index: in step with the record, and giving the engine's answers."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

from hypothesis import given
from hypothesis import strategies as st

from charter.engine import _index
from charter.engine.check import build_index, default_history
from charter.output.report import chair_json, members_json


def test_shipped_index_is_built_from_the_record() -> None:
    """data/csto-index.json is what build_index() makes today (run `make index` if not)."""
    shipped = json.loads(
        (resources.files("charter") / "rulebooks" / "csto" / "data" / _index.INDEX_NAME).read_text(
            "utf-8"
        )
    )
    assert shipped == json.loads(json.dumps(build_index()))


@given(st.dates(min_value=date(1992, 1, 1), max_value=date(2050, 12, 31)))
def test_quick_answers_equal_the_engine(day: date) -> None:
    """On any day, the index answers chair and members exactly as the replayed record does.

    Days past the span the index stores are answered by replaying the record.
    """
    history = default_history()
    assert _index.chair_on(day) == chair_json(history.chair_on(day))
    assert _index.members_on(day) == members_json(history.members_on(day))
