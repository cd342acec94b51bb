"""Self-contained interactive HTML viewer for the knowledge graph.

The page is built with pyvis (nodes and edges go through a
:class:`pyvis.network.Network`) but rendered with our own Jinja template
(``kg/templates/viewer.html``) that inlines vis-network from the installed
pyvis package: no CDN, no Bootstrap, zero network requests.

* Layout is precomputed here (radial BFS tree per connected component, the
  components shelf-packed) and physics is disabled, so big graphs open fast.
* Above ``max_nodes`` only the top-N nodes by degree are drawn; the full node
  index, every node's metadata and the hidden nodes/edges are embedded as
  JSON, so search reaches every node and selecting a hidden node adds it and
  its neighbours.
* Output is deterministic: sorted iteration, no random ids or timestamps.

Usage::

    from kg.viewer import write_html
    write_html(graph, Path("out/graph.html"), max_nodes=2000, title="知识图谱")
"""

from __future__ import annotations

import html
import json
import math
import os
import tempfile
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from .graph import PREDICATE_LABELS

__all__ = ["render_html", "write_html", "TYPE_LABELS", "SUBTYPE_LABELS"]

TEMPLATE = "viewer.html"
VIS_DIR = "templates/lib/vis-9.1.2"
FONT_FACE = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'

#: Chinese names of the entity types, in legend order.
TYPE_LABELS = {
    "Place": "地点",
    "Organization": "机构",
    "Person": "人物",
    "Program": "项目举措",
    "Document": "文件",
    "Event": "事件",
    "Article": "文章",
}
#: (colour, vis shape) per entity type; subtypes refine the colour.
TYPE_STYLE = {
    "Place": ("#3182bd", "dot"),
    "Organization": ("#d62728", "square"),
    "Person": ("#ff7f0e", "triangle"),
    "Program": ("#2ca02c", "diamond"),
    "Document": ("#9467bd", "hexagon"),
    "Event": ("#e6ab02", "star"),
    "Article": ("#7f7f7f", "triangleDown"),
}
#: Chinese names of place levels and organisation kinds.
SUBTYPE_LABELS = {
    "province": "省级", "city": "市级", "district": "区县级",
    "street": "街道乡镇", "community": "社区村",
    "government": "政府部门", "party": "党组织", "police": "公安",
    "court": "法院", "procuratorate": "检察院", "committee": "委员会",
    "enterprise": "企业", "social": "社会组织", "school": "学校",
    "hospital": "医院", "media": "媒体", "judicial": "司法机关", "education": "教育机构",
    "military": "军队", "other": "其他", "country": "国家", "region": "区域", "mountain": "山",
    "river": "河流", "lake": "湖泊", "zone": "园区",
}
SUBTYPE_STYLE = {
    ("Place", "province"): ("#08306b", "dot"),
    ("Place", "city"): ("#2171b5", "dot"),
    ("Place", "district"): ("#4292c6", "dot"),
    ("Place", "street"): ("#6baed6", "dot"),
    ("Place", "community"): ("#9ecae1", "dot"),
    ("Organization", "government"): ("#a50f15", "square"),
    ("Organization", "party"): ("#e31a1c", "star"),
    ("Organization", "police"): ("#1f3a93", "square"),
    ("Organization", "court"): ("#6a3d9a", "square"),
    ("Organization", "procuratorate"): ("#8c510a", "square"),
    ("Organization", "committee"): ("#fb6a4a", "square"),
    ("Organization", "enterprise"): ("#b15928", "square"),
    ("Organization", "social"): ("#f768a1", "square"),
    ("Organization", "school"): ("#41ab5d", "square"),
    ("Organization", "hospital"): ("#17becf", "square"),
    ("Organization", "media"): ("#bcbd22", "square"),
}
#: Fallback colours for subtypes not listed above (assigned in sorted order).
EXTRA_COLOURS = ["#8dd3c7", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#bc80bd"]
PREDICATE_COLOURS = {
    "containedInPlace": "#6baed6",
    "jurisdiction": "#08519c",
    "subOrganizationOf": "#d62728",
    "memberOf": "#ff7f0e",
    "implements": "#2ca02c",
    "issuedBy": "#9467bd",
    "collaboratesWith": "#e377c2",
    "participatesIn": "#bcbd22",
    "locatedIn": "#17becf",
    "author": "#8c564b",
    "mentions": "#c7c7c7",
}
STEP, SPACING, GAP = 140.0, 46.0, 120.0  # layout: ring step, arc spacing, component gap
BIG = 1500  # above this many drawn edges, hide edges while dragging/zooming


def write_html(
    graph: nx.MultiDiGraph, path: Path, *, max_nodes: int = 2000, title: str = "知识图谱"
) -> Path:
    """Render ``graph`` and write it atomically to ``path``; return ``path``."""
    path = Path(path)
    text = render_html(graph, max_nodes=max_nodes, title=title)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def render_html(graph: nx.MultiDiGraph, *, max_nodes: int = 2000, title: str = "知识图谱") -> str:
    """Return the viewer page for ``graph`` as one self-contained HTML string."""
    nodes = sorted(graph.nodes)
    degree = {n: graph.degree(n) for n in nodes}
    shown = set(sorted(nodes, key=lambda n: (-degree[n], n))[: max(0, max_nodes)])
    adj: dict[str, set] = {n: set() for n in nodes}
    for u, v in graph.edges():
        if u != v:
            adj[u].add(v)
            adj[v].add(u)
    pos = _layout({n: sorted(adj[n]) for n in nodes}, nodes)
    styles = _styles(graph)
    sentences: dict[tuple, int] = {}

    net = _Network(directed=True, height="100%", width="100%")
    extra_nodes, meta = [], {}
    for n in nodes:
        d = graph.nodes[n]
        meta[n] = _node_meta(d, degree[n], sentences)
        colour, shape = styles[(d.get("type", ""), d.get("subtype", ""))]
        weight = degree[n] + int(d.get("mentions", 0) or 0)
        disp = {
            "label": d.get("label") or n,
            "shape": shape,
            "color": colour,
            "size": round(9 + 4 * math.log2(1 + weight), 1),
            "x": pos[n][0],
            "y": pos[n][1],
            "title": _node_title(d),
        }
        if n in shown:
            net.add_node(n, **disp)
        else:
            extra_nodes.append({"id": n, **disp})

    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    extra_edges, edge_meta, parallel = [], {}, Counter()
    for i, (u, v, k, d) in enumerate(edges):
        eid = f"e{i}"
        pred = d.get("predicate") or str(k)
        label = d.get("label") or PREDICATE_LABELS.get(pred, pred)
        pair = (min(u, v), max(u, v))
        disp = {
            "id": eid,
            "title": f"{label}：{graph.nodes[u].get('label') or u} → {graph.nodes[v].get('label') or v}",
            "color": PREDICATE_COLOURS.get(pred, "#999999"),
            "pred": pred,
        }
        if parallel[pair]:  # bend parallel edges apart
            disp["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.2 * parallel[pair], 2)}
        parallel[pair] += 1
        edge_meta[eid] = {
            "from": u, "to": v, "predicate": pred, "label": label, "role": d.get("role", ""),
            "origin": d.get("origin", ""), "evidence": _evidence(d.get("evidence") or [], sentences),
        }
        if u in shown and v in shown:
            net.add_edge(u, v, **disp)
        else:
            extra_edges.append({"from": u, "to": v, "arrows": "to", **disp})

    net.options = _options(len(net.edges) > BIG or len(extra_edges) > BIG)
    data = {
        "meta": meta,
        "edgeMeta": edge_meta,
        "extraNodes": extra_nodes,
        "extraEdges": extra_edges,
        "sentences": [list(s) for s in sentences],
        "articles": _articles(graph),
        "legend": _legend(graph, styles),
        "predicates": _predicates(edges),
        "typeLabels": TYPE_LABELS,
        "subtypeLabels": SUBTYPE_LABELS,
        "total": {"nodes": len(nodes), "edges": len(edges)},
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


def _styles(graph: nx.MultiDiGraph) -> dict[tuple[str, str], tuple[str, str]]:
    """(type, subtype) -> (colour, shape) for every combination in the graph."""
    keys = sorted({(d.get("type", ""), d.get("subtype", "") or "") for _, d in graph.nodes(data=True)})
    out, extra = {}, 0
    for t, s in keys:
        colour, shape = TYPE_STYLE.get(t, ("#999999", "dot"))
        if (t, s) in SUBTYPE_STYLE:
            colour, shape = SUBTYPE_STYLE[(t, s)]
        elif s:
            colour = EXTRA_COLOURS[extra % len(EXTRA_COLOURS)]
            extra += 1
        out[(t, s)] = (colour, shape)
    return out


def _legend(graph: nx.MultiDiGraph, styles: dict) -> list[dict]:
    counts = Counter((d.get("type", ""), d.get("subtype", "") or "") for _, d in graph.nodes(data=True))
    order = {t: i for i, t in enumerate(TYPE_LABELS)}
    sub_order = {s: i for i, s in enumerate(SUBTYPE_LABELS)}
    rows = []
    key = lambda kv: (order.get(kv[0][0], 99), kv[0][0], sub_order.get(kv[0][1], 99), kv[0][1])  # noqa: E731
    for (t, s), (colour, shape) in sorted(styles.items(), key=key):
        name = TYPE_LABELS.get(t, t) + (f" · {SUBTYPE_LABELS.get(s, s)}" if s else "")
        rows.append({"type": t, "subtype": s, "name": name, "color": colour, "shape": shape, "count": counts[(t, s)]})
    return rows


def _predicates(edges: list) -> list[dict]:
    counts = Counter(d.get("predicate") or str(k) for _, _, k, d in edges)
    return [
        {"predicate": p, "label": PREDICATE_LABELS.get(p, p), "color": PREDICATE_COLOURS.get(p, "#999999"), "count": c}
        for p, c in sorted(counts.items())
    ]


def _articles(graph: nx.MultiDiGraph) -> dict[str, dict]:
    out = {}
    for n, d in sorted(graph.nodes(data=True)):
        if d.get("type") == "Article":
            aid = n.split("/", 1)[1] if n.startswith("article/") else n
            out[aid] = {"title": d.get("label", ""), "files": list(d.get("files") or []), "date": d.get("date", "")}
    for _, d in sorted(graph.nodes(data=True)):  # articles only known through sources
        for aid in d.get("sources") or []:
            out.setdefault(aid, {"title": "", "files": [], "date": ""})
    return dict(sorted(out.items()))


def _node_meta(d: dict, degree: int, sentences: dict) -> dict:
    m = {
        "label": d.get("label", ""),
        "aliases": list(d.get("aliases") or []),
        "type": d.get("type", ""),
        "subtype": d.get("subtype", "") or "",
        "code": d.get("code", "") or "",
        "sources": list(d.get("sources") or []),
        "mentions": int(d.get("mentions", 0) or 0),
        "degree": degree,
        "evidence": _evidence(d.get("evidence") or [], sentences),
    }
    if d.get("type") == "Article":
        m.update(files=list(d.get("files") or []), authors=list(d.get("authors") or []), date=d.get("date", ""))
    return m


def _evidence(items: list, sentences: dict) -> list[list[int]]:
    """Evidence dicts -> [sentence index, start, end]; sentences are shared."""
    out = []
    for ev in items:
        key = (ev.get("article", ""), int(ev.get("sentence_start") or 0), ev.get("sentence", ""), ev.get("source", "") or "")
        sid = sentences.setdefault(key, len(sentences))
        out.append([sid, int(ev.get("start") or 0), int(ev.get("end") or 0)])
    return out


def _node_title(d: dict) -> str:
    t, s = d.get("type", ""), d.get("subtype", "")
    kind = TYPE_LABELS.get(t, t) + (f"·{SUBTYPE_LABELS.get(s, s)}" if s else "")
    code = f" {d['code']}" if d.get("code") else ""
    return f"{d.get('label', '')}（{kind}{code}）"


def _layout(adj: dict[str, list[str]], order: list[str]) -> dict[str, tuple[int, int]]:
    """Deterministic O(V+E) layout: radial BFS tree per component, shelf-packed."""
    seen: set[str] = set()
    comps = []
    for n in order:
        if n in seen:
            continue
        comp, i = [n], 0
        seen.add(n)
        while i < len(comp):
            for m in adj[comp[i]]:
                if m not in seen:
                    seen.add(m)
                    comp.append(m)
            i += 1
        comps.append(comp)
    comps.sort(key=lambda c: (-len(c), c[0]))
    placed = [_radial(c, adj) for c in comps]
    sides = [2 * r + GAP for _, r in placed]
    row_limit = max([max(sides, default=0), math.sqrt(sum(s * s for s in sides)) * 1.1])
    pos: dict[str, tuple[int, int]] = {}
    x = y = row_h = 0.0
    for (local, _), side in zip(placed, sides):
        if x > 0 and x + side > row_limit:
            x, y, row_h = 0.0, y + row_h, 0.0
        cx, cy = x + side / 2, y + side / 2
        for n, (px, py) in local.items():
            pos[n] = (cx + px, cy + py)
        x += side
        row_h = max(row_h, side)
    if not pos:
        return {}
    mx = (min(p[0] for p in pos.values()) + max(p[0] for p in pos.values())) / 2
    my = (min(p[1] for p in pos.values()) + max(p[1] for p in pos.values())) / 2
    return {n: (round(px - mx), round(py - my)) for n, (px, py) in pos.items()}


def _radial(comp: list[str], adj: dict[str, list[str]]) -> tuple[dict[str, tuple[float, float]], float]:
    """Radial tree layout of one component around its highest-degree node."""
    root = min(comp, key=lambda n: (-len(adj[n]), n))
    depth, children, bfs = {root: 0}, defaultdict(list), [root]
    for u in bfs:
        for v in adj[u]:
            if v not in depth:
                depth[v] = depth[u] + 1
                children[u].append(v)
                bfs.append(v)
    leaves: dict[str, int] = {}
    for u in reversed(bfs):
        leaves[u] = sum(leaves[c] for c in children[u]) or 1
    per_depth = Counter(depth.values())
    radius = [0.0]
    for d in range(1, max(per_depth) + 1):
        radius.append(max(radius[-1] + STEP, per_depth[d] * SPACING / (2 * math.pi)))
    wedge = {root: (0.0, 2 * math.pi)}
    local = {}
    for u in bfs:
        a0, a1 = wedge[u]
        r = radius[depth[u]]
        mid = (a0 + a1) / 2
        local[u] = (r * math.cos(mid), r * math.sin(mid))
        total = sum(leaves[c] for c in children[u])
        a = a0
        for c in children[u]:
            span = (a1 - a0) * leaves[c] / total
            wedge[c] = (a, a + span)
            a += span
    return local, radius[-1] + SPACING / 2
