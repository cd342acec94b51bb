"""Colours, shapes and Chinese labels of the viewer's legend (:mod:`kg.viewer`)."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from .graph import PREDICATE_LABELS

__all__ = ["TYPE_LABELS", "TYPE_STYLE", "SUBTYPE_LABELS", "SUBTYPE_STYLE", "EXTRA_COLOURS", "PREDICATE_COLOURS",
           "type_counts", "styles", "legend", "predicates"]

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


def type_counts(graph: nx.MultiDiGraph) -> Counter[tuple[str, str]]:
    """Nodes per (type, subtype), in one pass over the raw node dicts."""
    return Counter((d.get("type", ""), d.get("subtype", "") or "") for d in graph._node.values())


def styles(counts: Counter[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """(type, subtype) -> (colour, shape) for every combination in the graph (``counts``: :func:`type_counts`)."""
    keys = sorted(counts)
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


def legend(counts: Counter[tuple[str, str]], style_of: dict[tuple[str, str], tuple[str, str]]) -> list[dict]:
    """The legend rows: one per (type, subtype), in legend order, with its style and node count."""
    order = {t: i for i, t in enumerate(TYPE_LABELS)}
    sub_order = {s: i for i, s in enumerate(SUBTYPE_LABELS)}
    rows = []
    key = lambda kv: (order.get(kv[0][0], 99), kv[0][0], sub_order.get(kv[0][1], 99), kv[0][1])  # noqa: E731
    for (t, s), (colour, shape) in sorted(style_of.items(), key=key):
        name = TYPE_LABELS.get(t, t) + (f" · {SUBTYPE_LABELS.get(s, s)}" if s else "")
        rows.append({"type": t, "subtype": s, "name": name, "color": colour, "shape": shape, "count": counts[(t, s)]})
    return rows


def predicates(counts: Counter[str]) -> list[dict]:
    """The edge legend rows: one per predicate, by name, with its colour and edge count."""
    return [
        {"predicate": p, "label": PREDICATE_LABELS.get(p, p), "color": PREDICATE_COLOURS.get(p, "#999999"), "count": c}
        for p, c in sorted(counts.items())
    ]
