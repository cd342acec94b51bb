"""Self-contained interactive HTML viewer for the knowledge graph.

The page is built with pyvis (nodes and edges go through a
:class:`pyvis.network.Network`) but rendered with our own Jinja template
(``kg/templates/viewer.html``) that inlines vis-network from the installed
pyvis package: no CDN, no Bootstrap, zero network requests.

* Layout is precomputed here (radial BFS tree per connected component, the
  components shelf-packed) and physics is disabled, so big graphs open fast.
* Above ``max_nodes`` only the top-N nodes by degree are drawn; the metadata
  of up to ``max_index_nodes`` nodes (default five times ``max_nodes``, again
  by degree) and the edges between them are embedded as JSON, so search
  reaches them and selecting a hidden one adds it and its neighbours.  Each
  node and edge embeds at most :data:`MAX_EVIDENCE` evidence rows (the panel
  says how many more there are), so the page stays a few megabytes whatever
  the corpus size; graph.json and the RDF keep everything.  Only what the page cannot rebuild is embedded: hidden
  nodes and edges are compact rows (their labels, colours and titles come
  from the metadata and the legend), edge metadata leaves out defaults, and a
  ``mentions`` edge whose evidence is its node's evidence in that article
  (the usual case) does not repeat it.  A 10 MB corpus gives a page less than
  half the size of embedding everything.
* Output is deterministic: sorted iteration, no random ids or timestamps.
* ``kg build`` writes the page from the records (:func:`write_html_records`)
  without building the whole graph: the whole-graph figures come from the
  records (:mod:`kg.viewer_figures`) and only the embedded nodes are built.

Usage::

    from kg.viewer import write_html
    write_html(graph, Path("out/graph.html"), max_nodes=2000, title="知识图谱")
"""

from __future__ import annotations

import html
import json
import math
import os
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from .assembly import build_graph
from .gc_control import gc_paused
from .graph import PREDICATE_LABELS
from .model import Article, Entity, Relation
from .rdf.turtle import atomic_open
from .viewer_figures import INDEX_FACTOR, Figures, graph_figures, record_figures, selection
from .viewer_layout import layout as _layout
from .viewer_style import PREDICATE_COLOURS, SUBTYPE_LABELS, TYPE_LABELS
from .viewer_style import legend as _legend
from .viewer_style import predicates as _predicates
from .viewer_style import styles as _styles

__all__ = ["render_html", "write_html", "render_html_records", "write_html_records", "INDEX_FACTOR", "TYPE_LABELS", "SUBTYPE_LABELS"]

TEMPLATE = "viewer.html"
VIS_DIR = "templates/lib/vis-9.1.2"
FONT_FACE = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'

BIG = 1500  # above this many drawn edges, hide edges while dragging/zooming
MAX_EVIDENCE = 10  # evidence rows embedded per node or edge


def write_html(
    graph: nx.MultiDiGraph, path: Path, *, max_nodes: int = 2000, title: str = "知识图谱",
    max_index_nodes: int | None = None,
) -> Path:
    """Render ``graph`` and write it atomically to ``path``; return ``path``."""
    return _write(path, render_html(graph, max_nodes=max_nodes, title=title, max_index_nodes=max_index_nodes))


def render_html(graph: nx.MultiDiGraph, *, max_nodes: int = 2000, title: str = "知识图谱",
                max_index_nodes: int | None = None) -> str:
    """Return the viewer page for ``graph`` as one self-contained HTML string.

    ``max_nodes`` nodes (by degree) are drawn; ``max_index_nodes`` (default
    ``INDEX_FACTOR * max_nodes``) are embedded for search and expansion.
    """
    # The page's ~10^6 short-lived objects hold no cycles; a collection meanwhile would also
    # traverse the graph's (~3 s CPU at 10 MB when it is not frozen).
    with gc_paused():
        return _graph_page(graph, max_nodes, title, max_index_nodes)


def _graph_page(graph: nx.MultiDiGraph, max_nodes: int, title: str, max_index_nodes: int | None) -> str:
    figures = graph_figures(graph)
    nodes, shown, kept = selection(figures.degree, max_nodes, max_index_nodes)
    return _page(graph, figures, nodes, shown, kept, title)


def write_html_records(
    articles: list[Article], entities: list[Entity], relations: list[Relation], path: Path, *,
    max_nodes: int = 2000, title: str = "知识图谱", max_index_nodes: int | None = None,
) -> Path:
    """:func:`write_html` of ``build_graph(articles, entities, relations)``, without building all of it."""
    return _write(path, render_html_records(articles, entities, relations, max_nodes=max_nodes, title=title,
                                            max_index_nodes=max_index_nodes))


def _write(path: Path, text: str) -> Path:
    path = Path(path)
    with atomic_open(path) as fh:
        fh.write(text)
    return path


def render_html_records(articles: list[Article], entities: list[Entity], relations: list[Relation], *,
                        max_nodes: int = 2000, title: str = "知识图谱", max_index_nodes: int | None = None) -> str:
    """:func:`render_html` of ``build_graph(articles, entities, relations)``, the same string.

    The page embeds a few thousand nodes of a graph that may have 10^5 (those
    with the highest degree), but also says things about all of them (counts,
    the article filter).  Those figures come from a pass over the records;
    only the embedded nodes and the edges between them are built as a graph.
    Relations are expected to be unique per (subject, object, edge key), as
    :func:`kg.assembly.assemble` makes them (build_graph would keep the last of several).
    """
    with gc_paused():  # the part graph is short-lived and acyclic; it is freed before the GC is back
        return _records_page(articles, entities, relations, max_nodes, title, max_index_nodes)


def _records_page(articles: list[Article], entities: list[Entity], relations: list[Relation], max_nodes: int,
                  title: str, max_index_nodes: int | None) -> str:
    figures = record_figures(articles, entities, relations)
    if figures is None:  # records the graph would merge or reject: build it whole, as render_html does
        return _graph_page(build_graph(articles, entities, relations), max_nodes, title, max_index_nodes)
    nodes, shown, kept = selection(figures.degree, max_nodes, max_index_nodes)
    part = build_graph([a for a in articles if f"article/{a.article_id}" in kept],
                       [e for e in entities if e.id in kept],
                       [r for r in relations if r.subject in kept and r.object in kept])
    return _page(part, figures, nodes, shown, kept, title)


def _page(graph: nx.MultiDiGraph, figures: Figures, nodes: list[str], shown: set[str], kept: set[str],
          title: str) -> str:
    """The page embedding ``nodes`` (``kept``, in id order) and the edges between them.

    ``graph`` holds at least those nodes and every edge between them: the whole
    graph, or only that part of it (:func:`render_html_records`).
    """
    degree = figures.degree
    succ = graph._succ
    edges: list[tuple[str, str, object, dict]] = []  # (u, v, key, data) with both ends embedded
    adj: dict[str, set] = {n: set() for n in nodes}
    for u in nodes:
        for v, keyed in succ[u].items():
            if v in kept:
                edges.extend((u, v, k, d) for k, d in keyed.items())
                if u != v:
                    adj[u].add(v)
                    adj[v].add(u)
    edges.sort(key=lambda e: (e[0], e[1], str(e[2])))
    pos = _layout({n: sorted(adj[n]) for n in nodes}, nodes)
    type_counts = figures.type_counts
    styles = _styles(type_counts)
    sentences = _Sentences()

    net = _Network(directed=True, height="100%", width="100%")
    extra_nodes, meta = [], {}
    for n in nodes:
        d = graph.nodes[n]
        meta[n] = m = _node_meta(d, degree[n], sentences)
        weight = degree[n] + m["mentions"]
        size = round(9 + 4 * math.log2(1 + weight), 1)
        x, y = pos[n]
        if n in shown:
            colour, shape = styles[(d.get("type", ""), d.get("subtype", ""))]
            net.add_node(n, label=d.get("label") or n, shape=shape, color=colour, size=size, x=x, y=y,
                         title=_node_title(d))
        else:  # label, style and title are rebuilt in the page from meta and the legend
            extra_nodes.append([n, size, x, y])

    # Mentions edges carry the node's own evidence in that article: the page
    # derives it from meta instead of embedding it twice.
    article_of = [key[0] for key in sentences.index]
    by_article: dict[str, dict[str, list]] = {}  # node -> article -> its evidence there, grouped once

    def evidence_in(node: str, aid: str) -> list:
        groups = by_article.get(node)
        if groups is None:
            groups = by_article[node] = defaultdict(list)
            for x in meta[node]["evidence"]:
                groups[article_of[x[0]]].append(x)
        return groups.get(aid, [])

    extra_edges: list[list] = []
    edge_meta: dict[str, dict] = {}
    parallel: Counter[tuple[str, str]] = Counter()
    for i, (u, v, ekey, d) in enumerate(edges):
        eid = f"e{i}"
        pred = d.get("predicate") or str(ekey)
        label = d.get("label") or PREDICATE_LABELS.get(pred, pred)
        pair = (min(u, v), max(u, v))
        roundness = round(0.2 * parallel[pair], 2)  # bend parallel edges apart
        parallel[pair] += 1
        em = {}
        if label != PREDICATE_LABELS.get(pred, pred):
            em["label"] = label
        if d.get("role"):
            em["role"] = d["role"]
        if d.get("origin", "") != "text":
            em["origin"] = d.get("origin", "")
        items = d.get("evidence") or []
        evidence = _evidence(items[:MAX_EVIDENCE], sentences)
        if len(items) > MAX_EVIDENCE:
            em["evidenceTotal"] = len(items)
            em["evidence"] = evidence
        elif not (pred == "mentions" and u.startswith("article/") and evidence == evidence_in(v, u[8:])):
            em["evidence"] = evidence
        edge_meta[eid] = em
        if u in shown and v in shown:
            disp = {"id": eid, "title": f"{label}：{graph.nodes[u].get('label') or u} → {graph.nodes[v].get('label') or v}",
                    "color": PREDICATE_COLOURS.get(pred, "#999999"), "pred": pred}
            if roundness:
                disp["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": roundness}
            net.add_edge(u, v, **disp)
        else:  # title, colour and arrow are rebuilt in the page
            extra_edges.append([u, v, eid, pred, roundness])

    net.options = _options(len(net.edges) > BIG or len(extra_edges) > BIG)
    data = {
        "meta": meta,
        "edgeMeta": edge_meta,
        "extraNodes": extra_nodes,
        "extraEdges": extra_edges,
        "sentences": [list(s) for s in sentences.index],
        "articles": _articles(graph, figures.articles, nodes),
        "legend": _legend(type_counts, styles),
        "predicates": _predicates(figures.pred_counts),
        "typeLabels": TYPE_LABELS,
        "subtypeLabels": SUBTYPE_LABELS,
        "total": {"nodes": len(degree), "edges": figures.n_edges},
        "indexed": {"nodes": len(nodes), "edges": len(edges)},
    }
    return _render(net, title=title, data=data)


class _Network(Network):
    """pyvis Network whose edge endpoint check is O(1) instead of a list scan."""

    def get_nodes(self):
        return self.node_map.keys()


def _render(net: Network, *, title: str, data: dict) -> str:
    vis = resources.files("pyvis").joinpath(VIS_DIR)
    vis_js = vis.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    vis_css = vis.joinpath("vis-network.css").read_text(encoding="utf-8")
    nodes, edges, _heading, _h, _w, options = net.get_network_data()
    with resources.as_file(resources.files("kg").joinpath("templates")) as tdir:
        net.set_template_dir(str(tdir) + os.sep, TEMPLATE)
        template = net.templateEnv.get_template(net.path)
        return template.render(
            title=html.escape(title),
            font_face=FONT_FACE,
            vis_js=vis_js.replace("</script", "<\\/script"),
            vis_css=vis_css.replace("</style", "<\\/style"),
            nodes_json=_json(nodes),
            edges_json=_json(edges),
            options_json=_json(json.loads(options)),
            data_json=_json(data),
        )


def _json(obj) -> str:
    """JSON safe to embed in a <script type="application/json"> block."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _options(big: bool) -> dict:
    font = {"face": FONT_FACE, "size": 14, "color": "#1a1a1a", "strokeWidth": 3, "strokeColor": "#ffffff"}
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "physics": {"enabled": False},
        "nodes": {"borderWidth": 1, "font": font},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "smooth": False, "width": 1,
                  "selectionWidth": 2.5, "hoverWidth": 1, "font": {"face": FONT_FACE, "size": 12, "align": "middle"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": False,
                        "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
    }


def _articles(graph: nx.MultiDiGraph, every: dict[str, dict], nodes: list[str]) -> dict[str, dict]:
    """Every article (for the article filter), and any article only known through the embedded nodes' sources."""
    out = dict(every)
    node_data = graph._node
    for n in nodes:
        for aid in node_data[n].get("sources") or []:
            if aid not in out:
                out[aid] = {"title": "", "files": [], "date": ""}
    return dict(sorted(out.items()))


def _node_meta(d: dict, degree: int, sentences: _Sentences) -> dict:
    m = {
        "label": d.get("label", ""),
        "aliases": list(d.get("aliases") or []),
        "type": d.get("type", ""),
        "subtype": d.get("subtype", "") or "",
        "code": d.get("code", "") or "",
        "sources": list(d.get("sources") or []),
        "mentions": int(d.get("mentions", 0) or 0),
        "degree": degree,
        "evidence": _evidence((d.get("evidence") or [])[:MAX_EVIDENCE], sentences),
    }
    if len(d.get("evidence") or ()) > MAX_EVIDENCE:
        m["evidenceTotal"] = len(d["evidence"])
    if d.get("type") == "Article":
        m.update(files=list(d.get("files") or []), authors=list(d.get("authors") or []), date=d.get("date", ""))
    return m


class _Sentences:
    """Evidence sentences shared by the page, and each evidence dict encoded once.

    A dict shared by a node and its mentions edge (see :func:`kg.graph.build_graph`)
    is encoded once; the graph outlives the rendering, so ids are stable.
    """

    def __init__(self) -> None:
        self.index: dict[tuple, int] = {}  # (article, start, sentence, source) -> sentence id
        self.rows: dict[int, list[int]] = {}  # id(evidence dict) -> [sentence id, start, end]

    def encode(self, items: list) -> list[list[int]]:
        out = []
        for ev in items:
            row = self.rows.get(id(ev))
            if row is None:
                key = (ev.get("article", ""), int(ev.get("sentence_start") or 0), ev.get("sentence", ""),
                       ev.get("source", "") or "")
                sid = self.index.setdefault(key, len(self.index))
                row = self.rows[id(ev)] = [sid, int(ev.get("start") or 0), int(ev.get("end") or 0)]
            out.append(row)
        return out


def _evidence(items: list, sentences: _Sentences) -> list[list[int]]:
    """Evidence dicts -> [sentence index, start, end]; sentences are shared."""
    return sentences.encode(items)


def _node_title(d: dict) -> str:
    t, s = d.get("type", ""), d.get("subtype", "")
    kind = TYPE_LABELS.get(t, t) + (f"·{SUBTYPE_LABELS.get(s, s)}" if s else "")
    code = f" {d['code']}" if d.get("code") else ""
    return f"{d.get('label', '')}（{kind}{code}）"
