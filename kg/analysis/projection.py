"""Simple weighted graphs between entities of chosen types (organisation–programme …)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from ..model import ENTITY_TYPES

__all__ = ["project"]


def project(g: nx.MultiDiGraph, types: tuple[str, ...], *, weight: str = "articles") -> nx.Graph:
    """See :meth:`kg.graph.KnowledgeGraph.projection` for the rules."""
    if weight not in ("articles", "edges"):
        raise ValueError("weight must be 'articles' or 'edges'")
    wanted = set(types)
    if not wanted or wanted - set(ENTITY_TYPES):
        raise ValueError(f"types must be among {', '.join(ENTITY_TYPES)}, got {types!r}")
    cross = len(wanted) > 1
    nodes = sorted(n for n, d in g.nodes(data=True) if d.get("type") in wanted)

    def joinable(u: str, v: str) -> bool:
        return not cross or g.nodes[u]["type"] != g.nodes[v]["type"]

    articles: dict[tuple, set] = defaultdict(set)
    predicates: dict[tuple, set] = defaultdict(set)
    edges: dict[tuple, int] = defaultdict(int)
    bare: dict[tuple, bool] = defaultdict(bool)
    # Co-mention: every pair of kept entities that one article mentions.
    by_article: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        for a in g.nodes[n].get("sources", ()):
            by_article[a].append(n)
    for a, members in by_article.items():
        for u, v in combinations(sorted(members), 2):
            if joinable(u, v):
                articles[(u, v)].add(a)
    kept = set(nodes)
    for s, o, d in g.edges(data=True):
        if s in kept and o in kept and s != o and joinable(s, o):
            pair = tuple(sorted((s, o)))
            predicates[pair].add(d["predicate"])
            edges[pair] += 1
            ev = {e["article"] for e in d.get("evidence", ())}
            articles[pair] |= ev
            bare[pair] |= not ev
    out = nx.Graph()
    for n in nodes:
        d = g.nodes[n]
        out.add_node(n, label=d.get("label", ""), type=d.get("type", ""), subtype=d.get("subtype", ""),
                     code=d.get("code", ""), mentions=d.get("mentions", 0))
    for pair in sorted(set(articles) | set(edges)):
        w = len(articles[pair]) + (1 if bare[pair] and not articles[pair] else 0) if weight == "articles" \
            else edges[pair]
        if w:
            out.add_edge(*pair, weight=w, articles=sorted(articles[pair]),
                         predicates=sorted(predicates[pair]), edges=edges[pair])
    return out
