"""The what-if page: the years with and without a change, and a download that simulate reproduces."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from charter.cli import main
from charter.web.whatif import WhatIf
from tests.webserver import live_server

DAY = date(2026, 11, 11)


@pytest.fixture(scope="module")
def site() -> Iterator[httpx.Client]:
    """A client of the service."""
    with live_server() as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


@pytest.mark.parametrize(
    "query",
    [
        {"change": "withdraw", "state": "TJK", "on": "2026-08-01", "until": "2031"},
        {"change": "freeze", "state": "KAZ", "on": "2027-03-01", "until": "2032"},
        {"change": "return", "state": "ARM", "on": "2026-05-01", "until": "2031"},
        {"change": "decline", "state": "TJK", "on": "2026-11-11", "until": "2031"},
        {"change": "host", "state": "KAZ", "on": "2026-11-11", "until": "2030"},
    ],
    ids=lambda query: query["change"],
)
def test_the_what_if_download_is_what_simulate_projects(
    site: httpx.Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, query: dict[str, str]
) -> None:
    """The what-if scenario the page downloads gives, under charter simulate, the years the page shows."""
    page = site.get("/what-if", params={**query, "go": "project"})
    assert page.status_code == 200
    text = site.get("/what-if/scenario.yaml", params=query).text
    monkeypatch.chdir(tmp_path)
    Path("what-if.yaml").write_text(text, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["simulate", "what-if.yaml", "--until", query["until"], "--format", "json"])
    shown = WhatIf.from_query(query, DAY).compare()["changed"]
    printed = json.loads(out.getvalue())
    assert printed.pop("format_version") == 1
    assert printed == shown
    for year in shown["scenarios"][0]["projection"]:
        assert f'<th scope="row">{year["year"]}' in page.text


def test_a_change_makes_a_difference_where_it_should(site: httpx.Client) -> None:
    """Tajikistan declining its 2027 turn changes 2027 and the years after, not 2026."""
    rows = WhatIf.from_query(
        {"change": "decline", "state": "TJK", "on": "2026-11-11", "until": "2030"}, DAY
    ).compare()["rows"]
    by_year = {row["year"]: row for row in rows}
    assert not by_year[2026]["differs"]
    assert by_year[2027]["differs"]
    assert by_year[2027]["with"]["state"] == "BLR"
    assert by_year[2027]["without"]["state"] == "TJK"


def test_a_named_host_hosts_that_year_only(site: httpx.Client) -> None:
    """The Council naming Kazakhstan to host the 2026 session moves that year's host, not the presidency."""
    rows = WhatIf.from_query(
        {"change": "host", "state": "KAZ", "on": "2026-11-11", "until": "2029"}, DAY
    ).compare()["rows"]
    by_year = {row["year"]: row for row in rows}
    assert by_year[2026]["with"]["state"] == by_year[2026]["without"]["state"] == "RUS"
    assert (by_year[2026]["with"]["host"], by_year[2026]["without"]["host"]) == ("KAZ", "RUS")
    assert all(
        by_year[year]["with"]["host"] == by_year[year]["without"]["host"]
        for year in (2027, 2028, 2029)
    )


def test_a_state_not_due_cannot_decline(site: httpx.Client) -> None:
    """Declining a turn that is not the state's is refused, naming who is due."""
    answer = site.get(
        "/what-if",
        params={"change": "decline", "state": "KAZ", "on": "2026-11-11", "go": "project"},
    )
    assert answer.status_code == 400
    assert "not next in rotation" in answer.text
