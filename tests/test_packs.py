"""Rulebook packs: found through entry points, named by files and commands, their vocabulary enforced."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from datetime import date
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charter.cli import main
from charter.engine.errors import ScenarioError
from charter.engine.model import Capacity, Event, MembershipStatus, Role, SessionKind
from charter.engine.packs import Rulebook, Vocabulary, forget, get_rulebook, rulebook_ids
from charter.engine.registry import Breach, Finding, Registry
from charter.engine.timeline import Timeline
from charter.files.loading import load_scenario, load_text
from charter.rulebooks.csto.rules import REGISTRY
from charter.rulebooks.csto.rules._registry import RULE_IDS

ROOT = Path(__file__).resolve().parent.parent

SMALL = """\
{rulebook}baseline: empty
events:
  - {{id: m-tjk, date: 2003-09-18, membership: {{state: TJK, status: {status}}}}}
"""


def _write(tmp_path: Path, text: str, name: str = "file.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_entry_points_are_declared_in_the_project() -> None:
    """pyproject.toml declares the group charter.rulebooks, and each entry is the pack it names."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = project["project"]["entry-points"]["charter.rulebooks"]
    assert "csto" in declared
    assert set(declared) <= set(rulebook_ids())
    for name in declared:
        assert get_rulebook(name).id == name


def test_the_csto_pack_is_what_charter_always_ran() -> None:
    """The csto pack's vocabulary and rules are the words and rules files were checked against before packs."""
    pack = get_rulebook("csto")
    assert pack.rule_ids() == RULE_IDS
    assert all(pack.rules[rule_id] is REGISTRY[rule_id] for rule_id in RULE_IDS)
    assert pack.vocabulary.statuses == tuple(MembershipStatus)
    assert pack.vocabulary.roles == tuple(Role)
    assert pack.vocabulary.capacities == tuple(Capacity)
    assert pack.vocabulary.session_kinds == tuple(SessionKind)
    assert pack.citations["art13.chair"] == REGISTRY["art13.chair"].citation
    assert pack.display("KGZ") == "Kyrgyzstan"


def test_a_rulebook_is_frozen_and_checks_its_vocabulary() -> None:
    """A Rulebook cannot be changed, and a vocabulary whose transitions name unknown statuses is refused."""
    pack = get_rulebook("csto")
    with pytest.raises(ValueError, match="frozen"):
        pack.id = "other"  # type: ignore[misc]
    with pytest.raises(ValueError, match="not in the vocabulary"):
        Vocabulary(
            bodies=("council",),
            roles=("head_of_state",),
            capacities=("head_of_state",),
            seat_capacities=("head_of_state",),
            state_capacities=("head_of_state",),
            statuses=("member",),
            transitions={"none": frozenset({"member", "observer"})},
            session_kinds=("regular",),
        )


def test_rulebooks_lists_the_packs_in_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    """charter rulebooks prints every installed pack, the same ones in text and in JSON."""
    assert main(["rulebooks"]) == 0
    text = capsys.readouterr().out
    assert main(["rulebooks", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    ids = [entry["id"] for entry in document["rulebooks"]]
    assert ids == list(rulebook_ids())
    assert all(text.count(f"{name}") >= 1 for name in ids)
    csto = document["rulebooks"][ids.index("csto")]
    assert csto["default"] is True
    assert csto["rules"] == list(RULE_IDS)
    assert "member" in csto["statuses"]


def test_a_file_that_names_no_rulebook_is_csto(tmp_path: Path) -> None:
    """Absent means csto: the same file with and without 'rulebook: csto' loads to the same events."""
    plain = load_scenario(_write(tmp_path, SMALL.format(rulebook="", status="member"), "a.yaml"))
    named = load_scenario(
        _write(tmp_path, SMALL.format(rulebook="rulebook: csto\n", status="member"), "b.yaml")
    )
    assert plain.rulebook == named.rulebook == "csto"
    assert plain.events == named.events


def test_an_unknown_rulebook_is_one_located_line(tmp_path: Path) -> None:
    """A file naming a rulebook no pack provides is refused at its key, with the closest id."""
    path = _write(tmp_path, SMALL.format(rulebook="rulebook: cstp\n", status="member"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.where) == (1, 11, "rulebook")
    assert "'cstp' is not an installed rulebook (did you mean 'csto'?)" in problem.message


def test_a_word_outside_the_rulebook_is_refused_where_it_stands(tmp_path: Path) -> None:
    """A status the file's rulebook does not have is a located error listing the rulebook's own words."""
    path = _write(tmp_path, SMALL.format(rulebook="", status="observer"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    assert problem.where == "events[0].membership.status"
    assert problem.line == 3
    words = ", ".join(repr(word) for word in MembershipStatus)
    assert problem.message.startswith("'observer' is not allowed (expected ")
    assert all(repr(str(word)) in problem.message for word in MembershipStatus), words


@given(st.text(min_size=1, max_size=12))
def test_only_the_rulebooks_words_are_statuses(word: str) -> None:
    """Any text is a status of a csto file exactly when it is one of the csto pack's statuses."""
    text = json.dumps(
        {
            "baseline": "empty",
            "events": [
                {"id": "e", "date": "2003-09-18", "membership": {"state": "TJK", "status": word}}
            ],
        }
    )
    accepted = True
    try:
        load_text("x.yaml", text)
    except ScenarioError:
        accepted = False
    assert accepted == (word in get_rulebook("csto").vocabulary.statuses)


def test_a_baseline_names_its_own_rulebooks_record(tmp_path: Path) -> None:
    """'baseline: {csto: DAY}' is the shorthand of the file's own record; an unknown record is refused."""
    scenario = load_scenario(_write(tmp_path, "baseline: {csto: 2004-01-01}\n", "a.yaml"))
    assert (scenario.baseline.record, str(scenario.baseline.until)) == ("csto", "2004-01-01")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(_write(tmp_path, "baseline: {nato: 2004-01-01}\n", "b.yaml"))
    assert "expected 'empty' or 'csto'" in caught.value.problems[0].message


@pytest.mark.parametrize(
    "argv",
    [
        ["chair", "--on", "2019-06-01"],
        ["members", "--on", "2019-06-01"],
        ["replay"],
        ["rules"],
        ["explain", "--on", "2019-06-01"],
    ],
)
def test_every_command_names_its_rulebook(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """--rulebook csto answers as before, and the JSON document says which rulebook answered."""
    assert main([*argv, "--format", "json"]) in (0, 1)
    default = json.loads(capsys.readouterr().out)
    assert main([*argv, "--rulebook", "csto", "--format", "json"]) in (0, 1)
    named = json.loads(capsys.readouterr().out)
    assert default == named
    assert list(named)[:2] == ["format_version", "rulebook"]
    assert named["rulebook"] == "csto"


def test_an_unknown_rulebook_option_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    """--rulebook with a name no pack provides exits 2 with one line naming the option."""
    assert main(["chair", "--on", "2019-06-01", "--rulebook", "nato"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "--rulebook" in captured.err
    assert "'nato' is not an installed rulebook" in captured.err


# --- a third pack, published by someone else ------------------------------------------------


def _third_pack() -> Rulebook:
    csto = get_rulebook("csto")
    words = csto.vocabulary
    return csto.model_copy(
        update={
            "id": "third",
            "name": "A third Charter",
            "vocabulary": words.model_copy(
                update={
                    "statuses": (*words.statuses, "observer"),
                    "transitions": {**words.transitions, "none": frozenset({"member", "observer"})},
                }
            ),
        }
    )


THIRD = _third_pack()


@pytest.fixture
def third_pack(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An extra entry point in the group, as another distribution would declare it."""
    from importlib.metadata import entry_points as real

    def with_third(*, group: str) -> list[EntryPoint]:
        extra = [
            EntryPoint("third", f"{__name__}:THIRD", group),
            EntryPoint("example", f"{__name__}:EXAMPLE", group),
        ]
        return [*real(group=group), *extra]

    monkeypatch.setattr("charter.engine._packnames.entry_points", with_third)
    forget()
    yield
    forget()


@pytest.mark.usefixtures("third_pack")
def test_a_third_party_pack_brings_its_own_words(tmp_path: Path) -> None:
    """A pack found through the entry points makes its words valid in its own files only."""
    assert "third" in rulebook_ids()
    own = load_scenario(
        _write(tmp_path, SMALL.format(rulebook="rulebook: third\n", status="observer"), "a.yaml")
    )
    assert own.rulebook == "third"
    assert own.events[0].membership is not None
    assert own.events[0].membership.status == "observer"
    with pytest.raises(ScenarioError):
        load_scenario(_write(tmp_path, SMALL.format(rulebook="", status="observer"), "b.yaml"))


def test_a_model_built_directly_checks_its_words_against_its_rulebook() -> None:
    """Built outside a file, a scenario still refuses a word its own rulebook does not have."""
    from pydantic import ValidationError

    from charter.files.scenario import Scenario

    data = {
        "baseline": "empty",
        "events": [
            {"id": "e", "date": "2003-09-18", "membership": {"state": "TJK", "status": "frozen"}}
        ],
    }
    assert Scenario.model_validate(data).events[0].membership is not None
    data["events"][0]["membership"]["status"] = "observer"  # type: ignore[index]
    with pytest.raises(ValidationError, match="'observer'"):
        Scenario.model_validate(data)


@pytest.mark.usefixtures("third_pack")
def test_a_directly_built_model_of_a_third_pack_takes_its_words() -> None:
    """The same words are refused in a csto scenario and taken in one of the pack that has them."""
    from pydantic import ValidationError

    from charter.files.scenario import Scenario

    event = {"id": "e", "date": "2003-09-18", "membership": {"state": "TJK", "status": "observer"}}
    built = Scenario.model_validate({"rulebook": "third", "events": [event]})
    assert built.rulebook == "third"
    with pytest.raises(ValidationError, match="is not one of rulebook 'csto'"):
        Scenario.model_validate({"events": [event]})


# --- a pack with rules of its own, as docs/writing-a-rulebook.md writes one -----------------

EXAMPLE_RULES = Registry(("example.regular-host",))


@EXAMPLE_RULES.rule(
    "example.regular-host",
    citation="Example Charter, Art. 4 (regular sessions are held in the presiding state)",
    since=date(2001, 6, 15),
    kinds=("session",),
)
def _regular_host(event: Event, world: Timeline) -> Iterator[Finding]:
    """A regular session is held in the presiding state.

    The Council meets once a year in the state that presides; a session held
    elsewhere breaks the rule.
    """
    session = event.session
    if session is None or session.kind != "regular":
        return
    presiding = world.presidency_on(event.date)
    if presiding is not None and session.host not in (None, presiding.state):
        yield Breach(f"the regular session is held in {session.host}, not {presiding.state}")


EXAMPLE = THIRD.model_copy(update={"id": "example", "rules": EXAMPLE_RULES})

EXAMPLE_FILE = """\
rulebook: example
baseline: empty
events:
  - {id: m-kaz, date: 2002-01-01, membership: {state: KAZ, status: member}}
  - {id: m-kgz, date: 2002-01-01, membership: {state: KGZ, status: member}}
  - id: first
    date: 2002-06-01
    session: {kind: regular, host: KAZ, decisions: [{kind: pass_chairmanship, to: KGZ}]}
  - id: second
    date: 2003-06-01
    session: {kind: regular, host: KAZ}
"""


@pytest.mark.usefixtures("third_pack")
def test_replay_runs_the_rules_of_the_files_rulebook(tmp_path: Path) -> None:
    """A file of a pack with its own registry is checked by that pack's rules, and by no others."""
    from charter.engine.replaying import replay

    report = replay(load_scenario(_write(tmp_path, EXAMPLE_FILE)))
    assert report.rulebook == "example"
    assert [(v.rule, v.event) for v in report.violations] == [("example.regular-host", "second")]
    assert "held in KAZ, not KGZ" in report.violations[0].message
    assert report.violations[0].citation.startswith("Example Charter, Art. 4")


@pytest.mark.usefixtures("third_pack")
@pytest.mark.parametrize("rulebook", ["third", "csto"])
def test_json_and_json_lines_are_read_under_their_rulebook(tmp_path: Path, rulebook: str) -> None:
    """JSON and JSON Lines files take their words from the rulebook they name, like YAML files."""
    from charter.files._formats import load_json, load_jsonl

    event = {"id": "e", "date": "2003-09-18", "membership": {"state": "TJK", "status": "observer"}}
    whole = _write(tmp_path, json.dumps({"rulebook": rulebook, "events": [event]}), "a.json")
    lines = _write(
        tmp_path, json.dumps({"rulebook": rulebook}) + "\n" + json.dumps(event) + "\n", "b.jsonl"
    )
    for load, path in ((load_json, whole), (load_jsonl, lines)):
        if rulebook == "third":
            assert load(path).rulebook == "third"
        else:
            with pytest.raises(ScenarioError) as caught:
                load(path)
            assert "'observer' is not allowed" in caught.value.problems[0].message


@pytest.mark.usefixtures("third_pack")
def test_what_the_packs_offer_follows_the_installed_packs() -> None:
    """Rule ids and names asked of every pack include a pack installed since the last look-up."""
    from charter.engine._installed import display, rule_ids

    assert "example.regular-host" in rule_ids()
    assert "example.regular-host" in rule_ids("example")
    assert display("KGZ", "example") == "Kyrgyzstan"
