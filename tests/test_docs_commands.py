"""The README's and the tutorial's commands, run as a reader would paste them.

Each ``sh`` block runs in order in a scratch folder laid out like the repository (its
scenarios, and ``.venv/bin/charter``), never in the repository itself. Where a plain or
``json`` block follows a command block at once, it is the output the page promises,
and the command must print exactly that. Python blocks run the same way.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```\n", re.MULTILINE | re.DOTALL)
OUTPUT_LANGS = {"", "json", "text"}
NOT_RUN = "<!-- not run by the docs test"


@dataclass(frozen=True)
class Block:
    """A command block of a page, and the output shown right after it, if any."""

    lang: str
    code: str
    line: int
    output: str | None
    output_lang: str


def blocks(page: Path) -> list[Block]:
    """The runnable blocks of a page, in order, each with the output block that follows it."""
    text = page.read_text(encoding="utf-8")
    found = list(FENCE.finditer(text))
    out: list[Block] = []
    for index, match in enumerate(found):
        if match.group("lang") not in ("sh", "python"):
            continue
        before = text[found[index - 1].end() if index else 0 : match.start()]
        if NOT_RUN in before:  # a block that changes the reader's own machine (an install)
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        output = None
        output_lang = ""
        if (
            following is not None
            and following.group("lang") in OUTPUT_LANGS
            and not text[match.end() : following.start()].strip()
        ):
            output, output_lang = following.group("body"), following.group("lang")
        line = text.count("\n", 0, match.start()) + 1
        out.append(Block(match.group("lang"), match.group("body"), line, output, output_lang))
    return out


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A folder laid out like the repository: scenarios/, and .venv/bin/{charter,python}."""
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    log = tmp_path / ".exit-codes"
    (bin_dir / "charter").write_text(
        "#!/bin/sh\n"
        f'"{sys.executable}" -m charter "$@"\n'
        "code=$?\n"
        f'echo "$code charter $*" >> "{log}"\n'
        'exit "$code"\n',
        encoding="utf-8",
    )
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    return tmp_path


def _run(block: Block, folder: Path) -> subprocess.CompletedProcess[str]:
    bin_dir = folder / ".venv" / "bin"
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "HOME": str(folder),  # nothing a page runs may reach the real home folder
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("FORCE_COLOR", None)
    if block.lang == "python":
        command = [str(folder / ".venv" / "bin" / "python"), "-c", block.code]
    else:
        command = ["bash", "-c", block.code]
    return subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def _skipped(block: Block) -> bool:
    """`make ...` sets up the repository itself: the suite runs inside what it made."""
    return block.lang == "sh" and block.code.lstrip().startswith("make ")


def _same(shown: str, printed: str, lang: str) -> bool:
    if lang == "json":
        return bool(json.loads(shown) == json.loads(printed))

    def trim(text: str) -> list[str]:
        return [line.rstrip() for line in text.rstrip("\n").splitlines()]

    return trim(shown) == trim(printed)


def _update(page: Path, printed: dict[int, str]) -> None:
    """Rewrite the output blocks of ``page`` with what their commands printed."""
    text = page.read_text(encoding="utf-8")
    found = list(FENCE.finditer(text))
    pieces, last = [], 0
    for index, match in enumerate(found):
        line = text.count("\n", 0, match.start()) + 1
        if line in printed and index + 1 < len(found):
            target = found[index + 1]
            head = text.index("\n", target.start()) + 1
            pieces += [text[last:head], printed[line]]
            last = target.end() - len("```\n")
    page.write_text("".join([*pieces, text[last:]]), encoding="utf-8")


@pytest.mark.parametrize("page", ["README.md", "docs/tutorial.md"])
def test_every_command_of_the_page_runs_and_prints_what_it_shows(page: str, scratch: Path) -> None:
    """Each block runs without a traceback or a usage error, and prints the output shown.

    With CHARTER_UPDATE_DOCS=1, the page's output blocks are rewritten instead (read the
    diff before committing).
    """
    runnable = [block for block in blocks(ROOT / page) if not _skipped(block)]
    assert runnable, f"{page} shows no command"
    updating = bool(os.environ.get("CHARTER_UPDATE_DOCS"))
    printed: dict[int, str] = {}
    for block in runnable:
        done = _run(block, scratch)
        where = f"{page}:{block.line}"
        assert "Traceback" not in done.stderr, f"{where}: {done.stderr}"
        if block.lang == "python":
            assert done.returncode == 0, f"{where}: {done.stderr}"
        if block.output is not None and updating:
            printed[block.line] = done.stdout
        elif block.output is not None:
            assert _same(block.output, done.stdout, block.output_lang), (
                f"{where} prints something else than the page shows:\n{done.stdout}"
            )
    if updating:
        _update(ROOT / page, printed)
    log = scratch / ".exit-codes"
    codes = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    assert codes, f"{page}: no charter command ran"
    assert not [line for line in codes if line.split()[0] not in ("0", "1")], codes


def test_the_tutorial_leaves_nothing_behind(scratch: Path) -> None:
    """After the tutorial's last step, the folder holds what it held before it began."""
    before = sorted(path.relative_to(scratch) for path in scratch.rglob("*"))
    for block in blocks(ROOT / "docs" / "tutorial.md"):
        if not _skipped(block):
            _run(block, scratch)
    (scratch / ".exit-codes").unlink()
    after = sorted(path.relative_to(scratch) for path in scratch.rglob("*"))
    assert after == before
