"""Turtle text of single terms: IRI references, prefixed names, literals.

Kept apart from the writers (:mod:`kg.rdf.turtle`, :mod:`kg.rdf.stream`) so that
the index and the span formatter can use them without an import cycle.
"""

from __future__ import annotations

import re

from .vocab import IRIREF_FORBIDDEN, PREFIXES

__all__ = ["TurtleTerms", "iriref", "escape_lexical"]

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_LOCAL = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_NS_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def _esc(m: re.Match[str]) -> str:
    c = m.group(0)
    return _ESCAPES.get(c) or f"\\u{ord(c):04X}"


def escape_lexical(lex: str) -> str:
    """The text of a literal between its quotes: quotes, backslashes and controls escaped."""
    if _NEEDS_ESCAPE.search(lex):
        return _NEEDS_ESCAPE.sub(_esc, lex)
    return lex


def _percent(m: re.Match[str]) -> str:
    return "%" + "%".join(f"{b:02X}" for b in m.group(0).encode())


def iriref(s: str) -> str:
    """``<s>``; characters an IRIREF may not hold are percent-encoded (never in minted IRIs)."""
    if IRIREF_FORBIDDEN.search(s):  # keep the output parseable anyway
        s = IRIREF_FORBIDDEN.sub(_percent, s)
    return f"<{s}>"


class TurtleTerms:
    """Term factory producing Turtle text (prefixed names remembered per vocabulary IRI)."""

    def __init__(self) -> None:
        self._vocab: dict[str, str] = {}

    def iri(self, s: str) -> str:
        return iriref(s)

    def vocab(self, s: str) -> str:
        out = self._vocab.get(s)
        if out is None:
            out = iriref(s)
            for prefix, ns in _NS_BY_LENGTH:
                if s.startswith(ns) and _LOCAL.match(s[len(ns):]):
                    out = f"{prefix}:{s[len(ns):]}"
                    break
            self._vocab[s] = out
        return out

    def lit(self, lex: str, lang: str | None = None, dt: str | None = None) -> str:
        lex = escape_lexical(lex)
        if lang:
            return f'"{lex}"@{lang}'
        if dt:
            return f'"{lex}"^^{self.vocab(dt)}'
        return f'"{lex}"'

    def integer(self, n: int) -> str:
        return str(int(n))
