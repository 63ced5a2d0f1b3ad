"""Command-line conventions: completion from the parser, ``-`` for standard streams, ``--color``."""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charter.cli import _parser, main
from charter.output._completion import completion_script
from charter.output.report import Style

ROOT = Path(__file__).resolve().parent.parent
PROPOSAL = ROOT / "scenarios" / "proposals" / "moscow-2026-valid.yaml"
SEED = ROOT / "scenarios" / "seeds" / "moscow-2014-12-23.yaml"


def _charter(
    *args: str, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "charter", *args],
        input=stdin,
        capture_output=True,
        check=False,
        cwd=ROOT,
        env=env,
    )


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["charter", "rep"], ["replay"]),
        (["charter", "replay", "--for"], ["--format"]),
        (["charter", "replay", "--format", ""], ["text", "json", "junit"]),
        (["charter", "timeline", "--color", ""], ["auto", "always", "never"]),
    ],
)
def test_the_bash_script_completes_commands_options_and_choices(
    tmp_path: Path, words: list[str], expected: list[str]
) -> None:
    """Sourced in bash, the generated script completes what the parser knows."""
    script = tmp_path / "charter.bash"
    script.write_text(completion_script(_parser(), "bash"), encoding="utf-8")
    quoted = " ".join(f"'{word}'" for word in words)
    line = " ".join(words)
    probe = (
        f"source {script}; COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; "
        f"COMP_LINE='{line}'; COMP_POINT={len(line)}; _shtab_charter; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True).stdout
    assert sorted(out.split()) == sorted(expected)


def test_the_fish_script_has_every_command_and_option_of_the_parser() -> None:
    """Each subcommand and each of its long options has a ``complete`` line in the fish script."""
    script = completion_script(_parser(), "fish")
    for name, sub in _subcommands().items():
        assert f"-n __fish_use_subcommand -a {name} " in script
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert f"'__fish_seen_subcommand_from {name}' -l {option[2:]}" in script


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_the_zsh_and_fish_scripts_parse_where_the_shell_is_installed(
    tmp_path: Path, shell: str
) -> None:
    """The script is valid syntax for its shell (checked with the shell's own ``-n``)."""
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    script = tmp_path / f"charter.{shell}"
    script.write_text(completion_script(_parser(), shell), encoding="utf-8")
    subprocess.run([shell, "-n", str(script)], check=True)


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_the_fish_script_completes_commands_and_choices(tmp_path: Path) -> None:
    """Loaded in fish, the script completes a command's name and an option's choices."""
    script = tmp_path / "charter.fish"
    script.write_text(completion_script(_parser(), "fish"), encoding="utf-8")
    probe = f"source {script}; complete -C 'charter rep'; complete -C 'charter replay --format '"
    out = subprocess.run(["fish", "-c", probe], capture_output=True, text=True, check=True).stdout
    words = [line.split("\t")[0] for line in out.splitlines()]
    assert words == ["replay", "json", "junit", "text"]


def test_completion_is_printed_by_the_command_and_refuses_other_shells(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``charter --completion bash`` prints the script and exits 0; another shell exits 2."""
    assert main(["--completion", "bash"]) == 0
    assert "_shtab_charter" in capsys.readouterr().out
    assert main(["--completion", "tcsh"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_a_proposal_on_standard_input_is_checked_like_the_file() -> None:
    """``charter check -`` reads the proposal from standard input, with the same verdict."""
    from_file = _charter("check", str(PROPOSAL), "--format", "json")
    from_stdin = _charter("check", "-", "--format", "json", stdin=PROPOSAL.read_bytes())
    assert from_stdin.returncode == from_file.returncode == 0
    assert from_stdin.stdout.replace(b"<stdin>", str(PROPOSAL).encode()) == from_file.stdout


def test_standard_input_is_read_within_the_size_limit() -> None:
    """More bytes on standard input than the limit: one line, exit 2, as for a file."""
    env = {"CHARTER_MAX_BYTES": "1000", "PATH": ""}
    done = _charter("replay", "-", stdin=b"title: x\n" * 1000, env=env)
    assert done.returncode == 2
    assert done.stderr.decode().startswith("<stdin>: ")
    assert "over the limit of 1000 bytes" in done.stderr.decode()
    assert b"Traceback" not in done.stderr


def test_bad_yaml_on_standard_input_is_located() -> None:
    """A broken document on standard input names ``<stdin>``, its line and column."""
    done = _charter("replay", "-", stdin=b"title: [\n")
    assert done.returncode == 2
    assert done.stderr.decode().startswith("<stdin>:2:1: not valid YAML")


def test_standard_input_is_read_at_most_once() -> None:
    """``-`` twice is refused rather than read as an empty second file."""
    done = _charter("replay", "-", "-", stdin=SEED.read_bytes())
    assert done.returncode == 2
    assert b"only once" in done.stderr


def test_output_dash_is_standard_output(tmp_path: Path) -> None:
    """``timeline -o -`` prints, and creates no file named ``-``."""
    done = subprocess.run(
        [sys.executable, "-m", "charter", "timeline", "--format", "mermaid", "-o", "-"],
        capture_output=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0
    assert done.stdout.startswith(b"gantt")
    assert not (tmp_path / "-").exists()


@given(
    st.sampled_from(["auto", "always", "never"]),
    st.sampled_from([None, "", "1", "0"]),
    st.sampled_from([None, "", "1"]),
    st.booleans(),
)
def test_colour_follows_the_flag_then_force_then_no_color_then_the_terminal(
    mode: str, force: str | None, no_color: str | None, terminal: bool
) -> None:
    """``--color`` decides; under auto, a non-empty FORCE_COLOR, then NO_COLOR, then the tty."""
    environ = {"TERM": "xterm"}
    if force is not None:
        environ["FORCE_COLOR"] = force
    if no_color is not None:
        environ["NO_COLOR"] = no_color

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return terminal

    enabled = Style.for_stream(Stream(), mode, environ).enabled
    if mode != "auto":
        assert enabled is (mode == "always")
    elif force:
        assert enabled
    elif no_color:
        assert not enabled
    else:
        assert enabled is terminal


def test_color_always_colours_a_pipe_and_never_does_not() -> None:
    """Through a pipe (not a terminal), ``--color=always`` still colours; ``never`` never does."""
    path = "scenarios/rules/art13.chair-fires.yaml"
    always = _charter("replay", path, "--color", "always")
    never = _charter("replay", path, "--color=never", env={"FORCE_COLOR": "1", "PATH": ""})
    assert b"\x1b[" in always.stdout
    assert b"\x1b[" not in never.stdout
