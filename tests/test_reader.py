"""The one reader: every format and every command meet the same limits, encodings and rules."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from charter.cli import main
from charter.engine.errors import ScenarioError
from charter.files import _scalars
from charter.files._document import Limits
from charter.files._read import text_of
from charter.files._yaml import read_yaml
from charter.files.loading import load_file, load_text
from charter.files.scenario import Proposal, Scenario

ROOT = Path(__file__).resolve().parent.parent
HEADER = {"title": "a history", "baseline": "empty"}
EVENT = {"id": "m-tjk", "date": "2003-09-18", "membership": {"state": "TJK", "status": "member"}}
SCENARIO = {**HEADER, "events": [EVENT]}
PROPOSAL = {
    "id": "p",
    "date": "2021-09-16",
    "session": {"kind": "regular", "host": "TJK", "chair": {"person": "Emomali Rahmon"}},
}
PROPOSAL_FILE = ROOT / "scenarios" / "proposals"


def _write(path: Path, fmt: str, data: Mapping[str, Any]) -> Path:
    """Write ``data`` as ``fmt`` (yaml, json or jsonl) at ``path``."""
    if fmt == "yaml":
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    elif fmt == "json":
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        events = data.get("events", [])
        header = {key: value for key, value in data.items() if key != "events"}
        lines = [json.dumps(header, ensure_ascii=False)]
        lines += [json.dumps(event, ensure_ascii=False) for event in events]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


FORMATS = ("yaml", "json", "jsonl")


def _one_line(path: Path, *commands: str) -> list[str]:
    """Run each command on ``path`` in-process; each must exit 2 with one line, no traceback."""
    lines = []
    for command in commands:
        argv = (
            [command, str(path)]
            if command in ("replay", "check")
            else [command, "--on", "2020-01-01", "--history", str(path)]
        )
        with pytest.raises(ScenarioError) as caught:
            load_file(path)
        assert main(argv) == 2
        lines.append(str(caught.value))
    return lines


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1251"]
)
def test_files_not_in_utf8_are_named_as_such(tmp_path: Path, fmt: str, encoding: str) -> None:
    """A scenario saved in another encoding is refused with one located line in every format."""
    data = {**SCENARIO, "title": "Душанбе, café"}
    text = _write(tmp_path / f"s.{fmt}", fmt, data).read_text(encoding="utf-8")
    path = tmp_path / f"s.{fmt}"
    path.write_bytes(text.encode(encoding, errors="replace"))
    with pytest.raises(ScenarioError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert problem.line >= 1
    assert (
        "UTF-16" in problem.message or "UTF-32" in problem.message or "not UTF-8" in problem.message
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_byte_order_mark_is_accepted_in_every_format(tmp_path: Path, fmt: str) -> None:
    """A UTF-8 byte-order mark is skipped, in YAML, JSON and JSON Lines alike."""
    path = _write(tmp_path / f"s.{fmt}", fmt, SCENARIO)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert isinstance(load_file(path), Scenario)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_size_limit_holds_in_every_format(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CHARTER_MAX_BYTES refuses a large file in every format, JSON Lines replayed as a stream too."""
    path = _write(tmp_path / f"s.{fmt}", fmt, {**SCENARIO, "description": "x" * 5000})
    monkeypatch.setenv("CHARTER_MAX_BYTES", "1000")
    with pytest.raises(ScenarioError, match="limit of 1000 bytes"):
        load_file(path)
    assert main(["replay", str(path)]) == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_duplicate_keys_are_refused_in_every_format(tmp_path: Path, fmt: str) -> None:
    """A key given twice is refused, with its line, in YAML, JSON and JSON Lines (never last-wins)."""
    path = tmp_path / f"s.{fmt}"
    if fmt == "yaml":
        path.write_text("title: a\nbaseline: empty\ntitle: b\nevents: []\n")
    elif fmt == "json":
        path.write_text('{"title": "a",\n "baseline": "empty",\n "title": "b", "events": []}\n')
    else:
        path.write_text('{"title": "a", "baseline": "empty"}\n{"id": "x", "id": "y"}\n')
    with pytest.raises(ScenarioError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert "duplicate key" in problem.message
    assert problem.line == (2 if fmt == "jsonl" else 3)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_what_is_not_a_regular_file_is_refused_at_once(
    tmp_path: Path, fmt: str, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A FIFO, a link to a device or a folder given as any input ends at once in one line, exit 2."""
    path = tmp_path / f"s.{fmt}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    for argv in (
        ["replay", str(path)] if kind != "folder" else ["check", str(path)],
        ["check", str(path)],
        ["check", str(PROPOSAL_FILE / "astana-2026-wrong-host.yaml"), "--history", str(path)],
        ["chair", "--on", "2020-01-01", "--history", str(path)],
        ["members", "--on", "2020-01-01", "--history", str(path)],
        ["timeline", str(path)],
    ):
        if kind != "fifo":
            assert main(argv) == 2, argv
            err = capsys.readouterr().err
        else:  # in a process of its own, so that a hang would be a timeout, not a stuck suite
            process = subprocess.run(
                [sys.executable, "-m", "charter", *argv],
                capture_output=True,
                text=True,
                timeout=60,
                env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                check=False,
            )
            assert process.returncode == 2, argv
            err = process.stderr
        assert err.count("\n") == 1, err
        assert err.startswith(str(path)), err
        assert "Traceback" not in err


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(padding=st.integers(0, 150), title=st.sampled_from(["session", '"session"', "events"]))
def test_the_kind_is_decided_from_the_parsed_document(
    tmp_path_factory: pytest.TempPathFactory, fmt: str, padding: int, title: str
) -> None:
    """A proposal is a file with a top-level 'session' key, however far into the file it stands
    (past 4,096 characters too); the word "session" in a title or an event is not that key."""
    folder = tmp_path_factory.mktemp("kind")
    wanted = {"members": {"on": "2021-09-16", "members": ["TJK"]}}
    scenario = {"description": "session " * min(padding, 240), **SCENARIO, "title": title}
    assert isinstance(load_file(_write(folder / f"s.{fmt}", fmt, scenario)), Scenario)
    proposal = {"title": '"events"', "expect": [wanted] * padding, **PROPOSAL}
    path = _write(folder / f"p.{fmt}", fmt, proposal)
    assert isinstance(load_file(path), Proposal)
    if fmt == "json" and padding >= 100:
        assert path.read_text().index('"session"') > 4096


CONTROLS = [
    chr(code) for code in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))
]


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    control=st.sampled_from(CONTROLS),
    field=st.sampled_from(["title", "description", "person", "key"]),
    before=st.text(alphabet="abc ", max_size=5),
)
def test_control_characters_are_refused_in_every_string(
    tmp_path_factory: pytest.TempPathFactory, fmt: str, control: str, field: str, before: str
) -> None:
    """A control character in any string (a value or a key), written as an escape, is refused, located."""
    office = {"state": "TJK", "role": "head_of_state", "person": "Emomali Rahmon"}
    event = {"id": "o-tjk", "date": "2003-09-18", "office": office}
    data: dict[str, object] = {**HEADER, "description": "plain", "events": [event]}
    bad = f"{before}{control}x"
    if field == "person":
        office["person"] = bad
    elif field == "key":
        data[bad] = "value"
    else:
        data[field] = bad
    path = tmp_path_factory.mktemp("c") / f"s.{fmt}"
    if fmt == "yaml":  # YAML refuses raw control characters; an escape lets one in
        text = json.dumps(data, ensure_ascii=True)  # JSON is YAML; \\u escapes stay escapes
        path.write_text(text, encoding="utf-8")
    else:
        _write(path, fmt, data)
        path.write_text(path.read_text().replace(control, f"\\u{ord(control):04x}"))
    with pytest.raises(ScenarioError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert f"U+{ord(control):04X}" in problem.message
    assert problem.line >= 1


@pytest.mark.parametrize(
    ("text", "fmt", "said"),
    [
        (
            '{"title": "x", "baseline": "empty", "events": [],}\n',
            "json",
            "a comma before a closing bracket",
        ),
        ("title: x\nbaseline: empty\n", "json", "this looks like YAML"),
        ('{"title": "x", "baseline": "empty"}\nid: e1\n', "jsonl", "this looks like YAML"),
        ('\n\n{"title": "x", "baseline": "empty"}\n', "jsonl", None),
    ],
)
def test_json_errors_say_what_and_where(text: str, fmt: str, said: str | None) -> None:
    """A trailing comma, YAML in JSON, a YAML line in JSON Lines: each says so, at its place."""
    if said is None:  # blank lines before the header are blank lines, not an empty file
        assert isinstance(load_text("<stdin>", text, fmt), Scenario)
        return
    with pytest.raises(ScenarioError) as caught:
        load_text("<stdin>", text, fmt)
    (problem,) = caught.value.problems
    assert said in problem.message
    assert problem.message.startswith("not valid JSON")
    assert problem.line >= 1


def test_text_from_elsewhere_meets_the_same_limits() -> None:
    """Text from standard input or a request is held to the size limit and strict UTF-8 by name."""
    with pytest.raises(
        ScenarioError, match="<request>: the text is 20 bytes, over the limit of 10"
    ):
        text_of("<request>", b"x" * 20, Limits(max_bytes=10))
    with pytest.raises(ScenarioError, match=r"<stdin>:1:3: not UTF-8 text \(byte 0xe9\)"):
        text_of("<stdin>", b"ab\xe9")
    assert text_of("<stdin>", "title: x\n") == "title: x\n"


DEEP = 1500


@pytest.mark.parametrize("parser", ["libyaml", "python"])
def test_charter_limits_hold_under_both_parsers(
    parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The depth limit is charter's: the same message under libyaml and PyYAML, and can be raised
    past libyaml's own bound (libyaml 0.2.6 refuses 1,000 levels by itself)."""
    monkeypatch.setenv("CHARTER_YAML_PARSER", parser)
    if parser == "libyaml" and _scalars._Loader is yaml.SafeLoader:
        pytest.skip("PyYAML was built without libyaml")
    for text in ("a: " + "[" * DEEP + "]" * DEEP + "\n", "- " * DEEP + "x\n"):
        with pytest.raises(ScenarioError, match="nesting deeper than 64 levels") as caught:
            read_yaml("deep.yaml", text)
        assert len(caught.value.problems) == 1
        read_yaml("deep.yaml", text, Limits(max_depth=DEEP + 5))
    assert _scalars._loader_class() is (yaml.SafeLoader if parser == "python" else _scalars._Loader)


@pytest.mark.parametrize("parser", ["libyaml", "python"])
@settings(max_examples=40)
@given(depth=st.integers(1, 1200), flow=st.booleans())
def test_any_nesting_gives_the_same_verdict_under_both_parsers(
    parser: str, depth: int, flow: bool
) -> None:
    """For nesting of any depth, both parsers accept exactly the same texts under the same limit."""
    text = "a: " + "[" * depth + "]" * depth + "\n" if flow else "- " * depth + "x\n"
    os.environ["CHARTER_YAML_PARSER"] = parser
    refusal = ""
    try:
        read_yaml("n.yaml", text)
    except ScenarioError as exc:
        refusal = str(exc)
    finally:
        del os.environ["CHARTER_YAML_PARSER"]
    if refusal:
        assert "nesting deeper than 64 levels" in refusal
        assert depth >= 64
    else:
        assert depth <= 64


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(control=st.sampled_from(CONTROLS[1:]), fmt=st.sampled_from(FORMATS))
def test_a_file_name_with_a_control_character_is_refused(
    tmp_path_factory: pytest.TempPathFactory, control: str, fmt: str
) -> None:
    """A file whose name holds a control character is refused by name (escaped), never quoted raw."""
    folder = tmp_path_factory.mktemp("n")
    try:
        path = _write(folder / f"a{control}b.{fmt}", fmt, SCENARIO)
    except (OSError, ValueError):
        return  # the system itself refuses the name
    with pytest.raises(ScenarioError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert "control character" in problem.message
    assert control not in str(problem)


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ufffe", "\\uffff"])
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_lone_surrogates_and_noncharacters_are_refused(escape: str, fmt: str) -> None:
    """A JSON escape for a lone surrogate or a noncharacter is refused, located, and printable."""
    text = (
        '{"title": "a'
        + escape
        + '", "baseline": "empty"'
        + (', "events": []}' if fmt == "json" else "}\n")
    )
    with pytest.raises(ScenarioError) as caught:
        load_text("s.json", text, fmt)
    (problem,) = caught.value.problems
    assert f"U+{escape[2:].upper()}" in problem.message
    str(problem).encode("utf-8")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40))
def test_junit_is_well_formed_for_any_title_that_loads(
    tmp_path_factory: pytest.TempPathFactory, title: str
) -> None:
    """Whatever title a file holds, it is refused at load or the JUnit report is well-formed XML."""
    import xml.etree.ElementTree as ET

    from charter import replay
    from charter.output.report import report_junit

    path = _write(tmp_path_factory.mktemp("j") / "s.json", "json", {**SCENARIO, "title": title})
    try:
        loaded = load_file(path)
    except ScenarioError:
        return
    assert isinstance(loaded, Scenario)
    ET.fromstring(report_junit([replay(loaded)]))


_WORDS = st.text(st.characters(max_codepoint=0xFFFD, exclude_categories=["Cs", "Cc"]), max_size=3)


def _nested(inner: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.lists(inner, max_size=3), st.dictionaries(_WORDS, inner, max_size=3))


JSON_VALUES = st.recursive(
    st.one_of(st.integers(), _WORDS, st.booleans(), st.none()), _nested, max_leaves=30
)


@settings(max_examples=80)
@given(
    value=JSON_VALUES,
    depth=st.integers(0, 80),
    max_depth=st.integers(1, 70),
    max_nodes=st.integers(1, 60),
)
def test_json_meets_the_limits_exactly_as_yaml_does(
    value: object, depth: int, max_depth: int, max_nodes: int
) -> None:
    """For any JSON value, nested to any depth, the JSON reader refuses exactly what YAML's reader
    refuses under the same depth and value limits (JSON being a form of YAML)."""
    from charter.files._jsontext import parse_json

    for _ in range(depth):
        value = [value]
    text = json.dumps({"v": value})
    limits = Limits(max_depth=max_depth, max_nodes=max_nodes)
    verdicts: list[tuple[str, object]] = []
    readers: list[Callable[[], object]] = [
        lambda: parse_json("v.json", text, limits),
        lambda: read_yaml("v.json", text, limits).data,
    ]
    for read in readers:
        try:
            verdicts.append(("ok", read()))
        except ScenarioError as exc:
            verdicts.append(("refused", "deeper" in str(exc) or "values" in str(exc)))
    assert verdicts[0][0] == verdicts[1][0]
    if verdicts[0][0] == "refused":
        assert verdicts[0][1]
        assert verdicts[1][1]


@settings(max_examples=200)
@given(text=st.text(), ascii_only=st.booleans())
@example(text="A\x7fB", ascii_only=True)
@example(text="A\x7fB", ascii_only=False)
@example(text="A\x85B", ascii_only=False)
@example(text="A\ud800B", ascii_only=False)
@example(text="A\uffffB", ascii_only=True)
@example(text="A\uffffB", ascii_only=False)
@example(text="A\x1bB", ascii_only=False)
@example(text="Ünal\tÖz", ascii_only=False)
def test_parsed_json_is_refused_exactly_when_a_string_holds_a_control_character(
    text: str, ascii_only: bool
) -> None:
    """Whether a string is written raw (DEL, C1, surrogates and noncharacters as they are) or
    escaped, the JSON reader refuses it exactly when it holds a character no text may hold."""
    from charter.engine.errors import CONTROL
    from charter.files._jsontext import parse_json

    document = json.dumps(
        {"name": text, text: 1} if text else {"name": ""}, ensure_ascii=ascii_only
    )
    if CONTROL.search(text):
        with pytest.raises(ScenarioError, match=r"control character|surrogate|noncharacter"):
            parse_json("v.json", document, Limits())
    else:
        parse_json("v.json", document, Limits())


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "a\x1bb"}',  # a raw C0 control: the JSON parser itself refuses it
        '{"name": "a\tb"}',
        '{"name": "a\\u001Bb"}',  # escapes in capitals
        '{"name": "a\\uD800b"}',
        '{"name": "a\\uFFFEb"}',
        '{"name": "a\x7fb"}',  # raw DEL in ASCII text
        '{"name": "\u00e9\x85"}',  # raw C1 in other text
    ],
)
@pytest.mark.parametrize("validated", [False, True])
def test_json_text_refuses_every_control_character_however_written(
    text: str, validated: bool
) -> None:
    """A control character in a JSON string is refused whether it is raw (which the parser itself
    refuses for C0), escaped in capitals or small letters, in ASCII text or not, checked before
    validation or not."""
    from charter.files._jsontext import parse_json

    with pytest.raises(
        ScenarioError, match=r"not valid JSON|control character|surrogate|noncharacter"
    ):
        parse_json("v.json", text, Limits(max_nodes=3, max_depth=2), validated=validated)


def test_json_text_starting_with_a_byte_order_mark_is_named_so() -> None:
    """Text that still starts with a byte-order mark (a later JSON Lines line, say) is refused with
    the mark named, not as a value the parser did not expect."""
    from charter.files._jsontext import parse_json

    with pytest.raises(ScenarioError, match="BOM"):
        parse_json("v.jsonl", "\ufeff{}", Limits(), 3)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_every_control_character_is_refused_whichever_escape_writes_it(fmt: str) -> None:
    """All 65 control characters, each written the way json.dumps writes it (short escapes such as
    \\b and \\f included) and as a \\u escape, are refused in a name, in every format."""
    for control in CONTROLS:
        for written in {json.dumps(control)[1:-1], f"\\u{ord(control):04x}"}:
            event = (
                '{"id": "o", "date": "2003-09-18", "office": {"state": "TJK", "role": "head_of_state", "person": "A'
                + written
                + 'B"}}'
            )
            if fmt == "jsonl":
                text = '{"title": "t", "baseline": "empty"}\n' + event + "\n"
            else:
                text = '{"title": "t", "baseline": "empty", "events": [' + event + "]}"
            with pytest.raises(ScenarioError) as caught:
                load_text(f"s.{fmt}", text, fmt)
            (problem,) = caught.value.problems
            assert f"U+{ord(control):04X}" in problem.message, (control, written)


@pytest.mark.parametrize("fmt", FORMATS)
def test_load_text_meets_the_size_limit_by_its_own_name(fmt: str) -> None:
    """Text handed to load_text (a request body, standard input) is held to the size limit too."""
    with pytest.raises(
        ScenarioError, match=r"^<request>: the text is \d+ bytes, over the limit of 200"
    ):
        load_text(
            "<request>",
            json.dumps({**SCENARIO, "description": "é" * 100}),
            fmt,
            Limits(max_bytes=200),
        )


PATH_NAMES = st.one_of(
    st.text(max_size=40),
    st.text(st.sampled_from("ab/.\x00\x1b é"), max_size=20),
    st.integers(250, 5000).map(lambda n: "d" * n + ".yaml"),
    st.integers(10, 400).map(lambda n: "/".join(["sub"] * n) + "/x.json"),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=PATH_NAMES, command=st.sampled_from(["replay", "check", "chair", "timeline"]))
def test_a_path_of_any_shape_gives_one_line(
    name: str,
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Any path (empty, holding NUL or control characters, too long, too deep, absent) given to any
    command ends in exit 2 and one line, never a traceback."""
    monkeypatch.chdir(tmp_path)
    try:
        exists = os.path.lexists(name)
    except (OSError, ValueError):
        exists = False
    if exists or name.startswith("-"):
        return  # an existing path, or what the command line reads as an option
    argv = {
        "replay": ["replay", name],
        "check": ["check", name],
        "chair": ["chair", "--on", "2020-01-01", "--history", name],
        "timeline": ["timeline", name],
    }[command]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert not CONTROL_IN_OUTPUT.search(err.rstrip("\n"))


CONTROL_IN_OUTPUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
@given(character=st.characters(min_codepoint=0x10000, exclude_categories=["Cn", "Co"]))
@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_characters_past_the_basic_plane_load_and_are_located(
    tmp_path_factory: pytest.TempPathFactory, fmt: str, character: str
) -> None:
    """A character past U+FFFF, written as JSON writes it (a surrogate pair escape), loads; a
    violation in the same file is located, and a problem in it quotes the character."""
    from charter import replay

    source = yaml.safe_load((ROOT / "scenarios" / "rules" / "art13.chair-fires.yaml").read_text())
    source["title"] = f"a {character}"
    data = json.loads(json.dumps(source, default=str))
    path = tmp_path_factory.mktemp("astral") / f"s.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(data))  # ASCII: the character as a surrogate pair escape
    else:
        events = data.pop("events")
        path.write_text("\n".join(json.dumps(item) for item in (data, *events)) + "\n")
    loaded = load_file(path)
    assert isinstance(loaded, Scenario)
    assert loaded.title == f"a {character}"
    (violation,) = [v for v in replay(loaded).violations if v.rule == "art13.chair"]
    assert violation.location is not None
    assert violation.location.line >= 1
