"""A compact index of the embedded record, for answering chair and members without the model.

Importing pydantic alone costs more than the whole budget of ``charter chair``;
this module needs only the standard library. The index is generated from the
replayed record (``build_index``, called by ``make index``) and shipped as
``data/<rulebook>-index.json`` in its pack: each answer is stored from every day it may change on,
so a lookup returns the library's own answer. A test keeps the index in step with
the record, and a property test checks that both give the same answers on any day.
Days past the span the index covers are answered by replaying the record.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from datetime import date
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from charter.engine._packnames import DEFAULT_RULEBOOK, pack_module

__all__ = ["chair_on", "chair_text", "has_index", "index_name", "load_index", "members_on"]


def index_name(rulebook: str = DEFAULT_RULEBOOK) -> str:
    """The index's file name, in the ``data`` folder of the rulebook's pack."""
    return f"{rulebook}-index.json"


def _index_path(rulebook: str) -> Path | None:
    """Where ``rulebook``'s pack keeps its index, found without running the pack's code."""
    module = pack_module(rulebook)
    spec = find_spec(module) if module is not None else None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / index_name(rulebook)
    return path if path.is_file() else None


def has_index(rulebook: str) -> bool:
    """True when the pack of ``rulebook`` ships an index of its record (answered without the model)."""
    return _index_path(rulebook) is not None


def _at(segments: list[list[Any]], day: date) -> dict[str, Any]:
    """The answer stored for ``day``, with the day put in."""
    when = day.isoformat()
    index = bisect_right([entry[0] for entry in segments], when) - 1
    found: dict[str, Any] = segments[max(index, 0)][1]
    return {"date": when, **found}


@cache
def load_index(rulebook: str = DEFAULT_RULEBOOK) -> dict[str, Any]:
    """The shipped index of ``rulebook``'s record (``FileNotFoundError`` if its pack has none)."""
    path = _index_path(rulebook)
    if path is None:
        raise FileNotFoundError(f"the rulebook {rulebook!r} ships no index of its record")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def chair_on(
    day: date, index: dict[str, Any] | None = None, rulebook: str = DEFAULT_RULEBOOK
) -> dict[str, Any]:
    """The ``charter chair`` document for ``day`` (see ``charter.engine.answers.ChairOn``)."""
    data = index if index is not None else load_index(rulebook)
    if day.isoformat() >= data["chair_until"]:
        from charter.engine.answers import chair_json  # noqa: PLC0415 (rare: only past the index)
        from charter.engine.check import default_history  # noqa: PLC0415

        return chair_json(default_history(rulebook).chair_on(day))
    return _at(data["chair"], day)


def members_on(
    day: date, index: dict[str, Any] | None = None, rulebook: str = DEFAULT_RULEBOOK
) -> dict[str, Any]:
    """The ``charter members`` document for ``day``: members in law, suspended and frozen."""
    data = index if index is not None else load_index(rulebook)
    return _at(data["members"], day)


def _display(code: str | None, names: dict[str, str]) -> str:
    """A state's name as the index records it, or its code when the pack names it not."""
    if code is None:
        return "an unrecorded state"
    return names.get(code, code)


def chair_text(
    answer: dict[str, Any], names: dict[str, str] | None = None, rulebook: str = DEFAULT_RULEBOOK
) -> str:
    """One line (or two) for a ``chair`` JSON document, saying how the answer stands.

    States are named as ``names`` (by default the index, which keeps the pack's names) does.
    """
    known = names if names is not None else load_index(rulebook)["names"]

    def display(code: str | None) -> str:
        return _display(code, known)

    day = answer["date"]
    if answer["answer"] == "not_decided":
        text = f"{day}: not decided"
    elif answer["state"] is None:
        text = f"{day}: the presiding state is not known"
    else:
        person = {
            "known": answer["person"],
            "vacant": "vacant",
        }.get(answer["person_answer"], "not known")
        if answer["since"]:
            text = (
                f"{day}: {display(answer['state'])} presides (since {answer['since']}); "
                f"chair: {person}"
            )
        else:  # the session's chair sat for a state other than the presiding one (or none known)
            text = f"{day}: chair: {person}, for {display(answer['state'])}"
    if answer.get("note"):
        text += f"\n  {answer['note']}"
    projected = answer.get("projection")
    if projected:
        who = display(projected["state"]) if projected["state"] else "no state"
        if projected["person"]:
            who += f" ({projected['person']}, last recorded)"
        text += f"\n  projection, not a fact: {who}; basis: {projected['basis']}"
    for point in answer.get("contested", ()):
        text += (
            f"\n  contested: the record keeps: {point['kept']}; other reading: "
            f"{point['other']} ({'; '.join(point['source'])})"
        )
    return text
