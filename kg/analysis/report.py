"""``analyze(graph, out_dir) -> Report``: report.md, report.json and PNG charts.

The same input gives the same bytes: every list is sorted with a total
order, scores are rounded, nothing depends on the clock, and the PNGs carry
no software/date metadata.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx

from ..graph import KnowledgeGraph
from ..rdf.turtle import atomic_write
from . import findings, metrics
from .model import Citation, Report

__all__ = ["analyze", "build_report", "render_markdown", "render_json"]

_MEASURES = {"degree": "度 degree", "betweenness": "介数 betweenness", "pagerank": "PageRank"}
_TYPE_NAMES = {"Place": "地点 Place", "Organization": "机构 Organization", "Person": "人物 Person",
               "Program": "项目 Program", "Document": "文件 Document", "Event": "事件 Event"}


def _graph(source: KnowledgeGraph | nx.MultiDiGraph | str | os.PathLike) -> nx.MultiDiGraph:
    if isinstance(source, KnowledgeGraph):
        return source.graph
    if isinstance(source, nx.MultiDiGraph):
        return source
    from ..persist import load_graph

    return load_graph(source)


def build_report(source: KnowledgeGraph | nx.MultiDiGraph | str | os.PathLike, *, top: int = 10) -> Report:
    """Compute every finding without writing anything."""
    g = _graph(source)
    h = metrics.analysis_graph(g)
    matrix = findings.district_matrix(g)
    comms, small = metrics.communities(g, h)
    return Report(
        counts=findings.counts(g),
        articles=findings.article_titles(g),
        centrality=metrics.centrality(g, h, top),
        communities=comms,
        small_communities=small,
        programs=findings.programs(g, matrix, 2 * top),
        matrix=matrix,
        agencies=findings.agencies(g, 2 * top),
        people=findings.people(g),
        bridges=metrics.bridges(g, h, top + top // 2),
        timeline=findings.timeline(g),
    )


def analyze(source: KnowledgeGraph | nx.MultiDiGraph | str | os.PathLike, out_dir: str | os.PathLike, *,
            top: int = 10, charts: bool = True) -> Report:
    """Analyse a graph and write ``report.md``, ``report.json`` and the PNG charts to ``out_dir``.

    ``source`` is a :class:`~kg.graph.KnowledgeGraph`, a contract
    ``MultiDiGraph``, a build output folder or a ``graph.json`` file.  ``top``
    is the length of the rankings.  Returns the :class:`Report`, whose
    ``files`` maps ``report_md``, ``report_json`` and ``chart_*`` to the
    written paths.
    """
    report = build_report(source, top=top)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    if charts:
        from .charts import write_charts

        files.update(write_charts(report, out))
    files["report_json"] = atomic_write(out / "report.json", render_json(report))
    files["report_md"] = atomic_write(out / "report.md", render_markdown(report, {k: p.name for k, p in files.items()}))
    report.files = {k: str(v) for k, v in sorted(files.items())}
    return report


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


# -- markdown -------------------------------------------------------------------


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _cites(cs: list[Citation], n: int = 2) -> str:
    return "<br>".join(f"〔{c.article}〕{_cell(_short(c.sentence))}" for c in cs[:n]) or "—"


def _table(head: list[str], rows: list[list]) -> list[str]:
    if not rows:
        return ["_(none)_", ""]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(_cell(x) for x in r) + " |" for r in rows]
    return out + [""]


def _join(items: list[str], n: int = 8) -> str:
    more = f" …(+{len(items) - n})" if len(items) > n else ""
    return "、".join(items[:n]) + more if items else "—"


def render_markdown(report: Report, files: dict[str, str] | None = None) -> str:
    files = files or {}
    c = report.counts
    total_nodes = sum(c["types"].values())
    lines = ["# 知识图谱分析报告 · Knowledge-graph report", ""]
    lines += [f"{c['types'].get('Article', 0)} articles, {total_nodes} nodes, {sum(c['predicates'].values())} edges. "
              "Evidence is cited as 〔article id〕sentence; the article list is at the end, "
              "and report.json holds every value in full.", ""]

    def image(key: str, alt: str) -> None:
        if key in files:
            lines.extend([f"![{alt}]({files[key]})", ""])

    lines += ["## 1. Counts", ""]
    for key, title in (("types", "Nodes per type"), ("place_levels", "Places per level"),
                       ("organization_kinds", "Organisations per kind"), ("predicates", "Edges per predicate"),
                       ("origins", "Edges per origin")):
        lines += [f"**{title}**", ""] + _table(["", "count"], [[k, v] for k, v in c[key].items()])
    image("chart_counts", "counts")

    lines += ["## 2. Programmes", "",
              "Ranked by the number of articles that mention them, then mentions, then implementers.", ""]
    lines += _table(["programme", "articles", "mentions", "implemented by", "districts", "evidence"],
                    [[r.program.label, int(r.program.score), r.mentions, _join(r.actors), _join(r.districts),
                      _cites(r.citations)] for r in report.programs])

    m = report.matrix
    lines += ["## 3. Programmes × districts", "",
              "A programme is linked to a district when an edge (other than mentions/author) joins it to an "
              "entity sitting in the district — the district, a place inside it (containedInPlace, "
              "transitively) or an organisation with jurisdiction there — or when an article whose focus is "
              "the district mentions it. An article's focus is the district holding more than half (and at "
              "least two) of the article's mentions of district-located entities. A cell counts the "
              "supporting articles.", ""]
    lines += ["**Districts by number of programmes**", ""]
    per = m.programs_per_district()
    lines += _table(["district", "programmes", "which"],
                    [[m.labels[d], n, _join(sorted(m.labels[x.program] for x in m.cells if x.district == d), 10)]
                     for d, n in per])
    image("chart_programs_by_district", "programmes by district")
    lines += ["**Links and their evidence**", ""]
    cells = sorted(m.cells, key=lambda x: (m.districts.index(x.district), m.programs.index(x.program)))
    lines += _table(["district", "programme", "articles", "via", "evidence"],
                    [[m.labels[x.district], m.labels[x.program], " ".join(x.articles) or "—", "; ".join(x.via),
                      _cites(x.citations, 1)] for x in cells])
    if m.focus:
        lines += ["**Article focus**: " + "; ".join(f"{a} → {m.labels.get(d, d)}" for a, d in sorted(m.focus.items())),
                  ""]

    lines += ["## 4. Agencies by number of programmes", "",
              "Agencies are government, party, judicial and police bodies. A programme counts when an edge "
              "joins it to the agency or when one sentence names both.", ""]
    lines += _table(["agency", "kind", "programmes", "by edge", "same sentence", "evidence"],
                    [[r.agency.label, r.agency.subtype, int(r.agency.score), _join(r.explicit), _join(r.same_sentence),
                      _cites(r.citations)] for r in report.agencies])
    image("chart_agencies", "agencies")

    lines += ["## 5. People and their roles", "",
              "Roles come from memberOf edges, bylines from author edges; ‘mentioned in’ lists the other articles "
              "whose text names the person.", ""]
    lines += _table(["person", "roles", "bylines", "mentioned in", "evidence"],
                    [[r.person.label, _join(r.roles), " ".join(r.authored) or "—", " ".join(r.mentioned_in) or "—",
                      _cites(r.citations, 1)] for r in report.people])

    lines += ["## 6. Most central entities", "",
              "Over the undirected graph with articles as nodes (an article joins what it mentions): degree "
              "is the number of distinct neighbours, betweenness is normalised, PageRank is weighted by the "
              "number of edges between two nodes.", ""]
    for t, by in report.centrality.items():
        if not any(by.values()):
            continue
        lines += [f"### {_TYPE_NAMES.get(t, t)}", ""]
        k = max(len(v) for v in by.values())
        rows = []
        for i in range(k):
            row = [i + 1]
            for measure in _MEASURES:
                r = by[measure][i] if i < len(by[measure]) else None
                row.append(f"{r.label} ({r.score:g})" if r else "")
            rows.append(row)
        lines += _table(["#"] + list(_MEASURES.values()), rows)
        best = by["pagerank"][0] if by["pagerank"] else None
        if best:
            lines += [f"Evidence for {best.label}: {_cites(best.citations)}", ""]
    image("chart_centrality", "centrality")

    lines += ["## 7. Communities", "",
              f"Louvain (networkx, seed 42, weighted) over the same graph; {len(report.communities)} communities "
              f"of three or more nodes are listed ({report.small_communities} smaller ones are not).", ""]
    lines += _table(["#", "size", "types", "top members", "articles", "evidence"],
                    [[x.index, x.size, ", ".join(f"{k} {v}" for k, v in x.types.items()),
                      _join([r.label for r in x.members]), " ".join(x.articles) or "—",
                      _cites([cc for r in x.members for cc in r.citations], 2)] for x in report.communities])
    image("chart_communities", "communities")

    lines += ["## 8. Bridges", "",
              "Entities whose removal splits the articles they connect into groups that nothing else joins "
              "(cut vertices of the graph above); groups are listed by article id.", ""]
    lines += _table(["entity", "type", "article groups", "groups", "evidence"],
                    [[b.entity.label, b.entity.type, int(b.entity.score),
                      " / ".join(" ".join(grp[:4]) + (" …" if len(grp) > 4 else "") for grp in b.groups[:4]),
                      _cites(b.citations, 2)] for b in report.bridges])

    lines += ["## 9. Timeline", ""]
    if report.timeline:
        lines += _table(["date", "article", "title", "facts", "evidence"],
                        [[e.date, e.article, e.title, _join(e.facts, 5), _cites(e.citations, 1)]
                         for e in report.timeline])
        image("chart_timeline", "timeline")
    else:
        lines += ["No article carries a date, so there is no timeline.", ""]

    lines += ["## Articles", ""]
    lines += _table(["id", "headline"], [[k, v] for k, v in report.articles.items()])
    return "\n".join(lines).rstrip() + "\n"
