"""Streaming Turtle and TriG writers that read the networkx graph directly.

This is the one implementation of the RDF model (the rdflib API parses its
output); nothing is built per triple: one pass over the
evidence collects, per article, its text spans (mention, sentence, what they
denote) and the statements and memberships with evidence in it
(:class:`RdfIndex`).  The writers then walk the subjects in sorted order and
format each subject's block on the fly, writing it out in chunks, so memory
holds the index, never the text of the file.  Turtle and TriG share one index.

Order (byte-identical runs, whatever the insertion order or PYTHONHASHSEED):
subjects by IRI, an article's spans right after the article by numeric
offsets; ``a`` first, then predicates by name; objects by text.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from typing import TextIO

import networkx as nx

from .export import graph_iri
from .index import RdfIndex, block
from .vocab import PREFIXES

__all__ = ["RdfIndex", "write_streams", "turtle_string", "trig_string", "block"]

_CHUNK = 20000  # lines per write


class _Lines:
    """Buffered line writer: the output equals ``"\\n".join(all lines)``."""

    def __init__(self, fh: TextIO):
        self.fh, self.buf, self.first = fh, [], True
        self.append = self.buf.append

    def maybe_flush(self) -> None:
        if len(self.buf) >= _CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.buf:
            self.fh.write(("" if self.first else "\n") + "\n".join(self.buf))
            self.first = False
            self.buf.clear()


def _header(append) -> None:
    for p, ns in sorted(PREFIXES.items()):
        append(f"@prefix {p}: <{ns}> .")
    append("")


def _units(ix: RdfIndex, with_spans: bool) -> list[tuple]:
    """Sorted (subject, rank, kind, ref) of the default graph (plus span groups for Turtle)."""
    units = [(ix.iri(n), 0, "node", n) for n in ix.g.nodes]
    for e in ix.edges:
        units.append((e.st, 0, "st", e))
        if e.mem is not None:
            units.append((e.mem, 0, "mem", e))
    units += [(s, 0, "extra", preds) for s, preds in ix.extra_blocks()]
    if with_spans:
        units += [(ix.iri(art), 1, "spans", art) for art in ix.spans]
    units.sort(key=lambda u: (u[0], u[1]))
    return units


def _article_graph(ix: RdfIndex, art: str, span_blocks: list[str], out: _Lines) -> None:
    """One TriG named graph: the article's spans, then its statements and memberships, by IRI."""
    append = out.append
    append(ix._iriref(graph_iri(ix.base, art)) + " {")
    units = [(ix.iri(art), 1, "spans", None)]
    for e in ix.by_article.get(art, ()):
        units.append((e.st, 0, "st", e))
        if e.mem is not None:
            units.append((e.mem, 0, "mem", e))
    units.sort(key=lambda u: (u[0], u[1]))
    for s, _, kind, e in units:
        if kind == "spans":
            for text in span_blocks:
                append("    " + text.replace("\n", "\n    "))
                append("")
        else:
            preds = ix.statement_preds(e, (art,), True, False) if kind == "st" else ix.membership_preds(e, (art,), False)
            append(block(s, preds, "    "))
            append("")
    out.buf[-1:] = ["}", ""]
    out.maybe_flush()


def write_streams(ix: RdfIndex, turtle: TextIO | None = None, trig: TextIO | None = None) -> None:
    """Write sorted Turtle (all graphs merged) and/or TriG (default graph, then one graph per article).

    The TriG default graph holds entity and article descriptions, the plain
    relation triples, roles, memberships and gazetteer statements.  The graph
    ``<base>graph/article/<id>`` holds that article's spans (mentions with
    ``kgo:denotes`` and evidence), the statements with evidence in it and the
    ``prov:wasDerivedFrom`` links to those spans.

    Both files are written in one walk over the subjects, each block formatted
    once: the TriG article graphs go to a temporary file that is appended
    after the default graph.  (Turtle meets articles in IRI order and TriG
    lists them by id; if the two orders ever differ, the article graphs are
    written in a second walk instead.)
    """
    ttl = _Lines(turtle) if turtle is not None else None
    trg = _Lines(trig) if trig is not None else None
    articles = sorted(set(ix.spans) | set(ix.by_article))
    together = ttl is not None and trg is not None and all(
        ix.iri(a) < ix.iri(b) for a, b in zip(articles, articles[1:]))
    spill = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") if together else None
    graphs = _Lines(spill) if spill is not None else None
    try:
        for out in (ttl, trg):
            if out is not None:
                _header(out.append)
        gaz = '"gazetteer"'
        for s, _, kind, ref in _units(ix, with_spans=ttl is not None):
            if kind == "node" or kind == "extra":
                text = block(s, ix.node_preds(ref) if kind == "node" else ref)
                for out in (ttl, trg):
                    if out is not None:
                        out.append(text)
                        out.append("")
            elif kind == "spans":
                blocks = ix.span_blocks(ref)
                for text in blocks:
                    ttl.append(text)
                    ttl.append("")
                if graphs is not None:
                    _article_graph(ix, ref, blocks, graphs)
            elif kind == "st":
                if ttl is not None:
                    ttl.append(block(s, ix.statement_preds(ref, ref.arts, True, ref.origin == gaz)))
                    ttl.append("")
                if trg is not None and (not ref.arts or ref.origin == gaz):
                    trg.append(block(s, ix.statement_preds(ref, (), not ref.arts, ref.origin == gaz)))
                    trg.append("")
            else:  # membership
                if ttl is not None:
                    ttl.append(block(s, ix.membership_preds(ref, ref.arts, True)))
                    ttl.append("")
                if trg is not None:
                    trg.append(block(s, ix.membership_preds(ref, (), True)))
                    trg.append("")
            if ttl is not None:
                ttl.maybe_flush()
            if trg is not None:
                trg.maybe_flush()
        if ttl is not None:
            ttl.flush()
        if trg is not None:
            trg.flush()
            if graphs is not None:
                graphs.flush()
                if not graphs.first:
                    trig.write("\n")
                    spill.seek(0)
                    shutil.copyfileobj(spill, trig, 1 << 20)
            else:
                for art in articles:
                    _article_graph(ix, art, ix.span_blocks(art), trg)
                trg.flush()
    finally:
        if spill is not None:
            spill.close()


def turtle_string(graph: nx.MultiDiGraph, base_iri: str) -> str:
    buf = io.StringIO()
    write_streams(RdfIndex(graph, base_iri), turtle=buf)
    return buf.getvalue()


def trig_string(graph: nx.MultiDiGraph, base_iri: str) -> str:
    buf = io.StringIO()
    write_streams(RdfIndex(graph, base_iri), trig=buf)
    return buf.getvalue()
