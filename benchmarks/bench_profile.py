"""Where the time goes: cProfile of ``charter check``, ``charter replay`` and the rule pass.

Used by ``bench_peer.py`` (``make bench``). Whole processes are profiled with
``python -m cProfile``, so import time is inside; their own time is summed by package
(charter's modules one by one), and a few markers give the cumulative time of
importing, of building pydantic models and of the command itself. The in-process
replay of the 10k history is profiled by function (own time per event). Profiling slows
every call: compare the parts with one another, not with the timed tables.
"""

from __future__ import annotations

import json
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

PYTHON = sys.executable

# The in-process rule pass, profiled by function.
CHILD = r"""
import cProfile, json, pstats, sys
import charter
path = sys.argv[1]
charter.replay(charter.load_scenario(path))  # warm: first-call costs are not the pass's
profile = cProfile.Profile()
profile.runcall(lambda: charter.replay(charter.load_scenario(path)))
rows = [
    {"file": filename, "name": name, "calls": calls, "own": own, "cumulative": cumulative}
    for (filename, _, name), (_, calls, own, cumulative, _) in pstats.Stats(profile).stats.items()
]
print(json.dumps({"rows": rows}))
"""

# Cumulative-time markers of a whole process: (label, file fragment, function name).
MARKERS = (
    ("importing modules (all imports, nested)", "<frozen importlib._bootstrap>", "_find_and_load"),
    ("building pydantic model classes", "pydantic/_internal/_model_construction.py", "__new__"),
    ("building pydantic TypeAdapters", "pydantic/type_adapter.py", "__init__"),
    ("compiling regular expressions", "re/__init__.py", "compile"),
)


def where(filename: str, name: str) -> str:
    """A short, move-proof name for the place a function lives."""
    if filename == "~":
        return name
    for marker in ("/charter/", "site-packages/"):
        if marker in filename:
            tail = filename.split(marker, 1)[1]
            return ("charter/" + tail) if marker == "/charter/" else tail
    if filename.startswith("<"):
        return filename
    path = Path(filename)
    return f"{path.parent.name}/{path.name}"  # the standard library: its folder and file


def function(filename: str, name: str) -> str:
    """A function's name with the file it lives in (a built-in's name alone)."""
    return name if filename == "~" else f"{where(filename, name)}:{name}"


def package(filename: str, name: str) -> str:
    """The package (charter's module, for charter) a function's own time is summed under."""
    place = where(filename, name)
    if filename == "~":
        return "built-ins (C functions called from Python)"
    if place.startswith("<frozen"):
        return "import machinery (finding, reading, unmarshalling)"
    if place.startswith("charter/"):
        return place
    if "site-packages/" in filename:
        return place.split("/", 1)[0]
    return "standard library: " + place


def _whole(command: list[str]) -> dict[str, Any]:
    """Profile one whole process; its own time by package, and the markers."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "run.prof"
        subprocess.run(
            [PYTHON, "-m", "cProfile", "-o", str(out), *command], capture_output=True, check=True
        )
        stats = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    parts: dict[str, float] = {}
    total = 0.0
    markers = {label: 0.0 for label, _, _ in MARKERS}
    for (filename, _, name), (_, _, own, cumulative, _) in stats.items():
        total += own
        key = package(filename, name)
        parts[key] = parts.get(key, 0.0) + own
        for label, fragment, function in MARKERS:
            if fragment in filename and name == function:
                markers[label] = max(markers[label], cumulative)
    top = sorted(parts.items(), key=lambda item: -item[1])[:10]
    return {"total": total, "parts": top, "markers": markers}


def profile(charter: str, proposal: Path, small: Path, medium: tuple[Path, int]) -> dict[str, Any]:
    """The three profiles: check and replay as whole processes, and the rule pass."""
    found = {
        "check": _whole([charter, "check", str(proposal)]),
        "replay": _whole([charter, "replay", str(small), "--format", "json"]),
    }
    path, events = medium
    done = subprocess.run(
        [PYTHON, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
    )
    rows = json.loads(done.stdout.strip().splitlines()[-1])["rows"]
    total = sum(row["own"] for row in rows)
    rows.sort(key=lambda row: -row["own"])
    # the biggest cumulative times of charter's own functions: where the pass spends it
    ours = sorted(
        (row for row in rows if "/charter/" in row["file"]),
        key=lambda row: -row["cumulative"],
    )
    found["pass"] = {
        "events": events,
        "total_us": total / events * 1e6,
        "top": [
            {
                "function": function(row["file"], row["name"]),
                "calls_per_event": row["calls"] / events,
                "own_us": row["own"] / events * 1e6,
                "cumulative_us": row["cumulative"] / events * 1e6,
            }
            for row in rows[:20]
        ],
        "charter": [
            {
                "function": function(row["file"], row["name"]),
                "cumulative_us": row["cumulative"] / events * 1e6,
            }
            for row in ours[:15]
        ],
    }
    return found


def render(found: dict[str, Any]) -> list[str]:
    """Markdown for "Where the time goes": start-up, then the rule pass by function."""
    out = [
        "",
        "### Start-up and the rule pass, by function",
        "",
        "cProfile of whole processes (imports included; profiling roughly doubles the time, so",
        "read the shares, not the seconds):",
        "",
    ]
    check = found["check"]
    importing = check["markers"][MARKERS[0][0]] / check["total"]
    models = check["markers"][MARKERS[1][0]] / check["total"]
    out += [
        f"In `charter check` of one proposal, importing modules takes {importing:.0%} of the",
        f"profiled time, and building pydantic model classes {models:.0%} (a class is built when",
        "its module is imported, so most of that is inside the imports); the check itself is",
        "the rest. The import table above names the modules that cost most.",
        "",
    ]
    for name, command in (("check", "charter check PROPOSAL"), ("replay", "charter replay 1k")):
        whole = found[name]
        total = whole["total"]
        out += [f"`{command}`, {total:.3f} s profiled:", ""]
        out += ["| part | ms | share |", "| --- | ---: | ---: |"]
        for label, seconds in whole["markers"].items():
            out.append(f"| {label} (cumulative) | {seconds * 1000:.0f} | {seconds / total:.0%} |")
        for part, seconds in whole["parts"]:
            out.append(f"| own time: {part} | {seconds * 1000:.0f} | {seconds / total:.0%} |")
        out.append("")
    rule_pass = found["pass"]
    out += [
        f"The in-process replay (load + replay) of the {rule_pass['events']:,}-event JSON history,",
        f"{rule_pass['total_us']:.1f} µs per event profiled; the 20 functions with the most own time:",
        "",
        "| function | calls per event | own µs per event | cumulative µs per event |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in rule_pass["top"]:
        out.append(
            f"| `{row['function']}` | {row['calls_per_event']:.1f} | {row['own_us']:.2f} | "
            f"{row['cumulative_us']:.2f} |"
        )
    out += [
        "",
        "Charter's own functions with the largest cumulative time (a caller includes its callees):",
        "",
        "| function | cumulative µs per event |",
        "| --- | ---: |",
    ]
    for row in rule_pass["charter"]:
        out.append(f"| `{row['function']}` | {row['cumulative_us']:.2f} |")
    return out


_NOT_PARTS = ("total", "events", "field_ns", "plain_ns")


def where_time_goes(rows: list[dict[str, Any]], profile: dict[str, float]) -> list[str]:
    """The profile of a JSON replay by part of the work, and YAML against libyaml's parser."""
    out = ["", "## Where the time goes", ""]
    if profile:
        total = profile["total"]
        out += [
            f"cProfile of the in-memory replay of the {profile['events']:,}-event JSON history, its own",
            "time per function summed by part of the work (profiling slows every call, so compare",
            "the parts with one another, not with the table above):",
            "",
            "| part | µs per event | share |",
            "| --- | ---: | ---: |",
        ]
        parts = sorted(
            (part for part in profile if part not in _NOT_PARTS),
            key=lambda part: -profile[part],
        )
        for part in parts:
            out.append(f"| {part} | {profile[part]:.1f} | {profile[part] / total:.0%} |")
        out += [
            "",
            "Reading and validating is the floor itself; everything else is charter's own work,",
            "done in Python once per event. For a replay to come within 1.5x of its floor, that",
            "work must cost no more than half the floor's time per event:",
            "",
            "| events | format | floor µs per event | charter's own µs per event | budget for 1.5x |",
            "| ---: | --- | ---: | ---: | ---: |",
        ]
        for row in rows:
            if row["format"] == "yaml":
                continue
            floor = row["validate"] / row["events"] * 1e6
            own = (row["replay"] - row["validate"]) / row["events"] * 1e6
            out.append(
                f"| {row['events']:,} | {row['format']} | {floor:.1f} | {own:.1f} | {floor / 2:.1f} |"
            )
        out += [
            "",
            "The rules are plain functions, one generator call each for every event they look",
            "at; each reads the session's participants and asks the timeline about them. Those",
            "reads are what the work is made of, and each costs more than it looks: reading a",
            f"field of a pydantic model takes {profile['field_ns']:.0f} ns here against"
            f" {profile['plain_ns']:.0f} ns on a plain",
            "object, because pydantic's `BaseModel` defines `__getattr__`, which keeps CPython",
            "from specialising attribute reads. A session with six participants makes some",
            "hundred such reads and a few dozen calls across eleven rules and the fold. That is",
            "what bounds the JSON and JSON Lines ratios. The JSON Lines floor, each line",
            "validated and dropped, is the cheapest per event, so the same work weighs most there.",
        ]
    yaml_rows = [row for row in rows if row["format"] == "yaml" and row["events_only"]]
    if yaml_rows:
        out += [
            "",
            "YAML is read by feeding libyaml's events straight into plain data, without building",
            "PyYAML's node tree and without recording where each value stands; positions are read",
            "again only for a file with an error or a violation to report. So replaying YAML costs",
            "less than PyYAML's own loader. Against libyaml's parser alone (iterating its events,",
            "the least any reader of the file can cost):",
            "",
            "| events | libyaml events s | PyYAML load s | replay s | replay / events |",
            "| ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in yaml_rows:
            out.append(
                f"| {row['events']:,} | {row['events_only']:.3f} | {row['parse']:.3f} | "
                f"{row['replay']:.3f} | {row['replay'] / row['events_only']:.2f} |"
            )
    return out
