"""The KnowledgeGraph API, save/load, kg.query, and every Python example in the README."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.export import node_link_json
from kg.graph import EntityList, KnowledgeGraph
from kg.model import ENTITY_TYPES, Entity, Relation

DOCS = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="session")
def saved(seed_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("saved")
    seed_build.save(out, html=False)
    return out


def test_entities_is_a_list_and_callable(seed_build):
    assert isinstance(seed_build.entities, EntityList)
    assert len(seed_build.entities) == sum(1 for _, d in seed_build.graph.nodes(data=True) if d["type"] != "Article")
    programs = seed_build.entities("Program")
    assert programs and all(e.type == "Program" for e in programs)
    assert [e.id for e in programs] == sorted(e.id for e in programs)
    assert len(seed_build.entities()) == len(seed_build.entities)
    with pytest.raises(ValueError):
        seed_build.entities("Programme")


@pytest.mark.parametrize("name, label", [("天元区", "天元区"), ("430211", "天元区"), ("place/430211", "天元区"),
                                         ("华垅社区", "华垅社区"), ("三社联动", "三社联动")])
def test_find_by_label_code_and_id(seed_build, name, label):
    found = seed_build.find(name)
    assert isinstance(found, Entity) and found.label == label


def test_find_by_alias_and_missing(seed_build):
    g = seed_build.graph
    aliased = [(n, a) for n, d in sorted(g.nodes(data=True)) for a in d.get("aliases", ())]
    assert aliased, "the seeds have aliases (区政府, 市公安局 …)"
    for node, alias in aliased:
        found = seed_build.find(alias)
        assert found is not None and (alias in found.aliases or found.label == alias)
    assert seed_build.find("不存在的机构名") is None
    assert seed_build.find("天元区", type="Place").code == "430211"
    assert seed_build.find("430211", type="Program") is None


def test_neighbors(seed_build):
    streets = {e.label for e in seed_build.neighbors("天元区", "containedInPlace", direction="in")}
    assert "泰山路街道" in streets
    up = seed_build.neighbors("天元区", "containedInPlace", direction="out")
    assert [e.label for e in up] == ["株洲市"]
    both = seed_build.neighbors("place/430211")
    assert {e.id for e in up} <= {e.id for e in both}
    assert any(e.type == "Article" for e in both)
    with pytest.raises(KeyError):
        seed_build.neighbors("不存在的机构名")


def test_evidence_of_entities_and_edges(seed_build):
    ev = seed_build.evidence("天元区")
    assert ev and all(e["text"] == "天元区" and e["text"] in e["sentence"] for e in ev)
    assert ev == sorted(ev, key=lambda e: (e["article"], e["start"], e["end"]))
    rel = next(r for r in seed_build.relations if r.evidence and r.predicate != "mentions")
    by_rel = seed_build.evidence(rel)
    assert by_rel and {e["article"] for e in by_rel} == {e.article_id for e in rel.evidence}
    key = rel.predicate + (f"#{rel.role}" if rel.role else "")
    assert by_rel == seed_build.evidence((rel.subject, rel.object, key))
    assert set(map(str, by_rel)) <= set(map(str, seed_build.evidence((rel.object, rel.subject))))
    gazetteer = next(r for r in seed_build.relations if r.origin == "gazetteer")
    assert seed_build.evidence(gazetteer) == []


def test_subgraph_of_a_place(seed_build):
    from kg.analysis.places import places_within

    g = seed_build.graph
    tianyuan = seed_build.subgraph(place="天元区")
    assert isinstance(tianyuan, KnowledgeGraph)
    sub = tianyuan.graph
    assert places_within(g, "place/430211") <= set(sub)
    labels = {d["label"] for _, d in sub.nodes(data=True)}
    assert "张家园社区" in labels and "华垅社区" not in labels and "株洲市" not in labels
    for s, _, p in g.in_edges("place/430211", data="predicate"):
        if p == "jurisdiction":
            assert s in sub
    assert any(d["type"] == "Article" for _, d in sub.nodes(data=True))
    for n, d in sub.nodes(data=True):  # attributes are kept
        assert d == g.nodes[n]
    only = seed_build.subgraph(place="430211", types=("Place",))
    assert {d["type"] for _, d in only.graph.nodes(data=True)} == {"Place"}
    with pytest.raises(ValueError):
        seed_build.subgraph(place="三社联动")
    with pytest.raises(ValueError):
        seed_build.subgraph(types=("Places",))


def test_projection_organisation_programme(seed_build):
    op = seed_build.projection(("Organization", "Program"))
    assert isinstance(op, nx.Graph) and not op.is_directed() and op.number_of_edges() > 0
    g = seed_build.graph
    for u, v, d in op.edges(data=True):
        assert {op.nodes[u]["type"], op.nodes[v]["type"]} == {"Organization", "Program"}
        assert d["weight"] >= 1
        shared = set(g.nodes[u]["sources"]) & set(g.nodes[v]["sources"])
        assert shared <= set(d["articles"])
    implements = [(s, o) for s, o, p in g.edges(data="predicate") if p == "implements"
                  and g.nodes[s]["type"] == "Organization" and g.nodes[o]["type"] == "Program"]
    assert all(op.has_edge(s, o) and "implements" in op[s][o]["predicates"] for s, o in implements)
    by_edges = seed_build.projection(("Organization", "Program"), weight="edges")
    assert all(d["edges"] == d["weight"] >= 1 for _, _, d in by_edges.edges(data=True))
    single = seed_build.projection(("Program",))
    assert all(single.nodes[n]["type"] == "Program" for n in single)


def test_to_rdf(seed_build):
    from rdflib import Literal

    rdf = seed_build.to_rdf()
    assert len(rdf) > 1000
    assert (None, None, Literal("天元区", lang="zh")) in rdf


def test_save_before_the_graph_is_built_writes_the_same_files(seed_build, saved, tmp_path):
    # A lazy build is saved from its records (as kg build writes), without building its graph.
    lazy = KnowledgeGraph(seed_build.articles, seed_build.entities, seed_build.relations)
    paths = lazy.save(tmp_path)
    assert not lazy.graph_built
    assert sorted(paths) == ["html", "json", "trig", "ttl"]
    for kind in ("json", "ttl", "trig"):
        assert paths[kind].read_bytes() == (saved / f"graph.{kind}").read_bytes(), kind
    eager = seed_build.save(tmp_path / "eager")
    assert paths["html"].read_bytes() == eager["html"].read_bytes()


def test_save_and_load_round_trip(seed_build, saved):
    assert {p.name for p in saved.iterdir()} >= {"graph.json", "graph.ttl", "graph.trig"}
    loaded = kg.load(saved)
    assert node_link_json(loaded.graph) == node_link_json(seed_build.graph)
    assert set(loaded.entities) == set(seed_build.entities)
    assert set(loaded.relations) == {
        Relation(r.subject, r.predicate, r.object, r.evidence, r.role or None, r.origin) for r in seed_build.relations}
    assert loaded.articles == []
    assert loaded.find("张家园社区") == seed_build.find("张家园社区")
    assert kg.load(saved / "graph.json").graph.number_of_nodes() == seed_build.graph.number_of_nodes()
    with pytest.raises(FileNotFoundError):
        kg.load(saved / "missing")


def test_kg_query_shortcut(saved):
    sparql = 'SELECT ?code WHERE { ?p rdfs:label "天元区"@zh ; kgo:divisionCode ?code }'
    assert [str(r["code"]) for r in kg.query(saved, sparql)] == ["430211"]
    import kg.sparql as module  # importing the engine module does not shadow the kg.query shortcut

    assert callable(kg.query) and module.query(saved, sparql) == kg.query(saved, sparql)
    assert kg.query(saved, sparql) == kg.query(str(saved), sparql)


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_docs_examples_run(tmp_path, monkeypatch, capsys):
    blocks = _python_blocks(DOCS.read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "__docs__"}
    for i, block in enumerate(blocks):
        try:
            exec(compile(block, f"README.md block {i + 1}", "exec"), namespace)
        except Exception as exc:  # name the block that failed
            raise AssertionError(f"docs/api.md block {i + 1} failed: {exc!r}\n{block}") from exc
    assert (tmp_path / "output" / "analysis" / "report.md").is_file()


def test_entity_types_cover_the_graph(seed_build):
    assert {d["type"] for _, d in seed_build.graph.nodes(data=True)} <= set(ENTITY_TYPES) | {"Article"}
