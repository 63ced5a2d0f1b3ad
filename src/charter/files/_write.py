"""The one writer: every file charter writes is written here, whole or not at all.

The text goes to a temporary file created exclusively (``O_EXCL``: a name that
exists, a planted link included, is never opened) under an unpredictable name in
the target's folder; it is flushed and synced, then renamed over the target, so a
reader sees the old file or the new one, never part of either. Without
``overwrite`` the temporary file is *linked* to the target's name, which fails if
anything (a file, a link, a folder) holds that name: the refusal is decided by
the file system in one step, so of several writers racing for a name exactly one
wins. Whatever fails, the target is as it was and no temporary file is left.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import signal
import stat
import threading
from pathlib import Path

from charter.engine.errors import CONTROL, ScenarioError
from charter.files._read import name_of, os_cause

__all__ = ["write_file"]

_WRITE_CAUSES = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EFBIG: "the file is larger than this process may write (ulimit -f)",
    errno.EROFS: "the folder is on a read-only file system",
    errno.EACCES: "permission denied (cannot write in its folder)",
    errno.EPERM: "permission denied (cannot write in its folder)",
    errno.ENOENT: "its folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "is a folder (expected a file name)",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.EIO: "an input/output error on the device",
}


def _cause(exc: OSError) -> str:
    return _WRITE_CAUSES.get(exc.errno or 0) or os_cause(exc)


def _no_file_size_signal() -> None:
    """Let a write over ``ulimit -f`` fail with EFBIG instead of killing the process."""
    sigxfsz = getattr(signal, "SIGXFSZ", None)
    if sigxfsz is not None and threading.current_thread() is threading.main_thread():
        signal.signal(sigxfsz, signal.SIG_IGN)


def write_file(
    target: str | Path,
    text: str,
    *,
    overwrite: bool = False,
    refusal: str = "already exists (pass overwrite to replace it)",
) -> Path:
    """Write ``text`` to ``target`` atomically; raise ``ScenarioError`` naming it otherwise.

    ``overwrite`` replaces a file already there (a link at the name is replaced,
    never followed); without it, a name already taken is refused with ``refusal``.
    """
    name = name_of(target, "target")
    if not isinstance(text, str):
        raise TypeError(f"text: expected str, found {type(text).__name__}")
    if "\x00" in name or CONTROL.search(name):
        # The name is printed back ("wrote NAME"): a control character would reach the terminal.
        raise ScenarioError.single(
            repr(name), "the file name holds a control character (expected a printable name)"
        )
    path = Path(name)
    if name == "" or path.name in ("", ".", ".."):
        raise ScenarioError.single(repr(name), "not a file name (expected a path to a file)")
    folder = path.parent
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise ScenarioError.single(name, _cause(exc)) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise ScenarioError.single(name, "is a folder (expected a file name)")
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        # A rename would put the file in place of a device or a pipe, not write into it.
        raise ScenarioError.single(
            name, "is not a regular file (a device, a pipe or a socket): write to a file name"
        )
    if mode is not None and not overwrite:
        raise ScenarioError.single(name, refusal)
    _no_file_size_signal()
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise ScenarioError.single(name, "the text holds a lone surrogate (not UTF-8)") from None
    temporary, descriptor = _temporary(name, folder)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        _publish(temporary, path, overwrite=overwrite, refusal=refusal)
    except OSError as exc:
        raise ScenarioError.single(name, _cause(exc)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    _sync_folder(folder)
    return path


_ATTEMPTS = 8


def _temporary(name: str, folder: Path) -> tuple[Path, int]:
    """A new, empty temporary file in ``folder``, created exclusively under a random name.

    ``O_EXCL`` refuses any name that exists, a planted link included, so nothing
    is ever opened through a link; a name someone took is tried again with another.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    for _ in range(_ATTEMPTS):
        temporary = folder / f".charter-{secrets.token_hex(8)}.tmp"
        try:
            return temporary, os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise ScenarioError.single(name, _cause(exc)) from None
    raise ScenarioError.single(name, "cannot create a temporary file in its folder")


def _publish(temporary: Path, target: Path, *, overwrite: bool, refusal: str) -> None:
    """Give the written file its name: replace, or link only if the name is free."""
    if overwrite:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target, follow_symlinks=False)
    except FileExistsError:
        raise ScenarioError.single(str(target), refusal) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links: claim the name exclusively, then rename over
        # the claim; the claim, not a check, decides who wins.
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            raise ScenarioError.single(str(target), refusal) from None
        try:
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(target)  # the empty claim is ours: give the name back
            raise


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the system allows a folder to be synced."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
