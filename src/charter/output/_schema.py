"""The JSON Schema of scenario and proposal files, generated from the models.

Pydantic writes the schema of each model; what the models' validators accept
beyond their field types is written in here, next to the validator it follows,
so that the schema accepts what the loader accepts:

- a ``before`` validator widens what a field takes (``unknown`` for a value not
  known, the ``baseline`` shorthand, a file's ``format_version``);
- an ``after`` validator narrows it (a state code must be a real one);
- a model validator ties fields together (an event holds exactly one kind).

What no JSON Schema can say is left to the loader and named in the schema's
``description``: events in date order, unique event ids, terms that do not end
before they start.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from charter.engine._days import strict_day
from charter.engine._installed import rule_ids
from charter.engine._iso3166 import ALPHA3
from charter.engine.model import EVENT_KINDS, _known_state, _unknown_is_none
from charter.engine.packs import DEFAULT_RULEBOOK, WORD_CATEGORIES, all_words, rulebook_ids
from charter.files.expecting import _EXPECTATION_KINDS, _exactly_bool, _status_or_none
from charter.files.scenario import (
    FORMAT_VERSION,
    Proposal,
    Scenario,
    _baseline_shorthand,
    _format_version,
    _installed_rulebook,
    _record_of_rulebook,
)

__all__ = ["SCHEMA_ID", "file_schema"]

SCHEMA_ID = f"urn:charter:schema:scenario:{FORMAT_VERSION}"
"""The schema's ``$id``: it names the format version, so each version has its own."""

# Pydantic resolves every "$ref" it meets, so a state code is marked while the schema
# is generated and becomes a reference to the one list of codes afterwards.
_STATE_MARK = "x-charter-state-code"
# The end of the text, written so that ECMA-262 (editors) and Python's ``re`` (the
# jsonschema package) read it alike: ``$`` alone lets Python accept a final newline.
_END = r"(?![\s\S])"
_DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}" + _END
_DAY = {"type": "string", "format": "date", "pattern": _DAY_PATTERN}


def _not_null(key: str) -> dict[str, Any]:
    return {"required": [key], "properties": {key: {"not": {"type": "null"}}}}


def _exactly_one_of(keys: typing.Iterable[str]) -> dict[str, Any]:
    """A mapping in which exactly one of ``keys`` is present and not null."""
    return {"oneOf": [_not_null(key) for key in keys]}


def _needs_state() -> dict[str, Any]:
    """A participant in a member's capacity names the member (``Participant`` checks it)."""
    capacities = sorted(all_words("state_capacities"))
    return {
        "if": {"required": ["capacity"], "properties": {"capacity": {"enum": capacities}}},
        "then": _not_null("state"),
    }


def _baseline_forms(inner: JsonSchemaValue) -> JsonSchemaValue:
    """``baseline: empty``, ``baseline: ID``, ``baseline: {ID: DAY}`` (a rulebook's id), or the full mapping.

    A rulebook's id stands for its record (the loader also checks that it is the
    record of the file's own rulebook).
    """
    records = ["empty", *rulebook_ids()]
    return {
        "anyOf": [
            inner,
            {"enum": records},
            {
                "type": "object",
                "propertyNames": {"enum": list(rulebook_ids())},
                "additionalProperties": {"anyOf": [_DAY, {"type": "null"}]},
                "minProperties": 1,
                "maxProperties": 1,
            },
        ]
    }


# What each model validator requires, by the model's name in ``$defs``.
_MODEL_RULES: dict[str, typing.Callable[[], dict[str, Any]]] = {
    "Event": lambda: _exactly_one_of(EVENT_KINDS),
    "Expectation": lambda: _exactly_one_of(_EXPECTATION_KINDS),
    "Participant": _needs_state,
    "ViolationSpec": lambda: {"properties": {"rule": {"enum": list(rule_ids())}}},
}


class _FileSchema(GenerateJsonSchema):
    """Pydantic's generator, taught what charter's validators accept."""

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        inner = super().function_before_schema(schema)
        function = schema["function"]["function"]
        if function is _unknown_is_none:
            return {"anyOf": [inner, {"const": "unknown"}]}
        if function is _baseline_shorthand:
            return _baseline_forms(inner)
        if function is strict_day:
            return {**inner, "pattern": _DAY_PATTERN}
        if function is _format_version:
            return {"type": "integer", "const": FORMAT_VERSION}
        if function is _exactly_bool:
            return {"type": "boolean", **inner}
        if function is _installed_rulebook:
            return {"type": "string", "enum": list(rulebook_ids())}
        if function is _record_of_rulebook:
            return {"type": "string", "enum": ["empty", *rulebook_ids()]}
        if function is _status_or_none:
            return {"type": "string", "enum": [*all_words("statuses"), "none"]}
        category = WORD_CATEGORIES.get(function)
        if category is not None:
            return {"type": "string", "enum": all_words(category)}
        return inner

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        generated = super().str_schema(schema)
        if not schema.get("strip_whitespace"):
            return generated
        # The lengths are those of the text without its surrounding white space.
        shortest, longest = schema.get("min_length", 0), schema.get("max_length")
        generated.pop("minLength", None)
        generated.pop("maxLength", None)
        if longest is None or shortest < 1:
            return generated
        generated["pattern"] = rf"^\s*(?=\S)[\s\S]{{{shortest},{longest}}}(?<=\S)\s*" + _END
        return generated

    def function_after_schema(
        self, schema: core_schema.AfterValidatorFunctionSchema
    ) -> JsonSchemaValue:
        if schema["function"]["function"] is _known_state:
            return {_STATE_MARK: True}
        return super().function_after_schema(schema)


def _merge(target: dict[str, Any], extra: dict[str, Any]) -> None:
    """Add ``extra``'s constraints to a model's schema (properties are merged, not replaced)."""
    for key, value in extra.items():
        if key == "properties":
            for name, constraint in value.items():
                target["properties"][name] = constraint
        else:
            target[key] = value


def _finish(node: Any) -> Any:
    """The generated schema with state codes referred to, and patterns read alike everywhere."""
    if isinstance(node, dict):
        if node.get(_STATE_MARK):
            return {"$ref": "#/$defs/StateCode"}
        finished = {key: _finish(value) for key, value in node.items()}
        pattern = finished.get("pattern")
        if isinstance(pattern, str) and pattern.endswith("$") and not pattern.endswith("\\$"):
            finished["pattern"] = pattern[:-1] + _END
        return finished
    if isinstance(node, list):
        return [_finish(item) for item in node]
    return node


def file_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario or proposal file, version ``FORMAT_VERSION``."""
    generated = _finish(TypeAdapter(Scenario | Proposal).json_schema(schema_generator=_FileSchema))
    definitions: dict[str, Any] = generated["$defs"]
    for name, rule in _MODEL_RULES.items():
        _merge(definitions[name], rule())
    definitions["StateCode"] = {
        "description": "A state, by ISO 3166-1 alpha-3 code (FRA, DEU...).",
        "type": "string",
        "enum": sorted(ALPHA3),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"charter scenario or proposal, format {FORMAT_VERSION}",
        "description": (
            "A scenario (a baseline, events and expectations) or a proposal (one session, "
            "told apart by a top-level 'session' key). A file may name its format with "
            f"'format_version: {FORMAT_VERSION}' and its rulebook with 'rulebook' "
            f"({DEFAULT_RULEBOOK} when absent). The words of the vocabulary listed here are those of every installed "
            "rulebook; charter checks each file against its own rulebook's words. Beyond this "
            "schema, charter checks that events come in date order with unique ids and that no "
            "term ends before it starts."
        ),
        "x-format-version": FORMAT_VERSION,
        "anyOf": generated["anyOf"],
        "allOf": [_own_record(rulebook) for rulebook in rulebook_ids()],
        "$defs": dict(sorted(definitions.items())),
    }


def _own_record(rulebook: str) -> dict[str, Any]:
    """A baseline that names ``rulebook``'s record belongs to a file of that rulebook."""
    names_it = {
        "properties": {
            "baseline": {
                "anyOf": [
                    {"const": rulebook},
                    {"type": "object", "required": [rulebook]},
                    {
                        "type": "object",
                        "properties": {"record": {"const": rulebook}},
                        "required": ["record"],
                    },
                ]
            }
        },
        "required": ["baseline"],
    }
    own: dict[str, Any] = {"properties": {"rulebook": {"const": rulebook}}}
    if rulebook != DEFAULT_RULEBOOK:
        own["required"] = ["rulebook"]
    return {"if": names_it, "then": own}
