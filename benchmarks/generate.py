"""Generate a valid synthetic history for benchmarks: YAML, JSON or JSON Lines.

Usage:
    python benchmarks/generate.py --events 100000 --format json --output /tmp/h.json
    python benchmarks/generate.py --states 6 --years 50 --sessions-per-year 4 --seed 1

Every history replays with no violation: members join, each year ends with a
regular session hosted and chaired by the presiding state that hands the
chairmanship on in rotation; the other sessions of the year are chaired by the
presiding state's head; heads of state change now and then. Written as it is
generated, so memory stays flat whatever the size.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO

from charter.engine._iso3166 import ALPHA3
from charter.rulebooks.csto.states import rotation_key

FIRST_YEAR = 1995


def states_for(count: int) -> list[str]:
    """``count`` states in rotation order: the CSTO members first, then other codes."""
    preferred = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
    others = sorted(code for code in ALPHA3 if code not in preferred)
    chosen = (preferred + others)[:count]
    return sorted(chosen, key=rotation_key)


def events(states: int, years: int, sessions_per_year: int, seed: int) -> Iterator[dict[str, Any]]:
    """The events of a valid history, in date order."""
    rng = random.Random(seed)
    members = states_for(states)
    heads = {state: f"{state} Head 0" for state in members}
    changes = dict.fromkeys(members, 0)
    start = date(FIRST_YEAR - 1, 12, 1)
    for state in members:
        yield {
            "id": f"join-{state}",
            "date": start.isoformat(),
            "membership": {"state": state, "status": "member"},
        }
        yield {
            "id": f"head-{state}-0",
            "date": start.isoformat(),
            "office": {"state": state, "role": "head_of_state", "person": heads[state]},
        }
    presiding = members[0]
    for offset in range(years):
        year = FIRST_YEAR + offset
        extras = sessions_per_year - 1 if offset > 0 else 0
        days = sorted(date(year, 1, 2) + timedelta(days=rng.randrange(330)) for _ in range(extras))
        if rng.random() < 0.3:
            state = rng.choice(members)
            changes[state] += 1
            heads[state] = f"{state} Head {changes[state]}"
            yield {
                "id": f"head-{state}-{changes[state]}",
                "date": date(year, 1, 1).isoformat(),
                "office": {"state": state, "role": "head_of_state", "person": heads[state]},
            }
        for number, day in enumerate(days):
            seats = rng.sample(members, k=max(1, len(members) // 2))
            yield _session(
                f"s-{year}-{number}",
                day,
                kind=rng.choice(["extraordinary", "informal"]),
                host=rng.choice(members),
                presiding=presiding,
                seats=seats,
                heads=heads,
                handover=None,
            )
        following = members[(members.index(presiding) + 1) % len(members)]
        yield _session(
            f"r-{year}",
            date(year, 12, 15),
            kind="regular",
            host=presiding,
            presiding=presiding,
            seats=members,
            heads=heads,
            handover=following,
        )
        presiding = following


def _session(
    event_id: str,
    day: date,
    *,
    kind: str,
    host: str,
    presiding: str,
    seats: list[str],
    heads: dict[str, str],
    handover: str | None,
) -> dict[str, Any]:
    session: dict[str, Any] = {
        "kind": kind,
        "host": host,
        "chair": {"person": heads[presiding]},
        "participants": [
            {"person": heads[state], "state": state, "capacity": "head_of_state"} for state in seats
        ],
    }
    if handover is not None:
        session["decisions"] = [{"kind": "pass_chairmanship", "to": handover}]
    return {"id": event_id, "date": day.isoformat(), "session": session}


def _yaml_scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string or number is a YAML flow scalar


def _yaml_flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_yaml_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_flow(item) for item in value) + "]"
    return _yaml_scalar(value)


def write(stream: TextIO, fmt: str, history: Iterator[dict[str, Any]], title: str) -> int:
    """Write the history in ``fmt``; return the number of events written."""
    count = 0
    if fmt == "yaml":
        stream.write(f"title: {_yaml_scalar(title)}\nbaseline: empty\nevents:\n")
        for event in history:
            stream.write(f"  - {_yaml_flow(event)}\n")
            count += 1
    elif fmt == "json":
        stream.write(f'{{"title": {json.dumps(title)}, "baseline": "empty", "events": [\n')
        for event in history:
            stream.write(("," if count else "") + json.dumps(event, ensure_ascii=False) + "\n")
            count += 1
        stream.write("]}\n")
    else:
        stream.write(json.dumps({"title": title, "baseline": "empty"}) + "\n")
        for event in history:
            stream.write(json.dumps(event, ensure_ascii=False) + "\n")
            count += 1
    return count


def plan_for(
    events_wanted: int, states: int = 6, sessions_per_year: int | None = None
) -> tuple[int, int]:
    """Years and sessions a year giving about ``events_wanted`` events (years stay within 9999)."""
    per_year = sessions_per_year or max(4, -(-events_wanted // 7000))
    years = max(1, (events_wanted - 2 * states) // max(per_year, 1))
    return years, per_year


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=6)
    parser.add_argument("--years", type=int)
    parser.add_argument("--sessions-per-year", type=int)
    parser.add_argument("--events", type=int, help="aim for about this many events")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("yaml", "json", "jsonl"), default="yaml")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    if args.years is None:
        years, per_year = plan_for(args.events or 1000, args.states, args.sessions_per_year)
    else:
        years, per_year = args.years, args.sessions_per_year or 4
    history = events(args.states, years, per_year, args.seed)
    title = f"synthetic history: {args.states} states, {years} years, {per_year} sessions a year"
    if args.output is None:
        count = write(sys.stdout, args.format, history, title)
    else:
        with args.output.open("w", encoding="utf-8") as stream:
            count = write(stream, args.format, history, title)
    print(f"{count} events", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
