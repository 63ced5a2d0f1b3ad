"""Rulebook packs: what the engine needs to know about one organisation's Charter.

The engine names no organisation. A rulebook pack supplies the vocabulary its
files may use (bodies, offices, capacities, statuses and the changes allowed
between them, session kinds), its rules, its rotation orders, its embedded
record and where its scenarios are. Packs are found through the entry-point
group ``charter.rulebooks``: each entry names a ``Rulebook`` value, so another
distribution can publish one without changing charter.

A file names its rulebook (``rulebook: ID``); a file that names none belongs
to the default rulebook, the first, so every file written before packs existed
keeps its meaning. While a file is validated, the vocabulary checked is the
one of the rulebook the file names (see ``validating``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar, Token
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from charter.engine._packnames import (
    DEFAULT_RULEBOOK,
    ENTRY_POINT_GROUP,
    pack_entries,
    rulebook_ids,
    unknown_rulebook,
)
from charter.engine.errors import shown

__all__ = [
    "DEFAULT_RULEBOOK",
    "ENTRY_POINT_GROUP",
    "WORD_CATEGORIES",
    "Generation",
    "Rulebook",
    "RulebookError",
    "Vocabulary",
    "active",
    "all_words",
    "forget",
    "get_rulebook",
    "rulebook_ids",
    "rulebooks",
    "state_capacities",
    "unknown_rulebook",
    "validated_under",
    "validating",
    "word_check",
    "words_of",
]


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class Vocabulary(_Value):
    """The words a rulebook's files may use, each list in the rulebook's own order.

    ``seat_capacities`` are those in which a person holds a state's seat (they are
    also the roles a ``seat`` event may name); ``state_capacities`` those that need
    a state. ``transitions`` maps a status to the statuses a state may move to
    from it; the key ``none`` stands for a state that has held no status yet.
    """

    bodies: tuple[str, ...]
    roles: tuple[str, ...]
    capacities: tuple[str, ...]
    seat_capacities: tuple[str, ...]
    state_capacities: tuple[str, ...]
    statuses: tuple[str, ...]
    transitions: Mapping[str, frozenset[str]]
    session_kinds: tuple[str, ...]
    steps: tuple[str, ...] = ()
    """The steps of a procedure a ``membership`` event may name (an admission in steps)."""

    @model_validator(mode="after")
    def _consistent(self) -> Vocabulary:
        known = {"none", *self.statuses}
        for origin, targets in self.transitions.items():
            unknown = sorted(({origin} | set(targets)) - known)
            if unknown:
                raise ValueError(f"transitions name statuses not in the vocabulary: {unknown}")
        if not set(self.seat_capacities) <= set(self.state_capacities) <= set(self.capacities):
            raise ValueError("seat capacities need a state, and both are capacities")
        return self

    def words(self, category: str) -> tuple[str, ...]:
        """The words of one category: ``roles``, ``capacities``, ``statuses``, ``session_kinds``..."""
        found: tuple[str, ...] = getattr(self, category)
        return found


class Generation(_Value):
    """How ``charter.strategies`` builds valid histories of a pack, from the pack's own words.

    Members are drawn from ``members`` (default: the states of the presidency's
    rotation order) and join on 1 January of the year before the first regular
    session, which falls in one of ``first_years``, in a month of ``first_months``;
    ``guest`` is a state that is never a member, attending as an invited guest.
    """

    members: tuple[str, ...] = ()
    guest: str = "FRA"
    first_years: tuple[int, int] = (2009, 2016)
    first_months: tuple[int, int] = (6, 11)


class Rulebook(_Value):
    """One organisation's Charter as a pack: everything the engine needs, as data.

    ``rules`` holds the pack's registry (rule id to rule, in rulebook order);
    ``rotation_orders`` holds, for each order the rules follow, the sort name of
    each state; ``record`` names the embedded record (package and file) and
    ``index`` its quick-query index, if the pack ships one; ``scenarios`` is the
    folder of the pack's example scenarios in the source tree.
    """

    id: str
    name: str
    organisation: str
    description: str
    vocabulary: Vocabulary
    state_names: Mapping[str, str]
    rotation_orders: Mapping[str, Mapping[str, str]]
    rules: Any
    """The pack's ``charter.engine.registry.Registry``: its rules by id, in its order."""
    record: tuple[str, str]
    index: tuple[str, str] | None = None
    scenarios: str
    citations: Mapping[str, str]
    provisions: Mapping[str, str] = {}
    """The provision of its Charter each rule belongs to (as coverage names it), by rule id."""
    in_good_standing: frozenset[str] = frozenset({"member"})
    """The statuses in which a state takes part as a member (and may be proposed for a seat)."""
    next_in_rotation: Any = None
    """``(state, timeline, day) -> state or None``: who presides after ``state`` by the pack's
    rotation, for projections and suggestions; ``None`` when the pack has no rotation."""
    expected_chair: Any = None
    """``(event, timeline) -> ExpectedChair or None``: who should chair a session, as the
    pack's chair rule reads it; ``None`` when the pack has no such rule."""
    generation: Generation = Generation()
    """How valid histories of the pack are generated for property tests."""
    explained_by: Mapping[str, str] = {}
    """The rule that answers each question ``explain`` asks, by the engine's name for it:
    ``chair`` (who chairs a session), ``seat`` (who sits for a state), ``tenure`` (how the
    presidency passes), ``rotation`` (who presides next), ``transition`` (how a status may
    change, as ``Vocabulary.transitions`` lists)."""

    @model_validator(mode="after")
    def _a_registry(self) -> Rulebook:
        needed = ("order", "rules_for", "era_span", "ordered")
        if not all(hasattr(self.rules, name) for name in needed):
            raise ValueError("a rulebook's rules are a charter.engine.registry.Registry")
        return self

    @model_validator(mode="after")
    def _known_rules(self) -> Rulebook:
        named = {*self.explained_by.values(), *self.provisions}
        unknown = sorted(rule_id for rule_id in named if rule_id not in self.rules)
        if unknown:
            raise ValueError(
                f"explained_by and provisions name rules the pack does not have: {unknown}"
            )
        return self

    def rule_ids(self) -> tuple[str, ...]:
        """The pack's rule ids, in rulebook order."""
        order: tuple[str, ...] = self.rules.order
        return order

    def display(self, code: str | None) -> str:
        """A state's English name in this rulebook, or its code when the pack has none."""
        if code is None:
            return "an unrecorded state"
        return self.state_names.get(code, code)


class RulebookError(ValueError):
    """A rulebook that no installed pack provides, or a pack that is not a ``Rulebook``."""


@cache
def get_rulebook(name: str) -> Rulebook:
    """The rulebook pack ``name``, loaded from its entry point (once per process).

    >>> get_rulebook(DEFAULT_RULEBOOK).id == DEFAULT_RULEBOOK
    True
    """
    found = [entry for entry in pack_entries() if entry.name == name]
    if not found:
        raise RulebookError(unknown_rulebook(name))
    pack = found[0].load()
    if not isinstance(pack, Rulebook) or pack.id != name:
        raise RulebookError(f"the entry point {name!r} does not name the Rulebook {name!r}")
    return pack


def rulebooks() -> tuple[Rulebook, ...]:
    """Every installed rulebook pack, by id."""
    return tuple(get_rulebook(name) for name in rulebook_ids())


_ACTIVE: ContextVar[Rulebook | None] = ContextVar("charter_rulebook", default=None)
# The words of the rulebook in force, by category: looked up once per field validated.
_SETS: ContextVar[dict[str, frozenset[str]] | None] = ContextVar("charter_words", default=None)

_CATEGORIES = (
    "bodies",
    "steps",
    "roles",
    "capacities",
    "seat_capacities",
    "state_capacities",
    "statuses",
    "session_kinds",
)


@cache
def _word_sets(name: str) -> dict[str, frozenset[str]]:
    """The words of each category of rulebook ``name``, as sets (looked up once per field)."""
    words = get_rulebook(name).vocabulary
    return {category: frozenset(words.words(category)) for category in _CATEGORIES}


def active() -> Rulebook:
    """The rulebook whose vocabulary is being validated (the default one outside ``validating``)."""
    pack = _ACTIVE.get()
    return pack if pack is not None else get_rulebook(DEFAULT_RULEBOOK)


def _resolved(name: object) -> Rulebook:
    try:
        return get_rulebook(name if isinstance(name, str) else DEFAULT_RULEBOOK)
    except RulebookError:
        # The file's ``rulebook`` key is reported on its own; its other words are
        # checked against the default vocabulary meanwhile.
        return get_rulebook(DEFAULT_RULEBOOK)


class validating:  # noqa: N801 - used as ``with validating(name):``, like a function
    """Validate files of rulebook ``name`` (any value: a wrong one is reported by the file's key).

    ``None`` (a file that names no rulebook) is the default rulebook. Outside any
    ``validating``, a word of any installed rulebook is taken, and a scenario
    checks its words against its own rulebook once it is built. (A class, not a
    generator: a JSON Lines file enters it once a line.) One instance may be entered
    again and again, but by one thread or task at a time: each exit undoes the last entry.
    """

    __slots__ = ("_name", "_tokens")

    def __init__(self, name: object) -> None:
        self._name = name
        self._tokens: list[
            tuple[Token[Rulebook | None], Token[dict[str, frozenset[str]] | None]]
        ] = []

    def __enter__(self) -> None:
        pack = _resolved(self._name)
        self._tokens.append((_ACTIVE.set(pack), _SETS.set(_word_sets(pack.id))))

    def __exit__(self, *_: object) -> None:
        active, words = self._tokens.pop()
        _SETS.reset(words)
        _ACTIVE.reset(active)


@cache
def _any_word(category: str) -> frozenset[str]:
    return frozenset(all_words(category))


def forget() -> None:
    """Forget the packs loaded so far, so that the next look-up reads the entry points again."""
    pack_entries.cache_clear()
    get_rulebook.cache_clear()
    _word_sets.cache_clear()
    _any_word.cache_clear()
    for clear in _FORGETTING:
        clear()


_FORGETTING: list[Callable[[], None]] = []


def on_forget(clear: Callable[[], None]) -> None:
    """Have ``forget`` also call ``clear``: for what a module keeps of the packs it was given."""
    _FORGETTING.append(clear)


def validated_under() -> str | None:
    """The rulebook whose words are being checked, or ``None`` outside ``validating``."""
    pack = _ACTIVE.get()
    return pack.id if pack is not None else None


def words_of(rulebook: str, category: str) -> frozenset[str]:
    """The words of ``category`` in ``rulebook``."""
    return _word_sets(rulebook)[category]


def state_capacities() -> frozenset[str]:
    """The capacities that need a state, in the rulebook being validated."""
    words = _SETS.get()
    return (words or _word_sets(DEFAULT_RULEBOOK))["state_capacities"]


def _listed(words: tuple[str, ...]) -> str:
    quoted = [repr(word) for word in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def word_check(category: str) -> Callable[[object], str]:
    """A validator that accepts only a word of ``category`` in the active rulebook's vocabulary."""

    def check(value: object) -> str:
        sets = _SETS.get()
        known = sets[category] if sets is not None else _any_word(category)
        if isinstance(value, str) and value in known:
            return value
        pack = _ACTIVE.get()
        words = pack.vocabulary.words(category) if pack else tuple(all_words(category))
        if not words:  # a word of a kind this rulebook does not have (``steps``, say)
            which = f"rulebook {pack.id!r}" if pack else "no installed rulebook"
            raise ValueError(
                f"{shown(value)} is not allowed ({which} has no {category.replace('_', ' ')})"
            )
        raise ValueError(f"{shown(value)} is not allowed (expected {_listed(words)})")

    check.__name__ = f"known_{category}"
    WORD_CATEGORIES[check] = category
    return check


WORD_CATEGORIES: dict[object, str] = {}
"""Each validator ``word_check`` made, and the category of words it accepts (for the schema)."""


def all_words(category: str) -> list[str]:
    """The words of ``category`` in any installed rulebook, each once, in rulebook order."""
    found: dict[str, None] = {}
    for pack in rulebooks():
        found.update(dict.fromkeys(pack.vocabulary.words(category)))
    return list(found)
