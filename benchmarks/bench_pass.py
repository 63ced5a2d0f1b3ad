"""The in-process replay taken apart, timed without a profiler: what each part costs per event.

Used by ``bench_peer.py`` (``make bench``). One fresh process loads a generated JSON
history and times, each with the collector paused and as the median of a few rounds:
the duplicate-key parse, pydantic's validation (the floor), the loading checks, the fold
alone (every event folded, no rule asked), the fold with the rules, and each rule alone.
It also counts the pydantic field reads the rule pass makes, and times what a read costs
on a model and on a plain object, and what it costs to copy the fields the rules read into
plain tuples: a pass on plain values would save the first and pay the second.
From these it works out the ratio to the floor that replay would reach with no rule at all,
which bounds how close to the floor any rule pass can bring it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

READ_COST = r"""
# What one read of a field costs: on a pydantic model, and on a plain object.
import timeit
from charter.engine.model import Participant
class Plain:
    def __init__(self):
        self.state = "ARM"
model, plain = Participant(state="ARM", capacity="head_of_state", person="A"), Plain()
def read_ns(statement):
    return min(timeit.repeat(statement, globals=globals(), number=300_000, repeat=5)) / 300_000 * 1e9
field_ns, plain_ns = read_ns("model.state"), read_ns("plain.state")
"""
"""A child script's lines that set ``field_ns`` and ``plain_ns`` (``bench.py``'s profile uses them too)."""

CHILD = (
    r"""
import gc, json, statistics, sys, time, timeit
import charter
from charter.engine.model import Frozen
from charter.engine.packs import get_rulebook
from charter.engine.replaying import baseline_timeline, run_rules
from charter.files._formats import _validated
from charter.files._jsontext import parse_json
from charter.files._read import Limits, read_text
from charter.files.located import consistent
from charter.files.scenario import Scenario

path, rounds = sys.argv[1], int(sys.argv[2])
limits = Limits()
text = read_text(path, limits)
scenario = charter.load_scenario(path)
events, origin = scenario.events, scenario.origin
registry = get_rulebook(scenario.rulebook).rules
n = len(events)

def fresh():
    return baseline_timeline(scenario.history_baseline, rulebook=scenario.rulebook)

def fold():
    timeline = fresh()
    for event in events:
        timeline.apply(event, origin)

def rules_applied(event):
    session = event.session
    kind = ("session", bool(session.decisions)) if session is not None else (event.kind, event.decides)
    return registry.rules_for(event.date, kind[0], deciding=kind[1])

def each_rule():
    clock, spent, counted, timeline = time.perf_counter, {}, {}, fresh()
    for event in events:
        for rule in rules_applied(event):
            start = clock()
            for _ in rule.check(event, timeline):
                pass
            stop = clock()
            spent[rule.id] = spent.get(rule.id, 0.0) + stop - start
            counted[rule.id] = counted.get(rule.id, 0) + 1
        timeline.apply(event, origin)
    return spent, counted

def nothing(event, world):
    return
    yield

def empty_rules(calls_per_event):
    clock, spent, timeline = time.perf_counter, 0.0, fresh()
    for event in events:
        for _ in range(calls_per_event):
            start = clock()
            for _ in nothing(event, timeline):
                pass
            stop = clock()
            spent += stop - start
    return spent

def timer_only(count):
    clock, spent = time.perf_counter, 0.0
    for _ in range(count):
        start = clock()
        stop = clock()
        spent += stop - start
    return spent

def timed(work):
    runs = []
    for _ in range(rounds):
        gc.disable()
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(runs)

def plain_copy():
    out = []
    for event in events:
        session = event.session
        if session is None:
            out.append((event.id, event.date, None))
            continue
        chair = session.chair
        out.append((
            event.id, event.date, session.kind, session.host, session.decisions,
            (chair.person, chair.state) if chair is not None else None,
            tuple((p.capacity, p.state, p.person) for p in session.participants or ()),
        ))
    return out

seconds = {
    "parse": timed(lambda: parse_json(path, text, limits, validated=True)),
    "validate": timed(lambda: Scenario.model_validate_json(text)),
    "validated": timed(lambda: _validated(Scenario, text)),  # as loading does it
    "consistent": timed(lambda: consistent(scenario)),
    "load": timed(lambda: charter.load_scenario(path)),
    "fold": timed(fold),
    "pass": timed(lambda: run_rules(events, fresh(), origin, False, registry)),
    "plain copy": timed(plain_copy),
}
gc.disable()
spent, counted = each_rule()
calls = sum(counted.values())
timer = timer_only(calls) / calls
per_event = max(1, round(calls / n))
empty = max(0.0, empty_rules(per_event) / (n * per_event) - timer)
gc.enable()
reads = 0
def counting(self, name, read=object.__getattribute__):
    global reads
    if name in type(self).model_fields:  # a field, not a method or a property
        reads += 1
    return read(self, name)
Frozen.__getattribute__ = counting
run_rules(events, fresh(), origin, False, registry)
with_fold = reads
reads = 0
fold()
del Frozen.__getattribute__
reads = with_fold - reads  # the rules' reads, the fold's taken out
"""
    + READ_COST
    + r"""
print(json.dumps({
    "events": n,
    "rounds": rounds,
    "seconds": seconds,
    # each rule's time less the clock's own cost, which timing it one call at a time adds
    "rules": {rule: max(0.0, total - timer * counted[rule]) for rule, total in spent.items()},
    "rule calls": calls,
    "timer s": timer,
    "empty rule s": empty,
    "reads": reads,
    "field ns": field_ns,
    "plain ns": plain_ns,
}))
"""
)


def measure(path: Path, rounds: int = 3) -> dict[str, Any]:
    """The parts of an in-process replay of the JSON history at ``path``, from a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(rounds)],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def render(found: dict[str, Any]) -> list[str]:
    """The section of ``docs/performance.md`` on the rule pass, in µs per event."""
    n, s = found["events"], found["seconds"]

    def us(seconds: float) -> str:
        return f"{seconds / n * 1e6:.2f}"

    rules = s["pass"] - s["fold"]
    dispatch = found["empty rule s"] * found["rule calls"]
    saving = found["reads"] * (found["field ns"] - found["plain ns"]) * 1e-9
    # What loading does beside the three parts: small, and as each part is a median of its
    # own rounds, it can come out below zero; it is shown as nothing then.
    rest = max(0.0, s["load"] - s["parse"] - s["validated"] - s["consistent"])
    no_rules = (s["load"] + s["fold"]) / s["validate"]
    now = (s["load"] + s["pass"]) / s["validate"]
    out = [
        "",
        "### The rule pass, taken apart",
        "",
        f"One process, the {n:,}-event JSON history, each part timed on its own with the",
        f"collector paused (medians of {found['rounds']} rounds; `benchmarks/bench_pass.py`).",
        "No profiler: the parts of `load_scenario` add up to it, and the fold and the rules to the",
        "replay. The floor is the pydantic floor of the tables above; loading validates the",
        "same text with the rulebook's words checked as they are read, which costs less than",
        "the floor's check of them afterwards.",
        "",
        "| part | µs per event |",
        "| --- | ---: |",
        f"| the pydantic floor (`Scenario.model_validate_json`) | {us(s['validate'])} |",
        f"| `load_scenario` in all | {us(s['load'])} |",
        f"| of which reading the text for duplicate keys and limits (Python's JSON parser) | "
        f"{us(s['parse'])} |",
        f"| of which validating the text into the models | {us(s['validated'])} |",
        f"| of which loading checks (order, unique ids, terms) | {us(s['consistent'])} |",
        f"| of which the rest (reading the file, locating) | {us(rest)} |",
        f"| folding every event into the timeline, no rule asked | {us(s['fold'])} |",
        f"| the rules (replay's pass less the fold) | {us(rules)} |",
        f"| of which calling rules that find nothing ({found['rule calls'] / n:.1f} calls "
        f"per event) | {us(dispatch)} |",
        "",
        "Each rule on its own, from one pass (µs per event, the clock's own cost taken out):",
        "",
        "| rule | µs per event |",
        "| --- | ---: |",
    ]
    for rule, seconds in sorted(found["rules"].items(), key=lambda item: -item[1]):
        out.append(f"| `{rule}` | {us(seconds)} |")
    out += [
        "",
        f"- **A pass on plain values.** The rules read {found['reads'] / n:.0f} model "
        f"fields per event (the fold's reads left out). A read costs {found['field ns']:.0f} ns on a pydantic model and "
        f"{found['plain ns']:.0f} ns on a plain object, so plain values would save at most "
        f"{us(saving)} µs per event. Copying the fields the rules read into plain tuples "
        f"costs {us(s['plain copy'])} µs per event, and a pass on plain values must pay that "
        "first, since the models are what the boundary validates.",
        f"- **The bound.** With no rule at all (`load_scenario` and the fold alone), the "
        f"in-process replay would take {no_rules:.2f}x the floor. With the rules it takes "
        f"{now:.2f}x in this process. To stay within 1.5x, the rules would have to cost at most "
        f"{us(max(0.0, 1.5 * s['validate'] - s['load'] - s['fold']))} µs per event: they cost "
        f"{us(rules)}.",
    ]
    return out


def main() -> int:
    """The section alone, for a history given on the command line."""
    found = measure(Path(sys.argv[1]))
    print("\n".join(render(found)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
