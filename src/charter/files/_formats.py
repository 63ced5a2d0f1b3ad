"""Scenarios written as JSON or JSON Lines: the same schema as YAML, read at JSON's speed.

JSON is validated by pydantic's ``validate_json``; where each event stands in the
file is worked out only if a violation or an error needs it (by reading the file
again with positions, JSON being a form of YAML). In JSON Lines, the first line
holds the scenario's header (title, baseline, expectations) and each further
line one event.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import PrivateAttr, TypeAdapter, ValidationError

from charter.engine._gc import paused_collection
from charter.engine.errors import Problem, ScenarioError
from charter.engine.model import Event
from charter.engine.packs import DEFAULT_RULEBOOK, validating
from charter.files._document import Limits
from charter.files._jsontext import as_yaml, parse_json
from charter.files._read import json_lines
from charter.files.located import (
    LazyOrigin,
    consistent,
    located_problems,
    origin_of,
    read_text,
)
from charter.files.scenario import Origin, Proposal, Scenario

__all__ = [
    "LineOrigin",
    "events_of",
    "first_line",
    "header_of",
    "load_json",
    "load_json_text",
    "load_jsonl",
    "load_jsonl_text",
    "paused_collection",
]

_EVENT = TypeAdapter(Event)


def load_json(path: str | Path, limits: Limits | None = None) -> Scenario | Proposal:
    """Load a scenario or proposal written as one JSON document (the same schema as YAML)."""
    limits = limits or Limits()
    return load_json_text(str(path), read_text(path, limits), limits)


def load_json_text(name: str, text: str, limits: Limits) -> Scenario | Proposal:
    """A scenario or proposal from JSON text; which one is decided from the parsed document."""
    with paused_collection():  # millions of new objects, none of them in a cycle
        data = parse_json(name, text, limits, validated=True)
    model = Proposal if isinstance(data, dict) and "session" in data else Scenario
    events = data.get("events") if isinstance(data, dict) else None
    too_many = isinstance(events, list) and len(events) > limits.max_events
    del data, events  # checked: pydantic validates the text itself, faster than the data
    loaded: Scenario | Proposal | None = None
    if not too_many:
        loaded = _validated(Proposal, text) if model is Proposal else _validated(Scenario, text)
    if loaded is None or not consistent(loaded):
        # Not the schema, out of order, a duplicate id, a term ending before it starts: JSON
        # is a form of YAML, so read it again with positions to say what and where.
        raise ScenarioError(located_problems(name, as_yaml(text), limits))
    return loaded.located(LazyOrigin.of(name, as_yaml(text), limits))


class LineOrigin(Origin):
    """Positions in a JSON Lines file: each event on its own line."""

    _lines: dict[str, tuple[int, str]] = PrivateAttr(default_factory=dict)

    def locate(self, event_id: str | None, where: str = "") -> tuple[int, int]:
        """The event's line; the field's column within it."""
        if event_id is None or event_id not in self._lines:
            return (0, 0)
        number, text = self._lines[event_id]
        from charter.files._yaml import read_yaml  # noqa: PLC0415 - only to locate a problem

        doc = read_yaml(self.path, as_yaml(text))
        inner = origin_of(doc, ())
        inner_prefix = {event_id: ""}
        _, column = Origin(path=self.path, prefix=inner_prefix, fields=inner.fields).locate(
            event_id, where
        )
        return (number, column or 1)


_Loaded = TypeVar("_Loaded", Scenario, Proposal)


def _validated(model: type[_Loaded], text: str) -> _Loaded | None:
    """JSON ``text``, already read and checked by ``parse_json``, as ``model``; or ``None``.

    The caller raises, outside the handler.

    (A ``ScenarioError`` raised inside it would keep pydantic's error, and with it
    the frames of the load, alive for as long as anyone keeps the error.)
    """
    # The file's rulebook, read ahead so that its words are checked as they are read; the
    # model checks that it is the one the file names (and checks again if it is not).
    named = _RULEBOOK_KEY.search(text)
    try:
        with paused_collection(), validating(named.group(1) if named else None):
            return model.model_validate_json(text)
    except ValidationError:
        return None


_RULEBOOK_KEY = re.compile(r'"rulebook"\s*:\s*"([A-Za-z0-9_.-]{1,60})"')


def _validated_event(data: object) -> Event | None:
    """One JSON Lines event, already parsed and checked by ``parse_json``, or ``None`` (see
    ``_validated``). Validated from the parsed values, not the text: a line is small, and
    pydantic builds the event from them faster than it would parse the text again."""
    try:
        return _EVENT.validate_python(data)
    except ValidationError:
        return None


def header_of(path: str, number: int, first: str, limits: Limits) -> Scenario:
    """The header line of a JSON Lines file: the scenario without its events."""
    data = parse_json(path, first, limits, number, validated=True)
    header = (
        _validated(Scenario, first) if isinstance(data, dict) and "session" not in data else None
    )
    if header is None:
        if isinstance(data, dict) and "session" in data:
            raise ScenarioError.single(
                path,
                "a JSON Lines file holds a scenario, not a proposal (write it as .json)",
                number,
                1,
            )
        raise ScenarioError(_on_line(path, number, located_problems(path, as_yaml(first), limits)))
    if header.events:
        raise ScenarioError.single(
            path, "the first line is the header: put each event on its own line", number, 1
        )
    return header


def _on_line(path: str, number: int, problems: list[Problem]) -> list[Problem]:
    """Problems found in one line's text, placed on that line of the file."""
    return [
        Problem(
            path,
            number + problem.line - 1 if problem.line else number,
            problem.column,
            f"line {number}: {problem.where}".rstrip(": "),
            problem.message,
        )
        for problem in problems
    ]


def first_line(path: str, numbered: Iterator[tuple[int, str]]) -> tuple[int, str]:
    """The header: the first line that is not blank."""
    for number, line in numbered:
        if line.strip():
            return number, line
    raise ScenarioError.single(
        path, "the file is empty (expected a header line, then events)", 1, 1
    )


def events_of(
    path: str,
    lines: Iterator[tuple[int, str]],
    seen: set[str],
    limits: Limits,
    rulebook: str = DEFAULT_RULEBOOK,
) -> Iterator[tuple[int, str, Event]]:
    """The events of a JSON Lines file, one a line, each read within the limits.

    Each is validated against the vocabulary of ``rulebook`` (the header's).
    """
    previous: date | None = None
    words = validating(rulebook)  # entered for each line: a line's words are checked as read
    for number, line in lines:
        if not line or line.isspace():
            continue
        data = parse_json(path, line, limits, number, validated=True)  # keys, limits, characters
        with words:
            event = _validated_event(data)
        if event is None:
            with validating(rulebook):
                located = located_problems(path, as_yaml(line), limits, model=Event)
            raise ScenarioError(_on_line(path, number, located))
        if event.id in seen:
            raise ScenarioError.single(
                path, f"duplicate event id {event.id!r}", number, 1, f"line {number}"
            )
        seen.add(event.id)
        if len(seen) > limits.max_events:
            raise ScenarioError.single(
                path,
                f"more than {limits.max_events} events (raise CHARTER_MAX_EVENTS if this is intended)",
                number,
                1,
                f"line {number}",
            )
        if previous is not None and event.date < previous:
            raise ScenarioError.single(
                path,
                f"{event.date} comes before the previous event's date {previous} (events are listed in date order)",
                number,
                1,
                f"line {number}",
            )
        previous = event.date
        yield number, line, event


def load_jsonl(path: str | Path, limits: Limits | None = None) -> Scenario:
    """Load a whole JSON Lines scenario into memory (use ``replay_stream`` for large ones)."""
    limits = limits or Limits()
    numbered = json_lines(path, limits)
    try:
        return _load_lines(str(path), numbered, limits)
    finally:
        numbered.close()  # the file is closed however the load ends


def load_jsonl_text(name: str, text: str, limits: Limits) -> Scenario:
    """A JSON Lines scenario from text; lines end at line feeds only, as in a file."""
    lines = (line.removesuffix("\r") for line in text.split("\n"))
    return _load_lines(name, enumerate(lines, start=1), limits)


def _load_lines(name: str, numbered: Iterator[tuple[int, str]], limits: Limits) -> Scenario:
    number, first = first_line(name, numbered)
    header = header_of(name, number, first, limits)
    origin = LineOrigin(path=name)
    events = []
    with paused_collection():
        for at, line, event in events_of(name, numbered, set(), limits, header.rulebook):
            events.append(event)
            origin._lines[event.id] = (at, line)
    return header.model_copy(update={"events": tuple(events)}).located(origin)


"""How standard input (``-`` on the command line) is named in messages."""
