"""GraphML and GEXF exports: they re-read with the same counts and Gephi-friendly attributes."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.interop import flat_graph, gexf_text, graphml_text, write_gexf, write_graphml


@pytest.fixture(scope="session")
def exported(seed_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("interop")
    return write_graphml(seed_build, out / "graph.graphml"), write_gexf(seed_build, out / "graph.gexf")


def test_graphml_rereads_with_same_counts(seed_build, exported):
    back = nx.read_graphml(exported[0], force_multigraph=True)
    g = seed_build.graph
    assert isinstance(back, nx.MultiDiGraph)
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    assert set(back.nodes) == set(g.nodes)
    node = back.nodes["place/430211"]
    assert node["label"] == "天元区" and node["type"] == "Place" and node["code"] == "430211"
    assert node["mentions"] == g.nodes["place/430211"]["mentions"] and node["evidence"]
    preds = sorted(d["predicate"] for _, _, d in back.edges(data=True))
    assert preds == sorted(d["predicate"] for _, _, d in g.edges(data=True))
    assert "天元区" in exported[0].read_text(encoding="utf-8")  # Chinese kept readable, not &#…;


def test_gexf_rereads_and_is_byte_stable(seed_build, exported):
    back = nx.read_gexf(exported[1])
    assert back.number_of_nodes() == seed_build.graph.number_of_nodes()
    assert back.number_of_edges() == seed_build.graph.number_of_edges()
    text = exported[1].read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text and "<viz:color" in text
    assert gexf_text(seed_build) == text and graphml_text(seed_build) == exported[0].read_text(encoding="utf-8")


def test_flat_attributes_are_scalars(seed_build):
    flat = flat_graph(seed_build)
    for _, d in flat.nodes(data=True):
        assert all(isinstance(v, (str, int, float)) for v in d.values())
    for _, _, d in flat.edges(data=True):
        assert all(isinstance(v, (str, int, float)) for v in d.values())
        assert d["weight"] >= 1 and d["label"]
    ids = [d["id"] for _, _, d in flat.edges(data=True)]
    assert len(ids) == len(set(ids))  # unique edge ids, so Gephi keeps parallel edges
