"""The ASGI application behind ``charter serve``: the JSON API, the pages, and their guards.

Settings come as arguments, or (for ``--workers``, where each worker builds its
own application) from the variables ``charter serve`` sets for its workers.
"""

from __future__ import annotations

import gc
import inspect
import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from charter.engine.check import default_history
from charter.engine.errors import Problem, ScenarioError
from charter.engine.model import Frozen
from charter.files._document import Limits
from charter.web import pages
from charter.web._http import (
    BodyTooLargeError,
    DeadlineError,
    SecurityHeaders,
    invalid,
    problem_response,
)
from charter.web.api import charter_version, router

__all__ = ["CORS_VARIABLE", "DEFAULT_TIMEOUT", "TIMEOUT_VARIABLE", "create_app", "from_environment"]

DEFAULT_TIMEOUT = 10.0
"""Seconds a request may take before it is abandoned with a 503."""

TIMEOUT_VARIABLE = "CHARTER_SERVE_TIMEOUT"
CORS_VARIABLE = "CHARTER_SERVE_CORS"


_NO_TELEMETRY: dict[str, Any] = (
    {
        "telemetry": {
            "tracing": False,
            "metrics": False,
            "logs": False,
            "operation_spans": False,
            "auto_configure": False,
        }
    }
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters
    else {}
)
"""Newer FastAPI records spans, metrics and exception logs of its own: none here (they cost
time on every request, and an exception's log would hold what a client must never see)."""


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path in ("/health", "/version", "/openapi.json"))


def _problem(
    request: Request, status: int, detail: str, problems: Sequence[Problem] = ()
) -> Response:
    if _wants_html(request):
        return pages.error_page(request, status, detail, problems)
    return problem_response(status, detail, problems, instance=request.url.path)


def create_app(
    *,
    timeout: float = DEFAULT_TIMEOUT,
    cors_origins: Sequence[str] = (),
    limits: Limits | None = None,
) -> FastAPI:
    """The application: API under ``/api``, pages at ``/``, OpenAPI at ``/openapi.json``.

    ``cors_origins`` lists the origins allowed to call the API from a browser
    (none by default: same origin only). ``limits`` bound request bodies the way
    they bound input files (default: the same as for files).
    """
    app = FastAPI(
        title="charter",
        version=charter_version(),
        summary="Charters' procedural rules, checked against each organisation's record.",
        description=(
            "Every `/api` route returns the JSON document the matching `charter` command prints "
            "with `--format json`. Bad input is a problem document (RFC 9457) with located problems."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        **_NO_TELEMETRY,
    )
    app.state.timeout = timeout
    app.state.limits = limits or Limits()

    async def scenario_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ScenarioError)
        status = 404 if any(p.path == "the embedded record" for p in exc.problems) else 422
        if any(p.path.startswith("query") for p in exc.problems):
            status = 400
        return _problem(request, status, invalid(exc), exc.problems)

    async def too_large(request: Request, exc: Exception) -> Response:
        return _problem(request, 413, str(exc))

    async def too_slow(request: Request, exc: Exception) -> Response:
        return _problem(request, 503, str(exc))

    async def not_found(request: Request, exc: Exception) -> Response:
        return _problem(request, 404, str(exc.args[0]) if exc.args else "not found")

    async def bad_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = [
            Problem(
                f"{error['loc'][0]} parameter '{'.'.join(str(part) for part in error['loc'][1:])}'"
                if len(error["loc"]) > 1
                else str(error["loc"][0]),
                0,
                0,
                "",
                str(error["msg"]),
            )
            for error in exc.errors()
        ]
        return _problem(request, 400, "; ".join(str(problem) for problem in problems), problems)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return _problem(request, exc.status_code, str(exc.detail))

    async def internal(request: Request, exc: Exception) -> Response:
        # A bug: no traceback goes out; the detail says what the client can do.
        return _problem(request, 500, "charter failed on this request (a bug): please report it")

    app.add_exception_handler(ScenarioError, scenario_error)
    app.add_exception_handler(BodyTooLargeError, too_large)
    app.add_exception_handler(DeadlineError, too_slow)
    app.add_exception_handler(LookupError, not_found)
    app.add_exception_handler(RequestValidationError, bad_request)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, internal)

    app.include_router(router)
    app.include_router(pages.router)
    static = Path(str(resources.files("charter.web") / "static"))
    app.mount("/static", StaticFiles(directory=static), name="static")
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
            expose_headers=["Charter-Exit-Status"],
        )
    app.add_middleware(SecurityHeaders)
    _settle()
    return app


def _settle() -> None:
    """Replay the record now, and set everything built so far aside from the garbage collector.

    The first request then finds the record ready, and the collector's full passes,
    which every request's garbage sets off now and then, no longer walk the
    record and the framework: they are there for the life of the process.
    """
    from charter.engine import _index  # noqa: PLC0415 - the quick index, loaded once here

    default_history()
    _index.load_index()
    _build_validators()
    gc.collect()
    gc.freeze()


def _build_validators() -> None:
    """Build every model's validator before serving.

    Models build theirs on first use, which keeps a command's start quick; a server
    builds them all at once instead, so that no two requests build one at the same time.
    """
    pending: list[type[Frozen]] = [Frozen]
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if not model.__pydantic_complete__:
            model.model_rebuild()


def from_environment() -> FastAPI:
    """The application with the settings ``charter serve`` passed to its workers."""
    text = os.environ.get(TIMEOUT_VARIABLE, "")
    try:
        timeout = float(text) if text else DEFAULT_TIMEOUT
    except ValueError:
        timeout = DEFAULT_TIMEOUT
    origins = [origin for origin in os.environ.get(CORS_VARIABLE, "").split() if origin]
    return create_app(timeout=timeout, cors_origins=origins)
