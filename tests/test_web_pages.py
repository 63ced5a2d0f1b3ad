"""The pages say what the command line says: verdicts, findings, fixes, downloads, dates, rules.

Requests go to the running service; the page's answers are compared with
``charter check`` and ``charter simulate`` run on the files the page offers for
download.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter.cli import main
from charter.engine.check import default_history
from charter.engine.model import Capacity
from charter.web.forms import record_on
from tests.webserver import live_server

DAY = date(2026, 11, 11)
RECORD = record_on(DAY)
PEOPLE = sorted({person.name for person in RECORD.people})
STATES = [state for state, _ in RECORD.states]


@pytest.fixture(scope="module")
def site() -> Iterator[httpx.Client]:
    """A client of the service."""
    with live_server() as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


class Page(HTMLParser):
    """What the tests read from a page: the verdict, the findings, the fix forms."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.exit: str | None = None
        self.rules: list[str] = []
        self.fixes: list[list[tuple[str, str]]] = []
        self.fixed_rules: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.inline_handlers = 0
        self._in_fix = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Collect the parts the tests look at."""
        found = dict(attrs)
        self.inline_handlers += sum(name.startswith("on") for name, _ in attrs)
        if found.get("id") == "verdict":
            self.exit = found.get("data-exit")
        if tag == "li" and "finding" in (found.get("class") or ""):
            self.rules.append(found.get("data-rule") or "")
        if tag == "script":
            self.scripts.append(found)
        if tag == "form" and found.get("class") == "apply":
            self._in_fix = True
            self.fixes.append([])
            self.fixed_rules.append(self.rules[-1])
        if tag == "input" and self._in_fix and found.get("type") == "hidden":
            self.fixes[-1].append((found.get("name") or "", found.get("value") or ""))

    def handle_endtag(self, tag: str) -> None:
        """A fix form ends."""
        if tag == "form":
            self._in_fix = False


def _cli_check(text: str, folder: Path) -> tuple[int, dict[str, object]]:
    file = folder / "proposal.yaml"
    file.write_text(text, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["check", str(file), "--format", "json"])
    document: dict[str, object] = json.loads(out.getvalue())
    return code, document


rows = st.lists(
    st.tuples(
        st.sampled_from(PEOPLE),
        st.sampled_from(STATES),
        st.sampled_from([c.value for c in Capacity]),
    ),
    max_size=6,
)


@settings(
    max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    session=st.fixed_dictionaries(
        {
            "chair_person": st.sampled_from(PEOPLE),
            "chair_state": st.sampled_from(STATES),
            "host": st.sampled_from(STATES),
            "kind": st.sampled_from(["regular", "extraordinary"]),
        }
    ),
    participants=rows,
)
def test_the_page_verdict_is_the_command_lines_on_the_downloaded_file(
    site: httpx.Client,
    tmp_path: Path,
    session: dict[str, str],
    participants: list[tuple[str, str, str]],
) -> None:
    """For any session built on the form, the page's verdict and findings are those of
    ``charter check`` on the file the page downloads; every fix offered clears its finding."""
    query: list[tuple[str, str]] = [
        ("date", DAY.isoformat()),
        *session.items(),
        ("pass_to", "TJK"),
        ("effective", "2027-01-01"),
    ]
    for person, state, capacity in participants:
        query += [("p_person", person), ("p_state", state), ("p_capacity", capacity)]
    page = Page(site.get("/check", params=httpx.QueryParams((*query, ("go", "check")))).text)
    download = site.get("/check/proposal.yaml", params=httpx.QueryParams(tuple(query)))
    assert download.headers["content-disposition"].startswith("attachment")
    code, document = _cli_check(download.text, tmp_path)
    assert page.exit == str(code)
    scenario = document["scenarios"][0]  # type: ignore[index]
    assert page.rules == [found["rule"] for found in scenario["violations"]]
    for fix in page.fixes:
        fixed = Page(site.get("/check", params=httpx.QueryParams(tuple(fix))).text)
        assert fixed.exit is not None
        assert (
            len(fixed.rules) <= len(page.rules) + 1
        )  # a fix clears its finding; it may move a seat


def test_the_wrong_chair_fix_makes_it_valid(site: httpx.Client) -> None:
    """The shipped wrong-chair proposal, entered on the form, is fixed by the one button offered."""
    query = [
        ("date", "2026-11-11"),
        ("id", "moscow-2026"),
        ("kind", "regular"),
        ("host", "RUS"),
        ("city", "Moscow"),
        ("chair_person", "Alexander Lukashenko"),
        ("chair_state", "BLR"),
        ("pass_to", "TJK"),
        ("effective", "2027-01-01"),
        ("go", "check"),
    ]
    page = Page(site.get("/check", params=httpx.QueryParams(tuple(query))).text)
    assert page.exit == "1"
    assert page.rules == ["art13.chair"]
    assert len(page.fixes) == 1
    fixed = Page(site.get("/check", params=httpx.QueryParams(tuple(page.fixes[0]))).text)
    assert fixed.exit == "0"
    assert fixed.rules == []


@settings(
    max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    text=st.text(min_size=1, max_size=40).map(
        lambda s: f"<script>alert(1)</script>{s}\"'<b onclick=x>"
    )
)
def test_whatever_a_proposal_holds_is_shown_as_text(site: httpx.Client, text: str) -> None:
    """Markup in any field stays text: the page holds only its own script, and no inline handler."""
    answer = site.get(
        "/check",
        params={
            "date": "2026-11-11",
            "go": "check",
            "city": text,
            "chair_person": text,
            "p_person": text,
        },
    )
    page = Page(answer.text)
    assert page.scripts == [{"src": "/static/app.js", "defer": None}]
    assert page.inline_handlers == 0
    assert "<script>alert" not in answer.text


def test_a_bad_date_on_the_form_says_so(site: httpx.Client) -> None:
    """A date that is not a date is named on the page, with a 422, and nothing is checked."""
    answer = site.get("/check", params={"date": "2026-02-30", "go": "check"})
    assert answer.status_code == 422
    assert "is not a date (expected YYYY-MM-DD)" in answer.text
    assert Page(answer.text).exit is None


def test_the_form_offers_the_record_on_its_date(site: httpx.Client) -> None:
    """The form lists the seat-holders of the members on the date and the presiding state as host."""
    text = site.get("/check", params={"date": "2019-06-01"}).text
    history = default_history()
    chair = history.chair_on("2019-06-01")
    assert f'<option value="{chair.state}" selected>' in text
    assert f'value="{chair.person}"' in text


def test_the_date_page_says_who_presides_and_sits(site: httpx.Client) -> None:
    """The page of a date names the presiding state, its seat-holder and the members, as chair/members do."""
    text = site.get("/on", params={"date": "2019-06-01"}).text
    chair = default_history().chair_on("2019-06-01")
    assert chair.state is not None
    assert chair.person is not None
    assert "Kyrgyzstan" in text
    assert chair.person in text
    assert site.get("/on", params={"date": "2019-13-01"}).status_code == 400


def test_the_rulebook_pages(site: httpx.Client) -> None:
    """Every rule has its page with its citation; an unknown rule is a 404 page."""
    from charter.rulebooks.csto.rules import REGISTRY

    index = site.get("/rules").text
    for rule_id, rule in REGISTRY.items():
        assert f'href="/rules/{rule_id}"' in index
        page = site.get(f"/rules/{rule_id}")
        assert page.status_code == 200
        assert rule.citation.replace("'", "&#39;") in page.text
    assert site.get("/rules/no.such").status_code == 404


def test_charter_serve_starts_and_answers(tmp_path: Path) -> None:
    """``charter serve --port N`` serves /health on the loopback interface until stopped."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "charter", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        assert answer.json() == {"status": "ok"}
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.mark.parametrize(
    "argv", [["--port", "70000"], ["--port", "x"], ["--workers", "0"], ["--timeout", "-1"]]
)
def test_bad_serve_arguments_are_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad port, worker count or timeout is one line and exit 2, before anything starts."""
    assert main(["serve", *argv]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_quick_commands_do_not_import_the_web_stack() -> None:
    """charter chair stays quick: it imports neither fastapi nor uvicorn."""
    code = (
        "import sys; from charter.cli import main; main(['chair', '--on', '2019-06-01']); "
        "print(any(m in sys.modules for m in ('fastapi', 'uvicorn', 'starlette', 'jinja2')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "False"


@pytest.mark.parametrize(
    "route", ["/", "/check", "/on?date=2019-06-01", "/rules", "/what-if", "/docs"]
)
def test_pages_answer_head_requests(site: httpx.Client, route: str) -> None:
    """A page answers HEAD (link checkers, monitors) as it answers GET, without a body."""
    answer = site.head(route)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.content == b""


@given(day=st.dates(min_value=date(1980, 1, 1), max_value=date(2100, 12, 31)))
def test_the_timeline_around_a_day_stays_in_its_window(day: date) -> None:
    """Cut around any day, every bar and session of the record's picture lies inside the window,
    which lies inside the whole picture, and keeps every session of the whole picture in it."""
    from charter.web.api import record_picture
    from charter.web.around import around

    whole = record_picture()
    cut = around(whole, day)
    assert whole.start <= cut.start < cut.end <= whole.end
    bars = [bar for rows in (cut.status, cut.chair) for row in rows.values() for bar in row]
    assert all(cut.start <= bar.start < bar.end <= cut.end for bar in [*bars, *cut.secretaries])
    assert cut.sessions == tuple(m for m in whole.sessions if cut.start <= m.day < cut.end)


def test_the_timeline_around_a_day_is_served_as_svg(site: httpx.Client) -> None:
    """The check and date pages' picture is SVG for the window; a bad date is a 400 page."""
    answer = site.get("/timeline/around.svg", params={"date": "2013-09-23"})
    assert answer.headers["content-type"] == "image/svg+xml"
    assert "2010-09-23 to 2015-09-23" in answer.text
    assert site.get("/timeline/around.svg", params={"date": "2013-02-30"}).status_code == 400


fields = st.dictionaries(
    st.sampled_from(
        [
            "date",
            "id",
            "kind",
            "format",
            "host",
            "city",
            "chair_person",
            "chair_state",
            "pass_to",
            "effective",
        ]
    ),
    st.text(max_size=30),
)


@settings(
    max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(form=fields, people=st.lists(st.text(max_size=20), max_size=4))
def test_any_form_gets_a_page_never_a_failure(
    site: httpx.Client, form: dict[str, str], people: list[str]
) -> None:
    """Whatever the form holds, the check page answers with a verdict or says what is wrong: never a 500."""
    query = [*form.items(), *(("p_person", person) for person in people), ("go", "check")]
    answer = site.get("/check", params=httpx.QueryParams(tuple(query)))
    assert answer.status_code in (200, 400, 422), answer.text[:500]
    assert "Traceback" not in answer.text


def test_an_unknown_fact_is_not_shown_as_kept(site: httpx.Client, tmp_path: Path) -> None:
    """When the record cannot settle a rule (an unknown chair), the page does not say "keeps":
    it says the record cannot settle it, and lists the unknown, as charter check reports it."""
    query = (
        ("date", "2026-11-11"),
        ("kind", "regular"),
        ("host", "unknown"),
        ("chair_person", "unknown"),
        ("chair_state", "RUS"),
        ("pass_to", "TJK"),
        ("effective", "2027-01-01"),
    )
    text = site.get("/check", params=httpx.QueryParams((*query, ("go", "check")))).text
    assert 'class="verdict unsettled"' in text
    assert "keeps the Charter" not in text
    code, document = _cli_check(
        site.get("/check/proposal.yaml", params=httpx.QueryParams(query)).text, tmp_path
    )
    unknowns = document["scenarios"][0]["unknowns"]  # type: ignore[index]
    assert unknowns
    assert Page(text).exit == str(code)
    assert text.count("<li><code>") >= len(unknowns)


def test_a_busy_port_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """``charter serve`` on a port already taken says so in one line and exits 2."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"charter serve: cannot listen on 127.0.0.1:{port}")
    assert len(err.splitlines()) == 1
