"""Where entities sit: containment walks over ``containedInPlace`` and ``jurisdiction``.

All functions read a graph that follows the contract in :mod:`kg.graph`.

Rules
-----
* A place is *inside* another when a chain of ``containedInPlace`` edges
  leads from it to the other (text or gazetteer edges alike).
* An entity's *anchor places* are where it sits: a place is its own anchor;
  an organisation is anchored at the places it has ``jurisdiction`` over,
  and a sub-organisation (``subOrganizationOf``, one step) also at its
  parent's; an event at the places it is ``locatedIn``.
* The *districts* of an entity are the district-level places (subtype
  ``district``: 区, 县, 县级市 …) that contain one of its anchor places.
"""

from __future__ import annotations

from collections import deque
from typing import Iterable

import networkx as nx

__all__ = ["DISTRICT", "places_within", "containing_places", "anchor_places", "districts_of", "entities_at"]

#: The place level whose entities the reports compare (区县).
DISTRICT = "district"


def _walk(g: nx.MultiDiGraph, start: str, forward: bool) -> set[str]:
    seen, todo = {start}, deque([start])
    while todo:
        n = todo.popleft()
        edges = g.out_edges(n, data="predicate") if forward else g.in_edges(n, data="predicate")
        for s, o, p in edges:
            nxt = o if forward else s
            if p == "containedInPlace" and nxt not in seen and g.nodes[nxt].get("type") == "Place":
                seen.add(nxt)
                todo.append(nxt)
    return seen


def places_within(g: nx.MultiDiGraph, place: str) -> set[str]:
    """``place`` and every place inside it, transitively."""
    return _walk(g, place, forward=False)


def containing_places(g: nx.MultiDiGraph, place: str) -> set[str]:
    """``place`` and every place that contains it, transitively."""
    return _walk(g, place, forward=True)


def anchor_places(g: nx.MultiDiGraph, node: str) -> set[str]:
    """The places an entity sits at (see the module rules)."""
    kind = g.nodes[node].get("type")
    if kind == "Place":
        return {node}
    out: set[str] = set()
    for _, o, p in g.out_edges(node, data="predicate"):
        if g.nodes[o].get("type") != "Place":
            if kind == "Organization" and p == "subOrganizationOf":
                out |= {o2 for _, o2, p2 in g.out_edges(o, data="predicate")
                        if p2 == "jurisdiction" and g.nodes[o2].get("type") == "Place"}
            continue
        if (kind == "Organization" and p == "jurisdiction") or (kind == "Event" and p == "locatedIn"):
            out.add(o)
    return out


def districts_of(g: nx.MultiDiGraph, node: str) -> set[str]:
    """District-level places containing one of the entity's anchor places."""
    return {p for a in anchor_places(g, node) for p in containing_places(g, a)
            if g.nodes[p].get("subtype") == DISTRICT}


def entities_at(g: nx.MultiDiGraph, places: Iterable[str]) -> set[str]:
    """Non-place entities anchored at one of ``places`` (organisations, events)."""
    places = set(places)
    return {n for n, d in g.nodes(data=True)
            if d.get("type") in ("Organization", "Event") and anchor_places(g, n) & places}
