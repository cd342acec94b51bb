"""PNG charts of a report (matplotlib, Agg, no pyplot, byte-stable output).

Chinese labels use "Noto Sans CJK SC" when matplotlib can find it (Debian:
``fonts-noto-cjk``) and fall back silently to the default font otherwise.
"""

from __future__ import annotations

import io
import logging
import math
import os
import tempfile
from pathlib import Path

from ..rdf.turtle import new_file_mode
from .model import Report

__all__ = ["write_charts", "cjk_font", "TYPE_COLOURS"]

log = logging.getLogger(__name__)

TYPE_COLOURS = {
    "Place": "#4e79a7", "Organization": "#f28e2b", "Person": "#e15759", "Program": "#59a14f",
    "Document": "#b07aa1", "Event": "#edc948", "Article": "#bab0ac",
}
_CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK JP")


def cjk_font() -> str | None:
    """The first CJK font family matplotlib can load, or None."""
    from matplotlib import font_manager

    for family in _CJK_FAMILIES:
        try:
            font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
            return family
        except ValueError:
            continue
    return None


def _rc() -> dict:
    family = cjk_font()
    rc = {"axes.unicode_minus": False, "svg.hashsalt": "kg", "figure.dpi": 100, "savefig.dpi": 110,
          "font.size": 9}
    if family:
        rc["font.family"] = [family, "DejaVu Sans"]
    return rc


def _save(fig, path: Path) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None}, bbox_inches="tight", pad_inches=0.2)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, new_file_mode())
    with os.fdopen(fd, "wb") as fh:
        fh.write(buf.getvalue())
    os.replace(tmp, path)
    return path


def _bars(ax, items: list[tuple[str, float]], title: str, colour="#4e79a7") -> None:
    labels = [k for k, _ in items][::-1]
    values = [v for _, v in items][::-1]
    colours = colour[::-1] if isinstance(colour, list) else colour
    ax.barh(range(len(values)), values, color=colours)
    ax.set_yticks(range(len(values)), labels)
    ax.set_title(title)
    for i, v in enumerate(values):
        ax.text(v, i, f" {v:g}", va="center", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)


def _counts_chart(report: Report, path: Path) -> Path:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, 4.2))
    axes = fig.subplots(1, 3)
    c = report.counts
    types = list(c["types"].items())
    _bars(axes[0], types, "实体类型 entities per type", [TYPE_COLOURS.get(k, "#999") for k, _ in types])
    _bars(axes[1], list(c["place_levels"].items()), "地名层级 places per level", TYPE_COLOURS["Place"])
    _bars(axes[2], list(c["organization_kinds"].items()), "机构类别 organisations per kind",
          TYPE_COLOURS["Organization"])
    fig.tight_layout()
    return _save(fig, path)


def _centrality_chart(report: Report, path: Path, k: int = 20) -> Path:
    from matplotlib.figure import Figure

    pool = {r.id: r for t in report.centrality.values() for r in t["pagerank"]}
    top = sorted(pool.values(), key=lambda r: (-r.score, r.label, r.id))[:k]
    fig = Figure(figsize=(8, 0.32 * max(len(top), 4) + 1.2))
    ax = fig.subplots()
    _bars(ax, [(f"{r.label}（{r.type}）", r.score) for r in top], "PageRank 最高的实体 most central entities",
          [TYPE_COLOURS.get(r.type, "#999") for r in top])
    fig.tight_layout()
    return _save(fig, path)


def _matrix_chart(report: Report, path: Path, rows: int = 30) -> Path:
    from matplotlib.figure import Figure

    m = report.matrix
    programs, districts = m.programs[:rows], m.districts
    fig = Figure(figsize=(max(5.0, 0.9 * len(districts) + 3.5), 0.32 * max(len(programs), 4) + 1.8))
    ax = fig.subplots()
    if programs and districts:
        import numpy as np
        from matplotlib import colormaps

        values = [[m.value(p, d) for d in districts] for p in programs]
        cmap = colormaps["YlOrRd"].with_extremes(bad="white")  # empty cells stay white
        img = ax.imshow(np.ma.masked_equal(np.array(values), 0), cmap=cmap, aspect="auto", vmin=0,
                        vmax=max(max(r) for r in values))
        ax.set_xticks(range(len(districts)), [m.labels[d] for d in districts], rotation=45, ha="right")
        ax.set_yticks(range(len(programs)), [m.labels[p] for p in programs])
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=8)
        fig.colorbar(img, ax=ax, label="文章数 articles", shrink=0.6)
    else:
        ax.text(0.5, 0.5, "no programme is linked to a district", ha="center", va="center")
        ax.set_axis_off()
    ax.set_title("项目 × 区县 programmes × districts")
    fig.tight_layout()
    return _save(fig, path)


def _agencies_chart(report: Report, path: Path, k: int = 15) -> Path:
    from matplotlib.figure import Figure

    rows = report.agencies[:k][::-1]
    fig = Figure(figsize=(8, 0.34 * max(len(rows), 4) + 1.2))
    ax = fig.subplots()
    y = range(len(rows))
    explicit = [len(r.explicit) for r in rows]
    sentence = [len(r.same_sentence) for r in rows]
    ax.barh(y, explicit, color="#59a14f", label="关系边 explicit edge")
    ax.barh(y, sentence, left=explicit, color="#a0cbe8", label="同句 same sentence")
    ax.set_yticks(y, [r.agency.label for r in rows])
    ax.set_title("各机构关联的项目数 programmes per agency")
    ax.legend(loc="lower right", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _save(fig, path)


def _communities_chart(report: Report, path: Path, k: int = 8, members: int = 6) -> Path:
    """Each community as a ring of its best-connected members, the rings on a large circle."""
    from matplotlib.figure import Figure

    comms = report.communities[:k]
    fig = Figure(figsize=(13, 11))
    ax = fig.subplots()
    ax.set_axis_off()
    ax.set_title("社区发现 Louvain communities (top members)")
    palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7"]
    for i, c in enumerate(comms):
        angle = 2 * math.pi * i / max(len(comms), 1)
        cx, cy = (4.2 * math.cos(angle), 4.2 * math.sin(angle)) if len(comms) > 1 else (0.0, 0.0)
        colour = palette[i % len(palette)]
        ax.text(cx, cy, f"#{c.index}\n{c.size}", ha="center", va="center", fontsize=10, fontweight="bold",
                color=colour)
        shown = c.members[:members]
        for j, r in enumerate(shown):
            a = 2 * math.pi * j / max(len(shown), 1) + angle
            x, y = cx + 1.4 * math.cos(a), cy + 1.4 * math.sin(a)
            ax.plot([cx, x], [cy, y], color=colour, linewidth=0.8, alpha=0.5)
            ax.scatter([x], [y], s=50 + 6 * min(r.score, 40), color=TYPE_COLOURS.get(r.type, "#999"),
                       edgecolors=colour, linewidths=1.5, zorder=3)
            ax.text(x, y - 0.16, r.label if len(r.label) <= 10 else r.label[:9] + "…", ha="center",
                    va="top", fontsize=8)
    ax.set_xlim(-6.2, 6.2)
    ax.set_ylim(-6.2, 6.2)
    ax.set_aspect("equal")
    return _save(fig, path)


def _timeline_chart(report: Report, path: Path) -> Path:
    from matplotlib.figure import Figure

    entries = report.timeline
    fig = Figure(figsize=(10, 0.4 * max(len(entries), 4) + 1.2))
    ax = fig.subplots()
    ax.barh(range(len(entries)), [max(1, len(e.facts)) for e in entries], color="#76b7b2")
    ax.set_yticks(range(len(entries)), [f"{e.date} {e.title[:24]}" for e in entries])
    ax.invert_yaxis()
    ax.set_xlabel("facts 事实数")
    ax.set_title("时间线 timeline of dated articles")
    fig.tight_layout()
    return _save(fig, path)


def write_charts(report: Report, out_dir: Path) -> dict[str, Path]:
    """Write the PNG charts into ``out_dir``; return their paths by name."""
    from matplotlib import rc_context

    if cjk_font() is None:
        log.info("no CJK font found for matplotlib; Chinese labels may show as boxes")
    charts = {
        "chart_counts": ("counts.png", _counts_chart),
        "chart_centrality": ("centrality.png", _centrality_chart),
        "chart_programs_by_district": ("programs_by_district.png", _matrix_chart),
        "chart_agencies": ("agencies.png", _agencies_chart),
        "chart_communities": ("communities.png", _communities_chart),
    }
    if report.timeline:
        charts["chart_timeline"] = ("timeline.png", _timeline_chart)
    out = {}
    with rc_context(_rc()):
        for name, (filename, draw) in charts.items():
            out[name] = draw(report, out_dir / filename)
    return out
