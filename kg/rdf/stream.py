"""Streaming Turtle and TriG writers that read the networkx graph directly.

This is the one implementation of the RDF model (the rdflib API parses its
output); nothing is built per triple: one pass over the
evidence collects, per article, its text spans (mention, sentence, what they
denote) and the statements and memberships with evidence in it
(:class:`RdfIndex`).  The writers then walk the subjects in sorted order and
format each subject's block on the fly, writing it out in chunks, so memory
holds the index, never the text of the file.  Turtle and TriG share one index
and one walk; a block both files hold is formatted once, and an article's
span blocks (most of both files) are joined and UTF-8 encoded once for both.

Order (byte-identical runs, whatever the insertion order or PYTHONHASHSEED):
subjects by IRI, an article's spans right after the article by numeric
offsets; ``a`` first, then predicates by name; objects by text.
"""

from __future__ import annotations

import io
from operator import itemgetter
from typing import BinaryIO

import networkx as nx

from .export import graph_iri
from .index import IndexBase, RdfIndex
from .spans import block
from .vocab import PREFIXES

__all__ = ["RdfIndex", "write_streams", "turtle_bytes", "turtle_string", "trig_string", "block"]

_CHUNK = 2000  # lines per write: a few hundred kB, reused from the heap and warm in the cache


class _Lines:
    """Buffered line writer to a binary file: the output is ``"\\n".join(all lines)``, UTF-8 encoded."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.buf: list[str] = []
        self.first = True

    def maybe_flush(self) -> None:
        if len(self.buf) >= _CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.buf:
            self._put("\n".join(self.buf).encode("utf-8"))
            self.buf.clear()

    def write_encoded(self, data: bytes) -> None:
        """Lines already joined and encoded (text both files hold, encoded once), after the buffered ones."""
        self.flush()
        self._put(data)

    def _put(self, data: bytes) -> None:
        if not self.first:
            self.fh.write(b"\n")  # apart: no copy of the chunk to put one character before it
        self.fh.write(data)
        self.first = False


def _header(ix: IndexBase, buf: list[str]) -> None:
    if ix.relative:
        buf.append(f"@base <{ix.base}> .")
    for p, ns in sorted(PREFIXES.items()):
        buf.append(f"@prefix {p}: <{ns}> .")
    buf.append("")


def _units(ix: IndexBase) -> list[tuple]:
    """Sorted (subject, kind, ref): every subject, an article's span group right after the article."""
    units: list[tuple] = [(ix.iri(n), "node", n) for n in ix.node_ids()]
    for e in ix.edges:
        units.append((e.st, "st", e))
        if e.mem is not None:
            units.append((e.mem, "mem", e))
    units += [(s, "extra", preds) for s, preds in ix.extra_blocks()]
    # Span groups go in last: the sort is stable, so each follows every other unit with its IRI (its article).
    units += [(ix.iri(art), "spans", art) for art in set(ix.spans) | set(ix.by_article)]
    units.sort(key=itemgetter(0))
    return units


def _article_graph(ix: IndexBase, art: str, spans: bytes | None, out: _Lines, share: bool) -> None:
    """One TriG named graph: the article's spans, then its statements and memberships, by IRI.

    Blocks inside the graph are not indented, so they are the very strings
    Turtle writes: ``spans`` are the span blocks as Turtle has them (joined
    by blank lines, encoded; None if there are none).  With ``share`` (Turtle is written in the same walk), a
    statement whose evidence is all in this article keeps its block in
    ``e.text`` for the Turtle walk.
    """
    buf = out.buf  # appended to directly: list.append compiles to a C call, a bound method would not
    buf.append(ix.inst(graph_iri(ix.base, art)[len(ix.base):]) + " {")
    if spans is not None:
        out.write_encoded(spans)
        buf.append("")
    units = []
    for e in ix.by_article.get(art, ()):
        units.append((e.st, e, "st"))
        if e.mem is not None:
            units.append((e.mem, e, "mem"))
    units.sort(key=itemgetter(0))
    gaz = '"gazetteer"'
    for s, e, kind in units:
        if kind == "mem":
            buf.append(block(s, ix.membership_preds(e, (art,), False)))
        elif share and len(e.arts) == 1 and e.origin != gaz:
            e.text = text = ix.statement_block(e, e.arts, True, False)
            buf.append(text)
        else:
            buf.append(ix.statement_block(e, (art,), True, False))
        buf.append("")
    if buf[-1] == "":
        buf[-1] = "}"
        buf.append("")
    else:  # an article with no spans and no statements (never from build_graph)
        buf[-1] += " }"
        buf.append("")
    out.maybe_flush()


def write_streams(ix: IndexBase, turtle: BinaryIO | None = None, trig: BinaryIO | None = None) -> None:
    """Write sorted Turtle (all graphs merged) and/or TriG (the same statements, one graph per article).

    TriG: the default graph holds entity and article descriptions, the plain
    relation triples, roles, memberships and gazetteer statements.  The graph
    ``<base>graph/article/<id>`` holds that article's spans (mentions with
    ``kgo:denotes``, evidence, sentences), the statements with evidence in it
    and the ``prov:wasDerivedFrom`` links to those spans; it is written where
    the article's spans sit in the Turtle order (right after the article), so
    both files come from one walk over the subjects, each block formatted
    once.  Both files are binary: the text is written UTF-8 encoded.
    """
    ttl = _Lines(turtle) if turtle is not None else None
    trg = _Lines(trig) if trig is not None else None
    both = ttl is not None and trg is not None
    # The buffers are appended to directly (list.append is a C call once compiled); an absent file gets
    # a scratch list that is never written.
    tb: list[str] = ttl.buf if ttl is not None else []
    gb: list[str] = trg.buf if trg is not None else []
    for out in (ttl, trg):
        if out is not None:
            _header(ix, out.buf)
    gaz = '"gazetteer"'
    for s, kind, ref in _units(ix):
        if kind == "node" or kind == "extra":
            text = block(s, ix.node_preds(ref) if kind == "node" else ref)
            if ttl is not None:
                tb.append(text)
                tb.append("")
            if trg is not None:
                gb.append(text)
                gb.append("")
        elif kind == "spans":
            blocks = ix.span_blocks(ref)
            spans = "\n\n".join(blocks).encode("utf-8") if blocks else None  # blank line between blocks
            if ttl is not None and spans is not None:
                ttl.write_encoded(spans)
                tb.append("")
            if trg is not None:
                _article_graph(ix, ref, spans, trg, both)
        elif kind == "st":
            table = ref.origin == gaz
            if ttl is not None:
                if ref.text is not None:
                    tb.append(ref.text)
                    ref.text = None
                else:
                    tb.append(ix.statement_block(ref, ref.arts, True, table))
                tb.append("")
            if trg is not None and (not ref.arts or table):
                gb.append(ix.statement_block(ref, (), not ref.arts, table))
                gb.append("")
        else:  # membership
            if ttl is not None:
                tb.append(block(s, ix.membership_preds(ref, ref.arts, True)))
                tb.append("")
            if trg is not None:
                gb.append(block(s, ix.membership_preds(ref, (), True)))
                gb.append("")
        if len(tb) >= _CHUNK and ttl is not None:
            ttl.flush()
        if len(gb) >= _CHUNK and trg is not None:
            trg.flush()
    for out in (ttl, trg):
        if out is not None:
            out.flush()


def turtle_bytes(graph: nx.MultiDiGraph, base_iri: str) -> bytes:
    """The Turtle of ``graph``, UTF-8 encoded, as the writers make it (a parser can take it as is)."""
    buf = io.BytesIO()
    write_streams(RdfIndex(graph, base_iri), turtle=buf)
    return buf.getvalue()


def turtle_string(graph: nx.MultiDiGraph, base_iri: str) -> str:
    return turtle_bytes(graph, base_iri).decode("utf-8")


def trig_string(graph: nx.MultiDiGraph, base_iri: str) -> str:
    buf = io.BytesIO()
    write_streams(RdfIndex(graph, base_iri), trig=buf)
    return buf.getvalue().decode("utf-8")
