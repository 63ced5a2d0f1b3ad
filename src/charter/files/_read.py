"""The one reader: every file charter reads, in every format, comes in through here.

It opens only regular files (a FIFO, a device or a socket is refused at once,
without waiting on it), reads no more than ``CHARTER_MAX_BYTES``, and decodes
UTF-8 strictly (a byte-order mark is skipped; UTF-16 and UTF-32 are named as
such; a bad byte is located). JSON is parsed with the rules YAML is read with:
a key given twice, nesting past ``CHARTER_MAX_DEPTH``, more values than
``CHARTER_MAX_NODES`` and control characters in strings are refused, each with
its line and column. JSON Lines is read line by line within the same limits.

Text that did not come from a file (standard input, a request body) goes
through ``text_of`` with a name of its own, and meets the same limits.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Generator
from pathlib import Path
from typing import Any, BinaryIO

from charter.engine.errors import CONTROL, Problem, ScenarioError, control_message, shown
from charter.files._document import Limits

__all__ = [
    "CONTROL",
    "as_yaml",
    "json_lines",
    "name_of",
    "open_regular",
    "parse_json",
    "read_bytes",
    "read_text",
    "text_of",
]

_AT_LINE = re.compile(r"at line ([0-9]+)")
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


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    built = dict(pairs)
    if len(built) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return built


def _constant(word: str) -> Any:
    raise ValueError(f"{word} is not a JSON number")


def parse_json(
    name: str, text: str, limits: Limits, line: int = 1, *, validated: bool = False
) -> Any:
    """One JSON document as plain data, held to the rules and limits YAML is read with.

    ``line`` is where the text starts in its file (a JSON Lines line), for messages.
    ``validated``: the caller validates the data against the file schema next, which
    refuses any nesting deeper than the schema's (and the file is then read again with
    positions, which names the depth), so the depth is left to it unless the limit is
    below the schema's own depth.
    Whatever is refused is located by reading the text again with positions
    (JSON being a form of YAML), so the line and column point at the culprit.
    Call it with the collector paused (``paused_collection``) for a large text.
    """
    try:
        data = json.loads(text, object_pairs_hook=_unique, parse_constant=_constant)
        fault = _fault(text, data, limits, validated)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg}{_json_hint(text, exc.pos)}"
        raise ScenarioError(
            [Problem(name, line + exc.lineno - 1, exc.colno, "", message)]
        ) from None
    except ValueError as exc:  # NaN or Infinity
        raise ScenarioError.single(name, f"not valid JSON: {exc}", line, 1) from None
    except _DuplicateKeyError as exc:
        raise _located(name, text, limits, line, f"duplicate key {shown(exc.key)}") from None
    except RecursionError:
        raise _located(
            name, text, limits, line, f"nesting deeper than {limits.max_depth} levels"
        ) from None
    if fault is not None:
        raise _located(name, text, limits, line, fault)
    return data


def _json_hint(text: str, position: int) -> str:
    """What the usual culprit is, when the parser's words do not say it.

    >>> _json_hint('{"a": 1,}', 8)
    ' (a comma before a closing bracket: remove it)'
    >>> _json_hint("title: x", 0)
    ' (this looks like YAML: name the file .yaml, or write it as JSON)'
    """
    before = text[:position].rstrip()
    if before.endswith(",") and text[position : position + 1] in ("}", "]"):
        return " (a comma before a closing bracket: remove it)"
    start = text.lstrip()
    json_starts = ("{", "[", '"', "-", *"0123456789", "true", "false", "null")
    if not before and start and not start.startswith(json_starts):
        return " (this looks like YAML: name the file .yaml, or write it as JSON)"
    return ""


_ESCAPED_CONTROL = re.compile(r"\\(?:u(?:00[01]|00[89]|007f|d[89a-f]|fff[ef])|[bf])", re.IGNORECASE)
"""A JSON escape that may stand for a control character (``\\b`` and ``\\f`` among them), a
surrogate or a noncharacter."""


def _fault(text: str, data: Any, limits: Limits, validated: bool = False) -> str | None:
    """What in parsed JSON breaks a limit or holds a control character; ``None`` if nothing.

    The text is looked at first, at the speed of a regular expression: only when it
    could hold a control character (raw, or as an escape) are the strings looked at,
    and only when it could hold more values than the limit are they counted.
    """
    strings = CONTROL.search(text) is not None or _ESCAPED_CONTROL.search(text) is not None
    # Every value but the first follows a comma, a colon or an opening bracket.
    count = 1 + text.count(",") + text.count(":") + text.count("[") > limits.max_nodes
    # Each level of nesting opens with a bracket or a brace. A document that is validated
    # next is refused there if it nests deeper than the schema allows: for it, only a limit
    # below the schema's depth is walked.
    deep = text.count("[") + text.count("{") >= limits.max_depth and (
        not validated or limits.max_depth <= SCHEMA_DEPTH
    )
    if not (strings or count or deep):
        return None  # the common line of JSON Lines: nothing to walk
    containers = (dict, list)
    if data.__class__ not in containers:
        found = strings and data.__class__ is str and CONTROL.search(data)
        return control_message(data) if found else None
    pending: list[tuple[Any, int]] = [(data, 0)]
    built = 1
    while pending:
        value, depth = pending.pop()
        if value and depth >= limits.max_depth:  # its values stand one level deeper
            return f"nesting deeper than {limits.max_depth} levels (raise CHARTER_MAX_DEPTH if this is intended)"
        items = value.values() if value.__class__ is dict else value
        if strings and value.__class__ is dict:
            for key in value:
                if CONTROL.search(key):
                    return control_message(key)
        for item in items:
            if item.__class__ in containers:
                pending.append((item, depth + 1))
            elif strings and item.__class__ is str and CONTROL.search(item):
                return control_message(item)
        if count:
            built += len(value)
            if built > limits.max_nodes:
                return f"the document holds more than {limits.max_nodes} values (raise CHARTER_MAX_NODES if this is intended)"
    return None


SCHEMA_DEPTH = 8
"""No document the schema accepts nests deeper than this (a test holds the schema to it)."""


_SURROGATE_PAIR = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")


def as_yaml(text: str) -> str:
    """JSON text as YAML reads it: a character past U+FFFF escaped as a surrogate pair
    (``\\ud83d\\ude00``, as ``json.dumps`` writes it) becomes one ``\\U`` escape.

    YAML has no surrogate pairs; positions after such a pair on its line move by two.

    >>> as_yaml('"\\\\ud83d\\\\ude00"')
    '"\\\\U0001F600"'
    """

    def joined(found: re.Match[str]) -> str:
        high, low = int(found.group(1), 16), int(found.group(2), 16)
        return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"

    return _SURROGATE_PAIR.sub(joined, text) if "\\u" in text else text


def _located(name: str, text: str, limits: Limits, line: int, message: str) -> ScenarioError:
    """``message`` at the place the careful YAML reader finds a problem in ``text``."""
    try:
        from charter.files._yaml import read_yaml  # noqa: PLC0415 - PyYAML is loaded when needed

        read_yaml(name, as_yaml(text), limits)
    except ScenarioError as exc:
        first = exc.problems[0]
        # The careful reader counts lines from the start of the text it was given.
        said = _AT_LINE.sub(
            lambda found: f"at line {int(found.group(1)) + line - 1}", first.message
        )
        where = first.where
        if said.startswith("not valid YAML"):  # the YAML parser balks first: say what JSON holds
            said, where = message, ""
        return ScenarioError([Problem(name, line + first.line - 1, first.column, where, said)])
    return ScenarioError.single(name, message, line, 1)
