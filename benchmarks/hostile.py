"""What hostile files of about 1 MB cost charter: time and peak memory, each in its own process.

    .venv/bin/python benchmarks/hostile.py            # writes the files to a temporary folder
    .venv/bin/python benchmarks/hostile.py --size 4   # about 4 MB each

Each file is given to ``python -m charter replay FILE`` in a fresh process; the
table shows the wall time, the peak resident memory (from ``wait4``) and the
line charter printed. A well-formed 1 MB scenario and an empty one are the
yardsticks: a hostile file should cost no more than a genuine one of its size.
The table is the one in docs/robustness.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

MB = 1024 * 1024


def billion_laughs(size: int) -> str:
    """Nine levels of nine aliases each (9^9 values if expanded), after padding to ``size``."""
    laughs = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 10)
    )
    padding = "# " + "ha" * 38 + "\n"
    return padding * ((size - len(laughs)) // len(padding)) + laughs


def deep_brackets(size: int) -> str:
    """A value nested ``size`` lists deep."""
    return "title: deep\nnote: " + "[" * (size - 20) + "\n"


def deep_block(size: int) -> str:
    """Block sequences nested ``size / 2`` deep on one line (``- - - - ...``)."""
    return "- " * ((size - 2) // 2) + "x\n"


def long_string(size: int) -> str:
    """One string value of ``size`` characters."""
    return 'title: "' + "x" * (size - 10) + '"\n'


def many_aliases(size: int) -> str:
    """A quarter of a million aliases of one small anchor (a list of two)."""
    head = "title: aliases\nanchor: &a [x, y]\nnote: ["
    return head + ", ".join(["*a"] * ((size - len(head)) // 4)) + "]\n"


def many_keys(size: int) -> str:
    """Some 67,000 unknown keys at the top (in 1 MB): as many problems to report."""
    lines, total, number = [], 0, 0
    while total < size:
        line = f"key{number}: {number}\n"
        lines.append(line)
        total += len(line)
        number += 1
    return "".join(lines)


def many_bad_events(size: int) -> str:
    """Events with a misspelt key each: thousands of problems, of which 100 are shown."""
    event = "  - {{id: e{n}, date: 2020-01-01, membershp: {{state: RUS, status: member}}}}\n"
    lines = ["title: many bad events\nbaseline: empty\nevents:\n"]
    total, number = len(lines[0]), 0
    while total < size:
        lines.append(event.format(n=number))
        total += len(lines[-1])
        number += 1
    return "".join(lines)


def genuine(size: int) -> str:
    """A well-formed scenario of ``size`` bytes: three members, then a new minister every day."""
    head = "title: a long genuine history\nbaseline: empty\nevents:\n"
    body = [
        f"  - {{id: m-{state}, date: 1992-05-15, membership: {{state: {state}, status: member}}}}\n"
        for state in ("ARM", "KAZ", "RUS")
    ]
    total, number = len(head) + sum(map(len, body)), 0
    while total < size:
        day = date(1993, 1, 1) + timedelta(days=number)
        line = (
            f"  - {{id: o-{number}, date: {day}, office: {{state: RUS, role: foreign_minister, "
            f"person: Minister {number}}}}}\n"
        )
        body.append(line)
        total += len(line)
        number += 1
    return head + "".join(body)


def empty(size: int) -> str:
    """An empty baseline and nothing else: the cost of starting the command."""
    return "title: nothing\nbaseline: empty\n"


CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "empty scenario (start-up cost)": ("empty.yaml", empty),
    "genuine scenario": ("genuine.yaml", genuine),
    "billion laughs, padded": ("laughs.yaml", billion_laughs),
    "nested [ to the end of the file": ("brackets.yaml", deep_brackets),
    "nested block lists (- - - ...)": ("block.yaml", deep_block),
    "one long string": ("string.yaml", long_string),
    "many tiny aliases": ("aliases.yaml", many_aliases),
    "many unknown keys": ("keys.yaml", many_keys),
    "many bad events": ("events.yaml", many_bad_events),
}


def measure(path: Path, repeat: int) -> tuple[float, int, int, str]:
    """Median seconds, peak RSS in KiB, exit code and first stderr line of ``charter replay``."""
    runs = sorted(_measure_once(path) for _ in range(repeat))
    elapsed = runs[len(runs) // 2][0]
    return elapsed, max(run[1] for run in runs), runs[0][2], runs[0][3]


def _measure_once(path: Path) -> tuple[float, int, int, str]:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "charter", "replay", str(path)], stdout=out, stderr=err
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        first = err.read().decode("utf-8", "replace").splitlines()[:1]
    line = first[0] if first else "(nothing on stderr)"
    return elapsed, usage.ru_maxrss, process.returncode, line


def main() -> int:
    """Write each hostile file, run charter on it, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=1.0, help="size of each file in MB")
    parser.add_argument("--keep", type=Path, help="write the files here instead of a temp folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs per file (the median is shown)")
    args = parser.parse_args()
    size = int(args.size * MB)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="charter-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"python {sys.version.split()[0]}, files of about {args.size:g} MB in {folder}, "
        f"median of {args.repeat} runs\n"
    )
    print("| file | size | exit | seconds | peak RSS | what charter said |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for label, (name, make) in CASES.items():
        path = folder / name
        path.write_text(make(size), encoding="utf-8")
        elapsed, rss, code, line = measure(path, args.repeat)
        said = line.replace(str(path), name)
        if len(said) > 110:
            said = said[:107] + "..."
        said = said.replace("|", "\\|")
        print(
            f"| {label} | {path.stat().st_size / MB:.2f} MB | {code} | {elapsed:.2f} "
            f"| {rss / 1024:.0f} MB | {said} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
