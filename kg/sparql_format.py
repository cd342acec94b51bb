"""Formatting of SPARQL result rows for ``kg query``: aligned table, CSV, JSON.

The table counts a Chinese character as two columns and shortens IRIs with
the project's prefixes, so a terminal shows results readably.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from typing import Mapping, Sequence

from .rdf.vocab import PREFIXES

__all__ = ["FORMATS", "format_rows", "guess_base"]

FORMATS = ("table", "csv", "json")

def guess_base(rows) -> str | None:
    for row in rows[:50]:
        for v in row.values():
            if isinstance(v, str) and "/article/" in v and v.startswith(("http://", "https://")):
                return v[: v.index("/article/") + 1]
    from .rdf.vocab import DEFAULT_BASE_IRI

    return DEFAULT_BASE_IRI


_NS_LONGEST = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def _short(value: str, base: str | None) -> str:
    if not value.startswith(("http://", "https://", "urn:")):
        return value
    for prefix, ns in _NS_LONGEST:
        if value.startswith(ns) and re.match(r"^[A-Za-z_][\w-]*$", value[len(ns):]):
            return f"{prefix}:{value[len(ns):]}"
    if base and value.startswith(base):
        return f"<{value[len(base):]}>"
    return f"<{value}>"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def _cut(text: str, limit: int | None) -> str:
    if limit is None or _width(text) <= limit:
        return text
    out, w = [], 0
    for c in text:
        cw = _width(c)
        if w + cw > limit - 1:
            break
        out.append(c)
        w += cw
    return "".join(out) + "…"


def _cell(v, base, limit) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    text = re.sub(r"\s+", " ", str(v))
    return _cut(_short(text, base), limit)


def format_rows(names: Sequence[str], rows: Sequence[Mapping], fmt: str = "table", *,
                base_iri: str | None = None, max_width: int | None = 60) -> str:
    """Format result rows (dicts from :func:`query`) as ``table``, ``csv`` or ``json`` text."""
    if fmt == "json":
        return json.dumps([{n: r.get(n) for n in names} for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(names)
        for r in rows:
            w.writerow(["" if r.get(n) is None else ("true" if r.get(n) is True else "false" if r.get(n) is False
                                                     else r.get(n)) for n in names])
        return buf.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    cells = [[_cell(r.get(n), base_iri, max_width) for n in names] for r in rows]
    widths = [max([_width(n)] + [_width(row[i]) for row in cells]) for i, n in enumerate(names)]
    numeric = [bool(rows) and all(isinstance(r.get(n), (int, float)) or r.get(n) is None for r in rows)
               for n in names]

    def line(values) -> str:
        parts = []
        for v, w, num in zip(values, widths, numeric):
            pad = " " * (w - _width(v))
            parts.append(pad + v if num else v + pad)
        return "  ".join(parts).rstrip()

    out = [line(list(names)), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    out.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(out) + "\n"
