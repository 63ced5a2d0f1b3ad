"""The public facade: charter/__init__.py re-exports exactly the public API."""

from __future__ import annotations

import charter


def test_all_is_exactly_the_public_names() -> None:
    """Every public name in the package namespace is in __all__, and nothing else is."""
    public = {
        name
        for name, value in vars(charter).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("charter")
    } | {name for name in vars(charter) if name.isupper() and not name.startswith("_")}
    assert set(charter.__all__) == public


def test_library_quick_path() -> None:
    """The README's library example works: the record answers who chaired."""
    answer = charter.default_history().chair_on("2019-06-01")
    assert answer.state == "KGZ"
    assert answer.person == "Sooronbay Jeenbekov"
