"""Network measures over the undirected view of the graph: centrality, communities, bridges.

The *analysis graph* is the knowledge graph as an undirected simple graph:
every node (articles included, so that an article joins what it mentions),
one edge per pair of linked nodes, ``weight`` = the number of edges of any
predicate between them.  It is built in sorted order, so a fresh build and a
graph loaded from graph.json give identical numbers.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from ..model import ENTITY_TYPES
from .model import Bridge, Community, Ranked, cite

__all__ = ["analysis_graph", "pagerank", "centrality", "communities", "bridges", "ranked"]

_DIGITS = 6  # scores are rounded so that float noise never changes report bytes


def analysis_graph(g: nx.MultiDiGraph) -> nx.Graph:
    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes))
    for s, o, _ in sorted(g.edges(keys=True)):
        if s == o:
            continue
        u, v = sorted((s, o))
        if h.has_edge(u, v):
            h[u][v]["weight"] += 1
        else:
            h.add_edge(u, v, weight=1)
    return h


def pagerank(h: nx.Graph, alpha: float = 0.85, max_iter: int = 200, tol: float = 1e-10) -> dict[str, float]:
    """Weighted PageRank by power iteration (networkx's own needs scipy).

    Isolated nodes spread their rank evenly, as in :func:`networkx.pagerank`.
    """
    nodes = list(h.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    strength = {u: sum(d.get("weight", 1) for _, _, d in h.edges(u, data=True)) for u in nodes}
    x = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(x[u] for u in nodes if strength[u] == 0) / n
        nxt = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if strength[u]:
                share = alpha * x[u] / strength[u]
                for v, d in h[u].items():
                    nxt[v] += share * d.get("weight", 1)
        err = sum(abs(nxt[u] - x[u]) for u in nodes)
        x = nxt
        if err < n * tol:
            break
    return x


def ranked(g: nx.MultiDiGraph, node: str, score: float, citations: int = 2) -> Ranked:
    d = g.nodes[node]
    return Ranked(node, d.get("label", ""), d.get("type", ""), d.get("subtype", ""),
                  round(float(score), _DIGITS), cite(d.get("evidence", ()), citations))


def _top(g: nx.MultiDiGraph, scores: dict[str, float], kind: str, k: int) -> list[Ranked]:
    nodes = [n for n in scores if g.nodes[n].get("type") == kind and scores[n] > 0]
    nodes.sort(key=lambda n: (-round(scores[n], _DIGITS), g.nodes[n].get("label", ""), n))
    return [ranked(g, n, scores[n]) for n in nodes[:k]]


def centrality(g: nx.MultiDiGraph, h: nx.Graph, k: int = 10) -> dict[str, dict[str, list[Ranked]]]:
    """Top ``k`` entities per type by degree (distinct neighbours), betweenness and PageRank."""
    measures = {
        "degree": {n: float(deg) for n, deg in h.degree()},
        "betweenness": nx.betweenness_centrality(h, normalized=True),
        "pagerank": pagerank(h),
    }
    return {t: {m: _top(g, s, t, k) for m, s in measures.items()} for t in ENTITY_TYPES}


def communities(g: nx.MultiDiGraph, h: nx.Graph, *, min_size: int = 3, top: int = 6) -> tuple[list[Community], int]:
    """Louvain communities (seed 42) of at least ``min_size`` nodes, largest first; also how many were smaller."""
    if h.number_of_edges() == 0:
        return [], h.number_of_nodes()
    parts = nx.community.louvain_communities(h, weight="weight", seed=42)
    parts = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    out, small = [], 0
    for p in parts:
        if len(p) < min_size:
            small += 1
            continue
        entities = [n for n in p if g.nodes[n].get("type") != "Article"]
        entities.sort(key=lambda n: (-h.degree(n), g.nodes[n].get("label", ""), n))
        out.append(Community(
            index=len(out) + 1,
            size=len(p),
            types=dict(sorted(Counter(g.nodes[n].get("type", "") for n in p).items())),
            members=[ranked(g, n, h.degree(n), citations=1) for n in entities[:top]],
            articles=sorted(g.nodes[n]["sources"][0] for n in p if g.nodes[n].get("type") == "Article"),
        ))
    return out, small


def _article_id(g: nx.MultiDiGraph, n: str) -> str | None:
    d = g.nodes[n]
    return d["sources"][0] if d.get("type") == "Article" and d.get("sources") else None


def bridges(g: nx.MultiDiGraph, h: nx.Graph, k: int = 15) -> list[Bridge]:
    """Entities that connect otherwise separate articles.

    An entity is a bridge when removing it from the analysis graph splits the
    articles of its connected component into two or more groups that no
    other path joins (it is a cut vertex and at least two of the pieces hold
    an article).  Ranked by the number of groups, then of articles.
    """
    found = []
    for node in sorted(nx.articulation_points(h)):
        if g.nodes[node].get("type") == "Article":
            continue
        rest = h.subgraph(n for n in h if n != node)
        groups = []
        for comp in nx.connected_components(rest):
            if not any(nb in comp for nb in h[node]):
                continue  # a piece that was never joined through this node
            arts = sorted(a for a in (_article_id(g, n) for n in comp) if a)
            if arts:
                groups.append(arts)
        if len(groups) >= 2:
            groups.sort(key=lambda grp: (-len(grp), grp))
            found.append((node, groups))
    found.sort(key=lambda f: (-len(f[1]), -sum(map(len, f[1])), g.nodes[f[0]].get("label", ""), f[0]))
    return [Bridge(ranked(g, n, len(groups), citations=0), groups, cite(g.nodes[n].get("evidence", ()), 4))
            for n, groups in found[:k]]
