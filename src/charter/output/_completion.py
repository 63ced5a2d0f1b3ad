"""Shell completion scripts, generated from the command-line parser itself.

bash and zsh scripts come from shtab, which reads an ``argparse`` parser; shtab
has no fish output, so the fish script is written here from the same parser, one
``complete`` line per command and option. Either way nothing is kept by hand: a
new command or option is completed as soon as the parser has it.
"""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Iterator

__all__ = ["SHELLS", "completion_script"]

SHELLS = ("bash", "zsh", "fish")
"""The shells ``charter --completion SHELL`` writes a script for."""

# Options whose value is a file or a folder: completed with paths.
_PATH_METAVARS = frozenset({"PATH", "FILE", "DIR", "SCENARIO"})


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script of ``parser`` for ``shell`` (one of ``SHELLS``)."""
    if shell == "fish":
        return "\n".join(_fish(parser)) + "\n"
    if shell not in SHELLS:
        raise ValueError(f"{shell!r} is not a shell charter completes (expected {SHELLS})")
    import shtab  # noqa: PLC0415  (only completion needs it; commands start without it)

    return str(shtab.complete(parser, shell=shell))


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _helps(parser: argparse.ArgumentParser) -> dict[str, str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {choice.dest: choice.help or "" for choice in action._choices_actions}
    return {}


def _quoted(text: str) -> str:
    return shlex.quote(" ".join(text.split()))


def _options(prefix: str, parser: argparse.ArgumentParser) -> Iterator[str]:
    """One ``complete`` line per option of ``parser``, under the condition ``prefix``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction | argparse._HelpAction):
            continue
        if not action.option_strings:
            if str(action.metavar) in _PATH_METAVARS:
                yield f"{prefix} -F"
            continue
        names = []
        for option in action.option_strings:
            if option.startswith("--"):
                names.append(f"-l {option[2:]}")
            else:
                names.append(f"-s {option[1:]}")
        line = f"{prefix} {' '.join(names)}"
        if action.choices is not None:
            line += f" -x -a {_quoted(' '.join(str(choice) for choice in action.choices))}"
        elif action.nargs != 0:
            line += " -r -F" if str(action.metavar) in _PATH_METAVARS else " -x"
        if action.help and action.help != argparse.SUPPRESS:
            line += f" -d {_quoted(action.help)}"
        yield line


def _fish(parser: argparse.ArgumentParser) -> Iterator[str]:
    program = parser.prog
    yield f"# fish completion for {program}, generated from its command-line parser"
    yield f"complete -c {program} -f"
    commands = _subcommands(parser)
    helps = _helps(parser)
    top = f"complete -c {program} -n __fish_use_subcommand"
    yield from _options(top, parser)
    for name in commands:
        yield f"{top} -a {name} -d {_quoted(helps.get(name, ''))}"
    for name, sub in commands.items():
        yield from _options(f"complete -c {program} -n '__fish_seen_subcommand_from {name}'", sub)
