"""The index the streaming RDF writers work from: what every collector shares.

A collector makes one pass over the evidence and keeps, per article, its
text spans (mention, sentence, the entities they denote) and the statements
and memberships with evidence in it: :class:`kg.rdf.stream.RdfIndex` from
the graph, :class:`kg.rdf.records.RecordIndex` from the records
(:mod:`kg.model`) without building the graph.  :class:`IndexBase` holds the
rest: terms, the ``*_preds``, ``span_blocks`` and ``statement_block``
methods that give each subject's description (:func:`kg.rdf.spans.block`
formats one subject the way every writer of this package does).

A ``schema:mentions`` edge is not reified when its evidence is exactly the
spans of its article that ``kgo:denote`` the entity (always, for graphs from
:func:`kg.graph.build_graph`): the spans already say it, and a statement per
mention would double the export (:func:`redundant_mentions`, for both collectors).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from .export import DATE, digest
from .spans import A, Preds, SpanRecord, SpanTerms, block, objects_text
from .spans import span_blocks as format_span_blocks
from .terms import TurtleTerms, iriref
from .vocab import KGO, NIF, ORG, PREDICATES, SCHEMA, check_base, classes_for, iri_path

__all__ = ["IndexBase", "add_denoted", "add_object", "redundant_mentions", "block", "A", "Preds"]

# A relative reference resolves to base + itself when its first segment has no ":" and it has no
# "." or ".." segment (RFC 3986 sections 4.2 and 5.2.4).
_RELATIVE_OK = re.compile(r"[^:/?#]+/")
_HIERARCHICAL_BASE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*/[^?#]*\Z")  # ends in "/" (check_base)
_DOT_SEGMENT = re.compile(r"(?:^|/)\.\.?(?:/|#|\?|$)")


class _Edge:
    """One edge that gets an ``rdf:Statement`` (and an ``org:Membership`` if ``mem``): its terms, its evidence spans."""

    __slots__ = ("u", "v", "su", "sv", "pred", "p", "role", "origin", "st", "mem", "role_iri", "arts", "text")

    def __init__(self, u: str, v: str, su: str, sv: str, pred: str, p: str, role: str, origin: str, st: str,
                 mem: str | None, role_iri: str | None) -> None:
        self.u, self.v, self.pred, self.p, self.role, self.origin = u, v, pred, p, role, origin
        self.su, self.sv = su, sv  # the IRI terms of u and v
        self.st, self.mem, self.role_iri = st, mem, role_iri
        self.arts: dict[str, list[tuple[int, int]]] = {}  # article node id -> evidence span keys
        self.text: str | None = None  # the statement block, when formatted once for both files


def add_denoted(rec: SpanRecord, s: str) -> None:
    """The span ``rec`` denotes the entity term ``s`` (too)."""
    terms = rec.denotes
    if terms is None:
        rec.denotes = s
    elif isinstance(terms, str):
        if terms != s:
            rec.denotes = {terms, s}
    else:
        terms.add(s)


def add_object(preds: Preds, p: str, o: str) -> None:
    """An edge ``p`` to ``o`` in a node's description."""
    objs = preds.get(p)
    if objs is None:
        preds[p] = {o}
    elif isinstance(objs, set):
        objs.add(o)
    else:  # an edge predicate named like an attribute's (kgo:<name>): both objects
        preds[p] = {objs, o}



def redundant_mentions(u: str, v: str, evidence: Sequence[Any], denoted: dict[str, list[Any]] | None,
                       span_key: Callable[[Any], tuple[Any, Any, Any]]) -> bool:
    """True if the evidence of the edge ``u`` (an article) → ``v`` is exactly the spans in ``u`` denoting ``v``.

    ``denoted[v]`` is ``v``'s evidence in ``u``; build_graph and assemble give
    the ``mentions`` edge those very records, so no span key is built then.
    ``span_key`` reads (article, start, end) off a record: an evidence dict
    (the graph index) or an Evidence (the record index).
    """
    if denoted is None or not evidence or not u.startswith("article/"):
        return False
    evs = denoted.get(v)
    if evs is None:
        return False
    n = len(evidence)
    if n == len(evs):
        i = 0
        while i < n and evidence[i] is evs[i]:
            i += 1
        if i == n:
            return True
    aid = u[8:]
    keys = [span_key(ev) for ev in evidence]
    for k in keys:
        if k[0] != aid:
            return False
    return {k[1:] for k in keys} == {span_key(ev)[1:] for ev in evs}


class IndexBase:
    """Everything the writers need beyond the nodes' own attributes: terms, spans, statements.

    ``spans[article node id][(start, end)]`` is a
    :class:`~kg.rdf.spans.SpanRecord` (mention evidence, sentence text,
    denoted entity terms): a span that is both a mention and a sentence gets
    both descriptions.  A subclass collects them (from the graph:
    :class:`RdfIndex`; from the records: :class:`kg.rdf.records.RecordIndex`)
    and describes the nodes (``node_ids``, ``node_preds``, ``article_files``).
    """

    def __init__(self, base_iri: str) -> None:
        self.base = check_base(base_iri)
        self.terms = t = TurtleTerms()
        v = t.vocab
        self.STATEMENT, self.SUBJ, self.PRED, self.OBJ = (v(str(x)) for x in (RDF.Statement, RDF.subject,
                                                                             RDF.predicate, RDF.object))
        self.LABEL, self.ALT, self.DERIVED = v(str(RDFS.label)), v(str(SKOS.altLabel)), v(str(PROV.wasDerivedFrom))
        self.K = {n: v(str(KGO[n])) for n in ("TextSpan", "DivisionTable", "denotes", "divisionCode", "mentionCount",
                                              "sourceFile", "authorName", "sourceBeginIndex", "sourceEndIndex",
                                              "origin", "role")}
        self.N = {n: v(str(NIF[n])) for n in ("Sentence", "beginIndex", "endIndex", "anchorOf", "referenceContext",
                                              "sentence")}
        self.S = {n: v(str(SCHEMA[n])) for n in ("headline", "datePublished")}
        self.O = {n: v(str(ORG[n])) for n in ("Membership", "Role", "member", "organization", "role")}
        self.NONNEG, self.DATE = v(str(XSD.nonNegativeInteger)), str(XSD.date)
        self.span_terms = SpanTerms(self.K["TextSpan"], self.N["Sentence"], self.K["denotes"],
                                    self.K["sourceBeginIndex"], self.K["sourceEndIndex"], self.K["sourceFile"],
                                    self.N["anchorOf"], self.N["beginIndex"], self.N["endIndex"],
                                    self.N["referenceContext"], self.N["sentence"], self.NONNEG)
        self._st_preds = (self.K["origin"], self.K["role"], self.DERIVED, self.OBJ, self.PRED, self.SUBJ)
        if list(self._st_preds) != sorted(self._st_preds):  # statement_block writes them in this order
            raise AssertionError("predicates are not in sorted order; update IndexBase.statement_block")
        # Instance IRIs are written relative to ``@base`` (the base IRI) when that is exact: a third
        # shorter file, and every parser resolves them back (RFC 3986 section 5.2).
        self.relative = _HIERARCHICAL_BASE.match(self.base) is not None
        self.division_table = self.inst("source/division-table")
        self._iris: dict[str, str] = {}
        self._classes: dict[tuple[str, str], str] = {}
        self._preds: dict[str, str] = {}
        self._span_heads: dict[str, str] = {}  # article node id -> "<article IRI#char=" (span IRIs without offsets)
        self.spans: dict[str, dict[tuple[int, int], SpanRecord]] = {}
        self.edges: list[_Edge] = []
        self.by_article: dict[str, list[_Edge]] = {}
        self.roles: dict[str, str] = {}  # role IRI term -> role word
        self.gazetteer = False
        # Statement and membership IRIs are a hex digest below a fixed path: no escaping or base check per edge.
        self._st_head, self._mem_head = self.inst("statement/")[:-1], self.inst("membership/")[:-1]
        self._role_iris: dict[str, str] = {}
        self._origins: dict[str, str] = {}

    # -- what a subclass tells about the nodes ---------------------------------

    def node_ids(self) -> Iterable[str]:
        raise NotImplementedError

    def node_preds(self, n: str) -> Preds:
        raise NotImplementedError

    def article_files(self, art: str) -> Sequence[object]:
        """The source files of the article node ``art`` (none if there is no such article)."""
        raise NotImplementedError

    # -- terms -------------------------------------------------------------

    def inst(self, path: str) -> str:
        """The Turtle term of ``base + path`` (``path`` already IRI-safe): relative to @base when exact."""
        if self.relative and _RELATIVE_OK.match(path) and not _DOT_SEGMENT.search(path):
            return iriref(path)
        return iriref(self.base + path)

    def iri(self, node_id: str) -> str:
        t = self._iris.get(node_id)
        if t is None:
            t = self._iris[node_id] = self.inst(iri_path(node_id))
        return t

    def pred(self, name: str) -> str:
        t = self._preds.get(name)
        if t is None:
            t = self._preds[name] = self.terms.vocab(str(PREDICATES.get(name) or KGO[name]))
        return t

    def classes(self, ntype: str, subtype: str) -> str:
        """The objects of ``a`` in a node's block, as :func:`block` writes them (once per type and subtype)."""
        key = (ntype, subtype)
        t = self._classes.get(key)
        if t is None:
            t = self._classes[key] = objects_text({self.terms.vocab(str(c)) for c in classes_for(ntype, subtype)}, "")
        return t

    def nonneg(self, n) -> str:
        return f'"{n}"^^{self.NONNEG}' if n.__class__ is int else f'"{int(n)}"^^{self.NONNEG}'

    # -- what both collectors record ------------------------------------------

    def statement_edge(self, u: str, v: str, pred: str, origin: str, role: str) -> _Edge:
        """A new edge that gets a statement (listed in ``edges``); the caller adds its evidence spans."""
        role_iri = None
        if role:
            role_iri = self._role_iris.get(role)
            if role_iri is None:
                role_iri = self._role_iris[role] = self.inst("role/" + iri_path(role))
                self.roles.setdefault(role_iri, role)
        mem = f"{self._mem_head}{digest(u, v, role)}>" if pred == "memberOf" else None
        origin_term = self._origins.get(origin)
        if origin_term is None:
            origin_term = self._origins[origin] = self.terms.lit(origin)
        if origin == "gazetteer":
            self.gazetteer = True
        e = _Edge(u, v, self.iri(u), self.iri(v), pred, self.pred(pred), role, origin_term,
                  f"{self._st_head}{digest(u, pred, v, role)}>", mem, role_iri)
        self.edges.append(e)
        return e

    def add_evidence_span(self, e: _Edge, art: str, key: tuple[int, int]) -> None:
        """The span ``key`` of article ``art`` is evidence of ``e``."""
        keys_in = e.arts.get(art)
        if keys_in is None:
            e.arts[art] = [key]
            by_article = self.by_article.get(art)
            if by_article is None:
                self.by_article[art] = [e]
            else:
                by_article.append(e)
        else:
            keys_in.append(key)

    def describe(self, ntype: str, subtype: str, label: str, aliases: Iterable[str], code: object) -> Preds:
        """The start of a node's description: its classes, label, aliases and division code."""
        t = self.terms
        preds: Preds = {A: self.classes(ntype, subtype)}
        if label:
            preds[self.LABEL] = t.lit(label, "zh")
        alts = {t.lit(a, "zh") for a in aliases if a and a != label}
        if alts:
            preds[self.ALT] = alts
        if code:
            preds[self.K["divisionCode"]] = t.lit(str(code))
        return preds

    def describe_article(self, preds: Preds, label: str, files: Iterable[object], authors: Iterable[str],
                         date: str) -> None:
        """What an article's description adds: headline, source files, author names, date."""
        t = self.terms
        if label:
            preds[self.S["headline"]] = preds[self.LABEL]
        file_terms = {t.lit(str(p)) for p in files}
        if file_terms:
            preds[self.K["sourceFile"]] = file_terms
        names = {t.lit(x, "zh") for x in authors if x}
        if names:
            preds[self.K["authorName"]] = names
        if date:
            preds[self.S["datePublished"]] = t.lit(date, None, self.DATE if DATE.match(date) else None)

    # -- subject blocks ------------------------------------------------------

    def span_blocks(self, art: str) -> list[str]:
        """The Turtle blocks (no indent) of an article's spans, by offsets (:func:`kg.rdf.spans.span_blocks`)."""
        spans = self.spans.get(art)
        if not spans:
            return []
        files = self.article_files(art)
        one_file = str(files[0]) if len(files) == 1 else None
        return format_span_blocks(spans, self.iri(art), one_file, self.span_terms)

    def statement_block(self, e: _Edge, arts: Iterable[str], core: bool, table: bool, indent: str = "") -> str:
        """:func:`block` of a statement, without building a predicate map.

        With ``core``: ``a rdf:Statement``, ``kgo:origin``, ``kgo:role`` (if
        any) and ``rdf:subject/predicate/object``; always ``prov:wasDerivedFrom``
        the edge's spans in ``arts`` and, if ``table``, the division table.
        """
        origin_p, role_p, derived_p, obj_p, pred_p, subj_p = self._st_preds
        pad = indent + "    "
        sep = " ;\n" + pad
        parts = [f"a {self.STATEMENT}", f"{origin_p} {e.origin}"] if core else []
        if core and e.role_iri:
            parts.append(f"{role_p} {e.role_iri}")
        derived = self._derived(e, arts)
        if table:
            derived.add(self.division_table)
        if derived:
            parts.append(f"{derived_p} {objects_text(derived, indent)}")
        if core:
            parts.append(f"{obj_p} {e.sv}")
            parts.append(f"{pred_p} {e.p}")
            parts.append(f"{subj_p} {e.su}")
        return f"{indent}{e.st}\n{pad}" + sep.join(parts) + " ."

    def _derived(self, e: _Edge, arts: Iterable[str]) -> set[str]:
        out: set[str] = set()
        heads = self._span_heads
        for art in arts:
            head = heads.get(art)
            if head is None:
                head = heads[art] = self.iri(art)[:-1] + "#char="
            for s, t in e.arts[art]:
                out.add(f"{head}{s},{t}>")
        return out

    def membership_preds(self, e: _Edge, arts: Iterable[str], base: bool) -> Preds:
        preds: Preds = {}
        if base:
            preds[A] = self.O["Membership"]
            preds[self.O["member"]] = e.su
            preds[self.O["organization"]] = e.sv
            if e.role_iri:
                preds[self.O["role"]] = e.role_iri
        derived = self._derived(e, arts)
        if derived:
            preds[self.DERIVED] = derived
        return preds

    def extra_blocks(self) -> list[tuple[str, Preds]]:
        """Roles and the division table (default graph)."""
        lit = self.terms.lit
        out: list[tuple[str, Preds]] = [(r, {A: self.O["Role"], self.LABEL: lit(w, lang="zh")}) for r, w in self.roles.items()]
        if self.gazetteer:
            out.append((self.division_table, {A: self.K["DivisionTable"], self.LABEL: lit("全国行政区划代码表", lang="zh")}))
        return out

