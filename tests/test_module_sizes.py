"""Modules stay between 100 and 400 lines, as STYLE.md asks, apart from the few listed here.

A module that grows past the range has likely taken a second job; one far below it may be a
piece that belongs with another. Each exemption says why the module is outside the range, and a
module that comes back within it must leave the list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "charter"
LOW, HIGH = 100, 400

_QUICK = "read by the quick commands, which import nothing heavy: kept apart and small on purpose"
_PACK_SOURCE = "one module per source of the Charter, as the pack's rules are laid out"
_ONE_JOB = "one job, whole (joining it to another module would give that module a second job)"

LONG: dict[str, str] = {
    "engine/model.py": "every kind of event and decision, one model each; to be split by kind",
    "engine/answers.py": "the four answers and their JSON; to be split (each answer apart)",
    "files/_yaml.py": "the careful reader is one state machine over the parser's events",
    "strategies.py": "the strategies of every kind of event; to be split when built from any pack",
}

SHORT: dict[str, str] = {
    "engine/effects.py": "what an event changes, asked by the timeline and by every rule: one job",
    "engine/_packnames.py": _QUICK,
    "engine/_choosing.py": _QUICK,
    "engine/_gc.py": _QUICK,
    "output/_json.py": _QUICK,
    "files/_inputs.py": _QUICK,
    "files/_excerpt.py": _QUICK,
    "rulebooks/csto/rules/_registry.py": _PACK_SOURCE,
    "rulebooks/csto/rules/art12.py": _PACK_SOURCE,
    "rulebooks/csto/rules/art17.py": _PACK_SOURCE,
    "rulebooks/csto/rules/practice.py": _PACK_SOURCE,
    "rulebooks/csto/states.py": _PACK_SOURCE,
    "engine/record.py": _ONE_JOB + ": the packs' embedded records",
    "engine/dates.py": _ONE_JOB + ": the one definition of time",
    "engine/stream.py": _ONE_JOB + ": replay in bounded memory",
    "engine/coverage.py": _ONE_JOB + ": which scenarios exercise each rule",
    "files/dumping.py": _ONE_JOB + ": writing a scenario back",
    "files/_files.py": _ONE_JOB + ": which files a command reads",
    "files/_scalars.py": _ONE_JOB + ": the YAML core types both readers share",
    "output/_completion.py": _ONE_JOB + ": shell completion, from the parser",
    "output/rulebook.py": _ONE_JOB + ": the rulebook's documents",
    "web/around.py": _ONE_JOB + ": the picture around a day",
    "web/serve.py": _ONE_JOB + ": starting the service",
}


def _structural(path: Path) -> bool:
    """A package's ``__init__`` and the entry points hold what Python needs there, no more."""
    return path.name in ("__init__.py", "__main__.py", "_main.py")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_the_module_is_within_the_range(path: Path) -> None:
    """A module has between 100 and 400 lines, unless it is structural or listed with a reason."""
    rel = str(path.relative_to(PACKAGE))
    count = _lines(path)
    if count > HIGH:
        assert rel in LONG, f"{rel}: {count} lines (more than {HIGH}): split it"
    elif count < LOW and not _structural(path):
        assert rel in SHORT, f"{rel}: {count} lines (fewer than {LOW}): join it or list why"


@pytest.mark.parametrize("rel", sorted(LONG) + sorted(SHORT))
def test_every_exemption_is_still_needed(rel: str) -> None:
    """A listed module exists and is still outside the range (else it leaves the list)."""
    path = PACKAGE / rel
    assert path.exists(), rel
    count = _lines(path)
    assert count > HIGH if rel in LONG else count < LOW, (rel, count)


def test_no_module_passes_the_hard_limit() -> None:
    """Even an exempt module stays under 500 lines (STYLE.md: split one that passes 500)."""
    assert [path.name for path in _modules() if _lines(path) >= 500] == []
