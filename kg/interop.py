"""GraphML and GEXF for Gephi, Cytoscape, yEd and other graph tools.

    >>> write_graphml(result, "output/graph.graphml")    # doctest: +SKIP
    >>> write_gexf(result, "output/graph.gexf")          # doctest: +SKIP

Those formats only hold scalar attributes, so :func:`flat_graph` turns the
contract graph (:mod:`kg.graph`) into one Gephi shows well.  Every node has

``label`` (canonical name or headline), ``type``, ``subtype``, ``code``,
``aliases`` (joined with " | "), ``mentions`` (int), ``articles`` (int: how
many articles mention it), ``sources`` (article ids joined with spaces),
``evidence_count`` (int), ``evidence`` (the first evidence sentence),
``date``, ``authors`` and ``files`` (Article nodes; "" elsewhere).

Every edge has ``predicate``, ``label`` (Chinese, with the role), ``role``,
``origin`` (text or gazetteer), ``weight`` (float: the number of evidence
spans, at least 1), ``evidence_count``, ``evidence`` (the first sentence)
and ``evidence_article``.  Edge ids are unique (``"<source> <key> <target>"``,
the key being the contract's edge key), so parallel edges survive; GraphML re-reads with ``networkx.read_graphml`` into a
MultiDiGraph with the same nodes and edges.  GEXF nodes also carry a colour
per type and a size that grows with the mentions.  Output is byte-stable
(the GEXF ``lastmodifieddate`` is left out).
"""

from __future__ import annotations

import io
import math
import os
import re
from pathlib import Path

import networkx as nx

from .graph import KnowledgeGraph
from .rdf.turtle import atomic_write

__all__ = ["flat_graph", "graphml_text", "gexf_text", "write_graphml", "write_gexf", "TYPE_COLOURS"]

#: Node colours per type (Gephi's GEXF viz), chosen to match the HTML viewer's legend order.
TYPE_COLOURS = {
    "Place": (78, 121, 167),
    "Organization": (242, 142, 43),
    "Person": (225, 87, 89),
    "Program": (89, 161, 79),
    "Document": (176, 122, 161),
    "Event": (237, 201, 72),
    "Article": (186, 176, 172),
}
_SEP = " | "


def _graph(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph) -> nx.MultiDiGraph:
    return kg_or_graph.graph if isinstance(kg_or_graph, KnowledgeGraph) else kg_or_graph


def _first_sentence(evidence: list[dict]) -> str:
    return evidence[0]["sentence"].strip() if evidence else ""


def flat_graph(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph, *, viz: bool = False) -> nx.MultiDiGraph:
    """A copy of the graph with only string, int and float attributes (``viz`` adds GEXF colours)."""
    g = _graph(kg_or_graph)
    out = nx.MultiDiGraph()
    for n in sorted(g.nodes):
        d = g.nodes[n]
        ev = list(d.get("evidence", ()))
        attrs = {
            "label": str(d.get("label", "")),
            "type": str(d.get("type", "")),
            "subtype": str(d.get("subtype", "")),
            "code": str(d.get("code", "") or ""),
            "aliases": _SEP.join(d.get("aliases", ())),
            "mentions": int(d.get("mentions", 0)),
            "articles": len(d.get("sources", ())),
            "sources": " ".join(d.get("sources", ())),
            "evidence_count": len(ev),
            "evidence": _first_sentence(ev),
            "date": str(d.get("date", "") or ""),
            "authors": _SEP.join(d.get("authors", ())),
            "files": _SEP.join(d.get("files", ())),
        }
        if viz:
            r, gr, b = TYPE_COLOURS.get(attrs["type"], (160, 160, 160))
            attrs["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0},
                            "size": round(4.0 + 3.0 * math.log1p(attrs["mentions"]), 3)}
        out.add_node(n, **attrs)
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for s, o, k, d in edges:
        ev = list(d.get("evidence", ()))
        out.add_edge(s, o, key=k, id=f"{s} {k} {o}", predicate=str(d.get("predicate", "")), label=str(d.get("label", "")),
                     role=str(d.get("role", "") or ""), origin=str(d.get("origin", "")),
                     weight=float(max(1, len(ev))), evidence_count=len(ev), evidence=_first_sentence(ev),
                     evidence_article=ev[0]["article"] if ev else "")
    return out


def graphml_text(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph) -> str:
    """GraphML of :func:`flat_graph`."""
    buf = io.BytesIO()  # the file writers keep Chinese as UTF-8, the generators escape it
    nx.write_graphml(flat_graph(kg_or_graph), buf, encoding="utf-8", prettyprint=True,
                     edge_id_from_attribute="id")
    return buf.getvalue().decode("utf-8")


_LASTMODIFIED = re.compile(r'\s+lastmodifieddate="[^"]*"')


def gexf_text(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph) -> str:
    """GEXF 1.2 of :func:`flat_graph` with colours and sizes."""
    buf = io.BytesIO()
    nx.write_gexf(flat_graph(kg_or_graph, viz=True), buf, encoding="utf-8", prettyprint=True)
    return _LASTMODIFIED.sub("", buf.getvalue().decode("utf-8"), count=1)  # today's date: not byte-stable


def write_graphml(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write GraphML atomically; return the path."""
    return atomic_write(Path(path), graphml_text(kg_or_graph))


def write_gexf(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write GEXF atomically; return the path."""
    return atomic_write(Path(path), gexf_text(kg_or_graph))
