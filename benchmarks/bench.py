"""The benchmark suite (`make bench`): replay against the floor of merely reading, at four sizes.

For each size and format it measures, in fresh processes and as the median of
several repetitions: the floor (parse only; parse and validate into the same
models), charter's replay of the same file, their ratio, and the peak resident
memory. Then the per-event cost growth, query latency on the largest history,
``check_session`` latency on the record, and the whole-process time of
``charter chair`` against two imports. It rewrites docs/performance.md.

It also runs ``bench_peer.py``: charter beside the clingo peer and the floors on the
JSON histories of 1,000, 10,000 and 100,000 events, ``charter check`` against two
imports, and where start-up and the rule pass spend their time.

    python benchmarks/bench.py                      # the full suite (about 30 minutes)
    python benchmarks/bench.py --quick              # one small size, few rounds (under 2)
    python benchmarks/bench.py --sizes 1000 10000   # a look at chosen sizes
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_pass
import bench_peer
import pydantic
from bench_profile import where_time_goes
from bench_web import kept_section

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# Each child prints {"seconds": ..., "rss_kib": ...}; the work it times is given below.
CHILD = r"""
import gc, json, resource, sys, time
import yaml
from pydantic import TypeAdapter
from charter.engine.replaying import replay
from charter.engine.model import Event
from charter.files.scenario import Scenario
from charter.files.loading import load_scenario
from charter.engine.stream import replay_stream
mode, fmt, path = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read() if mode in ("events", "parse", "validate") else None
adapter = TypeAdapter(Event)
if mode in ("events", "parse", "validate"):
    gc.disable()  # the floor at its best: charter's replay pauses the collector too
start = time.perf_counter()  # imports are done: only the work is timed
if mode == "events":  # libyaml's parser alone: the least any YAML reader can cost
    for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
        pass
elif mode == "parse":
    if fmt == "yaml":
        yaml.load(text, Loader=yaml.CSafeLoader)
    elif fmt == "json":
        json.loads(text)
    else:  # each line read and dropped, as a stream would: nothing kept
        for line in text.splitlines():
            json.loads(line)
elif mode == "validate":
    if fmt == "yaml":
        Scenario.model_validate(yaml.load(text, Loader=yaml.CSafeLoader))
    elif fmt == "json":
        Scenario.model_validate_json(text)
    else:
        lines = text.splitlines()
        json.loads(lines[0])
        for line in lines[1:]:
            adapter.validate_json(line)
elif mode == "replay":
    report = replay(load_scenario(path))
    assert report.ok, [e for e in report.expectations if not e.passed]
elif mode == "stream":
    report = replay_stream(path)
    assert report.ok
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

# Where replay's time goes: cProfile's own time per function, summed by part of the work.
PROFILE = (
    r"""
import cProfile, json, pstats, sys
from charter.engine.replaying import replay
from charter.files.loading import load_scenario
path, events = sys.argv[1], int(sys.argv[2])
profile = cProfile.Profile()
profile.runcall(lambda: replay(load_scenario(path)))
parts = {}
for (filename, _, name), (_, _, own, _, _) in pstats.Stats(profile).stats.items():
    if "pydantic_core" in name or "validate_json" in name or "charter/engine/model.py" in filename \
            or "charter/engine/_days.py" in filename or "charter/engine/dates.py" in filename \
            or "charter/engine/packs.py" in filename:
        part = "reading and validating (pydantic-core and the models' validators)"
    elif "charter/files/_read.py" in filename or "json/" in filename or "charter/files/_plain.py" in filename \
            or "charter/files/_yaml.py" in filename:
        part = "parsing and the reader's checks (keys, limits, characters)"
    elif "charter/rulebooks/csto/rules/" in filename:
        part = "the rules"
    elif any(f"charter/engine/{name}.py" in filename for name in ("timeline", "series", "effects", "summaries")):
        part = "the timeline (folding events, answering the rules' questions)"
    elif any(f"charter/engine/{name}.py" in filename for name in ("replaying", "results", "expectations")):
        part = "the replay loop"
    elif any(f"charter/files/{name}.py" in filename for name in ("scenario", "_formats", "loading", "located")):
        part = "loading checks (order, ids, terms)"
    else:
        part = "the rest (the interpreter's built-ins, the collector)"
    parts[part] = parts.get(part, 0.0) + own
total = sum(parts.values())
"""
    + bench_pass.READ_COST
    + r"""
print(json.dumps({part: own / events * 1e6 for part, own in parts.items()}
                 | {"total": total / events * 1e6, "field_ns": field_ns, "plain_ns": plain_ns}))
"""
)

QUERIES = r"""
import json, random, statistics, sys, time
from datetime import date, timedelta
from charter.engine.replaying import replay
from charter.files.loading import load_scenario
from charter.engine.stream import replay_stream
history = (replay_stream(sys.argv[1]) if sys.argv[1].endswith(".jsonl") else replay(load_scenario(sys.argv[1]))).history
rng = random.Random(1)
days = [date(1995, 1, 1) + timedelta(days=rng.randrange(2_500_000)) for _ in range(2000)]
days = [d for d in days if d.year < 8999][: int(sys.argv[3])]
first = {}
def per_call(name, function):
    function(date(1990, 1, 1))  # what is built on first use (validators) is built before timing
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for day in days:
            function(day)
        runs.append((time.perf_counter() - start) / len(days))
    first[name + "_first"] = runs[0] * 1e6  # the days asked for the first time: nothing remembered
    return statistics.median(runs) * 1e6
out = {
    "chair_on": per_call("chair_on", history.chair_on),
    "members_on": per_call("members_on", history.members_on),
    "status_on": per_call("status_on", lambda day: history.status_on("RUS", day)),
}
out.update(first)
from charter.engine.check import check_session
from charter.files.loading import load_proposal
proposal = load_proposal(sys.argv[2])
check_session(proposal)
runs = []
for _ in range(5):
    start = time.perf_counter()
    for _ in range(200):
        check_session(proposal)
    runs.append((time.perf_counter() - start) / 200)
out["check_session"] = statistics.median(runs) * 1e6
print(json.dumps(out))
"""


def run_child(mode: str, fmt: str, path: Path) -> dict[str, float]:
    """Seconds and peak RSS of one fresh process doing ``mode`` on ``path``."""
    done = subprocess.run(
        [PYTHON, "-c", CHILD, mode, fmt, str(path)], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {"seconds": result["seconds"], "rss_mib": result["rss_kib"] / 1024}


def run_interleaved(modes: list[str], fmt: str, path: Path, repeat: int) -> list[dict[str, Any]]:
    """``repeat`` rounds, each running every mode once in turn: a slow spell hits all of them."""
    return [{mode: run_child(mode, fmt, path) for mode in modes} for _ in range(repeat)]


def median_of(rounds: list[dict[str, Any]], mode: str) -> float:
    """The median seconds of ``mode`` over the rounds."""
    return float(statistics.median(found[mode]["seconds"] for found in rounds))


def whole_process(command: list[str], repeat: int) -> float:
    """Median wall-clock seconds of a whole command."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def generate(folder: Path, size: int, fmt: str) -> tuple[Path, int]:
    """The synthetic history of about ``size`` events in ``fmt`` (made once per run)."""
    path = folder / f"history-{size}.{fmt}"
    done = subprocess.run(
        [
            PYTHON,
            str(ROOT / "benchmarks" / "generate.py"),
            "--events",
            str(size),
            "--format",
            fmt,
            "--output",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return path, int(done.stderr.split()[0])


def _options() -> argparse.Namespace:
    """The command line's options (``--quick``: one small size, two rounds)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--yaml-max", type=int, default=100_000, help="largest size run from YAML")
    parser.add_argument(
        "--json-max", type=int, default=100_000, help="largest size replayed in memory from JSON"
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds for every size")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--quick", action="store_true", help="1,000 events, 2 rounds")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.repeat = [1_000], 2
    args.load = [os.getloadavg()[0]]
    return args


def compile_bytecode() -> None:
    """Write the bytecode of charter's modules first, as installing a wheel does.

    An editable install leaves it to the first import, and where ``PYTHONDONTWRITEBYTECODE``
    is set every process would compile the source again: start-up would be timed with a cost
    no installed charter pays.
    """
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", str(ROOT / "src"), str(ROOT / "benchmarks")],
        check=True,
        env=dict(os.environ) | {"PYTHONDONTWRITEBYTECODE": ""},
    )


def main() -> int:
    """Run the suite and rewrite docs/performance.md."""
    args = _options()
    compile_bytecode()
    peer_rounds = {1_000: 3} if args.quick else {1_000: 7, 10_000: 5, 100_000: 3}
    histories: dict[int, tuple[Path, int]] = {}
    peer: dict[str, Any] | None = None
    # The 1,000,000-event JSON Lines file is larger than charter's default byte limit.
    os.environ.setdefault("CHARTER_MAX_BYTES", str(2**31))
    rows: list[dict[str, Any]] = []
    profile: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        largest: Path | None = None
        for size in args.sizes:
            for fmt in ("json", "jsonl", "yaml"):
                if (fmt == "yaml" and size > args.yaml_max) or (
                    fmt == "json" and size > args.json_max
                ):
                    continue
                path, events = generate(folder, size, fmt)
                if fmt == "json" and size in peer_rounds:
                    histories[size] = (path, events)
                replay_mode = "stream" if fmt == "jsonl" else "replay"
                floor_mode = "parse" if fmt == "yaml" else "validate"
                modes = ["parse", "validate", replay_mode] + (["events"] if fmt == "yaml" else [])
                rounds = run_interleaved(modes, fmt, path, args.repeat)
                rows.append(
                    {
                        "size": size,
                        "events": events,
                        "format": fmt,
                        "mib": path.stat().st_size / 2**20,
                        "parse": median_of(rounds, "parse"),
                        "validate": median_of(rounds, "validate"),
                        "replay": median_of(rounds, replay_mode),
                        # each round's replay against the same round's floor, then the median
                        "ratio": statistics.median(
                            found[replay_mode]["seconds"] / found[floor_mode]["seconds"]
                            for found in rounds
                        ),
                        "floor": "parse" if fmt == "yaml" else "parse + validate",
                        "rss": max(found[replay_mode]["rss_mib"] for found in rounds),
                        "per_event_us": median_of(rounds, replay_mode) / events * 1e6,
                        "events_only": median_of(rounds, "events") if fmt == "yaml" else None,
                    }
                )
                print(json.dumps(rows[-1]), flush=True)
                if fmt in ("json", "jsonl"):
                    largest = path
                if fmt == "json" and size == 10_000:
                    done = subprocess.run(
                        [PYTHON, "-c", PROFILE, str(path), str(events)],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    profile = json.loads(done.stdout.strip().splitlines()[-1]) | {"events": events}
            if peer is None and histories.keys() >= peer_rounds.keys():
                # as soon as its sizes are ready, so that a long largest size comes last
                peer = bench_peer.measure(histories, peer_rounds, args.quick)
        assert largest is not None
        proposal = ROOT / "scenarios" / "proposals" / "moscow-2026-valid.yaml"
        done = subprocess.run(
            [PYTHON, "-c", QUERIES, str(largest), str(proposal), "100" if args.quick else "1000"],
            capture_output=True,
            text=True,
            check=True,
        )
        queries = json.loads(done.stdout.strip().splitlines()[-1])
        if peer is None:
            peer = bench_peer.measure(histories, peer_rounds, args.quick)
    charter = str(Path(PYTHON).with_name("charter"))
    runs = 5 if args.quick else 15
    processes = {
        "charter chair --on 2019-06-01": whole_process(
            [charter, "chair", "--on", "2019-06-01"], runs
        ),
        'python -c "import charter"': whole_process([PYTHON, "-c", "import charter"], runs),
        'python -c "import pydantic, yaml"': whole_process(
            [PYTHON, "-c", "import pydantic, yaml"], runs
        ),
    }
    print(json.dumps({"queries": queries, "processes": processes}), flush=True)
    # The web service's section is measured by bench_web.py; keep it as it stands.
    kept = kept_section(args.output)
    args.load.append(os.getloadavg()[0])
    assert peer is not None
    page = render(rows, queries, processes, profile, args, peer=peer)
    args.output.write_text(page + ("\n" + kept if kept else ""), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


def _targets(
    rows: list[dict[str, Any]], queries: dict[str, float], processes: dict[str, float]
) -> list[str]:
    """One line per target of the performance issue: what was measured, and whether it is met."""
    out = []

    def line(target: str, measured: str, met: bool) -> None:
        out.append(f"| {target} | {measured} | {'yes' if met else 'no'} |")

    for fmt, limit in (("json", 1.5), ("jsonl", 1.5), ("yaml", 1.2)):
        mine = [row for row in rows if row["format"] == fmt]
        if mine:
            worst = max(row["ratio"] for row in mine)
            detail = ", ".join(f"{row['ratio']:.2f} at {row['events']:,}" for row in mine)
            line(f"{fmt} replay at most {limit}x its floor", detail, worst <= limit)
    growth = {row["size"]: row for row in rows if row["format"] == "jsonl"}
    if 10_000 in growth and len(growth) > 1:
        top = max(growth)
        ratio = growth[top]["per_event_us"] / growth[10_000]["per_event_us"]
        line(
            f"per-event cost at {top:,} at most 1.3x that at 10,000", f"{ratio:.2f}x", ratio <= 1.3
        )
    streamed = [row for row in rows if row["format"] == "jsonl" and row["size"] >= 1_000_000]
    if streamed:
        line(
            "streaming replay of 1,000,000 events under 500 MiB",
            f"{streamed[0]['rss']:.0f} MiB",
            streamed[0]["rss"] < 500,
        )
    slowest = max(queries["chair_on"], queries["members_on"], queries["status_on"])
    first = max(
        queries.get(f"{name}_first", 0.0) for name in ("chair_on", "members_on", "status_on")
    )
    line(
        "queries under 20 µs each",
        f"{slowest:.1f} µs (slowest; {first:.1f} µs the first time a day is asked)",
        slowest < 20,
    )
    line(
        "check_session against the record under 1 ms",
        f"{queries['check_session']:.0f} µs",
        queries["check_session"] < 1000,
    )
    chair = (
        processes["charter chair --on 2019-06-01"] / processes['python -c "import pydantic, yaml"']
    )
    line("charter chair at most 1.5x importing pydantic and yaml", f"{chair:.2f}x", chair <= 1.5)
    return out


def render(
    rows: list[dict[str, Any]],
    queries: dict[str, float],
    processes: dict[str, float],
    profile: dict[str, float],
    args: argparse.Namespace,
    *,
    peer: dict[str, Any],
) -> str:
    """docs/performance.md."""
    lines = [
        "# Performance",
        "",
        "Measured by `make bench` (`python benchmarks/bench.py`), which rewrites this page. Every",
        f"figure is the median of {args.repeat} rounds in fresh processes on one machine in one run;",
        "each round runs the floor and the replay one after the other, and a ratio is the median of",
        "the rounds' own ratios, so a slow spell of a shared machine hits both sides. Compare ratios,",
        "not seconds, across machines. The figures below were taken on a shared machine (2 cores,",
        "other work running beside the benchmark), which the same-round ratios allow for.",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, pydantic {pydantic.VERSION}",
        f"- Sizes: {', '.join(str(size) for size in args.sizes)} events (YAML up to {args.yaml_max})",
        f"- Load average (1 minute) at the start and the end of the run: {args.load[0]:.1f} and"
        f" {args.load[1]:.1f}",
        "",
        "## Replay against the floor of reading the same file",
        "",
        "The floor for JSON and JSON Lines is parsing and validating into the same models (for JSON",
        "Lines, each line validated and dropped, keeping nothing, as a stream would); for YAML it is",
        "parsing alone (PyYAML's loader on libyaml). JSON Lines is replayed by streaming (`replay_stream`);",
        f"JSON is replayed in memory up to {args.json_max:,} events, YAML up to {args.yaml_max:,}",
        "(beyond that, the JSON Lines stream is the way to replay a history). Imports are done before",
        "the clock starts; the floor is measured with the garbage collector paused, as charter's replay",
        "runs.",
        "",
        "| events | format | file MiB | parse s | parse + validate s | replay s | replay / floor | per event µs | peak RSS MiB |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['events']:,} | {row['format']} | {row['mib']:.1f} | {row['parse']:.3f} | {row['validate']:.3f} | "
            f"{row['replay']:.3f} | {row['ratio']:.2f} ({row['floor']}) | {row['per_event_us']:.1f} | {row['rss']:.0f} |"
        )
    lines += ["", "## Targets", "", "| target | measured | met |", "| --- | --- | --- |"]
    lines += _targets(rows, queries, processes)
    lines += bench_peer.render(peer)
    lines += where_time_goes(rows, profile)
    lines += bench_peer.render_profile(peer)
    lines += ["", "## Per-event cost growth", ""]
    for fmt in ("json", "jsonl", "yaml"):
        mine = {row["size"]: row for row in rows if row["format"] == fmt}
        if 10_000 in mine and len(mine) > 1:
            top = max(mine)
            growth = mine[top]["per_event_us"] / mine[10_000]["per_event_us"]
            lines.append(f"- {fmt}: {growth:.2f}x from 10,000 to {top:,} events")
    lines += [
        "",
        "## Queries",
        "",
        f"On the largest history (streamed): `chair_on` {queries['chair_on']:.1f} µs, `members_on` "
        f"{queries['members_on']:.1f} µs, `status_on` {queries['status_on']:.1f} µs per call, "
        "the median of five rounds over the same random days. The first round, which asks each "
        "day for the first time (a timeline remembers answers until another event is folded): "
        f"`chair_on` {queries.get('chair_on_first', 0):.1f} µs, `members_on` "
        f"{queries.get('members_on_first', 0):.1f} µs, `status_on` "
        f"{queries.get('status_on_first', 0):.1f} µs. "
        f"`check_session` against the embedded record: {queries['check_session']:.0f} µs.",
        "",
        "## Whole process",
        "",
        "| command | median s |",
        "| --- | ---: |",
    ]
    for command, seconds in processes.items():
        lines.append(f"| `{command}` | {seconds:.3f} |")
    base = processes['python -c "import pydantic, yaml"']
    lines += [
        "",
        f"`charter chair` takes {processes['charter chair --on 2019-06-01'] / base:.2f}x the time of importing "
        "pydantic and yaml: it answers from the record's index with the standard library only.",
        "",
        "To reproduce: `make bench`, or `python benchmarks/bench.py --quick` for a quick look.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
