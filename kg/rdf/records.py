"""The RDF writers' index collected from the records (:mod:`kg.model`), without the networkx graph.

:class:`RecordIndex` gives the writers (:mod:`kg.rdf.stream`) what
:class:`kg.rdf.index.RdfIndex` gives them for ``build_graph(articles,
entities, relations)``, so the files are byte-identical; it skips what
build_graph makes that the writers never read: an attribute dict per node
and per edge, a dict per evidence record (together ~3 CPU s at 10 MB of news).

It reads the graph's layout off the records (:func:`kg.assembly.build_graph`):
one node ``article/<id>`` per article and one per entity, an entity's
evidence in :func:`kg.assembly.evidence_in_order`, and an Evidence record
shared by an entity and its ``mentions`` relation standing for the one dict
the graph gives both.  Relations are read in the order given, not in
:func:`kg.assembly.relation_order`: the index keeps nothing in that order
(the writers sort), except which relation's evidence describes a span two
relations met first -- and records of one span of one article agree on
everything (they are slices of the same text).  When they do not, or when
build_graph would merge records (two entities or articles with one id, an
entity with an article's id, two relations with one edge key), the
collector gives up with :class:`Irregular` and the caller builds the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any

from ..assembly import edge_kind, evidence_in_order
from ..model import Article, Entity, Relation
from .index import IndexBase, add_denoted, add_object
from .spans import Preds, SpanRecord, add_sentence

__all__ = ["RecordIndex", "Irregular"]


class Irregular(Exception):
    """Records whose graph this index cannot mirror without building it (see the module docstring)."""


def _redundant(u: str, v: str, evidence: Sequence[Any], denoted: dict[str, list[Any]] | None) -> bool:
    """:func:`kg.rdf.index._redundant` on the records: is the ``mentions`` evidence the spans in ``u`` denoting ``v``?

    ``denoted[v]`` is ``v``'s evidence in ``u``; assemble gives the relation
    those very records, so no span key is built then.
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
    for ev in evidence:
        if ev.article_id != aid:
            return False
    return {(ev.start, ev.end) for ev in evidence} == {(ev.start, ev.end) for ev in evs}


def _span_of(ev: Any, denotes: str | None) -> SpanRecord:
    """The span of an Evidence record (``ev`` is typed Any: compiled, its offsets stay Python ints, no unboxing)."""
    return SpanRecord(ev, ev.text, ev.source, ev.source_start, ev.source_end, ev.sentence_start, ev.sentence_end,
                      None, denotes)


class RecordIndex(IndexBase):
    """The index of ``build_graph(articles, entities, relations)``, from the records."""

    def __init__(self, articles: Iterable[Article], entities: Iterable[Entity], relations: Iterable[Relation],
                 base_iri: str) -> None:
        super().__init__(base_iri)
        arts = sorted(articles, key=attrgetter("article_id"))
        ents = sorted(entities, key=attrgetter("id"))
        self.article_nodes: dict[str, Article] = {"article/" + a.article_id: a for a in arts}
        self.entity_nodes: dict[str, Entity] = {e.id: e for e in ents}
        if len(self.article_nodes) != len(arts) or len(self.entity_nodes) != len(ents):
            raise Irregular("two records with one node id")
        for n in self.article_nodes:
            if n in self.entity_nodes:
                raise Irregular(f"an entity has the id of an article's node: {n}")
        self.out: dict[str, list[Relation]] = {}  # subject -> its relations (the graph's out-edges)
        self._last_aid: str | None = None  # the last article _edge_span met, its node id and spans
        self._last_art = ""
        self._last_spans: dict[tuple[int, int], SpanRecord] = {}
        self._collect(ents, relations)

    def node_ids(self) -> Iterable[str]:
        return list(self.article_nodes) + list(self.entity_nodes)  # the graph's node order

    def article_files(self, art: str) -> Sequence[object]:
        a = self.article_nodes.get(art)
        return a.sources if a is not None else ()

    # -- the pass over the evidence -----------------------------------------

    def _collect(self, ents: list[Entity], relations: Iterable[Relation]) -> None:
        # article node -> entity -> its evidence there; keyed by strings, one small dict per article
        denoted: dict[str, dict[str, list[Any]]] = {}
        all_spans = self.spans
        # As RdfIndex._collect: this loop meets every mention of every entity (2.4e5 at 10 MB of news).
        for ent in ents:
            ev_list: Sequence[Any] = ent.evidence
            if not ev_list:
                continue
            if len(ev_list) > 1:
                ev_list = evidence_in_order(ent.evidence)
            n = ent.id
            s = self.iri(n)
            last_aid: Any = None
            spans: dict[tuple[int, int], SpanRecord] = {}
            evs: list[Any] = []
            for ev in ev_list:
                aid = ev.article_id
                if aid != last_aid:  # in evidence_in_order, an entity's evidence is grouped by article
                    art = "article/" + aid
                    in_art = denoted.get(art)
                    if in_art is None:
                        in_art = denoted[art] = {}
                        spans = all_spans[art] = {}
                    else:
                        spans = all_spans[art]
                    found = in_art.get(n)
                    if found is None:
                        evs = in_art[n] = []
                    else:
                        evs = found
                    last_aid = aid
                key = (ev.start, ev.end)
                rec = spans.get(key)
                if rec is None:
                    spans[key] = rec = _span_of(ev, s)
                    add_sentence(spans, rec.s0, rec.s1, ev.sentence)
                else:
                    if rec.ev is None:
                        _set_evidence(rec, ev)
                        add_sentence(spans, rec.s0, rec.s1, ev.sentence)
                    add_denoted(rec, s)
                evs.append(ev)
        article_nodes, entity_nodes, out = self.article_nodes, self.entity_nodes, self.out
        edge_keys: set[tuple[str, str, str]] = set()
        for r in relations:
            u, v, pred, role = r.subject, r.object, r.predicate, r.role
            if (u not in entity_nodes and u not in article_nodes) or (v not in entity_nodes and v not in article_nodes):
                raise ValueError(f"relation {pred} has a missing endpoint: {u} -> {v}")
            ekey = (u, v, edge_kind(pred, role)[0] if role else pred)
            if ekey in edge_keys:  # build_graph keeps the last of them (in relation_order)
                raise Irregular(f"two relations with one edge key: {ekey}")
            edge_keys.add(ekey)
            from_u = out.get(u)
            if from_u is None:
                out[u] = [r]
            else:
                from_u.append(r)
            pred = pred or ""
            origin = r.origin or "text"
            evidence: Sequence[Any] = r.evidence
            if pred == "mentions" and origin == "text" and _redundant(u, v, evidence, denoted.get(u)):
                continue  # the plain triple is in u's block; its evidence is the spans denoting v
            e = self.statement_edge(u, v, pred, origin, role or "")
            for ev in evidence:
                art, key = self._edge_span(ev)
                self.add_evidence_span(e, art, key)

    def _edge_span(self, ev: Any) -> tuple[str, Any]:
        """Record the span of a relation's evidence (and its sentence); :class:`Irregular` if the order could matter."""
        aid = ev.article_id
        if aid == self._last_aid:
            art, spans = self._last_art, self._last_spans
        else:
            art = "article/" + aid
            found = self.spans.get(art)
            if found is None:
                spans = self.spans[art] = {}
            else:
                spans = found
            self._last_aid, self._last_art, self._last_spans = aid, art, spans
        key = (ev.start, ev.end)
        rec = spans.get(key)
        if rec is None:
            spans[key] = rec = _span_of(ev, None)
        elif rec.ev is None:
            _set_evidence(rec, ev)
        else:
            if rec.ev is not ev and rec.ev != ev:  # the graph takes the first in relation_order
                raise Irregular(f"two evidence records of one span disagree: {rec.ev} / {ev}")
            return art, key
        if not add_sentence(spans, rec.s0, rec.s1, ev.sentence):
            raise Irregular(f"one sentence of article {aid} with two texts: {ev}")
        return art, key

    # -- subject blocks ------------------------------------------------------

    def node_preds(self, n: str) -> Preds:
        a = self.article_nodes.get(n)
        if a is not None:  # as kg.assembly._article_node lays it out
            label = a.title or ""
            preds = self.describe("Article", "", label, (), "")
            self.describe_article(preds, label, a.sources, [b.name for b in a.bylines], a.date or "")
        else:
            e = self.entity_nodes[n]
            label = e.label or ""
            preds = self.describe(e.type, e.subtype or "", label, e.aliases, e.code)
            if e.type == "Article":
                self.describe_article(preds, label, (), (), "")
            else:
                preds[self.K["mentionCount"]] = str(len(e.evidence))
        from_n = self.out.get(n)
        if from_n is not None:
            iris, pred_terms = self._iris, self._preds  # the caches of iri() and pred(), read directly: 3e5 edges
            for r in from_n:
                name = r.predicate or ""
                o = r.object
                add_object(preds, pred_terms.get(name) or self.pred(name), iris.get(o) or self.iri(o))
        return preds


def _set_evidence(rec: SpanRecord, ev: Any) -> None:
    rec.set_evidence(ev, ev.text, ev.source, ev.source_start, ev.source_end, ev.sentence_start, ev.sentence_end)
