"""Loading scenario and proposal files: YAML, JSON and JSON Lines, from a file or from text.

The common file is read quickly, without positions; anything unusual or wrong is read
again with positions (``charter.files.located``), which says what and where.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from pydantic import (
    ValidationError,
)

from charter.engine._gc import paused_collection
from charter.engine.errors import ScenarioError
from charter.engine.packs import (
    validating,
)
from charter.files import _formats
from charter.files import _read as _reader
from charter.files._document import Limits
from charter.files.located import (
    LazyOrigin,
    consistent,
    decode_text,
    load_located,
    read_text,
)
from charter.files.scenario import Proposal, Scenario

__all__ = [
    "FORMATS",
    "STANDARD_INPUT",
    "file_format",
    "load_file",
    "load_proposal",
    "load_scenario",
    "load_standard_input",
    "load_text",
]


def load_file(path: str | Path, limits: Limits | None = None) -> Scenario | Proposal:
    """Load a scenario or a proposal, telling them apart by a top-level ``session`` key.

    ``.json`` and ``.jsonl`` files hold the same schema as JSON or JSON Lines.
    """
    name = _reader.name_of(path)
    limits = _limits(limits)
    if file_format(name) == "jsonl":
        return _formats.load_jsonl(name, limits)
    return _load_text(name, read_text(name, limits), file_format(name), limits)


FORMATS = ("yaml", "json", "jsonl")
"""The formats a scenario or a proposal may be written in."""


def file_format(name: str) -> str:
    """The format a file's name announces (its suffix, in any case); YAML unless told otherwise.

    >>> file_format("a.JSON"), file_format("b.jsonl"), file_format("c.yml")
    ('json', 'jsonl', 'yaml')
    """
    suffix = Path(name).suffix.lower()
    return {".json": "json", ".jsonl": "jsonl"}.get(suffix, "yaml")


def load_text(
    name: str, text: str, fmt: str = "yaml", limits: Limits | None = None
) -> Scenario | Proposal:
    """Load a scenario or a proposal from text that did not come from a file of its own.

    ``name`` stands for the source in messages (``"<stdin>"``, ``"<request>"``);
    ``fmt`` is one of ``FORMATS``. The text meets the same limits and rules as a
    file's: pass it through ``charter.files._read.text_of`` first when it arrives as bytes.
    """
    if not isinstance(name, str):
        raise TypeError(f"name: expected str, found {type(name).__name__}")
    if not isinstance(text, str):
        raise TypeError(f"text: expected str, found {type(text).__name__}")
    if fmt not in FORMATS:
        raise ValueError(f"fmt: expected one of {', '.join(FORMATS)}, found {fmt!r}")
    limits = _limits(limits)
    if len(text) * 4 > limits.max_bytes:  # it may be over the size limit: count its bytes
        _reader.text_of(name, text, limits)
    return _load_text(name, text, fmt, limits)


def _load_text(name: str, text: str, fmt: str, limits: Limits) -> Scenario | Proposal:
    """Load text already read within the limits (from a file, or checked by ``load_text``)."""
    if fmt != "yaml":
        if fmt == "json":
            return _formats.load_json_text(name, text, limits)
        return _formats.load_jsonl_text(name, text, limits)
    with paused_collection():
        quick = _load_quickly(name, text, limits)
    # Anything unusual, wrong or doubtful is read again with positions, which says where.
    if quick is not None:
        return quick
    from charter.files._yaml import read_yaml  # noqa: PLC0415 - PyYAML is loaded for YAML only

    return load_located(read_yaml(name, text, limits), limits)


def _limits(limits: object) -> Limits:
    """The limits a caller passed, or those of the environment; ``TypeError`` for anything else."""
    if limits is None:
        return Limits()
    if not isinstance(limits, Limits):
        raise TypeError(f"limits: expected charter Limits or None, found {type(limits).__name__}")
    return limits


def _load_quickly(name: str, text: str, limits: Limits) -> Scenario | Proposal | None:
    """The common file, read without positions (they are read later if a violation needs one).

    ``None`` when the file needs the careful reader: anything but plain YAML, or a
    file with a problem to report.
    """
    from charter.files._plain import PlainReadError, read_plain  # noqa: PLC0415 - for YAML only

    try:
        data = read_plain(text, limits)
    except PlainReadError:
        return None
    if not isinstance(data, dict):
        return None
    model: type[Scenario] | type[Proposal] = Proposal if "session" in data else Scenario
    events = data.get("events")
    if isinstance(events, list) and len(events) > limits.max_events:
        return None
    try:
        with validating(data.get("rulebook")):
            loaded = model.model_validate(data)
    except ValidationError:
        return None
    if not consistent(loaded):
        return None
    return loaded.located(LazyOrigin.of(name, text, limits))


def load_scenario(path: str | Path, limits: Limits | None = None) -> Scenario:
    """Load a scenario file; raise ``ScenarioError`` naming every problem in it."""
    loaded = load_file(path, limits)
    if isinstance(loaded, Proposal):
        raise ScenarioError.single(
            str(path), "this is a proposal (a 'session:' file); use `charter check` on it", 1, 1
        )
    return loaded


def load_proposal(path: str | Path, limits: Limits | None = None) -> Proposal:
    """Load a proposal file (one ``session`` with its ``id`` and ``date``)."""
    loaded = load_file(path, limits)
    if isinstance(loaded, Scenario):
        raise ScenarioError.single(
            str(path), "expected a proposal: a mapping with 'id', 'date' and 'session'", 1, 1
        )
    return loaded


STANDARD_INPUT = "<stdin>"
"""How standard input is named in messages."""


def load_standard_input(
    stream: BinaryIO | None = None, limits: Limits | None = None
) -> Scenario | Proposal:
    """The scenario or proposal on standard input, read once, within the same limits as a file.

    YAML or JSON alike (a JSON document is read by the YAML reader).
    """
    limits = limits or Limits()
    source = stream if stream is not None else sys.stdin.buffer
    try:
        raw = source.read(limits.max_bytes + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ScenarioError.single(
            STANDARD_INPUT, f"cannot read standard input: {reason}"
        ) from None
    return load_text(STANDARD_INPUT, decode_text(STANDARD_INPUT, raw, limits), limits=limits)
