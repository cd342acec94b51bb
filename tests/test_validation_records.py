"""SHACL validation from the records (kg build) equals the validation of the graph built from them.

:func:`kg.validation.sample_records` finds the sample (every k-th article, its
successors, the containment chains, the sampled evidence) in the records and builds
only that part; each case compares it, and :func:`kg.validation.validate_records`,
with :func:`kg.validation.sample_subgraph` and :func:`kg.validation.validate_build`
on ``build_graph``.
"""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import pytest

from invented_records import ORGS, corpus
from kg.assembly import build_graph
from kg.model import Entity
from kg.validation import sample_records, sample_subgraph, validate_build, validate_records

RECORDS = corpus(60)

# (max_articles, max_triples): whole, a step from the article count, a step from the mentions, one article
LIMITS = [(100, 18_000), (7, None), (100, 600), (1, 18_000), (25, 2_000)]


def _contents(g: nx.MultiDiGraph) -> tuple[dict, list]:
    return dict(g.nodes(data=True)), sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])


def _same_sample(articles, entities, relations, max_articles, max_triples) -> tuple[nx.MultiDiGraph, int, int]:
    sub, sampled, total = sample_records(articles, entities, relations, max_articles, max_triples)
    ref, ref_sampled, ref_total = sample_subgraph(build_graph(articles, entities, relations), max_articles, max_triples)
    assert (sampled, total) == (ref_sampled, ref_total)
    assert _contents(sub) == _contents(ref)
    return sub, sampled, total


@pytest.mark.parametrize(("max_articles", "max_triples"), LIMITS)
def test_records_sample_equals_the_graph_sample(max_articles, max_triples):
    _same_sample(*RECORDS, max_articles, max_triples)


@pytest.mark.parametrize(("max_articles", "max_triples"), LIMITS)
def test_records_validation_equals_the_graph_validation(max_articles, max_triples):
    result = validate_records(*RECORDS, max_articles=max_articles, max_triples=max_triples)
    assert result == validate_build(build_graph(*RECORDS), max_articles=max_articles, max_triples=max_triples)
    assert result.text.startswith("validated: ")


def test_a_strict_sample_keeps_chains_rewrites_and_drops_as_the_graph_does():
    sub, sampled, total = _same_sample(*RECORDS, 7, None)
    assert sampled < total and sub.number_of_nodes() < build_graph(*RECORDS).number_of_nodes()
    assert "place/910000" in sub  # the province, reached through the containment chain
    edges = list(sub.edges(data=True))
    assert all(d["evidence"] or d["origin"] == "gazetteer" for _, _, d in edges)
    # a place mentioned outside the sample keeps the whole graph's figures
    assert any(d.get("mentions", 0) > len(d.get("evidence") or ()) > 0 for _, d in sub.nodes(data=True))
    whole = build_graph(*RECORDS)
    text_links = {(u, v) for u, v, d in whole.edges(data=True) if d["predicate"] == "containedInPlace"
                  and d["origin"] == "text" and not d["evidence"] == []}
    assert any(d["origin"] == "gazetteer" for u, v, d in edges if (u, v) in text_links)  # rewritten


@pytest.mark.parametrize("n_articles", [0, 1, 3])
def test_small_builds_are_validated_whole(n_articles):
    articles, entities, relations = corpus(n_articles, seed=n_articles)
    sub, sampled, total = _same_sample(articles, entities, relations, 100, 18_000)
    assert sampled == total == n_articles
    assert validate_records(articles, entities, relations) == validate_build(build_graph(articles, entities, relations))


def test_records_the_graph_would_merge_fall_back_to_the_graph():
    articles, entities, relations = RECORDS
    twin = replace(entities[0], label="别名")
    _same_sample(articles, [*entities, twin], relations, 7, None)
    typed = Entity("misc/一篇", "Article", "一篇报道")  # sampled among the articles by the graph path
    _same_sample(articles, [*entities, typed], relations, 7, None)
    assert ORGS[0] in build_graph(*RECORDS)


@pytest.mark.parametrize(("max_articles", "max_triples"), [(100, 18_000), (2, None)])
def test_records_validation_equals_the_graph_validation_on_the_seed_build(seed_build, max_articles, max_triples):
    kg = seed_build
    _same_sample(kg.articles, kg.entities, kg.relations, max_articles, max_triples)
    result = validate_records(kg.articles, kg.entities, kg.relations, max_articles=max_articles,
                              max_triples=max_triples)
    assert result == validate_build(build_graph(kg.articles, kg.entities, kg.relations), max_articles=max_articles,
                                    max_triples=max_triples)
