"""The index the streaming RDF writers work from, and the Turtle block of one subject.

:class:`RdfIndex` makes one pass over the graph's evidence and keeps, per
article, its text spans (mention, sentence, the entities they denote) and
the statements and memberships with evidence in it.  Its ``*_preds``,
``span_blocks`` and ``statement_block`` methods give each subject's
description; :func:`block` formats one subject the way every writer of this
package does.

A ``schema:mentions`` edge is not reified when its evidence is exactly the
spans of its article that ``kgo:denote`` the entity (always, for graphs from
:func:`kg.graph.build_graph`): the spans already say it, and a statement per
mention would double the export.
"""

from __future__ import annotations

import re

import networkx as nx
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from .export import DATE, digest
from .vocab import KGO, NIF, ORG, PREDICATES, SCHEMA, check_base, classes_for, iri_path

__all__ = ["RdfIndex", "block", "A"]

A = "\x00a"  # key of rdf:type in a predicate map: sorts first, written as "a"
# A relative reference resolves to base + itself when its first segment has no ":" and it has no
# "." or ".." segment (RFC 3986 sections 4.2 and 5.2.4).
_RELATIVE_OK = re.compile(r"[^:/?#]+/")
_HIERARCHICAL_BASE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*/[^?#]*\Z")  # ends in "/" (check_base)
_DOT_SEGMENT = re.compile(r"(?:^|/)\.\.?(?:/|#|\?|$)")


def block(s: str, preds: dict, indent: str = "") -> str:
    """The Turtle block of one subject (without the blank line after it).

    ``preds`` maps predicate terms to one object term (a ``str``) or a
    collection of them; the type predicate is the key :data:`A`, which sorts first.
    """
    parts = []
    for p in sorted(preds):
        objs = preds[p]
        if objs.__class__ is not str:
            objs = next(iter(objs)) if len(objs) == 1 else _objects(objs, indent)
        parts.append(f"{'a' if p == A else p} {objs}")
    pad = indent + "    "
    return f"{indent}{s}\n{pad}" + (" ;\n" + pad).join(parts) + " ."


def _objects(objs, indent: str) -> str:
    """Several objects of one predicate, sorted: on one line, or one per line when long."""
    if len(objs) == 1:
        return next(iter(objs))
    objs = sorted(set(objs))
    text = ", ".join(objs)
    return text if len(text) <= 100 else (",\n" + indent + "        ").join(objs)


def _redundant(u: str, v: str, evidence, denoted: dict) -> bool:
    """True if the evidence of the edge ``u`` (an article) → ``v`` is exactly the spans in ``u`` denoting ``v``."""
    if not evidence or not u.startswith("article/"):
        return False
    aid = u[8:]
    want = denoted.get((u, v))
    if want is None or len(evidence) < len(want):
        return False
    keys = set()
    for ev in evidence:
        if ev["article"] != aid:
            return False
        keys.add((ev["start"], ev["end"]))
    return keys == want


class _Edge:
    __slots__ = ("u", "v", "pred", "p", "role", "origin", "st", "mem", "role_iri", "arts", "text")

    def __init__(self, u, v, pred, p, role, origin, st, mem, role_iri):
        self.u, self.v, self.pred, self.p, self.role, self.origin = u, v, pred, p, role, origin
        self.st, self.mem, self.role_iri = st, mem, role_iri
        self.arts: dict[str, list[tuple[int, int]]] = {}  # article node id -> evidence span keys
        self.text: str | None = None  # the statement block, when formatted once for both files


class RdfIndex:
    """Everything the writers need beyond the graph, from one pass over the evidence.

    ``spans[article node id][(start, end)]`` is ``[mention evidence | None,
    sentence text | None, set of denoted entity terms]``: a span that is both
    a mention and a sentence gets both descriptions.
    """

    def __init__(self, graph: nx.MultiDiGraph, base_iri: str):
        from .turtle import TurtleTerms, _iriref

        self.g, self.base = graph, check_base(base_iri)
        self.terms = t = TurtleTerms()
        self._iriref = _iriref
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
        self._span_preds = (self.K["denotes"], self.K["sourceBeginIndex"], self.K["sourceEndIndex"],
                            self.K["sourceFile"], self.N["anchorOf"], self.N["beginIndex"], self.N["endIndex"],
                            self.N["referenceContext"], self.N["sentence"])
        self._st_preds = (self.K["origin"], self.K["role"], self.DERIVED, self.OBJ, self.PRED, self.SUBJ)
        for order in (self._span_preds, self._st_preds):  # the fast block writers rely on this order
            if list(order) != sorted(order):
                raise AssertionError("predicates are not in sorted order; update RdfIndex.span_blocks/statement_block")
        self.NONNEG, self.DATE = v(str(XSD.nonNegativeInteger)), str(XSD.date)
        # Instance IRIs are written relative to ``@base`` (the base IRI) when that is exact: a third
        # shorter file, and every parser resolves them back (RFC 3986 section 5.2).
        self.relative = _HIERARCHICAL_BASE.match(self.base) is not None
        self.division_table = self.inst("source/division-table")
        self._iris: dict[str, str] = {}
        self._classes: dict[tuple, tuple] = {}
        self._preds: dict[str, str] = {}
        self.spans: dict[str, dict[tuple[int, int], list]] = {}
        self.edges: list[_Edge] = []
        self.by_article: dict[str, list[_Edge]] = {}
        self.roles: dict[str, str] = {}  # role IRI term -> role word
        self.gazetteer = False
        self._last: tuple = (None, None, None)  # (article id, node id, its spans): evidence comes grouped by article
        self._collect()

    # -- terms -------------------------------------------------------------

    def inst(self, path: str) -> str:
        """The Turtle term of ``base + path`` (``path`` already IRI-safe): relative to @base when exact."""
        if self.relative and _RELATIVE_OK.match(path) and not _DOT_SEGMENT.search(path):
            return self._iriref(path)
        return self._iriref(self.base + path)

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

    def classes(self, ntype: str, subtype: str) -> tuple:
        key = (ntype, subtype)
        t = self._classes.get(key)
        if t is None:
            t = self._classes[key] = tuple(self.terms.vocab(str(c)) for c in classes_for(ntype, subtype))
        return t

    def nonneg(self, n) -> str:
        return f'"{n}"^^{self.NONNEG}' if n.__class__ is int else f'"{int(n)}"^^{self.NONNEG}'

    # -- the pass over the evidence -----------------------------------------

    def _span(self, ev: dict) -> tuple[str, tuple[int, int], list]:
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
            rec = spans[key] = [ev, None, None]
        elif rec[0] is None:
            rec[0] = ev
        else:
            return art, key, rec
        s0, s1 = ev.get("sentence_start"), ev.get("sentence_end")
        if s0 is not None and s1 is not None and s0 < s1:
            skey = (s0, s1)
            srec = spans.get(skey)
            if srec is None:
                spans[skey] = [None, ev.get("sentence") or "", None]
            elif srec[1] is None:
                srec[1] = ev.get("sentence") or ""
        return art, key, rec

    def _collect(self) -> None:
        g = self.g
        nodes = g._node  # raw dicts: networkx's views are slow on 10^5+ edges
        denoted: dict[tuple[str, str], set] = {}  # (article node, entity) -> keys of the spans denoting it there
        span = self._span
        for n in sorted(nodes):
            ev_list = nodes[n].get("evidence")
            if ev_list:
                s = self.iri(n)
                for ev in ev_list:
                    art, key, rec = span(ev)
                    if rec[2] is None:
                        rec[2] = {s}
                    else:
                        rec[2].add(s)
                    keys = denoted.get((art, n))
                    if keys is None:
                        denoted[(art, n)] = {key}
                    else:
                        keys.add(key)
        lit = self.terms.lit
        adj = g._adj
        # Insertion order is fine here: everything the writers take from this pass is sorted when written.
        for u, v, d in ((u, v, d) for u, nbrs in adj.items() for v, keyed in nbrs.items() for d in keyed.values()):
            pred = d.get("predicate") or ""
            role = d.get("role") or ""
            origin = d.get("origin") or "text"
            evidence = d.get("evidence") or ()
            if pred == "mentions" and origin == "text" and _redundant(u, v, evidence, denoted):
                continue  # the plain triple is in u's block; its evidence is the spans denoting v
            role_iri = None
            if role:
                role_iri = self.inst("role/" + iri_path(role))
                self.roles.setdefault(role_iri, role)
            mem = self.inst("membership/" + digest(u, v, role)) if pred == "memberOf" else None
            e = _Edge(u, v, pred, self.pred(pred), role, lit(origin), self.inst("statement/" + digest(u, pred, v, role)),
                      mem, role_iri)
            if origin == "gazetteer":
                self.gazetteer = True
            for ev in evidence:
                art, key, _ = span(ev)
                keys = e.arts.get(art)
                if keys is None:
                    e.arts[art] = [key]
                    self.by_article.setdefault(art, []).append(e)
                else:
                    keys.append(key)
            self.edges.append(e)

    # -- subject blocks ------------------------------------------------------

    def node_preds(self, n: str) -> dict:
        d = self.g._node[n]
        lit = self.terms.lit
        preds: dict[str, set] = {}
        ntype = d.get("type", "")
        preds[A] = set(self.classes(ntype, d.get("subtype") or ""))
        label = d.get("label") or ""
        if label:
            preds[self.LABEL] = lit(label, lang="zh")
        alts = {lit(a, lang="zh") for a in d.get("aliases") or () if a and a != label}
        if alts:
            preds[self.ALT] = alts
        if d.get("code"):
            preds[self.K["divisionCode"]] = lit(str(d["code"]))
        if ntype == "Article":
            if label:
                preds[self.S["headline"]] = preds[self.LABEL]
            files = {lit(str(p)) for p in d.get("files") or ()}
            if files:
                preds[self.K["sourceFile"]] = files
            names = {lit(x, lang="zh") for x in d.get("authors") or () if x}
            if names:
                preds[self.K["authorName"]] = names
            date = d.get("date") or ""
            if date:
                preds[self.S["datePublished"]] = lit(date, dt=self.DATE if DATE.match(date) else None)
        else:
            preds[self.K["mentionCount"]] = str(int(d.get("mentions") or 0))
        iri, pred = self.iri, self.pred
        for v, keyed in self.g._succ[n].items():
            o = iri(v)
            for d2 in keyed.values():
                p = pred(d2.get("predicate") or "")
                objs = preds.get(p)
                if objs is None:
                    preds[p] = {o}
                else:
                    objs.add(o)
        return preds

    def span_blocks(self, art: str) -> list[str]:
        """The Turtle blocks (no indent) of an article's spans, by offsets.

        A span is ``a kgo:TextSpan`` (a mention or evidence: ``kgo:denotes``,
        ``nif:sentence``, ``kgo:sourceBeginIndex``) and/or ``a nif:Sentence``;
        both have ``nif:anchorOf``, ``nif:beginIndex``, ``nif:endIndex`` and
        ``nif:referenceContext``.  What the article already says is not
        repeated: ``kgo:sourceFile`` only when the article has several files,
        ``kgo:sourceEndIndex`` only when the text in the file is not as long
        as the span (page-break repair).
        """
        spans = self.spans.get(art)
        if not spans:
            return []
        lit, nonneg, N, K = self.terms.lit, self.nonneg, self.N, self.K
        art_term = self.iri(art)
        head = art_term[:-1] + "#char="
        files = (self.g._node[art].get("files") or ()) if art in self.g._node else ()
        one_file = str(files[0]) if len(files) == 1 else None
        out = []
        append = out.append
        # Predicates in the order block() would sort them (checked in __init__).
        denotes_p, src_begin, src_end, src_file, anchor, begin, end, ref, sent = self._span_preds
        types = {(True, False): "a " + K["TextSpan"], (False, True): "a " + N["Sentence"],
                 (True, True): "a " + ", ".join(sorted((K["TextSpan"], N["Sentence"])))}
        tail = f" ;\n    {ref} {art_term}"
        sep = " ;\n    "
        for key in sorted(spans):
            ev, sentence, denotes = spans[key]
            parts = [types[(ev is not None, sentence is not None)]]
            if denotes:
                parts.append(f"{denotes_p} {_objects(denotes, '')}")
            if ev is not None:
                a = lit(ev.get("text") or "")
                s0, s1 = ev.get("sentence_start"), ev.get("sentence_end")
                f0 = ev.get("source_start")
                if f0 is not None:
                    parts.append(f"{src_begin} {nonneg(f0)}")
                    f1 = ev.get("source_end")
                    if f1 is not None and int(f1) - int(f0) != key[1] - key[0]:
                        parts.append(f"{src_end} {nonneg(f1)}")
                f = ev.get("source")
                if f and str(f) != one_file:
                    parts.append(f"{src_file} {lit(str(f))}")
                parts.append(f"{anchor} {a if sentence is None else _objects({a, lit(sentence)}, '')}")
            else:
                s0 = s1 = None
                parts.append(f"{anchor} {lit(sentence)}")
            parts.append(f"{begin} {nonneg(key[0])}")
            parts.append(f"{end} {nonneg(key[1])}{tail}")
            if s0 is not None and s1 is not None and int(s0) < int(s1):
                parts.append(f"{sent} {head}{int(s0)},{int(s1)}>")
            append(f"{head}{key[0]},{key[1]}>\n    " + sep.join(parts) + " .")
        return out

    def statement_block(self, e: _Edge, arts, core: bool, table: bool, indent: str = "") -> str:
        """:func:`block` of :meth:`statement_preds`, without building the predicate map."""
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
            parts.append(f"{derived_p} {_objects(derived, indent)}")
        if core:
            parts.append(f"{obj_p} {self.iri(e.v)}")
            parts.append(f"{pred_p} {e.p}")
            parts.append(f"{subj_p} {self.iri(e.u)}")
        return f"{indent}{e.st}\n{pad}" + sep.join(parts) + " ."

    def statement_preds(self, e: _Edge, arts, core: bool, table: bool) -> dict:
        """A statement's description: ``core`` (rdf:subject…), derived from spans in ``arts``, the table if ``table``."""
        preds: dict[str, set] = {}
        if core:
            preds[A] = self.STATEMENT
            preds[self.SUBJ] = self.iri(e.u)
            preds[self.PRED] = e.p
            preds[self.OBJ] = self.iri(e.v)
            preds[self.K["origin"]] = e.origin
            if e.role_iri:
                preds[self.K["role"]] = e.role_iri
        derived = self._derived(e, arts)
        if table:
            derived.add(self.division_table)
        if derived:
            preds[self.DERIVED] = derived
        return preds

    def _derived(self, e: _Edge, arts) -> set:
        out = set()
        for art in arts:
            head = self.iri(art)[:-1] + "#char="
            out.update(f"{head}{s},{t}>" for s, t in e.arts[art])
        return out

    def membership_preds(self, e: _Edge, arts, base: bool) -> dict:
        preds: dict[str, set] = {}
        if base:
            preds[A] = self.O["Membership"]
            preds[self.O["member"]] = self.iri(e.u)
            preds[self.O["organization"]] = self.iri(e.v)
            if e.role_iri:
                preds[self.O["role"]] = e.role_iri
        derived = self._derived(e, arts)
        if derived:
            preds[self.DERIVED] = derived
        return preds

    def extra_blocks(self) -> list[tuple[str, dict]]:
        """Roles and the division table (default graph)."""
        lit = self.terms.lit
        out = [(r, {A: self.O["Role"], self.LABEL: lit(w, lang="zh")}) for r, w in self.roles.items()]
        if self.gazetteer:
            out.append((self.division_table, {A: self.K["DivisionTable"], self.LABEL: lit("全国行政区划代码表", lang="zh")}))
        return out
