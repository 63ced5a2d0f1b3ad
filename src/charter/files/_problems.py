"""Problem messages for a file that does not match its model: where, what, expected, a fix.

Each pydantic error becomes one ``Problem`` naming the path inside the document in the
file's own terms, the value found, what was expected, and the key meant when one is
misspelt.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import (
    BaseModel,
    ValidationError,
)

from charter.engine.errors import SHOWN_CHARACTERS, Problem, shown
from charter.engine.packs import active
from charter.files._document import DocPath, Located, shown_path

__all__ = ["MAX_PROBLEMS", "at_most", "problems_of"]


MAX_PROBLEMS = 100
"""How many problems one file reports; the rest are counted, not listed."""


def at_most(problems: list[Problem]) -> list[Problem]:
    """The first ``MAX_PROBLEMS`` problems, and a line saying how many more there are."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = problems[MAX_PROBLEMS]
    return [
        *problems[:MAX_PROBLEMS],
        _more(rest.path, (rest.line, rest.column), len(problems) - MAX_PROBLEMS),
    ]


def _more(path: str, spot: tuple[int, int], count: int) -> Problem:
    return Problem(
        path,
        spot[0],
        spot[1],
        "",
        f"{count} more problems from here on (the first {MAX_PROBLEMS} are shown)",
    )


def problems_of(model: type[BaseModel], doc: Located, exc: ValidationError) -> list[Problem]:
    """Pydantic's errors as located problems, first in the file first, at most ``MAX_PROBLEMS``.

    Every error is placed, but only those shown are worded: a file with a hundred
    thousand unknown keys costs a hundred "did you mean" searches, not all of them.
    """
    located = []
    extras: dict[DocPath, list[str]] = {}
    for error in exc.errors(include_url=False):
        where = _doc_path(doc.data, error["loc"])
        kind = error["type"]
        if kind == "missing":
            spot = doc.value_at(where[:-1])
        elif kind == "extra_forbidden":
            spot = doc.key_at(where)
            if where:
                extras.setdefault(where[:-1], []).append(str(where[-1]))
        else:
            spot = doc.value_at(where)
        located.append((spot.line, spot.column, where, error))
    located.sort(key=lambda item: (item[0], item[1]))
    # A misspelt key shows up twice: as an unknown key and as a missing one. The
    # unknown key's "did you mean" says it all, so the missing one is dropped.
    meant: dict[DocPath, set[str]] = {}

    def misspelt(where: DocPath) -> bool:
        parent = where[:-1]
        if parent not in meant:
            allowed = _allowed_keys(model, doc.data, parent)
            meant[parent] = {
                close
                for extra in extras.get(parent, [])[:MAX_PROBLEMS]
                for close in difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
            }
        return str(where[-1]) in meant[parent]

    problems: list[Problem] = []
    seen: set[tuple[DocPath, str]] = set()
    hidden: set[tuple[DocPath, str]] = set()
    for line, column, where, error in located:
        if error["type"] == "missing" and misspelt(where):
            continue
        if len(problems) >= MAX_PROBLEMS:
            hidden.add((where, error["type"]))
            continue
        message, _ = _message(model, doc, where, error)
        if (where, message) in seen:
            continue
        seen.add((where, message))
        shown_at = where[:-1] if error["type"] == "missing" else where
        problems.append(Problem(doc.path, line, column, shown_path(shown_at), message))
    if hidden:
        first = next(
            (line, column)
            for line, column, where, error in located
            if (where, error["type"]) in hidden
        )
        problems.append(_more(doc.path, first, len(hidden)))
    return problems


def _doc_path(data: Any, loc: Sequence[int | str]) -> DocPath:
    """Map pydantic's error location to a path in the document, dropping union tags."""
    where: list[int | str] = []
    node = data
    for index, part in enumerate(loc):
        is_last = index == len(loc) - 1
        if isinstance(node, dict) and isinstance(part, str):
            if part in node:
                where.append(part)
                node = node[part]
            elif is_last:
                where.append(part)  # a missing or unknown key: name it
            # otherwise a union member's tag: not part of the document
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            where.append(part)
            node = node[part]
    return tuple(where)


def _message(
    model: type[BaseModel], doc: Located, where: DocPath, error: Mapping[str, Any]
) -> tuple[str, bool]:
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        key = str(where[-1]) if where else "?"
        allowed = _allowed_keys(model, doc.data, where[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(allowed)}"
        return f"unknown key {shown(key)} ({hint})", True
    if kind == "missing":
        return f"missing required key {shown(str(where[-1]))}", False
    if kind in ("enum", "literal_error"):
        expected = error.get("ctx", {}).get("expected", "")
        return f"{shown(value)} is not allowed (expected {expected})", False
    if kind == "union_tag_invalid":
        expected = error.get("ctx", {}).get("expected_tags", "")
        tag = error.get("ctx", {}).get("tag", value)
        return f"unknown kind {shown(tag)} (expected one of: {expected})", False
    if kind == "union_tag_not_found":
        return "missing required key 'kind'", False
    if kind == "string_pattern_mismatch":
        return _pattern_message(where, value), False
    if kind == "string_type":
        return f"expected text, found {_describe(value)}", False
    if kind in ("bool_parsing", "bool_type"):
        return f"{shown(value)} is not true or false (expected true or false)", False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{shown(value)} is not a whole number (expected one, such as 2026)", False
    if kind == "string_too_long" and isinstance(value, str):
        limit = error.get("ctx", {}).get("max_length", "?")
        return f"{len(value)} characters, too long (expected at most {limit})", False
    if kind in ("value_error", "assertion_error"):
        text = str(error.get("msg", ""))
        if isinstance(value, str) and len(value) > SHOWN_CHARACTERS:  # a long value, quoted whole
            text = text.replace(repr(value), shown(value))
        return text.removeprefix("Value error, ").removeprefix("Assertion failed, "), False
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected a mapping, found {_describe(value)}", False
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, found {_describe(value)}", False
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"{shown(value)} is not a date (expected YYYY-MM-DD)", False
    return f"{error.get('msg', 'invalid value')} (found {_describe(value)})", False


def _pattern_message(where: DocPath, value: object) -> str:
    field = str(where[-1]) if where and isinstance(where[-1], str) else ""
    if field in ("state", "host", "to") or (
        len(where) >= 2 and where[-2] in ("joined", "objected")
    ):
        return f"{shown(value)} is not a state code (expected ISO 3166-1 alpha-3, such as FRA)"
    if field in ("id", "event", "session"):
        return f"{shown(value)} is not an id (expected letters, digits, '.', '_' or '-')"
    if field == "rule":
        return f"{shown(value)} is not a rule id (expected something like {_rule_example()!r})"
    return f"{shown(value)} does not have the expected form"


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    return f"{type(value).__name__} {shown(value)}"


def _allowed_keys(model: type[BaseModel], data: Any, where: DocPath) -> list[str]:
    """The keys the model accepts at ``where`` in the document."""
    current: Any = model
    node = data
    for part in where:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            continue
        current = _field_model(current, part, node.get(part) if isinstance(node, dict) else None)
        node = node.get(part) if isinstance(node, dict) else None
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return sorted(current.model_fields)
    return []


def _field_model(model: Any, name: str, value: Any) -> Any:
    if (
        not (isinstance(model, type) and issubclass(model, BaseModel))
        or name not in model.model_fields
    ):
        return None
    return _pick_model(model.model_fields[name].annotation, value)


def _pick_model(annotation: Any, value: Any) -> Any:
    """Find the model class inside an annotation (Optional, tuple, union by ``kind``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    candidates = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    models = [found for arg in candidates if (found := _pick_model(arg, value)) is not None]
    if len(models) > 1 and isinstance(value, dict) and "kind" in value:
        for found in models:
            kind_field = found.model_fields.get("kind")
            if kind_field is not None and value["kind"] in typing.get_args(kind_field.annotation):
                return found
    return models[0] if models else None


def _rule_example() -> str:
    """A rule id of the rulebook in force to show as an example: its chair rule, or its first."""
    pack = active()
    return pack.explained_by.get("chair") or pack.rule_ids()[0]
