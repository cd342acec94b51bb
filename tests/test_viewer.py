"""Fast tests of the HTML viewer (no browser): self-contained, deterministic."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from kg.graph import PREDICATE_LABELS
from kg.viewer import render_html, write_html

A1 = "a001"
A2 = "a002"
S1 = "天元区民政局积极推进三社联动工作，嵩山路街道率先试点。"
S2 = "株洲市公安局联合天元区民政局开展“三社联动”宣传活动。"
S3 = "天元区位于株洲市西部。"
OFF1, OFF2, OFF3 = 120, 40, 10  # sentence_start of each sentence in its article


def _ev(article: str, sentence: str, sentence_start: int, text: str, nth: int = 0) -> dict:
    i = -1
    for _ in range(nth + 1):
        i = sentence.index(text, i + 1)
    start = sentence_start + i
    return {
        "article": article, "start": start, "end": start + len(text), "text": text,
        "sentence_start": sentence_start, "sentence_end": sentence_start + len(sentence),
        "sentence": sentence, "source": f"seeds/{article}.txt", "source_start": start + 7,
        "source_end": start + 7 + len(text),
    }


def _node(g, nid, type_, label, subtype="", aliases=(), code="", evidence=()):
    ev = sorted(evidence, key=lambda d: (d["article"], d["start"], d["end"]))
    g.add_node(
        nid, type=type_, subtype=subtype, label=label, aliases=sorted(aliases), code=code,
        sources=sorted({e["article"] for e in ev}), mentions=len(ev), evidence=ev,
    )


def _edge(g, u, v, predicate, role="", origin="text", evidence=()):
    label = PREDICATE_LABELS[predicate] + (f"（{role}）" if role else "")
    g.add_edge(u, v, key=predicate + (f"#{role}" if role else ""), predicate=predicate, label=label,
               role=role, origin=origin, evidence=list(evidence))


def small_graph() -> nx.MultiDiGraph:
    """A hand-made graph following the contract in kg/graph.py."""
    g = nx.MultiDiGraph()
    for aid, title, date in [(A1, "推进“三新”建设 畅通新的社会阶层人士参与社会治理", "2021-03-01"),
                             (A2, "天元区开展三社联动宣传", "2021-04-02")]:
        g.add_node(f"article/{aid}", type="Article", subtype="", label=title, aliases=[], code="",
                   sources=[aid], mentions=0, evidence=[], files=[f"seeds/{aid}.txt"], authors=["齐卫国"], date=date)
    _node(g, "place/430000", "Place", "湖南省", "province", code="430000")
    _node(g, "place/430200", "Place", "株洲市", "city", code="430200", evidence=[_ev(A2, S3, OFF3, "株洲市")])
    _node(g, "place/430211", "Place", "天元区", "district", aliases=["天元"], code="430211",
          evidence=[_ev(A2, S3, OFF3, "天元区")])
    _node(g, "place/430211001", "Place", "嵩山路街道", "street", code="430211001",
          evidence=[_ev(A1, S1, OFF1, "嵩山路街道")])
    _node(g, "place/430211001001", "Place", "泰山社区", "community", code="430211001001")
    _node(g, "org/天元区民政局", "Organization", "天元区民政局", "government", aliases=["区民政局"],
          evidence=[_ev(A1, S1, OFF1, "天元区民政局"), _ev(A2, S2, OFF2, "天元区民政局")])
    _node(g, "org/株洲市公安局", "Organization", "株洲市公安局", "police", aliases=["市公安局"],
          evidence=[_ev(A2, S2, OFF2, "株洲市公安局")])
    _node(g, "program/三社联动", "Program", "三社联动", aliases=["社区社会组织社工联动"],
          evidence=[_ev(A1, S1, OFF1, "三社联动"), _ev(A2, S2, OFF2, "三社联动")])
    _node(g, "person/齐卫国", "Person", "齐卫国")
    _node(g, "event/三社联动宣传活动", "Event", "三社联动宣传活动")
    _edge(g, "place/430200", "place/430000", "containedInPlace", origin="gazetteer")
    _edge(g, "place/430211", "place/430200", "containedInPlace", origin="gazetteer",
          evidence=[_ev(A2, S3, OFF3, "天元区位于株洲市")])
    _edge(g, "place/430211001", "place/430211", "containedInPlace", origin="gazetteer")
    _edge(g, "place/430211001001", "place/430211001", "containedInPlace", origin="gazetteer")
    _edge(g, "org/天元区民政局", "program/三社联动", "implements",
          evidence=[_ev(A1, S1, OFF1, "天元区民政局积极推进三社联动")])
    _edge(g, "org/天元区民政局", "place/430211", "jurisdiction")
    _edge(g, "org/株洲市公安局", "org/天元区民政局", "collaboratesWith",
          evidence=[_ev(A2, S2, OFF2, "株洲市公安局联合天元区民政局")])
    _edge(g, "org/株洲市公安局", "event/三社联动宣传活动", "participatesIn", role="主办",
          evidence=[_ev(A2, S2, OFF2, "株洲市公安局联合天元区民政局开展“三社联动”宣传活动")])
    _edge(g, "org/株洲市公安局", "event/三社联动宣传活动", "participatesIn", role="宣传")
    _edge(g, "event/三社联动宣传活动", "place/430211", "locatedIn")
    _edge(g, "article/a001", "person/齐卫国", "author")
    for aid, nid in [(A1, "program/三社联动"), (A1, "org/天元区民政局"), (A2, "org/株洲市公安局")]:
        _edge(g, f"article/{aid}", nid, "mentions")
    return g


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 7) -> nx.MultiDiGraph:
    """Random contract-shaped graph: a place tree plus random typed relations."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    types = ["Organization", "Person", "Program", "Document", "Event"]
    levels = ["province", "city", "district", "street", "community"]
    for i in range(n_nodes):
        if i % 3 == 0:
            t, sub = "Place", levels[min(4, len(str(i)) - 1)]
        else:
            t, sub = types[i % 5], ("government" if i % 5 == 0 else "")
        label = f"{'湖株天嵩泰芦'[i % 6]}{'南洲元山沙淞'[(i // 6) % 6]}节点{i}"
        s = f"{label}参与了第{i}号社区治理工作。"
        ev = [_ev(f"a{i % 50:03d}", s, i, label)]
        _node(g, f"n/{i:05d}", t, label, sub, aliases=[f"别名{i}"], code=str(430000 + i) if t == "Place" else "",
              evidence=ev)
    preds = sorted(PREDICATE_LABELS)
    for i in range(1, n_nodes):  # spanning tree keeps it connected
        _edge(g, f"n/{i:05d}", f"n/{rng.randrange(i):05d}", preds[i % len(preds)])
    count = n_nodes - 1
    while count < n_edges:  # a repeated (u, v, predicate) would merge, so skip it
        u, v, p = f"n/{rng.randrange(n_nodes):05d}", f"n/{rng.randrange(n_nodes):05d}", rng.choice(preds)
        if not g.has_edge(u, v, key=p):
            _edge(g, u, v, p)
            count += 1
    return g


def _data(page: str, block: str):
    m = re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', page, re.S)
    assert m, block
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(small_graph(), title="测试图谱")


def test_self_contained_no_remote_refs(page):
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import", page)
    assert "cdnjs" not in page and "jsdelivr" not in page and "bootstrap" not in page.lower()
    assert "<script src" not in page and "<link" not in page
    for block in ("kg-nodes", "kg-edges", "kg-data"):  # no IRIs in the embedded data
        m = re.search(rf'id="{block}">(.*?)</script>', page, re.S)
        assert "http://" not in m.group(1) and "https://" not in m.group(1)


def test_vis_network_inlined(page):
    from importlib import resources

    js = resources.files("pyvis").joinpath("templates/lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    assert js[:2000] in page and js[-2000:] in page
    assert "vis-network" in page and "new vis.Network(" in page
    assert '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif' in page


def test_labels_and_data(page):
    g = small_graph()
    nodes = _data(page, "kg-nodes")
    assert sorted(n["id"] for n in nodes) == sorted(g.nodes)
    assert {n["label"] for n in nodes} == {d["label"] for _, d in g.nodes(data=True)}
    for label in ("三社联动", "株洲市公安局", "湖南省", "测试图谱"):
        assert label in page
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    # colour/shape per type and place level
    by_id = {n["id"]: n for n in nodes}
    place_colours = {by_id[f"place/{c}"]["color"] for c in ("430000", "430200", "430211", "430211001", "430211001001")}
    assert len(place_colours) == 5
    assert by_id["program/三社联动"]["shape"] != by_id["place/430000"]["shape"]
    edges = _data(page, "kg-edges")
    assert len(edges) == g.number_of_edges()
    assert any(e["title"].startswith("实施：") for e in edges)  # Chinese label on hover
    data = _data(page, "kg-data")
    assert data["articles"][A1]["files"] == [f"seeds/{A1}.txt"]
    ev = data["meta"]["program/三社联动"]["evidence"][0]
    sentence = data["sentences"][ev[0]]
    assert sentence[2][ev[1] - sentence[1]: ev[2] - sentence[1]] == "三社联动"
    options = _data(page, "kg-options")
    assert options["physics"]["enabled"] is False


def test_deterministic(tmp_path):
    a = render_html(small_graph())
    g = small_graph()
    h = nx.MultiDiGraph()  # same graph, different insertion order
    h.add_nodes_from(sorted(g.nodes(data=True), reverse=True))
    h.add_edges_from(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]), reverse=True))
    assert render_html(h) == a
    p1 = write_html(g, tmp_path / "x" / "one.html")
    p2 = write_html(g, tmp_path / "two.html")
    assert p1.read_bytes() == p2.read_bytes() == a.encode("utf-8")
    assert sorted(q.name for q in (tmp_path / "x").iterdir()) == ["one.html"]  # no temp left


def test_deterministic_across_hash_seeds(tmp_path):
    code = ("import sys; sys.path[:0] = [{t!r}, {r!r}]; from test_viewer import small_graph, synthetic_graph; "
            "from kg.viewer import render_html; import hashlib; "
            "print(hashlib.sha256((render_html(small_graph()) + render_html(synthetic_graph(200, 500), max_nodes=60))"
            ".encode()).hexdigest())").format(t=str(Path(__file__).parent), r=str(Path(__file__).parents[1]))
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_empty_graph_and_escaped_title():
    page = render_html(nx.MultiDiGraph(), title="<b>图</b>")
    assert "<b>图</b>" not in page and "&lt;b&gt;图&lt;/b&gt;" in page
    assert _data(page, "kg-nodes") == [] and _data(page, "kg-data")["total"] == {"nodes": 0, "edges": 0}


def test_max_nodes_trims_but_search_index_complete():
    g = synthetic_graph(300, 900)
    page = render_html(g, max_nodes=50, max_index_nodes=300)
    drawn = _data(page, "kg-nodes")
    data = _data(page, "kg-data")
    assert len(drawn) == 50
    deg = dict(g.degree())
    top = sorted(g.nodes, key=lambda n: (-deg[n], n))[:50]
    assert sorted(n["id"] for n in drawn) == sorted(top)
    assert sorted(data["meta"]) == sorted(g.nodes)  # search reaches every node
    assert len(drawn) + len(data["extraNodes"]) == 300
    assert len(_data(page, "kg-edges")) + len(data["extraEdges"]) == g.number_of_edges()
    assert data["total"] == {"nodes": 300, "edges": g.number_of_edges()}
    assert render_html(g, max_nodes=50, max_index_nodes=300) == page


def test_page_data_is_bounded_by_max_index_nodes_and_evidence_cap():
    from kg.viewer import MAX_EVIDENCE

    g = synthetic_graph(300, 900)
    many = [_ev(f"a{i:03d}", S1, OFF1, "三社联动") for i in range(MAX_EVIDENCE + 5)]
    deg = dict(g.degree())
    top = sorted(g.nodes, key=lambda n: (-deg[n], n))
    g.nodes[top[50]]["evidence"] = many
    page = render_html(g, max_nodes=20, max_index_nodes=100)
    data = _data(page, "kg-data")
    assert sorted(data["meta"]) == sorted(top[:100])  # the 100 best-connected nodes are searchable
    assert len(_data(page, "kg-nodes")) == 20 and len(data["extraNodes"]) == 80
    kept = set(top[:100])
    inside = sum(1 for u, v in g.edges() if u in kept and v in kept)
    assert len(_data(page, "kg-edges")) + len(data["extraEdges"]) == inside == data["indexed"]["edges"]
    assert data["total"] == {"nodes": 300, "edges": g.number_of_edges()}
    assert all(data["meta"][n]["degree"] == deg[n] for n in kept)  # the panel counts every relation
    m = data["meta"][top[50]]
    assert len(m["evidence"]) == MAX_EVIDENCE and m["evidenceTotal"] == MAX_EVIDENCE + 5
    assert len(_data(render_html(g, max_nodes=30), "kg-data")["meta"]) == 150  # default index: 5 × max_nodes
