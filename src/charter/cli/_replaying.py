"""The commands that replay files: replay, check and coverage."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from charter.cli._output import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    _emit,
    _out,
)
from charter.engine._choosing import agreeing, chosen
from charter.engine._packnames import DEFAULT_RULEBOOK
from charter.engine.errors import Problem, ScenarioError
from charter.files._files import scenario_files
from charter.files._inputs import STDIO
from charter.files._inputs import load as _load
from charter.files._inputs import load_proposal_from as _proposal
from charter.files._inputs import load_scenario_from as _scenario

if TYPE_CHECKING:
    from charter.engine.results import ScenarioReport
    from charter.files.scenario import Proposal, Scenario

__all__ = ["_cmd_check", "_cmd_coverage", "_cmd_replay", "_load_all", "_run_all", "_scenario_files"]


def _scenario_files(paths: Sequence[str]) -> list[Path]:
    """The files named, folders searched; ``-`` (standard input) at most once."""
    if sum(name == STDIO for name in paths) > 1:
        raise ScenarioError.single(STDIO, "standard input can be read only once")
    files: list[Path] = []
    for name in paths:
        files.extend([Path(name)] if name == STDIO else scenario_files([name]))
    return files


def _load_all(paths: Sequence[str | Path]) -> list[Scenario | Proposal]:
    """Load every file; report the problems of all of them at once."""
    loaded: list[Scenario | Proposal] = []
    problems: list[Problem] = []
    for file in scenario_files([str(path) for path in paths]):
        try:
            loaded.append(_load(str(file)))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)
    return loaded


def _run_all(loaded: Sequence[Scenario | Proposal], strict: bool) -> list[ScenarioReport]:
    """Replay each file; a proposal is checked, but judged as replay judges: by its expectations."""
    from charter.output.documents import replayed

    return [replayed(item, strict=strict) for item in loaded]


def _replay_junit(files: Sequence[Path], strict: bool) -> int:
    """Replay each file on its own, timed; a file that cannot be read is an ``<error>``."""
    import time

    from charter.engine.stream import replay_stream
    from charter.output._junit import Unreadable, junit_document

    results: list[ScenarioReport | Unreadable] = []
    seconds: list[float] = []
    for file in files:
        started = time.perf_counter()
        try:
            if file.suffix == ".jsonl":
                results.append(replay_stream(file, strict=strict))
            else:
                results.append(_run_all(_load_all([file]), strict)[0])
        except ScenarioError as exc:
            results.append(Unreadable(str(file), tuple(exc.problems)))
        seconds.append(time.perf_counter() - started)
    _out(junit_document(results, seconds))
    if any(isinstance(result, Unreadable) for result in results):
        return EXIT_INVALID
    passed = all(isinstance(result, Unreadable) or result.expectations_met for result in results)
    return EXIT_OK if passed else EXIT_FAILED


def _cmd_replay(args: argparse.Namespace) -> int:
    from charter.engine.record import record_path
    from charter.output.report import Style, report_json
    from charter.output.verdicts import render_replay

    files = (
        _scenario_files([str(p) for p in args.paths]) if args.paths else [record_path(chosen(args))]
    )
    if args.format == "junit":
        return _replay_junit(files, args.strict)
    streamed = [file for file in files if file.suffix.lower() == ".jsonl"]
    loaded = _load_all([file for file in files if file not in streamed])
    agreeing(args, loaded)
    reports = _run_all(loaded, args.strict)
    if streamed:  # JSON Lines histories may be large: replayed line by line
        from charter.engine.stream import replay_stream

        reports += [replay_stream(file, strict=args.strict) for file in streamed]
        if args.rulebook is not None and any(r.rulebook != args.rulebook for r in reports):
            raise ScenarioError.single(
                "PATH", f"a JSON Lines file belongs to another rulebook than {args.rulebook!r}"
            )
    text = render_replay(reports, Style.for_stream(sys.stdout, args.color), verbose=args.verbose)
    _emit(report_json(reports), text, args.format)
    return EXIT_OK if all(report.expectations_met for report in reports) else EXIT_FAILED


def _cmd_check(args: argparse.Namespace) -> int:
    from charter.engine.check import check_session
    from charter.output.report import Style, report_json
    from charter.output.verdicts import render_check

    proposal = _proposal(args.file)
    history = _scenario(args.history) if args.history is not None else None
    agreeing(args, [proposal] if history is None else [proposal, history])
    report = check_session(proposal, history, strict=args.strict)
    against = f"the history in {args.history}" if args.history else "the embedded record"
    rules = f"the rules in force on {proposal.date}"
    style = Style.for_stream(sys.stdout, args.color)
    text = render_check(report, style, against=f"{against}, {rules}")
    _emit(report_json([report]), text, args.format)
    return EXIT_OK if report.ok else EXIT_FAILED


def _cmd_coverage(args: argparse.Namespace) -> int:
    from charter.engine.coverage import article_of, coverage

    loaded = _load_all(args.paths)
    if args.rulebook is not None:  # the files of the rulebook asked for, of those found
        loaded = [item for item in loaded if item.rulebook == args.rulebook]
    named = sorted({item.rulebook for item in loaded}, key=lambda name: name != DEFAULT_RULEBOOK)
    covered = [args.rulebook] if args.rulebook is not None else named or [DEFAULT_RULEBOOK]
    reports = _run_all(loaded, strict=False)
    table = [entry for name in covered for entry in coverage(loaded, reports, name)]
    lines = []
    for name in covered:
        if len(covered) > 1:
            lines.append(f"rulebook {name}:")
        for entry in table:
            if entry.rulebook != name:
                continue
            mark = "ok  " if entry.complete else "MISSING"
            lines.append(
                f"{mark} {entry.rule} ({article_of(entry.rule, name)}): fires in "
                f"{len(entry.fires)}, holds in {len(entry.holds)}"
            )
    complete = all(entry.complete for entry in table)
    document = {"complete": complete, "rules": [entry.as_json() for entry in table]}
    _emit(document, "\n".join(lines), args.format, covered[0] if len(covered) == 1 else None)
    return EXIT_OK if complete else EXIT_FAILED
