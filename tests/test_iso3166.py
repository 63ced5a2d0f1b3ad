"""The country table is pycountry's ISO 3166-1 list, and every state charter names is in it."""

from __future__ import annotations

import pytest

from charter.engine._iso3166 import ALPHA3
from charter.rulebooks.csto.states import ROTATION_NAMES
from tests.countries import TABLE, codes, render


def test_the_shipped_table_is_the_current_iso_list() -> None:
    """src/charter/engine/_iso3166.py is what ``make countries`` writes from pycountry today."""
    pytest.importorskip("pycountry")
    assert TABLE.read_text(encoding="utf-8") == render()
    assert set(codes()) == ALPHA3


def test_newer_codes_such_as_sint_maarten_are_known() -> None:
    """A code the hand-kept table lacked (SXM) is now a state code."""
    assert "SXM" in ALPHA3


def test_every_state_with_a_russian_name_is_a_real_code() -> None:
    """The hand-kept Russian names (the rotation's order) name real ISO 3166-1 states."""
    assert set(ROTATION_NAMES) <= ALPHA3
