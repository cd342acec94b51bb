"""Pausing the cyclic garbage collector over allocation-heavy, cycle-free work.

A light module (standard library only) so that the table readers can use it
without importing the RDF writers.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """The writers and table readers allocate millions of small objects and no cycles: pause the
    cyclic GC meanwhile (each of its passes would rescan everything allocated so far)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
