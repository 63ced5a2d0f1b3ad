"""Pausing the garbage collector around bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_collection"]


@contextmanager
def paused_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many long-lived objects.

    Charter's values form no reference cycles, so nothing is lost; the collector
    would otherwise rescan every new object again and again as the heap grows.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
