"""End to end on the seeds: invariants, acceptance facts, determinism, bad input."""

import json
import os
from pathlib import Path
from operator import itemgetter

import networkx as nx
import rdflib

from kg.export import write_outputs
from kg.ingest import read_documents
from kg.pipeline import build

from conftest import SEEDS


def test_every_evidence_slices_its_source(seed_build):
    arts = {a.article_id: a for a in seed_build.articles}
    docs = {d.path: d for d in read_documents([SEEDS])[0]}
    checked = 0
    for item in [d for _, d in seed_build.graph.nodes(data=True)] + [d for *_, d in seed_build.graph.edges(data=True)]:
        for ev in item.get("evidence", []):
            art = arts[ev["article"]]
            assert art.text[ev["start"]:ev["end"]] == ev["text"]
            assert art.text[ev["sentence_start"]:ev["sentence_end"]] == ev["sentence"]
            if ev["source_start"] is not None:
                assert docs[ev["source"]].text[ev["source_start"]:ev["source_end"]] == ev["text"]
                checked += 1
    assert checked > 300


def test_edges_have_endpoints_and_text_edges_have_evidence(seed_build):
    g = seed_build.graph
    for s, o, d in g.edges(data=True):
        assert s in g and o in g
        if d["origin"] == "text":
            assert d["evidence"], (s, d["predicate"], o)


def test_acceptance_facts(seed_build):
    g = seed_build.graph
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    by_label = {}
    for n, lab in labels.items():
        by_label.setdefault(lab, []).append(n)
    # 000 and 001 are one article with two sources.
    two = [a for a in seed_build.articles if len(a.sources) == 2]
    assert len(two) == 1
    # 华垅社区 sits in 石峰区, not 天元区.
    hl = by_label["华垅社区"][0]
    ancestors = nx.descendants(nx.DiGraph([(s, o) for s, o, d in g.edges(data=True)
                                           if d["predicate"] == "containedInPlace"]), hl)
    names = {labels[a] for a in ancestors}
    assert {"石峰区", "株洲市", "湖南省"} <= names and "天元区" not in names
    # Abbreviations resolve in context and generic words never become entities.
    assert "天元区人民法院" in by_label
    assert "program/三社联动" in g and "program/一盔一带" in g
    for generic in ("社区", "居民", "网格员", "安全带", "交警部门"):
        assert generic not in by_label


def test_turtle_parses_and_builds_are_byte_identical(seed_build, toolkit, tmp_path, monkeypatch):
    import kg.export

    monkeypatch.setattr(kg.export, "FORK_MIN_EDGES", 0)
    monkeypatch.setattr(kg.export, "can_fork", lambda: hasattr(os, "fork"))  # even beside an idle Dask thread
    a = write_outputs(seed_build, tmp_path / "a")
    # As kg build does: every file written from the records (Turtle/TriG by a forked child), no graph built.
    again = build([SEEDS], toolkit=toolkit, lazy_graph=True)
    assert not again.graph_built and "graph" not in again.timings
    b = write_outputs(again, tmp_path / "b", workers=2)
    assert not again.graph_built and "graph" not in again.timings
    assert ("rdf_writer" in again.stats) == hasattr(os, "fork")
    for key in a:
        assert a[key].read_bytes() == b[key].read_bytes(), key
    c = write_outputs(again, tmp_path / "c", workers=1)  # in turn, in this process
    for key in a:
        assert a[key].read_bytes() == c[key].read_bytes(), key
    # The validation runs in a second child then; its result comes back through the pipe.
    from kg.export import write_and_validate

    _, forked = write_and_validate(again, tmp_path / "d", workers=2)
    _, in_turn = write_and_validate(again, tmp_path / "e", workers=1)
    assert forked == in_turn and forked.warnings > 0 and "whole graph" in forked.text
    assert ("validator" in again.stats) == hasattr(os, "fork")
    # Room for the writer only: the validation runs here, beside it.
    monkeypatch.setattr(kg.export, "memory_allows_fork", lambda factor=1.0: factor < 1.5)
    again.stats.pop("validator", None)
    _, beside = write_and_validate(again, tmp_path / "f", workers=2)
    assert beside == in_turn and "validator" not in again.stats
    g = rdflib.Graph().parse(a["ttl"], format="turtle")
    assert len(g) > 1000
    html = a["html"].read_text(encoding="utf-8")
    assert "https://cdn" not in html and "<script src=" not in html
    data = json.loads(a["json"].read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="links", multigraph=True, directed=True)
    assert back.number_of_nodes() == seed_build.graph.number_of_nodes()


def test_bad_inputs_are_skipped_and_the_rest_builds(toolkit, tmp_path):
    (tmp_path / "good.txt").write_text("攸县人民法院开展国际禁毒日普法宣传活动。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    kg = build([tmp_path], toolkit=toolkit)
    assert {Path(s.path).name for s in kg.skipped} == {"empty.txt", "bin.txt"}
    assert "org/攸县人民法院" in kg.graph


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    """Dask workers and spawned processes have their own PYTHONHASHSEED; the graph must not change with it."""
    import os
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEEDS), "--out", str(out), "-q",
                            "--no-validate", "--no-cache", "-j", "1"], env=env, capture_output=True, text=True,
                           timeout=300)
        assert r.returncode == 0, r.stderr
        outs.append(out)
    for name in ("graph.ttl", "graph.trig", "graph.json", "graph.html"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_graph_evidence_dicts_are_the_records_to_dict_in_key_order(seed_build):
    """build_graph makes the evidence dicts itself (compiled); they must equal Evidence.to_dict, keys in order."""
    g = seed_build.graph
    key = itemgetter("article", "start", "end")
    checked = 0
    for e in seed_build.entities:
        want = sorted((x.to_dict() for x in e.evidence), key=key)
        assert [list(d.items()) for d in g.nodes[e.id]["evidence"]] == [list(w.items()) for w in want]
        checked += len(want)
    assert checked > 300
