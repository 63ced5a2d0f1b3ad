"""Where the command line reads a scenario or proposal: a file, or standard input for ``-``.

Standard input is read once, within the same limits as a file, and named
``<stdin>`` in messages. Models load only when a file is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from charter.engine.errors import ScenarioError

if TYPE_CHECKING:
    from charter.files.scenario import Proposal, Scenario

__all__ = ["STDIO", "load", "load_proposal_from", "load_scenario_from"]

STDIO = "-"
"""Standard input or output, where a path is expected."""


def load(name: str) -> Scenario | Proposal:
    """Load a file, or standard input for ``-``."""
    if name == STDIO:
        from charter.files.loading import load_standard_input

        return load_standard_input()
    from charter.files.loading import load_file

    return load_file(name)


def _from_stdin(kind: str) -> Scenario | Proposal:
    from charter.files.loading import STANDARD_INPUT

    loaded = load(STDIO)
    if type(loaded).__name__ != kind:
        expected = "a proposal (a 'session:' mapping)" if kind == "Proposal" else "a scenario"
        raise ScenarioError.single(STANDARD_INPUT, f"expected {expected} on standard input", 1, 1)
    return loaded


def load_scenario_from(name: str) -> Scenario:
    """Load a scenario file (``-``: standard input)."""
    from charter.files.loading import load_scenario
    from charter.files.scenario import Scenario

    if name != STDIO:
        return load_scenario(name)
    loaded = _from_stdin("Scenario")
    assert isinstance(loaded, Scenario)
    return loaded


def load_proposal_from(name: str) -> Proposal:
    """Load a proposal file (``-``: standard input)."""
    from charter.files.loading import load_proposal
    from charter.files.scenario import Proposal

    if name != STDIO:
        return load_proposal(name)
    loaded = _from_stdin("Proposal")
    assert isinstance(loaded, Proposal)
    return loaded
