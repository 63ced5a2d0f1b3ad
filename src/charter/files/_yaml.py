"""Read YAML safely into plain data, remembering where every key and value stands.

Only the core YAML types are built (mappings with string keys, sequences,
strings, numbers, booleans, null); any other tag is refused. Dates stay strings
so that the model reads them strictly. Duplicate keys, merge keys, excessive
nesting and alias expansion are refused with the position of the culprit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from charter.engine.errors import CONTROL, Problem, ScenarioError, control_message, shown
from charter.files._document import (
    DocPath,
    Limits,
    Located,
    Location,
    shown_path,
)
from charter.files._scalars import (
    _MAP,
    _NOT_ALLOWED,
    _PLAIN_KEY_TAGS,
    _SEQ,
    _loader_class,
    _resolve_scalar,
    _scalar_value,
)

__all__ = ["CONTROL", "control_message", "read_yaml"]


def _mark(mark: Any) -> Location:
    return Location(mark.line + 1, mark.column + 1)


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _position(text: str, index: int) -> Location:
    """Line and column of character ``index``, counting line breaks as YAML does."""
    before = text[:index]
    breaks = list(_LINE_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return Location(len(breaks) + 1, index - line_start + 1)


@dataclass(slots=True)
class _Anchor:
    """A value given an anchor (``&name``), kept so that an alias can repeat it."""

    path: DocPath
    built_before: int
    value: Any = None
    size: int = 0
    depth: int = 0
    values: list[tuple[DocPath, Location]] = field(default_factory=list)
    keys: list[tuple[DocPath, Location]] = field(default_factory=list)
    complete: bool = False


@dataclass(slots=True)
class _Open:
    """A sequence or mapping being read: its data, its path, and the key awaiting a value."""

    data: Any
    path: DocPath
    anchor: _Anchor | None
    key: str | None = None


class _Reader:
    """Builds plain data from the parser's events, one event at a time.

    Reading events (rather than composing a node tree first) keeps the stack flat:
    nesting is counted as it opens, so a file of a hundred thousand ``[`` stops at
    the depth limit instead of recursing through the C stack, and an alias is
    charged for every value it repeats before anything is built from it.
    """

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.values: dict[DocPath, Location] = {}
        self.keys: dict[DocPath, Location] = {}
        self.built = 0
        self.expanded = 0
        self.anchors: dict[str, _Anchor] = {}
        self.open_anchors: list[_Anchor] = []
        self.stack: list[_Open] = []
        self.root: Any = None
        self.last_index = 0  # where the last event handed over ends in the text

    def fail(self, mark: Any, where: DocPath, message: str) -> ScenarioError:
        spot = _mark(mark)
        return ScenarioError(
            [Problem(self.path, spot.line, spot.column, shown_path(where), message)]
        )

    # -- where the next value goes ------------------------------------------------------

    def _next_path(self) -> DocPath | None:
        """The path of the value the next event starts; ``None`` when a key is due."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.data, list):
            return (*top.path, len(top.data))
        return None if top.key is None else (*top.path, top.key)

    def _attach(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        if isinstance(top.data, list):
            top.data.append(value)
        else:
            assert top.key is not None  # a value follows its key
            top.data[top.key] = value
            top.key = None

    def _record(self, table: dict[DocPath, Location], where: DocPath, spot: Location) -> None:
        table[where] = spot
        for anchor in self.open_anchors:
            relative = where[len(anchor.path) :]
            if table is self.values:
                anchor.values.append((relative, spot))
                anchor.depth = max(anchor.depth, len(relative))
            else:
                anchor.keys.append((relative, spot))

    def _count(self, mark: Any, where: DocPath, values: int, depth: int) -> None:
        self.built += values
        if self.built > self.limits.max_nodes:
            raise self.fail(
                mark,
                where,
                f"the document holds more than {self.limits.max_nodes} values "
                "(raise CHARTER_MAX_NODES if this is intended)",
            )
        if len(where) + depth > self.limits.max_depth:
            raise self.fail(
                mark,
                where,
                f"nesting deeper than {self.limits.max_depth} levels "
                "(raise CHARTER_MAX_DEPTH if this is intended)",
            )

    def _anchor(self, name: str | None, mark: Any, where: DocPath) -> _Anchor | None:
        if name is None:
            return None
        if name in self.anchors:
            first = self.anchors[name]
            line = self.values.get(first.path, Location(0, 0)).line
            raise self.fail(
                mark, where, f"duplicate anchor &{_name(name)} (first given at line {line})"
            )
        anchor = _Anchor(where, self.built - 1)
        self.anchors[name] = anchor
        self.open_anchors.append(anchor)
        return anchor

    def _close_anchor(self, anchor: _Anchor | None, value: Any) -> None:
        if anchor is None:
            return
        anchor.value = value
        anchor.size = self.built - anchor.built_before
        anchor.complete = True
        self.open_anchors.remove(anchor)

    # -- events -------------------------------------------------------------------------

    def key(self, event: Any) -> None:
        top = self.stack[-1]
        if isinstance(event, yaml.ScalarEvent):
            tag = _resolve_scalar(event)
            if tag == _MERGE:
                raise self.fail(
                    event.start_mark,
                    top.path,
                    "merge keys ('<<') are not supported; write the keys out",
                )
            if event.anchor is not None:
                raise self.fail(
                    event.start_mark, top.path, "anchors on keys are not supported (only on values)"
                )
            # A key is the word written: YAML 1.1 would read `on:` or `no:` as booleans.
            if tag in _PLAIN_KEY_TAGS:
                key = str(event.value)
                child = (*top.path, key)
                if CONTROL.search(key):
                    raise self.fail(event.start_mark, top.path, control_message(key))
                if key in top.data:
                    first = self.keys[child]
                    raise self.fail(
                        event.start_mark,
                        child,
                        f"duplicate key {shown(key)} (first given at line {first.line})",
                    )
                self._record(self.keys, child, _mark(event.start_mark))
                top.key = key
                return
        raise self.fail(event.start_mark, top.path, "keys must be plain words (strings)")

    def scalar(self, event: Any, where: DocPath) -> None:
        self._count(event.start_mark, where, 1, 0)
        anchor = self._anchor(event.anchor, event.start_mark, where)
        self._record(self.values, where, _mark(event.start_mark))
        value = self._scalar_value(event, where)
        self._close_anchor(anchor, value)
        self._attach(value)

    def _scalar_value(self, event: Any, where: DocPath) -> Any:
        tag = _resolve_scalar(event)
        if CONTROL.search(event.value):
            raise self.fail(event.start_mark, where, control_message(event.value))
        value = _scalar_value(tag, str(event.value))
        if value is _NOT_ALLOWED:
            raise self.fail(
                event.start_mark,
                where,
                f"the tag {shown(tag)} is not allowed (only plain YAML values are)",
            )
        return value

    def collection(self, event: Any, where: DocPath) -> None:
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        tag = event.tag
        default = _MAP if is_mapping else _SEQ
        if tag not in (None, "!", default):
            raise self.fail(
                event.start_mark,
                where,
                f"the tag {shown(tag)} is not allowed (only plain YAML values are)",
            )
        self._count(event.start_mark, where, 1, 0)
        anchor = self._anchor(event.anchor, event.start_mark, where)
        self._record(self.values, where, _mark(event.start_mark))
        data: dict[str, Any] | list[Any] = {} if is_mapping else []
        self._attach(data)
        self.stack.append(_Open(data, where, anchor))

    def end(self) -> None:
        closed = self.stack.pop()
        self._close_anchor(closed.anchor, closed.data)

    def alias(self, event: Any, where: DocPath) -> None:
        name = str(event.anchor)
        anchor = self.anchors.get(name)
        if anchor is None:
            raise self.fail(
                event.start_mark,
                where,
                f"the alias *{_name(name)} names no anchor (expected &{_name(name)} before it)",
            )
        if not anchor.complete:
            raise self.fail(
                event.start_mark,
                where,
                f"the alias *{_name(name)} is inside the value it repeats (a cycle)",
            )
        self.expanded += anchor.size
        if self.expanded > self.limits.max_alias_nodes:
            raise self.fail(
                event.start_mark,
                where,
                f"aliases expand to more than {self.limits.max_alias_nodes} values "
                "(raise CHARTER_MAX_ALIAS_NODES if this is intended)",
            )
        self._count(event.start_mark, where, anchor.size, anchor.depth)
        for relative, spot in anchor.values:
            self._record(self.values, where + relative, spot)
        for relative, spot in anchor.keys:
            self._record(self.keys, where + relative, spot)
        # The repeated value is shared, not copied: nothing changes the data once read.
        self._attach(anchor.value)

    def feed(self, event: Any) -> None:
        """Take one event of the document's content."""
        where = self._next_path()
        if where is None:
            self.key(event)
        elif isinstance(event, yaml.ScalarEvent):
            self.scalar(event, where)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self.collection(event, where)
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event, where)
        else:  # pragma: no cover - the parser pairs every start with its end
            raise self.fail(event.start_mark, where, "unexpected YAML event")


_MERGE = "tag:yaml.org,2002:merge"


def _name(anchor: str) -> str:
    return anchor if len(anchor) <= 40 else f"{anchor[:37]}..."


def _syntax_error(
    path: str, text: str, exc: yaml.YAMLError, loader: type[yaml.SafeLoader]
) -> ScenarioError:
    """The parser's complaint as one located problem."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if mark is None:  # pragma: no cover - the parser marks its errors
            return ScenarioError.single(path, f"not valid YAML: {exc.problem}")
        reason = exc.problem or exc.context or "not valid YAML"
        index = getattr(mark, "index", -1)
        if 0 <= index < len(text) and text[index] == "\t":
            reason = "a tab character where YAML expects spaces (indent with spaces, never tabs)"
        return ScenarioError.single(
            path, f"not valid YAML: {reason}", mark.line + 1, mark.column + 1
        )
    if isinstance(exc, yaml.reader.ReaderError):
        index = exc.position
        if loader is not yaml.SafeLoader:  # libyaml counts bytes of the UTF-8 text
            index = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        spot = _position(text, index)
        return ScenarioError.single(
            path,
            f"not valid YAML: the character U+{exc.character:04X} is not allowed "
            "(YAML text holds printable characters, tabs and line breaks)",
            spot.line,
            spot.column,
        )
    return ScenarioError.single(path, f"not valid YAML: {exc}", 1, 1)  # pragma: no cover


def read_yaml(path: str, text: str, limits: Limits | None = None) -> Located:
    """Read one YAML document from ``text`` (named ``path`` in messages).

    >>> doc = read_yaml("x.yaml", "a: 1\\nb: [2021-01-19, yes]\\n")
    >>> doc.data, doc.value_at(("b", 1))
    ({'a': 1, 'b': ['2021-01-19', True]}, Location(line=2, column=17))
    >>> read_yaml("x.yaml", "a: 1\\na: 2\\n")
    Traceback (most recent call last):
    ...
    charter.engine.errors.ScenarioError: x.yaml:2:1: a: duplicate key 'a' (first given at line 1)
    """
    limits = limits or Limits()
    loader = _loader_class()
    reader = _Reader(path, limits)
    try:
        return _read_events(reader, text, loader)
    except yaml.YAMLError as exc:
        if loader is not yaml.SafeLoader and _may_hide_a_limit(reader, exc):
            # libyaml reads ahead of the events it has handed over, and since 0.2.6 refuses
            # nesting past its own depth; charter's limits are charter's, whichever libyaml
            # is installed: PyYAML's parser reads the same text and meets them first.
            try:
                return _read_events(_Reader(path, limits), text, yaml.SafeLoader)
            except yaml.YAMLError:
                pass  # both parsers refuse the text: libyaml's account of where and why
        raise _syntax_error(path, text, exc, loader) from None


def _may_hide_a_limit(reader: _Reader, exc: yaml.YAMLError) -> bool:
    """Whether the text between the last event read and the parser's error could pass a limit.

    Every value takes at least one character, so a gap shorter than what is left of
    the depth and value budgets cannot hide a limit; an alias can, whatever its length.
    Nesting that reaches libyaml's own bound may be within charter's.
    """
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return False
    gap = exc.problem_mark.index - reader.last_index
    left = min(reader.limits.max_depth - len(reader.stack), reader.limits.max_nodes - reader.built)
    past_libyaml = len(reader.stack) + gap >= _LIBYAML_NESTING
    return gap >= left or past_libyaml or bool(reader.anchors)


_LIBYAML_NESTING = 1000
"""The nesting libyaml 0.2.6 refuses on its own; charter's depth limit may be set higher."""


def _read_events(reader: _Reader, text: str, loader_class: type[yaml.SafeLoader]) -> Located:
    """Feed the parser's events to ``reader``; YAML syntax errors propagate to the caller."""
    path = reader.path
    documents = 0
    loader: Any = None
    try:
        loader = loader_class(text)
        while True:
            event = loader.get_event()
            reader.last_index = event.end_mark.index
            if isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise reader.fail(
                        event.start_mark, (), "the file holds several YAML documents (expected one)"
                    )
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                reader.end()
            elif not isinstance(event, yaml.StreamStartEvent | yaml.DocumentEndEvent):
                reader.feed(event)
    except UnicodeEncodeError as exc:
        spot = _position(text, exc.start)
        raise ScenarioError.single(
            path, "not UTF-8 text (a lone surrogate character)", spot.line, spot.column
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if documents == 0:
        raise ScenarioError.single(path, "the file is empty (expected a scenario mapping)", 1, 1)
    return Located(path, reader.root, reader.values, reader.keys)
