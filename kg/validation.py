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
checks a whole file.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from .rdf import DEFAULT_BASE_IRI
from .rdf.stream import turtle_bytes
from .gc_control import gc_paused
from .shacl import ValidationResult, validate

__all__ = ["validate_build", "sample_subgraph"]


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
    step = -(-len(articles) // max(1, max_articles))
    if max_triples:
        mentions = sum(len(d.get("evidence") or ()) for a in articles for keyed in succ[a].values()
                       for d in keyed.values())
        step = max(step, -(-(TRIPLES_PER_MENTION * mentions) // max_triples))
    if step <= 1:
        return graph, len(articles), len(articles)
    chosen = articles[::step]
    keep = set(chosen)
    for a in chosen:
        keep.update(graph.successors(a))
    frontier = [n for n in keep if graph.nodes[n].get("type") == "Place"]
    while frontier:  # containment chains up to the province
        nxt = []
        for n in frontier:
            for _, parent, d in graph.out_edges(n, data=True):
                if d.get("predicate") == "containedInPlace" and parent not in keep:
                    keep.add(parent)
                    nxt.append(parent)
        frontier = nxt
    sub = graph.subgraph(keep).copy()
    # Evidence from articles outside the sample would point at article nodes
    # that are not there; keep only the sampled articles' evidence.  Evidence
    # lists are sorted by article (kg.graph contract), so each sampled article's
    # records are found by bisection: a place mentioned in every article costs
    # log(n), not n.
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
    return sub, len(chosen), len(articles)


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
        sub, sampled, total = sample_subgraph(graph, max_articles, max_triples)
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
