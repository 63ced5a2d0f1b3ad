"""Scenario and proposal files: their model, and loading them with precise errors.

A scenario is a baseline, a list of events and a list of expectations. A
proposal is one session not yet held (an event with a ``session``), checked
against a history. Loading reports every problem with file, line, column and
the path inside the document, and suggests the key meant when one is misspelt.
"""

from __future__ import annotations

import difflib
import operator
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    ValidationError,
    model_validator,
)

from charter.engine._gc import paused_collection
from charter.engine.dates import Day
from charter.engine.errors import SHOWN_CHARACTERS, Problem, ScenarioError, shown
from charter.engine.model import (
    AppointSecretaryGeneral,
    Decision,
    EstablishBody,
    Event,
    EventId,
    Frozen,
    PersonName,
    RuleId,
    Session,
    Severity,
    StateCode,
    Text,
)
from charter.engine.packs import (
    DEFAULT_RULEBOOK,
    active,
    get_rulebook,
    rule_ids,
    rulebook_ids,
    unknown_rulebook,
    validated_under,
    validating,
    word_check,
    words_of,
)
from charter.files import _read as _reader
from charter.files._plain import PlainReadError, read_plain
from charter.files._write import write_file
from charter.files._yaml import (
    DocPath,
    Limits,
    Located,
    format_path,
    read_yaml,
    shown_path,
)

__all__ = [
    "FORMATS",
    "FORMAT_VERSION",
    "Baseline",
    "Expectation",
    "LazyOrigin",
    "Origin",
    "ProjectedYear",
    "Projection",
    "Proposal",
    "Scenario",
    "consistent",
    "decode_text",
    "dump_scenario",
    "file_format",
    "json_schema",
    "load_file",
    "load_proposal",
    "load_scenario",
    "load_text",
    "located_problems",
    "origin_of",
    "read_text",
    "write_atomically",
    "write_scenario",
]


_T = TypeVar("_T")

FORMAT_VERSION = 1
"""The version of the file format this charter reads and writes (a file may name it)."""


def _format_version(value: object) -> object:
    """A file's ``format_version``: this one, or a clear word on what to do with another."""
    if type(value) is not int:
        raise ValueError(f"{shown(value)} is not a format version (expected {FORMAT_VERSION})")
    if value > FORMAT_VERSION:
        raise ValueError(
            f"{value} is a newer format than this charter reads ({FORMAT_VERSION}): "
            "upgrade charter to read this file"
        )
    if value < FORMAT_VERSION:
        raise ValueError(f"{value} is not a format (the first is 1): write {FORMAT_VERSION}")
    return value


FormatVersion = Annotated[Literal[1], BeforeValidator(_format_version)]
"""The format a file says it is written in; a file that names none is read as the current one."""


def _exactly_bool(value: object) -> object:
    # Literal[True] alone would take 1 for true; the file must say true.
    if type(value) is not bool:
        raise ValueError(f"{shown(value)} is not true or false (expected true)")
    return value


def _baseline_shorthand(value: object) -> object:
    if isinstance(value, str):
        return {"record": value}
    if isinstance(value, dict) and len(value) == 1:
        ((key, until),) = value.items()
        if isinstance(key, str) and key not in Baseline.model_fields:
            return {"record": key, "until": until}
    return value


def _record_of_rulebook(value: object) -> object:
    """A baseline's record: ``empty``, or the embedded record of the file's rulebook.

    Outside ``validating`` (a model built directly) any rulebook's record is taken
    here, and the scenario then checks that it is its own rulebook's.
    """
    own = active().id
    if value in ("empty", own) or (validated_under() is None and value in rulebook_ids()):
        return value
    if isinstance(value, str) and value in rulebook_ids():
        raise ValueError(
            f"{shown(value)} is the record of another rulebook (this file's is {own!r}: "
            f"expected 'empty' or {own!r})"
        )
    raise ValueError(f"{shown(value)} is not allowed (expected 'empty' or {own!r})")


def _installed_rulebook(value: object) -> object:
    if isinstance(value, str) and value in rulebook_ids():
        return value
    raise ValueError(unknown_rulebook(value))


RulebookId = Annotated[str, BeforeValidator(_installed_rulebook)]
"""The id of an installed rulebook pack (``csto``, ``sco``...)."""


class Baseline(Frozen):
    """What a scenario starts from: nothing, or its rulebook's embedded record up to a day."""

    record: Annotated[str, BeforeValidator(_record_of_rulebook)] = "empty"
    until: Day | None = None


def _words_checked(loaded: _T, events: list[tuple[str, Event]]) -> _T:
    """``loaded``, once every word in it is known to be one of its own rulebook's.

    Files are read with their rulebook's vocabulary in force (``validating``), so
    each wrong word is reported where it stands and nothing is left to do here. A
    model built directly, with no rulebook in force, took the words of any
    installed rulebook: they are checked against its own rulebook now.
    """
    rulebook: str = getattr(loaded, "rulebook", DEFAULT_RULEBOOK)
    if validated_under() == rulebook:
        return loaded
    baseline = getattr(loaded, "baseline", None)
    record = baseline.record if isinstance(baseline, Baseline) else "empty"
    if record not in ("empty", rulebook):
        raise ValueError(
            f"baseline: {shown(record)} is the record of another rulebook (this file's is "
            f"{rulebook!r}: expected 'empty' or {rulebook!r})"
        )
    for where, word, category in _words(events):
        if word not in words_of(rulebook, category):
            raise ValueError(
                f"{where}: {shown(word)} is not one of rulebook {rulebook!r}'s {category}"
            )
    own = get_rulebook(rulebook).rule_ids()
    for index, expectation in enumerate(getattr(loaded, "expect", ())):
        spec = expectation.violation or expectation.no_violation
        if spec is not None and spec.rule not in own:
            raise ValueError(f"expect[{index}]: {shown(spec.rule)} is not a rule of {rulebook!r}")
    return loaded


def _words(events: list[tuple[str, Event]]) -> Iterator[tuple[str, str, str]]:
    """Every vocabulary word in ``events``: where it stands, the word, its category."""
    for at, event in events:
        prefix = f"{at}." if at else ""
        if event.membership is not None:
            yield f"{prefix}membership.status", event.membership.status, "statuses"
            if event.membership.step is not None:
                yield f"{prefix}membership.step", event.membership.step, "steps"
        if event.office is not None:
            yield f"{prefix}office.role", event.office.role, "roles"
        if event.seat is not None:
            yield f"{prefix}seat.role", event.seat.role, "seat_capacities"
        if event.scheduled is not None:
            yield f"{prefix}scheduled.kind", event.scheduled.kind, "session_kinds"
            if event.scheduled.body is not None:
                yield f"{prefix}scheduled.body", event.scheduled.body, "bodies"
        if event.session is not None:
            yield f"{prefix}session.kind", event.session.kind, "session_kinds"
            if event.session.body is not None:
                yield f"{prefix}session.body", event.session.body, "bodies"
            for n, person in enumerate(event.session.participants or ()):
                yield f"{prefix}session.participants[{n}].capacity", person.capacity, "capacities"


def _status_or_none(value: object) -> object:
    return value if value == "none" else word_check("statuses")(value)


class ViolationSpec(Frozen):
    """A violation the scenario expects (or, under ``no_violation``, expects not to see)."""

    rule: RuleId
    event: EventId | None = None
    severity: Severity | None = None

    @model_validator(mode="after")
    def _known_rule(self) -> ViolationSpec:
        known = rule_ids()
        if self.rule not in known:
            close = difflib.get_close_matches(self.rule, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"unknown rule id {shown(self.rule)}{hint}")
        return self


class ChairSpec(Frozen):
    """The presiding state and its seat-holder expected on a day."""

    on: Day
    state: StateCode | None = None
    person: PersonName | None = None


class MembersSpec(Frozen):
    """The members (and suspended and frozen states) expected on a day."""

    on: Day
    members: tuple[StateCode, ...]
    suspended: tuple[StateCode, ...] | None = None
    frozen: tuple[StateCode, ...] | None = None


class StatusSpec(Frozen):
    """A state's membership status expected on a day (``none``: never a party)."""

    state: StateCode
    on: Day
    status: Annotated[str, BeforeValidator(_status_or_none)]


class SecretaryGeneralSpec(Frozen):
    """The Secretary General (acting or not) expected on a day."""

    on: Day
    person: PersonName | None
    acting: StrictBool | None = None


class Expectation(Frozen):
    """One thing a scenario expects, stated as exactly one of the keys below."""

    description: Text | None = None
    violation: ViolationSpec | None = None
    no_violation: ViolationSpec | None = None
    chair: ChairSpec | None = None
    members: MembersSpec | None = None
    status: StatusSpec | None = None
    secretary_general: SecretaryGeneralSpec | None = None
    ok: Annotated[Literal[True], BeforeValidator(_exactly_bool)] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Expectation:
        kinds = [name for name in _EXPECTATION_KINDS if getattr(self, name) is not None]
        if len(kinds) != 1:
            raise ValueError(
                f"an expectation states exactly one of {', '.join(_EXPECTATION_KINDS)} "
                f"(found: {', '.join(kinds) or 'none'})"
            )
        return self

    @property
    def kind(self) -> str:
        """Which kind of expectation this is."""
        return next(name for name in _EXPECTATION_KINDS if getattr(self, name) is not None)


_EXPECTATION_KINDS = (
    "violation",
    "no_violation",
    "chair",
    "members",
    "status",
    "secretary_general",
    "ok",
)


class ProjectedYear(Frozen):
    """What a what-if scenario expects of one projected year (``state: null``: no one can)."""

    year: Annotated[StrictInt, Field(ge=1992, le=2200)]
    state: StateCode | None = None
    person: PersonName | None = None
    open: StrictBool = False


class Projection(Frozen):
    """Project presidencies year by year after the history, and what to expect of them."""

    until: Annotated[StrictInt, Field(ge=1992, le=2200)]
    start: Annotated[StrictInt, Field(ge=1992, le=2200)] | None = None
    expect: tuple[ProjectedYear, ...] = ()


class Origin(Frozen):
    """Where a scenario came from: its file, and the position of each event in it."""

    path: str
    prefix: Mapping[str, str] = {}
    fields: Mapping[str, tuple[int, int]] = {}

    def locate(self, event_id: str | None, where: str = "") -> tuple[int, int]:
        """Line and column of an event (or of a field inside it); ``(0, 0)`` when unknown.

        ``where`` is a path inside the event such as ``session.chair``; when the file
        has no such entry, the nearest enclosing one is used.
        """
        if event_id is None or event_id not in self.prefix:
            return (0, 0)
        base = self.prefix[event_id]
        parts = where.split(".") if where else []
        while True:
            path = ".".join(part for part in (base, *parts) if part)
            if path in self.fields:
                return self.fields[path]
            if not parts:
                return self.fields.get(base, (1, 1))
            last = parts[-1]
            if last.endswith("]"):
                parts[-1] = last[: last.rindex("[")]
            else:
                parts.pop()


class Scenario(Frozen):
    """A scenario: a baseline, events in file order, and expectations."""

    format_version: FormatVersion | None = None
    rulebook: RulebookId = DEFAULT_RULEBOOK
    title: Text | None = None
    description: Text | None = None
    baseline: Annotated[Baseline, BeforeValidator(_baseline_shorthand)] = Baseline()
    events: tuple[Event, ...] = ()
    expect: tuple[Expectation, ...] = ()
    projection: Projection | None = None
    _origin: Origin | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _in_its_rulebook(self) -> Scenario:
        return _words_checked(
            self, [(f"events[{n}]", event) for n, event in enumerate(self.events)]
        )

    @property
    def history_baseline(self) -> Baseline:
        """What the scenario starts from (its ``baseline``)."""
        return self.baseline

    @property
    def origin(self) -> Origin | None:
        """The file this scenario was read from, and where each event is in it."""
        return self._origin

    def located(self, origin: Origin | None) -> Scenario:
        """A copy that knows where it was read from."""
        copy = self.model_copy()
        copy._origin = origin
        return copy


class Proposal(Frozen):
    """A proposed session: an event holding a ``session``, with optional expectations."""

    format_version: FormatVersion | None = None
    rulebook: RulebookId = DEFAULT_RULEBOOK
    title: Text | None = None
    description: Text | None = None
    baseline: Annotated[Baseline, BeforeValidator(_baseline_shorthand)] | None = None
    id: EventId
    date: Day
    session: Session
    expect: tuple[Expectation, ...] = ()
    _origin: Origin | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _in_its_rulebook(self) -> Proposal:
        return _words_checked(self, [("", self.as_event())])

    @property
    def history_baseline(self) -> Baseline:
        """What the proposal is checked against: its baseline, or its rulebook's whole record."""
        # Built, not validated: the rulebook's own record is always a valid baseline for it.
        if self.baseline is not None:
            return self.baseline
        return Baseline.model_construct(record=self.rulebook, until=None)

    @property
    def origin(self) -> Origin | None:
        """The file this proposal was read from."""
        return self._origin

    def located(self, origin: Origin | None) -> Proposal:
        """A copy that knows where it was read from."""
        copy = self.model_copy()
        copy._origin = origin
        return copy

    def as_event(self) -> Event:
        """The proposed session as an event that a replay can fold."""
        return Event(id=self.id, date=self.date, session=self.session)


# --- loading -------------------------------------------------------------------------------

_M = TypeVar("_M", Scenario, Proposal)

_SCENARIO_KEYS = ("title", "description", "baseline", "events", "expect")


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


def load_file(path: str | Path, limits: Limits | None = None) -> Scenario | Proposal:
    """Load a scenario or a proposal, telling them apart by a top-level ``session`` key.

    ``.json`` and ``.jsonl`` files hold the same schema as JSON or JSON Lines.
    """
    name = _reader.name_of(path)
    limits = _limits(limits)
    if file_format(name) == "jsonl":
        from charter.files import _formats  # noqa: PLC0415 - the fast readers build on this module

        return _formats.load_jsonl(name, limits)
    return _load_text(name, read_text(name, limits), file_format(name), limits)


FORMATS = ("yaml", "json", "jsonl")
"""The formats a scenario or a proposal may be written in."""


def file_format(name: str) -> str:
    """The format a file's name announces (its suffix, in any case); YAML unless told otherwise.

    >>> file_format("a.JSON"), file_format("b.jsonl"), file_format("c.yml")
    ('json', 'jsonl', 'yaml')
    """
    suffix = Path(name).suffix.lower()
    return {".json": "json", ".jsonl": "jsonl"}.get(suffix, "yaml")


def load_text(
    name: str, text: str, fmt: str = "yaml", limits: Limits | None = None
) -> Scenario | Proposal:
    """Load a scenario or a proposal from text that did not come from a file of its own.

    ``name`` stands for the source in messages (``"<stdin>"``, ``"<request>"``);
    ``fmt`` is one of ``FORMATS``. The text meets the same limits and rules as a
    file's: pass it through ``charter.files._read.text_of`` first when it arrives as bytes.
    """
    if not isinstance(name, str):
        raise TypeError(f"name: expected str, found {type(name).__name__}")
    if not isinstance(text, str):
        raise TypeError(f"text: expected str, found {type(text).__name__}")
    if fmt not in FORMATS:
        raise ValueError(f"fmt: expected one of {', '.join(FORMATS)}, found {fmt!r}")
    limits = _limits(limits)
    if len(text) * 4 > limits.max_bytes:  # it may be over the size limit: count its bytes
        _reader.text_of(name, text, limits)
    return _load_text(name, text, fmt, limits)


def _load_text(name: str, text: str, fmt: str, limits: Limits) -> Scenario | Proposal:
    """Load text already read within the limits (from a file, or checked by ``load_text``)."""
    if fmt != "yaml":
        from charter.files import _formats  # noqa: PLC0415

        if fmt == "json":
            return _formats.load_json_text(name, text, limits)
        return _formats.load_jsonl_text(name, text, limits)
    with paused_collection():
        quick = _load_quickly(name, text, limits)
    # Anything unusual, wrong or doubtful is read again with positions, which says where.
    return quick if quick is not None else _load_located(read_yaml(name, text, limits), limits)


def _limits(limits: object) -> Limits:
    """The limits a caller passed, or those of the environment; ``TypeError`` for anything else."""
    if limits is None:
        return Limits()
    if not isinstance(limits, Limits):
        raise TypeError(f"limits: expected charter Limits or None, found {type(limits).__name__}")
    return limits


def _load_quickly(name: str, text: str, limits: Limits) -> Scenario | Proposal | None:
    """The common file, read without positions (they are read later if a violation needs one).

    ``None`` when the file needs the careful reader: anything but plain YAML, or a
    file with a problem to report.
    """
    try:
        data = read_plain(text, limits)
    except PlainReadError:
        return None
    if not isinstance(data, dict):
        return None
    model: type[Scenario] | type[Proposal] = Proposal if "session" in data else Scenario
    events = data.get("events")
    if isinstance(events, list) and len(events) > limits.max_events:
        return None
    try:
        with validating(data.get("rulebook")):
            loaded = model.model_validate(data)
    except ValidationError:
        return None
    if not consistent(loaded):
        return None
    return loaded.located(LazyOrigin.of(name, text, limits))


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
            _load_located(doc, limits)
        else:
            try:
                model.model_validate(doc.data)
            except ValidationError as exc:
                return _problems(model, doc, exc)
    except ScenarioError as exc:
        return list(exc.problems)
    return [Problem(name, 1, 1, "", "the file does not match the schema (see: charter schema)")]


def _load_located(doc: Located, limits: Limits | None) -> Scenario | Proposal:
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


def load_scenario(path: str | Path, limits: Limits | None = None) -> Scenario:
    """Load a scenario file; raise ``ScenarioError`` naming every problem in it."""
    loaded = load_file(path, limits)
    if isinstance(loaded, Proposal):
        raise ScenarioError.single(
            str(path), "this is a proposal (a 'session:' file); use `charter check` on it", 1, 1
        )
    return loaded


def load_proposal(path: str | Path, limits: Limits | None = None) -> Proposal:
    """Load a proposal file (one ``session`` with its ``id`` and ``date``)."""
    loaded = load_file(path, limits)
    if isinstance(loaded, Scenario):
        raise ScenarioError.single(
            str(path), "expected a proposal: a mapping with 'id', 'date' and 'session'", 1, 1
        )
    return loaded


def _validate(model: type[_M], doc: Located, events_at: DocPath) -> _M:
    loaded, invalid = _validated(model, doc)
    if loaded is None:
        raise ScenarioError(invalid)
    problems: list[Problem] = _check_order(doc, loaded) if isinstance(loaded, Scenario) else []
    problems += _check_terms(doc, loaded, events_at)
    if problems:
        problems.sort(key=lambda problem: (problem.line, problem.column))
        raise ScenarioError(_at_most(problems))
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
            return None, _problems(model, doc, exc)


MAX_PROBLEMS = 100
"""How many problems one file reports; the rest are counted, not listed."""


def _at_most(problems: list[Problem]) -> list[Problem]:
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


def _problems(model: type[BaseModel], doc: Located, exc: ValidationError) -> list[Problem]:
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
        return f"{shown(value)} is not a state code (expected ISO 3166-1 alpha-3, such as ARM)"
    if field in ("id", "event", "session"):
        return f"{shown(value)} is not an id (expected letters, digits, '.', '_' or '-')"
    if field == "rule":
        return f"{shown(value)} is not a rule id (expected lowercase words joined by dots)"
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


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the files charter reads: a scenario, or a proposal.

    Generated from the models, with what their validators accept written in
    (the ``baseline`` shorthand, ``unknown``, the known state codes and rule ids).
    """
    from charter.output._schema import file_schema  # noqa: PLC0415  (it builds on this module)

    return file_schema()


def dump_scenario(scenario: Scenario) -> str:
    """Write a scenario as YAML that ``load_scenario`` reads back to an equal scenario.

    Keys left at their defaults are omitted, so the file stays as short as the story.
    """
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_scenario(scenario: Scenario, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write a scenario file atomically (a temporary file, then a rename); see ``_write``.

    Refuses to replace an existing file unless ``overwrite`` is true; creates the
    file's folder if it is missing.
    """
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario: expected a charter Scenario, found {type(scenario).__name__}")
    target = Path(_reader.name_of(path))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScenarioError.single(
            str(target.parent), f"cannot create the folder: {_reader.os_cause(exc)}"
        ) from None
    return write_file(target, dump_scenario(scenario), overwrite=overwrite)


def write_atomically(
    target: Path,
    text: str,
    *,
    overwrite: bool,
    refusal: str = "already exists (pass overwrite to replace it)",
) -> None:
    """Write ``text`` to ``target`` whole or not at all (the one writer, ``_write.write_file``)."""
    write_file(target, text, overwrite=overwrite, refusal=refusal)
