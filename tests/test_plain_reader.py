"""The quick YAML reader never disagrees with the careful one.

Loading reads a file first without positions (``read_plain``) and falls back to
the careful reader (``read_yaml``) for anything unusual or wrong. These tests
hold the quick path to that promise: whatever it accepts, the careful reader
reads the same; whatever the careful reader refuses, the quick one leaves to it;
and a scenario loaded either way is the same scenario, located the same.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charter.engine.errors import ScenarioError
from charter.engine.replaying import replay
from charter.files._document import Limits
from charter.files._plain import PlainReadError, read_plain
from charter.files._yaml import read_yaml
from charter.files.loading import load_file
from charter.files.located import LazyOrigin, _read, load_located
from charter.files.scenario import Scenario
from tests.fuzzing import GENERATORS, ROOT, Chooser
from tests.test_fuzz import HypothesisChooser

SHIPPED = sorted(ROOT.glob("scenarios/**/*.yaml"))


def _careful(text: str) -> Any:
    try:
        return read_yaml("x.yaml", text).data
    except ScenarioError as error:
        return error


def _quick(text: str, limits: Limits | None = None) -> Any:
    try:
        return read_plain(text, limits)
    except PlainReadError as error:
        return error


@pytest.mark.parametrize("kind", sorted(GENERATORS))
@given(data=st.data())
def test_what_the_quick_reader_reads_the_careful_one_reads_alike(
    kind: str, data: st.DataObject
) -> None:
    """On arbitrary input: the same data, or the quick reader steps aside."""
    chooser: Chooser = HypothesisChooser(data)
    try:
        text = GENERATORS[kind](chooser).decode("utf-8")
    except UnicodeDecodeError:
        return  # loading refuses it before either reader sees it
    careful, quick = _careful(text), _quick(text)
    if isinstance(quick, PlainReadError):
        return
    assert not isinstance(careful, ScenarioError), f"quick read what careful refused: {careful}"
    assert repr(quick) == repr(careful)  # repr: a NaN equals itself


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a: *x\n", "an alias before its anchor"),
        ("a: &x [1, *x]\n", "an alias inside its own anchor"),
        ("a: &x 1\nb: &x 2\n", "an anchor given twice"),
        ("&x a: 1\n", "an anchor on a key"),
        ("a: !!str 1\n", "a tag"),
        ("a: 1\na: 2\n", "a duplicate key"),
        ("a: {b: 1}\n<<: {c: 2}\n", "a merge key"),
        ('a: {"<<": 1}\nb: {<<: {c: 2}}\n', "a merge key after the same word quoted"),
        ("? [a]\n: 1\n", "a key that is not a word"),
        ("a: 1\n---\nb: 2\n", "two documents"),
        ("", "no document"),
        ("# nothing but a comment\n", "no document"),
        ("a: [1, 2\n", "a syntax error"),
        ("a:\tb\n\t- c\n", "a tab"),
        ("a: !python/object:os.system 1\n", "a forbidden tag"),
    ],
)
def test_the_quick_reader_steps_aside(text: str, why: str) -> None:
    """Anything but plain YAML is left to the careful reader, which says what and where."""
    with pytest.raises(PlainReadError):
        read_plain(text)


def test_the_quick_reader_keeps_the_limits() -> None:
    """Depth and size limits hold on the quick path too: over them, it steps aside."""
    assert read_plain("a: [[1]]\n", Limits(max_depth=3)) == {"a": [[1]]}
    with pytest.raises(PlainReadError):
        read_plain("a: [[[1]]]\n", Limits(max_depth=3))
    assert read_plain("[1, 2]\n", Limits(max_nodes=3)) == [1, 2]
    with pytest.raises(PlainReadError):
        read_plain("[1, 2, 3]\n", Limits(max_nodes=3))


def test_aliases_are_charged_as_the_careful_reader_charges_them() -> None:
    """An alias repeats its value and counts every value it repeats against the limits."""
    text = "a: &x [1, [2]]\nb: *x\n"
    assert read_plain(text) == read_yaml("x.yaml", text).data == {"a": [1, [2]], "b": [1, [2]]}
    laughs = "a: &a [1, 1, 1]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    with pytest.raises(PlainReadError):
        read_plain(laughs, Limits(max_alias_nodes=20))
    with pytest.raises(ScenarioError):
        read_yaml("x.yaml", laughs, Limits(max_alias_nodes=20))
    with pytest.raises(PlainReadError):
        read_plain("a: &x [[1]]\nb: [*x]\n", Limits(max_depth=3))


def test_keys_are_the_words_written() -> None:
    """As in the careful reader: `on:` is the key 'on', not the boolean true."""
    assert read_plain("on: yes\n1: no\n") == {"on": True, "1": False}


def _dumped(loaded: Any) -> Any:
    return loaded.model_dump(mode="json") if not isinstance(loaded, ScenarioError) else loaded


def _load_both(path: Path) -> tuple[Any, Any]:
    def attempt(load: Any) -> Any:
        try:
            return load()
        except ScenarioError as error:
            return error

    quick = attempt(lambda: load_file(path))
    careful = attempt(lambda: load_located(_read(path, None), None))
    return quick, careful


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: str(path.relative_to(ROOT)))
def test_shipped_scenarios_load_alike_either_way(path: Path) -> None:
    """Every shipped scenario: the same model, and every event and field located alike."""
    quick, careful = _load_both(path)
    assert _dumped(quick) == _dumped(careful)
    assert isinstance(quick.origin, LazyOrigin)  # the quick path read it
    assert careful.origin is not None
    events = quick.events if isinstance(quick, Scenario) else [quick.as_event()]
    for event in events:
        for where in ("", "date", "session.chair", "session.participants[0].person", "nowhere"):
            assert quick.origin.locate(event.id, where) == careful.origin.locate(event.id, where)


@pytest.mark.parametrize("kind", sorted(GENERATORS))
@given(data=st.data())
def test_any_file_loads_alike_either_way(
    kind: str, data: st.DataObject, tmp_path_factory: Any
) -> None:
    """Broken and arbitrary files: the same scenario, or the same located problems."""
    chooser: Chooser = HypothesisChooser(data)
    path = tmp_path_factory.mktemp("alike") / "input.yaml"
    path.write_bytes(GENERATORS[kind](chooser))
    quick, careful = _load_both(path)
    if isinstance(careful, ScenarioError):
        assert isinstance(quick, ScenarioError)
        assert quick.problems == careful.problems
    else:
        assert _dumped(quick) == _dumped(careful)


def test_a_lazy_origin_is_read_once_whatever_the_threads() -> None:
    """Eight threads asking at once all get the careful reader's answer."""
    path = ROOT / "scenarios" / "record" / "csto.yaml"
    careful = load_located(_read(path, None), None)
    quick = load_file(path)
    assert isinstance(quick, Scenario)
    assert isinstance(careful, Scenario)
    lazy, known = quick.origin, careful.origin
    assert lazy is not None
    assert known is not None
    ids = [event.id for event in quick.events]
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(lambda event_id: lazy.locate(event_id, "date"), ids * 8))
    assert found == [known.locate(event_id, "date") for event_id in ids] * 8


# --- YAML written to probe where two readers could part ------------------------------------

_WORDS = [
    "<<", "=", "on", "off", "yes", "no", "true", "1", "0x1F", "0o17", "1_000", "1.5", ".nan",
    ".inf", "-.inf", "~", "null", "", "2024-01-01", "2024-13-01", "a b", "é", "x",
]  # fmt: skip


_KEY_WORDS = ["<<", "=", "on", "1", "~", "x"]


@st.composite
def _scalars(draw: st.DrawFn, words: tuple[str, ...] = tuple(_WORDS)) -> str:
    word = draw(st.sampled_from(words))
    style = draw(st.sampled_from(["plain", "single", "double"]))
    if style == "single" or (style == "plain" and (not word or word[0] in "!&*")):
        text = "'" + word.replace("'", "''") + "'"
    elif style == "double":
        text = '"' + word + '"'
    else:
        text = word
    tag = draw(st.sampled_from(["", "", "", "", "", "", "", "!!str ", "! ", "!!int "]))
    return tag + text


def _collections(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    entries = st.lists(
        st.tuples(_scalars(tuple(_KEY_WORDS)), children),
        max_size=4,
        unique_by=lambda entry: entry[0].split(" ")[-1].strip("'\""),  # no duplicate keys
    )
    return st.lists(children, max_size=4).map(lambda items: "[" + ", ".join(items) + "]") | (
        entries.map(lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}")
    )


@st.composite
def _documents(draw: st.DrawFn) -> str:
    """A flow-style document: a few values, some anchored, and aliases to those anchors."""
    values = st.recursive(_scalars(), _collections, max_leaves=12)
    names = draw(st.lists(st.sampled_from(["a", "b", "c"]), unique=True, max_size=3))
    parts = [f"k{index}: &{name} {draw(values)}" for index, name in enumerate(names)]
    parts.append(f"body: {draw(values)}")
    if names:
        repeats = draw(st.lists(st.sampled_from(names), max_size=3))
        parts += [f"r{index}: *{name}" for index, name in enumerate(repeats)]
    return "\n".join(parts) + "\n"


_TIGHT = st.builds(
    Limits,
    max_depth=st.integers(2, 8),
    max_nodes=st.integers(5, 60),
    max_alias_nodes=st.integers(0, 30),
)


@given(_documents(), st.one_of(st.just(Limits()), _TIGHT))
def test_tricky_yaml_reads_alike_or_not_at_all(text: str, limits: Limits) -> None:
    """Merge keys, YAML 1.1 words, tags, anchors and tight limits: never two different answers."""
    try:
        careful: Any = read_yaml("x.yaml", text, limits).data
    except ScenarioError as error:
        careful = error
    quick = _quick(text, limits)
    if isinstance(quick, PlainReadError):
        return
    assert not isinstance(careful, ScenarioError), f"quick read what careful refused: {careful}"
    assert repr(quick) == repr(careful)


def test_a_violation_is_located_within_the_limits_the_file_was_loaded_with(tmp_path: Path) -> None:
    """Loaded with raised limits, a file is read again with the same ones to locate a violation."""
    source = ROOT / "scenarios" / "rules" / "art13.seat-fires.yaml"
    path = tmp_path / "seat.yaml"
    path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    values = len(read_yaml("x.yaml", path.read_text(encoding="utf-8")).values)
    loaded = load_file(path, Limits(max_nodes=values + 10))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHARTER_MAX_NODES", "10")  # the defaults now refuse the file
        report = replay(loaded)
    assert report.violations
    assert all(found.location.line > 0 for found in report.violations)
