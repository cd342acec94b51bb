"""Write a built graph to an output folder: Turtle, TriG, node-link JSON, HTML.

Every file is written to a temporary name and renamed, so an interrupted
build never leaves a half-written graph.ttl beside a complete one.  The
Turtle, TriG and JSON writers stream (no file is ever held whole in memory).

With two or more workers and a large graph, Turtle and TriG (about half the
output CPU) are written by a forked child while the parent writes JSON and
HTML and runs the validation (:func:`write_and_validate`, :mod:`kg.background`).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

import networkx as nx

from .background import can_fork, in_child, memory_allows_fork
from .graph import KnowledgeGraph
from .rdf import DEFAULT_BASE_IRI
from .rdf.turtle import atomic_open, gc_paused, write_rdf
from .viewer import write_html

if TYPE_CHECKING:
    from .shacl import ValidationResult

__all__ = ["write_outputs", "write_and_validate", "FORK_MIN_EDGES", "node_link_json", "write_node_link_json",
           "decode_evidence", "EVIDENCE_COLUMNS", "SENTENCE_COLUMNS", "summary_lines"]


_CHUNK = 5000  # items per json.dumps call
_Entry = TypeVar("_Entry")  # what items() walks: an edge tuple or a node id

#: Smallest graph whose Turtle/TriG are written in a forked child.  Measured on two shared cores
#: (load 1.2-2.4): at 32k edges (1 MB of news) the child saved the parent 1.2 CPU s but the build
#: took 0.4 s longer (median of 5), the second core being partly busy; at 300k edges (10 MB) it
#: saved 5-20 s.  In between is untested.
FORK_MIN_EDGES = 100_000

#: Columns of an evidence row in graph.json.  ``sentence`` is an index into the top-level
#: ``kg_sentences`` table, whose rows are :data:`SENTENCE_COLUMNS`.
EVIDENCE_COLUMNS = ("sentence", "start", "end", "text", "source_start", "source_end")
SENTENCE_COLUMNS = ("article", "sentence_start", "sentence_end", "sentence", "source")
_N_KEYS = len(EVIDENCE_COLUMNS) - 1 + len(SENTENCE_COLUMNS)  # keys of an evidence dict (kg.model.Evidence.to_dict)
_SENTENCE_KEY = itemgetter(*SENTENCE_COLUMNS)  # one C call per evidence dict instead of five lookups
_ROW_VALUES = itemgetter(*EVIDENCE_COLUMNS[1:])


class _EvidenceRows:
    """Evidence dicts -> rows, each sentence stored once (ids in order of first use, so deterministic)."""

    def __init__(self) -> None:
        self.sentences: dict[tuple[object, ...], int] = {}

    def encode(self, items: list[dict[str, object]]) -> list[object]:
        # No cache by dict identity (a node and its mentions edge share their dicts): building a row
        # again is cheaper than a lookup in a million-entry dict.
        out: list[object] = []
        sentences = self.sentences
        for ev in items:
            if len(ev) == _N_KEYS:
                try:
                    key = _SENTENCE_KEY(ev)
                    values = _ROW_VALUES(ev)
                except KeyError:
                    out.append(ev)  # anything unusual stays a dict
                    continue
                sid = sentences.get(key)
                if sid is None:
                    sid = sentences[key] = len(sentences)
                out.append([sid, *values])
            else:
                out.append(ev)
        return out

    def table(self) -> list[list[object]]:
        return [list(k) for k in self.sentences]


def decode_evidence(data: dict) -> dict:
    """Turn the evidence rows of node-link ``data`` (as read from graph.json) back into dicts, in place."""
    table = data.pop("kg_sentences", None)
    if table is None:
        return data
    for item in (*data.get("nodes", ()), *data.get("links", ())):
        ev = item.get("evidence")
        if ev:
            out = []
            for row in ev:
                if row.__class__ is list:
                    art, s0, s1, sentence, source = table[row[0]]
                    row = {"article": art, "start": row[1], "end": row[2], "text": row[3],
                           "sentence": sentence, "sentence_start": s0, "sentence_end": s1,
                           "source": source, "source_start": row[4], "source_end": row[5]}
                out.append(row)
            item["evidence"] = out
    return data


def write_node_link_json(graph: nx.MultiDiGraph, fh: TextIO) -> None:
    """Stream the sorted node-link JSON of :func:`node_link_json` to a text file.

    ``json.dumps(nx.node_link_data(graph, edges="links"), sort_keys=True)``
    with nodes and links sorted, except that each evidence dict is a row of
    :data:`EVIDENCE_COLUMNS` whose sentence is an index into the top-level
    ``kg_sentences`` table (a sentence is shared by many mentions; dicts with
    other keys are kept as they are).  :func:`kg.load` turns the rows back
    into dicts (:func:`decode_evidence`).  Written in chunks: no copy of the
    graph as one list of dicts, no single giant string.
    """
    # No indent: with indent, json falls back to its pure-Python encoder (10× slower).
    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
    multi = graph.is_multigraph()
    rows = _EvidenceRows()

    def items(entries: list[_Entry], item: Callable[[_Entry], dict]) -> None:
        """Write ``item(entry)`` of each entry (a new dict), evidence as rows, in chunks."""
        first = True
        encode = rows.encode
        for i in range(0, len(entries), _CHUNK):
            chunk = []
            for entry in entries[i:i + _CHUNK]:
                out = item(entry)
                ev = out.get("evidence")
                if ev:
                    out["evidence"] = encode(ev)
                chunk.append(out)
            text = dumps(chunk)[1:-1]
            if text:
                if not first:
                    fh.write(",")
                fh.write(text)
                first = False

    fh.write(f'{{"directed":{dumps(graph.is_directed())},"graph":{dumps(graph.graph)},"links":[')
    adj = graph._adj  # raw dicts: networkx's views are slow on 10^5+ edges
    if multi:
        # Sorted by (u, v, key), which is unique: the data dict after them is never compared.
        edges = sorted((u, v, k, d) for u, nbrs in adj.items() for v, keyed in nbrs.items() for k, d in keyed.items())
        items(edges, lambda e: {**e[3], "source": e[0], "target": e[1], "key": e[2]})
    else:
        pairs = sorted(graph.edges(), key=lambda e: (e[0], e[1]))
        items(pairs, lambda e: {**adj[e[0]][e[1]], "source": e[0], "target": e[1]})
    fh.write(f'],"multigraph":{dumps(multi)},"nodes":[')
    nodes = graph._node
    items(sorted(nodes), lambda n: {**nodes[n], "id": n})
    fh.write('],"kg_sentences":[')
    table = rows.table()
    for i in range(0, len(table), _CHUNK):
        fh.write(("," if i else "") + dumps(table[i:i + _CHUNK])[1:-1])
    fh.write("]}\n")


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
    Turtle and TriG (about half the CPU) while this one writes JSON and HTML
    and validates; the files are the same bytes either way.
    A failure in the child raises :class:`kg.background.ChildFailed`.  The
    child's CPU and memory go to ``kg.stats["rdf_writer"]``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {kind: out / f"graph.{kind}" for kind in ("ttl", "trig", "json", "html")}
    forked = (workers > 1 and kg.graph.number_of_edges() >= FORK_MIN_EDGES and can_fork()
              and memory_allows_fork())

    def turtle_and_trig():  # streamed, from one shared index
        write_rdf(kg.graph, paths["ttl"], paths["trig"], base_iri)

    def json_html_validation():
        _write_json(kg.graph, paths["json"])
        write_html(kg.graph, paths["html"], max_nodes=html_max_nodes)
        if not validate:
            return None
        from .validation import validate_build

        return validate_build(kg.graph, base_iri)

    with gc_paused():  # millions of short-lived acyclic objects: no cyclic GC passes over the whole heap
        if forked:
            with in_child(turtle_and_trig, what="writing graph.ttl and graph.trig") as child:
                result = json_html_validation()
            kg.stats["rdf_writer"] = dict(child)
        else:
            turtle_and_trig()
            result = json_html_validation()
    return paths, result


def _write_json(graph: nx.MultiDiGraph, path: Path) -> Path:
    with atomic_open(path) as fh:
        write_node_link_json(graph, fh)
    return path


def summary_lines(kg: KnowledgeGraph) -> list[str]:
    c = kg.counts()
    lines = [f"articles: {len(kg.articles)}   entities: {len(kg.entities)}   relations: {len(kg.relations)}"]
    lines.append("entities by type: " + ", ".join(f"{k} {v}" for k, v in sorted(c["types"].items())))
    lines.append("relations by predicate: " + ", ".join(f"{k} {v}" for k, v in sorted(c["predicates"].items())))
    for s in kg.skipped:
        lines.append(f"skipped {s.path}: {s.reason}")
    return lines
