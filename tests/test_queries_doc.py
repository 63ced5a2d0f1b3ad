"""docs/queries.md shows the JSON that chair, members, sg and status really print."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from charter.cli import main

PAGE = (Path(__file__).resolve().parent.parent / "docs" / "queries.md").read_text(encoding="utf-8")
SECTIONS = re.split(r"^## ", PAGE, flags=re.MULTILINE)


def _examples() -> list[tuple[list[str], dict[str, Any]]]:
    found = []
    for section in SECTIONS:
        command = re.match(r"`charter (\w+)(?: (STATE))? --on DATE`", section)
        if command is None:
            continue
        for block in re.findall(r"```json\n(.*?)```", section, flags=re.DOTALL):
            document = json.loads(block)
            argv = [command.group(1)]
            if command.group(2):
                argv.append(document["state"])
            found.append(([*argv, "--on", document["date"], "--format", "json"], document))
    return found


EXAMPLES = _examples()


def test_every_command_has_an_example() -> None:
    """The page shows at least one JSON document for each of the four commands."""
    assert {argv[0] for argv, _ in EXAMPLES} == {"chair", "members", "sg", "status"}


@pytest.mark.parametrize(("argv", "shown"), EXAMPLES, ids=lambda value: str(value)[:40])
def test_the_example_is_what_the_command_prints(
    argv: list[str], shown: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Each example has the command's keys in order, and its values wherever the page does not elide them."""
    assert main(argv) == 0
    printed = json.loads(capsys.readouterr().out)
    assert list(printed) == list(shown)
    for key, value in shown.items():
        if "..." not in json.dumps(value):
            assert printed[key] == value, key
