"""networkx graph (kg.graph contract) -> RDF quads.

The builder is written against a small *term factory* (rdflib terms for
:func:`to_rdf`; Turtle text for benchmarks).  The Turtle and TriG files are
written by :mod:`kg.rdf.stream`, which produces exactly the same statements
without building them one by one; the tests compare the two.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from .vocab import (
    DEFAULT_BASE_IRI,
    KGO,
    NIF,
    ORG,
    PREDICATES,
    PREFIXES,
    SCHEMA,
    check_base,
    classes_for,
    iri_path,
)

__all__ = ["iter_quads", "to_rdf", "to_dataset", "graph_iri", "Builder", "RdflibTerms"]

_ZH = "zh"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NONNEG = str(XSD.nonNegativeInteger)


class RdflibTerms:
    """Term factory producing rdflib terms."""

    def iri(self, s: str) -> URIRef:
        return URIRef(s)

    vocab = iri

    def lit(self, lex: str, lang: str | None = None, dt: str | None = None) -> Literal:
        return Literal(lex, lang=lang, datatype=URIRef(dt) if dt else None)

    def integer(self, n: int) -> Literal:
        return Literal(int(n))


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def graph_iri(base_iri: str, article_node: str) -> str:
    """Name of the TriG graph of one article: ``<base>graph/article/<id>``."""
    return base_iri + "graph/" + iri_path(article_node)


class Builder:
    """Yields quads ``(s, p, o, g)``; ``g`` is an article node id (named graph) or None (default graph).

    IRIs minted here (all below the base IRI, no blank nodes):

    * entity / article: ``<base><node id>``
    * text span: ``<article IRI>#char=<begin>,<end>`` (RFC 5147 style)
    * statement: ``<base>statement/<sha1(subject, predicate, object, role)[:20]>``
    * membership: ``<base>membership/<sha1(person, organisation, role)[:20]>``
    * role: ``<base>role/<role word>``; division table: ``<base>source/division-table``
    """

    def __init__(self, graph: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE_IRI, terms=None):
        self.g = graph
        self.base = check_base(base_iri)
        f = self.f = terms or RdflibTerms()
        v = f.vocab
        self.TYPE, self.LABEL, self.ALT = v(str(RDF.type)), v(str(RDFS.label)), v(str(SKOS.altLabel))
        self.STATEMENT, self.SUBJ, self.PRED, self.OBJ = (
            v(str(RDF.Statement)),
            v(str(RDF.subject)),
            v(str(RDF.predicate)),
            v(str(RDF.object)),
        )
        self.DERIVED = v(str(PROV.wasDerivedFrom))
        k = {n: v(str(KGO[n])) for n in (
            "TextSpan", "DivisionTable", "denotes", "divisionCode", "mentionCount", "sourceFile", "authorName",
            "sourceBeginIndex", "sourceEndIndex", "origin", "role",
        )}
        self.K = k
        self.N = {n: v(str(NIF[n])) for n in ("Sentence", "beginIndex", "endIndex", "anchorOf", "referenceContext", "sentence")}
        self.S = {n: v(str(SCHEMA[n])) for n in ("headline", "datePublished")}
        self.O = {n: v(str(ORG[n])) for n in ("Membership", "Role", "member", "organization", "role")}
        self._classes: dict = {}
        self._preds: dict = {}
        self._iris: dict[str, object] = {}
        self._spans: set[str] = set()  # spans described as mentions
        self._sentences: set[str] = set()  # spans described as sentences
        self._roles: set[str] = set()
        self._table_done = False
        self.division_table = f.iri(self.base + "source/division-table")

    # -- helpers ---------------------------------------------------------------

    def iri(self, node_id: str):
        t = self._iris.get(node_id)
        if t is None:
            t = self._iris[node_id] = self.f.iri(self.base + iri_path(node_id))
        return t

    def _cls(self, ntype: str, subtype: str) -> tuple:
        key = (ntype, subtype)
        out = self._classes.get(key)
        if out is None:
            out = self._classes[key] = tuple(self.f.vocab(str(c)) for c in classes_for(ntype, subtype))
        return out

    def _pred(self, name: str):
        out = self._preds.get(name)
        if out is None:
            out = self._preds[name] = self.f.vocab(str(PREDICATES.get(name) or KGO[name]))
        return out

    def _nonneg(self, n) -> object:
        return self.f.lit(str(int(n)), dt=_NONNEG)

    def span(self, ev: dict) -> tuple[object, str, list]:
        """(span term, article node id, triples not yet given for this span).

        A span can be both a mention and a sentence (a mention that is a whole
        sentence); it then gets both descriptions, whatever the order seen.
        """
        art_id = "article/" + ev["article"]
        art_iri = self.base + iri_path(art_id)
        start, end = int(ev["start"]), int(ev["end"])
        key = f"{art_iri}#char={start},{end}"
        node = self.f.iri(key)
        if key in self._spans:
            return node, art_id, []
        self._spans.add(key)
        f, N, K, T = self.f, self.N, self.K, self.TYPE
        art = self.iri(art_id)
        t = [
            (node, T, K["TextSpan"]),
            (node, N["beginIndex"], self._nonneg(start)),
            (node, N["endIndex"], self._nonneg(end)),
            (node, N["anchorOf"], f.lit(ev.get("text") or "")),
            (node, N["referenceContext"], art),
        ]
        s0, s1 = ev.get("sentence_start"), ev.get("sentence_end")
        if s0 is not None and s1 is not None and int(s0) < int(s1):
            skey = f"{art_iri}#char={int(s0)},{int(s1)}"
            sent = f.iri(skey)
            t.append((node, N["sentence"], sent))
            if skey not in self._sentences:
                self._sentences.add(skey)
                t += [
                    (sent, T, K["TextSpan"]),
                    (sent, T, N["Sentence"]),
                    (sent, N["beginIndex"], self._nonneg(s0)),
                    (sent, N["endIndex"], self._nonneg(s1)),
                    (sent, N["anchorOf"], f.lit(ev.get("sentence") or "")),
                    (sent, N["referenceContext"], art),
                ]
        if ev.get("source"):
            t.append((node, K["sourceFile"], f.lit(str(ev["source"]))))
        if ev.get("source_start") is not None and ev.get("source_end") is not None:
            t.append((node, K["sourceBeginIndex"], self._nonneg(ev["source_start"])))
            t.append((node, K["sourceEndIndex"], self._nonneg(ev["source_end"])))
        return node, art_id, t

    # -- nodes and edges ---------------------------------------------------------

    def nodes(self) -> Iterator[tuple]:
        f, T, K = self.f, self.TYPE, self.K
        for node_id, d in self.g.nodes(data=True):
            s = self.iri(node_id)
            ntype = d.get("type", "")
            for cls in self._cls(ntype, d.get("subtype") or ""):
                yield s, T, cls, None
            label = d.get("label") or ""
            if label:
                yield s, self.LABEL, f.lit(label, lang=_ZH), None
            for alias in d.get("aliases") or ():
                if alias and alias != label:
                    yield s, self.ALT, f.lit(alias, lang=_ZH), None
            if d.get("code"):
                yield s, K["divisionCode"], f.lit(str(d["code"])), None
            if ntype == "Article":
                if label:
                    yield s, self.S["headline"], f.lit(label, lang=_ZH), None
                for path in d.get("files") or ():
                    yield s, K["sourceFile"], f.lit(str(path)), None
                for name in d.get("authors") or ():
                    if name:
                        yield s, K["authorName"], f.lit(name, lang=_ZH), None
                date = d.get("date") or ""
                if date:
                    dt = str(XSD.date) if _DATE.match(date) else None
                    yield s, self.S["datePublished"], f.lit(date, dt=dt), None
            else:
                yield s, K["mentionCount"], f.integer(d.get("mentions") or 0), None
            for ev in d.get("evidence") or ():
                span, art, triples = self.span(ev)
                for t in triples:
                    yield (*t, art)
                yield span, K["denotes"], s, art

    def _role(self, role: str) -> Iterator[tuple]:
        iri = self.base + "role/" + iri_path(role)
        if iri not in self._roles:
            self._roles.add(iri)
            r = self.f.iri(iri)
            yield r, self.TYPE, self.O["Role"], None
            yield r, self.LABEL, self.f.lit(role, lang=_ZH), None

    def edges(self) -> Iterator[tuple]:
        f, T, K, O = self.f, self.TYPE, self.K, self.O
        for u, v, d in self.g.edges(data=True):
            pred = d.get("predicate") or ""
            p = self._pred(pred)
            s, o = self.iri(u), self.iri(v)
            role = d.get("role") or ""
            origin = d.get("origin") or "text"
            evidence = d.get("evidence") or ()
            yield s, p, o, None
            st = f.iri(self.base + "statement/" + _digest(u, pred, v, role))
            core = [
                (st, T, self.STATEMENT),
                (st, self.SUBJ, s),
                (st, self.PRED, p),
                (st, self.OBJ, o),
                (st, K["origin"], f.lit(origin)),
            ]
            role_iri = None
            if role:
                yield from self._role(role)
                role_iri = f.iri(self.base + "role/" + iri_path(role))
                core.append((st, K["role"], role_iri))
            arts = sorted({"article/" + ev["article"] for ev in evidence}) or [None]
            for a in arts:
                for t in core:
                    yield (*t, a)
            if origin == "gazetteer":
                yield st, self.DERIVED, self.division_table, None
                if not self._table_done:
                    self._table_done = True
                    yield self.division_table, T, K["DivisionTable"], None
                    yield self.division_table, self.LABEL, f.lit("全国行政区划代码表", lang=_ZH), None
            mem = None
            if pred == "memberOf":
                mem = f.iri(self.base + "membership/" + _digest(u, v, role))
                yield mem, T, O["Membership"], None
                yield mem, O["member"], s, None
                yield mem, O["organization"], o, None
                if role_iri is not None:
                    yield mem, O["role"], role_iri, None
            for ev in evidence:
                span, art, triples = self.span(ev)
                for t in triples:
                    yield (*t, art)
                yield st, self.DERIVED, span, art
                if mem is not None:
                    yield mem, self.DERIVED, span, art

    def quads(self) -> Iterator[tuple]:
        yield from self.nodes()
        yield from self.edges()


def iter_quads(graph: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE_IRI) -> Iterator[tuple]:
    """All quads ``(s, p, o, g)`` of the export as rdflib terms; ``g`` is an article node id or None.

    A triple may come more than once (a statement with evidence in two
    articles is written into both article graphs).
    """
    return Builder(graph, base_iri).quads()


def _bind(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)


def to_rdf(graph: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """The whole export as one rdflib Graph (the union of all the TriG graphs)."""
    g = Graph()
    _bind(g)
    add = g.add
    for s, p, o, _ in iter_quads(graph, base_iri):
        add((s, p, o))
    return g


def to_dataset(graph: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE_IRI) -> Dataset:
    """The export as an rdflib Dataset with one named graph per article (see :func:`kg.rdf.write_trig`)."""
    ds = Dataset()
    _bind(ds)
    base = check_base(base_iri)
    default = getattr(ds, "default_graph", None)
    if default is None:  # rdflib < 7.1
        default = ds.default_context
    graphs: dict = {}
    for s, p, o, gid in iter_quads(graph, base_iri):
        if gid is None:
            ctx = default
        else:
            ctx = graphs.get(gid)
            if ctx is None:
                ctx = graphs[gid] = ds.graph(URIRef(graph_iri(base, gid)))
        ctx.add((s, p, o))
    return ds
