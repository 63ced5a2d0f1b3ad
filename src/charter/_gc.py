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

    On the way out, the objects built are filed with the oldest generation
    (``gc.freeze()`` then ``gc.unfreeze()`` moves every tracked object there in
    constant time). Otherwise the first allocation after the pause would start a
    young-generation collection that walks every one of them at once. The objects
    are still collected as usual, by reference counting or by the next full
    collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
