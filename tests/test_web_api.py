"""The JSON API returns exactly what the command line prints, and refuses bad input the same way.

The service runs for real (uvicorn on a loopback port); each answer is compared
byte for byte with ``charter ... --format json`` run in-process on the same input.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from charter.cli import main
from charter.engine.check import default_history
from charter.files._document import Limits
from charter.web import create_app
from tests.webserver import live_server, serve_app

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "data" / "invalid"
TABLE: dict[str, dict[str, Any]] = yaml.safe_load((INVALID / "expected.yaml").read_text())
PROPOSALS = sorted((ROOT / "scenarios" / "proposals").glob("*.yaml"))
SCENARIOS = sorted((ROOT / "scenarios").glob("[rsw]*/*.yaml"))


@pytest.fixture(scope="module")
def api() -> Iterator[httpx.Client]:
    """A client of the service on the embedded record."""
    with live_server() as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def cli(*argv: str) -> tuple[int, str, str]:
    """Run the command line in-process: exit code, standard output, standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.fixture(autouse=True)
def _from_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


days = st.dates(min_value=date(1992, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=100)
@given(day=days)
def test_chair_and_members_are_the_command_lines_documents(api: httpx.Client, day: date) -> None:
    """On any day, /api/chair and /api/members are the bytes of charter chair/members --format json."""
    for query in ("chair", "members"):
        answer = api.get(f"/api/{query}", params={"on": day.isoformat()})
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/json"
        assert answer.text == cli(query, "--on", day.isoformat(), "--format", "json")[1]


@settings(max_examples=50)
@given(day=days, state=st.sampled_from(["ARM", "UZB", "GEO", "KAZ", "FRA"]))
def test_sg_and_status_are_the_command_lines_documents(
    api: httpx.Client, day: date, state: str
) -> None:
    """On any day, /api/sg and /api/status are the bytes of charter sg/status --format json."""
    answer = api.get("/api/sg", params={"on": day.isoformat()})
    assert answer.status_code == 200
    assert answer.text == cli("sg", "--on", day.isoformat(), "--format", "json")[1]
    answer = api.get("/api/status", params={"state": state, "on": day.isoformat()})
    assert answer.status_code == 200
    assert answer.text == cli("status", state, "--on", day.isoformat(), "--format", "json")[1]


@settings(max_examples=40)
@given(
    day=st.dates(min_value=date(2001, 1, 1), max_value=date(2028, 12, 31)),
    state=st.sampled_from(["IND", "ARM", "KGZ", "BGD"]),
)
def test_every_record_route_answers_for_the_rulebook_asked(
    api: httpx.Client, day: date, state: str
) -> None:
    """?rulebook=sco: each record route is the bytes of the command with --rulebook sco."""
    on = day.isoformat()
    for route, argv in (
        ("/api/chair", ("chair", "--on", on)),
        ("/api/members", ("members", "--on", on)),
        ("/api/sg", ("sg", "--on", on)),
        ("/api/status", ("status", state, "--on", on)),
        ("/api/explain", ("explain", "--on", on)),
    ):
        params = {"on": on, "rulebook": "sco"} | (
            {"state": state} if route == "/api/status" else {}
        )
        answer = api.get(route, params=params)
        assert answer.status_code == 200
        assert answer.text == cli(*argv, "--rulebook", "sco", "--format", "json")[1]


def test_an_unknown_rulebook_is_a_problem_naming_the_parameter(api: httpx.Client) -> None:
    """?rulebook= must name an installed pack: otherwise a 400 problem document, as the command line's exit 2."""
    answer = api.get("/api/chair", params={"on": "2020-01-01", "rulebook": "nato"})
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"
    assert "query parameter 'rulebook'" in answer.text


def test_status_of_something_that_is_not_a_state_is_a_problem(api: httpx.Client) -> None:
    """A state code that is not ISO 3166-1 alpha-3 is a 400 problem document naming the parameter."""
    answer = api.get("/api/status", params={"state": "XXX", "on": "2020-01-01"})
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"
    assert "query parameter 'state'" in answer.text


@settings(max_examples=100)
@given(day=days)
def test_explain_on_a_day_is_the_command_lines_document(api: httpx.Client, day: date) -> None:
    """/api/explain?on=DAY is the bytes of charter explain --on DAY --format json."""
    answer = api.get("/api/explain", params={"on": day.isoformat()})
    assert answer.text == cli("explain", "--on", day.isoformat(), "--format", "json")[1]


def test_explain_a_session_and_an_unknown_one(api: httpx.Client) -> None:
    """A session of the record is explained as the command line does; an unknown id is a 404 problem."""
    session = default_history().timeline.sessions_between(date(2019, 1, 1), date(2020, 1, 1))[0].id
    answer = api.get("/api/explain", params={"session": session})
    assert answer.text == cli("explain", "--session", session, "--format", "json")[1]
    missing = api.get("/api/explain", params={"session": "no-such-session"})
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    code, _, err = cli("explain", "--session", "no-such-session", "--format", "json")
    assert code == 2
    assert [problem["text"] for problem in missing.json()["problems"]] == err.splitlines()


@pytest.mark.parametrize(
    ("route", "argv"),
    [
        ("/api/rules", ("rules", "--format", "json")),
        ("/api/rules?rulebook=sco", ("rules", "--rulebook", "sco", "--format", "json")),
        ("/api/schema", ("schema",)),
        ("/api/timeline", ("timeline", "--format", "json")),
        ("/api/timeline.svg", ("timeline", "--format", "svg")),
    ],
)
def test_record_documents_are_the_command_lines(
    api: httpx.Client, route: str, argv: tuple[str, ...]
) -> None:
    """Rules, schema and timeline (JSON and SVG) are what the command prints."""
    answer = api.get(route)
    assert answer.status_code == 200
    assert answer.text == cli(*argv)[1]


def test_one_rule_is_its_entry_in_the_rulebook(api: httpx.Client) -> None:
    """/api/rules/ID is the rule's entry in charter rules --format json; an unknown id is a 404."""
    rules = json.loads(cli("rules", "--format", "json")[1])["rules"]
    for entry in rules:
        document = api.get(f"/api/rules/{entry['id']}").json()
        assert document.pop("format_version") == 1
        assert document == entry
    assert api.get("/api/rules/no.such-rule").status_code == 404


@pytest.mark.parametrize("path", PROPOSALS, ids=lambda path: path.name)
def test_check_is_the_command_lines_document_and_exit(api: httpx.Client, path: Path) -> None:
    """POST /api/check gives 200, the bytes of charter check --format json, and its exit code."""
    name = _relative(path)
    answer = api.post("/api/check", params={"name": name}, content=path.read_bytes())
    code, out, _ = cli("check", name, "--format", "json")
    assert answer.status_code == 200
    assert answer.text == out
    assert answer.headers["charter-exit-status"] == str(code)


def test_check_as_json_text(api: httpx.Client, tmp_path: Path) -> None:
    """A proposal sent as JSON is checked like the same proposal in a .json file."""
    data = yaml.safe_load((ROOT / "scenarios/proposals/moscow-2026-wrong-chair.yaml").read_text())
    data = json.loads(json.dumps(data, default=str))
    file = tmp_path / "wrong.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    answer = api.post("/api/check", params={"name": str(file)}, content=file.read_bytes())
    assert answer.text == cli("check", str(file), "--format", "json")[1]


@pytest.mark.parametrize("path", SCENARIOS + PROPOSALS, ids=_relative)
def test_replay_is_the_command_lines_document(api: httpx.Client, path: Path) -> None:
    """POST /api/replay gives the bytes of charter replay FILE --format json and its exit code."""
    name = _relative(path)
    answer = api.post("/api/replay", params={"name": name}, content=path.read_bytes())
    code, out, _ = cli("replay", name, "--format", "json")
    assert answer.text == out
    assert answer.headers["charter-exit-status"] == str(code)


@pytest.mark.parametrize(
    "path", sorted((ROOT / "scenarios" / "what-if").glob("*.yaml")), ids=lambda p: p.name
)
def test_simulate_is_the_command_lines_document(api: httpx.Client, path: Path) -> None:
    """POST /api/simulate gives the bytes of charter simulate FILE --until YEAR --format json."""
    name = _relative(path)
    answer = api.post(
        "/api/simulate",
        params={"name": name, "until": 2034, "from": 2026},
        content=path.read_bytes(),
    )
    assert (
        answer.text
        == cli("simulate", name, "--until", "2034", "--from", "2026", "--format", "json")[1]
    )


_PLAIN_CASES = sorted(
    case
    for case, row in TABLE.items()
    if not row.get("generated") and not row.get("env") and (ROOT / row["file"]).is_file()
)


@pytest.mark.parametrize("case", _PLAIN_CASES)
def test_bad_input_is_a_problem_document_with_the_command_lines_lines(
    api: httpx.Client, case: str
) -> None:
    """Each file of the bad-input catalogue, sent as a body, gives the lines charter replay prints."""
    name = TABLE[case]["file"]
    code, _, err = cli("replay", name)
    answer = api.post("/api/replay", params={"name": name}, content=(ROOT / name).read_bytes())
    assert code == 2
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["status"] == 422
    assert [entry["text"] for entry in problem["problems"]] == err.splitlines()
    assert all(entry["line"] >= 0 and entry["column"] >= 0 for entry in problem["problems"])
    assert "Traceback" not in answer.text


@pytest.mark.parametrize(
    ("variable", "value", "status"),
    [
        ("CHARTER_MAX_BYTES", 64, 413),
        ("CHARTER_MAX_EVENTS", 2, 422),
        ("CHARTER_MAX_NODES", 10, 422),
    ],
)
def test_body_limits_are_the_file_limits(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: int, status: int
) -> None:
    """A service started with a file limit set refuses a body over it, as the command line refuses the file."""
    monkeypatch.setenv(variable, str(value))
    case = next(row for row in TABLE.values() if row.get("env", {}).get(variable))
    body = (ROOT / case["file"]).read_bytes()
    _, _, err = cli("replay", case["file"])
    with live_server(limits=Limits()) as base:
        answer = httpx.post(f"{base}/api/replay", params={"name": case["file"]}, content=body)
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    if status == 422:
        assert [entry["text"] for entry in answer.json()["problems"]] == err.splitlines()
    else:
        assert f"limit of {value} bytes" in answer.json()["detail"]


def test_a_deep_body_is_refused_with_its_position(api: httpx.Client) -> None:
    """A body nested past the depth limit is refused with the place where it went too deep."""
    body = "title: deep\nnote: " + "[" * 200 + "]" * 200 + "\n"
    answer = api.post("/api/replay", params={"name": "deep.yaml"}, content=body.encode())
    assert answer.status_code == 422
    first = answer.json()["problems"][0]
    assert first["path"] == "deep.yaml"
    assert first["line"] == 2


def test_a_name_is_only_a_label(api: httpx.Client) -> None:
    """A name that is a server path is never opened: the body, empty here, is what is read."""
    answer = api.post("/api/check", params={"name": "/etc/passwd"}, content=b"")
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["message"].startswith("the file is empty")
    assert "root:" not in answer.text


def test_requests_do_not_change_the_record(api: httpx.Client) -> None:
    """Replaying scenarios that change membership leaves the record's answers as they were."""
    before = api.get("/api/members", params={"on": "2026-12-31"}).text
    body = (ROOT / "scenarios/what-if/armenia-withdraws-2026.yaml").read_bytes()
    assert api.post("/api/replay", params={"name": "x.yaml"}, content=body).status_code == 200
    assert api.get("/api/members", params={"on": "2026-12-31"}).text == before
    assert "ARM" in default_history().members_on("2026-12-31").members


def test_a_request_that_overruns_its_time_is_abandoned() -> None:
    """With a tiny time limit, a replay of the record answers 503 with a problem document."""
    body = (ROOT / "scenarios/what-if/armenia-withdraws-2026.yaml").read_bytes()
    with live_server(timeout=0.000_001) as base:
        answer = httpx.post(
            f"{base}/api/simulate", params={"until": 2200}, content=body, timeout=30
        )
    assert answer.status_code == 503
    assert answer.headers["content-type"] == "application/problem+json"
    assert "longer than" in answer.json()["detail"]


@pytest.mark.parametrize(
    ("route", "status"),
    [
        ("/api/chair?on=2019-02-30", 400),
        ("/api/chair", 400),
        ("/api/explain", 400),
        ("/api/explain?on=2019-01-01&session=x", 400),
        ("/api/nothing-here", 404),
    ],
)
def test_bad_queries_are_problem_documents(api: httpx.Client, route: str, status: int) -> None:
    """A bad or missing parameter, or an unknown route, is a problem document naming what was wrong."""
    answer = api.get(route)
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["title"]
    assert problem["detail"]
    assert problem["status"] == status


def test_a_bad_date_names_the_parameter_and_the_expected_form(api: httpx.Client) -> None:
    """The problem for a bad date says which parameter and what was expected, like the command line."""
    detail = api.get("/api/chair", params={"on": "2019-02-30"}).json()["detail"]
    assert "'on'" in detail
    assert "YYYY-MM-DD" in detail


def test_security_headers_and_no_cross_origin_by_default(api: httpx.Client) -> None:
    """Every answer carries a strict CSP without inline script; no CORS header unless configured."""
    for route in ("/", "/check", "/api/chair?on=2019-06-01", "/api/nothing-here"):
        answer = api.get(route, headers={"Origin": "https://elsewhere.example"})
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "access-control-allow-origin" not in answer.headers


def test_cross_origin_when_configured() -> None:
    """An origin named in the settings may call the API; another may not."""
    with live_server(cors_origins=["https://allowed.example"]) as base:
        allowed = httpx.get(f"{base}/health", headers={"Origin": "https://allowed.example"})
        other = httpx.get(f"{base}/health", headers={"Origin": "https://other.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://allowed.example"
    assert "access-control-allow-origin" not in other.headers


def test_health_version_and_openapi(api: httpx.Client) -> None:
    """The service says it is up, its version, and describes every API route in OpenAPI 3.1."""
    assert api.get("/health").json() == {"status": "ok"}
    assert api.get("/version").json()["charter"]
    spec = api.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    for route in (
        "/api/chair",
        "/api/members",
        "/api/explain",
        "/api/rules",
        "/api/rules/{rule_id}",
        "/api/timeline",
        "/api/schema",
        "/api/check",
        "/api/replay",
        "/api/simulate",
    ):
        assert route in spec["paths"], route
    assert api.get("/docs").status_code == 200


def test_a_bug_is_a_problem_document_without_a_traceback() -> None:
    """An unexpected failure inside a route answers 500 with a problem document, never a traceback."""
    app = create_app()

    @app.get("/api/fails")
    async def fails() -> None:
        raise RuntimeError("a secret detail of the server")

    with serve_app(app) as base:
        answer = httpx.get(f"{base}/api/fails")
    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/problem+json"
    assert "secret" not in answer.text
    assert "Traceback" not in answer.text


@settings(max_examples=60, deadline=None)
@given(body=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_body_gets_a_verdict_or_a_problem(api: httpx.Client, body: bytes) -> None:
    """Whatever is posted to /api/check is a 200 verdict or a 4xx problem document, never a 500."""
    answer = api.post("/api/check", content=body)
    assert answer.status_code in (200, 413, 422)
    if answer.status_code != 200:
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["problems"]
