"""Charter beside the clingo peer and the floors, start-up, and import time (``make bench``).

``bench.py`` calls :func:`measure` and puts :func:`render` and :func:`render_profile`
into docs/performance.md. On the same generated JSON histories it runs, in fresh
processes and in a shuffled order each round:

- whole process: ``charter replay FILE --format json`` against the peer
  (``peer/run_peer.py``: read, convert to facts, ground, solve), wall-clock;
- in process (imports untimed): charter's ``load_scenario`` + ``replay``, the pydantic
  floor (``Scenario.model_validate_json`` of the text already read, gc paused), the
  plain-loop floor (``peer/plain_loop.py``: msgspec decode + one loop), and the
  peer's own total after its imports.

Then ``charter check`` of one shipped proposal against ``python -c "import pydantic,
yaml"``, interleaved, and the import time per module of that ``charter check``
(``python -X importtime``, medians over a few runs), and the in-process replay of
the 10k history taken apart without a profiler (``bench_pass.py``: each part and each
rule per event, and the ratio to the floor with no rule at all). Ratios are medians of
each round's own ratio. Without clingo (or msgspec) the peer (or the plain loop) is skipped, with
one line saying so.

    python benchmarks/bench_peer.py --quick     # this part alone, one small size
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import bench_pass
import bench_profile

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT / "benchmarks" / "peer"
PYTHON = sys.executable
CHARTER = str(Path(PYTHON).with_name("charter"))
PROPOSAL = ROOT / "scenarios" / "proposals" / "moscow-2026-valid.yaml"
BARE = 'python -c "import pydantic, yaml"'
# The least a command that validates its input with pydantic can cost: the bare imports,
# one model class, and one validation (which builds that class's validator).
ONE_MODEL = "import pydantic, yaml\nclass One(pydantic.BaseModel):\n    x: int\nOne(x=1)\n"

# In process, imports untimed: charter's load + replay, or the pydantic floor.
CHILD = r"""
import gc, json, os, sys, tempfile, time
import charter
mode, path = sys.argv[1], sys.argv[2]
validate, load, replay = charter.Scenario.model_validate_json, charter.load_scenario, charter.replay
# Warm up on the file's first events, so that what loads on first use is not timed either.
head = json.dumps({"events": json.load(open(path, encoding="utf-8"))["events"][:40]})
with tempfile.TemporaryDirectory() as scratch:
    warm = os.path.join(scratch, "warm.json")
    with open(warm, "w", encoding="utf-8") as stream:
        stream.write(head)
    validate(head)
    replay(load(warm))
text = open(path, encoding="utf-8").read() if mode == "floor" else None
if mode == "floor":
    gc.disable()  # the floor at its best: charter's replay pauses the collector too
start = time.perf_counter()
if mode == "floor":
    validate(text)
else:
    report = replay(load(path))
    assert report.ok and not report.violations, "a generated history must be clean"
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds}))
"""


def available(module: str) -> bool:
    """Whether ``module`` can be imported by the benchmark's interpreter."""
    return importlib.util.find_spec(module) is not None


def _timed(command: list[str]) -> tuple[float, str]:
    """Wall-clock seconds of a whole command that must succeed, and its last stdout line."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
    lines = done.stdout.strip().splitlines()
    return seconds, lines[-1] if lines else ""


def _one(name: str, path: Path) -> dict[str, float]:
    """One measurement of ``name`` on ``path`` in a fresh process."""
    if name == "charter whole":
        seconds, _ = _timed([CHARTER, "replay", str(path), "--format", "json"])
        return {"seconds": seconds}
    if name == "peer":
        seconds, last = _timed([PYTHON, str(PEER / "run_peer.py"), str(path), "--json", "--rss"])
        got = json.loads(last)
        if got["violations"] or got["unknowns"]:
            raise SystemExit(f"the peer finds {got['violations'][:3]} in {path}")
        times: dict[str, float] = got["times"]
        return {"seconds": seconds} | times
    if name == "loop":
        _, last = _timed([PYTHON, str(PEER / "plain_loop.py"), str(path)])
        got = json.loads(last)
        if got["violations"] or got["unknowns"]:
            raise SystemExit(f"the plain loop finds {got['sample']} in {path}")
        return {"seconds": got["total"]}
    _, last = _timed([PYTHON, "-c", CHILD, name, str(path)])
    return {"seconds": json.loads(last)["seconds"]}


def _median(rounds: list[dict[str, dict[str, float]]], name: str, key: str = "seconds") -> float:
    return float(statistics.median(found[name][key] for found in rounds))


def _ratio(rounds: list[dict[str, dict[str, float]]], top: str, bottom: str) -> float:
    """The median of each round's own ``top / bottom``."""
    return float(
        statistics.median(found[top]["seconds"] / found[bottom]["seconds"] for found in rounds)
    )


def side_by_side(path: Path, events: int, rounds: int, rng: random.Random) -> dict[str, Any]:
    """Every side on one history, ``rounds`` interleaved rounds in a shuffled order."""
    names = ["charter whole", "charter", "floor"]
    names += ["peer"] if available("clingo") else []
    names += ["loop"] if available("msgspec") else []
    found: list[dict[str, dict[str, float]]] = []
    for _ in range(rounds):
        order = list(names)
        rng.shuffle(order)
        found.append({name: _one(name, path) for name in order})
    row: dict[str, Any] = {"events": events, "rounds": rounds}
    for name in names:
        row[name] = _median(found, name)
    row["charter / floor"] = _ratio(found, "charter", "floor")
    if "peer" in names:
        row["peer in process"] = _median(found, "peer", "total")
        row["peer ground+solve"] = _median(found, "peer", "ground+solve")
        row["peer rss MiB"] = max(f["peer"]["rss_mib"] for f in found)
        row["peer whole / charter whole"] = _ratio(found, "peer", "charter whole")
        row["peer in process / charter"] = float(
            statistics.median(f["peer"]["total"] / f["charter"]["seconds"] for f in found)
        )
    if "loop" in names:
        row["charter / loop"] = _ratio(found, "charter", "loop")
    print(json.dumps(row), flush=True)
    return row


def startup(rounds: int) -> dict[str, float]:
    """``charter check`` of a shipped proposal against importing pydantic and yaml."""
    commands = {
        "check": [CHARTER, "check", str(PROPOSAL)],
        "bare": [PYTHON, "-c", "import pydantic, yaml"],
        "one model": [PYTHON, "-c", ONE_MODEL],
    }
    runs: dict[str, list[float]] = {name: [] for name in commands}
    ratios, floors = [], []
    for _ in range(rounds):
        for name, command in commands.items():
            runs[name].append(_timed(command)[0])
        ratios.append(runs["check"][-1] / runs["bare"][-1])
        floors.append(runs["one model"][-1] / runs["bare"][-1])
    return {
        "check": statistics.median(runs["check"]),
        "bare": statistics.median(runs["bare"]),
        "one model": statistics.median(runs["one model"]),
        "ratio": statistics.median(ratios),
        "one model ratio": statistics.median(floors),
    }


def import_times(runs: int, top: int = 15) -> list[dict[str, Any]]:
    """The modules ``charter check`` imports, by median cumulative import time (µs)."""
    per_module: dict[str, list[tuple[int, int]]] = {}
    for _ in range(runs):
        done = subprocess.run(
            [PYTHON, "-X", "importtime", CHARTER, "check", str(PROPOSAL)],
            capture_output=True,
            text=True,
            check=True,
        )
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "cumulative" in line:
                continue
            own, cumulative, name = line[len("import time:") :].split("|")
            per_module.setdefault(name.strip(), []).append((int(own), int(cumulative)))
    medians = sorted(
        (
            statistics.median(cumulative for _, cumulative in found),
            statistics.median(own for own, _ in found),
            module,
        )
        for module, found in per_module.items()
    )
    return [
        {"module": module, "own_us": own, "cumulative_us": cumulative}
        for cumulative, own, module in reversed(medians[-top:])
    ]


def measure(
    histories: dict[int, tuple[Path, int]], rounds: dict[int, int], quick: bool
) -> dict[str, Any]:
    """Everything this part of the benchmark reports, as one dict for :func:`render`."""
    if not available("clingo"):
        print("peer skipped: clingo is not installed (pip install -e '.[bench]')", flush=True)
    if not available("msgspec"):
        print("plain loop skipped: msgspec is not installed (pip install -e '.[bench]')")
    rng = random.Random(3)
    rows = [
        side_by_side(path, events, rounds[size], rng)
        for size, (path, events) in sorted(histories.items())
    ]
    check = startup(5 if quick else 15)
    print(json.dumps({"charter check": check}), flush=True)
    imports = import_times(2 if quick else 5)
    smallest = min(histories)
    profile = bench_profile.profile(
        CHARTER, PROPOSAL, histories[smallest][0], histories.get(10_000, histories[smallest])
    )
    parts = bench_pass.measure(histories.get(10_000, histories[smallest])[0])
    print(json.dumps({"rule pass": parts["seconds"]}), flush=True)
    return {"rows": rows, "check": check, "imports": imports, "profile": profile, "pass": parts}


def _pct(value: float, limit: float, *, at_most: bool = True) -> str:
    """How far ``value`` is from ``limit``: met, or by how much it misses."""
    if (value <= limit) if at_most else (value >= limit):
        return "yes"
    over = value / limit - 1 if at_most else limit / value - 1
    return f"no: {over:.0%} {'over' if at_most else 'short'}"


def targets(found: dict[str, Any]) -> list[str]:
    """The issue's targets that this part measures: one table row each."""
    out = []
    check = found["check"]
    out.append(
        f"| `charter check` of one proposal at most 2x `{BARE}` | {check['ratio']:.2f}x "
        f"({check['check']:.3f} s against {check['bare']:.3f} s) | {_pct(check['ratio'], 2.0)} |"
    )
    out.append(
        f"| (floor of any pydantic-validated command: the bare imports, one model, one "
        f"validation) | {check['one model ratio']:.2f}x ({check['one model']:.3f} s) | - |"
    )
    for row in found["rows"]:
        if "peer whole / charter whole" not in row:
            continue
        if row["events"] < 5_000:
            limit, words = 1.0, "at least as fast as the peer"
        elif row["events"] > 50_000:
            limit, words = 10.0, "at least 10x faster than the peer"
        else:
            continue
        ratio = row["peer whole / charter whole"]
        out.append(
            f"| whole-process replay {words} at {row['events']:,} events | peer / charter "
            f"{ratio:.2f}x ({row['peer']:.2f} s against {row['charter whole']:.2f} s) | "
            f"{_pct(ratio, limit, at_most=False)} |"
        )
    for row in found["rows"]:
        if row["events"] < 5_000:
            continue
        ratio = row["charter / floor"]
        out.append(
            f"| in-process replay at most 1.5x the pydantic floor at {row['events']:,} | "
            f"{ratio:.2f}x | {_pct(ratio, 1.5)} |"
        )
        if "charter / loop" in row:
            ratio = row["charter / loop"]
            out.append(
                f"| in-process replay at most 2.5x the plain loop at {row['events']:,} | "
                f"{ratio:.2f}x | {_pct(ratio, 2.5)} |"
            )
    return out


def bounds(found: dict[str, Any]) -> list[str]:
    """What bounds each target missed, worked out from the same run's figures."""
    check, rows = found["check"], found["rows"]
    out = [
        "",
        "What bounds the targets missed, from the figures above:",
        "",
        f"- `charter check`: the bare imports with one pydantic model validated once already take "
        f"{check['one model ratio']:.2f}x the bare imports; charter's own modules and its check "
        f"add the rest ({check['check'] - check['one model']:.3f} s).",
    ]
    for row in rows:
        if "peer" not in row:
            continue
        startup = row["charter whole"] - row["charter"]
        line = (
            f"- {row['events']:,} events: charter's start-up (its whole run less the work in "
            f"process) is {startup:.3f} s, against the peer's whole run of {row['peer']:.3f} s"
        )
        # Replaying cannot cost less than validating the same file: the peer's whole run over
        # the floor is the most any replay through pydantic could beat the peer by.
        line += (
            "; validating the file through pydantic and nothing else (the floor) would be "
            f"{row['peer'] / row['floor']:.1f}x faster than the peer's whole run"
        )
        if "loop" in row:
            line += f", and takes {row['floor'] / row['loop']:.1f}x the plain loop's time"
        out.append(line + ".")
    return out


def render(found: dict[str, Any]) -> list[str]:
    """The section on the peer, the floors and start-up."""
    rows = found["rows"]
    peer = any("peer" in row for row in rows)
    loop = any("loop" in row for row in rows)
    out = [
        "",
        "## Beside the answer-set peer and the floors",
        "",
        "The same generated JSON histories, each side in a fresh process, the order shuffled",
        "every round; seconds are medians, ratios the medians of each round's own ratio.",
        "Whole process is wall-clock from start to exit: `charter replay FILE --format json`",
        "against the clingo peer (`benchmarks/peer/run_peer.py`: read, convert to facts,",
        "ground, solve). In process leaves the imports out: charter's `load_scenario` +",
        "`replay`, the pydantic floor (`Scenario.model_validate_json` of the text already read,",
        "collector paused), and the plain-loop floor (msgspec's validating decode into typed",
        "Structs and one loop doing the same checks, `benchmarks/peer/plain_loop.py`).",
        "",
    ]
    if not peer:
        out += ["The peer was skipped: clingo is not installed (`pip install -e '.[bench]'`).", ""]
    if not loop:
        out += ["The plain loop was skipped: msgspec is not installed.", ""]
    head = "| events | rounds | charter whole s | peer whole s | peer / charter (whole) |"
    head += " charter in process s | pydantic floor s | plain loop s | peer in process s |"
    head += " charter / floor | charter / loop | peer / charter (in process) | peer RSS MiB |"
    out += [head, "| ---: " * 13 + "|"]

    def cell(row: dict[str, Any], key: str, form: str) -> str:
        return format(row[key], form) if key in row else "skipped"

    for row in rows:
        out.append(
            f"| {row['events']:,} | {row['rounds']} | {row['charter whole']:.3f} | "
            f"{cell(row, 'peer', '.3f')} | {cell(row, 'peer whole / charter whole', '.2f')} | "
            f"{row['charter']:.3f} | {row['floor']:.3f} | {cell(row, 'loop', '.3f')} | "
            f"{cell(row, 'peer in process', '.3f')} | {row['charter / floor']:.2f} | "
            f"{cell(row, 'charter / loop', '.2f')} | "
            f"{cell(row, 'peer in process / charter', '.2f')} | {cell(row, 'peer rss MiB', '.0f')} |"
        )
    check = found["check"]
    out += [
        "",
        f"`charter check {PROPOSAL.relative_to(ROOT)}`, whole process: {check['check']:.3f} s;",
        f"`{BARE}`: {check['bare']:.3f} s; ratio {check['ratio']:.2f}x (interleaved runs).",
        f"The same imports with one pydantic model defined and validated once: "
        f"{check['one model']:.3f} s ({check['one model ratio']:.2f}x), the least any command",
        "that validates its input through pydantic can cost.",
        "",
        "### Targets of the start-up and rule-pass work",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
        *targets(found),
        *bounds(found),
        *(bench_pass.render(found["pass"]) if "pass" in found else []),
        "",
        "### Import time of `charter check`",
        "",
        "`python -X importtime`, medians over the runs; the 15 modules with the largest",
        "cumulative time (a package's time includes what it imports):",
        "",
        "| module | cumulative ms | own ms |",
        "| --- | ---: | ---: |",
    ]
    for row in found["imports"]:
        out.append(
            f"| `{row['module']}` | {row['cumulative_us'] / 1000:.1f} | {row['own_us'] / 1000:.1f} |"
        )
    return out


def render_profile(found: dict[str, Any]) -> list[str]:
    """The profile of start-up and of the rule pass (for "Where the time goes")."""
    return bench_profile.render(found["profile"])


def main() -> int:
    """This part alone: the side-by-side table and start-up, printed as Markdown."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="one small size, few rounds")
    args = parser.parse_args()
    import tempfile  # noqa: PLC0415 - only this entry point needs it

    from bench import compile_bytecode, generate  # noqa: PLC0415 - bench imports this module

    compile_bytecode()
    sizes = {1_000: 2} if args.quick else {1_000: 7, 10_000: 5, 100_000: 3}
    with tempfile.TemporaryDirectory() as scratch:
        histories = {size: generate(Path(scratch), size, "json") for size in sizes}
        found = measure(histories, sizes, args.quick)
    print("\n".join(render(found) + render_profile(found)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
