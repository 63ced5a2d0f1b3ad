"""The YAML both readers take: the core tags, a scalar's value, and the parser to use.

The careful reader (``charter.files._yaml``) and the quick one (``charter.files._plain``)
build values from the same parser events with these, so they cannot read a scalar two ways.
"""

from __future__ import annotations

from typing import Any

import yaml

from charter.files._env import yaml_loader

__all__ = [
    "_BOOL",
    "_FLOAT",
    "_INT",
    "_MAP",
    "_NOT_ALLOWED",
    "_NULL",
    "_PLAIN_KEY_TAGS",
    "_SEQ",
    "_STR",
    "_TIMESTAMP",
    "_Loader",
    "_loader_class",
    "_resolve_scalar",
    "_scalar_value",
]

try:  # libyaml is much faster; the pure-Python loader is the same language.
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,misc,unused-ignore]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

_PLAIN_KEY_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP})

_NOT_ALLOWED = object()
"""What ``_scalar_value`` gives for a tag outside the core schema."""


def _scalar_value(tag: str, text: str) -> Any:
    """The value of a scalar with a core tag; ``_NOT_ALLOWED`` for any other tag."""
    if tag in (_STR, _TIMESTAMP):
        return text
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return text.lower() in ("true", "yes", "on")
    if tag == _INT:
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag == _FLOAT:
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return text
    return _NOT_ALLOWED


_RESOLVER: Any = yaml.resolver.Resolver()


def _resolve_scalar(event: Any) -> str:
    tag = event.tag
    if tag is None or tag == "!":
        resolved: str = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
        return resolved
    return str(tag)


def _loader_class() -> type[yaml.SafeLoader]:
    """The parser the environment asks for: libyaml (if PyYAML has it) or PyYAML's own."""
    return yaml.SafeLoader if yaml_loader() == "python" else _Loader
