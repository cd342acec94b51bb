"""Entities + relations -> ``networkx.MultiDiGraph``.

Graph contract (the exporters, viewer and analysis rely on it):

Node id
    The entity id, an IRI path below the base IRI: ``place/430211``,
    ``org/株洲市公安局``, ``person/张三``, ``program/三社联动``,
    ``document/…``, ``event/…``, and ``article/<article_id>`` for articles.
Node attributes
    ``type`` (Place, Organization, Person, Program, Document, Event, Article),
    ``subtype`` (place level or organisation kind, "" if none), ``label``
    (canonical name), ``aliases`` (sorted list of other surface forms),
    ``code`` (division code or ""), ``sources`` (sorted article ids),
    ``mentions`` (count of mentions), ``evidence`` (list of evidence dicts,
    see :meth:`kg.model.Evidence.to_dict`).  Article nodes also carry
    ``files`` (source paths), ``authors`` (names) and ``date``.
Edge key and attributes
    The key is ``predicate`` (plus ``#role`` for roles).  Attributes:
    ``predicate``, ``label`` (Chinese label of the predicate), ``role``
    ("" if none), ``origin`` ("text" or "gazetteer") and ``evidence``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from .model import Article, Entity, Relation

__all__ = ["KnowledgeGraph", "build_graph", "PREDICATE_LABELS"]

#: Chinese labels shown for each predicate (kept beside the graph code because
#: they are part of the graph contract, mirrored as rdfs:label in kg.ttl).
PREDICATE_LABELS = {
    "containedInPlace": "位于",
    "jurisdiction": "管辖",
    "subOrganizationOf": "下属于",
    "memberOf": "任职于",
    "implements": "实施",
    "issuedBy": "发布机构",
    "collaboratesWith": "联合",
    "participatesIn": "参与",
    "locatedIn": "发生于",
    "author": "作者",
    "mentions": "提及",
}


@dataclass
class KnowledgeGraph:
    """The result of a build: typed values plus the networkx view of them."""

    articles: list[Article]
    entities: list[Entity]
    relations: list[Relation]
    graph: nx.MultiDiGraph
    skipped: list = field(default_factory=list)

    def counts(self) -> dict[str, Counter]:
        """Counts per entity type and per predicate, for the build summary."""
        types = Counter(d["type"] for _, d in self.graph.nodes(data=True))
        preds = Counter(d["predicate"] for _, _, d in self.graph.edges(data=True))
        return {"types": types, "predicates": preds}


def _article_node(a: Article) -> dict:
    return {
        "type": "Article",
        "subtype": "",
        "label": a.title,
        "aliases": [],
        "code": "",
        "sources": [a.article_id],
        "mentions": 0,
        "evidence": [],
        "files": list(a.sources),
        "authors": [b.name for b in a.bylines],
        "date": a.date or "",
    }


def build_graph(
    articles: list[Article], entities: list[Entity], relations: list[Relation]
) -> nx.MultiDiGraph:
    """Assemble the MultiDiGraph in a deterministic (sorted) order."""
    g = nx.MultiDiGraph()
    for a in sorted(articles, key=lambda a: a.article_id):
        g.add_node(f"article/{a.article_id}", **_article_node(a))
    for e in sorted(entities, key=lambda e: e.id):
        ev = sorted((x.to_dict() for x in e.evidence), key=_ev_key)
        g.add_node(
            e.id,
            type=e.type,
            subtype=e.subtype,
            label=e.label,
            aliases=sorted(set(e.aliases) - {e.label}),
            code=e.code or "",
            sources=sorted({x["article"] for x in ev}),
            mentions=len(ev),
            evidence=ev,
        )
    for r in sorted(relations, key=lambda r: (r.subject, r.predicate, r.object, r.role or "")):
        if r.subject not in g or r.object not in g:
            raise ValueError(f"relation {r.predicate} has a missing endpoint: {r.subject} -> {r.object}")
        key = r.predicate + (f"#{r.role}" if r.role else "")
        g.add_edge(
            r.subject,
            r.object,
            key=key,
            predicate=r.predicate,
            label=PREDICATE_LABELS.get(r.predicate, r.predicate) + (f"（{r.role}）" if r.role else ""),
            role=r.role or "",
            origin=r.origin,
            evidence=sorted((x.to_dict() for x in r.evidence), key=_ev_key),
        )
    return g


def _ev_key(d: dict) -> tuple:
    return (d["article"], d["start"], d["end"])
