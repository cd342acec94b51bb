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
from array import array
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
    """The village table in ``path``; from ``tables`` when it holds it (two thirds of the time),
    else read, then stored there."""
    key = tables.key(path) if tables is not None and tables.enabled else ""
    if tables is not None and key:
        entry = tables.load("villages", key)
        if entry is not None:
            try:
                return _from_parts(*cast("tuple[str, str, bytes, bytes]", entry))
            except (TypeError, ValueError, IndexError) as exc:  # not what this version stores
                log.debug("reading the villages again: %s", exc)
    villages = _parse_villages(path)
    if tables is not None and key:
        tables.store("villages", key, _parts(villages))
    return villages


def _parts(v: Villages) -> tuple[str, str, bytes, bytes]:
    """``v`` as plain data that reads back fast: the codes and the names as text, then for every
    name of the index, in its order, the positions of its codes and their number (arrays of
    unsigned ints).  Rebuilding the index from these needs no dict look-up per village."""
    positions: dict[str, list[int]] = {}
    flat, sizes = array("I"), array("I")
    with gc_paused():  # ~300k new lists: GC passes would rescan the whole table each time
        for i in range(len(v.names)):
            got = positions.get(v.names[i])
            if got is None:
                positions[v.names[i]] = [i]
            else:
                got.append(i)
        for group in positions.values():
            flat.extend(group)
            sizes.append(len(group))
    return "\n".join(v.codes), "\n".join(v.names), flat.tobytes(), sizes.tobytes()


def _from_parts(codes_text: str, names_text: str, flat_bytes: bytes, sizes_bytes: bytes) -> Villages:
    codes = codes_text.split("\n") if codes_text else []
    names = names_text.split("\n") if names_text else []
    flat_array, sizes_array = array("I"), array("I")
    flat_array.frombytes(flat_bytes)
    sizes_array.frombytes(sizes_bytes)
    flat: list[int] = flat_array.tolist()
    sizes: list[int] = sizes_array.tolist()
    if len(codes) != len(names) or len(flat) != len(codes) or sum(sizes) != len(flat):
        raise ValueError("inconsistent village table parts")
    index: dict[str, list[str]] = {}
    with gc_paused():  # ~300k new lists, no cycles
        pos = 0
        for n in sizes:
            first = flat[pos]
            # keyed by the name's first occurrence, holding the code list's objects: as _parse_villages
            if n == 1:
                index[names[first]] = [codes[first]]
            else:
                index[names[first]] = [codes[flat[k]] for k in range(pos, pos + n)]
            pos += n
    return Villages(codes, names, index)


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
