"""Streaming Turtle and TriG writers that read the networkx graph directly.

This is the one implementation of the RDF model (the rdflib API parses its
output); nothing is built per triple: one pass over the
evidence collects, per article, its text spans (mention, sentence, what they
denote) and the statements and memberships with evidence in it
(:class:`RdfIndex`, over :class:`kg.rdf.index.IndexBase`; from the records
without the graph, :class:`kg.rdf.records.RecordIndex`).  The writers then walk the subjects in sorted order and
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
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import BinaryIO

import networkx as nx

from .export import graph_iri
from .index import IndexBase, add_denoted, add_object, redundant_mentions
from .spans import Preds, SpanRecord, add_sentence, block, dict_span
from .vocab import PREFIXES

__all__ = ["RdfIndex", "write_streams", "turtle_bytes", "turtle_string", "trig_string", "block"]

_DICT_SPAN = itemgetter("article", "start", "end")  # an evidence dict's (article, start, end)


class RdfIndex(IndexBase):
    """The index of a graph (kg.graph contract), from one pass over its evidence dicts."""

    def __init__(self, graph: nx.MultiDiGraph, base_iri: str):
        super().__init__(base_iri)
        self.g = graph
        # networkx's raw dicts, read per node and per edge: attributes of this (compiled) object, not of the graph.
        self.nodes: dict[str, dict] = graph._node
        self.succ: dict[str, dict[str, dict]] = graph._succ
        self._last: tuple = (None, None, None)  # (article id, node id, its spans): evidence comes grouped by article
        self._collect()

    def node_ids(self) -> Iterable[str]:
        return self.nodes

    def article_files(self, art: str) -> Sequence[object]:
        d = self.nodes.get(art)
        return (d.get("files") or ()) if d is not None else ()

    # -- the pass over the evidence -----------------------------------------

    def _span(self, ev: dict) -> tuple[str, tuple[int, int]]:
        """Record the span of one evidence dict (and its sentence); offsets are ints (graph contract)."""
        aid = ev["article"]
        if aid == self._last[0]:
            art, spans = self._last[1], self._last[2]
        else:
            art = "article/" + aid
            spans = self.spans.get(art)
            if spans is None:
                spans = self.spans[art] = {}
            self._last = (aid, art, spans)
        key = (ev["start"], ev["end"])
        rec = spans.get(key)
        if rec is None:
            spans[key] = rec = dict_span(ev, None, None)
        elif rec.ev is None:
            _set_evidence(rec, ev)
        else:
            return art, key
        add_sentence(spans, rec.s0, rec.s1, ev.get("sentence"))
        return art, key

    def _collect(self) -> None:
        g = self.g
        nodes = g._node  # raw dicts: networkx's views are slow on 10^5+ edges
        # article node -> entity -> its evidence there; keyed by strings, one small dict per article
        denoted: dict[str, dict[str, list[dict]]] = {}
        all_spans = self.spans
        # _span() inlined: this loop meets every mention of every entity (2.4e5 at 10 MB of news).
        for n in sorted(nodes):
            ev_list = nodes[n].get("evidence")
            if not ev_list:
                continue
            s = self.iri(n)
            last_aid: str | None = None
            spans: dict[tuple[int, int], SpanRecord] = {}
            evs: list[dict] = []
            for ev in ev_list:
                aid = ev["article"]
                if aid != last_aid:  # a node's evidence comes grouped by article (kg.graph contract), mostly
                    art = "article/" + aid
                    in_art = denoted.get(art)
                    if in_art is None:  # both maps get an article at once (no setdefault: no dict made per group)
                        in_art = denoted[art] = {}
                        spans = all_spans[art] = {}
                    else:
                        spans = all_spans[art]
                    evs = in_art.setdefault(n, [])
                    last_aid = aid
                key = (ev["start"], ev["end"])
                rec = spans.get(key)
                if rec is None:
                    spans[key] = rec = dict_span(ev, None, s)
                    add_sentence(spans, rec.s0, rec.s1, ev.get("sentence"))
                else:
                    if rec.ev is None:
                        _set_evidence(rec, ev)
                        add_sentence(spans, rec.s0, rec.s1, ev.get("sentence"))
                    add_denoted(rec, s)
                evs.append(ev)
        # Insertion order is fine here: everything the writers take from this pass is sorted when written.
        for u, nbrs in g._adj.items():
            denoted_in_u = denoted.get(u)
            for v, keyed in nbrs.items():
                for d in keyed.values():
                    pred = d.get("predicate") or ""
                    origin = d.get("origin") or "text"
                    evidence: list[dict] = d.get("evidence") or []
                    if pred == "mentions" and origin == "text" and redundant_mentions(u, v, evidence, denoted_in_u, _DICT_SPAN):
                        continue  # the plain triple is in u's block; its evidence is the spans denoting v
                    e = self.statement_edge(u, v, pred, origin, d.get("role") or "")
                    for ev in evidence:
                        art, key = self._span(ev)
                        self.add_evidence_span(e, art, key)

    # -- subject blocks ------------------------------------------------------

    def node_preds(self, n: str) -> Preds:
        d = self.nodes[n]
        ntype = d.get("type", "")
        label = d.get("label") or ""
        preds = self.describe(ntype, d.get("subtype") or "", label, d.get("aliases") or (), d.get("code"))
        if ntype == "Article":
            self.describe_article(preds, label, d.get("files") or (), d.get("authors") or (), d.get("date") or "")
        else:
            preds[self.K["mentionCount"]] = str(int(d.get("mentions") or 0))
        iris, pred_terms = self._iris, self._preds  # the caches of iri() and pred(), read directly: 3e5 edges
        for v, keyed in self.succ[n].items():
            o = iris.get(v) or self.iri(v)
            for d2 in keyed.values():
                name = d2.get("predicate") or ""
                add_object(preds, pred_terms.get(name) or self.pred(name), o)
        return preds


def _set_evidence(rec: SpanRecord, ev: dict) -> None:
    rec.set_evidence(ev, ev.get("text"), ev.get("source"), ev.get("source_start"), ev.get("source_end"),
                     ev.get("sentence_start"), ev.get("sentence_end"))


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
