"""The command line as a real process: closed or full output, Ctrl-C, a working folder gone.

Whatever the surroundings do, charter ends with one line on standard error and an
exit code that says so, never a traceback.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = {
    "replay": ["replay", "scenarios/seeds"],
    "check": ["check", "scenarios/proposals/moscow-2026-valid.yaml"],
    "chair": ["chair", "--on", "2021-08-23"],
    "members": ["members", "--on", "2013-01-01"],
    "explain": ["explain", "--on", "2021-08-23"],
    "timeline": ["timeline"],
    "simulate": ["simulate", "scenarios/what-if/armenia-withdraws-2026.yaml", "--until", "2030"],
    "coverage": ["coverage", "scenarios/rules"],
    "rules": ["rules"],
    "schema": ["schema"],
    "help": ["--help"],
}


def _shell(command: list[str], redirect: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    words = " ".join(f"'{word}'" for word in [sys.executable, "-m", "charter", *command])
    return subprocess.run(
        ["bash", "-c", f"{words} {redirect}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("redirect", [">&-", ">/dev/full"], ids=["closed", "full"])
def test_unwritable_output_ends_with_one_line(name: str, redirect: str) -> None:
    """Standard output closed or full: exit 2 and one line naming standard output."""
    done = _shell(COMMANDS[name], redirect)
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("charter: ")
    assert "standard output" in lines[0]


def test_a_reader_that_stops_early_is_not_a_traceback() -> None:
    """`charter timeline | head -1`: the pipe closes early; one line, no traceback."""
    words = " ".join(f"'{word}'" for word in [sys.executable, "-m", "charter", "timeline"])
    done = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {words} | head -c 10 >/dev/null"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) <= 1


def _history(path: Path, sessions: int) -> Path:
    """A long JSON Lines history (two founding members, then many sessions)."""
    lines = [json.dumps({"title": "a long history", "baseline": "empty"})]
    for state, person in (("RUS", "Vladimir Putin"), ("TJK", "Emomali Rahmon")):
        lines.append(
            json.dumps(
                {
                    "id": f"m-{state}",
                    "date": "2003-09-18",
                    "membership": {"state": state, "status": "member"},
                }
            )
        )
        lines.append(
            json.dumps(
                {
                    "id": f"o-{state}",
                    "date": "2003-09-18",
                    "office": {"state": state, "role": "head_of_state", "person": person},
                }
            )
        )
    for number in range(sessions):
        day = f"{2004 + number // 300:04d}-{1 + number % 300 // 25:02d}-{1 + number % 25:02d}"
        lines.append(
            json.dumps(
                {
                    "id": f"s{number}",
                    "date": day,
                    "session": {
                        "kind": "informal",
                        "host": "RUS",
                        "participants": [
                            {
                                "person": "Vladimir Putin",
                                "state": "RUS",
                                "capacity": "head_of_state",
                            }
                        ],
                    },
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ctrl_c_mid_run_exits_130_with_one_line(tmp_path: Path) -> None:
    """SIGINT while a replay runs: exit 130 and one line, no traceback."""
    history = _history(tmp_path / "long.jsonl", 120_000)
    process = subprocess.Popen(
        [sys.executable, "-m", "charter", "replay", str(history)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    opened = False
    while time.monotonic() < deadline and process.poll() is None:
        try:  # mid-run: the history is open, being read
            opened = any(
                os.readlink(fd) == str(history) for fd in Path(f"/proc/{process.pid}/fd").iterdir()
            )
        except OSError:
            opened = False
        if opened:
            break
        time.sleep(0.01)
    assert opened, "the replay ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, (out, err)
    assert err.splitlines() == ["charter: interrupted"]


def test_a_working_folder_that_is_gone(tmp_path: Path) -> None:
    """Run from a folder deleted under it: answers from the record still come, exit 0."""
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        f"cd '{gone}' && rmdir '{gone}' && "
        f"PYTHONPATH='{ROOT / 'src'}' '{sys.executable}' -m charter chair --on 2021-08-23"
    )
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done
    assert "Tajikistan" in done.stdout


def test_an_output_past_the_file_size_limit_is_one_line(tmp_path: Path) -> None:
    """Under `ulimit -f`, standard output cut short is exit 2 and one line, never a silent cut."""
    target = tmp_path / "out.svg"
    done = _shell(["timeline", "--format", "svg"], f"> '{target}'", cwd=ROOT)
    assert done.returncode == 0
    words = " ".join(
        f"'{w}'" for w in [sys.executable, "-m", "charter", "timeline", "--format", "svg"]
    )
    limited = subprocess.run(
        ["bash", "-c", f"ulimit -f 4; {words} > '{tmp_path / 'cut.svg'}'"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert target.stat().st_size > 4 * 1024  # the picture is larger than the limit
    assert limited.returncode == 2, limited
    assert "Traceback" not in limited.stderr
    assert limited.stderr.splitlines() == [
        line for line in limited.stderr.splitlines() if line.startswith("charter: ")
    ]
    assert len(limited.stderr.splitlines()) == 1


def test_the_command_leaves_at_once_unless_something_waits_for_the_end(tmp_path: Path) -> None:
    """The command skips the interpreter's teardown, with its output and exit code whole; under
    a profiler, which writes its report at the interpreter's exit, it leaves the usual way."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "charter", "chair", "--on", "2021-08-23", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["state"] == "TJK"
    report = tmp_path / "run.prof"
    profiled = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(report), "-m", "charter", "replay", "x.yaml"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert profiled.stderr == "x.yaml: no such file\n"  # (the profiler keeps no exit code)
    assert report.stat().st_size > 0
