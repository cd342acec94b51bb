"""The viewer page from the records (kg build) equals the page of the graph built from them.

:func:`kg.viewer.render_html_records` takes the page's whole-graph figures (degrees,
counts, the article list) from the records and builds only the embedded nodes as a
graph; each case compares it with :func:`kg.viewer.render_html` of ``build_graph``.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from invented_records import LONELY, ORGS, corpus
from kg.assembly import build_graph
from kg.model import Entity, Relation
from kg.viewer import MAX_EVIDENCE, render_html, render_html_records, write_html_records
from kg.viewer_figures import graph_figures, record_figures

RECORDS = corpus()

# (max_nodes, max_index_nodes): everything, fewer drawn than embedded, both below the node count, none
OPTIONS = [(2000, None), (5, None), (4, 9), (3, 3), (0, None), (7, 10**6)]


def _same(articles, entities, relations, **options) -> str:
    page = render_html_records(articles, entities, relations, **options)
    assert page == render_html(build_graph(articles, entities, relations), **options)
    return page


@pytest.mark.parametrize(("max_nodes", "max_index_nodes"), OPTIONS)
def test_records_page_equals_the_graph_page(max_nodes, max_index_nodes):
    page = _same(*RECORDS, max_nodes=max_nodes, max_index_nodes=max_index_nodes, title="测试<图谱>")
    assert "测试&lt;图谱&gt;" in page


def test_the_invented_records_have_what_the_cases_need():
    articles, entities, relations = RECORDS
    graph = build_graph(articles, entities, relations)
    degree = dict(graph.degree())
    assert degree[LONELY] == 0 and graph.has_edge(ORGS[0], ORGS[0])
    assert len(set(degree.values())) < len(degree) // 2  # ties in degree, broken by id
    assert any(d["role"] for _, _, d in graph.edges(data=True))
    assert any(d["origin"] == "gazetteer" for _, _, d in graph.edges(data=True))
    assert max(len(d["evidence"]) for _, _, d in graph.edges(data=True)) > MAX_EVIDENCE
    assert graph.number_of_nodes() > 7 * 5  # max_nodes=7 embeds 35 nodes: a strict part
    assert record_figures(articles, entities, relations) == graph_figures(graph)


@pytest.mark.parametrize("n_articles", [0, 1, 3])
def test_small_and_empty_builds(n_articles):
    articles, entities, relations = corpus(n_articles, seed=n_articles)
    _same(articles, entities, relations, max_nodes=4)
    _same(articles, entities, relations)
    _same([], [], [])
    _same([], entities, [r for r in relations if not r.subject.startswith("article/")], max_nodes=2)


def test_records_the_graph_would_merge_fall_back_to_the_graph():
    articles, entities, relations = RECORDS
    twin = replace(entities[0], label="别名")  # a repeated id: build_graph keeps one node, updated
    _same(articles, [*entities, twin], relations, max_nodes=5)
    typed = Entity("misc/一篇", "Article", "一篇报道")  # an entity typed Article joins the article list
    _same(articles, [*entities, typed], relations, max_nodes=5)
    blank = Relation(ORGS[1], "", ORGS[2], (), role="顾问")  # an empty predicate: the edge is named by its key
    _same(articles, entities, [*relations, blank], max_nodes=5)
    assert record_figures(articles, [*entities, twin], relations) is None


def test_a_missing_endpoint_is_rejected_as_build_graph_does():
    articles, entities, relations = RECORDS
    with pytest.raises(ValueError, match="missing endpoint"):
        render_html_records(articles, entities, [*relations, Relation(ORGS[0], "memberOf", "org/不存在")])


def test_write_html_records(tmp_path):
    path = write_html_records(*RECORDS, tmp_path / "graph.html", max_nodes=6)
    assert path.read_text(encoding="utf-8") == render_html(build_graph(*RECORDS), max_nodes=6)


@pytest.mark.parametrize("max_nodes", [2000, 40])
def test_records_page_equals_the_graph_page_on_the_seed_build(seed_build, max_nodes):
    kg = seed_build
    _same(kg.articles, kg.entities, kg.relations, max_nodes=max_nodes)
