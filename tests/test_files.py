"""Which files a command reads: nothing under a folder is skipped without a word."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter.cli import main
from charter.engine.errors import ScenarioError
from charter.files._files import scenario_files

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "rules" / "art13.chair-fires.yaml"


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    suffix=st.sampled_from(
        [".yaml", ".YAML", ".Yml", ".yml", ".json", ".JSON", ".jsonl", ".JsonL"]
    ),
    depth=st.integers(0, 3),
)
def test_a_scenario_file_is_found_whatever_the_case_of_its_suffix(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, depth: int
) -> None:
    """A folder holding only A.YAML (or any case of any suffix), however deep, is not "empty"."""
    root = tmp_path_factory.mktemp("case")
    folder = root.joinpath(*["sub"] * depth)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"A{suffix}").write_text("title: t\n")
    assert scenario_files([str(root)]) == [folder / f"A{suffix}"]


def test_an_unreadable_subfolder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A subfolder the system will not list is named with the cause, never skipped (exit 2)."""
    (tmp_path / "ok").mkdir()
    shutil.copy(SCENARIO, tmp_path / "ok" / "s.yaml")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def refusing(path: object = ".") -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", refusing)
    with pytest.raises(ScenarioError) as caught:
        scenario_files([str(tmp_path)])
    (problem,) = caught.value.problems
    assert problem.path.endswith("locked")
    assert "cannot read the folder: Permission denied" in problem.message
    assert main(["replay", str(tmp_path)]) == 2


def test_a_link_to_a_folder_is_an_error_not_a_loop(tmp_path: Path) -> None:
    """A link to a folder inside a folder (here, to the folder itself) is named, not followed."""
    shutil.copy(SCENARIO, tmp_path / "s.yaml")
    (tmp_path / "loop").symlink_to(tmp_path)
    with pytest.raises(ScenarioError, match="a link to a folder is not followed"):
        scenario_files([str(tmp_path)])


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_or_blank_path_names_nothing(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """'' is an error, not the current folder; a blank name is a file that does not exist."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SCENARIO, tmp_path / "s.yaml")
    for command in ("replay", "coverage"):
        assert main([command, name]) == 2
        assert capsys.readouterr().err.count("\n") == 1


def test_a_folder_of_other_files_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder with no scenario file at all is an error naming it, for replay and coverage."""
    (tmp_path / "notes.txt").write_text("x")
    for command in ("replay", "coverage"):
        assert main([command, str(tmp_path)]) == 2
        assert "no scenario files" in capsys.readouterr().err


def test_rules_examples_must_name_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """rules --markdown --examples with a missing folder, or --examples alone, is exit 2."""
    assert main(["rules", "--markdown", "--examples", str(tmp_path / "absent")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["rules", "--examples", str(tmp_path)]) == 2
    assert "--markdown" in capsys.readouterr().err
