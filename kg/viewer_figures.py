"""What the viewer page says about the whole graph, and which nodes it embeds (:mod:`kg.viewer`).

The page embeds at most a few thousand nodes but shows figures of the whole
graph: every node's degree (which ranks the nodes), the edge and node counts by
predicate and type, and every article for the article filter.  They are read
off the networkx graph (:func:`graph_figures`) or, for ``kg build``, which does
not build the graph, off the records it would be built from (:func:`record_figures`).
"""

from __future__ import annotations

from collections import Counter
from operator import attrgetter
from typing import NamedTuple

import networkx as nx

from .model import Article, Entity, Relation
from .viewer_style import type_counts as _type_counts

__all__ = ["Figures", "graph_figures", "record_figures", "selection", "INDEX_FACTOR"]

INDEX_FACTOR = 5  # default max_index_nodes = INDEX_FACTOR * max_nodes


class Figures(NamedTuple):
    """What the page says about the whole graph, whatever part of it is embedded."""

    degree: dict[str, int]  # every node, in id order
    n_edges: int
    pred_counts: Counter[str]
    type_counts: Counter[tuple[str, str]]
    articles: dict[str, dict]  # every article node: id -> title, files, date


def graph_figures(graph: nx.MultiDiGraph) -> Figures:
    """The figures of ``graph``, read off its raw dicts."""
    degree = dict.fromkeys(sorted(graph._node), 0)
    succ = graph._succ  # raw dicts, one pass: networkx's edge and adjacency views are slow on 10^5+ edges
    pred_names: list[str] = []  # counted in one Counter call, not one update per edge
    n_edges = 0
    for u, nbrs in succ.items():
        out_degree = 0
        for v, keyed in nbrs.items():
            k = len(keyed)
            out_degree += k
            degree[v] += k
            for key, d in keyed.items():
                pred_names.append(d.get("predicate") or str(key))
        degree[u] += out_degree
        n_edges += out_degree
    articles = {}
    for n, d in graph._node.items():  # raw dicts: the view is slow on 10^5 nodes
        if d.get("type") == "Article":
            aid = n.split("/", 1)[1] if n.startswith("article/") else n
            articles[aid] = {"title": d.get("label", ""), "files": list(d.get("files") or []),
                             "date": d.get("date", "")}
    return Figures(degree, n_edges, Counter(pred_names), _type_counts(graph), articles)


def record_figures(articles: list[Article], entities: list[Entity], relations: list[Relation]
                    ) -> Figures | None:
    """:func:`graph_figures` of ``build_graph(articles, entities, relations)``, from the records.

    None when the graph would not have one node per record (a repeated id,
    which build_graph merges), when a relation has a missing endpoint (which
    it rejects), when an entity is typed Article (the page lists it among the
    articles) or a predicate is empty (the page names the edge by its key):
    real builds have none of these.
    """
    ids = [f"article/{a.article_id}" for a in articles]
    ids += map(_id, entities)
    ids.sort()
    degree = dict.fromkeys(ids, 0)
    if len(degree) < len(ids):
        return None
    try:
        for r in relations:  # a self-loop counts twice, as in networkx
            degree[r.subject] += 1
            degree[r.object] += 1
    except KeyError:
        return None
    pred_counts = Counter(map(_predicate, relations))
    types: Counter[tuple[str, str]] = Counter()
    for (t, sub), c in Counter(map(_type_subtype, entities)).items():
        types[(t, sub or "")] += c
    if "" in pred_counts or any(t == "Article" for t, _ in types):
        return None
    if articles:
        types[("Article", "")] += len(articles)
    rows = {a.article_id: {"title": a.title, "files": list(a.sources), "date": a.date or ""} for a in articles}
    return Figures(degree, len(relations), pred_counts, types, rows)


_id = attrgetter("id")
_predicate = attrgetter("predicate")
_type_subtype = attrgetter("type", "subtype")


def selection(degree: dict[str, int], max_nodes: int, max_index_nodes: int | None
               ) -> tuple[list[str], set[str], set[str]]:
    """(embedded nodes in id order, drawn nodes, embedded nodes) from every node's degree (in id order)."""
    max_nodes = max(0, max_nodes)
    cap = INDEX_FACTOR * max_nodes if max_index_nodes is None else max(max_nodes, max_index_nodes)
    all_nodes = list(degree)
    # By degree, high first, ties by id: all_nodes is sorted by id and a reversed sort stays stable.
    ranked = sorted(all_nodes, key=degree.__getitem__, reverse=True) if len(all_nodes) > max_nodes else all_nodes
    shown = set(ranked[:max_nodes])
    kept = set(ranked[:cap]) if len(all_nodes) > cap else set(all_nodes)
    nodes = [n for n in all_nodes if n in kept] if len(kept) < len(all_nodes) else all_nodes
    return nodes, shown, kept
