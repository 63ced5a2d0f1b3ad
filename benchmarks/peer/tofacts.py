"""Turn a charter history (JSON, JSON Lines or YAML; or plain event dicts) into ASP facts.

The standard library and PyYAML only: it does not import charter. It applies the
model's defaults and reads "unknown" as not recorded, as charter does, but it does not
validate anything (charter's models do that): give it files charter accepts.

    python tofacts.py FILE > facts.lp
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

# The Russian names that fix the rotation's order (as charter's state table); other codes after.
ROTATION_NAMES = {
    "AZE": "Азербайджан",
    "ARM": "Армения",
    "BLR": "Беларусь",
    "GEO": "Грузия",
    "KAZ": "Казахстан",
    "KGZ": "Кыргызстан",
    "RUS": "Россия",
    "TJK": "Таджикистан",
    "UZB": "Узбекистан",
}


def rotation_key(code: str) -> tuple[int, str]:
    """A state's place in the rotation: the Russian name's order, unknown codes after."""
    name = ROTATION_NAMES.get(code)
    return (0, name) if name is not None else (1, code)


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


_ord_cache: dict[str, int] = {}


def ordinal(value: Any) -> int:
    """The proleptic-Gregorian day number of a date or an ISO date string."""
    if isinstance(value, date):
        return value.toordinal()
    found = _ord_cache.get(value)
    if found is None:
        found = _ord_cache[value] = date.fromisoformat(value).toordinal()
    return found


def q(text: str) -> str:
    """An ASP string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def unknowable(value: Any) -> Any:
    """``None`` for the word ``unknown``, else the value."""
    return None if value == "unknown" else value


def person(value: Any) -> str:
    """A person's name as an ASP string, ``none`` when not recorded."""
    return "none" if value is None else q(str(value).strip())


def state(value: Any, states: set[str]) -> str:
    """A state code as an ASP constant (noted in ``states``), ``none`` when not recorded."""
    if value is None:
        return "none"
    states.add(str(value))
    return str(value).lower()


def day_or_none(value: Any) -> str:
    """A day number, ``none`` when not recorded."""
    return "none" if value is None else str(ordinal(value))


def facts(events: Iterable[dict[str, Any]], checked_from: int = 0) -> list[str]:
    """Facts for ``events`` in file order; events numbered <= ``checked_from`` are baseline."""
    out: list[str] = []
    add = out.append
    states: set[str] = set()
    add3: set[int] = set()
    for i, e in enumerate(events, 1):
        d = ordinal(e["date"])
        add(f"ev({i},{q(e['id'])},{d}).")
        if i > checked_from:
            add(f"chk({i}).")
        if (m := e.get("membership")) is not None:
            add(f"mem({i},{state(m['state'], states)},{m['status']}).")
        elif (o := e.get("office")) is not None:
            acting = 1 if o.get("acting", False) else 0
            add(
                f"off({i},{state(o['state'], states)},{o['role']},{person(o.get('person'))},{acting})."
            )
        elif (s := e.get("seat")) is not None:
            add(f"seatev({i},{state(s['state'], states)},{s['role']}).")
        elif (s := e.get("session")) is not None:
            add(f"sess({i},{s['kind']},{state(unknowable(s.get('host')), states)}).")
            chair = unknowable(s.get("chair"))
            if chair is not None:
                add(
                    f"chairg({i},{person(unknowable(chair.get('person')))},"
                    f"{state(chair.get('state'), states)})."
                )
            for k, p in enumerate(s.get("participants") or ()):
                add(
                    f"part({i},{k},{person(unknowable(p.get('person')))},"
                    f"{state(p.get('state'), states)},{p['capacity']})."
                )
            for k, dec in enumerate(s.get("decisions") or ()):
                _decision(add, (i, k, d), dec, states, add3)
        elif (dec := e.get("decision")) is not None:
            _decision(add, (i, -1, d), dec, states, add3)
    for rank, code in enumerate(sorted(states, key=rotation_key)):
        add(f"rot({code.lower()},{rank}).")
    for day in add3:
        add(f"add3({day},{add_years(date.fromordinal(day), 3).toordinal()}).")
    return out


def _decision(
    add: Callable[[str], None],
    at: tuple[int, int, int],
    dec: dict[str, Any],
    states: set[str],
    add3: set[int],
) -> None:
    """The facts of one decision: event ``i``, index ``k`` (-1 for a decision event), day ``d``."""
    i, k, d = at
    kind = dec["kind"]
    add(f"dec({i},{k},{kind}).")
    if dec.get("adopted", True):
        add(f"adopted({i},{k}).")
    if dec.get("confidence", "high") == "low":
        add(f"lowconf({i},{k}).")
    for s in dec.get("objected") or ():
        add(f"objected({i},{k},{state(s, states)}).")
    joined = dec.get("joined")
    if joined is not None:
        add(f"hasjoined({i},{k}).")
        for s in joined:
            add(f"joined({i},{k},{state(s, states)}).")
    if kind == "pass_chairmanship":
        add(
            f"pass({i},{k},{state(unknowable(dec.get('to')), states)},{day_or_none(dec.get('effective'))})."
        )
        if dec.get("until") is not None:
            add(f"passuntil({i},{k},{ordinal(dec['until'])}).")
    elif kind == "name_chair":
        sid = dec.get("session")
        add(
            f"namechair({i},{k},{person(dec.get('person'))},{state(dec.get('state'), states)},"
            f"{'none' if sid is None else q(sid)})."
        )
    elif kind == "set_host":
        sid = dec.get("session")
        add(f"sethost({i},{k},{state(dec['state'], states)},{'none' if sid is None else q(sid)}).")
    elif kind == "appoint_secretary_general":
        start = dec.get("start")
        add3.add(ordinal(start) if start is not None else d)
        add(
            f"appoint({i},{k},{person(dec['person'])},{state(dec['state'], states)},"
            f"{day_or_none(start)},{day_or_none(dec.get('until'))})."
        )
    elif kind in ("admit_member", "suspend_member", "restore_member"):
        add(f"memdec({i},{k},{state(dec['state'], states)}).")
    elif kind == "establish_body":
        add(
            f"body({i},{k},{q(dec['body'])},{1 if dec.get('permanent', False) else 0},"
            f"{day_or_none(dec.get('until'))})."
        )


def read_events(path: str | Path) -> list[dict[str, Any]]:
    """The events of a history file, as plain dicts (no validation)."""
    path = Path(path)
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as stream:
            next(stream)  # the header
            return [json.loads(line) for line in stream if line.strip()]
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return list(json.loads(text)["events"])
    return list(yaml.load(text, Loader=yaml.CSafeLoader)["events"])


def main(argv: list[str]) -> int:
    """Print the facts of one history file; 2 for a file it cannot read."""
    if len(argv) != 1:
        print("usage: tofacts.py FILE", file=sys.stderr)
        return 2
    try:
        events = read_events(argv[0])
    except (OSError, ValueError, KeyError, TypeError, yaml.YAMLError) as error:
        print(f"{argv[0]}: cannot read a history ({' '.join(str(error).split())})", file=sys.stderr)
        return 2
    sys.stdout.write("\n".join(facts(events)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
