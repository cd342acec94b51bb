"""The RDF writers' index collected from the records (:mod:`kg.model`), without the networkx graph.

:class:`RecordIndex` gives the writers (:mod:`kg.rdf.stream`) what
:class:`kg.rdf.stream.RdfIndex` gives them for ``build_graph(articles,
entities, relations)``, so the files are byte-identical; it skips what
build_graph makes that the writers never read: an attribute dict per node
and per edge, a dict per evidence record (together ~3 CPU s at 10 MB of news).

It reads the graph's layout off the records (:func:`kg.assembly.build_graph`):
one node ``article/<id>`` per article and one per entity, and an Evidence
record shared by an entity and its ``mentions`` relation standing for the
one dict the graph gives both.  Entities, their evidence and the relations
are read in the order given, not in the graph's (sorted entities, evidence
in :func:`kg.assembly.evidence_in_order`, relations in
:func:`kg.assembly.relation_order`): the index keeps nothing in that order
(the writers sort), except which record describes a span or a sentence met
twice -- and records of one span of one article agree on everything (they are
slices of the same text), so the first is as good as any.  When two such
records differ, or when build_graph would merge records (two entities or
articles with one id, an entity with an article's id, two relations with one
edge key), the collector gives up with :class:`Irregular` and the caller
builds the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any

from ..assembly import edge_kind
from ..model import Article, Entity, Relation
from .index import IndexBase, add_denoted, add_object, redundant_mentions
from .spans import Preds, SpanRecord, add_sentence

__all__ = ["RecordIndex", "Irregular"]

_RECORD_SPAN = attrgetter("article_id", "start", "end")  # an Evidence's (article, start, end)


class Irregular(Exception):
    """Records whose graph this index cannot mirror without building it (see the module docstring)."""


def _span_of(ev: Any, denotes: str | None) -> SpanRecord:
    """The span of an Evidence record (``ev`` is typed Any: compiled, its offsets stay Python ints, no unboxing)."""
    return SpanRecord(ev, ev.text, ev.source, ev.source_start, ev.source_end, ev.sentence_start, ev.sentence_end,
                      None, denotes)


class RecordIndex(IndexBase):
    """The index of ``build_graph(articles, entities, relations)``, from the records."""

    def __init__(self, articles: Iterable[Article], entities: Iterable[Entity], relations: Iterable[Relation],
                 base_iri: str) -> None:
        super().__init__(base_iri)
        arts, ents = list(articles), list(entities)
        self.article_nodes: dict[str, Article] = {"article/" + a.article_id: a for a in arts}
        self.entity_nodes: dict[str, Entity] = {e.id: e for e in ents}
        # The graph's node order (the writers sort by IRI, and no two node ids share one).
        self._ids = sorted(self.article_nodes) + sorted(self.entity_nodes)
        # subject -> the predicate and object terms of its relations (the graph's out-edges), flat: p, o, p, o...
        # Every node has a list, so a missing endpoint is a look-up.
        self.out: dict[str, list[str]] = {n: [] for n in self._ids}
        if len(self.out) != len(arts) + len(ents):
            raise Irregular("two records with one node id")
        self._last_aid: str | None = None  # the last article _span met, its node id and spans
        self._last_art = ""
        self._last_spans: dict[tuple[int, int], SpanRecord] = {}
        self._collect(ents, relations)

    def node_ids(self) -> Iterable[str]:
        return self._ids

    def article_files(self, art: str) -> Sequence[object]:
        a = self.article_nodes.get(art)
        return a.sources if a is not None else ()

    # -- the pass over the evidence -----------------------------------------

    def _collect(self, ents: list[Entity], relations: Iterable[Relation]) -> None:
        # article node -> entity -> its evidence there; keyed by strings, one small dict per article
        denoted: dict[str, dict[str, list[Any]]] = {}
        all_spans = self.spans
        # As RdfIndex._collect, with _span() inlined: this loop meets every mention of every entity.
        for ent in ents:
            ev_list: Sequence[Any] = ent.evidence
            if not ev_list:
                continue
            n = ent.id
            s = self.iri(n)
            last_aid: Any = None
            spans: dict[tuple[int, int], SpanRecord] = {}
            evs: list[Any] = []
            for ev in ev_list:
                aid = ev.article_id
                if aid != last_aid:  # an entity's evidence comes grouped by article (kg.assembly), mostly
                    art = "article/" + aid
                    in_art = denoted.get(art)
                    if in_art is None:
                        in_art = denoted[art] = {}
                        found_spans = all_spans.get(art)
                        spans = all_spans[art] = {} if found_spans is None else found_spans
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
                    if not add_sentence(spans, rec.s0, rec.s1, ev.sentence):
                        raise Irregular(f"one sentence of article {aid} with two texts: {ev}")
                else:
                    if rec.ev is None:
                        _set_evidence(rec, ev)
                        if not add_sentence(spans, rec.s0, rec.s1, ev.sentence):
                            raise Irregular(f"one sentence of article {aid} with two texts: {ev}")
                    elif rec.ev is not ev and rec.ev != ev:
                        raise Irregular(f"two evidence records of one span disagree: {rec.ev} / {ev}")
                    add_denoted(rec, s)
                evs.append(ev)
        out, iris, pred_terms = self.out, self._iris, self._preds  # the caches of iri() and pred(), read directly
        edge_keys: set[tuple[str, str, str]] = set()
        for r in relations:
            u, v, pred, role = r.subject, r.object, r.predicate, r.role
            from_u = out.get(u)
            if from_u is None or v not in out:
                raise ValueError(f"relation {pred} has a missing endpoint: {u} -> {v}")
            # The terms node_preds writes, made now: the records are read once, while they are in the cache.
            name = pred or ""
            from_u.append(pred_terms.get(name) or self.pred(name))
            from_u.append(iris.get(v) or self.iri(v))
            ekey = (u, v, edge_kind(pred, role)[0] if role else pred)
            if ekey in edge_keys:  # build_graph keeps the last of them (in relation_order)
                raise Irregular(f"two relations with one edge key: {ekey}")
            edge_keys.add(ekey)
            origin = r.origin or "text"
            evidence: Sequence[Any] = r.evidence
            if name == "mentions" and origin == "text" and redundant_mentions(u, v, evidence, denoted.get(u), _RECORD_SPAN):
                continue  # the plain triple is in u's block; its evidence is the spans denoting v
            e = self.statement_edge(u, v, name, origin, role or "")
            for ev in evidence:
                art, key = self._span(ev)
                self.add_evidence_span(e, art, key)

    def _span(self, ev: Any) -> tuple[str, Any]:
        """Record the span of a relation's evidence (and its sentence)."""
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
            if rec.ev is not ev and rec.ev != ev:
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
        edges = self.out[n]
        for i in range(0, len(edges), 2):
            add_object(preds, edges[i], edges[i + 1])
        return preds


def _set_evidence(rec: SpanRecord, ev: Any) -> None:
    rec.set_evidence(ev, ev.text, ev.source, ev.source_start, ev.source_end, ev.sentence_start, ev.sentence_end)
