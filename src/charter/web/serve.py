"""Run the application under uvicorn, on the loopback interface unless told otherwise."""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence

import uvicorn

from charter.engine.errors import ScenarioError
from charter.web.app import CORS_VARIABLE, TIMEOUT_VARIABLE

__all__ = ["serve"]


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    workers: int = 1,
    timeout: float = 10.0,
    cors_origins: Sequence[str] = (),
    log_level: str = "info",
) -> None:
    """Serve until interrupted. Each worker builds its own application from the same settings.

    An address that cannot be listened on is refused before anything starts, in one line.
    """
    _can_listen(host, port)
    os.environ[TIMEOUT_VARIABLE] = repr(timeout)
    os.environ[CORS_VARIABLE] = " ".join(cors_origins)
    uvicorn.run(
        "charter.web.app:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        server_header=False,
        proxy_headers=False,
        timeout_keep_alive=5,
        limit_concurrency=512,
    )


def _can_listen(host: str, port: int) -> None:
    """Refuse, with one located line, an address this machine cannot listen on."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = found[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ScenarioError.single(
            "charter serve", f"cannot listen on {host}:{port}: {reason} (see --host and --port)"
        ) from None
