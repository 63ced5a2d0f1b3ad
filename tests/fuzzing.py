"""Inputs for fuzzing the loader: arbitrary YAML, raw text and bytes, and broken valid scenarios.

The generators take a ``Chooser``, so the same code is driven by Hypothesis in
tests/test_fuzz.py (which shrinks what it finds) and by ``random`` in
benchmarks/fuzz_campaign.py (which is fast enough for hundreds of thousands of
inputs). ``check_outcome`` states what every input must come to: a report, or a
``ScenarioError`` whose every problem names the file and a line, on one short line.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import yaml

from charter.engine.errors import ScenarioError
from charter.files.loading import load_file
from charter.files.scenario import Proposal

ROOT = Path(__file__).resolve().parent.parent

MAX_MESSAGE = 1000
"""No problem's place-in-document and message together run longer than this."""


class Chooser(Protocol):
    """Where the generators' choices come from."""

    def integer(self, low: int, high: int) -> int:
        """A whole number in ``[low, high]``."""
        ...

    def text(self, max_size: int) -> str:
        """Any text of at most ``max_size`` characters."""
        ...


def choice(chooser: Chooser, items: Sequence[Any]) -> Any:
    """One of ``items``."""
    return items[chooser.integer(0, len(items) - 1)]


# Characters that matter to YAML or to charter, and some that should never be there.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    " \t\n\r-:,[]{}#&*!|>'\"%@`?.~_/\\"
    "\x00\x01\x07\x1b\x7f\x85\xa0\ufeff\u2028\ufffe"
    "éЖ中😀"
)


class RandomChooser:
    """Choices from a seeded ``random.Random``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integer(self, low: int, high: int) -> int:
        """A whole number in ``[low, high]``."""
        return self.rng.randint(low, high)

    def text(self, max_size: int) -> str:
        """Characters from ``ALPHABET``, mostly, or any code point but surrogates."""
        size = self.rng.randint(0, max_size)
        if self.rng.random() < 0.8:
            return "".join(self.rng.choice(ALPHABET) for _ in range(size))
        return "".join(
            chr(self.rng.choice((self.rng.randint(0, 0xD7FF), 0x10FFFF))) for _ in range(size)
        )


# --- vocabulary: the words charter's files are made of -------------------------------------

KEYS: tuple[str, ...] = (
    "title",
    "description",
    "baseline",
    "events",
    "expect",
    "projection",
    "id",
    "date",
    "source",
    "confidence",
    "note",
    "membership",
    "office",
    "seat",
    "session",
    "decision",
    "state",
    "status",
    "basis",
    "role",
    "person",
    "acting",
    "kind",
    "format",
    "host",
    "city",
    "chair",
    "participants",
    "decisions",
    "capacity",
    "remote",
    "to",
    "effective",
    "start",
    "until",
    "body",
    "permanent",
    "joined",
    "objected",
    "adopted",
    "violation",
    "no_violation",
    "members",
    "suspended",
    "frozen",
    "secretary_general",
    "ok",
    "rule",
    "event",
    "severity",
    "on",
    "record",
    "csto",
    "year",
    "open",
)

VALUES: tuple[Any, ...] = (
    None,
    "unknown",
    "",
    " ",
    True,
    False,
    0,
    -1,
    2**63,
    1e308,
    float("nan"),
    "2024-02-30",
    "2024-13-01",
    "0001-01-01",
    "9999-12-31",
    "1991-12-31",
    dt.date(2020, 12, 2),
    dt.date(1992, 5, 15),
    dt.date(2200, 1, 1),
    "ARM",
    "RUS",
    "TJK",
    "XXX",
    "arm",
    "regular",
    "extraordinary",
    "video",
    "member",
    "suspended",
    "frozen",
    "withdrawn",
    "head_of_state",
    "head_of_government",
    "secretary_general",
    "invited",
    "pass_chairmanship",
    "name_chair",
    "set_host",
    "appoint_secretary_general",
    "establish_body",
    "art13.chair",
    "art13.chiar",
    "empty",
    "csto",
    "moscow-2020",
    "x" * 5000,
    [],
    {},
    [None],
    {"kind": "regular"},
)


def scalar(chooser: Chooser) -> Any:
    """A scalar: from the vocabulary, or made up."""
    pick = chooser.integer(0, 5)
    if pick <= 2:
        return copy.deepcopy(choice(chooser, VALUES))
    if pick == 3:
        return chooser.integer(-(2**64), 2**64)
    return chooser.text(20)


def value(chooser: Chooser, depth: int = 3) -> Any:
    """Any plain YAML value, nested at most ``depth`` deep."""
    pick = chooser.integer(0, 3) if depth > 0 else 0
    if pick <= 1:
        return scalar(chooser)
    if pick == 2:
        return [value(chooser, depth - 1) for _ in range(chooser.integer(0, 4))]
    keys = [
        choice(chooser, KEYS) if chooser.integer(0, 2) else chooser.text(8)
        for _ in range(chooser.integer(0, 4))
    ]
    return {key: value(chooser, depth - 1) for key in keys}


def dump(data: Any, chooser: Chooser) -> str:
    """YAML text for ``data``, in block or flow style."""
    return yaml.safe_dump(
        data,
        sort_keys=False,
        allow_unicode=bool(chooser.integer(0, 1)),
        default_flow_style=choice(chooser, (False, True, None)),
        width=choice(chooser, (80, 100_000)),
    )


# --- the four kinds of input --------------------------------------------------------------


def arbitrary_document(chooser: Chooser) -> bytes:
    """A YAML document of random data, often a mapping of charter's keys."""
    data = value(chooser, 4)
    if chooser.integer(0, 1):
        data = {choice(chooser, KEYS): value(chooser, 3) for _ in range(chooser.integer(1, 6))}
    return dump(data, chooser).encode("utf-8")


def raw_text(chooser: Chooser) -> bytes:
    """Any text, as UTF-8."""
    return chooser.text(300).encode("utf-8", "surrogatepass")


def raw_bytes(chooser: Chooser) -> bytes:
    """Text in another encoding, or arbitrary bytes."""
    text = chooser.text(100)
    encoding = choice(chooser, ("latin-1", "utf-16", "utf-8-sig", "bytes"))
    if encoding == "bytes":
        return bytes(chooser.integer(0, 255) for _ in range(chooser.integer(0, 200)))
    return text.encode(encoding, "replace")


def _sources() -> list[Any]:
    files = sorted(
        path
        for path in (ROOT / "scenarios").rglob("*.yaml")
        if path.stat().st_size < 20_000 and "record" not in path.parts
    )
    files.append(ROOT / "tests" / "data" / "valid" / "bom.yaml")
    return [yaml.safe_load(path.read_text(encoding="utf-8-sig")) for path in files]


SOURCES: list[Any] = _sources()
"""The shipped scenarios and proposals (all but the long record), as plain data."""


def _pool(sources: list[Any]) -> dict[str, list[Any]]:
    """Every scalar the sources give under each key: values of the right kind, mostly valid."""
    pool: dict[str, list[Any]] = {}
    stack = list(sources)
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in items:
            if isinstance(child, dict | list):
                stack.append(child)
            elif isinstance(key, str) and child not in pool.setdefault(key, []):
                pool[key].append(child)
    return {key: sorted(values, key=repr) for key, values in sorted(pool.items())}


POOL: dict[str, list[Any]] = _pool(SOURCES)
"""For each key, the values the shipped files give it (states, dates, kinds, persons...)."""


def _places(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in ``data``, depth first."""
    found: list[tuple[Any, Any]] = []
    stack = [data]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in list(items):
            found.append((node, key))
            if isinstance(child, dict | list):
                stack.append(child)
    return found


def _containers(node: Any) -> set[int]:
    """The identities of ``node`` and every list and mapping inside it."""
    if not isinstance(node, dict | list):
        return set()
    return {id(node)} | {id(container) for container, _ in _places(node)}


def _typo(word: str, chooser: Chooser) -> str:
    if not word:
        return chooser.text(4)
    at = chooser.integer(0, len(word) - 1)
    kind = chooser.integer(0, 3)
    if kind == 0:  # drop a character
        return word[:at] + word[at + 1 :]
    if kind == 1 and at + 1 < len(word):  # swap two
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == 2:  # double one
        return word[:at] + word[at] + word[at:]
    return str(choice(chooser, KEYS))


def mutate_data(data: Any, chooser: Chooser) -> Any:
    """One change to a scenario's data: drop, rename, retype, swap or duplicate something."""
    places = _places(data)
    if not places:
        return value(chooser)
    container, key = choice(chooser, places)
    operation = chooser.integer(0, 8)
    if operation >= 6 and isinstance(key, str) and key in POOL:
        # Another value the files give this key: the scenario stays well formed, often,
        # and tells a different story for the rules to judge.
        container[key] = copy.deepcopy(choice(chooser, POOL[key]))
    elif operation == 0:  # drop
        del container[key]
    elif operation == 1 and isinstance(container, dict):  # rename
        new = _typo(str(key), chooser)
        container[new] = container.pop(key)
    elif operation == 2:  # retype
        container[key] = value(chooser, 2)
    elif operation == 3:  # swap with another value, unless one holds the other
        other, other_key = choice(chooser, places)
        mine, theirs = container[key], other[other_key]
        if id(other) not in _containers(mine) and id(container) not in _containers(theirs):
            container[key], other[other_key] = theirs, mine
    elif operation == 4 and isinstance(container, list):  # duplicate an item
        container.insert(key, copy.deepcopy(container[key]))
    else:  # a word from the vocabulary
        container[key] = copy.deepcopy(choice(chooser, VALUES))
    return data


def retell(data: Any, chooser: Chooser) -> Any:
    """One change that keeps the file well formed, mostly: the story changes, not its shape.

    A value is replaced by another the files give the same key (a state, a date, a
    kind, a person), or an item of a list is dropped or moved: the rules then judge
    a history nobody wrote.
    """
    places = _places(data)
    if not places:
        return data
    container, key = choice(chooser, places)
    if isinstance(key, str) and key in POOL:
        container[key] = copy.deepcopy(choice(chooser, POOL[key]))
    elif isinstance(container, list) and chooser.integer(0, 1):
        del container[key]
    elif isinstance(container, list):
        other = chooser.integer(0, len(container) - 1)
        container[key], container[other] = container[other], container[key]
    return data


def mutate_text(text: str, chooser: Chooser) -> str:
    """One change to the text: truncate, drop or repeat a line, re-indent, or insert characters."""
    lines = text.split("\n")
    operation = chooser.integer(0, 5)
    at = chooser.integer(0, len(lines) - 1)
    if operation == 0:
        return text[: chooser.integer(0, len(text))]
    if operation == 1:
        del lines[at]
    elif operation == 2:
        lines.insert(at, lines[at])
    elif operation == 3:
        lines[at] = " " * chooser.integer(0, 3) + lines[at].lstrip(" ")
    elif operation == 4:
        position = chooser.integer(0, len(text))
        return text[:position] + chooser.text(5) + text[position:]
    else:
        other = chooser.integer(0, len(lines) - 1)
        lines[at], lines[other] = lines[other], lines[at]
    return "\n".join(lines)


def mutated_scenario(chooser: Chooser) -> bytes:
    """A shipped scenario retold or broken by a few changes to its data and, sometimes, its text."""
    data = copy.deepcopy(choice(chooser, SOURCES))
    if chooser.integer(0, 1):
        for _ in range(chooser.integer(1, 8)):
            data = retell(data, chooser)
    else:
        for _ in range(chooser.integer(1, 4)):
            data = mutate_data(data, chooser)
    text = dump(data, chooser)
    if chooser.integer(0, 3) == 0:
        text = mutate_text(text, chooser)
    return text.encode("utf-8", "surrogatepass")


def _json_ready(data: Any) -> Any:
    """YAML data as JSON can hold it (days as text)."""
    return json.loads(json.dumps(data, default=str))


def mutated_json(chooser: Chooser) -> bytes:
    """A shipped scenario, broken a little, written as JSON (sometimes with its text broken too)."""
    data = copy.deepcopy(choice(chooser, SOURCES))
    for _ in range(chooser.integer(1, 4)):
        data = mutate_data(data, chooser)
    text = json.dumps(_json_ready(data), indent=choice(chooser, (None, 2)), ensure_ascii=False)
    if chooser.integer(0, 3) == 0:
        text = mutate_text(text, chooser)
    return text.encode("utf-8", "surrogatepass")


def mutated_jsonl(chooser: Chooser) -> bytes:
    """A shipped scenario, broken a little, written as JSON Lines: a header, then one event a line."""
    data = copy.deepcopy(choice(chooser, SOURCES))
    for _ in range(chooser.integer(1, 4)):
        data = mutate_data(data, chooser)
    data = _json_ready(data)
    if isinstance(data, dict) and isinstance(data.get("events"), list):
        events = data.pop("events")
        lines = [json.dumps(data, ensure_ascii=False)]
        lines += [json.dumps(event, ensure_ascii=False) for event in events]
    else:
        lines = [json.dumps(data, ensure_ascii=False)]
    text = "\n".join(lines) + "\n"
    if chooser.integer(0, 3) == 0:
        text = mutate_text(text, chooser)
    return text.encode("utf-8", "surrogatepass")


GENERATORS: dict[str, Callable[[Chooser], bytes]] = {
    "arbitrary-document": arbitrary_document,
    "raw-text": raw_text,
    "raw-bytes": raw_bytes,
    "mutated-scenario": mutated_scenario,
    "mutated-json": mutated_json,
    "mutated-jsonl": mutated_jsonl,
}

SUFFIXES: dict[str, str] = {"mutated-json": ".json", "mutated-jsonl": ".jsonl"}
"""The file name suffix each kind of input is written with (``.yaml`` unless listed)."""


# --- what every input must come to ---------------------------------------------------------


def check_outcome(path: Path) -> ScenarioError | None:
    """Load and run one file; only a report or a well-formed ``ScenarioError`` may come of it.

    Any other exception propagates (a bug). Returns the error, or ``None`` when the
    file loaded and ran.
    """
    from charter import check_session, replay

    try:
        loaded = load_file(path)
        if isinstance(loaded, Proposal):
            check_session(loaded)
        else:
            replay(loaded)
    except ScenarioError as caught:
        error = caught
    else:
        return None
    assert error.problems, "a ScenarioError names at least one problem"
    for problem in error.problems:
        assert problem.path == str(path), problem
        assert problem.line >= 1, problem
        assert problem.column >= 1, problem
        assert len(str(problem).splitlines()) == 1, problem
        assert len(problem.where) + len(problem.message) < MAX_MESSAGE, problem
    return error
