"""The records' quick-query indexes: in step with each record, and giving the engine's answers."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charter.engine import _index
from charter.engine.check import build_index, default_history
from charter.engine.packs import get_rulebook, rulebook_ids
from charter.output.report import chair_json, members_json

INDEXED = [name for name in rulebook_ids() if get_rulebook(name).index is not None]
"""Every installed pack that ships an index of its record."""


def test_every_shipped_pack_has_an_index() -> None:
    """Both packs that ship with charter answer chair and members from an index."""
    assert {"csto", "sco"} <= set(INDEXED)
    assert all(_index.has_index(name) for name in INDEXED)


@pytest.mark.parametrize("rulebook", INDEXED)
def test_shipped_index_is_built_from_the_record(rulebook: str) -> None:
    """data/<rulebook>-index.json is what build_index(rulebook) makes today (run `make index` if not)."""
    package, name = get_rulebook(rulebook).index or ("", "")
    shipped = json.loads(resources.files(package).joinpath(*name.split("/")).read_text("utf-8"))
    assert name.endswith(_index.index_name(rulebook))
    assert shipped == json.loads(json.dumps(build_index(rulebook)))


@pytest.mark.parametrize("rulebook", INDEXED)
@given(day=st.dates(min_value=date(1992, 1, 1), max_value=date(2050, 12, 31)))
def test_quick_answers_equal_the_engine(rulebook: str, day: date) -> None:
    """On any day, the index answers chair and members exactly as the replayed record does.

    Days past the span the index stores are answered by replaying the record.
    """
    history = default_history(rulebook)
    assert _index.chair_on(day, rulebook=rulebook) == chair_json(history.chair_on(day))
    assert _index.members_on(day, rulebook=rulebook) == members_json(history.members_on(day))
