"""Memoised gazetteer look-ups for one build.

Resolution asks the same questions again and again: every mention of 武侯区
is resolved in the same article context, and finding the place names an
organisation name opens with (:func:`kg.resolve.place_prefixes`) looks up
every prefix of every organisation mention.  The gazetteer never changes
during a build, so :class:`CachedGazetteer` answers repeats from a dict (the prefixes of
organisation names are memoised by :class:`kg.resolve.PlacePrefixes`).  It
offers the read-only methods resolution uses and passes anything else to the
gazetteer it wraps.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from .gazetteer import LEVELS, Division, Gazetteer

__all__ = ["CachedGazetteer"]


class CachedGazetteer:
    """A :class:`~kg.gazetteer.Gazetteer` whose ``lookup``/``resolve``/``chain``/``get`` are memoised."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._lookup: dict[tuple, tuple[Division, ...]] = {}
        self._resolve: dict[tuple, Division | None] = {}
        self._chain: dict[str, tuple[Division, ...]] = {}
        self._get: dict[str, Division | None] = {}

    def __getattr__(self, name: str):
        return getattr(self.gazetteer, name)

    def _candidates(self, name: str, levels: Collection[str]) -> tuple[Division, ...]:
        key = (name, levels if isinstance(levels, tuple) else tuple(sorted(levels)))
        found = self._lookup.get(key)
        if found is None:
            found = self._lookup[key] = tuple(self.gazetteer.lookup(name, levels))
        return found

    def lookup(self, name: str, levels: Collection[str] = LEVELS) -> list[Division]:
        return list(self._candidates(name, levels))

    def resolve(self, name: str, context: Iterable[str] = (), levels: Collection[str] = LEVELS) -> Division | None:
        found = self._candidates(name, levels)
        if len(found) <= 1:  # as in Gazetteer.resolve: a unique name needs no context
            return found[0] if found else None
        # The answer depends on the set of context codes only, not on their order or repeats;
        # callers that resolve many names in one context pass it as a frozenset (hashed once).
        key = (name, context if isinstance(context, frozenset) else frozenset(context),
               levels if isinstance(levels, tuple) else tuple(sorted(levels)))
        try:
            return self._resolve[key]
        except KeyError:
            d = self._resolve[key] = self.gazetteer.choose(found, key[1])
            return d

    def chain(self, code: str) -> list[Division]:
        found = self._chain.get(code)
        if found is None:
            found = self._chain[code] = tuple(self.gazetteer.chain(code))
        return list(found)

    def get(self, code: str) -> Division | None:
        try:
            return self._get[code]
        except KeyError:
            d = self._get[code] = self.gazetteer.get(code)
            return d
