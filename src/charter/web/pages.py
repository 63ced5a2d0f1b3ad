"""The pages: check a proposed session, a page per date, the rulebook, what-if projections.

Every page is a plain server-rendered form that works with JavaScript off; the
small script in ``static/app.js`` only saves a click here and there. Templates
escape everything they show, so a name holding markup stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Request
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.datastructures import QueryParams
from starlette.responses import HTMLResponse, Response

from charter.engine import _index
from charter.engine._days import parse_date
from charter.engine._installed import display
from charter.engine.check import check_session, default_history
from charter.engine.errors import Problem, ScenarioError
from charter.engine.model import Capacity, MembershipStatus, SessionFormat, SessionKind
from charter.engine.packs import DEFAULT_RULEBOOK, get_rulebook
from charter.output._svg import to_svg
from charter.output.report import report_json
from charter.output.rulebook import rule_json
from charter.web._http import in_worker
from charter.web.api import record_picture
from charter.web.around import around
from charter.web.forms import PROPOSAL_NAME, ProposalForm, fixes, record_on, seated_form
from charter.web.whatif import CHANGES, WhatIf

__all__ = ["error_page", "router"]

router = APIRouter(include_in_schema=False)

RULEBOOKS = ((DEFAULT_RULEBOOK, f"{get_rulebook(DEFAULT_RULEBOOK).name} (the embedded record)"),)
"""The rulebooks a page can check against."""

MAX_ROWS = 60
"""Participant rows a check may hold (a Council session has fewer than twenty)."""

_ENV = Environment(
    loader=PackageLoader("charter.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.globals.update(display=display)


def render(name: str, code: int = 200, **context: Any) -> HTMLResponse:
    """A page from its template, every value escaped."""
    return HTMLResponse(_ENV.get_template(name).render(**context), status_code=code)


def error_page(
    request: Request, status: int, detail: str, problems: Sequence[Problem] = ()
) -> Response:
    """A bad request or a failure, as a page: what was wrong, never a traceback."""
    return render("error.html", status, status=status, detail=detail, problems=problems)


def _today() -> date:
    return datetime.now(UTC).date()


def _timeout(request: Request) -> float:
    seconds: float = request.app.state.timeout
    return seconds


def form_of(query: QueryParams) -> ProposalForm:
    """The check form from the query string, refused when it is out of bounds."""
    lists = {name: query.getlist(name) for name in ("p_person", "p_state", "p_capacity")}
    if any(len(values) > MAX_ROWS for values in lists.values()):
        raise ScenarioError([Problem("query", 0, 0, "", f"more than {MAX_ROWS} participants")])
    rulebook = query.get("rulebook", DEFAULT_RULEBOOK)
    if rulebook not in dict(RULEBOOKS):
        raise ScenarioError(
            [
                Problem(
                    "query parameter 'rulebook'",
                    0,
                    0,
                    "",
                    f"{rulebook!r} is not a rulebook here (expected {', '.join(dict(RULEBOOKS))})",
                )
            ]
        )
    return ProposalForm.from_query({key: query[key] for key in query}, lists)


@router.api_route("/", response_class=HTMLResponse, methods=["GET", "HEAD"])
async def index() -> Response:
    """The start page: what can be done here."""
    return render("index.html", today=_today().isoformat(), changes=CHANGES)


@router.api_route("/check", response_class=HTMLResponse, methods=["GET", "HEAD"])
async def check_page(request: Request) -> Response:
    """Check a proposed session: the form, and with ``go=check`` the verdict, fixes and why."""
    form = form_of(request.query_params)
    go = request.query_params.get("go", "")
    if not form.date:
        form = replace(form, date=_today().isoformat())
    day = form.day()
    problems: list[Problem] = []
    if day is None:
        problems.append(
            Problem("date", 0, 0, "", f"{form.date!r} is not a date (expected YYYY-MM-DD)")
        )
        go = ""
    elif go == "load" or (go != "check" and not form.rows):
        # "Offer the record on this date": the seats and the host as the record has them then.
        presiding = record_on(day).presiding
        form = replace(seated_form(day, form), host=presiding or form.host)

    def work() -> dict[str, Any]:
        if day is None:
            return {}
        context: dict[str, Any] = {"record": record_on(day)}
        if go != "check":
            return context
        try:
            report = check_session(form.load())
        except ScenarioError as exc:
            context["problems"] = exc.problems
            return context
        context["document"] = report_json([report])
        context["failed"] = bool(report.errors()) or not report.ok
        context["fixes"] = fixes(form, report)
        context["explanation"] = report.explain(session=form.id).as_json()
        return context

    context = await in_worker(_timeout(request), work)
    problems += context.pop("problems", [])
    return render(
        "check.html",
        422 if problems else 200,
        form=form,
        query=form.query(),
        problems=problems,
        rulebooks=RULEBOOKS,
        kinds=[kind.value for kind in SessionKind],
        formats=[fmt.value for fmt in SessionFormat],
        capacities=[capacity.value for capacity in Capacity],
        blank_rows=3,
        proposal_text=form.text() if day is not None else "",
        proposal_name=PROPOSAL_NAME,
        **context,
    )


@router.api_route("/check/proposal.yaml", methods=["GET", "HEAD"])
async def download_proposal(request: Request) -> Response:
    """The proposal on the check page as a file that ``charter check`` reads unchanged."""
    form = form_of(request.query_params)
    if form.day() is None:
        raise ScenarioError(
            [
                Problem(
                    "query parameter 'date'",
                    0,
                    0,
                    "",
                    f"{form.date!r} is not a date (expected YYYY-MM-DD)",
                )
            ]
        )
    return Response(
        form.text(),
        media_type="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{PROPOSAL_NAME}"'},
    )


@router.api_route("/on", response_class=HTMLResponse, methods=["GET", "HEAD"])
async def date_page(request: Request) -> Response:
    """A page per date: who presides, who sits, and why."""
    text = request.query_params.get("date", "") or _today().isoformat()
    try:
        day = parse_date(text)
    except ValueError as exc:
        raise ScenarioError([Problem("query parameter 'date'", 0, 0, "", str(exc))]) from None

    def work() -> dict[str, Any]:
        history = default_history()
        sg = history.secretary_general_on(day)
        return {
            # The documents charter chair and charter members print for the record.
            "chair": _index.chair_on(day),
            "members": _index.members_on(day),
            "secretary_general": sg,
            "explanation": history.explain(on=day).as_json(),
            "record": record_on(day),
        }

    return render("date.html", day=day.isoformat(), **await in_worker(_timeout(request), work))


@router.api_route("/timeline/around.svg", methods=["GET", "HEAD"])
async def timeline_around(request: Request) -> Response:
    """The record's timeline a few years either side of ``date``, as SVG."""
    text = request.query_params.get("date", "") or _today().isoformat()
    try:
        day = parse_date(text)
    except ValueError as exc:
        raise ScenarioError([Problem("query parameter 'date'", 0, 0, "", str(exc))]) from None
    drawn = await in_worker(_timeout(request), record_picture)
    return Response(to_svg(around(drawn, day)) + "\n", media_type="image/svg+xml")


@router.api_route("/rules", response_class=HTMLResponse, methods=["GET", "HEAD"])
async def rules_page() -> Response:
    """The rulebook: every rule with its citation and the days it is in force."""
    registry = get_rulebook(DEFAULT_RULEBOOK).rules
    return render(
        "rules.html", rules=[rule_json(found) for found in registry.ordered(registry.values())]
    )


@router.api_route("/rules/{rule_id}", response_class=HTMLResponse, methods=["GET", "HEAD"])
async def rule_page(rule_id: str) -> Response:
    """One rule: what it says, its citation, when it is in force."""
    found = get_rulebook(DEFAULT_RULEBOOK).rules.get(rule_id)
    if found is None:
        raise LookupError(f"no rule {rule_id!r} in the rulebook")
    return render("rule.html", rule=rule_json(found))


@router.api_route("/what-if", response_class=HTMLResponse, methods=["GET", "HEAD"])
async def what_if_page(request: Request) -> Response:
    """Pick a change and a horizon; see the years with and without it, and why each."""
    what = WhatIf.from_query(request.query_params, _today())

    def work() -> dict[str, Any]:
        return what.compare() if request.query_params.get("go") == "project" else {}

    context = await in_worker(_timeout(request), work)
    return render(
        "whatif.html",
        what=what,
        changes=CHANGES,
        states=[state for state, _ in record_on(_today()).states],
        statuses=[status.value for status in MembershipStatus],
        query=what.query(),
        **context,
    )


@router.api_route("/what-if/scenario.yaml", methods=["GET", "HEAD"])
async def download_scenario(request: Request) -> Response:
    """The what-if as a scenario file that ``charter simulate`` reproduces."""
    what = WhatIf.from_query(request.query_params, _today())
    return Response(
        what.text(),
        media_type="application/yaml",
        headers={"Content-Disposition": 'attachment; filename="what-if.yaml"'},
    )


@router.api_route("/docs", response_class=HTMLResponse, methods=["GET", "HEAD"])
async def docs_page(request: Request) -> Response:
    """The API, operation by operation, each with a form to try it."""
    schema = request.app.openapi()
    operations = [
        {"method": method.upper(), "path": path, **operation}
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]
    return render("docs.html", operations=operations, version=schema["info"]["version"])
