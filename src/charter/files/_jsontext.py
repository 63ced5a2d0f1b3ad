"""JSON text held to the rules YAML is read with, each refusal located by line and column.

A key given twice, nesting past ``CHARTER_MAX_DEPTH``, more values than
``CHARTER_MAX_NODES``, ``NaN`` and ``Infinity``, and control characters in strings
are refused. What is refused is located by reading the text again with positions
(JSON being a form of YAML).
"""

from __future__ import annotations

import json
import re
from typing import Any

from charter.engine.errors import CONTROL, Problem, ScenarioError, control_message, shown
from charter.files._document import Limits

__all__ = ["SCHEMA_DEPTH", "as_yaml", "parse_json"]

_AT_LINE = re.compile(r"at line ([0-9]+)")


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


_DECODER = json.JSONDecoder(object_pairs_hook=_unique, parse_constant=_constant)
"""One decoder for every text: ``json.loads`` with these options would make a new one per call
(a JSON Lines file calls it once a line). Threads may share it, as ``json.loads`` shares its own."""


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
        if text.startswith("\ufeff"):  # as json.loads says it (the decoder itself would not)
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        data = _DECODER.decode(text)
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
    # Parsed text holds no raw C0 control (JSON refuses them, tab and line breaks aside), so
    # ASCII text can hold only DEL; other text is searched in full.
    strings = ("\x7f" in text if text.isascii() else CONTROL.search(text) is not None) or (
        "\\" in text and _ESCAPED_CONTROL.search(text) is not None
    )
    # Every value but the first follows a comma, a colon or an opening bracket (and no value
    # is shorter than a character).
    count = len(text) >= limits.max_nodes and (
        1 + text.count(",") + text.count(":") + text.count("[") > limits.max_nodes
    )
    # Each level of nesting opens with a bracket or a brace. A document that is validated
    # next is refused there if it nests deeper than the schema allows: for it, only a limit
    # below the schema's depth is walked.
    deep = (not validated or limits.max_depth <= SCHEMA_DEPTH) and (
        text.count("[") + text.count("{") >= limits.max_depth
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
