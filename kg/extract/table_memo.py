"""What a rule derives from a loaded table (a pattern, a sorted tuple), made once per table.

Rules receive their tables through :class:`~kg.extract.resources.ExtractorResources`
with every text.  Deriving a regex from a table anew for each text, or even an
``lru_cache`` call (which hashes the table's tuple of words every time), costs
more than the scan of a 50-character sentence; a look-up by the table's identity
costs almost nothing.
"""

from __future__ import annotations

from collections.abc import Sized
from typing import Callable, Generic, TypeVar, cast

__all__ = ["TableMemo"]

T = TypeVar("T")
V = TypeVar("V")


class TableMemo(Generic[T, V]):
    """``make(table)``, remembered per table object.

    An entry holds its table, so the table's id cannot be reused while the entry
    lives; with ``sized``, a table whose size changed (a dictionary extended in
    place) is derived again.  At most ``limit`` tables are remembered, so a process
    that loads many resources (the test suite) does not keep them all alive.
    """

    def __init__(self, make: Callable[[T], V], *, sized: bool = False, limit: int = 8) -> None:
        self._make = make
        self._sized = sized
        self._limit = limit
        self._by_id: dict[int, tuple[T, int, V]] = {}

    def get(self, table: T) -> V:
        size = len(cast(Sized, table)) if self._sized else 0
        hit = self._by_id.get(id(table))
        if hit is None or hit[0] is not table or hit[1] != size:
            if len(self._by_id) >= self._limit:
                self._by_id.clear()
            hit = self._by_id[id(table)] = (table, size, self._make(table))
        return hit[2]
