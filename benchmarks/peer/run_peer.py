"""Check a history with the clingo encoding; print what it finds and where the time went.

    python benchmarks/peer/run_peer.py FILE [--json] [--rss]

Phases (seconds, perf_counter): ``read`` (JSON or YAML into dicts), ``convert`` (dicts
to fact text), ``clingo_parse`` (clingo reads the encoding and the facts), ``ground``,
``solve`` (the search and reading the answer set); ``ground+solve`` is the peer's own
reasoning and ``total`` everything after the imports. ``--json`` prints one JSON object
(violations, unknowns, times) on stdout; ``--rss`` adds the peak resident memory. It
checks the file's own events, with no baseline (``agree.py`` handles baselines). Exit
status: 1 when an error is found, 2 for a file it cannot read, else 0.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import clingo
import yaml

HERE = Path(__file__).resolve().parent
ENCODING = HERE / "charter.lp"
sys.path.insert(0, str(HERE))
from tofacts import facts, read_events  # noqa: E402

Found = dict[str, Any]

WHERE = {
    "membership": "membership",
    "office": "office",
    "session_chair": "session.chair",
    "session_host": "session.host",
    "session_decisions": "session.decisions",
}


def where_text(term: clingo.Symbol) -> str:
    """The encoding's where-term as charter writes the path."""
    if term.type is clingo.SymbolType.Function and not term.arguments:
        return WHERE[term.name]
    name, args = term.name, term.arguments
    if name == "d":
        k = args[0].number
        base = "decision" if k == -1 else f"session.decisions[{k}]"
        return base if len(args) == 1 else f"{base}.{args[1].name}"
    if name == "p":
        base = f"session.participants[{args[0].number}]"
        return base if len(args) == 1 else f"{base}.{args[1].name}"
    raise ValueError(f"unexpected where-term {term}")


def solve_facts(fact_text: str) -> tuple[list[Found], list[Found], dict[str, float]]:
    """Ground and solve; the violations and unknowns found, and the phase times."""
    times: dict[str, float] = {}
    t = time.perf_counter()
    ctl = clingo.Control(["--warn=none"])
    ctl.load(str(ENCODING))
    ctl.add("base", [], fact_text)
    times["clingo_parse"] = time.perf_counter() - t
    t = time.perf_counter()
    ctl.ground([("base", [])])
    times["ground"] = time.perf_counter() - t
    t = time.perf_counter()
    shown: list[clingo.Symbol] = []
    result = ctl.solve(on_model=lambda model: shown.extend(model.symbols(shown=True)))
    if not result.satisfiable:
        raise RuntimeError("the program has no answer set (a bug in the encoding)")
    violations: list[Found] = []
    unknowns: list[Found] = []
    for atom in shown:
        args = atom.arguments
        if atom.name == "viol":
            violations.append(
                {
                    "rule": args[0].string,
                    "index": args[1].number,
                    "severity": args[2].name,
                    "where": where_text(args[3]),
                    "code": args[4].name,
                }
            )
        else:
            unknowns.append(
                {
                    "rule": args[0].string,
                    "index": args[1].number,
                    "where": where_text(args[2]),
                    "code": args[3].name,
                }
            )
    times["solve"] = time.perf_counter() - t
    times["atoms"] = len(ctl.symbolic_atoms)
    return violations, unknowns, times


def main(argv: list[str]) -> int:
    """Check one file; findings on stdout, phase times on stderr (or all as JSON)."""
    paths = [arg for arg in argv if not arg.startswith("--")]
    if len(paths) != 1:
        print("usage: run_peer.py FILE [--json] [--rss]", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    try:
        events = read_events(paths[0])
    except (OSError, ValueError, KeyError, TypeError, yaml.YAMLError) as error:
        print(
            f"{paths[0]}: cannot read a history ({' '.join(str(error).split())})", file=sys.stderr
        )
        return 2
    t1 = time.perf_counter()
    text = "\n".join(facts(events))
    t2 = time.perf_counter()
    violations, unknowns, phases = solve_facts(text)
    total = time.perf_counter() - t0
    times: dict[str, float] = {
        "read": t1 - t0,
        "convert": t2 - t1,
        **phases,
        "ground+solve": phases["ground"] + phases["solve"],
        "total": total,
        "events": len(events),
        "fact_bytes": len(text),
    }
    if "--rss" in argv:
        times["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ids = {i: e["id"] for i, e in enumerate(events, 1)}
    for found in violations + unknowns:
        found["event"] = ids[found.pop("index")]
    if "--json" in argv:
        print(json.dumps({"violations": violations, "unknowns": unknowns, "times": times}))
    else:
        for v in violations:
            print(f"{v['rule']} {v['severity']} at {v['event']} {v['where']}: {v['code']}")
        for u in unknowns:
            print(f"unknown {u['rule']} at {u['event']} {u['where']}: {u['code']}")
        print(json.dumps(times), file=sys.stderr)
    return 1 if any(v["severity"] == "error" for v in violations) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
