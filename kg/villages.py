"""The village level of the division table (about 620k communities and villages), read on demand.

Kept apart from :mod:`kg.gazetteer` so that the wheel compiles it (see
hatch_build.py): a build that needs the villages reads them in the main
process before forking its workers, so the read (name index included) is on
the critical path.
"""

from __future__ import annotations

import bisect
import gzip
import logging
from pathlib import Path
from typing import TYPE_CHECKING, cast

from .gc_control import gc_paused

if TYPE_CHECKING:
    from .table_cache import TableCache

__all__ = ["Villages", "read_villages"]

log = logging.getLogger(__name__)


class Villages:
    """The village level: parallel code-sorted lists, and name → codes."""

    def __init__(self, codes: list[str], names: list[str], index: dict[str, list[str]]) -> None:
        self.codes = codes  # sorted, so a code is found by bisection
        self.names = names
        self.index = index

    def name_of(self, code: str) -> str | None:
        i = bisect.bisect_left(self.codes, code)
        return self.names[i] if i < len(self.codes) and self.codes[i] == code else None


def read_villages(path: Path, tables: TableCache | None = None) -> Villages:
    """The village table in ``path``; from ``tables`` when it holds it (half the time), else
    read, then stored there."""
    key = tables.key(path) if tables is not None and tables.enabled else ""
    if tables is not None and key:
        entry = tables.load("villages", key)
        if entry is not None:
            try:
                codes, names, index = cast("tuple[list[str], list[str], dict[str, list[str]]]", entry)
                return Villages(codes, names, index)
            except (TypeError, ValueError) as exc:  # not what this version stores
                log.debug("reading the villages again: %s", exc)
    villages = _parse_villages(path)
    if tables is not None and key:
        # the index's codes are the code list's objects: marshal writes each once
        tables.store("villages", key, (villages.codes, villages.names, villages.index))
    return villages


def _parse_villages(path: Path) -> Villages:
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    # One split over the whole file is far faster than a loop over lines:
    # fields alternate code, name after the header's two.  Lists plus
    # bisection instead of a code → name dict save time and ~40 MB.
    fields = text.rstrip("\n").replace("\n", "\t").split("\t")[2:]
    codes, names = fields[0::2], fields[1::2]
    index: dict[str, list[str]] = {}
    # ~300k new lists: with the cyclic GC on, its passes over them cost as much as the read.
    with gc_paused():
        for i in range(len(codes)):
            name = names[i]
            got = index.get(name)
            if got is None:
                index[name] = [codes[i]]
            else:
                got.append(codes[i])
    return Villages(codes, names, index)
