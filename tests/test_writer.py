"""The one writer: whole or nothing, no link followed, refusal decided in one step, nothing left."""

from __future__ import annotations

import errno
import os
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter.cli import main
from charter.engine.errors import ScenarioError
from charter.files import _write
from charter.files._write import write_file

TEXT = "new text\n"
VICTIM = "victim: must never change\n"


def _names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def _plant(kind: str, target: Path, victim: Path) -> None:
    """Put something of ``kind`` at ``target`` (``victim`` is a file outside the folder)."""
    if kind == "file":
        target.write_text("old\n")
    elif kind == "link-to-victim":
        target.symlink_to(victim)
    elif kind == "dangling-link":
        target.symlink_to(target.parent / "nowhere")
    elif kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)


KINDS = ("nothing", "file", "link-to-victim", "dangling-link", "folder", "fifo")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), overwrite=st.booleans(), text=st.text(max_size=200))
def test_every_kind_of_target_ends_whole_or_refused(
    tmp_path_factory: pytest.TempPathFactory, kind: str, overwrite: bool, text: str
) -> None:
    """Whatever holds the name, the write succeeds whole or is refused; the victim never changes."""
    root = tmp_path_factory.mktemp("w")
    folder = root / "out"
    folder.mkdir()
    victim = root / "victim.txt"
    victim.write_text(VICTIM)
    target = folder / "new.svg"
    _plant(kind, target, victim)
    before = _names(folder)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "replaced\n"
    refused: list[str] = []
    try:
        write_file(target, text, overwrite=overwrite)
    except ScenarioError as exc:
        refused = [problem.path for problem in exc.problems]
    if refused:
        assert refused == [str(target)]
        assert _names(folder) == before  # nothing left behind
        assert kind != "nothing"
        assert kind in ("folder", "fifo") or not overwrite
    else:
        assert kind in ("nothing", "file", "link-to-victim", "dangling-link")
        assert kind == "nothing" or overwrite
        assert not target.is_symlink()
        assert target.read_bytes() == text.encode("utf-8")
        assert _names(folder) == {"new.svg"}
    assert victim.read_text() == VICTIM


def test_a_link_planted_at_the_temporary_name_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link planted where the temporary file would go is skipped, never written through."""
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM)
    out = tmp_path / "out"
    out.mkdir()
    tokens = iter(["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"])
    monkeypatch.setattr(secrets, "token_hex", lambda _: next(tokens))
    (out / ".charter-aaaaaaaaaaaaaaaa.tmp").symlink_to(victim)
    write_file(out / "new.svg", TEXT)
    assert victim.read_text() == VICTIM
    assert (out / "new.svg").read_text() == TEXT
    assert (out / ".charter-aaaaaaaaaaaaaaaa.tmp").is_symlink()


def test_the_old_fixed_temporary_name_is_harmless(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """timeline -o out/new.svg with a link planted at out/.new.svg.tmp leaves the victim alone."""
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".new.svg.tmp").symlink_to(victim)
    monkeypatch.chdir(tmp_path)
    assert main(["timeline", "-o", "out/new.svg", "--format", "svg"]) == 0
    assert victim.read_text() == VICTIM
    assert (tmp_path / "out" / "new.svg").read_text().startswith("<svg")
    assert main(["timeline", "-o", "out/new.svg"]) == 2
    assert "already exists (use --force to replace it)" in capsys.readouterr().err


@pytest.mark.parametrize("overwrite", [False, True])
def test_racing_writers_never_crash_and_one_wins_without_overwrite(
    tmp_path: Path, overwrite: bool
) -> None:
    """Of 8 writers without overwrite exactly one wins; 96 with overwrite all succeed, file whole."""
    writers = 96 if overwrite else 8
    texts = [f"writer {index}\n" * 50 for index in range(writers)]
    target = tmp_path / "race.txt"
    start = threading.Barrier(8)

    def write(index: int) -> bool:
        if index < 8:
            start.wait()
        try:
            write_file(target, texts[index], overwrite=overwrite)
        except ScenarioError:
            return False
        return True

    with ThreadPoolExecutor(max_workers=8) as pool:
        won = list(pool.map(write, range(writers)))
    assert won.count(True) == (writers if overwrite else 1)
    assert target.read_text() in texts
    assert _names(tmp_path) == {"race.txt"}


FAILURES: dict[str, tuple[str, int]] = {
    "disk full": ("write", errno.ENOSPC),
    "quota": ("write", errno.EDQUOT),
    "file too large": ("write", errno.EFBIG),
    "sync fails": ("fsync", errno.EIO),
    "read-only folder": ("open", errno.EROFS),
    "no permission": ("open", errno.EACCES),
    "name too long": ("open", errno.ENAMETOOLONG),
    "rename fails": ("replace", errno.EXDEV),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
@pytest.mark.parametrize("overwrite", [False, True])
def test_a_failing_write_names_the_file_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str, overwrite: bool
) -> None:
    """A system call that fails ends in one ScenarioError naming the target; the folder is as it was."""
    target = tmp_path / "new.svg"
    if overwrite:
        target.write_text("old\n")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    call, code = FAILURES[failure]
    real: Callable[..., object] = getattr(os, call)

    def broken(*args: object, **kwargs: object) -> object:
        if call == "open" and not str(args[0]).endswith(".tmp"):
            return real(*args, **kwargs)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, call, broken)
    if call == "replace" and not overwrite:
        monkeypatch.setattr(os, "link", broken)
    with pytest.raises(ScenarioError) as caught:
        write_file(target, TEXT, overwrite=overwrite)
    monkeypatch.undo()
    assert [problem.path for problem in caught.value.problems] == [str(target)]
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_a_name_just_short_enough_is_written(tmp_path: Path) -> None:
    """A legal name of 255 characters is written: the temporary name does not grow with it."""
    target = tmp_path / ("n" * 251 + ".svg")
    write_file(target, TEXT)
    assert target.read_text() == TEXT
    assert _names(tmp_path) == {target.name}


def test_an_interrupted_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the text is written leaves no temporary file and no target."""

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_file(tmp_path / "new.svg", TEXT)
    monkeypatch.undo()
    assert _names(tmp_path) == set()


def test_file_systems_without_hard_links_still_refuse_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where os.link is not supported, an exclusive claim decides; the second writer is refused."""

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "new.svg"
    write_file(target, TEXT)
    with pytest.raises(ScenarioError, match="already exists"):
        write_file(target, "other\n")
    assert target.read_text() == TEXT
    assert _names(tmp_path) == {"new.svg"}


def test_arguments_are_checked_at_the_boundary(tmp_path: Path) -> None:
    """A target that is not a path, or text that is not str, is a TypeError naming the parameter."""
    with pytest.raises(TypeError, match="target"):
        write_file(None, TEXT)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text"):
        write_file(tmp_path / "x", b"bytes")  # type: ignore[arg-type]
    assert _write.__all__ == ["write_file"]


@pytest.mark.parametrize("force", [False, True])
def test_racing_commands_write_once_without_force(tmp_path: Path, force: bool) -> None:
    """`charter timeline -o` processes racing for one name: of 8 without --force exactly one says
    "wrote" and seven are refused; 4 with --force all succeed; the file is whole, nothing else left."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    argv = [sys.executable, "-m", "charter", "timeline", "--format", "svg", "-o", "out.svg"]
    argv += ["--force"] if force else []
    processes = [
        subprocess.Popen(
            argv,
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4 if force else 8)
    ]
    results = []
    try:
        for process in processes:
            _, err = process.communicate(timeout=120)
            results.append((process.returncode, err))
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.communicate()
    wrote = [err for code, err in results if code == 0 and err == "wrote out.svg\n"]
    refused = [err for code, err in results if code == 2 and "already exists" in err]
    assert len(wrote) == (4 if force else 1)
    assert len(refused) == (0 if force else 7)
    assert (tmp_path / "out.svg").read_text().startswith("<svg")
    assert _names(tmp_path) == {"out.svg"}


@pytest.mark.parametrize("name", ["a\x00b.svg", "a\x1b[2Jb.svg", "", ".", "..", "out/"])
def test_a_name_that_is_not_a_printable_file_name_is_refused(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A target holding NUL or a control character, or naming no file, is one ScenarioError."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    with pytest.raises(ScenarioError) as caught:
        write_file(name, TEXT)
    assert len(caught.value.problems) == 1
    assert _names(tmp_path) == {"out"}
