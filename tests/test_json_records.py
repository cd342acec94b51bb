"""graph.json written from the records (kg build) equals graph.json of the graph built from them.

``kg build`` never builds the networkx graph: :func:`kg.node_link.write_node_link_json_records`
reads the Entity/Relation/Evidence records.  Each case is a small set of invented records with one
feature the graph writer handles on its own (alias equal to the label, evidence out of order, roles,
gazetteer facts, missing source offsets, an article in two files...).
"""

from __future__ import annotations

import io

import pytest

from kg.assembly import build_graph
from kg.graph import KnowledgeGraph
from kg.model import Article, Byline, Entity, Evidence, Relation
from kg.node_link import write_node_link_json, write_node_link_json_records

from invented_records import span_in

TEXT_A = "江北区民政局与春晖社工站签订协议。王芳担任春晖社工站站长。"
TEXT_B = "江北区启动“一盔一带”行动。春晖社工站参与宣传。"


def _article(aid: str, text: str, **kw) -> Article:
    fields = dict(title=f"标题{aid}", text=text, body_start=0, bylines=(), doc_id=aid, source=f"news/{aid}.txt",
                  spans=(), sources=(f"news/{aid}.txt",))
    fields.update(kw)
    return Article(aid, **fields)


def _ev(a: Article, word: str, nth: int = 0, source: bool = True) -> Evidence:
    start, end, s, e = span_in(a.text, word, nth)
    return Evidence(a.article_id, start, end, word, s, e, a.text[s:e], a.source,
                    start + 10 if source else None, end + 10 if source else None)


A = _article("a1", TEXT_A)
B = _article("b2", TEXT_B, sources=("news/b2.txt", "mirror/b2.html"), date="2024-05-01",
             bylines=(Byline("李明", "记者", None, 0, 2),))
ORG = _ev(A, "春晖社工站"), _ev(A, "春晖社工站", 1), _ev(B, "春晖社工站")
PLACE = _ev(A, "江北区"), _ev(B, "江北区", source=False)
BUREAU = _ev(A, "江北区民政局")
PERSON = _ev(A, "王芳")
PROGRAM = _ev(B, "一盔一带")


def _entities(*, org_evidence=ORG, org_aliases=("春晖社工站",)) -> list[Entity]:
    return [
        Entity("org/春晖社工站", "Organization", "春晖社工站", "social", org_aliases, None, org_evidence),
        Entity("place/500105", "Place", "江北区", "district", ("江北区", "江北"), "500105", PLACE),
        Entity("place/500000", "Place", "重庆市", "province"),  # from the division table: no evidence
        Entity("org/江北区民政局", "Organization", "江北区民政局", "agency", (), None, (BUREAU,)),
        Entity("person/王芳", "Person", "王芳", "", (), None, (PERSON,)),
        Entity("program/一盔一带", "Program", "一盔一带", "", (), None, (PROGRAM,)),
    ]


def _relations() -> list[Relation]:
    return [
        Relation("article/a1", "mentions", "org/春晖社工站", ORG[:2]),
        Relation("article/b2", "mentions", "org/春晖社工站", ORG[2:]),
        Relation("article/a1", "mentions", "place/500105", PLACE[:1]),
        Relation("article/b2", "mentions", "place/500105", (PLACE[1],)),
        Relation("article/a1", "mentions", "person/王芳", (PERSON,)),
        Relation("person/王芳", "memberOf", "org/春晖社工站", (PERSON, ORG[1]), role="站长"),
        Relation("person/王芳", "memberOf", "org/春晖社工站", (PERSON,)),  # the same pair, no role
        Relation("org/江北区民政局", "collaboratesWith", "org/春晖社工站", (BUREAU, ORG[0])),
        Relation("org/江北区民政局", "jurisdiction", "place/500105", (BUREAU,)),
        Relation("place/500105", "containedInPlace", "place/500000", (), origin="gazetteer"),
        Relation("place/500105", "implements", "program/一盔一带", (PLACE[1], PROGRAM)),
    ]


CASES = {
    "plain": ([A, B], _entities(), _relations()),
    "evidence out of order": ([B, A], _entities(org_evidence=(ORG[2], ORG[1], ORG[0])), _relations()[::-1]),
    "alias equal to the label, repeated": ([A, B], _entities(org_aliases=("春晖社工站", "春晖", "春晖")), _relations()),
    "no articles": ([], _entities(), [r for r in _relations() if not r.subject.startswith("article/")]),
}


def _graph_json(articles, entities, relations) -> str:
    buf = io.StringIO()
    write_node_link_json(build_graph(articles, entities, relations), buf)
    return buf.getvalue()


def _records_json(articles, entities, relations) -> str:
    buf = io.StringIO()
    write_node_link_json_records(articles, entities, relations, buf)
    return buf.getvalue()


@pytest.mark.parametrize("case", sorted(CASES))
def test_records_json_equals_the_graph_json(case):
    articles, entities, relations = CASES[case]
    text = _records_json(articles, entities, relations)
    assert text == _graph_json(articles, entities, relations)
    assert '"sources":["a1","b2"]' in text  # the organisation's articles, sorted and once each


def test_records_json_equals_the_graph_json_on_the_seed_build(seed_build):
    kg = seed_build
    assert _records_json(kg.articles, kg.entities, kg.relations) == _graph_json(kg.articles, kg.entities, kg.relations)


@pytest.mark.parametrize("case", sorted(CASES))
def test_counts_from_the_records_equal_the_graphs(case):
    articles, entities, relations = CASES[case]
    lazy = KnowledgeGraph(articles, entities, relations)
    counts = lazy.counts()
    assert not lazy.graph_built  # counted without building the graph
    assert counts == KnowledgeGraph(articles, entities, relations, graph=build_graph(articles, entities, relations)).counts()
    assert counts["types"]["Organization"] == 2 and counts["predicates"]["memberOf"] == 2
