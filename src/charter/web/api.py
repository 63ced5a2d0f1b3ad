"""The JSON API: the documents the command line prints, for the embedded record.

Every route calls the builder the command does (``charter.output.report``,
``charter.output.documents``, ``charter.engine._index``, an explanation's ``as_json``) and
serialises it the way ``--format json`` does, so the bytes are the same. Input
comes only in the request: no route reads a file named by a client, and none
changes the record (it is replayed once and never written).
"""

from __future__ import annotations

from datetime import date
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from charter.engine import _index
from charter.engine._days import parse_date
from charter.engine._iso3166 import ALPHA3
from charter.engine.answers import chair_json, members_json, sg_json, status_json
from charter.engine.check import check_session, default_history
from charter.engine.errors import Problem, ScenarioError
from charter.engine.packs import DEFAULT_RULEBOOK, rulebook_ids, rulebooks
from charter.engine.record import record_scenario
from charter.files._document import Limits
from charter.files.loading import file_format, load_text
from charter.files.located import decode_text
from charter.files.scenario import Proposal, Scenario
from charter.output._svg import to_svg
from charter.output.documents import picture_json, replayed, simulation
from charter.output.picture import Picture, picture_of
from charter.output.report import report_json
from charter.output.rulebook import rule_json, rules_json
from charter.web._http import document_response, in_worker, read_body

__all__ = ["router"]

router = APIRouter()

_DAY = Query(description="A day, YYYY-MM-DD", examples=["2019-06-01"])
_RULEBOOK = Query(
    description="The rulebook whose record answers (an installed pack; default: the first)",
    max_length=40,
)


def rulebook_of(name: str | None) -> str:
    """The rulebook a request names (``rulebook=``), or the default one; a 4xx problem otherwise."""
    if name is None:
        return DEFAULT_RULEBOOK
    if name not in rulebook_ids():
        listed = ", ".join(rulebook_ids())
        raise ScenarioError(
            [
                Problem(
                    "query parameter 'rulebook'",
                    0,
                    0,
                    "",
                    f"{name!r} is not an installed rulebook (expected one of: {listed})",
                )
            ]
        )
    return name


_NAME = Query(
    description="The name the submitted text goes by in the report (a label only: nothing is opened)",
    max_length=200,
)


def _timeout(request: Request) -> float:
    seconds: float = request.app.state.timeout
    return seconds


def _limits(request: Request) -> Limits:
    limits: Limits = request.app.state.limits
    return limits


def day_of(text: str, parameter: str) -> date:
    """A query parameter read as a day, or a located problem naming the parameter."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise ScenarioError(
            [Problem(f"query parameter '{parameter}'", 0, 0, "", str(exc))]
        ) from None


def charter_version() -> str:
    """The installed version of charter."""
    try:
        return version("charter")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree without install
        return "unknown"


@router.get("/health", tags=["service"], summary="Is the service up")
async def health() -> dict[str, str]:
    """Answers {"status": "ok"} while the service is up."""
    return {"status": "ok"}


@router.get("/version", tags=["service"], summary="The versions of charter and its record")
async def service_version() -> dict[str, str]:
    """The installed version of charter."""
    return {"charter": charter_version()}


@router.get("/api/chair", tags=["record"], summary="charter chair --on DATE --format json")
async def chair(
    on: Annotated[str, _DAY], rulebook: Annotated[str | None, _RULEBOOK] = None
) -> Response:
    """Which state presides on a day, who holds its seat, and since when."""
    day, name = day_of(on, "on"), rulebook_of(rulebook)
    if _index.has_index(name):
        return document_response(_index.chair_on(day, rulebook=name), rulebook=name)
    return document_response(chair_json(default_history(name).chair_on(day)), rulebook=name)


@router.get("/api/members", tags=["record"], summary="charter members --on DATE --format json")
async def members(
    on: Annotated[str, _DAY], rulebook: Annotated[str | None, _RULEBOOK] = None
) -> Response:
    """The members on a day, and which are suspended or frozen."""
    day, name = day_of(on, "on"), rulebook_of(rulebook)
    if _index.has_index(name):
        return document_response(_index.members_on(day, rulebook=name), rulebook=name)
    return document_response(members_json(default_history(name).members_on(day)), rulebook=name)


@router.get("/api/sg", tags=["record"], summary="charter sg --on DATE --format json")
async def secretary_general(
    on: Annotated[str, _DAY], rulebook: Annotated[str | None, _RULEBOOK] = None
) -> Response:
    """The Secretary General on a day: known, vacant, not known or not decided."""
    day, name = day_of(on, "on"), rulebook_of(rulebook)
    return document_response(sg_json(default_history(name).secretary_general(day)), rulebook=name)


@router.get("/api/status", tags=["record"], summary="charter status STATE --on DATE --format json")
async def status(
    state: Annotated[str, Query(description="An ISO 3166-1 alpha-3 code", max_length=3)],
    on: Annotated[str, _DAY],
    rulebook: Annotated[str | None, _RULEBOOK] = None,
) -> Response:
    """A state's membership status on a day."""
    if state not in ALPHA3:
        raise ScenarioError(
            [
                Problem(
                    "query parameter 'state'",
                    0,
                    0,
                    "",
                    f"{state!r} is not a state code (expected ISO 3166-1 alpha-3, such as FRA)",
                )
            ]
        )
    day, name = day_of(on, "on"), rulebook_of(rulebook)
    return document_response(status_json(default_history(name).status(state, day)), rulebook=name)


@router.get(
    "/api/explain",
    tags=["record"],
    summary="charter explain --on DATE | --session ID --format json",
)
async def explain(
    request: Request,
    on: Annotated[str | None, Query(description="A day, YYYY-MM-DD")] = None,
    session: Annotated[
        str | None, Query(description="A session id of the record", max_length=200)
    ] = None,
    rulebook: Annotated[str | None, _RULEBOOK] = None,
) -> Response:
    """Why a state presides on a day, or why a session of the record is valid or not."""
    if (on is None) == (session is None):
        raise ScenarioError([Problem("query", 0, 0, "", "give exactly one of 'on' or 'session'")])
    day = day_of(on, "on") if on is not None else None
    name = rulebook_of(rulebook)

    def work() -> dict[str, Any]:
        try:
            tree = default_history(name).explain(on=day, session=session)
        except KeyError as exc:
            raise ScenarioError.single("the embedded record", str(exc.args[0])) from None
        return tree.as_json()

    return document_response(await in_worker(_timeout(request), work), rulebook=name)


@router.get("/api/rules", tags=["rulebook"], summary="charter rules --format json")
async def rules(rulebook: Annotated[str | None, _RULEBOOK] = None) -> Response:
    """The rulebook: ids, citations, severities, in-force dates."""
    name = rulebook_of(rulebook)
    return document_response(rules_json(name), rulebook=name)


@router.get(
    "/api/rules/{rule_id}", tags=["rulebook"], summary="One rule of charter rules --format json"
)
async def rule(rule_id: str) -> Response:
    """One rule of any installed rulebook, as its entry in that rulebook's document."""
    found = next((pack.rules[rule_id] for pack in rulebooks() if rule_id in pack.rules), None)
    if found is None:
        raise LookupError(f"no rule {rule_id!r} in the rulebook (see /api/rules)")
    return document_response(rule_json(found), rulebook=None)


@router.get("/api/timeline", tags=["record"], summary="charter timeline --format json")
async def timeline_json(request: Request) -> Response:
    """The record drawn as data: membership, presidencies, sessions, Secretaries-General."""
    return document_response(picture_json(await in_worker(_timeout(request), record_picture)))


@router.get("/api/timeline.svg", tags=["record"], summary="charter timeline --format svg")
async def timeline_svg(request: Request) -> Response:
    """The record drawn as SVG (the same text ``charter timeline --format svg`` prints)."""
    drawn = await in_worker(_timeout(request), record_picture)
    return Response(to_svg(drawn) + "\n", media_type="image/svg+xml")


def record_picture() -> Picture:
    """The picture of the embedded record, as ``charter timeline`` draws it."""

    return picture_of(default_history().timeline, record_scenario().title or "The record")


@router.get("/api/schema", tags=["rulebook"], summary="charter schema")
async def schema() -> Response:
    """The JSON Schema of scenario and proposal files."""
    from charter.output._schema import file_schema  # noqa: PLC0415 - built only when asked for

    return document_response(file_schema(), rulebook=None)


_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/yaml": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
            "text/plain": {"schema": {"type": "string"}},
        },
    }
}


async def _text(request: Request, name: str) -> str:
    return decode_text(name, await read_body(request, _limits(request)), _limits(request))


def _exit_header(failed: bool) -> dict[str, str]:
    return {"Charter-Exit-Status": "1" if failed else "0"}


@router.post(
    "/api/check", tags=["check"], summary="charter check FILE --format json", openapi_extra=_BODY
)
async def check(
    request: Request,
    name: Annotated[str, _NAME] = "proposal.yaml",
    strict: Annotated[bool, Query(description="unknown facts are errors")] = False,
) -> Response:
    """Check a proposed session (YAML or JSON, as a file for ``charter check``) against the record.

    A proposal that breaks a rule is a 200 with the verdict; ``Charter-Exit-Status``
    is the exit code ``charter check`` would give (1 when it breaks the Charter).
    Unreadable or invalid input is a problem document with every located problem.
    """
    text = await _text(request, name)
    limits = _limits(request)

    def work() -> tuple[dict[str, Any], bool]:

        loaded = load_text(name, text, file_format(name), limits)
        if not isinstance(loaded, Proposal):
            raise ScenarioError.single(
                name, "expected a proposal: a mapping with 'id', 'date' and 'session'", 1, 1
            )
        report = check_session(loaded, strict=strict)
        return report_json([report]), not report.ok

    document, failed = await in_worker(_timeout(request), work)
    return document_response(document, headers=_exit_header(failed))


@router.post(
    "/api/replay", tags=["check"], summary="charter replay FILE --format json", openapi_extra=_BODY
)
async def replay(
    request: Request,
    name: Annotated[str, _NAME] = "scenario.yaml",
    strict: Annotated[bool, Query(description="unknown facts are errors")] = False,
) -> Response:
    """Replay a scenario (or check a proposal) given as YAML or JSON; its expectations are the test."""
    text = await _text(request, name)
    limits = _limits(request)

    def work() -> tuple[dict[str, Any], bool]:

        report = replayed(load_text(name, text, file_format(name), limits), strict=strict)
        return report_json([report]), not report.ok

    document, failed = await in_worker(_timeout(request), work)
    return document_response(document, headers=_exit_header(failed))


@router.post(
    "/api/simulate",
    tags=["check"],
    summary="charter simulate FILE --until YEAR --format json",
    openapi_extra=_BODY,
)
async def simulate(
    request: Request,
    until: Annotated[int, Query(description="The last year projected", ge=1992, le=2200)],
    start: Annotated[
        int | None, Query(alias="from", description="The first year shown", ge=1992, le=2200)
    ] = None,
    name: Annotated[str, _NAME] = "scenario.yaml",
) -> Response:
    """Replay a scenario and project presidencies and hosts year by year to ``until``."""
    text = await _text(request, name)
    limits = _limits(request)

    def work() -> tuple[dict[str, Any], bool]:

        loaded = load_text(name, text, file_format(name), limits)
        if not isinstance(loaded, Scenario):
            raise ScenarioError.single(
                name, "this is a proposal (a 'session:' file); use /api/check on it", 1, 1
            )
        report = simulation(loaded, until, start, where=name)
        return report_json([report]), not report.ok

    document, failed = await in_worker(_timeout(request), work)
    return document_response(document, headers=_exit_header(failed))
