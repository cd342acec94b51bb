"""Pausing the cyclic garbage collector over allocation-heavy, cycle-free work.

A light module (standard library only) so that the table readers can use it
without importing the RDF writers.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused", "gc_deferred"]


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


@contextmanager
def gc_deferred() -> Iterator[None]:
    """Pause the cyclic GC over an allocation-heavy stage, then file what survived as old.

    Segmentation, resolution and the graph allocate millions of small acyclic
    objects that live as long as the graph; a GC pass meanwhile would rescan
    all of them (superlinear).  Merely pausing it is not enough: afterwards they
    all sit in the youngest generation, and the next young, middle and full
    collections each traverse every one of them (~3 s apiece at 10 MB, charged
    to whatever runs next).  Freezing and unfreezing moves them to the oldest
    generation without a traversal, so only the eventual full collection remains
    (``kg build`` avoids that one too by freezing the finished graph).  Note that
    the unfreeze also returns objects a host application froze to the oldest
    generation.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was:
            gc.enable()
