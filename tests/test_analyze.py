"""kg.analysis: the acceptance facts on the seeds, determinism, charts, evidence links."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.analysis import analyze, build_report
from kg.analysis.metrics import analysis_graph, bridges, pagerank
from kg.analysis.places import districts_of, places_within
from kg.graph import KnowledgeGraph


@pytest.fixture(scope="session")
def analysed(seed_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("analysis")
    return analyze(seed_build, out), out


def test_sanshe_liandong_is_a_top_programme(analysed):
    report, _ = analysed
    assert "三社联动" in [r.program.label for r in report.programs[:5]]


def test_tianyuan_has_the_most_programmes(analysed):
    report, _ = analysed
    ranking = report.matrix.programs_per_district()
    (first, n), (_, runner_up) = ranking[0], ranking[1]
    assert report.matrix.labels[first] == "天元区" and n > runner_up
    row = next(r for r in report.programs if r.program.label == "三社联动")
    assert "天元区" in row.districts


@pytest.mark.parametrize("community, district", [("华垅社区", "石峰区"), ("张家园社区", "天元区"),
                                                 ("大湖塘社区", "天元区"), ("长江村", "炎陵县")])
def test_communities_sit_in_their_district(seed_build, community, district):
    g = seed_build.graph
    node = seed_build.find(community, type="Place").id
    assert [g.nodes[d]["label"] for d in districts_of(g, node)] == [district]
    assert node in places_within(g, seed_build.find(district, type="Place").id)


def test_files_and_charts(analysed):
    from PIL import Image

    report, out = analysed
    names = {p.name for p in out.iterdir()}
    assert {"report.md", "report.json", "counts.png", "centrality.png", "programs_by_district.png",
            "agencies.png", "communities.png"} <= names
    for key, path in report.files.items():
        if key.startswith("chart_"):
            data = open(path, "rb").read()
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000, path
            with Image.open(path) as img:
                img.verify()
            with Image.open(path) as img:
                assert img.size[0] > 300 and img.size[1] > 200
                assert len(img.convert("L").getcolors(1 << 16) or range(300)) > 20  # not a blank image


def test_report_sections_and_evidence(analysed, seed_build):
    report, out = analysed
    md = (out / "report.md").read_text(encoding="utf-8")
    for title in ("## 1. Counts", "## 2. Programmes", "## 3. Programmes × districts", "## 4. Agencies",
                  "## 5. People", "## 6. Most central", "## 7. Communities", "## 8. Bridges", "## 9. Timeline"):
        assert title in md
    assert "![programmes by district](programs_by_district.png)" in md
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["programs_per_district"][0]["label"] == "天元区"
    sentences = {(e["article"], e["sentence"].strip()) for _, d in seed_build.graph.nodes(data=True)
                 for e in d.get("evidence", ())}
    sentences |= {(e["article"], e["sentence"].strip()) for _, _, d in seed_build.graph.edges(data=True)
                  for e in d.get("evidence", ())}
    cited = []

    def walk(x):
        if isinstance(x, dict):
            if set(x) == {"article", "sentence"}:
                cited.append((x["article"], x["sentence"]))
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(data)
    assert len(cited) > 50
    assert all(c in sentences for c in cited)  # every citation is real evidence
    for row in report.matrix.cells:
        assert row.citations and row.via
    for t in ("Place", "Organization", "Program"):
        for measure in ("degree", "betweenness", "pagerank"):
            assert report.centrality[t][measure], (t, measure)
    assert report.communities and all(c.members for c in report.communities)
    assert any(p.roles for p in report.people)
    assert report.agencies and report.agencies[0].agency.score >= report.agencies[-1].agency.score


def test_same_input_same_bytes(seed_build, analysed, tmp_path):
    _, first = analysed
    seed_build.save(tmp_path / "saved", rdf=False, html=False)
    second = tmp_path / "again"
    analyze(tmp_path / "saved", second)  # from graph.json, not from the build in memory
    for path in sorted(first.iterdir()):
        assert (second / path.name).read_bytes() == path.read_bytes(), path.name


def _toy_graph() -> nx.MultiDiGraph:
    """Two articles joined only through one programme, with dates."""
    g = nx.MultiDiGraph()

    def ev(article, text, sentence):
        return {"article": article, "start": 0, "end": len(text), "text": text, "sentence_start": 0,
                "sentence_end": len(sentence), "sentence": sentence, "source": "x.txt",
                "source_start": 0, "source_end": len(text)}

    for aid, date in (("a1", "2023-05-02"), ("a2", "2023-04-01")):
        g.add_node(f"article/{aid}", type="Article", subtype="", label=f"标题{aid}", aliases=[], code="",
                   sources=[aid], mentions=0, evidence=[], files=["x.txt"], authors=[], date=date)
    nodes = {"program/甲计划": ("Program", "", [ev("a1", "甲计划", "区政府实施甲计划。"), ev("a2", "甲计划", "甲计划见效。")]),
             "org/区政府": ("Organization", "government", [ev("a1", "区政府", "区政府实施甲计划。")]),
             "person/张三": ("Person", "", [ev("a2", "张三", "张三说甲计划见效。")])}
    for n, (t, sub, e) in nodes.items():
        g.add_node(n, type=t, subtype=sub, label=n.split("/")[1], aliases=[], code="",
                   sources=sorted({x["article"] for x in e}), mentions=len(e), evidence=e)
        for art in sorted({x["article"] for x in e}):
            g.add_edge(f"article/{art}", n, key="mentions", predicate="mentions", label="提及", role="",
                       origin="text", evidence=[x for x in e if x["article"] == art])
    g.add_edge("org/区政府", "program/甲计划", key="implements", predicate="implements", label="实施", role="",
               origin="text", evidence=[ev("a1", "区政府实施甲计划", "区政府实施甲计划。")])
    return g


def test_timeline_and_bridges_on_a_toy_graph(tmp_path):
    g = _toy_graph()
    report = build_report(g)
    assert [(e.date, e.article) for e in report.timeline] == [("2023-04-01", "a2"), ("2023-05-02", "a1")]
    assert report.timeline[1].facts == ["区政府 实施 甲计划"]
    assert report.timeline[1].citations[0].sentence == "区政府实施甲计划。"
    found = bridges(g, analysis_graph(g))
    assert [b.entity.label for b in found] == ["甲计划"]
    assert found[0].groups == [["a1"], ["a2"]]
    written = analyze(KnowledgeGraph.from_graph(g), tmp_path)
    assert "timeline.png" in {p.name for p in tmp_path.iterdir()} and written.timeline


def test_pagerank_power_iteration():
    cycle = nx.cycle_graph(5)
    nx.set_edge_attributes(cycle, 1, "weight")
    assert all(abs(v - 0.2) < 1e-9 for v in pagerank(cycle).values())
    star = nx.star_graph(4)
    pr = pagerank(star)
    assert abs(sum(pr.values()) - 1) < 1e-9 and pr[0] == max(pr.values())
    # reference values from networkx's own pure-Python pagerank (networkx.pagerank itself needs scipy)
    h = nx.Graph()
    h.add_edge("a", "b", weight=2)
    h.add_edge("b", "c", weight=1)
    h.add_node("d")
    mine = pagerank(h)
    ref = {"a": 0.3101673, "b": 0.4633205, "c": 0.1788932, "d": 0.0476190}
    assert all(abs(mine[k] - ref[k]) < 1e-6 for k in ref), mine
