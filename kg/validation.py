"""SHACL validation of a build, whole when small and on a fixed sample when large.

pyshacl validates about 10-15k triples per second here, so a years-long
corpus (millions of triples) cannot be checked whole on every build.  When the
export would pass ``max_triples`` (estimated from the articles' mentions,
about 28 triples each: spans, statements, entity descriptions) or the graph
has more than ``max_articles`` articles, a deterministic sample is validated
instead: every k-th article by id, with every entity it mentions and the
containment chain of each place, which is a closed piece of the graph the
shapes can judge.  The cost is therefore bounded (about two seconds) whatever
the corpus size.  The result says which it was.  ``kg validate FILE`` always
checks a whole file.  :func:`validate_records` gives the same result from the
build's records, building only the sample as a graph.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import replace

import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from .assembly import build_graph
from .model import Article, Entity, Relation
from .rdf import DEFAULT_BASE_IRI
from .rdf.stream import turtle_bytes
from .gc_control import gc_paused
from .shacl import ValidationResult, validate

__all__ = ["validate_build", "validate_records", "sample_subgraph", "sample_records"]


#: Triples of the export per mention of an article (measured: 20.5 on generated news).
TRIPLES_PER_MENTION = 20


def sample_subgraph(graph: nx.MultiDiGraph, max_articles: int, max_triples: int | None = None
                    ) -> tuple[nx.MultiDiGraph, int, int]:
    """(subgraph, sampled articles, all articles).

    Every k-th article by id, k the smallest step that keeps at most
    ``max_articles`` articles and about ``max_triples`` triples.
    """
    nodes, succ = graph._node, graph._succ  # raw dicts: networkx's views cost ~0.4 s at 10^5 edges here
    articles = sorted(n for n, d in nodes.items() if d.get("type") == "Article")

    def mentions() -> int:
        return sum(len(d.get("evidence") or ()) for a in articles for keyed in succ[a].values()
                   for d in keyed.values())

    step = _step(len(articles), max_articles, max_triples, mentions)
    if step <= 1:
        return graph, len(articles), len(articles)
    chosen = articles[::step]

    def parents(n: str) -> list[str]:
        return [parent for parent, keyed in succ[n].items() for d in keyed.values()
                if d.get("predicate") == "containedInPlace"]

    keep = _closure(chosen, succ.__getitem__, lambda n: nodes[n].get("type") == "Place", parents)
    sub = graph.subgraph(keep).copy()
    _trim(sub, chosen)
    return sub, len(chosen), len(articles)


def sample_records(articles: list[Article], entities: list[Entity], relations: list[Relation], max_articles: int,
                   max_triples: int | None = None) -> tuple[nx.MultiDiGraph, int, int]:
    """:func:`sample_subgraph` of ``build_graph(articles, entities, relations)``, the same graph.

    Only the sample is built as a graph: the articles, their successors and the
    containment chains are found in the records, whose evidence is cut to the
    sampled articles first (what the sample keeps of a place mentioned
    everywhere is small), and the nodes keep the whole graph's mention counts
    and sources, as they do in :func:`sample_subgraph`.  Relations are expected
    as :func:`kg.assembly.assemble` makes them: both ends present, one per
    (subject, object, edge key).
    """
    arts = {f"article/{a.article_id}": a for a in articles}
    ents = {e.id: e for e in entities}
    # build_graph would merge a repeated id, and sample_subgraph would sample an entity
    # typed Article: real builds have neither, so let the graph path deal with them.
    if (len(arts) < len(articles) or len(ents) < len(entities) or not arts.keys().isdisjoint(ents.keys())
            or any(e.type == "Article" for e in entities)):
        return sample_subgraph(build_graph(articles, entities, relations), max_articles, max_triples)
    article_ids = sorted(arts)
    mentions = 0
    parents: dict[str, list[str]] = {}
    for r in relations:
        if r.subject in arts:
            mentions += len(r.evidence)
        elif r.predicate == "containedInPlace":
            parents.setdefault(r.subject, []).append(r.object)
    step = _step(len(article_ids), max_articles, max_triples, lambda: mentions)
    if step <= 1:
        return build_graph(articles, entities, relations), len(article_ids), len(article_ids)
    chosen = article_ids[::step]
    successors: dict[str, list[str]] = {a: [] for a in chosen}
    for r in relations:
        out = successors.get(r.subject)
        if out is not None:
            out.append(r.object)
    keep = _closure(chosen, successors.__getitem__, lambda n: n in ents and ents[n].type == "Place",
                    lambda n: parents.get(n, ()))
    wanted = {a.removeprefix("article/") for a in chosen}
    part_entities = [replace(e, evidence=tuple([x for x in e.evidence if x.article_id in wanted]))
                     for e in map(ents.get, keep) if e is not None]
    part_relations = [replace(r, evidence=tuple([x for x in r.evidence if x.article_id in wanted]))
                      for r in relations if r.subject in keep and r.object in keep]
    sub = build_graph([arts[n] for n in keep if n in arts], part_entities, part_relations)
    nodes = sub._node
    for e in part_entities:  # the whole graph's figures, as sample_subgraph keeps them
        whole = ents[e.id].evidence
        if len(whole) > len(e.evidence):
            nodes[e.id]["mentions"] = len(whole)
            nodes[e.id]["sources"] = sorted({x.article_id for x in whole})
    _trim(sub, chosen)
    return sub, len(chosen), len(article_ids)


def _step(n_articles: int, max_articles: int, max_triples: int | None, mentions: Callable[[], int]) -> int:
    """The sampling step: every k-th article; ``mentions()`` is the evidence on the articles' out-edges."""
    step = -(-n_articles // max(1, max_articles))
    if max_triples:
        step = max(step, -(-(TRIPLES_PER_MENTION * mentions()) // max_triples))
    return step


def _closure(chosen: list[str], successors: Callable[[str], Iterable[str]], is_place: Callable[[str], bool],
             parents: Callable[[str], Iterable[str]]) -> set[str]:
    """The sampled articles, every node they point at, and the containment chains of the places among those."""
    keep = set(chosen)
    for a in chosen:
        keep.update(successors(a))
    frontier = [n for n in keep if is_place(n)]
    while frontier:  # containment chains up to the province
        nxt = []
        for n in frontier:
            for parent in parents(n):
                if parent not in keep:
                    keep.add(parent)
                    nxt.append(parent)
        frontier = nxt
    return keep


def _trim(sub: nx.MultiDiGraph, chosen: list[str]) -> None:
    """Keep only the sampled articles' evidence in ``sub`` (the graph of the kept nodes), in place.

    Evidence from articles outside the sample would point at article nodes
    that are not there.  Evidence lists are sorted by article (kg.graph
    contract), so each sampled article's records are found by bisection: a
    place mentioned in every article costs log(n), not n.
    """
    ids = sorted(a.removeprefix("article/") for a in chosen)
    for _, d in sub.nodes(data=True):
        if d.get("evidence"):
            d["evidence"] = _in_articles(d["evidence"], ids)
    drop = []
    for s, o, k, d in sub.edges(keys=True, data=True):
        d["evidence"] = _in_articles(d.get("evidence") or [], ids)
        if d.get("origin") == "text" and not d["evidence"]:
            if d.get("predicate") == "containedInPlace" and sub.nodes[s].get("code") and sub.nodes[o].get("code"):
                d["origin"] = "gazetteer"  # a linked pair: the division table backs it too
            else:
                drop.append((s, o, k))
    sub.remove_edges_from(drop)


def _in_articles(evidence: list, ids: list[str]) -> list:
    """The records of ``evidence`` (sorted by article) whose article is in ``ids`` (sorted)."""
    if len(evidence) <= 4 * len(ids):
        wanted = set(ids)
        return [e for e in evidence if e["article"] in wanted]
    out = []
    for aid in ids:
        i = bisect_left(evidence, aid, key=_article)
        while i < len(evidence) and evidence[i]["article"] == aid:
            out.append(evidence[i])
            i += 1
    return out


def _article(e: dict) -> str:
    return e["article"]


def validate_build(graph: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE_IRI, max_articles: int = 100,
                   max_triples: int = 18_000) -> ValidationResult:
    """SHACL-validate a build, whole or on a bounded sample (see the module docstring)."""
    with gc_paused():
        return _validated(*sample_subgraph(graph, max_articles, max_triples), base_iri)


def validate_records(articles: list[Article], entities: list[Entity], relations: list[Relation],
                     base_iri: str = DEFAULT_BASE_IRI, max_articles: int = 100, max_triples: int = 18_000
                     ) -> ValidationResult:
    """:func:`validate_build` of ``build_graph(articles, entities, relations)``, building only the sample."""
    with gc_paused():
        return _validated(*sample_records(articles, entities, relations, max_articles, max_triples), base_iri)


def _validated(sub: nx.MultiDiGraph, sampled: int, total: int, base_iri: str) -> ValidationResult:
    result = validate(_parsed_export(sub, base_iri), max_text_results=20, inplace=True)
    scope = f"whole graph ({total} articles)" if sampled == total else f"sample of {sampled} of {total} articles"
    return replace(result, text=f"validated: {scope}\n{result.text}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _parsed_export(graph: nx.MultiDiGraph, base_iri: str) -> Graph:
    """:func:`kg.rdf.to_rdf`, parsed by pyoxigraph instead of rdflib's Turtle parser (twice as fast).

    The same triples in the same order (document order), so pyshacl reports the same results.
    """
    terms: dict[str, Identifier] = {}

    def term(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Identifier:
        if isinstance(node, ox.Literal):
            if node.language:
                return Literal(node.value, lang=node.language)
            dt = node.datatype.value
            return Literal(node.value) if dt == _XSD_STRING else Literal(node.value, datatype=URIRef(dt))
        if isinstance(node, ox.NamedNode):
            t = terms.get(node.value)
            if t is None:
                t = terms[node.value] = URIRef(node.value)
            return t
        if isinstance(node, ox.BlankNode):
            return BNode(node.value)
        raise ValueError(f"unexpected RDF term {node!r}")  # RDF-star: never written by kg.rdf

    out = Graph()
    add = out.add
    for t in ox.parse(turtle_bytes(graph, base_iri), format=ox.RdfFormat.TURTLE):
        add((term(t.subject), term(t.predicate), term(t.object)))
    return out
