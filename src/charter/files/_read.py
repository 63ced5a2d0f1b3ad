"""The one reader: every file charter reads, in every format, comes in through here.

It opens only regular files (a FIFO, a device or a socket is refused at once,
without waiting on it), reads no more than ``CHARTER_MAX_BYTES``, and decodes
UTF-8 strictly (a byte-order mark is skipped; UTF-16 and UTF-32 are named as
such; a bad byte is located). JSON Lines is read line by line within the same
limits; JSON text is then parsed by ``charter.files._jsontext``.

Text that did not come from a file (standard input, a request body) goes
through ``text_of`` with a name of its own, and meets the same limits.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Generator
from pathlib import Path
from typing import BinaryIO

from charter.engine.errors import CONTROL, ScenarioError, shown
from charter.files._document import Limits

__all__ = [
    "CONTROL",
    "json_lines",
    "name_of",
    "open_regular",
    "read_bytes",
    "read_text",
    "text_of",
]

_HINT = "(raise CHARTER_MAX_BYTES if this is intended)"


_KINDS = (
    (stat.S_ISFIFO, "is a named pipe (FIFO)"),
    (stat.S_ISCHR, "is a character device"),
    (stat.S_ISBLK, "is a block device"),
    (stat.S_ISSOCK, "is a socket"),
)

_CAUSES = {
    errno.ENOENT: "no such file",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.ELOOP: "too many levels of symbolic links",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "is a folder (expected a scenario file)",
}


def name_of(path: object, parameter: str = "path") -> str:
    """The name of a path as messages give it; ``TypeError`` for what is not a path."""
    if isinstance(path, str):
        return path
    if isinstance(path, os.PathLike):
        named = os.fspath(path)
        if isinstance(named, str):
            return named
    raise TypeError(
        f"{parameter}: expected a file path (str or pathlib.Path), found {type(path).__name__}"
    )


def os_cause(exc: OSError) -> str:
    """An operating-system error in the words of a message (what went wrong, not a code)."""
    if exc.errno in _CAUSES:
        return _CAUSES[exc.errno]
    return exc.strerror or type(exc).__name__


def open_regular(path: str | Path) -> BinaryIO:
    """Open a regular file for reading; refuse anything else with one line naming it.

    The file is opened without blocking, so a FIFO with no writer cannot hang the
    command; what it is is then read from the open file itself, not from its name.
    """
    name = name_of(path)
    if name == "":
        raise ScenarioError.single("''", "an empty path (expected a file name)")
    if "\x00" in name:
        raise ScenarioError.single(shown(name), "cannot read the file: not a valid file name")
    if CONTROL.search(name):
        # Reports quote the file's name: a control character there would reach a terminal or XML.
        raise ScenarioError.single(
            name, "the file name holds a control character (rename the file, then name it again)"
        )
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(name, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ScenarioError.single(name, os_cause(exc)) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise ScenarioError.single(name, "is a folder (expected a scenario file)")
        for test, what in _KINDS:
            if test(mode):
                raise ScenarioError.single(name, f"{what} (expected a regular file)")
        if not stat.S_ISREG(mode):  # pragma: no cover - every other kind is listed above
            raise ScenarioError.single(name, "is not a regular file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_bytes(path: str | Path, limits: Limits) -> bytes:
    """The bytes of a regular file, no more than the size limit allows."""
    name = name_of(path)
    with open_regular(name) as stream:
        try:
            size = os.fstat(stream.fileno()).st_size
            if size > limits.max_bytes:
                raise ScenarioError.single(
                    name,
                    f"the file is {size} bytes, over the limit of {limits.max_bytes} bytes {_HINT}",
                )
            # No more than the limit, whatever the size said: a file may grow while it is read.
            raw = stream.read(limits.max_bytes + 1)
        except OSError as exc:
            raise ScenarioError.single(name, f"cannot read the file: {os_cause(exc)}") from None
    if len(raw) > limits.max_bytes:
        raise ScenarioError.single(
            name, f"the file holds more than the limit of {limits.max_bytes} bytes {_HINT}"
        )
    return raw


def read_text(path: str | Path, limits: Limits | None = None) -> str:
    """The text of a regular file, read within the limits and decoded strictly."""
    limits = limits or Limits()
    return decode(name_of(path), read_bytes(path, limits))


def text_of(name: str, data: bytes | str, limits: Limits | None = None) -> str:
    """Text that came from elsewhere (standard input, a request), held to a file's limits.

    >>> text_of("<request>", b"title: x\\n")
    'title: x\\n'
    """
    limits = limits or Limits()
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ScenarioError.single(
                name, "not UTF-8 text (a lone surrogate character)", 1, exc.start + 1
            ) from None
    if not isinstance(data, bytes):
        raise TypeError(f"data: expected bytes or str, found {type(data).__name__}")
    if len(data) > limits.max_bytes:
        raise ScenarioError.single(
            name,
            f"the text is {len(data)} bytes, over the limit of {limits.max_bytes} bytes {_HINT}",
        )
    return decode(name, data)


def _wide(raw: bytes) -> str | None:
    """The name of a UTF-16 or UTF-32 encoding the bytes announce or betray, if any."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:2]
    if len(head) == 2 and head.count(0) == 1:  # 'a\0' or '\0a': text of two bytes a character
        return "UTF-16"
    return None


def decode(name: str, raw: bytes, line: int = 1) -> str:
    """Bytes as UTF-8 text; a bad byte is refused with its line and column."""
    if line == 1:
        wide = _wide(raw)
        if wide is not None:
            raise ScenarioError.single(
                name, f"{wide} text (expected UTF-8: save the file as UTF-8)", line, 1
            )
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        at_line = line + raw.count(b"\n", 0, exc.start)
        column = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise ScenarioError.single(
            name, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", at_line, column
        ) from None


def json_lines(path: str | Path, limits: Limits) -> Generator[tuple[int, str], None, None]:
    """The lines of a JSON Lines file, numbered from 1, read within the size limit.

    Lines are split at line feeds only (a JSON string may hold U+2028); a line is
    decoded as it is read, so a bad byte is located on its own line.
    """
    name = name_of(path)
    with open_regular(name) as stream:
        taken = 0
        number = 0
        while True:
            try:
                raw = stream.readline(limits.max_bytes - taken + 1)
            except OSError as exc:
                raise ScenarioError.single(name, f"cannot read the file: {os_cause(exc)}") from None
            if not raw:
                return
            taken += len(raw)
            number += 1
            if taken > limits.max_bytes:
                raise ScenarioError.single(
                    name,
                    f"the file holds more than the limit of {limits.max_bytes} bytes {_HINT}",
                    number,
                    1,
                )
            yield number, decode(name, raw, number).removesuffix("\n").removesuffix("\r")
