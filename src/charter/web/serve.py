"""Run the application under uvicorn, on the loopback interface unless told otherwise."""

from __future__ import annotations

import os
from collections.abc import Sequence

import uvicorn

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
    """Serve until interrupted. Each worker builds its own application from the same settings."""
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
