"""The public facade: charter/__init__.py re-exports exactly the public API, lazily."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import charter


def test_all_names_resolve_to_their_objects() -> None:
    """Every name in __all__ resolves, and comes from a charter module."""
    for name in charter.__all__:
        value = getattr(charter, name)
        module = getattr(value, "__module__", None) or type(value).__module__
        assert module.startswith("charter") or name in ("RULE_IDS", "REGISTRY"), (name, module)


def test_dir_is_exactly_all() -> None:
    """dir(charter) lists the public API and nothing else."""
    assert dir(charter) == sorted(charter.__all__)


def test_unknown_name_is_an_attribute_error() -> None:
    """A name that is not public is not there."""
    with pytest.raises(AttributeError, match="no_such_name"):
        getattr(charter, "no_such_name")  # noqa: B009


def test_all_matches_the_lazy_table() -> None:
    """__all__ names exactly the names the facade knows how to load."""
    assert set(charter.__all__) == set(charter._WHERE)


def test_quick_commands_do_not_import_pydantic() -> None:
    """charter chair and members on the record answer without importing the model."""
    code = (
        "import sys; from charter.cli import main; "
        "main(['chair', '--on', '2019-06-01']); main(['members', '--on', '2019-06-01']); "
        "print('pydantic' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "False"


def test_a_json_file_is_replayed_without_pyyaml(tmp_path: Path) -> None:
    """Replaying a JSON file on an empty baseline never loads the YAML reader: PyYAML is
    imported only for a file (or a record) written in YAML."""
    scenario = tmp_path / "s.json"
    scenario.write_text(
        json.dumps(
            {
                "title": "two members",
                "baseline": "empty",
                "events": [
                    {
                        "id": "a",
                        "date": "2003-01-01",
                        "membership": {"state": "RUS", "status": "member"},
                    },
                    {
                        "id": "b",
                        "date": "2003-01-01",
                        "membership": {"state": "KAZ", "status": "member"},
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    code = (
        "import sys; from charter.cli import main; "
        f"main(['replay', {str(scenario)!r}, '--format', 'json']); "
        "print('yaml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout[: done.stdout.rindex("\n", 0, -1)])["ok"] is True
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_replay_is_the_function_even_after_the_engine_loads() -> None:
    """charter.replay stays the public function however the package was imported."""
    import charter.engine.replaying

    assert callable(charter.replay)
    assert charter.replay.__module__ == "charter.engine.replaying"


def test_library_quick_path() -> None:
    """The README's library example works: the record answers who chaired."""
    answer = charter.default_history().chair_on("2019-06-01")
    assert answer.state == "KGZ"
    assert answer.person == "Sooronbay Jeenbekov"
