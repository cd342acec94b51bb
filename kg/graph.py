"""Entities + relations -> ``networkx.MultiDiGraph``.

Graph contract (the exporters, viewer and analysis rely on it):

Node id
    The entity id, an IRI path below the base IRI: ``place/430211``,
    ``org/杭州市公安局``, ``person/张三``, ``program/三社联动``,
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

import os
import time
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Union

import networkx as nx

from .assembly import build_graph
from .gc_control import gc_deferred
from .model import ENTITY_TYPES, Article, Entity, Evidence, Relation
from .predicates import PREDICATE_LABELS

__all__ = ["KnowledgeGraph", "EntityList", "build_graph", "PREDICATE_LABELS", "entity_from_node",
           "relation_from_edge"]

#: What the query methods accept for an entity: its node id, its label, an
#: alias, a division code, or an :class:`~kg.model.Entity`.
EntityRef = Union[str, Entity]

#: Predicates that only say where a name was read (article -> entity); the
#: neighbourhood rules of :meth:`KnowledgeGraph.subgraph` do not follow them.
PROVENANCE_PREDICATES = ("mentions", "author")


class EntityList(list):
    """The entities of a build; also callable, ``kg.entities("Program")``.

    A plain ``list`` for code that iterates or counts ``kg.entities``; calling
    it returns the entities of one type (or all of them) sorted by id.
    """

    def __call__(self, type: str | None = None) -> list[Entity]:
        if type is not None and type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {type!r}; use one of {', '.join(ENTITY_TYPES)}")
        return sorted((e for e in self if type is None or e.type == type), key=lambda e: e.id)


@dataclass(init=False)
class KnowledgeGraph:
    """The result of a build: typed values plus the networkx view of them.

    ``graph`` is the source of truth for the query methods below, so they work
    the same on a fresh build, on :func:`kg.load` output (whose ``articles``
    list is empty: article text is not saved, article metadata stays on the
    Article nodes) and on a :meth:`subgraph`.  Entity arguments are resolved
    with :meth:`find`.

    Made without a ``graph``, the graph is built from the articles, entities and
    relations on first use of :attr:`graph` (``kg.build(..., lazy_graph=True)``
    does this, so that the outputs' writer processes can each build it at once).
    """

    articles: list[Article]
    entities: EntityList
    relations: list[Relation]
    skipped: list
    timings: dict  # seconds per build stage
    stats: dict  # articles extracted vs. taken from the cache, characters

    def __init__(self, articles: list[Article], entities: Iterable[Entity], relations: list[Relation],
                 graph: nx.MultiDiGraph | None = None, skipped: Iterable = (), timings: dict | None = None,
                 stats: dict | None = None) -> None:
        self.articles = articles
        self.entities = entities if isinstance(entities, EntityList) else EntityList(entities)
        self.relations = relations
        self._graph = graph
        self.skipped = list(skipped)
        self.timings = {} if timings is None else timings
        self.stats = {} if stats is None else stats

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The networkx graph (see the contract above); built now if it was not yet."""
        if self._graph is None:
            t = time.perf_counter()
            with gc_deferred():  # ~10^6 long-lived dicts and no cycles (see kg.gc_control)
                self._graph = build_graph(self.articles, self.entities, self.relations)
            self.timings["graph"] = round(time.perf_counter() - t, 4)
        return self._graph

    @property
    def graph_built(self) -> bool:
        """Whether :attr:`graph` exists yet (a lazily made build's is built on first use)."""
        return self._graph is not None

    @classmethod
    def from_graph(cls, graph: nx.MultiDiGraph, articles: Iterable[Article] = (),
                   skipped: Iterable = ()) -> "KnowledgeGraph":
        """Wrap a graph that follows the contract; entities and relations are rebuilt from it."""
        entities = [entity_from_node(n, d) for n, d in graph.nodes(data=True) if d.get("type") != "Article"]
        relations = [relation_from_edge(s, o, d) for s, o, d in graph.edges(data=True)]
        return cls(articles=list(articles), entities=EntityList(entities), relations=relations,
                   graph=graph, skipped=list(skipped))

    def counts(self) -> dict[str, Counter]:
        """Counts per entity type (articles as ``Article``) and per predicate, for the build summary.

        Counted on the records while the graph is not built (one node per article and
        entity, one edge per relation), so that ``kg build`` never builds it.
        """
        if self._graph is None:
            types = Counter(e.type for e in self.entities)
            if self.articles:
                types["Article"] += len({a.article_id for a in self.articles})
            return {"types": types, "predicates": Counter(r.predicate for r in self.relations)}
        types = Counter(d["type"] for _, d in self.graph.nodes(data=True))
        preds = Counter(d["predicate"] for _, _, d in self.graph.edges(data=True))
        return {"types": types, "predicates": preds}

    # -- looking things up -------------------------------------------------

    def find(self, name: str, type: str | None = None) -> Entity | None:
        """The entity called ``name``: a node id, canonical label, alias or division code.

        An exact node id wins, then a label, then a code, then an alias; among
        several matches the most mentioned (then the smallest id) is returned.
        ``type`` restricts the search; ``None`` when nothing matches.
        """
        if type is not None and type not in ENTITY_TYPES + ("Article",):
            raise ValueError(f"unknown entity type {type!r}")
        name = name.strip()
        g = self.graph
        if name in g and (type is None or g.nodes[name].get("type") == type):
            return entity_from_node(name, g.nodes[name])
        best = None
        for n, d in g.nodes(data=True):
            if d.get("type") == "Article" or (type is not None and d.get("type") != type):
                continue
            if d.get("label") == name:
                rank = 0
            elif name and d.get("code") == name:
                rank = 1
            elif name in d.get("aliases", ()):
                rank = 2
            else:
                continue
            key = (rank, -int(d.get("mentions", 0)), n)
            if best is None or key < best[0]:
                best = (key, n)
        return entity_from_node(best[1], g.nodes[best[1]]) if best else None

    def node_id(self, entity: EntityRef) -> str:
        """The node id of an entity reference; ``KeyError`` when it names nothing."""
        if isinstance(entity, Entity):
            if entity.id in self.graph:
                return entity.id
            entity = entity.label
        if entity in self.graph:
            return entity
        found = self.find(entity)
        if found is None:
            raise KeyError(f"no entity called {entity!r} in this graph")
        return found.id

    def neighbors(self, entity: EntityRef, predicate: str | None = None, *,
                  direction: str = "both") -> list[Entity]:
        """Entities joined to ``entity`` by an edge (optionally of one predicate), sorted by id.

        ``direction`` is ``"out"`` (entity is the subject), ``"in"`` or ``"both"``.
        Article nodes appear as entities of type ``"Article"`` (their label is the headline).
        """
        if direction not in ("out", "in", "both"):
            raise ValueError("direction must be 'out', 'in' or 'both'")
        nid, g = self.node_id(entity), self.graph
        found: set[str] = set()
        if direction in ("out", "both"):
            found |= {o for _, o, d in g.out_edges(nid, data=True) if predicate in (None, d["predicate"])}
        if direction in ("in", "both"):
            found |= {s for s, _, d in g.in_edges(nid, data=True) if predicate in (None, d["predicate"])}
        found.discard(nid)
        return [entity_from_node(n, g.nodes[n]) for n in sorted(found)]

    def evidence(self, entity_or_edge: EntityRef | Relation | tuple) -> list[dict]:
        """Evidence dicts (article, offsets, ``sentence``, source file) of an entity or an edge.

        An edge is a :class:`~kg.model.Relation`, a ``(subject, object)`` pair
        (every edge between the two, either direction) or a
        ``(subject, object, key)`` triple.  Gazetteer facts have no evidence.
        """
        g = self.graph
        if isinstance(entity_or_edge, Relation):
            r = entity_or_edge
            key = r.predicate + (f"#{r.role}" if r.role else "")
            entity_or_edge = (r.subject, r.object, key)
        if isinstance(entity_or_edge, tuple):
            if len(entity_or_edge) not in (2, 3):
                raise ValueError("an edge is (subject, object) or (subject, object, key)")
            s, o = self.node_id(entity_or_edge[0]), self.node_id(entity_or_edge[1])
            want = entity_or_edge[2] if len(entity_or_edge) == 3 else None
            pairs = [(s, o)] if want is not None else [(s, o), (o, s)]
            found = []
            for a, b in pairs:
                for k, d in (g.get_edge_data(a, b) or {}).items():
                    if want is None or k == want:
                        found.extend(d.get("evidence", ()))
            if want is not None and not g.has_edge(s, o, want):
                raise KeyError(f"no edge {s} -[{want}]-> {o}")
        else:
            found = list(g.nodes[self.node_id(entity_or_edge)].get("evidence", ()))
        unique = {(e["article"], e["start"], e["end"]): e for e in found}
        return [dict(unique[k]) for k in sorted(unique)]

    # -- views ----------------------------------------------------------------

    def subgraph(self, place: EntityRef | None = None, types: Iterable[str] | None = None, *,
                 articles: bool = True) -> "KnowledgeGraph":
        """The part of the graph about one place, as a new :class:`KnowledgeGraph`.

        With ``place``, the nodes kept are

        1. the place and every place inside it, transitively (``containedInPlace``);
        2. entities that sit there: organisations with ``jurisdiction`` over one
           of those places (and their sub-organisations), events ``locatedIn`` one;
        3. entities with a relation to 1 or 2 other than ``mentions``, ``author``
           and ``containedInPlace``: programmes they implement, documents they
           issue, members, partners (the places around it are left out);
        4. if ``articles``, the articles that mention anything in 1 or 2, with
           their ``mentions``/``author`` edges to the kept nodes.

        ``types`` (e.g. ``("Organization", "Program")``) then keeps only nodes
        of those types (add ``"Article"`` to keep articles).  Without ``place``
        only the type filter applies.  Nodes and edges keep all attributes.
        """
        from .analysis.places import entities_at, places_within

        g = self.graph
        if place is None:
            keep = {n for n, d in g.nodes(data=True) if articles or d.get("type") != "Article"}
        else:
            pid = self.node_id(place)
            if g.nodes[pid].get("type") != "Place":
                raise ValueError(f"{pid} is not a place")
            inside = places_within(g, pid)
            local = inside | entities_at(g, inside)
            keep = set(local)
            skip = PROVENANCE_PREDICATES + ("containedInPlace",)  # the places around it are not inside it
            for n in local:
                keep |= {o for _, o, p in g.out_edges(n, data="predicate") if p not in skip}
                keep |= {s for s, _, p in g.in_edges(n, data="predicate") if p not in skip}
            keep = {n for n in keep if g.nodes[n].get("type") != "Article"}
            if articles:
                keep |= {s for n in local for s, _, d in g.in_edges(n, data=True)
                         if d["predicate"] == "mentions" and g.nodes[s].get("type") == "Article"}
        if types is not None:
            wanted = set(types)
            unknown = wanted - set(ENTITY_TYPES) - {"Article"}
            if unknown:
                raise ValueError(f"unknown types: {', '.join(sorted(unknown))}")
            keep = {n for n in keep if g.nodes[n].get("type") in wanted}
        sub = g.subgraph(keep).copy()
        ids = {d.get("sources", [""])[0] for n, d in sub.nodes(data=True) if d.get("type") == "Article"}
        return KnowledgeGraph.from_graph(sub, [a for a in self.articles if a.article_id in ids], self.skipped)

    def projection(self, types: Iterable[str], *, weight: str = "articles") -> nx.Graph:
        """A simple weighted ``nx.Graph`` between entities of ``types``.

        With one type, nodes of that type are joined to each other; with
        several (e.g. ``("Organization", "Program")``) only nodes of different
        types are joined.  Two nodes are joined when an article mentions both
        or an edge of the knowledge graph joins them.  Edge attributes:
        ``articles`` (sorted ids of the articles that mention both or carry
        evidence for an edge between them), ``predicates`` (sorted predicates of
        the direct edges), ``edges`` (their number) and ``weight``: the number of
        articles (``weight="articles"``; a pair joined only by an edge without
        article evidence, such as a gazetteer fact, weighs 1) or of direct edges
        (``weight="edges"``; pairs with no direct edge are left out).
        """
        from .analysis.projection import project

        return project(self.graph, tuple(types), weight=weight)

    # -- exports --------------------------------------------------------------

    def to_rdf(self, base_iri: str | None = None):
        """The graph as an ``rdflib.Graph`` (see :func:`kg.rdf.to_rdf`)."""
        from .rdf import DEFAULT_BASE_IRI, to_rdf

        return to_rdf(self.graph, base_iri or DEFAULT_BASE_IRI)

    def save(self, out_dir: str | os.PathLike, **options) -> dict:
        """Write the build outputs (graph.json, .ttl, .trig, .html) to ``out_dir``; see :func:`kg.persist.save`."""
        from .persist import save

        return save(self, out_dir, **options)


def _evidence_from_dict(d: dict) -> Evidence:
    return Evidence(d["article"], d["start"], d["end"], d["text"], d["sentence_start"], d["sentence_end"],
                    d["sentence"], d["source"], d.get("source_start"), d.get("source_end"))


def entity_from_node(node_id: str, data: dict) -> Entity:
    """The :class:`~kg.model.Entity` stored on a node (Article nodes give type ``"Article"``)."""
    return Entity(node_id, data.get("type", ""), data.get("label", ""), data.get("subtype", ""),
                  tuple(data.get("aliases", ())), data.get("code") or None,
                  tuple(_evidence_from_dict(e) for e in data.get("evidence", ())))


def relation_from_edge(subject: str, obj: str, data: dict) -> Relation:
    """The :class:`~kg.model.Relation` stored on an edge."""
    return Relation(subject, data["predicate"], obj,
                    tuple(_evidence_from_dict(e) for e in data.get("evidence", ())),
                    role=data.get("role") or None, origin=data.get("origin", "text"))
