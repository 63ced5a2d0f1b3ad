"""Pausing the garbage collector around bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_collection"]

BULK = 100_000
"""Objects built in one pause past which they are filed as old on the way out."""


@contextmanager
def paused_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many long-lived objects.

    Charter's values form no reference cycles, so nothing is lost; the collector
    would otherwise rescan every new object again and again as the heap grows.

    When the pause built a great many objects (a long history), they are filed
    with the oldest generation on the way out (``gc.freeze()`` then
    ``gc.unfreeze()`` moves every tracked object there in constant time);
    otherwise the first allocation after the pause would start a young collection
    that walks every one of them at once. After a small pause (a proposal, a short
    scenario) nothing is moved, so that short-lived garbage is still collected young.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_count()[0] > BULK:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
