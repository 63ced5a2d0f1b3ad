"""The quick YAML reader: plain data without positions, for the common file.

Loading reads a file with this reader first; at the first sign of anything it
does not handle (a tag, a duplicate key, a syntax error, a limit), it steps
aside with ``PlainReadError`` and ``charter.files._yaml.read_yaml`` reads the file
again with positions and says what and where. It never decides that a file is
wrong, so its answers cannot differ from the careful reader's.
"""

from __future__ import annotations

from typing import Any

import yaml

from charter.engine.errors import ScenarioError
from charter.files._document import Limits
from charter.files._scalars import (
    _NOT_ALLOWED,
    _PLAIN_KEY_TAGS,
    _loader_class,
    _resolve_scalar,
    _scalar_value,
)
from charter.files._yaml import CONTROL

__all__ = ["PlainReadError", "read_plain"]


class PlainReadError(Exception):
    """The quick reader met something it leaves to ``read_yaml``: read the file again with it."""


_PLAIN_CACHE_SIZE = 100_000


def read_plain(text: str, limits: Limits | None = None) -> Any:  # noqa: PLR0915 - one loop, kept flat for speed
    """Read a plain YAML document quickly, without positions; ``PlainReadError`` for anything else.

    The common file (mappings, sequences, untagged scalars, anchors and aliases;
    no tags) comes out exactly as ``read_yaml`` reads it, within the same limits. Anything else, including
    every error, raises ``PlainReadError`` so that ``read_yaml`` reads it again and says
    what and where: this reader never decides that a file is wrong, so its
    answers cannot differ from the careful reader's.

    >>> read_plain("a: 1\\nb: [2021-01-19, yes, '3']\\n")
    {'a': 1, 'b': ['2021-01-19', True, '3']}
    """
    limits = limits or Limits()
    max_depth, max_nodes = limits.max_depth, limits.max_nodes
    plain: dict[tuple[str, Any], Any] = {}
    keys: set[tuple[str, Any]] = set()  # keys already known to be plain words
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    stack: list[Any] = []  # the open collections, innermost last
    pending: list[str | None] = []  # in each open mapping, the key awaiting its value
    root: Any = _NOTHING
    anchors: dict[str, _Held] = {}
    held: dict[int, _Held] = {}  # anchored collections still open, by identity
    built = expanded = 0
    documents = 0
    loader: Any = None
    try:
        loader = _loader_class()(text)
        get_event = loader.get_event
        while True:
            event = get_event()
            kind = event.__class__
            if kind in ends:
                closed = stack.pop()
                pending.pop()
                if held and id(closed) in held:
                    held.pop(id(closed)).complete(closed, built)
                continue
            top = stack[-1] if stack else None
            if top.__class__ is dict and pending[-1] is None:  # a key is due
                if kind is not scalar_event or event.anchor is not None or event.tag is not None:
                    raise PlainReadError
                key = event.value
                written = (key, event.implicit)  # `<<` plain is a merge key; quoted, a word
                if written not in keys:
                    if _resolve_scalar(event) not in _PLAIN_KEY_TAGS or CONTROL.search(key):
                        raise PlainReadError
                    keys.add(written)
                if key in top:
                    raise PlainReadError
                pending[-1] = key
                continue
            if kind is scalar_event:
                if event.tag is not None:
                    raise PlainReadError
                cache_key = (event.value, event.implicit)
                if cache_key in plain:
                    value = plain[cache_key]
                else:
                    if CONTROL.search(event.value):
                        raise PlainReadError
                    value = _scalar_value(_resolve_scalar(event), str(event.value))
                    if value is _NOT_ALLOWED:
                        raise PlainReadError
                    if len(plain) < _PLAIN_CACHE_SIZE:
                        plain[cache_key] = value
            elif kind is mapping_start or kind is sequence_start:
                if event.tag is not None:
                    raise PlainReadError
                value = {} if kind is mapping_start else []
            elif kind is alias_event:
                # A repeat of an earlier value: charged for every value it repeats.
                anchor = anchors.get(event.anchor)
                if anchor is None or anchor.size == 0:
                    raise PlainReadError  # unknown, or inside the value it repeats
                expanded += anchor.size
                built += anchor.size
                if (
                    expanded > limits.max_alias_nodes
                    or built > max_nodes
                    or len(stack) + anchor.depth() > max_depth
                ):
                    raise PlainReadError
                _attach_plain(anchor.value, top, pending)
                continue
            else:
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise PlainReadError
                elif kind is yaml.StreamEndEvent:
                    break
                continue
            built += 1
            if built > max_nodes or len(stack) > max_depth:
                raise PlainReadError
            if top is None:
                root = value
            elif top.__class__ is list:
                top.append(value)
            else:
                top[pending[-1]] = value
                pending[-1] = None
            if kind is not scalar_event:
                stack.append(value)
                pending.append(None)
            if event.anchor is not None:
                if event.anchor in anchors:
                    raise PlainReadError
                anchor = _Held(built - 1)
                anchors[event.anchor] = anchor
                if kind is scalar_event:
                    anchor.complete(value, built)
                else:
                    held[id(value)] = anchor
    except (yaml.YAMLError, UnicodeEncodeError, ScenarioError):
        raise PlainReadError from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is _NOTHING:
        raise PlainReadError
    return root


_NOTHING = object()


def _attach_plain(value: Any, top: Any, pending: list[str | None]) -> None:
    if top.__class__ is list:
        top.append(value)
    elif top is not None:
        top[pending[-1]] = value
        pending[-1] = None
    else:  # a document that is only an alias cannot name an anchor before it
        raise PlainReadError


class _Held:
    """An anchored value: how many values it holds and how deep, once it is complete."""

    __slots__ = ("_depth", "before", "size", "value")

    def __init__(self, before: int) -> None:
        self.before = before
        self.size = 0  # 0 until complete: an alias inside its own anchor is a cycle
        self.value: Any = None
        self._depth: int | None = None

    def complete(self, value: Any, built: int) -> None:
        self.value, self.size = value, built - self.before

    def depth(self) -> int:
        """Levels below the value, as the careful reader counts them (a scalar has none)."""
        if self._depth is None:
            self._depth = _depth_of(self.value)
        return self._depth


def _depth_of(value: Any) -> int:
    children = (
        value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    )
    return max((1 + _depth_of(child) for child in children), default=0)
