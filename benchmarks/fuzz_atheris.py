"""A coverage-guided fuzzer for the loader (atheris, libFuzzer for Python), outside CI.

atheris is not a dependency of charter; install it into the venv first:

    .venv/bin/pip install atheris
    .venv/bin/python benchmarks/fuzz_atheris.py -max_total_time=600 -rss_limit_mb=4096 \
        /tmp/charter-corpus scenarios/rules

Each input is written to a file and goes through ``tests.fuzzing.check_outcome``:
load_file, then replay or check_session, must give a report or a ScenarioError
whose every problem names the file and a line; the input is read as YAML, JSON or
JSON Lines by turns (its length decides). Anything else stops the run with
the input saved by libFuzzer (crash-<hash>). Giving folders of scenarios as the
corpus starts it from valid files.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["charter", "yaml"]):
    from tests.fuzzing import check_outcome

_FOLDER = Path(tempfile.mkdtemp(prefix="charter-atheris-"))
_TARGETS = [_FOLDER / f"input{suffix}" for suffix in (".yaml", ".json", ".jsonl")]


def test_one_input(data: bytes) -> None:
    """One input: write it and check what loading and running it comes to.

    The input's length chooses the format it is read as (YAML, JSON or JSON Lines),
    so one corpus exercises the one reader in all three.
    """
    target = _TARGETS[len(data) % len(_TARGETS)]
    target.write_bytes(data)
    check_outcome(target)


def main() -> None:
    """Hand the command line to libFuzzer and run."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
