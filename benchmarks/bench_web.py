"""The web service under load, on the loopback interface: throughput, latency, errors, memory.

Starts ``charter serve`` on a free loopback port, sends mixed requests (chair,
members, explain, rules, health, POST check) at each concurrency, and reads the
server's resident memory before and after. Then it times POST /api/check
against the in-process ``check_session`` of the same proposal, alternating the
two, so that both meet the same machine. It stops by itself, and writes its
figures into their own section of docs/performance.md (``make bench`` keeps it).

    python benchmarks/bench_web.py                  # 20,000 requests at each concurrency
    python benchmarks/bench_web.py --requests 3000  # a shorter run on a busy machine
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from charter.engine.check import check_session
from charter.files.dumping import write_atomically
from charter.files.loading import load_proposal

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "performance.md"
BEGIN = "<!-- web benchmark: begin (benchmarks/bench_web.py writes this section) -->"
END = "<!-- web benchmark: end -->"
PROPOSALS = sorted((ROOT / "scenarios" / "proposals").glob("*.yaml"))
SAME = ROOT / "scenarios" / "proposals" / "moscow-2026-wrong-chair.yaml"

MIX: tuple[tuple[str, int], ...] = (
    ("chair", 30),
    ("members", 20),
    ("explain", 10),
    ("rules", 5),
    ("health", 5),
    ("check", 30),
)
"""Kinds of request and their shares (per hundred)."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _requests(count: int) -> list[tuple[str, str, bytes | None]]:
    """``count`` requests in a fixed mixed order: (method, path, body)."""
    bodies = [path.read_bytes() for path in PROPOSALS]
    kinds = [kind for kind, share in MIX for _ in range(share)]
    out: list[tuple[str, str, bytes | None]] = []
    for number in range(count):
        kind = kinds[(number * 37) % len(kinds)]
        year = 1995 + number % 31
        day = f"{year}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        if kind == "check":
            out.append(("POST", "/api/check", bodies[number % len(bodies)]))
        elif kind in ("chair", "members"):
            out.append(("GET", f"/api/{kind}?on={day}", None))
        elif kind == "explain":
            out.append(("GET", f"/api/explain?on={day}", None))
        elif kind == "rules":
            out.append(("GET", "/api/rules", None))
        else:
            out.append(("GET", "/health", None))
    return out


async def _load(
    base: str, concurrency: int, requests: Sequence[tuple[str, str, bytes | None]]
) -> dict[str, Any]:
    """Send ``requests`` with ``concurrency`` clients; latencies in ms, errors, throughput."""
    latencies: list[float] = []
    errors = 0
    queue = list(reversed(requests))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            while queue:
                method, path, body = queue.pop()
                start = time.perf_counter()
                try:
                    answer = await client.request(method, path, content=body)
                    if answer.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - start) * 1000)

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "seconds": elapsed,
        "throughput": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2],
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "errors": errors,
    }


def _overhead(port: int, rounds: int) -> dict[str, float]:
    """POST /api/check against in-process check_session of the same proposal, alternating.

    The HTTP side uses the standard library's keep-alive client, the lightest at hand,
    so that the figure is the service's cost more than the client's.
    """
    body = SAME.read_bytes()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def post() -> None:
        connection.request(
            "POST", "/api/check", body=body, headers={"Content-Type": "application/yaml"}
        )
        answer = connection.getresponse()
        answer.read()
        if answer.status != 200:
            raise SystemExit(f"POST /api/check answered {answer.status}")

    local: list[float] = []
    remote: list[float] = []
    try:
        for _ in range(30):  # warm both sides
            check_session(load_proposal(SAME))
            post()
        for _ in range(rounds):
            start = time.perf_counter()
            check_session(load_proposal(SAME))
            local.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            post()
            remote.append((time.perf_counter() - start) * 1000)
    finally:
        connection.close()
    return {
        "in_process": statistics.median(local),
        "post": statistics.median(remote),
        "overhead": statistics.median(remote) - statistics.median(local),
        # Each round's two timings are taken back to back, so a busy spell hits both.
        "paired": statistics.median(b - a for a, b in zip(local, remote, strict=True)),
        "rounds": rounds,
    }


def _rss_mib(pid: int) -> float:
    """A process's resident memory in MiB, from /proc (this benchmark runs on Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no resident memory reported for process {pid}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the load benchmark and write its section of docs/performance.md."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=20_000, help="requests at each concurrency")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--overhead-rounds", type=int, default=500)
    parser.add_argument("--output", type=Path, default=PAGE)
    parser.add_argument(
        "--note", default="", help="a line saying how this run was shortened, if it was"
    )
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "charter", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        watched = server.pid
        rss_start = _rss_mib(watched)
        asyncio.run(_load(base, 8, _requests(min(2_000, args.requests))))  # warm-up
        rss_warm = _rss_mib(watched)
        runs = []
        for concurrency in args.concurrency:
            runs.append(asyncio.run(_load(base, concurrency, _requests(args.requests))))
            runs[-1]["rss_after"] = _rss_mib(watched)
            print(runs[-1], flush=True)
        overhead = _overhead(port, args.overhead_rounds)
        print(overhead, flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    args.load = (load_before, os.getloadavg()[0])
    section = render(args, runs, overhead, rss_start, rss_warm)
    write_section(args.output, section)
    print(f"wrote the web section of {args.output}")
    return 0


def render(
    args: argparse.Namespace,
    runs: list[dict[str, Any]],
    overhead: dict[str, float],
    rss_start: float,
    rss_warm: float,
) -> str:
    """The section of docs/performance.md, between its two markers."""
    mix = ", ".join(f"{kind} {share}%" for kind, share in MIX)
    lines = [
        BEGIN,
        "## The web service under load",
        "",
        "Measured by `python benchmarks/bench_web.py`, which rewrites this section (and `make bench`",
        "keeps it). One `charter serve` process (one worker) on the loopback interface; the client",
        "runs on the same machine, so both share its cores. Every request must answer 200.",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {args.requests:,} requests at each concurrency; mix: {mix}",
    ]
    lines.append(
        f"- Load average of the machine (1 minute) at the start and the end of the run: "
        f"{args.load[0]:.1f} and {args.load[1]:.1f}"
    )
    if args.note:
        lines.append(f"- {args.note}")
    lines += [
        "",
        "| concurrency | requests | throughput req/s | p50 ms | p99 ms | errors | server RSS after MiB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        lines.append(
            f"| {run['concurrency']} | {run['requests']:,} | {run['throughput']:,.0f} | {run['p50']:.2f} | "
            f"{run['p99']:.2f} | {run['errors']} | {run['rss_after']:.0f} |"
        )
    lines += [
        "",
        f"Server resident memory: {rss_start:.0f} MiB after start, {rss_warm:.0f} MiB after a warm-up, "
        f"{runs[-1]['rss_after']:.0f} MiB after the last run.",
        "",
        f"POST /api/check of `{SAME.relative_to(ROOT).as_posix()}` against the in-process `check_session` of",
        f"the same file, alternating, {overhead['rounds']:.0f} rounds each, medians: in-process",
        f"{overhead['in_process']:.2f} ms, over HTTP {overhead['post']:.2f} ms, so the service adds "
        f"{overhead['overhead']:.2f} ms (target: at most 2 ms); the median of each round's own",
        f"difference is {overhead['paired']:.2f} ms.",
        END,
    ]
    return "\n".join(lines) + "\n"


def write_section(page: Path, section: str) -> None:
    """Put ``section`` in place of the old one on ``page`` (or at its end)."""
    text = page.read_text(encoding="utf-8") if page.exists() else "# Performance\n"
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.DOTALL)
    text = (
        pattern.sub(lambda _: section, text)
        if pattern.search(text)
        else text.rstrip("\n") + "\n\n" + section
    )
    write_atomically(page, text, overwrite=True)


def kept_section(page: Path) -> str:
    """The web section of ``page`` as it stands (empty if none), for ``bench.py`` to keep."""
    if not page.exists():
        return ""
    found = re.search(
        re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?",
        page.read_text(encoding="utf-8"),
        re.DOTALL,
    )
    return found.group(0) if found else ""


if __name__ == "__main__":
    raise SystemExit(main())
