"""Read YAML safely into plain data, remembering where every key and value stands.

Only the core YAML types are built (mappings with string keys, sequences,
strings, numbers, booleans, null); any other tag is refused. Dates stay strings
so that the model reads them strictly. Duplicate keys, merge keys, excessive
nesting and alias expansion are refused with the position of the culprit.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from charter.errors import Problem, ScenarioError

__all__ = ["Limits", "Located", "Location", "format_path", "read_yaml"]

try:  # libyaml is much faster; the pure-Python loader is the same language.
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,misc,unused-ignore]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

_PLAIN_KEY_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP})

PathPart = str | int
DocPath = tuple[PathPart, ...]


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value and value.isdigit() else default


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one input file may cost to read.

    Each can be set by an environment variable (in brackets) or passed in:
    file size in bytes [``CHARTER_MAX_BYTES``], nesting depth
    [``CHARTER_MAX_DEPTH``], values built in all [``CHARTER_MAX_NODES``] and
    values built again by expanding aliases [``CHARTER_MAX_ALIAS_NODES``]. The
    last one stops a few lines of anchors from expanding into billions of values.
    """

    max_bytes: int = field(default_factory=lambda: _env_int("CHARTER_MAX_BYTES", 256 * 1024 * 1024))
    max_depth: int = field(default_factory=lambda: _env_int("CHARTER_MAX_DEPTH", 64))
    max_nodes: int = field(default_factory=lambda: _env_int("CHARTER_MAX_NODES", 50_000_000))
    max_alias_nodes: int = field(
        default_factory=lambda: _env_int("CHARTER_MAX_ALIAS_NODES", 100_000)
    )


@dataclass(frozen=True, slots=True)
class Location:
    """A position in a file, counted from 1."""

    line: int
    column: int


@dataclass(slots=True)
class Located:
    """Plain data read from a file, with the position of every value and key in it."""

    path: str
    data: Any
    values: dict[DocPath, Location]
    keys: dict[DocPath, Location]

    def value_at(self, where: DocPath) -> Location:
        """The position of the value at ``where``, or of its nearest enclosing value."""
        return _nearest(self.values, where)

    def key_at(self, where: DocPath) -> Location:
        """The position of the key that leads to ``where`` (or of the value, if none)."""
        if where in self.keys:
            return self.keys[where]
        return _nearest(self.values, where)

    def problem(self, where: DocPath, message: str, *, at_key: bool = False) -> Problem:
        """A problem located at ``where`` in this file."""
        spot = self.key_at(where) if at_key else self.value_at(where)
        return Problem(self.path, spot.line, spot.column, format_path(where), message)


def _nearest(table: dict[DocPath, Location], where: DocPath) -> Location:
    for cut in range(len(where), -1, -1):
        spot = table.get(where[:cut])
        if spot is not None:
            return spot
    return Location(1, 1)


def format_path(where: DocPath) -> str:
    """Write a document path the way a user reads it.

    >>> format_path(("events", 3, "session", "date"))
    'events[3].session.date'
    >>> format_path(())
    ''
    """
    out = ""
    for part in where:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _mark(node: yaml.Node) -> Location:
    return Location(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns composed YAML nodes into plain data, recording positions as it goes."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.values: dict[DocPath, Location] = {}
        self.keys: dict[DocPath, Location] = {}
        self.built = 0
        self.expanded = 0
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, where: DocPath, message: str) -> ScenarioError:
        spot = _mark(node)
        return ScenarioError(
            [Problem(self.path, spot.line, spot.column, format_path(where), message)]
        )

    def build(self, node: yaml.Node, where: DocPath) -> Any:
        self.built += 1
        if id(node) in self.seen:
            self.expanded += 1
            if self.expanded > self.limits.max_alias_nodes:
                raise self.fail(
                    node,
                    where,
                    f"aliases expand to more than {self.limits.max_alias_nodes} values "
                    "(raise CHARTER_MAX_ALIAS_NODES if this is intended)",
                )
        else:
            self.seen.add(id(node))
        if self.built > self.limits.max_nodes:
            raise self.fail(
                node,
                where,
                f"the document holds more than {self.limits.max_nodes} values; "
                "raise CHARTER_MAX_NODES if this is intended",
            )
        if len(where) > self.limits.max_depth:
            raise self.fail(
                node,
                where,
                f"nesting deeper than {self.limits.max_depth} levels; "
                "raise CHARTER_MAX_DEPTH if this is intended",
            )
        self.values[where] = _mark(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, where)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise self.fail(node, where, f"the tag {node.tag!r} is not allowed")
            return [self.build(item, (*where, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                raise self.fail(node, where, f"the tag {node.tag!r} is not allowed")
            return self.mapping(node, where)
        raise self.fail(node, where, "unsupported YAML node")  # pragma: no cover

    def mapping(self, node: yaml.MappingNode, where: DocPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(
                    key_node, where, "merge keys ('<<') are not supported; write the keys out"
                )
            # A key is the word written: YAML 1.1 would read `on:` or `no:` as booleans.
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_KEY_TAGS:
                raise self.fail(key_node, where, "keys must be plain words (strings)")
            key = str(key_node.value)
            child = (*where, key)
            if key in out:
                first = self.keys[child]
                raise self.fail(
                    key_node, child, f"duplicate key {key!r} (first given at line {first.line})"
                )
            self.keys[child] = _mark(key_node)
            out[key] = self.build(value_node, child)
        return out

    def scalar(self, node: yaml.ScalarNode, where: DocPath) -> Any:
        tag, text = node.tag, str(node.value)
        if tag in (_STR, _TIMESTAMP):
            return text
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return text.lower() in ("true", "yes", "on")
        if tag == _INT:
            try:
                return int(text.replace("_", ""), 0)
            except ValueError:
                return text
        if tag == _FLOAT:
            try:
                return float(text.replace("_", ""))
            except ValueError:
                return text
        raise self.fail(node, where, f"the tag {tag!r} is not allowed (only plain YAML values are)")


def _compose(text: str) -> Iterator[yaml.Node]:
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                yield node
    finally:
        loader.dispose()


def read_yaml(path: str, text: str, limits: Limits | None = None) -> Located:
    """Read one YAML document from ``text`` (named ``path`` in messages).

    >>> doc = read_yaml("x.yaml", "a: 1\\nb: [2021-01-19, yes]\\n")
    >>> doc.data, doc.value_at(("b", 1))
    ({'a': 1, 'b': ['2021-01-19', True]}, Location(line=2, column=17))
    >>> read_yaml("x.yaml", "a: 1\\na: 2\\n")
    Traceback (most recent call last):
    ...
    charter.errors.ScenarioError: x.yaml:2:1: a: duplicate key 'a' (first given at line 1)
    """
    limits = limits or Limits()
    try:
        nodes = list(_compose(text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = exc.problem or exc.context or "not valid YAML"
        raise ScenarioError(
            [Problem(path, line, column, "", f"not valid YAML: {reason}")]
        ) from None
    except yaml.YAMLError as exc:
        raise ScenarioError.single(path, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise ScenarioError.single(path, "nesting too deep to read") from None
    if not nodes:
        raise ScenarioError.single(path, "the file is empty (expected a scenario mapping)", 1, 1)
    if len(nodes) > 1:
        spot = _mark(nodes[1])
        raise ScenarioError.single(
            path, "the file holds several YAML documents (expected one)", spot.line, spot.column
        )
    builder = _Builder(path, limits)
    try:
        data = builder.build(nodes[0], ())
    except RecursionError:
        raise ScenarioError.single(path, "nesting too deep to read") from None
    return Located(path, data, builder.values, builder.keys)
