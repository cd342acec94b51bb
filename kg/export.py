"""Write a built graph to an output folder: Turtle, TriG, node-link JSON, HTML.

Every file is written to a temporary name and renamed, so an interrupted
build never leaves a half-written graph.ttl beside a complete one.  The
Turtle, TriG and JSON writers stream (no file is ever held whole in memory).

With two or more workers and a large graph, Turtle and TriG (about half the
output CPU) are written by a forked child, and the validation is run by
another, while the parent writes JSON and HTML (:func:`write_and_validate`,
:mod:`kg.background`).  A build whose networkx graph was never built (``kg
build``) is written from its records, without building it.
"""

from __future__ import annotations

import io
from dataclasses import asdict
from pathlib import Path

import networkx as nx

from .background import can_fork, in_child, memory_allows_fork
from .graph import KnowledgeGraph
from .node_link import (EVIDENCE_COLUMNS, SENTENCE_COLUMNS, decode_evidence, write_node_link_json,
                        write_node_link_json_records)
from .gc_control import gc_paused
from .rdf import DEFAULT_BASE_IRI, write_rdf_records
from .rdf.turtle import atomic_open, write_rdf
from .shacl import ValidationResult
from .viewer import write_html, write_html_records

__all__ = ["write_outputs", "write_and_validate", "write_rdf_of", "write_json_of", "write_html_of", "validate_of",
           "FORK_MIN_EDGES", "node_link_json", "write_node_link_json", "decode_evidence", "EVIDENCE_COLUMNS",
           "SENTENCE_COLUMNS", "summary_lines"]


#: Smallest graph whose Turtle/TriG are written in a forked child.  Measured on two shared cores
#: (load 1.2-2.4): at 32k edges (1 MB of news) the child saved the parent 1.2 CPU s but the build
#: took 0.4 s longer (median of 5), the second core being partly busy; at 300k edges (10 MB) it
#: saved 5-20 s.  In between is untested.
FORK_MIN_EDGES = 100_000


def node_link_json(graph: nx.MultiDiGraph) -> str:
    """Sorted node-link JSON (evidence as rows, see :func:`write_node_link_json`) that kg.load reads back."""
    buf = io.StringIO()
    write_node_link_json(graph, buf)
    return buf.getvalue()


def write_outputs(kg: KnowledgeGraph, out: Path, *, base_iri: str = DEFAULT_BASE_IRI,
                  html_max_nodes: int = 2000, workers: int = 1) -> dict[str, Path]:
    """Write graph.ttl, graph.trig, graph.json and graph.html to ``out``; returns the paths by kind.

    With ``workers`` > 1, Turtle and TriG are written by a forked process
    beside the others (see :func:`write_and_validate`).
    """
    return write_and_validate(kg, out, base_iri=base_iri, html_max_nodes=html_max_nodes, workers=workers,
                              validate=False)[0]


def write_and_validate(kg: KnowledgeGraph, out: Path, *, base_iri: str = DEFAULT_BASE_IRI,
                       html_max_nodes: int = 2000, workers: int = 1, validate: bool = True
                       ) -> tuple[dict[str, Path], ValidationResult | None]:
    """Write the four outputs and (optionally) SHACL-validate the build: (paths by kind, validation result).

    With ``workers`` > 1, a graph of at least :data:`FORK_MIN_EDGES` edges and
    a fork available (:func:`kg.background.can_fork`) and memory to spare for it
    (:func:`kg.background.memory_allows_fork`), a child process writes
    Turtle and TriG (about half the CPU) and another validates while this
    one writes JSON and HTML; the files and the result are the same either way.
    A failure in a child raises :class:`kg.background.ChildFailed`.  The
    children's CPU and memory go to ``kg.stats["rdf_writer"]`` and
    ``kg.stats["validator"]``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {kind: out / f"graph.{kind}" for kind in ("ttl", "trig", "json", "html")}
    edges = kg.graph.number_of_edges() if kg.graph_built else len(kg.relations)  # one edge per relation
    forked = workers > 1 and edges >= FORK_MIN_EDGES and can_fork() and memory_allows_fork()
    # The children copy the pages they touch: the writer about 0.85 and the validator about 0.4-0.55
    # of this process's resident size (10 and 100 MB of news); without room for both, validate here.
    validate_apart = forked and validate and memory_allows_fork(factor=1.5)

    def turtle_and_trig():
        write_rdf_of(kg, paths["ttl"], paths["trig"], base_iri)

    def json_and_html():
        write_json_of(kg, paths["json"])
        write_html_of(kg, paths["html"], max_nodes=html_max_nodes)

    def validation_dict():  # what crosses the pipe from a child
        return asdict(validate_of(kg, base_iri))

    result = None
    with gc_paused():  # millions of short-lived acyclic objects: no cyclic GC passes over the whole heap
        if forked:
            # Three processes on two cores: Turtle/TriG ~6 s, JSON+HTML ~6 s and validation ~1.5 s of
            # CPU at 10 MB; as a third process the validation evens the two cores out (validating
            # here, this process finished ~2 s after the writer: 7.7-8.0 against 5.8-6.2 s).
            with in_child(turtle_and_trig, what="writing graph.ttl and graph.trig") as child:
                if validate_apart:
                    with in_child(validation_dict, what="validating the build") as checker:
                        json_and_html()
                    result = ValidationResult(**checker.result)
                    kg.stats["validator"] = dict(checker)
                else:
                    json_and_html()
                    if validate:
                        result = validate_of(kg, base_iri)
            kg.stats["rdf_writer"] = dict(child)
        else:
            turtle_and_trig()
            json_and_html()
            if validate:
                result = validate_of(kg, base_iri)
    return paths, result


# Each output of a build: from kg.graph once it is built (its user may have changed it), else
# straight from the records it would be built from (the same bytes, and no graph is built: about
# 3 CPU s and 0.6 GB at 10 MB of news).  kg build and kg.save() both write through these.

def write_rdf_of(kg: KnowledgeGraph, ttl: Path, trig: Path, base_iri: str = DEFAULT_BASE_IRI) -> dict[str, Path]:
    """graph.ttl and graph.trig of a build, streamed from one index."""
    if kg.graph_built:
        return write_rdf(kg.graph, ttl, trig, base_iri)
    return write_rdf_records(kg.articles, kg.entities, kg.relations, ttl, trig, base_iri)


def write_json_of(kg: KnowledgeGraph, path: Path) -> Path:
    """graph.json of a build (:func:`write_node_link_json`)."""
    with atomic_open(path) as fh:
        if kg.graph_built:
            write_node_link_json(kg.graph, fh)
        else:
            write_node_link_json_records(kg.articles, kg.entities, kg.relations, fh)
    return Path(path)


def write_html_of(kg: KnowledgeGraph, path: Path, *, max_nodes: int = 2000) -> Path:
    """graph.html of a build (:mod:`kg.viewer`)."""
    if kg.graph_built:
        return write_html(kg.graph, path, max_nodes=max_nodes)
    return write_html_records(kg.articles, kg.entities, kg.relations, path, max_nodes=max_nodes)


def validate_of(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI) -> ValidationResult:
    """The SHACL validation of a build, whole or on a sample (:mod:`kg.validation`)."""
    from .validation import validate_build, validate_records

    if kg.graph_built:
        return validate_build(kg.graph, base_iri)
    return validate_records(kg.articles, kg.entities, kg.relations, base_iri)


def summary_lines(kg: KnowledgeGraph) -> list[str]:
    c = kg.counts()
    lines = [f"articles: {len(kg.articles)}   entities: {len(kg.entities)}   relations: {len(kg.relations)}"]
    lines.append("entities by type: " + ", ".join(f"{k} {v}" for k, v in sorted(c["types"].items())))
    lines.append("relations by predicate: " + ", ".join(f"{k} {v}" for k, v in sorted(c["predicates"].items())))
    for s in kg.skipped:
        lines.append(f"skipped {s.path}: {s.reason}")
    return lines
