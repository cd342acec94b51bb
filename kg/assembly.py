"""Linked articles -> merged entities and relations -> the networkx graph.

The two steps the main process runs alone between extraction and the outputs
(:func:`assemble` merges what the linking workers send back, :func:`build_graph`
lays the result out as a graph), so they are kept in a module that the wheel
compiles (see hatch_build.py).  The graph contract is documented in
:mod:`kg.graph`.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter, itemgetter
from typing import Any

import networkx as nx

from .gazetteer import Division, Gazetteer
from .linking import ArticleLinks
from .model import Article, Entity, Evidence, Relation
from .predicates import PREDICATE_LABELS
from .relations import merge_relations
from .resolve import evidence_records

__all__ = ["assemble", "build_graph", "article_node", "edge_kind", "evidence_in_order", "relation_order"]


class _Slot:
    """An entity being merged: what its first mention said, and every surface form."""

    def __init__(self, type_: str, label: str, subtype: str, code: str | None) -> None:
        self.type = type_
        self.label = label
        self.subtype = subtype
        self.code = code
        self.aliases: set[str] = set()
        self.evidence: list[Evidence] = []


def assemble(articles: Iterable[Article], links: Iterable[ArticleLinks], gaz: Gazetteer
             ) -> tuple[list[Entity], list[Relation]]:
    """Merge the articles' links: one entity per id with every alias and evidence, one relation per key."""
    info: dict[str, _Slot] = {}
    relations: list[Relation] = []
    for article, link in zip(articles, links):
        records = evidence_records(article, link.spans)
        for k, type_, eid, label, subtype, code, prefix_place, prefix_text in link.mentions:
            ev = records[k]
            slot = info.get(eid)
            if slot is None:
                slot = info[eid] = _Slot(type_, label, subtype, code)
            slot.aliases.add(ev.text)
            slot.evidence.append(ev)
            if prefix_place is not None:
                # The place an organisation's name opens with is an entity even when the
                # article never names it alone (杭州市西湖区人民法院 -> 西湖区).
                place = _division_slot(info, gaz, prefix_place, None)
                if place is not None and prefix_text is not None:
                    place.aliases.add(prefix_text)
        for s, p, o, role, ks in link.relations:
            evidence = (records[ks[0]],) if len(ks) == 1 else tuple([records[k] for k in ks])
            relations.append(Relation(s, p, o, evidence, role))
    # Containment from the national table: every linked place up to its province.  A link met
    # before was added then with every link above it (4 in 5 at 10 MB of news): stop there,
    # rather than make a Relation that merge_relations would drop.
    seen: set[tuple[str, str]] = set()
    for slot in list(info.values()):
        if slot.type != "Place" or not slot.code:
            continue
        chain = gaz.chain(slot.code)
        for child, parent in zip(chain, chain[1:]):
            pair = (child.code, parent.code)
            if pair in seen:
                break
            seen.add(pair)
            pid = f"place/{parent.code}"
            _division_slot(info, gaz, pid, parent)
            relations.append(Relation(f"place/{child.code}", "containedInPlace", pid, (), origin="gazetteer"))
    entities = [Entity(eid, s.type, s.label, s.subtype, tuple(sorted(s.aliases - {s.label})), s.code,
                       tuple(s.evidence)) for eid, s in info.items()]
    return entities, merge_relations(relations)


def _division_slot(info: dict[str, _Slot], gaz: Gazetteer, pid: str, division: Division | None) -> _Slot | None:
    """The entity slot of a linked place, made from the division table when no mention made it."""
    slot = info.get(pid)
    if slot is None:
        d = division or gaz.get(pid.removeprefix("place/"))
        if d is None:
            return None
        slot = info[pid] = _Slot("Place", d.name, d.level, d.code)
    return slot


def article_node(a: Article) -> dict[str, Any]:
    """The attributes of an article's node (the graph contract, kg.graph)."""
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


_ev_key = itemgetter("article", "start", "end")  # an evidence dict's sort key, (article, start, end), in C
_record_key = attrgetter("article_id", "start", "end")  # the same key on the Evidence records


def evidence_in_order(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """An entity's or a relation's evidence in the order the graph lists it: by (article, start, end), stable.

    For the writers that work from the records without building the graph (see kg.export).
    """
    if len(evidence) > 1:
        return tuple(sorted(evidence, key=_record_key))
    return evidence


def relation_order(r: Relation) -> tuple[str, str, str, str]:
    """The order in which build_graph adds relations (a later one with the same edge key updates it)."""
    return (r.subject, r.predicate, r.object, r.role or "")


class _Dicts:
    """Evidence -> its dict, one dict per record: a mention and its ``mentions`` edge share it."""

    def __init__(self) -> None:
        self.made: dict[int, dict[str, Any]] = {}  # id(Evidence); the records outlive this object

    def of(self, evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
        out = []
        made = self.made
        for x in evidence:
            d = made.get(id(x))
            if d is None:
                d = made[id(x)] = x.to_dict()
            out.append(d)
        if len(out) > 1:  # most lists hold one record: nothing to sort
            out.sort(key=_ev_key)
        return out


def build_graph(articles: list[Article], entities: list[Entity], relations: list[Relation]) -> nx.MultiDiGraph:
    """Assemble the MultiDiGraph in a deterministic (sorted) order.

    An :class:`Evidence` shared by an entity and its relations (a mention and
    its ``mentions`` edge) becomes one dict shared by the node and the edge.
    """
    g = nx.MultiDiGraph()
    dicts = _Dicts()
    # Nodes and edges go straight into the adjacency dicts: what add_node/add_edge do for
    # a new node or edge, without their per-call checks (~1 s at 100k nodes and 300k edges).
    nodes: dict[str, dict[str, Any]] = g._node
    succ: dict[str, Any] = g._succ
    pred: dict[str, Any] = g._pred
    inner = g.adjlist_inner_dict_factory
    keyed = g.edge_key_dict_factory
    for a in sorted(articles, key=lambda a: a.article_id):
        _add_node(nodes, succ, pred, inner, f"article/{a.article_id}", article_node(a))
    for e in sorted(entities, key=lambda e: e.id):
        records = dicts.of(e.evidence)
        _add_node(nodes, succ, pred, inner, e.id,
                  {"type": e.type, "subtype": e.subtype, "label": e.label,
                   "aliases": sorted(set(e.aliases) - {e.label}), "code": e.code or "",
                   "sources": sorted({x["article"] for x in records}), "mentions": len(records),
                   "evidence": records})
    kinds: dict[tuple[str, str | None], tuple[str, str, str]] = {}  # (predicate, role) -> key, label, role
    for r in sorted(relations, key=relation_order):
        s, o, p = r.subject, r.object, r.predicate
        out_edges = succ.get(s)
        if out_edges is None or o not in nodes:
            raise ValueError(f"relation {p} has a missing endpoint: {s} -> {o}")
        kind = kinds.get((p, r.role))
        if kind is None:
            kind = kinds[(p, r.role)] = edge_kind(p, r.role)
        attr = {"predicate": p, "label": kind[1], "role": kind[2], "origin": r.origin,
                "evidence": dicts.of(r.evidence)}
        keydict = out_edges.get(o)
        if keydict is None:
            keydict = out_edges[o] = pred[o][s] = keyed()
        if kind[0] in keydict:
            keydict[kind[0]].update(attr)
        else:
            keydict[kind[0]] = attr
    clear_cache = getattr(nx, "_clear_cache", None)  # networkx >= 3.3 caches views
    if clear_cache is not None:
        clear_cache(g)
    return g


def _add_node(nodes: dict[str, dict[str, Any]], succ: dict[str, Any], pred: dict[str, Any], inner: Any,
              n: str, attr: dict[str, Any]) -> None:
    if n in succ:
        nodes[n].update(attr)
    else:
        succ[n], pred[n], nodes[n] = inner(), inner(), attr


def edge_kind(predicate: str, role: str | None) -> tuple[str, str, str]:
    """An edge's key, Chinese label and role attribute (the graph contract, kg.graph)."""
    label = PREDICATE_LABELS.get(predicate, predicate)
    if role:
        return f"{predicate}#{role}", f"{label}（{role}）", role
    return predicate, label, role or ""
