"""SHACL shapes (ontology/shapes.ttl) and kg.shacl.validate."""

from __future__ import annotations

import time

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.rdf import DEFAULT_BASE_IRI, KGO, NIF, SCHEMA, to_rdf, write_trig, write_turtle
from kg.resources import ontology_file
from kg.shacl import ValidationResult, validate
from test_rdf import sample_graph  # noqa: E402  (tests/ is on sys.path under pytest)

B = DEFAULT_BASE_IRI


def I(node_id: str) -> URIRef:  # noqa: E743
    return URIRef(B + node_id)


@pytest.fixture(scope="module")
def good() -> Graph:
    return to_rdf(sample_graph())


def _copy(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    return out


def test_shapes_file_parses_and_covers_classes():
    shapes = Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    targets = set(shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    for cls in (KGO.Place, KGO.Organization, KGO.Person, KGO.Program, KGO.PolicyDocument, KGO.Event):
        assert cls in targets
    for cls in (SCHEMA.NewsArticle, RDF.Statement, KGO.TextSpan, URIRef("http://www.w3.org/ns/org#Membership")):
        assert cls in targets


def test_good_graph_conforms(good):
    t0 = time.perf_counter()
    r = validate(good)
    elapsed = time.perf_counter() - t0
    assert isinstance(r, ValidationResult)
    assert (r.conforms, r.violations, r.warnings) == (True, 0, 0), r.text
    assert "Conforms: True" in r.text
    assert elapsed < 10, elapsed


def test_good_graph_conforms_with_rdfs_inference(good):
    r = validate(good, inference="rdfs")
    assert (r.conforms, r.violations) == (True, 0), r.text


def test_validate_reads_turtle_and_trig_files(tmp_path):
    g = sample_graph()
    assert validate(write_turtle(g, tmp_path / "graph.ttl")).conforms
    assert validate(str(write_trig(g, tmp_path / "graph.trig"))).conforms


def test_linked_street_without_parent_is_a_violation(good):
    bad = _copy(good)
    bad.remove((I("place/430211001"), SCHEMA.containedInPlace, None))
    r = validate(bad)
    assert not r.conforms
    assert r.violations == 1
    assert r.warnings == 0
    assert "430211001" in r.text and "containedInPlace" in r.text


def test_text_only_place_without_parent_is_a_warning(good):
    bad = _copy(good)
    street = I("place/430211001")
    bad.remove((street, SCHEMA.containedInPlace, None))
    bad.remove((street, KGO.divisionCode, None))
    r = validate(bad)
    assert r.conforms
    assert (r.violations, r.warnings) == (0, 1)


def test_province_needs_no_parent(good):
    r = validate(good)
    assert I("place/430000") not in set(good.objects(None, SCHEMA.containedInPlace)) or r.warnings == 0
    assert not list(good.objects(I("place/430000"), SCHEMA.containedInPlace))


def test_missing_label_is_a_violation(good):
    bad = _copy(good)
    bad.remove((I("org/株洲市公安局"), RDFS.label, None))
    r = validate(bad)
    assert (r.conforms, r.violations) == (False, 1)
    assert "株洲市公安局" in r.text


def test_second_or_untagged_label_is_a_violation(good):
    bad = _copy(good)
    bad.add((I("person/李明"), RDFS.label, Literal("Li Ming", lang="en")))
    r = validate(bad)
    assert not r.conforms and r.violations >= 1
    bad = _copy(good)
    bad.set((I("person/李明"), RDFS.label, Literal("李明")))
    assert validate(bad).violations == 1


def test_alias_must_be_chinese(good):
    bad = _copy(good)
    bad.add((I("place/430200"), SKOS.altLabel, Literal("Zhuzhou")))
    assert validate(bad).violations == 1


def test_statement_without_evidence_is_a_violation(good):
    bad = _copy(good)
    st = next(bad.subjects(RDF.predicate, SCHEMA.location))
    bad.remove((st, PROV.wasDerivedFrom, None))
    r = validate(bad)
    assert (r.conforms, r.violations) == (False, 1)
    assert "wasDerivedFrom" in r.text


def test_span_with_begin_not_below_end_is_a_violation(good):
    bad = _copy(good)
    span = next(bad.subjects(KGO.denotes, I("program/三社联动")))
    end = bad.value(span, NIF.endIndex)
    bad.set((span, NIF.beginIndex, end))
    r = validate(bad)
    assert not r.conforms
    assert r.violations == 1
    assert r.warnings == 1  # the anchor length no longer matches the offsets


def test_span_offsets_must_be_integers(good):
    bad = _copy(good)
    span = next(bad.subjects(KGO.denotes, I("program/三社联动")))
    bad.set((span, NIF.endIndex, Literal("fourteen")))
    assert not validate(bad).conforms


def test_article_without_headline_is_a_violation(good):
    bad = _copy(good)
    bad.remove((I("article/a1"), SCHEMA.headline, None))
    r = validate(bad)
    assert (r.conforms, r.violations) == (False, 1)
    assert "headline" in r.text


def test_wrong_range_is_a_violation(good):
    bad = _copy(good)
    # an event located in a person
    bad.add((I("event/社区平安宣传活动"), SCHEMA.location, I("person/李明")))
    assert not validate(bad).conforms
    bad = _copy(good)
    bad.add((I("document/关于加强社区治理的意见"), KGO.issuedBy, I("program/三社联动")))
    assert not validate(bad).conforms


def test_wrong_domain_is_a_violation(good):
    bad = _copy(good)
    # a person cannot have a jurisdiction; a programme cannot collaborate
    bad.add((I("person/李明"), KGO.jurisdiction, I("place/430211")))
    r = validate(bad)
    assert (r.conforms, r.violations) == (False, 1)
    assert "jurisdiction" in r.text
    bad = _copy(good)
    bad.add((I("program/三社联动"), KGO.collaboratesWith, I("org/株洲日报")))
    assert validate(bad).violations == 1


def test_rdfs_inference_would_hide_range_errors(good):
    bad = _copy(good)
    bad.add((I("org/株洲市公安局"), KGO.collaboratesWith, I("program/三社联动")))
    assert validate(bad).violations == 1
    # with RDFS inference the range axiom makes the programme an org:Organization: no violation
    assert validate(bad, inference="rdfs").violations == 0


def test_bad_division_code_is_a_violation(good):
    bad = _copy(good)
    bad.set((I("place/430211"), KGO.divisionCode, Literal("43-0211")))
    assert validate(bad).violations == 1


def test_build_validation_cost_is_bounded_by_triples():
    """Above the triple budget a fixed sample of articles is validated, not the whole graph."""
    import networkx as nx

    from kg.validation import TRIPLES_PER_MENTION, sample_subgraph, validate_build

    base, g = sample_graph(), nx.MultiDiGraph()
    g.add_nodes_from((n, d) for n, d in base.nodes(data=True) if d["type"] != "Article")
    for k in range(6):  # six articles with the sample article's mentions
        g.add_node(f"article/a{k}", **{**base.nodes["article/a1"], "sources": [f"a{k}"]})
    for u, v, key, d in base.edges(keys=True, data=True):
        if u != "article/a1":
            g.add_edge(u, v, key=key, **d)
            continue
        for k in range(6):
            g.add_edge(f"article/a{k}", v, key=key, **{**d, "evidence": [{**e, "article": f"a{k}"} for e in d["evidence"]]})
    mentions = sum(len(d["evidence"]) for k in range(6) for _, _, d in g.out_edges(f"article/a{k}", data=True))
    whole, n, total = sample_subgraph(g, 100)
    assert whole is g and n == total == 6
    budget = TRIPLES_PER_MENTION * mentions // 3
    sub, n, total = sample_subgraph(g, 100, max_triples=budget)
    assert (n, total) == (2, 6) and sub.number_of_nodes() < g.number_of_nodes()
    result = validate_build(g, max_triples=budget)
    assert result.conforms and result.text.startswith("validated: sample of 2 of 6 articles")
