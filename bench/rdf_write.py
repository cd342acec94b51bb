"""Speed of the RDF writers on a large synthetic graph (not part of the unit tests).

Usage:  python bench/rdf_write.py [--triples 1000000] [--rdflib-triples 100000] [--out DIR]

Builds a synthetic ``networkx.MultiDiGraph`` that follows the graph contract
(kg/graph.py docstring: places in a containment tree with division codes,
organisations with jurisdiction, people with roles, programmes, documents,
events, articles with bylines, every entity and text relation with evidence
spans and sentences) sized to about ``--triples`` RDF triples, then times:

* ``kg turtle``  kg.rdf.turtle_text + atomic write (the writer ``kg build`` uses)
* ``kg trig``    kg.rdf.trig_text + atomic write
* ``oxigraph``   the same triples (parsed from our Turtle) -> pyoxigraph.serialize (Turtle),
                 unsorted (input order) and sorted (a deterministic order); includes our writer's time
* ``rdflib``     kg.rdf.to_rdf(graph).serialize(format="turtle"), on a smaller graph of
                 ``--rdflib-triples`` (its serializer is superlinear: ~8k triples/s at 30k,
                 ~3k triples/s at 100k; 0 skips it)

and prints triples/s for each, plus whether two runs of the kg writers are
byte-identical.  Times include building the terms from the networkx graph.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.graph import PREDICATE_LABELS  # noqa: E402
from kg.rdf import PREFIXES, to_rdf, trig_text, turtle_text  # noqa: E402
from kg.rdf.turtle import atomic_write  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌海燕鹏飞宇"
ROLES = ("记者", "法官", "检察官", "民警", "书记", "主任", "局长", "网格员", "社工", "志愿者")
ORG_KINDS = (("government", "民政局"), ("judicial", "人民法院"), ("police", "公安分局"), ("party", "区委"),
             ("social", "社会工作服务中心"), ("media", "日报"))


def _ev(article: str, start: int, text: str, sentence: str, s0: int, fname: str) -> dict:
    return {
        "article": article, "start": start, "end": start + len(text), "text": text,
        "sentence_start": s0, "sentence_end": s0 + len(sentence), "sentence": sentence,
        "source": fname, "source_start": start + 40, "source_end": start + 40 + len(text),
    }


def synthetic_graph(scale: int) -> nx.MultiDiGraph:
    """About 1,000 triples per unit of ``scale`` (one district with its streets, organisations, people…)."""
    g = nx.MultiDiGraph()
    node = g.add_node
    articles = []
    for a in range(scale * 3):
        aid = f"{a:012x}"
        articles.append(aid)
        node(f"article/{aid}", type="Article", subtype="", label=f"第{a}号稿件 社区治理新实践", aliases=[], code="",
             sources=[aid], mentions=0, evidence=[], files=[f"news/{a // 100:04d}/{aid}.txt"],
             authors=[SURNAMES[a % 50] + GIVEN[a % 37]], date=f"2021-{a % 12 + 1:02d}-{a % 28 + 1:02d}")
    pos = {aid: 0 for aid in articles}

    def mention(label: str, k: int) -> list[dict]:
        out = []
        for j in range(2):
            aid = articles[(k * 7 + j * 13) % len(articles)]
            p = pos[aid]
            pos[aid] = p + len(label) + 30
            sentence = f"据悉，{label}近日开展了一系列社区治理与服务活动。"
            out.append(_ev(aid, p + 3, label, sentence, p, f"news/{aid}.txt"))
        return out

    def ent(nid, ntype, subtype, label, k, code="", aliases=()):
        ev = mention(label, k)
        node(nid, type=ntype, subtype=subtype, label=label, aliases=sorted(aliases), code=code,
             sources=sorted({e["article"] for e in ev}), mentions=len(ev), evidence=ev)
        return ev

    def rel(u, v, pred, ev, role="", origin="text"):
        key = pred + (f"#{role}" if role else "")
        g.add_edge(u, v, key=key, predicate=pred, label=PREDICATE_LABELS.get(pred, pred), role=role, origin=origin,
                   evidence=ev)

    ent("place/43", "Place", "province", "湖南省", 0, "43")
    k = 1
    for d in range(scale):
        dcode = f"43{d // 20 + 1:02d}{d % 20 + 1:02d}"
        dist = f"place/{dcode}"
        dname = f"第{d}区"
        ent(dist, "Place", "district", dname, k, dcode)
        rel(dist, "place/43", "containedInPlace", [], origin="gazetteer")
        k += 1
        for s in range(3):
            scode = f"{dcode}{s + 1:03d}"
            sid = f"place/{scode}"
            ev = ent(sid, "Place", "street", f"{dname}第{s}街道", k, scode, aliases=[f"{s}街道"])
            rel(sid, dist, "containedInPlace", ev[:1])
            k += 1
            for c in range(2):
                ccode = f"{scode}{c + 1:03d}"
                ev = ent(f"place/{ccode}", "Place", "community", f"{dname}{s}街{c}社区", k, ccode)
                rel(f"place/{ccode}", sid, "containedInPlace", ev[:1], origin="gazetteer" if c else "text")
                k += 1
        for kind, suffix in ORG_KINDS[:4]:
            oid = f"org/{dname}{suffix}"
            ev = ent(oid, "Organization", kind, f"{dname}{suffix}", k)
            rel(oid, dist, "jurisdiction", ev[:1])
            k += 1
            for p in range(2):
                name = SURNAMES[k % 50] + GIVEN[k % 37] + GIVEN[(k // 37) % 37]
                pid = f"person/{name}{d}"
                ev = ent(pid, "Person", "", name, k)
                role = ROLES[k % len(ROLES)]
                rel(pid, oid, "memberOf", ev[:1], role=role)
                k += 1
        prog = f"program/{dname}三社联动"
        ev = ent(prog, "Program", "", f"{dname}三社联动", k)
        rel(f"org/{dname}民政局", prog, "implements", ev[:1])
        rel(f"org/{dname}区委", f"org/{dname}民政局", "collaboratesWith", ev[1:])
        k += 1
        doc = f"document/关于{dname}社区治理的意见"
        ev = ent(doc, "Document", "", f"关于{dname}社区治理的意见", k)
        rel(doc, f"org/{dname}区委", "issuedBy", ev[:1])
        k += 1
        event = f"event/{dname}平安宣传周"
        ev = ent(event, "Event", "", f"{dname}平安宣传周", k)
        rel(event, dist, "locatedIn", ev[:1])
        rel(f"org/{dname}公安分局", event, "participatesIn", ev[1:])
        k += 1
        for nid in (dist, prog, doc, event):
            for e in g.nodes[nid]["evidence"]:
                rel(f"article/{e['article']}", nid, "mentions", [e])
    return g


def count_triples(graph: nx.MultiDiGraph) -> int:
    import pyoxigraph as ox

    return len(set(ox.parse(turtle_text(graph).encode("utf-8"), format=ox.RdfFormat.TURTLE)))


def time_it(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def oxigraph_write(graph: nx.MultiDiGraph, path: Path, *, sort: bool) -> Path:
    """pyoxigraph's serializer over the same statements (parsed from our Turtle)."""
    import pyoxigraph as ox

    triples = list(ox.parse(turtle_text(graph).encode("utf-8"), format=ox.RdfFormat.TURTLE))
    seq = sorted(triples, key=str) if sort else triples
    ox.serialize(seq, str(path), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="approximate size (default 1,000,000)")
    ap.add_argument("--rdflib-triples", type=int, default=100_000,
                    help="size of the graph for rdflib serialize (default 100,000; 0 skips it)")
    ap.add_argument("--out", type=Path, help="folder for the files (default: a temporary folder)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    probe = count_triples(synthetic_graph(10)) / 10
    graph = synthetic_graph(max(1, round(args.triples / probe)))
    n = count_triples(graph)
    print(f"synthetic graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges, "
          f"{n:,} triples (made in {time.perf_counter() - t0:.1f}s)")
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    out.mkdir(parents=True, exist_ok=True)

    runs = [
        ("kg turtle (sorted)", graph, n, "kg.ttl", lambda: atomic_write(out / "kg.ttl", turtle_text(graph))),
        ("kg trig (sorted)", graph, n, "kg.trig", lambda: atomic_write(out / "kg.trig", trig_text(graph))),
        ("oxigraph turtle (input order)", graph, n, None, lambda: oxigraph_write(graph, out / "ox.ttl", sort=False)),
        ("oxigraph turtle (sorted)", graph, n, None, lambda: oxigraph_write(graph, out / "ox_sorted.ttl", sort=True)),
    ]
    if args.rdflib_triples:
        small = synthetic_graph(max(1, round(min(args.triples, args.rdflib_triples) / probe)))
        n_small = count_triples(small)
        runs.append(("rdflib serialize turtle", small, n_small, None,
                     lambda: to_rdf(small).serialize(destination=str(out / "rdflib.ttl"), format="turtle")))
    rows = []
    for name, _, size, path, fn in runs:
        secs, _ = time_it(fn)
        det = ""
        if path:
            first = hashlib.sha256((out / path).read_bytes()).hexdigest()
            fn()
            det = "yes" if hashlib.sha256((out / path).read_bytes()).hexdigest() == first else "NO"
        rows.append((name, size, secs, size / secs, det))
        print(f"  {name}: {secs:.1f}s", file=sys.stderr)
    print(f"\n{'writer':<32}{'triples':>11}{'seconds':>9}{'triples/s':>12}  byte-identical rerun")
    for name, size, secs, rate, det in rows:
        print(f"{name:<32}{size:>11,}{secs:>9.1f}{rate:>12,.0f}  {det}")
    print(f"\nfiles in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
