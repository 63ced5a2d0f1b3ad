"""The plain-loop floor: msgspec's validating decode into Structs, then one bare loop doing
the rules' checks on plain values (dicts and lists for the timeline).

What any Python replay could hope to cost. It covers the rules as they apply to the event
shapes of benchmarks/generate.py (membership and office events; sessions with
participants, a chair, a host and handovers): membership.transition,
membership.good-standing, art13.seat, art13.attendance (ministers, other), art13.chair,
art13.host, art13.tenure, practice.rotation and art12.consensus (objections). Chairs and
hosts named by decision, the Secretary General and bodies are not modelled (none occur
in those histories). A floor, not a second implementation: it counts findings, it does
not explain them.

    python benchmarks/peer/plain_loop.py FILE.json
        prints {"decode": s, "loop": s, "total": s, "events": n, "violations": n,
                "unknowns": n, "sample": [...]} (seconds)
"""

from __future__ import annotations

import gc
import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from tofacts import rotation_key  # the rotation's order, as the peer's facts give it

State = Annotated[str, msgspec.Meta(pattern="^[A-Z]{3}$")]
Id = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]
Person = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
Text = Annotated[str, msgspec.Meta(max_length=2000)]
Status = Literal["signatory", "member", "suspended", "withdrawn", "frozen"]
Role = Literal[
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "security_council_secretary",
    "permanent_representative",
    "secretary_general",
]
Capacity = Literal[Role, "invited", "other"]


class S(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    pass


class Membership(S, kw_only=True, frozen=True, forbid_unknown_fields=True):
    state: State
    status: Status
    basis: Text | None = None


class Office(S, kw_only=True, frozen=True, forbid_unknown_fields=True):
    state: State
    role: Role
    person: Person | None
    acting: bool = False


class Seat(S, kw_only=True, frozen=True, forbid_unknown_fields=True):
    state: State
    role: Literal["head_of_state", "head_of_government"]


class Participant(S, kw_only=True, frozen=True, forbid_unknown_fields=True):
    person: Person | None
    state: State | None = None
    capacity: Capacity
    remote: bool = False


class Chair(S, kw_only=True, frozen=True, forbid_unknown_fields=True):
    person: Person | None = None
    state: State | None = None


class Decision(S, kw_only=True, frozen=True, forbid_unknown_fields=True):
    kind: str
    to: State | None = None
    effective: date | None = None
    adopted: bool = True
    objected: tuple[State, ...] = ()
    joined: tuple[State, ...] | None = None
    title: Text | None = None


class Session(S, kw_only=True, frozen=True, forbid_unknown_fields=True):
    kind: Literal["regular", "extraordinary", "informal", "anniversary"]
    format: Literal["in_person", "video", "hybrid"] = "in_person"
    host: State | None = None
    city: Text | None = None
    chair: Chair | None = None
    participants: tuple[Participant, ...] | None = None
    decisions: tuple[Decision, ...] = ()


class Event(S, kw_only=True, frozen=True, forbid_unknown_fields=True):
    id: Id
    date: date
    membership: Membership | None = None
    office: Office | None = None
    seat: Seat | None = None
    session: Session | None = None
    decision: Decision | None = None
    source: tuple[Text, ...] = ()
    confidence: Literal["high", "medium", "low"] = "high"
    note: Text | None = None


class Scenario(S, kw_only=True, frozen=True, forbid_unknown_fields=True):
    title: Text | None = None
    description: Text | None = None
    baseline: str = "empty"
    events: tuple[Event, ...] = ()
    expect: tuple[dict[str, Any], ...] = ()


TREATY, CHARTER, HOG, ROTATION = (
    date(1992, 5, 15),
    date(2003, 9, 18),
    date(2021, 1, 19),
    date(2009, 1, 1),
)
GOOD = {"member", "frozen"}
SEATCAP = {"head_of_state", "head_of_government"}
OFFCAP = {
    "foreign_minister",
    "defence_minister",
    "security_council_secretary",
    "permanent_representative",
}
FOR_MEMBER = SEATCAP | OFFCAP
ALLOWED = {
    None: {"signatory", "member"},
    "signatory": {"member", "withdrawn"},
    "member": {"suspended", "withdrawn", "frozen"},
    "suspended": {"member", "withdrawn"},
    "frozen": {"member", "suspended", "withdrawn"},
    "withdrawn": {"signatory", "member"},
}


# One loop on purpose: a floor pays for no calls it can avoid.
def check(events: tuple[Event, ...], unknowns: list[str]) -> list[tuple[str, str]]:  # noqa: PLR0915
    """The findings of the covered rules, (rule, event id); unknowns' event ids into ``unknowns``."""
    found: list[tuple[str, str]] = []
    status: dict[str, str] = {}
    holders: dict[tuple[str, str], tuple[str | None, bool]] = {}
    seat_roles: dict[str, str] = {}
    pres_days: list[date] = []  # the presidency series, as charter's timeline keeps it
    pres_states: list[str | None] = []
    for ev in events:
        d = ev.date
        m = ev.membership
        if m is not None:
            if m.status not in ALLOWED[status.get(m.state)]:
                found.append(("membership.transition", ev.id))
            status[m.state] = m.status
            continue
        o = ev.office
        if o is not None:
            if o.role != "secretary_general":
                holders[(o.state, o.role)] = (o.person, o.acting)
            continue
        if ev.seat is not None:
            seat_roles[ev.seat.state] = ev.seat.role
            continue
        s = ev.session
        if s is None:
            continue
        in13 = d >= CHARTER
        # presidency on d (series: the latest entry on or before d)
        pres = None
        if pres_days:
            if d >= pres_days[-1]:
                pres = pres_states[-1]
                has_pres = True
            else:
                i = len(pres_days) - 1
                while i >= 0 and pres_days[i] > d:
                    i -= 1
                has_pres = i >= 0
                pres = pres_states[i] if has_pres else None
        else:
            has_pres = False
        parts = s.participants
        if parts is not None:
            for p in parts:
                if (
                    p.state is not None
                    and p.capacity in FOR_MEMBER
                    and status.get(p.state) not in GOOD
                ):
                    found.append(("membership.good-standing", ev.id))
            if in13:
                taken = set()
                for p in parts:
                    cap = p.capacity
                    if cap in SEATCAP:
                        st = p.state
                        if st is None:
                            continue
                        if st in taken:
                            found.append(("art13.seat", ev.id))
                            continue
                        taken.add(st)
                        h = holders.get((st, cap))
                        if (
                            h is not None
                            and p.person is not None
                            and h[0] == p.person
                            and (cap == "head_of_state" or d >= HOG)
                        ):
                            continue
                        if status.get(st) not in GOOD:
                            continue
                        if p.person is None or h is None:  # not named, or no holder recorded
                            unknowns.append(ev.id)
                        elif h[0] != p.person:  # vacant, or another holder
                            found.append(("art13.seat", ev.id))
                        if cap == "head_of_government" and d < HOG:
                            found.append(("art13.seat", ev.id))
                    elif cap == "other":
                        found.append(("art13.attendance", ev.id))
                    elif cap in OFFCAP and p.state is not None and status.get(p.state) in GOOD:
                        h = holders.get((p.state, cap))
                        if h is None:  # no holder recorded: the claim cannot be confirmed
                            unknowns.append(ev.id)
                        elif p.person is not None and h[0] != p.person:  # vacant, or another
                            found.append(("art13.attendance", ev.id))
        if in13:
            chair = s.chair
            if chair is not None and (chair.person is not None or chair.state is not None):
                state = pres if has_pres else (s.host if s.kind == "regular" else None)
                if state is not None:
                    person = None
                    for p in parts or ():
                        if p.state == state and p.capacity in SEATCAP and p.person:
                            person = p.person
                            break
                    else:
                        h = holders.get((state, seat_roles.get(state, "head_of_state")))
                        person = h[0] if h is not None else None
                    if (chair.state is not None and chair.state != state) or (
                        chair.person is not None and person is not None and chair.person != person
                    ):
                        found.append(("art13.chair", ev.id))
            if s.kind == "regular":
                if has_pres and pres is not None and s.host is not None and s.host != pres:
                    found.append(("art13.host", ev.id))
                passes = [x for x in s.decisions if x.kind == "pass_chairmanship" and x.adopted]
                if not passes:
                    found.append(("art13.tenure", ev.id))
                found.extend(("art13.tenure", ev.id) for _ in passes[1:])
                for x in passes:
                    if x.effective is not None and x.effective < d:
                        found.append(("art13.tenure", ev.id))
                    if x.to is not None and status.get(x.to) != "member":
                        found.append(("art13.tenure", ev.id))
            elif any(x.kind == "pass_chairmanship" and x.adopted for x in s.decisions):
                found.append(("art13.tenure", ev.id))
            for x in s.decisions:
                if x.adopted and x.objected:
                    found.append(("art12.consensus", ev.id))
        if d >= ROTATION:
            for x in s.decisions:
                if (
                    x.kind == "pass_chairmanship"
                    and x.adopted
                    and x.to is not None
                    and has_pres
                    and pres is not None
                ):
                    mark = rotation_key(pres)
                    cands = [
                        (rotation_key(st), st)
                        for st, v in status.items()
                        if st != pres and v == "member"
                    ]
                    after = [c for c in cands if c[0] > mark]
                    if cands and min(after or cands)[1] != x.to:
                        found.append(("practice.rotation", ev.id))
        # fold the handovers (drop changes filed after today, then file this one)
        for x in s.decisions:
            if x.kind == "pass_chairmanship" and x.adopted:
                while pres_days and pres_days[-1] > d:
                    pres_days.pop()
                    pres_states.pop()
                eff = x.effective or d
                i = len(pres_days)
                while i > 0 and pres_days[i - 1] > eff:
                    i -= 1
                pres_days.insert(i, eff)
                pres_states.insert(i, x.to)
    return found


def main(argv: list[str]) -> int:
    """Decode and check one JSON history; print the times and counts as one JSON line."""
    if len(argv) != 1:
        print("usage: plain_loop.py FILE.json", file=sys.stderr)
        return 2
    try:
        text = Path(argv[0]).read_bytes()
    except OSError as error:
        print(f"{argv[0]}: cannot read ({error.strerror})", file=sys.stderr)
        return 2
    decoder = msgspec.json.Decoder(Scenario)
    gc.disable()
    t0 = time.perf_counter()
    try:
        scenario = decoder.decode(text)
    except msgspec.MsgspecError as error:
        print(f"{argv[0]}: not a history the plain loop can read ({error})", file=sys.stderr)
        return 2
    t1 = time.perf_counter()
    unknowns: list[str] = []
    found = check(scenario.events, unknowns)
    t2 = time.perf_counter()
    print(
        json.dumps(
            {
                "decode": t1 - t0,
                "loop": t2 - t1,
                "total": t2 - t0,
                "events": len(scenario.events),
                "violations": len(found),
                "unknowns": len(unknowns),
                "sample": found[:5],
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
