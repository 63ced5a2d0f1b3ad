"""Which files a command reads: the files named, and the scenario files under each folder named.

Nothing is skipped silently: an empty path, a folder that cannot be searched, a
link to a folder inside a folder (never followed, so no loop) and a folder with
no scenario file are errors; a name the system refuses to look at (too long, say)
is left to the reader, which names it and the cause.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from charter.engine.errors import Problem, ScenarioError

__all__ = ["SUFFIXES", "is_folder", "scenario_files"]

SUFFIXES = (".yaml", ".yml", ".json", ".jsonl")


def scenario_files(paths: Sequence[str]) -> list[Path]:
    """The files named, and every scenario file under each folder named; nothing skipped silently.

    A folder is searched for ``*.yaml``, ``*.yml``, ``*.json`` and ``*.jsonl`` in any
    case; a subfolder that cannot be read, or a link to a folder (never followed,
    so no loop), is an error, as is a folder with no scenario file at all.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for name in paths:
        if name == "":
            problems.append(Problem("''", 0, 0, "", "an empty path (expected a file or a folder)"))
            continue
        path = Path(name)
        if not is_folder(path):
            files.append(path)  # the reader says what is wrong with it, if anything
            continue
        found, trouble = _walk(path)
        problems += trouble
        if not found and not trouble:
            problems.append(
                Problem(
                    name, 0, 0, "", "no scenario files (*.yaml, *.json, *.jsonl) in this folder"
                )
            )
        files.extend(found)
    if problems:
        raise ScenarioError(problems)
    return files


def is_folder(path: Path) -> bool:
    """Whether ``path`` names a folder; any error (a name too long, say) is left to the reader."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _walk(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The scenario files under ``folder``, in order, and what could not be searched."""
    found: list[Path] = []
    problems: list[Problem] = []

    def refused(exc: OSError) -> None:
        where = exc.filename if isinstance(exc.filename, str) else str(folder)
        reason = exc.strerror or type(exc).__name__
        problems.append(Problem(where, 0, 0, "", f"cannot read the folder: {reason}"))

    for top, folders, names in os.walk(folder, onerror=refused):
        for sub in sorted(folders):
            if os.path.islink(os.path.join(top, sub)):
                problems.append(
                    Problem(
                        os.path.join(top, sub),
                        0,
                        0,
                        "",
                        "a link to a folder is not followed (name its target instead)",
                    )
                )
        folders.sort()
        found += [Path(top, name) for name in names if Path(name).suffix.lower() in SUFFIXES]
    return sorted(found), problems
