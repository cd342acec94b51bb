"""Write a built graph to an output folder: Turtle, TriG, node-link JSON, HTML.

Every file is written to a temporary name and renamed, so an interrupted
build never leaves a half-written graph.ttl beside a complete one.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from .graph import KnowledgeGraph
from .rdf import DEFAULT_BASE_IRI, trig_text, turtle_text
from .rdf.turtle import atomic_write
from .viewer import write_html

__all__ = ["write_outputs", "node_link_json", "summary_lines"]


def node_link_json(graph: nx.MultiDiGraph) -> str:
    """Sorted node-link JSON that networkx.node_link_graph reads back."""
    data = nx.node_link_data(graph, edges="links")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["links"] = sorted(data["links"], key=lambda e: (e["source"], e["target"], e["key"]))
    # No indent: with indent, json falls back to its pure-Python encoder (10× slower).
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def write_outputs(kg: KnowledgeGraph, out: Path, *, base_iri: str = DEFAULT_BASE_IRI,
                  html_max_nodes: int = 2000) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "ttl": atomic_write(out / "graph.ttl", turtle_text(kg.graph, base_iri)),
        "trig": atomic_write(out / "graph.trig", trig_text(kg.graph, base_iri)),
        "json": atomic_write(out / "graph.json", node_link_json(kg.graph)),
        "html": write_html(kg.graph, out / "graph.html", max_nodes=html_max_nodes),
    }
    return paths


def summary_lines(kg: KnowledgeGraph) -> list[str]:
    c = kg.counts()
    lines = [f"articles: {len(kg.articles)}   entities: {len(kg.entities)}   relations: {len(kg.relations)}"]
    lines.append("entities by type: " + ", ".join(f"{k} {v}" for k, v in sorted(c["types"].items())))
    lines.append("relations by predicate: " + ", ".join(f"{k} {v}" for k, v in sorted(c["predicates"].items())))
    for s in kg.skipped:
        lines.append(f"skipped {s.path}: {s.reason}")
    return lines
