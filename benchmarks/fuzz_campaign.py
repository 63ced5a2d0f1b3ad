"""A long fuzzing campaign, outside CI: feed the loader and replay N generated files.

The inputs are those of tests/test_fuzz.py (arbitrary YAML, raw text and bytes,
shipped scenarios retold or broken), drawn with ``random`` for speed. Each file
must load and replay (or check) to a report, or fail with a ``ScenarioError``
whose every problem names the file and a line; anything else is a crash, and so
is an input that takes longer than ``--timeout`` seconds. Crashing inputs are
saved for replaying by hand.

    .venv/bin/python benchmarks/fuzz_campaign.py                 # 200,000 inputs
    .venv/bin/python benchmarks/fuzz_campaign.py -n 5000 --seed 7

Prints the inputs tried, the crashes found (and how many distinct), and the rate;
exits 1 when something crashed.
"""

from __future__ import annotations

import argparse
import collections
import random
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import GENERATORS, SUFFIXES, RandomChooser, check_outcome  # noqa: E402


class HangError(Exception):
    """An input took longer than the time allowed."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise HangError


def _signature(error: BaseException) -> str:
    """Where a crash happened: its type and the innermost frame in charter (or the last)."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if "/charter/" in frame.filename] or frames[-1:]
    place = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(error).__name__} at {place}"


def main() -> int:
    """Run the campaign and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--inputs", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per input")
    parser.add_argument(
        "--crashes", type=Path, default=Path(tempfile.gettempdir()) / "charter-crashes"
    )
    args = parser.parse_args()

    chooser = RandomChooser(random.Random(args.seed))
    kinds = sorted(GENERATORS)
    workdir = Path(tempfile.mkdtemp(prefix="charter-fuzz-"))
    crashes: collections.Counter[str] = collections.Counter()
    tried: collections.Counter[str] = collections.Counter()
    refused = 0
    signal.signal(signal.SIGALRM, _alarm)
    start = time.perf_counter()
    for number in range(args.inputs):
        kind = kinds[number % len(kinds)]
        content = GENERATORS[kind](chooser)
        target = workdir / f"input{SUFFIXES.get(kind, '.yaml')}"
        target.write_bytes(content)
        tried[kind] += 1
        signal.setitimer(signal.ITIMER_REAL, args.timeout)
        try:
            error = check_outcome(target)
        except Exception as crash:  # anything but a ScenarioError is a bug
            signature = _signature(crash)
            if not crashes[signature]:
                args.crashes.mkdir(parents=True, exist_ok=True)
                saved = args.crashes / f"crash-{len(crashes)}{target.suffix}"
                saved.write_bytes(content)
                print(f"crash: {signature}: {str(crash)[:200]!r} (input saved to {saved})")
            crashes[signature] += 1
        else:
            refused += error is not None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if (number + 1) % 10_000 == 0:
            rate = (number + 1) / (time.perf_counter() - start)
            print(f"{number + 1} inputs, {sum(crashes.values())} crashes, {rate:.0f} inputs/s")
    elapsed = time.perf_counter() - start
    total = sum(tried.values())
    print(f"inputs tried: {total} ({', '.join(f'{kind} {tried[kind]}' for kind in kinds)})")
    print(
        f"loaded and ran: {total - refused - sum(crashes.values())}; refused with a located error: {refused}"
    )
    print(f"crashes found: {sum(crashes.values())} ({len(crashes)} distinct)")
    for signature, count in crashes.most_common():
        print(f"  {count} x {signature}")
    print(f"time: {elapsed:.1f} s; rate: {total / elapsed:.0f} inputs/s (seed {args.seed})")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
