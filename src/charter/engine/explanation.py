"""An explanation: a derived fact, the rule behind it, the events it rests on, and why not others.

Its JSON form has a fixed key order and nothing that changes between runs. The helpers here
name what an explanation cites: the rule of the timeline's rulebook that answers a question.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from charter.engine._installed import display
from charter.engine.model import Event, PassChairmanship
from charter.engine.packs import get_rulebook
from charter.engine.timeline import Timeline, decisions_with_paths

__all__ = ["Explanation", "_citation", "_describe_session", "_handover_path", "_rule"]


@dataclass(frozen=True)
class Explanation:
    """A derived fact, the rule behind it, the events it rests on, and the alternatives ruled out."""

    claim: str
    verdict: str | None = None
    rule: str | None = None
    citation: str | None = None
    event: str | None = None
    location: tuple[str | None, int, int] | None = None
    because: tuple[Explanation, ...] = field(default=())
    why_not: tuple[Explanation, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        """The explanation as JSON, keys always in the same order."""
        path, line, column = self.location if self.location else (None, 0, 0)
        return {
            "claim": self.claim,
            "verdict": self.verdict,
            "rule": self.rule,
            "citation": self.citation,
            "event": self.event,
            "location": {"path": path, "line": line, "column": column} if self.location else None,
            "because": [child.as_json() for child in self.because],
            "why_not": [child.as_json() for child in self.why_not],
        }

    def lines(self, prefix: str = "", last: bool = True, root: bool = True) -> Iterator[str]:
        """The explanation as an indented tree of text lines."""
        branch = "" if root else ("└─ " if last else "├─ ")
        verdict = f"[{self.verdict}] " if self.verdict else ""
        yield f"{prefix}{branch}{verdict}{self.claim}"
        inner = prefix + ("" if root else ("   " if last else "│  "))
        details = []
        if self.rule:
            details.append(f"rule {self.rule}: {self.citation}")
        if self.location and self.location[1]:
            path, line, column = self.location
            details.append(f"event {self.event} at {path}:{line}:{column}")
        elif self.event:
            details.append(f"event {self.event}")
        children = [*self.because, *(_why_not_label(child) for child in self.why_not)]
        for detail in details:
            yield f"{inner}{'│  ' if children else '   '}{detail}"
        for index, child in enumerate(children):
            yield from child.lines(inner, index == len(children) - 1, root=False)

    def render(self) -> str:
        """The explanation as text."""
        return "\n".join(self.lines())


def _why_not_label(node: Explanation) -> Explanation:
    return Explanation(
        claim=f"why not: {node.claim}",
        verdict=node.verdict,
        rule=node.rule,
        citation=node.citation,
        event=node.event,
        location=node.location,
        because=node.because,
    )


def _rule(timeline: Timeline, question: str) -> str | None:
    """The rule of the timeline's rulebook that answers ``question`` (see ``Rulebook.explained_by``)."""
    pack = get_rulebook(timeline.rulebook)
    rule_id = pack.explained_by.get(question)
    return rule_id if rule_id in pack.rules else None


def _citation(timeline: Timeline, question: str) -> str | None:
    rule_id = _rule(timeline, question)
    return get_rulebook(timeline.rulebook).rules[rule_id].citation if rule_id else None


def _handover_path(event: Event) -> str:
    for where, decision in decisions_with_paths(event):
        if isinstance(decision, PassChairmanship):
            return where
    return ""


def _describe_session(event: Event) -> str:
    session = event.session
    assert session is not None
    place = session.city or (display(session.host) if session.host else "an unrecorded place")
    return f"the {session.kind} session of {event.date} ({place})"
