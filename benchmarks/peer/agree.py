"""Charter's findings against the clingo encoding's, file by file.

    python benchmarks/peer/agree.py [FILE_OR_FOLDER...] [--out FILE.json]

Run from the project root with charter installed (it is the reference). With no file or
folder it checks ``scenarios/``. ``--out`` writes the per-file results as JSON; the
summary goes to stdout. Exit status 1 when any file disagrees.

Each file is loaded by charter, so both sides see the same parsed events, and replayed
by charter (``check_session`` for a proposal). Its baseline events come first in the
facts, marked unchecked. Violations are compared as multisets of (rule, event,
severity, where); unknowns as multisets of (rule, event), since charter's unknown
facts carry no path.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import charter
from charter.engine import baseline_events

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_peer import solve_facts
from tofacts import facts

Key = tuple[str, ...]


def load(path: Path) -> charter.Scenario | charter.Proposal:
    """A scenario, or else a proposal (the same file read by charter's public loaders)."""
    try:
        return charter.load_scenario(path)
    except charter.ScenarioError as first:
        try:
            return charter.load_proposal(path)
        except charter.ScenarioError:
            raise first from None


def findings(
    report: charter.ScenarioReport,
    peer: tuple[list[dict[str, Any]], list[dict[str, Any]]],
    ids: dict[int, str],
) -> tuple[Counter[Key], Counter[Key], Counter[Key], Counter[Key]]:
    """Charter's and the peer's violations and unknowns, as comparable multisets."""
    pv, pu = peer
    ours: Counter[Key] = Counter(
        (v.rule, v.event, v.severity.value, v.where) for v in report.violations
    )
    theirs: Counter[Key] = Counter(
        (v["rule"], ids[v["index"]], v["severity"], v["where"]) for v in pv
    )
    ours_u: Counter[Key] = Counter((u.rule, u.event) for u in report.unknowns)
    theirs_u: Counter[Key] = Counter((u["rule"], ids[u["index"]]) for u in pu)
    return ours, theirs, ours_u, theirs_u


def compare(path: Path) -> dict[str, Any]:
    """One file: both sides' counts, and what only one of them found."""
    loaded = load(path)
    if isinstance(loaded, charter.Proposal):
        report = charter.check_session(loaded)
        own = [loaded.as_event()]
    else:
        report = charter.replay(loaded)
        own = list(loaded.events)
    base = baseline_events(loaded.history_baseline)
    dicts = [e.model_dump(mode="json") for e in (*base, *own)]
    ids = {i: d["id"] for i, d in enumerate(dicts, 1)}
    pv, pu, _ = solve_facts("\n".join(facts(dicts, checked_from=len(base))))
    ours, theirs, ours_u, theirs_u = findings(report, (pv, pu), ids)
    return {
        "file": str(path),
        "events": len(dicts),
        "charter_violations": ours.total(),
        "peer_violations": theirs.total(),
        "charter_unknowns": ours_u.total(),
        "peer_unknowns": theirs_u.total(),
        "agree": ours == theirs and ours_u == theirs_u,
        "only_charter": sorted((ours - theirs).elements()) + sorted((ours_u - theirs_u).elements()),
        "only_peer": sorted((theirs - ours).elements()) + sorted((theirs_u - ours_u).elements()),
        "rules": sorted({key[0] for key in ours}),
    }


def main(argv: list[str]) -> int:
    """Compare every file named (or under ``scenarios/``); 0 when all agree."""
    argv = list(argv)
    out = None
    if "--out" in argv:
        at = argv.index("--out")
        if at + 1 >= len(argv):
            print("--out needs a file name", file=sys.stderr)
            return 2
        out = Path(argv[at + 1])
        del argv[at : at + 2]
    files: list[Path] = []
    for name in argv or ["scenarios"]:
        p = Path(name)
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.suffix in (".yaml", ".json", ".jsonl"))
        elif p.is_file():
            files.append(p)
        else:
            print(f"{name}: no such file or folder", file=sys.stderr)
            return 2
    results = [compare(f) for f in files]
    for r in results:
        mark = "AGREE" if r["agree"] else "DIFFER"
        print(
            f"{mark} {r['file']}: {r['events']} events, violations charter {r['charter_violations']} "
            f"peer {r['peer_violations']}, unknowns charter {r['charter_unknowns']} "
            f"peer {r['peer_unknowns']} {r['rules']}"
        )
        if not r["agree"]:
            print("   only charter:", r["only_charter"])
            print("   only peer:   ", r["only_peer"])
    agreed = sum(r["agree"] for r in results)
    print(f"{agreed}/{len(results)} files agree")
    if out is not None:
        out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0 if agreed == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
