"""RDF export: vocabulary, IRIs, provenance, determinism (kg.rdf, ontology/kg.ttl)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
import rdflib.namespace as ns
from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS, SKOS

from kg.rdf import (
    DEFAULT_BASE_IRI,
    KGO,
    NIF,
    ORG,
    PREDICATES,
    SCHEMA,
    entity_iri,
    to_dataset,
    to_rdf,
    trig_text,
    turtle_text,
    write_trig,
    write_turtle,
)
from kg.resources import ontology_file

from invented_records import span_in

B = DEFAULT_BASE_IRI
ART = "a1"
TITLE = "天元区泰山路街道推进三社联动"
BODY = (
    "湖南省株洲市天元区泰山路街道张家园社区推进“三社联动”。"
    "株洲市公安局民警参与社区平安宣传活动，与天元区人民法院联合开展普法。"
    "株洲市人民政府印发《关于加强社区治理的意见》。"
    "天元区人民法院法官李明在活动中发言。"
    "株洲日报全媒体记者/齐卫国"
)
TEXT = TITLE + "\n\n" + BODY
SOURCE = "seeds/000_test.txt"
OFFSET_IN_SOURCE = 7  # pretend the article starts 7 characters into its file


def ev(surface: str, nth: int = 0, article: str = ART, text: str = TEXT) -> dict:
    """An evidence dict for the nth occurrence of ``surface`` in the article text."""
    start, end, s0, s1 = span_in(text, surface, nth)
    return {
        "article": article,
        "start": start,
        "end": end,
        "text": surface,
        "sentence_start": s0,
        "sentence_end": s1,
        "sentence": text[s0:s1],
        "source": SOURCE,
        "source_start": start + OFFSET_IN_SOURCE,
        "source_end": end + OFFSET_IN_SOURCE,
    }


def _entity(g, nid, type_, subtype, label, surfaces, aliases=(), code=""):
    evidence = sorted((ev(s) for s in surfaces), key=lambda d: (d["article"], d["start"], d["end"]))
    g.add_node(
        nid,
        type=type_,
        subtype=subtype,
        label=label,
        aliases=sorted(aliases),
        code=code,
        sources=sorted({d["article"] for d in evidence}),
        mentions=len(evidence),
        evidence=evidence,
    )


def _edge(g, u, v, pred, surfaces=(), role="", origin="text", label=""):
    g.add_edge(
        u,
        v,
        key=pred + (f"#{role}" if role else ""),
        predicate=pred,
        label=label or pred,
        role=role,
        origin=origin,
        evidence=[ev(s) for s in surfaces],
    )


def sample_graph() -> nx.MultiDiGraph:
    """A small graph following the contract of kg.graph."""
    g = nx.MultiDiGraph()
    g.add_node(
        f"article/{ART}",
        type="Article",
        subtype="",
        label=TITLE,
        aliases=[],
        code="",
        sources=[ART],
        mentions=0,
        evidence=[],
        files=[SOURCE],
        authors=["齐卫国"],
        date="2021-03-05",
    )
    _entity(g, "place/430000", "Place", "province", "湖南省", ["湖南省"], aliases=["湖南"], code="430000")
    _entity(g, "place/430200", "Place", "city", "株洲市", ["株洲市"], aliases=["株洲"], code="430200")
    _entity(g, "place/430211", "Place", "district", "天元区", ["天元区"], code="430211")
    _entity(g, "place/430211001", "Place", "street", "泰山路街道", ["泰山路街道"], code="430211001")
    _entity(g, "place/430211001001", "Place", "community", "张家园社区", ["张家园社区"], code="430211001001")
    _entity(g, "org/株洲市公安局", "Organization", "police", "株洲市公安局", ["株洲市公安局"])
    _entity(g, "org/株洲市人民政府", "Organization", "government", "株洲市人民政府", ["株洲市人民政府"], aliases=["市政府"])
    _entity(g, "org/天元区人民法院", "Organization", "judicial", "天元区人民法院", ["天元区人民法院"])
    _entity(g, "org/株洲日报", "Organization", "media", "株洲日报", ["株洲日报"])
    _entity(g, "person/李明", "Person", "", "李明", ["李明"])
    _entity(g, "person/齐卫国", "Person", "", "齐卫国", ["齐卫国"])
    _entity(g, "program/三社联动", "Program", "", "三社联动", ["三社联动"])
    _entity(g, "document/关于加强社区治理的意见", "Document", "", "关于加强社区治理的意见", ["关于加强社区治理的意见"])
    _entity(g, "event/社区平安宣传活动", "Event", "", "社区平安宣传活动", ["社区平安宣传活动"])
    # containment from the division table
    chain = ["place/430211001001", "place/430211001", "place/430211", "place/430200", "place/430000"]
    for child, parent in zip(chain, chain[1:]):
        _edge(g, child, parent, "containedInPlace", origin="gazetteer")
    _edge(g, "org/株洲市公安局", "place/430200", "jurisdiction", ["株洲市公安局"])
    _edge(g, "org/株洲市人民政府", "place/430200", "jurisdiction", ["株洲市人民政府"])
    _edge(g, "org/株洲市公安局", "org/株洲市人民政府", "subOrganizationOf", ["株洲市公安局"])
    _edge(g, "org/株洲市公安局", "org/天元区人民法院", "collaboratesWith", ["联合开展普法"])
    _edge(g, "person/李明", "org/天元区人民法院", "memberOf", ["天元区人民法院法官李明"], role="法官")
    _edge(g, "person/齐卫国", "org/株洲日报", "memberOf", ["株洲日报全媒体记者/齐卫国"], role="记者")
    _edge(g, "place/430211001", "program/三社联动", "implements", ["泰山路街道张家园社区推进“三社联动"])
    _edge(g, "org/株洲市公安局", "event/社区平安宣传活动", "participatesIn", ["参与社区平安宣传活动"])
    _edge(g, "event/社区平安宣传活动", "place/430211001001", "locatedIn", ["社区平安宣传活动"])
    _edge(g, "document/关于加强社区治理的意见", "org/株洲市人民政府", "issuedBy", ["株洲市人民政府印发《关于加强社区治理的意见》"])
    _edge(g, f"article/{ART}", "person/齐卫国", "author", ["齐卫国"])
    for nid, d in list(g.nodes(data=True)):
        if d["type"] != "Article":
            _edge(g, f"article/{ART}", nid, "mentions", [x["text"] for x in d["evidence"]])
    return g


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return sample_graph()


@pytest.fixture(scope="module")
def rdf(graph) -> Graph:
    return to_rdf(graph)


@pytest.fixture(scope="module")
def ont() -> Graph:
    g = Graph()
    g.parse(ontology_file("kg.ttl"), format="turtle")
    return g


def I(node_id: str) -> URIRef:  # noqa: E743
    return URIRef(B + node_id)


# --------------------------------------------------------------------------- ontology


def test_ontology_classes_have_bilingual_labels(ont):
    kgo_terms = {s for s in ont.subjects() if isinstance(s, URIRef) and str(s).startswith(str(KGO))}
    assert len(kgo_terms) >= 35
    for term in kgo_terms:
        langs = {o.language for o in ont.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, term


def test_every_property_has_domain_and_range(ont):
    props = set(ont.subjects(RDF.type, OWL.ObjectProperty)) | set(ont.subjects(RDF.type, OWL.DatatypeProperty))
    props |= set(ont.subjects(RDF.type, RDF.Property)) | set(ont.subjects(RDF.type, OWL.AnnotationProperty))
    assert len(props) >= 35
    for p in props:
        assert ont.value(p, RDFS.domain) is not None, p
        assert ont.value(p, RDFS.range) is not None, p
    for p in PREDICATES.values():
        assert p in props, p
    assert (KGO.jurisdiction, RDFS.subPropertyOf, SCHEMA.areaServed) in ont
    assert (KGO.divisionCode, RDFS.subPropertyOf, SCHEMA.identifier) in ont
    assert (KGO.issuedBy, RDFS.subPropertyOf, SCHEMA.publisher) in ont


EXPECTED_SUPER = {
    "article/a1": (SCHEMA.NewsArticle, SCHEMA.CreativeWork),
    "place/430000": (KGO.Province, SCHEMA.AdministrativeArea),
    "place/430200": (KGO.City, SCHEMA.AdministrativeArea),
    "place/430211": (KGO.District, SCHEMA.AdministrativeArea),
    "place/430211001": (KGO.Street, SCHEMA.AdministrativeArea),
    "place/430211001001": (KGO.Community, SCHEMA.Place),
    "org/株洲市公安局": (KGO.PoliceUnit, ORG.Organization),
    "org/株洲市人民政府": (KGO.GovernmentAgency, ORG.Organization),
    "org/天元区人民法院": (KGO.JudicialBody, ORG.Organization),
    "org/株洲日报": (KGO.MediaOrganization, ORG.Organization),
    "person/李明": (KGO.Person, FOAF.Person),
    "program/三社联动": (KGO.Program, SCHEMA.Project),
    "document/关于加强社区治理的意见": (KGO.PolicyDocument, SCHEMA.CreativeWork),
    "event/社区平安宣传活动": (KGO.Event, SCHEMA.Event),
}


@pytest.mark.parametrize("node_id", sorted(EXPECTED_SUPER))
def test_entity_class_declared_and_standard(rdf, ont, node_id):
    cls, std = EXPECTED_SUPER[node_id]
    types = set(rdf.objects(I(node_id), RDF.type))
    assert cls in types
    for t in types:
        assert (t, RDF.type, OWL.Class) in ont, f"{t} is not declared in kg.ttl"
    supers = set(ont.transitive_objects(cls, RDFS.subClassOf))
    assert std in supers
    if std == SCHEMA.AdministrativeArea:
        assert SCHEMA.Place in supers


def test_all_organization_subtypes_declared(ont):
    for name in [
        "GovernmentAgency",
        "PartyOrganization",
        "JudicialBody",
        "PoliceUnit",
        "SocialOrganization",
        "Enterprise",
        "MediaOrganization",
        "EducationalInstitution",
        "OtherOrganization",
    ]:
        assert ORG.Organization in set(ont.transitive_objects(KGO[name], RDFS.subClassOf)), name


# --------------------------------------------------------------------------- entities


def test_iris_keep_chinese_and_encode_the_rest():
    assert entity_iri("org/株洲市公安局") == URIRef("https://example.org/kg/org/株洲市公安局")
    assert entity_iri("person/A B<x>#1%") == URIRef("https://example.org/kg/person/A%20B%3Cx%3E%231%25")
    assert entity_iri("org/某\u3000单位") == URIRef("https://example.org/kg/org/某%E3%80%80单位")
    assert entity_iri("place/430211", "http://x.org/g/") == URIRef("http://x.org/g/place/430211")
    with pytest.raises(ValueError):
        entity_iri("place/1", "not an iri")


def test_labels_aliases_codes(rdf):
    city = I("place/430200")
    assert list(rdf.objects(city, RDFS.label)) == [Literal("株洲市", lang="zh")]
    assert set(rdf.objects(city, SKOS.altLabel)) == {Literal("株洲", lang="zh")}
    assert list(rdf.objects(city, KGO.divisionCode)) == [Literal("430200")]
    assert set(rdf.objects(I("org/株洲市人民政府"), SKOS.altLabel)) == {Literal("市政府", lang="zh")}
    assert list(rdf.objects(I("place/430211001001"), KGO.divisionCode)) == [Literal("430211001001")]
    assert list(rdf.objects(I("org/株洲市公安局"), KGO.mentionCount)) == [Literal(1)]
    for node in EXPECTED_SUPER:
        labels = list(rdf.objects(I(node), RDFS.label))
        assert len(labels) == 1 and labels[0].language == "zh", node


def test_contained_in_place_transitive_query(rdf):
    q = """
        PREFIX schema: <https://schema.org/>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE {
            ?district rdfs:label "天元区"@zh .
            ?x schema:containedInPlace+ ?district ; rdfs:label ?label .
        } ORDER BY ?label
    """
    assert [str(r.label) for r in rdf.query(q)] == ["张家园社区", "泰山路街道"]
    # containment is stored as direct links only
    assert set(rdf.objects(I("place/430211001001"), SCHEMA.containedInPlace)) == {I("place/430211001")}


def test_relations_are_plain_triples(rdf):
    assert (I("org/株洲市公安局"), KGO.jurisdiction, I("place/430200")) in rdf
    assert (I("org/株洲市公安局"), ORG.subOrganizationOf, I("org/株洲市人民政府")) in rdf
    assert (I("org/株洲市公安局"), KGO.collaboratesWith, I("org/天元区人民法院")) in rdf
    assert (I("org/株洲市公安局"), KGO.participatesIn, I("event/社区平安宣传活动")) in rdf
    assert (I("place/430211001"), KGO.implements, I("program/三社联动")) in rdf
    assert (I("document/关于加强社区治理的意见"), KGO.issuedBy, I("org/株洲市人民政府")) in rdf
    assert (I("event/社区平安宣传活动"), SCHEMA.location, I("place/430211001001")) in rdf
    assert (I("person/李明"), ORG.memberOf, I("org/天元区人民法院")) in rdf
    assert (I("article/a1"), SCHEMA.mentions, I("program/三社联动")) in rdf


def test_no_blank_nodes(rdf):
    from rdflib import BNode

    assert not any(isinstance(t, BNode) for triple in rdf for t in triple)


# --------------------------------------------------------------------------- provenance


def _statements(rdf, s, p, o):
    return [st for st in rdf.subjects(RDF.subject, s) if (st, RDF.predicate, p) in rdf and (st, RDF.object, o) in rdf]


def test_text_statement_points_to_span(rdf):
    sts = _statements(rdf, I("org/株洲市公安局"), KGO.jurisdiction, I("place/430200"))
    assert len(sts) == 1
    st = sts[0]
    assert (st, RDF.type, RDF.Statement) in rdf
    assert str(st).startswith(B + "statement/")
    assert rdf.value(st, KGO.origin) == Literal("text")
    spans = list(rdf.objects(st, PROV.wasDerivedFrom))
    start = TEXT.index("株洲市公安局")
    assert spans == [URIRef(f"{B}article/a1#char={start},{start + 6}")]
    span = spans[0]
    assert (span, RDF.type, KGO.TextSpan) in rdf
    assert rdf.value(span, NIF.beginIndex) == Literal(start, datatype=ns.XSD.nonNegativeInteger)
    assert rdf.value(span, NIF.endIndex) == Literal(start + 6, datatype=ns.XSD.nonNegativeInteger)
    assert rdf.value(span, NIF.anchorOf) == Literal("株洲市公安局")
    assert rdf.value(span, NIF.referenceContext) == I("article/a1")
    # The article names its one file; the end in the file is begin + length, as in the article.
    assert rdf.value(span, KGO.sourceBeginIndex).toPython() == start + OFFSET_IN_SOURCE
    assert rdf.value(span, KGO.sourceFile) is None and rdf.value(span, KGO.sourceEndIndex) is None
    sentence = rdf.value(span, NIF.sentence)
    assert set(rdf.objects(sentence, RDF.type)) == {NIF.Sentence}
    assert rdf.value(sentence, NIF.referenceContext) == I("article/a1")
    assert str(rdf.value(sentence, NIF.anchorOf)) == "株洲市公安局民警参与社区平安宣传活动，与天元区人民法院联合开展普法。"


def test_gazetteer_statement_points_to_division_table(rdf):
    sts = _statements(rdf, I("place/430211001"), SCHEMA.containedInPlace, I("place/430211"))
    assert len(sts) == 1
    assert rdf.value(sts[0], KGO.origin) == Literal("gazetteer")
    src = list(rdf.objects(sts[0], PROV.wasDerivedFrom))
    assert src == [URIRef(B + "source/division-table")]
    assert (src[0], RDF.type, KGO.DivisionTable) in rdf


def test_every_statement_has_evidence(rdf):
    sts = set(rdf.subjects(RDF.type, RDF.Statement))
    assert len(sts) == 15  # the relation edges; the 14 mention edges are not reified (see below)
    for st in sts:
        assert rdf.value(st, PROV.wasDerivedFrom) is not None, st


def test_mentions_evidence_is_the_spans_denoting_the_entity(rdf, graph):
    """A mentions edge whose evidence is its entity's spans in the article is a plain triple, not a statement."""
    assert not _statements(rdf, I("article/a1"), SCHEMA.mentions, I("program/三社联动"))
    for _, v, d in graph.out_edges("article/a1", data=True):
        if d["predicate"] == "mentions":
            spans = {URIRef(f"{B}article/a1#char={e['start']},{e['end']}") for e in d["evidence"]}
            assert set(rdf.subjects(KGO.denotes, I(v))) == spans
            assert all(rdf.value(s, NIF.referenceContext) == I("article/a1") for s in spans)


def test_mentions_edges_sharing_the_entity_evidence_dicts_write_the_same_turtle(graph):
    # build_graph gives a mentions edge the very dicts of its entity's evidence (the writer's fast check);
    # the sample graph has equal copies (its slower one): both make the same file.
    g = sample_graph()
    for _, v, d in g.out_edges("article/a1", data=True):
        if d["predicate"] == "mentions":
            d["evidence"] = list(g.nodes[v]["evidence"])
    assert turtle_text(g) == turtle_text(graph)


def test_span_names_its_file_only_when_the_article_has_several():
    g = sample_graph()
    g.nodes["article/a1"]["files"] = [SOURCE, "seeds/001_copy.txt"]
    for e in g.nodes["place/430211"]["evidence"]:
        e.update(source_end=e["source_end"] + 1)  # a repaired page break inside the span
    rdf = to_rdf(g)
    start = TEXT.index("天元区")
    span = URIRef(f"{B}article/a1#char={start},{start + 3}")
    assert rdf.value(span, KGO.sourceFile) == Literal(SOURCE)
    assert rdf.value(span, KGO.sourceEndIndex).toPython() == start + 3 + OFFSET_IN_SOURCE + 1


def test_mentions_edge_with_other_evidence_is_reified():
    g = sample_graph()
    d = g.edges["article/a1", "program/三社联动", "mentions"]
    d["evidence"] = [ev("推进“三社联动”")]  # not the span that denotes the programme
    rdf = to_rdf(g)
    sts = _statements(rdf, I("article/a1"), SCHEMA.mentions, I("program/三社联动"))
    assert len(sts) == 1
    start = TEXT.index("推进“三社联动”")
    assert list(rdf.objects(sts[0], PROV.wasDerivedFrom)) == [URIRef(f"{B}article/a1#char={start},{start + 8}")]


def test_membership_with_role(rdf):
    ms = [m for m in rdf.subjects(ORG.member, I("person/李明")) if (m, RDF.type, ORG.Membership) in rdf]
    assert len(ms) == 1
    m = ms[0]
    assert rdf.value(m, ORG.organization) == I("org/天元区人民法院")
    role = rdf.value(m, ORG.role)
    assert role == URIRef(B + "role/法官")
    assert (role, RDF.type, ORG.Role) in rdf
    assert list(rdf.objects(role, RDFS.label)) == [Literal("法官", lang="zh")]
    assert rdf.value(m, PROV.wasDerivedFrom) is not None
    st = _statements(rdf, I("person/李明"), ORG.memberOf, I("org/天元区人民法院"))
    assert [rdf.value(s, KGO.role) for s in st] == [role]


def test_mention_spans_denote_entities_with_correct_offsets(rdf, graph):
    spans = list(rdf.subjects(KGO.denotes, None))
    assert len(spans) == sum(len(d["evidence"]) for _, d in graph.nodes(data=True))
    for span in spans:
        b = rdf.value(span, NIF.beginIndex).toPython()
        e = rdf.value(span, NIF.endIndex).toPython()
        assert TEXT[b:e] == str(rdf.value(span, NIF.anchorOf))
        assert rdf.value(span, NIF.referenceContext) == I("article/a1")
    start = TEXT.index("三社联动")
    span = URIRef(f"{B}article/a1#char={start},{start + 4}")
    assert rdf.value(span, KGO.denotes) == I("program/三社联动")


def test_article(rdf):
    a = I("article/a1")
    assert (a, RDF.type, SCHEMA.NewsArticle) in rdf
    assert list(rdf.objects(a, SCHEMA.headline)) == [Literal(TITLE, lang="zh")]
    assert list(rdf.objects(a, SCHEMA.author)) == [I("person/齐卫国")]
    assert list(rdf.objects(a, KGO.authorName)) == [Literal("齐卫国", lang="zh")]
    assert list(rdf.objects(a, KGO.sourceFile)) == [Literal(SOURCE)]
    assert list(rdf.objects(a, SCHEMA.datePublished)) == [Literal("2021-03-05", datatype=ns.XSD.date)]


# --------------------------------------------------------------------------- serialisation


def test_turtle_round_trip(graph, rdf, tmp_path):
    path = write_turtle(graph, tmp_path / "graph.ttl")
    back = Graph().parse(path, format="turtle")
    assert len(back) == len(rdf)
    assert isomorphic(back, rdf)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_trig_round_trip_and_named_graphs(graph, rdf, tmp_path):
    path = write_trig(graph, tmp_path / "graph.trig")
    ds = Dataset()
    ds.parse(path, format="trig")
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, rdf)
    named = {str(c.identifier) for c in ds.graphs() if len(c) and str(c.identifier).startswith(B)}
    assert named == {B + "graph/article/a1"}
    art_graph = ds.graph(URIRef(B + "graph/article/a1"))
    assert len(set(art_graph.subjects(KGO.denotes, None))) == 14
    assert (None, PROV.wasDerivedFrom, None) in art_graph
    # entity descriptions stay in the default graph
    assert (I("place/430211"), RDFS.label, Literal("天元区", lang="zh")) not in art_graph
    assert isomorphic(Graph() + to_dataset(graph).graph(URIRef(B + "graph/article/a1")), art_graph)


def test_double_write_byte_identical(graph, tmp_path):
    a = write_turtle(graph, tmp_path / "a.ttl").read_bytes()
    b = write_turtle(graph, tmp_path / "b.ttl").read_bytes()
    assert a == b
    assert write_trig(graph, tmp_path / "a.trig").read_bytes() == write_trig(graph, tmp_path / "b.trig").read_bytes()
    # insertion order of the networkx graph does not matter
    rev = nx.MultiDiGraph()
    rev.add_nodes_from(reversed(list(graph.nodes(data=True))))
    rev.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert turtle_text(rev) == a.decode("utf-8")
    assert trig_text(rev) == (tmp_path / "a.trig").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.trig", "a.ttl", "b.trig", "b.ttl"]  # no temp files


def test_byte_identical_across_processes(tmp_path):
    script = (
        "import sys; sys.path[:0] = [sys.argv[2], sys.argv[3]]\n"
        "from test_rdf import sample_graph\n"
        "from kg.rdf import write_turtle\n"
        "write_turtle(sample_graph(), sys.argv[1])\n"
    )
    root = Path(__file__).resolve().parent.parent
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"g{seed}.ttl"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run(
            [sys.executable, "-c", script, str(out), str(root), str(Path(__file__).parent)], check=True, env=env
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_turtle_text_shape(graph):
    text = turtle_text(graph)
    assert text.startswith("@base <https://example.org/kg/> .\n@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n")
    assert "<place/430211>\n    a kgo:District, kgo:Place ;" in text.replace(" ,", ",")  # relative to @base
    assert "_:" not in text


@pytest.mark.parametrize("base", ["https://data.example.cn/zz/", "https://data.example.cn/zz#", "urn:x:kg/"])
def test_relative_iris_resolve_to_the_same_graph(base):
    """Instance IRIs are written relative to @base only where they resolve exactly; odd node ids stay absolute."""
    g = sample_graph()
    for odd in ("place/../up", "x:y/z", "single"):
        g.add_node(odd, type="Place", subtype="", label=odd, aliases=[], code="", sources=[], mentions=0, evidence=[])
    text = turtle_text(g, base)
    rdf = Graph().parse(data=text, format="turtle")
    for odd in ("place/../up", "x:y/z", "single"):
        assert (URIRef(base + odd), RDFS.label, Literal(odd, lang="zh")) in rdf
        assert f"<{base}{odd}>" in text
    assert (URIRef(base + "place/430211"), RDFS.label, Literal("天元区", lang="zh")) in rdf
    assert ("@base" in text) == (base.startswith("https:") and base.endswith("/"))
    ds = Dataset()
    with __import__("warnings").catch_warnings():
        __import__("warnings").simplefilter("ignore", DeprecationWarning)
        ds.parse(data=trig_text(g, base), format="trig")
    assert URIRef(base + "graph/article/a1") in {c.identifier for c in ds.graphs()}


# --------------------------------------------------------------------------- SPARQL (kg.sparql, queries/*.rq)


@pytest.fixture(scope="module")
def built(graph, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    write_turtle(graph, out / "graph.ttl")
    write_trig(graph, out / "graph.trig")
    return out


def test_all_named_queries_run(built):
    from kg.sparql import list_queries, named_query, query

    names = list_queries()
    assert len(names) >= 10
    for name in names:
        rows = query(built, named_query(name))
        assert isinstance(rows, list), name
        assert name == "places_without_code" or rows, name


def test_query_values(built):
    from kg.sparql import named_query, query

    rows = query(built, named_query("places_in_district"), bindings={"district": B + "place/430211"})
    assert [(r["placeLabel"], r["code"], r["level"]) for r in rows] == [
        ("泰山路街道", "430211001", str(KGO.Street)),
        ("张家园社区", "430211001001", str(KGO.Community)),
    ]
    rows = query(built, named_query("people_roles"))
    assert [(r["personLabel"], r["roleLabel"], r["orgLabel"]) for r in rows] == [
        ("李明", "法官", "天元区人民法院"),
        ("齐卫国", "记者", "株洲日报"),
    ]
    rows = query(built, named_query("programs_by_district"))
    assert [(r["districtLabel"], r["programLabel"], r["actorLabels"]) for r in rows] == [("天元区", "三社联动", "泰山路街道")]
    rows = query(built / "graph.trig", named_query("relation_evidence"), bindings={"predicate": str(KGO.issuedBy)})
    assert [(r["anchor"], r["sentence"], r["begin"]) for r in rows] == [
        (
            "株洲市人民政府印发《关于加强社区治理的意见》",
            "株洲市人民政府印发《关于加强社区治理的意见》。",
            TEXT.index("株洲市人民政府印发"),
        )
    ]
    assert query(built, "ASK { ?x schema:containedInPlace+ <https://example.org/kg/place/430000> }") is True


def test_write_rdf_streams_the_same_bytes(graph, tmp_path):
    """Both files from one shared index (kg build) equal the one-file writers."""
    from kg.rdf import write_rdf

    paths = write_rdf(graph, tmp_path / "g.ttl", tmp_path / "g.trig")
    assert paths["ttl"].read_text(encoding="utf-8") == turtle_text(graph)
    assert paths["trig"].read_text(encoding="utf-8") == trig_text(graph)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.trig", "g.ttl"]


def test_span_that_is_a_whole_sentence_gets_both_descriptions():
    """A mention covering its whole sentence is one span: a mention and a nif:Sentence, in any order."""
    sentence = "天元区人民法院法官李明在活动中发言。"
    whole = ev(sentence)
    whole.update(sentence_start=whole["start"], sentence_end=whole["end"], sentence=sentence)
    for order in (1, -1):
        g = sample_graph()
        g.nodes["event/社区平安宣传活动"]["evidence"] = sorted(
            g.nodes["event/社区平安宣传活动"]["evidence"] + [whole], key=lambda d: d["start"])[::order]
        rdf = to_rdf(g)
        span = URIRef(f"{B}article/{ART}#char={whole['start']},{whole['end']}")
        assert (span, RDF.type, NIF.Sentence) in rdf and (span, RDF.type, KGO.TextSpan) in rdf
        assert (span, KGO.denotes, I("event/社区平安宣传活动")) in rdf
        assert isomorphic(Graph().parse(data=turtle_text(g), format="turtle"), rdf)


# --------------------------------------------------------------------------- graph.json (kg.export)


def test_node_link_json_stores_evidence_as_rows_and_loads_back(tmp_path):
    import json

    from kg.export import node_link_json
    from kg.persist import load_graph

    g = sample_graph()
    odd = dict(ev("天元区"), note="kept as a dict")  # not the usual keys: written as it is
    g.nodes["place/430211"]["evidence"].append(odd)
    text = node_link_json(g)
    data = json.loads(text)
    sentences = data["kg_sentences"]
    rows = [r for n in data["nodes"] for r in n["evidence"]]
    assert odd in rows and all(isinstance(r, (list, dict)) for r in rows)
    assert len(sentences) == len({(r[0]) for r in rows if isinstance(r, list)}) < len(rows)
    (tmp_path / "graph.json").write_text(text, encoding="utf-8")
    back = load_graph(tmp_path)
    assert dict(back.nodes(data=True)) == dict(g.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(g.edges(keys=True, data=True))
    assert node_link_json(back) == text


def _reference_node_link_json(g: nx.MultiDiGraph) -> str:
    """graph.json as the docstring of kg.node_link defines it, through json.dumps only (slow, obvious)."""
    import json

    from kg.node_link import EVIDENCE_COLUMNS, SENTENCE_COLUMNS

    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
    sentences: dict[tuple, int] = {}
    keys = set(EVIDENCE_COLUMNS[1:] + SENTENCE_COLUMNS)

    def rows(item: dict) -> dict:
        if item.get("evidence"):
            out = []
            for e in item["evidence"]:
                if isinstance(e, dict) and set(e) == keys:
                    sid = sentences.setdefault(tuple(e[k] for k in SENTENCE_COLUMNS), len(sentences))
                    e = [sid, *(e[k] for k in EVIDENCE_COLUMNS[1:])]
                out.append(e)
            item["evidence"] = out
        return item

    links = [rows({**d, "source": u, "target": v, "key": k}) for u, v, k, d in sorted(g.edges(keys=True, data=True),
                                                                                    key=lambda e: e[:3])]
    nodes = [rows({**d, "id": n}) for n, d in sorted(g.nodes(data=True), key=lambda x: x[0])]
    return (f'{{"directed":true,"graph":{dumps(g.graph)},"links":{dumps(links)},"multigraph":true,'
            f'"nodes":{dumps(nodes)},"kg_sentences":{dumps([list(k) for k in sentences])}}}\n')


def test_node_link_json_fast_rows_are_json_dumps_bytes(seed_build):
    # The writer formats the usual nodes and edges itself; it must give json.dumps's bytes,
    # on a real build and on values it has to leave to json.dumps.
    from kg.node_link import write_node_link_json

    g = seed_build.graph.copy()
    node, data = next((n, d) for n, d in g.nodes(data=True) if d["type"] == "Place" and d["evidence"])
    data["aliases"] = [*data["aliases"], 7]  # not a string
    data["weight"] = 0.5  # a key build_graph never sets
    first = dict(data["evidence"][0], source_start=None, source_end=None)  # a span across an article join
    data["evidence"] = [first, {"note": "a dict with other keys"}, *data["evidence"][1:]]
    u, v, k, edge = next(iter(g.edges(keys=True, data=True)))
    edge["label"] = {"zh": "提及", "n": True}
    g.add_edge(node, "person/无名", key=3, predicate="mentions", label="x", role="", origin="text", evidence=[])
    g.nodes["person/无名"].update(type="Person", subtype="", label="无名", aliases=["无\"名\\"], code="",
                                 sources=[], mentions=True, evidence=[])
    for graph in (seed_build.graph, g):
        buf = io.StringIO()
        write_node_link_json(graph, buf)
        assert buf.getvalue() == _reference_node_link_json(graph)


def test_atomic_outputs_get_the_umask_mode_not_mkstemps_0600(tmp_path):
    # A file replaced by rename must look like one written in place: 0644 under umask 022.
    import os
    import stat

    from kg.rdf.turtle import atomic_write

    old = os.umask(0o022)
    try:
        out = atomic_write(tmp_path / "graph.ttl", "@prefix : <urn:x#> .\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


@pytest.mark.parametrize("ev, sentence, denotes", [
    ({"text": "泰山路街道", "source_start": 40, "source_end": 45, "sentence_start": 0, "sentence_end": 30}, None, "<place/x>"),
    ({"text": "泰山路\n街道", "source_start": 40, "sentence_start": 0, "sentence_end": 30}, None, None),  # escaped
    ({"text": "泰山路街道", "source_start": 40, "source_end": 47, "sentence_start": 0, "sentence_end": 30}, None, None),
    ({"text": "泰山路街道", "source_start": 40, "source": "b.txt", "sentence_start": 0, "sentence_end": 30}, None, None),
    ({"text": "泰山路街道", "source_start": 40, "sentence_start": 30, "sentence_end": 30}, None, {"<a>", "<b>"}),
    ({"text": "泰山路街道", "source_start": 40, "sentence_start": 0, "sentence_end": 30}, "泰山路街道", "<a>"),
    (None, "株洲市“三社联动”。", None),
])
def test_span_block_fast_paths_equal_the_general_one(ev, sentence, denotes):
    """The usual spans take a one-f-string path (kg.rdf.spans); it must give the general path's bytes."""
    from kg.rdf.stream import RdfIndex
    from kg.rdf.spans import _general_block, dict_span, span_blocks

    terms = RdfIndex(nx.MultiDiGraph(), B).span_terms
    art, key = "<article/a1>", (10, 15)
    head, tail = "<article/a1#char=", f" ;\n    {terms.context} <article/a1>"
    fast = span_blocks({key: dict_span(ev, sentence, denotes)}, art, "a.txt", terms)
    assert fast == [_general_block(head, tail, key, dict_span(ev, sentence, denotes), "a.txt", terms)]
    Graph().parse(data="@prefix kgo: <%s> . @prefix nif: <%s> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                  "@base <%s> .\n%s" % (KGO, NIF, B, fast[0]), format="turtle")  # and it is Turtle
