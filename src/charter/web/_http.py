"""HTTP plumbing: documents as the command line prints them, problem documents, limits, headers.

A problem document (RFC 9457, ``application/problem+json``) carries the same
located problems as the command line's lines on standard error: path, line,
column, the place inside the document, and the message.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from http import HTTPStatus
from typing import Any, TypeVar

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from charter.engine._packnames import DEFAULT_RULEBOOK
from charter.engine.errors import Problem, ScenarioError
from charter.files._document import Limits
from charter.output._json import json_text

__all__ = [
    "CSP",
    "BodyTooLargeError",
    "DeadlineError",
    "SecurityHeaders",
    "document_response",
    "in_worker",
    "problem_response",
    "read_body",
]

T = TypeVar("T")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""Only the service's own scripts, styles and images; no inline script; never framed."""

PROBLEM_TYPE = "application/problem+json"


def document_response(
    document: object,
    status: int = 200,
    headers: dict[str, str] | None = None,
    rulebook: str | None = DEFAULT_RULEBOOK,
) -> Response:
    """A JSON document with exactly the bytes ``charter ... --format json`` prints.

    Like the command line's, it names the rulebook it answers under (the service
    answers from the default rulebook's record), except where none applies.
    """
    body = (
        json_text({"rulebook": rulebook, **document} if rulebook else document)
        if isinstance(document, dict)
        else json.dumps(document, indent=2)
    ) + "\n"
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def problem_json(
    status: int, detail: str, problems: Sequence[Problem] = (), instance: str | None = None
) -> dict[str, Any]:
    """The problem document for ``status``: title, detail, and the located problems."""
    out: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance is not None:
        out["instance"] = instance
    if problems:
        out["problems"] = [
            {
                "path": problem.path,
                "line": problem.line,
                "column": problem.column,
                "where": problem.where,
                "message": problem.message,
                "text": str(problem),
            }
            for problem in problems
        ]
    return out


def problem_response(
    status: int, detail: str, problems: Sequence[Problem] = (), instance: str | None = None
) -> JSONResponse:
    """A problem document as a response."""
    return JSONResponse(
        problem_json(status, detail, problems, instance),
        status_code=status,
        media_type=PROBLEM_TYPE,
    )


def invalid(error: ScenarioError) -> str:
    """The detail line of a problem document for bad input: the first problem, and how many more."""
    first = str(error.problems[0]) if error.problems else "invalid input"
    more = len(error.problems) - 1
    return first if more <= 0 else f"{first} (and {more} more)"


class BodyTooLargeError(Exception):
    """A request body over the size limit for input files."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"the request body is over the limit of {limit} bytes (raise CHARTER_MAX_BYTES if this is intended)"
        )


async def read_body(request: Request, limits: Limits) -> bytes:
    """The request body, refused as soon as it passes the size limit of an input file."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limits.max_bytes:
        raise BodyTooLargeError(limits.max_bytes)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limits.max_bytes:
            raise BodyTooLargeError(limits.max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


class DeadlineError(Exception):
    """A request took longer than the service allows."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the request took longer than {seconds:g} s and was abandoned")


async def in_worker(seconds: float, work: Callable[[], T]) -> T:
    """Run ``work`` in a worker thread, giving up on it after ``seconds``.

    A thread cannot be stopped: one that overruns finishes in the background and
    its answer is dropped; the client gets a 503 at once.
    """
    result: list[T] = []

    def run() -> None:
        result.append(work())

    limit = seconds if seconds > 0 else math.inf
    try:
        with anyio.fail_after(limit):
            await anyio.to_thread.run_sync(run, abandon_on_cancel=True)
    except TimeoutError:
        raise DeadlineError(seconds) from None
    return result[0]


class SecurityHeaders:
    """Adds the security headers to every response (pure ASGI: streams pass through)."""

    def __init__(self, app: ASGIApp, csp: str = CSP) -> None:
        self.app = app
        self.csp = csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self.csp

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                for name, value in (
                    (b"content-security-policy", policy.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"cross-origin-resource-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                ):
                    if name not in names:
                        headers.append((name, value))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, sending)
