"""Save a built graph and load it again without re-extracting.

    >>> result = kg.build(["news/"])                      # doctest: +SKIP
    >>> result.save("output/")                            # doctest: +SKIP
    >>> again = kg.load("output/")                        # doctest: +SKIP

A saved folder is the same as the output of ``kg build``: ``graph.json``
(networkx node-link JSON, :func:`kg.export.node_link_json`; evidence is
stored as rows over a shared sentence table and turned back into dicts here)
plus, by default,
``graph.ttl``/``graph.trig`` (so :func:`kg.query` works on it) and
``graph.html``.  :func:`load` reads ``graph.json`` only.

What a loaded :class:`~kg.graph.KnowledgeGraph` holds: ``graph`` is equal,
node for node and edge for edge with every attribute, to the saved one;
``entities`` and ``relations`` are rebuilt from it (with their evidence);
``articles`` is empty, because article text is not saved — titles, dates,
authors and source files stay on the Article nodes (``graph.nodes["article/<id>"]``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx

from .export import decode_evidence, write_html_of, write_json_of, write_rdf_of
from .graph import KnowledgeGraph
from .rdf import DEFAULT_BASE_IRI
from .gc_control import gc_paused

__all__ = ["save", "load", "load_graph", "graph_json_path"]


def save(kg: KnowledgeGraph, out_dir: str | os.PathLike, *, base_iri: str = DEFAULT_BASE_IRI,
         rdf: bool = True, html: bool = True, html_max_nodes: int = 2000) -> dict[str, Path]:
    """Write ``graph.json`` (and ``graph.ttl``, ``graph.trig``, ``graph.html`` unless turned off).

    Returns the written paths by kind (``json``, ``ttl``, ``trig``, ``html``).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # A build whose graph is not built yet (kg.build(..., lazy_graph=True)) is written from its
    # records, as kg build writes it (kg.export.write_json_of and the others).
    with gc_paused():
        paths = {"json": write_json_of(kg, out / "graph.json")}
    if rdf:  # both files in one streamed walk
        paths.update(write_rdf_of(kg, out / "graph.ttl", out / "graph.trig", base_iri))
    if html:
        paths["html"] = write_html_of(kg, out / "graph.html", max_nodes=html_max_nodes)
    return paths


def graph_json_path(path: str | os.PathLike) -> Path:
    """``path`` itself if it is a file, else ``path/graph.json``."""
    path = Path(path)
    target = path / "graph.json" if path.is_dir() else path
    if not target.is_file():
        raise FileNotFoundError(f"no graph.json at {path} (build or save a graph there first)")
    return target


def load_graph(path: str | os.PathLike) -> nx.MultiDiGraph:
    """The MultiDiGraph stored in a node-link JSON file or an output folder."""
    data = decode_evidence(json.loads(graph_json_path(path).read_text(encoding="utf-8")))
    g = nx.node_link_graph(data, edges="links")
    if not isinstance(g, nx.MultiDiGraph):
        g = nx.MultiDiGraph(g)
    return g


def load(path: str | os.PathLike) -> KnowledgeGraph:
    """A :class:`~kg.graph.KnowledgeGraph` from a saved folder or graph.json (``articles`` is empty)."""
    return KnowledgeGraph.from_graph(load_graph(path))
