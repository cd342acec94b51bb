"""The researcher queries (queries/*.rq) and kg.sparql.run_query on the real seed build.

The extractor keeps improving, so these tests assert facts that must hold on
the seeds (a street is inside its district, a reporter wrote an article, an
evidence sentence contains its anchor), never exact row counts.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import warnings
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.sparql import (
    FORMATS,
    list_queries,
    named_query,
    query,
    resolve_binding,
    resolve_query,
    run_query,
)
from kg.rdf import DEFAULT_BASE_IRI, KGO, SCHEMA, to_dataset, to_rdf

ROOT = Path(__file__).resolve().parents[1]
B = DEFAULT_BASE_IRI
TIANYUAN = B + "place/430211"  # 天元区
SHIFENG = B + "place/430204"  # 石峰区


@pytest.fixture(scope="session")
def seed_out(seed_build, tmp_path_factory) -> Path:
    from kg.export import write_outputs

    out = tmp_path_factory.mktemp("seed_out")
    write_outputs(seed_build, out)
    return out


def _labels(rows, key):
    return {r[key] for r in rows}


# --------------------------------------------------------------------------- one test per bundled query


def test_every_bundled_query_has_a_test():
    tested = {
        "agencies_with_program", "articles_by_author", "collaborations", "documents_by_issuer",
        "entity_mentions", "events_by_place", "jurisdictions", "org_hierarchy", "people_roles",
        "places_in_district", "places_without_code", "programs_by_district", "relation_evidence",
        "top_entities",
    }
    assert set(list_queries()) == tested, "add a test for the new query to tests/test_queries.py"
    for name, question in list_queries().items():
        assert question, f"{name}.rq must start with a comment line stating its question"


def test_places_in_district(seed_out):
    rows = query(seed_out, named_query("places_in_district"), bindings={"district": TIANYUAN})
    names = _labels(rows, "placeLabel")
    assert {"泰山路街道", "张家园社区"} <= names
    assert "华垅社区" not in names  # in 石峰区
    assert {r["districtLabel"] for r in rows} == {"天元区"}
    by_name = {r["placeLabel"]: r for r in rows}
    assert by_name["泰山路街道"]["level"] == str(KGO.Street)
    assert by_name["张家园社区"]["level"] == str(KGO.Community)
    assert all(r["code"] is None or str(r["code"]).startswith("430211") for r in rows)
    everywhere = query(seed_out, named_query("places_in_district"))
    assert ("石峰区", "华垅社区") in {(r["districtLabel"], r["placeLabel"]) for r in everywhere}


def test_programs_by_district(seed_out):
    rows = query(seed_out, named_query("programs_by_district"))
    pairs = {(r["districtLabel"], r["programLabel"]) for r in rows}
    assert ("天元区", "三社联动") in pairs
    assert all(r["actors"] >= 1 and r["actorLabels"] for r in rows)


def test_documents_by_issuer(seed_out):
    rows = query(seed_out, named_query("documents_by_issuer"))
    plan = "天元区创建全国社区治理和服务创新实验区工作方案"
    issuers = {r["issuerLabel"] for r in rows if r["documentLabel"] == plan}
    assert issuers & {"天元区人民政府", "天元区委"}, issuers
    assert all(r["articles"] >= 1 for r in rows)  # every document is mentioned somewhere


def test_people_roles(seed_out):
    rows = query(seed_out, named_query("people_roles"))
    triples = {(r["personLabel"], r["roleLabel"], r["orgLabel"]) for r in rows}
    assert ("齐卫国", "记者", "株洲日报") in triples
    assert ("张水松", "法官", "天元区人民法院") in triples  # “天元区人民法院法官张水松”


def test_articles_by_author(seed_out):
    rows = query(seed_out, named_query("articles_by_author"))
    by_qi = [r for r in rows if r["authorLabel"] == "齐卫国"]
    assert len({r["article"] for r in by_qi}) >= 2
    assert any("全链路" in r["headline"] for r in by_qi)
    assert any("株洲日报" in (r["outlets"] or "") for r in by_qi)


def test_places_without_code(seed_out):
    rows = query(seed_out, named_query("places_without_code"))
    coded = query(seed_out, "SELECT ?p WHERE { ?p kgo:divisionCode ?c }")
    assert not _labels(rows, "place") & _labels(coded, "p")
    names = _labels(rows, "label")
    assert not names & {"天元区", "泰山路街道", "张家园社区", "株洲市"}
    assert all(isinstance(r["mentions"], int) for r in rows)


def test_relation_evidence_sentences_contain_their_anchor(seed_out):
    rows = query(seed_out, named_query("relation_evidence"))
    text_rows = [r for r in rows if r["origin"] == "text"]
    assert text_rows
    for r in text_rows:
        assert r["anchor"], r
        assert r["end"] - r["begin"] == len(r["anchor"]), r
        if r["sentence"] is not None:
            assert r["anchor"] in r["sentence"], r
    issued = query(seed_out, named_query("relation_evidence"), bindings={"predicate": str(KGO.issuedBy)})
    assert issued and {r["predicate"] for r in issued} == {str(KGO.issuedBy)}
    assert any("工作方案" in r["anchor"] for r in issued)
    gaz = [r for r in rows if r["origin"] == "gazetteer"]
    assert gaz and all(r["source"] == B + "source/division-table" and r["sentence"] is None for r in gaz)


def test_entity_mentions_point_into_the_source_files(seed_out):
    rows = query(seed_out, named_query("entity_mentions"), bindings={"entity": TIANYUAN})
    assert len(rows) >= 5
    for r in rows:
        assert r["label"] == "天元区"
        assert r["anchor"] in r["sentence"]
        assert r["end"] - r["begin"] == len(r["anchor"])
        path = Path(r["file"])
        path = path if path.is_absolute() else ROOT / path
        text = path.read_text(encoding="utf-8")
        assert text[r["fileBegin"]:r["fileBegin"] + len(r["anchor"])] == r["anchor"], r


def test_jurisdictions(seed_out):
    rows = query(seed_out, named_query("jurisdictions"))
    facts = {(r["orgLabel"], r["areaLabel"], r["code"]) for r in rows}
    assert ("天元区人民法院", "天元区", "430211") in facts
    assert all(r["kind"] is None or r["kind"].startswith(str(KGO)) for r in rows)


def test_org_hierarchy_is_transitive(seed_out):
    rows = query(seed_out, named_query("org_hierarchy"))
    pairs = {(r["org"], r["ancestor"]) for r in rows}
    for org, anc in pairs:
        for a2, anc2 in pairs:
            if a2 == anc:
                assert (org, anc2) in pairs
    direct = query(seed_out, "SELECT ?a ?b WHERE { ?a org:subOrganizationOf ?b }")
    assert {(r["a"], r["b"]) for r in direct} <= pairs


def test_collaborations_have_evidence(seed_out):
    rows = query(seed_out, named_query("collaborations"))
    assert rows
    assert all(r["a"] != r["b"] and r["evidence"] >= 1 for r in rows)


def test_events_by_place(seed_out):
    rows = query(seed_out, named_query("events_by_place"))
    assert rows
    events = query(seed_out, "SELECT ?e WHERE { ?e a kgo:Event }")
    assert _labels(rows, "event") == _labels(events, "e")
    for r in rows:
        assert r["eventLabel"]
        assert r["districtLabel"] is None or r["placeLabel"] is not None


def test_agencies_with_program(seed_out):
    rows = query(seed_out, named_query("agencies_with_program"), bindings={"program": B + "program/三社联动"})
    assert rows and {r["programLabel"] for r in rows} == {"三社联动"}
    assert any(r["orgLabel"].startswith("天元区") for r in rows)


def test_top_entities(seed_out):
    rows = query(seed_out, named_query("top_entities"))
    cities = [r for r in rows if r["class"] == str(KGO.City)]
    assert cities[0]["label"] == "株洲市" and cities[0]["mentions"] >= 5 and cities[0]["articles"] >= 3
    assert not {r["class"] for r in rows} & {str(KGO.Place), str(KGO.Organization)}


# --------------------------------------------------------------------------- acceptance: plain SPARQL 1.1

PLAIN = """
PREFIX schema: <https://schema.org/>
PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?name WHERE {
  ?district rdfs:label "天元区"@zh .
  ?place schema:containedInPlace+ ?district ;
         rdfs:label ?name .
}
"""


def test_plain_sparql_containment_pyoxigraph_and_rdflib(seed_out):
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(seed_out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    ox_names = {sol["name"].value for sol in store.query(PLAIN)}
    g = Graph().parse(seed_out / "graph.ttl", format="turtle")
    rdflib_names = {str(row.name) for row in g.query(PLAIN)}
    assert ox_names == rdflib_names
    assert {"泰山路街道", "张家园社区"} <= ox_names
    assert "华垅社区" not in ox_names


# --------------------------------------------------------------------------- the seeds' RDF: SHACL and round trip


def test_seed_graph_conforms_to_shapes(seed_out):
    from kg.shacl import validate

    r = validate(seed_out / "graph.ttl")
    assert r.conforms and r.violations == 0, r.text[:3000]


def test_seed_turtle_round_trip(seed_build, seed_out):
    parsed = Graph().parse(seed_out / "graph.ttl", format="turtle")
    expected = to_rdf(seed_build.graph)
    assert "_:" not in (seed_out / "graph.ttl").read_text(encoding="utf-8")
    # no blank nodes, so isomorphism is equality of the triple sets
    assert len(parsed) == len(expected)
    assert set(parsed) == set(expected)


def test_seed_trig_round_trip(seed_build, seed_out):
    ds = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(seed_out / "graph.trig", format="trig")
    expected = to_dataset(seed_build.graph)

    def quads(d):
        return {(s, p, o, str(getattr(g, "identifier", g))) for s, p, o, g in d.quads((None, None, None, None))}

    assert quads(ds) == quads(expected)


# --------------------------------------------------------------------------- run_query (kg query)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def test_run_query_table_is_cjk_aligned(seed_out):
    out = run_query(seed_out, "places_in_district", bindings=["district=天元区"])
    lines = out.rstrip("\n").split("\n")
    header, rule, body, footer = lines[0], lines[1], lines[2:-1], lines[-1]
    assert header.split() == ["district", "districtLabel", "place", "placeLabel", "level", "code"]
    assert footer == f"({len(body)} rows)" and len(body) >= 2
    assert set(rule) <= {"-", " "}
    # the column rules are the widths: every cell of a column starts at the same display column
    starts, col = [], 0
    for part in rule.split("  "):
        starts.append(col)
        col += len(part) + 2
    for line in body:
        for start in starts[1:]:
            # find the character index at display column `start`
            w, i = 0, 0
            while w < start:
                w += _width(line[i])
                i += 1
            assert w == start and line[i - 2:i] == "  " and line[i] != " ", (line, start)
    assert any("张家园社区" in line and "kgo:Community" in line and "<place/430211002008>" in line for line in body)
    assert all("华垅社区" not in line for line in body)


def test_run_query_csv_and_json(seed_out):
    text = run_query(seed_out, "people_roles", fmt="csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"person", "personLabel", "roleLabel", "org", "orgLabel"} == set(rows[0])
    assert {"person": B + "person/齐卫国", "personLabel": "齐卫国", "roleLabel": "记者",
            "org": B + "org/株洲日报", "orgLabel": "株洲日报"} in rows
    data = json.loads(run_query(seed_out, named_query("jurisdictions"), fmt="json"))
    assert {"org": B + "org/天元区人民法院", "area": TIANYUAN, "code": "430211"}.items() <= next(
        r for r in data if r["orgLabel"] == "天元区人民法院").items()
    assert json.loads(run_query(seed_out, "ASK { ?x schema:containedInPlace+ ?d }", "json", ["d=湖南省"])) is True
    assert run_query(seed_out, "ASK { ?x schema:containedInPlace ?d }", bindings={"d": "张家园社区"}) == "false\n"
    assert set(FORMATS) == {"table", "csv", "json"}


def test_run_query_empty_result_keeps_the_header(seed_out):
    q = "SELECT ?place ?name WHERE { ?place a kgo:Place ; rdfs:label ?name FILTER (?name = \"无此地\") }"
    assert run_query(seed_out, q) == "place  name\n-----  ----\n(0 rows)\n"
    assert run_query(seed_out, q, fmt="csv") == "place,name\n"
    assert run_query(seed_out, q, fmt="json") == "[]\n"


def test_run_query_sources(seed_out, tmp_path):
    rq = tmp_path / "mine.rq"
    rq.write_text("# districts\nSELECT ?d WHERE { ?d a kgo:District }\n", encoding="utf-8")
    by_file = run_query(seed_out / "graph.trig", str(rq), fmt="json")
    by_text = run_query(seed_out / "graph.ttl", rq.read_text(encoding="utf-8"), fmt="json")
    assert by_file == by_text and TIANYUAN in by_file
    assert resolve_query("places_in_district") == resolve_query("places_in_district.rq") == named_query(
        "places_in_district")
    assert resolve_query(rq) == rq.read_text(encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="places_in_district"):
        resolve_query("no_such_query")
    with pytest.raises(FileNotFoundError):
        run_query(tmp_path, "places_in_district")  # no graph in it
    with pytest.raises(ValueError, match="format"):
        run_query(seed_out, "people_roles", fmt="xml")
    with pytest.raises(SyntaxError):
        run_query(seed_out, "SELECT ?x WHERE { ?x ")


def test_bindings_forms(seed_out):
    ttl = seed_out / "graph.ttl"
    for value in ("天元区", "place/430211", "<" + TIANYUAN + ">", TIANYUAN):
        assert resolve_binding(value, ttl).value == TIANYUAN, value
    assert resolve_binding("kgo:issuedBy", ttl).value == str(KGO.issuedBy)
    assert resolve_binding("schema:containedInPlace").value == str(SCHEMA.containedInPlace)
    lit = resolve_binding('"天元区"@zh')
    assert (lit.value, lit.language) == ("天元区", "zh")
    assert resolve_binding("42").datatype.value.endswith("#integer")
    assert resolve_binding('"2021-06-01"^^xsd:date').datatype.value.endswith("#date")
    assert resolve_binding('"430211"').value == "430211" and resolve_binding('"430211"').language is None
    with pytest.raises(ValueError, match="no entity is labelled"):
        resolve_binding("无此地", ttl)
    a = run_query(seed_out, "places_in_district", "csv", ["district=天元区"])
    b = run_query(seed_out, "places_in_district", "csv", {"?district": "place/430211"})
    assert a == b
    with pytest.raises(ValueError, match="no variable"):
        run_query(seed_out, "people_roles", bindings=["district=天元区"])
    with pytest.raises(ValueError, match="NAME=VALUE"):
        run_query(seed_out, "people_roles", bindings=["天元区"])
    issued = run_query(seed_out, "relation_evidence", "json", ["predicate=kgo:issuedBy"])
    assert {r["predicate"] for r in json.loads(issued)} == {str(KGO.issuedBy)}


def test_ambiguous_label_lists_candidates(tmp_path):
    ttl = tmp_path / "g.ttl"
    ttl.write_text(
        '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
        '<https://example.org/kg/place/1> rdfs:label "新村"@zh .\n'
        '<https://example.org/kg/place/2> rdfs:label "新村"@zh .\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="place/1.*place/2"):
        resolve_binding("新村", ttl)
