"""The rulebook as documents: each rule as JSON, the ``charter rules`` document, the rulebook page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from charter.engine.packs import DEFAULT_RULEBOOK, get_rulebook
from charter.engine.registry import Registry, Rule
from charter.files.loading import load_scenario

__all__ = ["rule_json", "rules_json", "rules_markdown"]


def rule_json(found: Rule) -> dict[str, Any]:
    """One rule of the rulebook as JSON."""
    return {
        "id": found.id,
        "citation": found.citation,
        "severity": found.severity.value,
        "in_force": {
            "start": found.in_force.start.isoformat(),
            "end": found.in_force.end.isoformat() if found.in_force.end else None,
        },
        "severity_note": found.severity_note,
        "summary": found.summary,
        "description": found.description,
    }


def _registry(rulebook: str) -> Registry:
    found: Registry = get_rulebook(rulebook).rules
    return found


def rules_json(rulebook: str = DEFAULT_RULEBOOK) -> dict[str, Any]:
    """The ``charter rules`` document of ``rulebook``, in rulebook order."""
    registry = _registry(rulebook)
    return {"rules": [rule_json(found) for found in registry.ordered(registry.values())]}


def rules_markdown(examples: Path | None = None, rulebook: str = DEFAULT_RULEBOOK) -> str:
    """The rulebook page (docs/rulebook.md), generated from the registry.

    With ``examples`` (a folder holding ``<id>-fires.yaml`` and ``<id>-holds.yaml``),
    each rule also shows what its two example scenarios say.
    """
    folder = examples.as_posix() if examples is not None else "scenarios/rules"
    default = rulebook == DEFAULT_RULEBOOK
    chosen = "" if default else f" --rulebook {rulebook}"
    title = "The rulebook" if default else f"The rulebook: {get_rulebook(rulebook).name}"
    lines = [
        f"# {title}",
        "",
        f"Generated from the rule registry by `charter rules{chosen} --markdown --examples {folder}`;",
        "do not edit by hand. Rule ids are stable. Each rule is in force over a half-open span of",
        "days; a rule out of force on an event's date is not checked.",
        "",
    ]
    registry = _registry(rulebook)
    for found in registry.ordered(registry.values()):
        end = found.in_force.end.isoformat() if found.in_force.end else "open"
        body = found.description.split("\n", 1)
        lines += [
            f"## `{found.id}`",
            "",
            f"**{body[0]}**",
            "",
            body[1].strip() if len(body) > 1 else "",
            "",
            f"- Citation: {found.citation}",
            f"- In force: [{found.in_force.start.isoformat()}, {end})",
            f"- Severity: {found.severity.value}"
            + (f"; {found.severity_note}" if found.severity_note else ""),
            "",
        ]
        if examples is not None:
            lines += _examples(examples, found.id)
    return "\n".join(lines).replace("\n\n\n", "\n\n")


def _examples(folder: Path, rule_id: str) -> list[str]:
    lines: list[str] = []
    for way, label in (("fires", "Where it fires"), ("holds", "Where it holds")):
        path = folder / f"{rule_id}-{way}.yaml"
        if not path.is_file():  # said, not skipped: the page shows which example is missing
            lines += [f"*{label}*: no example scenario (`{path.as_posix()}` is not there).", ""]
            continue
        scenario = load_scenario(path)
        description = " ".join((scenario.description or "").split())
        lines.append(
            f"*{label}* (`{path.as_posix()}`): {scenario.title or ''}. {description}".rstrip()
        )
        lines.append("")
    return lines
