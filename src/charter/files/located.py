"""A file read with positions: where each event stands, and every problem in it, located.

The careful path of loading: a file that the quick reader cannot take, or that has a
problem, is read again here with the line and column of every key and value, and each
problem is reported with file, line, column and the path inside the document.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TypeVar

from pydantic import (
    BaseModel,
    PrivateAttr,
    ValidationError,
)

from charter.engine.errors import Problem, ScenarioError, shown
from charter.engine.model import AppointSecretaryGeneral, Decision, EstablishBody, Event
from charter.engine.packs import (
    validating,
)
from charter.files import _read as _reader
from charter.files._document import DocPath, Limits, Located, format_path
from charter.files._problems import at_most, problems_of
from charter.files.scenario import Origin, Proposal, Scenario

__all__ = [
    "LazyOrigin",
    "consistent",
    "decode_text",
    "load_located",
    "located_problems",
    "origin_of",
    "read_text",
]


_M = TypeVar("_M", Scenario, Proposal)

_SCENARIO_KEYS = ("title", "description", "baseline", "events", "expect")


def read_yaml(path: str, text: str, limits: Limits | None = None) -> Located:
    """The careful YAML reader, loaded on first use: a command that reads only JSON never
    imports PyYAML."""
    from charter.files._yaml import read_yaml as careful  # noqa: PLC0415 - on first use

    return careful(path, text, limits)


def _read(path: str | Path, limits: Limits | None) -> Located:
    return read_yaml(str(path), read_text(path, limits), limits)


def read_text(path: str | Path, limits: Limits | None) -> str:
    """The file's text, refused with one located line if it cannot be read or is too large."""
    return _reader.read_text(path, limits or Limits())


def decode_text(name: str, raw: bytes, limits: Limits | None = None) -> str:
    """Bytes from elsewhere (standard input, a request) as text, held to a file's limits."""
    return _reader.text_of(name, raw, limits)


def _origin(doc: Located, events_at: DocPath) -> Origin:
    prefix: dict[str, str] = {}
    items = doc.data.get(events_at[0]) if events_at else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                prefix[item["id"]] = format_path((*events_at, index))
    elif isinstance(doc.data.get("id"), str):
        prefix[doc.data["id"]] = ""
    fields = {format_path(where): (spot.line, spot.column) for where, spot in doc.values.items()}
    fields.update(
        {format_path(where): (spot.line, spot.column) for where, spot in doc.keys.items()}
    )
    # Built here from positions just read: nothing to validate, and a copy would double it.
    return Origin.model_construct(path=doc.path, prefix=prefix, fields=fields)


def origin_of(doc: Located, events_at: DocPath) -> Origin:
    """Where each event (and each key inside it) stands in a file read with positions."""
    return _origin(doc, events_at)


class LazyOrigin(Origin):
    """An origin whose positions are read from the file's text the first time one is asked for.

    A file that replays cleanly is never read twice; one with a violation is read
    again, with positions, when the first violation is located.
    """

    _resolved: Origin | None = PrivateAttr(default=None)
    _text: str = PrivateAttr(default="")
    _limits: Limits | None = PrivateAttr(default=None)

    @classmethod
    def of(cls, path: str, text: str, limits: Limits | None = None) -> LazyOrigin:
        """The origin of a file read from ``text`` within ``limits``, its positions left for later."""
        origin = cls(path=path)
        origin._text = text
        origin._limits = limits
        return origin

    def locate(self, event_id: str | None, where: str = "") -> tuple[int, int]:
        """Line and column of an event or a field in it, reading positions on first use."""
        resolved = self._resolved
        if resolved is None:
            # Several threads may ask at once. The text is dropped only after the answer is
            # stored, so a thread that finds the text gone finds the answer on looking again.
            text = self._text
            resolved = self._resolved
            if resolved is None:
                doc = read_yaml(self.path, text, self._limits or Limits())
                resolved = origin_of(doc, ("events",))
                self._resolved = resolved
                self._text = ""
        return resolved.locate(event_id, where)


def consistent(loaded: Scenario | Proposal) -> bool:
    """The checks loading makes beyond the schema: date order, unique ids, terms in order.

    The quick test; when it fails, the file is read again with positions to say where.
    """
    if not isinstance(loaded, Scenario):
        return _terms_hold(loaded.as_event())
    events = loaded.events
    days = [event.date for event in events]
    return (
        len({event.id for event in events}) == len(events)
        and all(map(operator.le, days, islice(days, 1, None)))
        and all(
            _terms_hold(event)
            for event in events
            if event.session is None or event.session.decisions
        )
    )


def _terms_hold(event: Event) -> bool:
    return next(_terms_ending_early(event), None) is None


def _terms_ending_early(
    event: Event,
) -> Iterator[tuple[DocPath, AppointSecretaryGeneral | EstablishBody, date]]:
    """Each appointment or body in ``event`` that ends before it starts: where, what, its start."""
    if event.decision is not None:
        decisions: Iterable[tuple[DocPath, Decision]] = ((("decision",), event.decision),)
    elif event.session is not None:
        decisions = (
            (("session", "decisions", number), decision)
            for number, decision in enumerate(event.session.decisions)
        )
    else:
        return
    for where, decision in decisions:
        if not isinstance(decision, AppointSecretaryGeneral | EstablishBody):
            continue
        start = getattr(decision, "start", None) or event.date
        if decision.until is not None and decision.until < start:
            yield where, decision, start


def located_problems(
    name: str, text: str, limits: Limits | None = None, model: type[BaseModel] | None = None
) -> list[Problem]:
    """Every problem in ``text``, each with its file position: the slow path, for reporting.

    ``model`` checks the text as one value of that model (a JSON Lines event, say)
    instead of as a whole scenario or proposal.
    """
    try:
        doc = read_yaml(name, text, limits or Limits())
        if model is None:
            load_located(doc, limits)
        else:
            try:
                model.model_validate(doc.data)
            except ValidationError as exc:
                return problems_of(model, doc, exc)
    except ScenarioError as exc:
        return list(exc.problems)
    return [Problem(name, 1, 1, "", "the file does not match the schema (see: charter schema)")]


def load_located(doc: Located, limits: Limits | None) -> Scenario | Proposal:
    """Validate a document read with positions, as a proposal or a scenario."""
    if not isinstance(doc.data, dict):
        found = "a list" if isinstance(doc.data, list) else f"a single value ({shown(doc.data)})"
        raise ScenarioError(
            [doc.problem((), f"expected a mapping at the top of the file, found {found}")]
        )
    if "session" in doc.data:
        return _validate(Proposal, doc, ())
    _check_event_count(doc, limits or Limits())
    return _validate(Scenario, doc, ("events",))


def _check_event_count(doc: Located, limits: Limits) -> None:
    """Refuse a file with more events than the limit, before any of them is validated."""
    events = doc.data.get("events")
    if isinstance(events, list) and len(events) > limits.max_events:
        raise ScenarioError(
            [
                doc.problem(
                    ("events", limits.max_events),
                    f"more than {limits.max_events} events "
                    "(raise CHARTER_MAX_EVENTS if this is intended)",
                )
            ]
        )


def _validate(model: type[_M], doc: Located, events_at: DocPath) -> _M:
    loaded, invalid = _validated(model, doc)
    if loaded is None:
        raise ScenarioError(invalid)
    problems: list[Problem] = _check_order(doc, loaded) if isinstance(loaded, Scenario) else []
    problems += _check_terms(doc, loaded, events_at)
    if problems:
        problems.sort(key=lambda problem: (problem.line, problem.column))
        raise ScenarioError(at_most(problems))
    return loaded.located(_origin(doc, events_at))


def _validated(model: type[_M], doc: Located) -> tuple[_M | None, list[Problem]]:
    """The document as ``model``, or its problems.

    The problems are raised by the caller, after the handler: a ``ScenarioError``
    raised inside it would keep pydantic's error as its context, and that error
    holds the frames of any validator that failed in references the collector
    cannot follow, so a caller that kept the error would keep every frame of the
    load, and the document read, for ever.
    """
    named = doc.data.get("rulebook") if isinstance(doc.data, dict) else None
    try:
        with validating(named):
            return model.model_validate(doc.data), []
    except ValidationError as exc:
        with validating(named):  # the messages list the words of the file's rulebook
            return None, problems_of(model, doc, exc)


def _check_terms(doc: Located, loaded: Scenario | Proposal, events_at: DocPath) -> list[Problem]:
    """An appointment or a body cannot end before it starts: the file says something impossible.

    ``until`` is the first day no longer covered, so ``until`` on the first day is an
    empty term (the rules judge that); ``until`` before it is refused here.
    """
    events = loaded.events if isinstance(loaded, Scenario) else (loaded.as_event(),)
    problems: list[Problem] = []
    for index, event in enumerate(events):
        base: DocPath = (*events_at, index) if events_at else ()
        for where, decision, start in _terms_ending_early(event):
            begins = (
                f"the term starts on {start}"
                if isinstance(decision, AppointSecretaryGeneral)
                else f"the body is set up on {start}"
            )
            problems.append(
                doc.problem(
                    (*base, *where, "until"),
                    f"{decision.until} is before {begins} "
                    "(expected that day or later; until is the first day not covered)",
                )
            )
    return problems


def _check_order(doc: Located, scenario: Scenario) -> list[Problem]:
    """Events come in date order with unique ids; several on one day keep file order."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    previous: date | None = None
    for index, event in enumerate(scenario.events):
        if event.id in seen:
            problems.append(
                doc.problem(
                    ("events", index, "id"),
                    f"duplicate event id {event.id!r} (first used by events[{seen[event.id]}])",
                )
            )
        seen.setdefault(event.id, index)
        if previous is not None and event.date < previous:
            problems.append(
                doc.problem(
                    ("events", index, "date"),
                    f"{event.date} comes before the previous event's date {previous} "
                    "(events are listed in date order)",
                )
            )
        previous = event.date if previous is None else max(previous, event.date)
    return problems


# --- turning pydantic's errors into located, readable problems -----------------------------
