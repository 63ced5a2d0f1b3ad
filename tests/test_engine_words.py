"""The engine names no organisation: outside ``charter/rulebooks/`` no module mentions a state
code of an installed pack, a pack's organisation, name or id, a body of a pack that is not the
engine's own vocabulary, or an article number.

Every module's text is read as Python reads it: string constants and docstrings (through
``ast``), comments and names (through ``tokenize``). What a rule or an explanation cites comes
from the pack. The few modules that must name something are listed in ``EXEMPT`` with the reason.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from charter.engine.packs import rulebooks

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "charter"
PACKS = PACKAGE / "rulebooks"

# Words the engine itself interprets: a pack's vocabulary may use them, and the engine may too.
ENGINE_VOCABULARY = frozenset({"member", "regular", "head_of_state", "head_of_government"})

# What a module may name, and why. Each entry: module path -> (kinds of word allowed, reason).
EXEMPT: dict[str, tuple[frozenset[str], str]] = {
    "engine/_iso3166.py": (
        frozenset({"state"}),
        "the ISO 3166-1 table itself: every state code, as the standard lists them",
    ),
    "engine/_packnames.py": (
        frozenset({"organisation"}),
        "the name of the default rulebook, which a file that names none belongs to",
    ),
    "__init__.py": (
        frozenset({"organisation"}),
        "the public facade re-exports the csto registry for compatibility and says so",
    ),
}

ARTICLE = re.compile(r"\b(?:Art(?:icle)?s?\.?\s*\d+|art\d+\.)")


@cache
def forbidden() -> dict[str, tuple[str, re.Pattern[str]]]:
    """For each kind of word, the installed packs' words and the pattern that finds one."""
    states: set[str] = set()
    organisations: set[str] = set()
    bodies: set[str] = set()
    for pack in rulebooks():
        states |= set(pack.state_names)
        for order in pack.rotation_orders.values():
            states |= set(order)
        organisations |= {pack.id, pack.name, pack.organisation}
        organisations |= {word for word in pack.name.split() if word.isupper() and len(word) > 2}
        bodies |= {body for body in pack.vocabulary.bodies if body not in ENGINE_VOCABULARY}
        bodies |= {body.replace("_", " ") for body in list(bodies)}

    def words(found: set[str], flags: int = 0) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(word) for word in sorted(found, key=len, reverse=True))
        return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])", flags)

    return {
        "state": ("a state code of an installed pack", words(states)),
        "organisation": ("an organisation, or a pack's name or id", words(organisations, re.I)),
        "body": ("a body of a pack", words(bodies, re.I)),
    }


def core_modules() -> list[Path]:
    """Every module of the package outside the packs."""
    return [path for path in sorted(PACKAGE.rglob("*.py")) if PACKS not in path.parents]


def texts(path: Path) -> Iterator[tuple[int, str]]:
    """Each string constant, docstring, comment and name in ``path``, with its line."""
    source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.COMMENT, tokenize.NAME):
            yield token.start[0], token.string


def mentions(path: Path, allowed: frozenset[str] = frozenset()) -> list[str]:
    """What ``path`` names that the engine must not, one line each."""
    found = []
    for line, text in texts(path):
        for kind, (what, pattern) in forbidden().items():
            if kind in allowed:
                continue
            for match in pattern.finditer(text):
                found.append(f"{path.relative_to(PACKAGE)}:{line}: {what}: {match.group()!r}")
        if "article" not in allowed:
            for match in ARTICLE.finditer(text):
                found.append(
                    f"{path.relative_to(PACKAGE)}:{line}: an article number: {match.group()!r}"
                )
    return found


@pytest.mark.parametrize("path", core_modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_the_module_names_no_organisation(path: Path) -> None:
    """No module of the core mentions what only a pack means."""
    rel = str(path.relative_to(PACKAGE))
    allowed = EXEMPT.get(rel, (frozenset(), ""))[0]
    assert mentions(path, allowed) == []


def test_every_exemption_is_needed(tmp_path: Path) -> None:
    """Each exempt module still names what it is exempt for (else the exemption goes)."""
    for rel, (allowed, _reason) in EXEMPT.items():
        assert mentions(PACKAGE / rel), rel
        assert allowed


@pytest.mark.parametrize(
    "line",
    [
        '"""Chaired by the president of KGZ."""',
        "# see Art. 13 of the Charter",
        'RULE = "art13.chair"',
        'TEXT = "Article 17 (Secretary General)"',
        'WHO = "the CSTO Secretariat"',
        'BODY = "the Collective Security Council"',
    ],
)
def test_the_scanner_sees_a_mention(tmp_path: Path, line: str) -> None:
    """A module mentioning a pack's state, organisation, body or an article is caught."""
    module = tmp_path / "m.py"
    module.write_text(line + "\n", encoding="utf-8")
    assert [found.split(": ", 1)[1] for found in _relative(module)]


def _relative(module: Path) -> list[str]:
    found = []
    for line, text in texts(module):
        for _kind, (what, pattern) in forbidden().items():
            found += [f"{line}: {what}" for _ in pattern.finditer(text)]
        found += [f"{line}: an article number" for _ in ARTICLE.finditer(text)]
    return found


def test_the_scanner_passes_engine_words(tmp_path: Path) -> None:
    """The engine's own vocabulary and states of no pack are not mentions."""
    module = tmp_path / "m.py"
    module.write_text('"""A member\'s head_of_state at a regular session, e.g. FRA."""\n')
    assert _relative(module) == []
