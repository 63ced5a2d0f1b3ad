"""The JSON Schema of scenario files accepts what the loader accepts, and nothing else."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from charter.engine.model import Session
from charter.files.dumping import dump_scenario
from charter.files.loading import load_file
from charter.files.scenario import FORMAT_VERSION, Proposal, Scenario
from charter.output._schema import file_schema
from charter.strategies import scenarios, sessions

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [
    *sorted((ROOT / "scenarios").rglob("*.yaml")),
    ROOT / "src" / "charter" / "rulebooks" / "csto" / "data" / "csto.yaml",
]
VALIDATOR = jsonschema.Draft202012Validator(
    file_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def _as_another_tool_reads(text: str) -> Any:
    """The document as a YAML 1.1 tool reads it (PyYAML), with dates as strings, as JSON has them."""

    def strings(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: strings(value) for key, value in node.items()}
        if isinstance(node, list):
            return [strings(item) for item in node]
        if isinstance(node, datetime.date):
            return node.isoformat()
        return node

    return strings(yaml.safe_load(text))


def _schema_accepts(document: Any) -> bool:
    return bool(VALIDATOR.is_valid(document))


def _models_accept(document: Any) -> bool:
    """What the loader's models accept (the checks no schema can state are apart)."""
    if not isinstance(document, dict):
        return False
    model: type[Scenario] | type[Proposal] = Proposal if "session" in document else Scenario
    try:
        model.model_validate(document)
    except ValidationError:
        return False
    return True


def test_the_schema_is_a_valid_draft_2020_12_schema_with_an_id_and_a_version() -> None:
    """The schema is itself valid, and names its format version in ``$id`` and in a field."""
    schema = file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith(f":{FORMAT_VERSION}")
    assert schema["x-format-version"] == FORMAT_VERSION


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_shipped_file_validates_as_a_yaml_1_1_tool_reads_it(path: Path) -> None:
    """Each bundled scenario, proposal and the embedded record validate against ``charter schema``."""
    document = _as_another_tool_reads(path.read_text(encoding="utf-8"))
    assert all(isinstance(key, str) for key in document), "a key read as a non-string ('on'?)"
    errors = [error.message for error in VALIDATOR.iter_errors(document)]
    assert errors == []


@given(scenarios())
def test_every_generated_scenario_validates(scenario: Scenario) -> None:
    """A scenario the property tests generate, written as charter writes it, validates."""
    assert _schema_accepts(_as_another_tool_reads(dump_scenario(scenario)))


@given(sessions(), st.dates(datetime.date(1992, 5, 15), datetime.date(2100, 1, 1)))
def test_every_generated_proposal_validates(session: Session, day: datetime.date) -> None:
    """A proposal holding any generated session validates, as JSON and as YAML."""
    proposal = Proposal(id="proposed", date=day, session=session)
    document = proposal.model_dump(mode="json", exclude_defaults=True)
    assert _schema_accepts(document)
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    assert _schema_accepts(_as_another_tool_reads(text))


# Values that probe each way a field can be widened or narrowed by a validator.
_PROBES = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        1,
        2,
        2026,
        2026.0,
        "",
        " ",
        "unknown",
        "yes",
        "true",
        "1",
        "2026",
        "empty",
        "csto",
        "ARM",
        "XXX",
        "arm",
        "SXM",
        "2024-01-01",
        "2024-02-30",
        "2024-1-1",
        "2024-01-01\n",
        "art13.chair",
        "art13.nothing",
        "regular",
        "head_of_state",
        "pass_chairmanship",
        "x" * 121,
        " Vladimir Putin ",
        " " + "x" * 120 + " ",
        [],
        ["ARM"],
        {},
        {"csto": "2020-01-01"},
        {"csto": None},
        {"record": "csto"},
    ]
)
_EXTRA_KEYS = st.sampled_from(["on", "kind", "state", "csto", "format_version", "extra", "id"])


@st.composite
def _mutated(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """A valid document with one value replaced, one key removed, or one key added."""
    document = json.loads(json.dumps(base))
    node: Any = document
    parent: Any = None
    key: Any = None
    # Walk down to a random place in the document.
    for _ in range(draw(st.integers(0, 6))):
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        children = [(name, child) for name, child in children if isinstance(child, dict | list)]
        if not children:
            break
        key, _child = draw(st.sampled_from(children))
        parent, node = node, node[key]
    action = draw(st.sampled_from(["replace", "remove", "add", "replace-self"]))
    if action == "replace-self" and parent is not None:
        parent[key] = draw(_PROBES)
    elif isinstance(node, dict) and node:
        name = draw(st.sampled_from(sorted(node)))
        if action == "remove":
            del node[name]
        elif action == "add":
            node[draw(_EXTRA_KEYS)] = draw(_PROBES)
        else:
            node[name] = draw(_PROBES)
    elif isinstance(node, list) and node:
        index = draw(st.integers(0, len(node) - 1))
        node[index] = draw(_PROBES)
    return document


_BASES = [
    _as_another_tool_reads(path.read_text(encoding="utf-8"))
    for path in SHIPPED
    if path.stat().st_size < 20_000
]


@given(st.sampled_from(_BASES).flatmap(_mutated))
def test_schema_and_loader_agree_on_random_documents(document: Any) -> None:
    """Near-valid documents: the schema accepts one exactly when the loader's models do."""
    assert _schema_accepts(document) == _models_accept(document)


@pytest.mark.parametrize(
    ("document", "accepted"),
    [
        ({"baseline": "csto"}, True),
        ({"baseline": "empty"}, True),
        ({"baseline": {"csto": "2020-01-01"}}, True),
        ({"baseline": "sco"}, False),
        ({"format_version": FORMAT_VERSION}, True),
        ({"format_version": FORMAT_VERSION + 1}, False),
        ({"format_version": True}, False),
        (
            {
                "events": [
                    {"id": "a", "date": 0, "membership": {"state": "ARM", "status": "member"}}
                ]
            },
            False,
        ),
        ({"expect": [{"ok": 1}]}, False),
        ({"expect": [{"ok": True}]}, True),
    ],
)
def test_schema_and_loader_agree_on_the_edges(document: dict[str, Any], accepted: bool) -> None:
    """The shorthand, the format version, and values that only a lax reading would take."""
    assert _schema_accepts(document) is accepted
    assert _models_accept(document) is accepted


def test_a_newer_format_is_refused_with_what_to_do(tmp_path: Path) -> None:
    """A file written for a newer format says to upgrade charter, at the key's position."""
    from charter.engine.errors import ScenarioError

    path = tmp_path / "newer.yaml"
    path.write_text(f"format_version: {FORMAT_VERSION + 1}\nbaseline: empty\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as raised:
        load_file(path)
    assert "upgrade charter" in str(raised.value)
    assert f"{path}:1:" in str(raised.value)


def test_a_file_naming_the_current_format_loads(tmp_path: Path) -> None:
    """``format_version`` set to the current format is read like a file that names none."""
    path = tmp_path / "current.yaml"
    path.write_text(f"format_version: {FORMAT_VERSION}\nbaseline: csto\n", encoding="utf-8")
    loaded = load_file(path)
    assert isinstance(loaded, Scenario)
    assert loaded.format_version == FORMAT_VERSION


def _depth(node: Any, defs: dict[str, Any], seen: frozenset[str] = frozenset()) -> int:
    """How many levels of mappings and lists a value of this schema node may nest."""
    if not isinstance(node, dict):
        return 0
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        assert name not in seen, f"the schema refers to {name} inside itself"
        return _depth(defs[name], defs, seen | {name})
    inner = 0
    for key in ("anyOf", "oneOf", "allOf"):
        for option in node.get(key, ()):
            inner = max(inner, _depth(option, defs, seen))
    own = (
        1
        if node.get("type") in ("object", "array") or "properties" in node or "items" in node
        else 0
    )
    children = [*node.get("properties", {}).values()]
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            children.append(node[key])
    deepest = max((_depth(child, defs, seen) for child in children), default=0)
    return max(inner, own + deepest)


def test_no_document_the_schema_accepts_nests_deeper_than_the_reader_assumes() -> None:
    """The JSON reader leaves depth to validation down to SCHEMA_DEPTH: the schema stays within it."""
    from charter.files._jsontext import SCHEMA_DEPTH

    schema = file_schema()
    assert 4 <= _depth(schema, schema["$defs"]) <= SCHEMA_DEPTH
