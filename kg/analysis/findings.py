"""Domain findings: counts, programmes, programmes × districts, agencies, people, timeline.

Rules (also written into report.md):

Programme ranking
    By the number of articles that mention the programme, then mentions,
    then the number of entities that ``implements`` it.
Programme ↔ district
    A programme is linked to a district when (a) an edge other than
    ``mentions``/``author`` joins it to an entity that sits in the district
    (the district itself, a place inside it, an organisation with
    jurisdiction there, see :mod:`kg.analysis.places`), or (b) an article
    whose *focus* is the district mentions it.  An article's focus is the
    district that gets more than half (and at least two) of the article's
    mentions of entities sitting in some district.  A cell counts the
    distinct supporting articles.
Agencies
    Organisations of the kinds in :data:`AGENCY_KINDS`; a programme counts
    for an agency when an edge joins them or when one sentence names both.
People
    Roles from ``memberOf`` edges (role @ organisation), bylines from
    ``author`` edges, and the articles whose text names the person.
Timeline
    Articles with a ``date``; each lists the relations (other than
    ``mentions``/``author``) read in it.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from .metrics import ranked
from .model import (AgencyRow, Cell, Citation, DistrictMatrix, PersonRow, ProgramRow, TimelineEntry, cite)
from .places import districts_of

__all__ = ["AGENCY_KINDS", "counts", "article_titles", "programs", "district_matrix", "agencies", "people",
           "timeline"]

#: Organisation kinds (``subtype``) reported as agencies: state and party bodies, courts, police.
AGENCY_KINDS = ("government", "party", "judicial", "police")
_PROVENANCE = ("mentions", "author")


def _label(g: nx.MultiDiGraph, n: str) -> str:
    return g.nodes[n].get("label", n)


def _of_type(g: nx.MultiDiGraph, kind: str) -> list[str]:
    return sorted(n for n, d in g.nodes(data=True) if d.get("type") == kind)


def counts(g: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Nodes per type, places per level, organisations per kind, edges per predicate and origin."""
    def tally(items) -> dict[str, int]:
        return dict(sorted(Counter(items).items(), key=lambda kv: (-kv[1], kv[0])))

    nodes = [d for _, d in g.nodes(data=True)]
    edges = [d for _, _, d in g.edges(data=True)]
    return {
        "types": tally(d.get("type", "") for d in nodes),
        "place_levels": tally(d.get("subtype") or "unknown" for d in nodes if d.get("type") == "Place"),
        "organization_kinds": tally(d.get("subtype") or "unknown" for d in nodes if d.get("type") == "Organization"),
        "predicates": tally(d.get("predicate", "") for d in edges),
        "origins": tally(d.get("origin", "") for d in edges),
    }


def article_titles(g: nx.MultiDiGraph) -> dict[str, str]:
    return {d["sources"][0]: d.get("label", "") for n, d in sorted(g.nodes(data=True))
            if d.get("type") == "Article" and d.get("sources")}


def _relation_edges(g: nx.MultiDiGraph, node: str):
    """(other end, edge data) of every non-provenance edge at ``node``, both directions, sorted."""
    out = [(o, d) for _, o, d in g.out_edges(node, data=True) if d["predicate"] not in _PROVENANCE]
    out += [(s, d) for s, _, d in g.in_edges(node, data=True) if d["predicate"] not in _PROVENANCE]
    return sorted(out, key=lambda od: (od[0], od[1]["predicate"], od[1].get("role", "")))


def district_matrix(g: nx.MultiDiGraph) -> DistrictMatrix:
    """Programmes × districts with the rule in the module docstring."""
    where = {n: districts_of(g, n) for n, d in g.nodes(data=True) if d.get("type") not in ("Article", "Program")}
    # Article focus: the district holding a strict majority of the located mentions.
    score: dict[str, Counter] = defaultdict(Counter)
    for n in sorted(where):
        for e in g.nodes[n].get("evidence", ()):
            for dist in where[n]:
                score[e["article"]][dist] += 1
    focus = {}
    for art, c in sorted(score.items()):
        (best, top), total = min(c.items(), key=lambda kv: (-kv[1], kv[0])), sum(c.values())
        if top >= 2 and top * 2 > total:
            focus[art] = best
    arts: dict[tuple, set] = defaultdict(set)
    via: dict[tuple, set] = defaultdict(set)
    evidence: dict[tuple, list] = defaultdict(list)
    for p in _of_type(g, "Program"):
        for other, d in _relation_edges(g, p):
            for dist in sorted(where.get(other, ())):
                key = (p, dist)
                ev = d.get("evidence", ())
                arts[key] |= {e["article"] for e in ev}
                via[key].add(f"{d['predicate']}: {_label(g, other)}")
                evidence[key].extend(ev)
        for e in g.nodes[p].get("evidence", ()):
            dist = focus.get(e["article"])
            if dist:
                key = (p, dist)
                arts[key].add(e["article"])
                via[key].add("article focus")
                evidence[key].append(e)
    cells = [Cell(p, dist, sorted(arts[(p, dist)]), sorted(via[(p, dist)]), cite(evidence[(p, dist)]))
             for p, dist in sorted(via)]
    per_district = Counter(c.district for c in cells)
    per_program: dict[str, int] = defaultdict(int)
    for c in cells:
        per_program[c.program] += len(c.articles)
    districts = sorted(per_district, key=lambda x: (-per_district[x], _label(g, x), x))
    programs = sorted(per_program, key=lambda x: (-per_program[x], _label(g, x), x))
    labels = {n: _label(g, n) for n in districts + programs + sorted(set(focus.values()))}
    return DistrictMatrix(programs, districts, labels, cells, focus)


def programs(g: nx.MultiDiGraph, matrix: DistrictMatrix, k: int = 20) -> list[ProgramRow]:
    """The ``k`` most reported programmes."""
    rows = []
    for p in _of_type(g, "Program"):
        d = g.nodes[p]
        actors = sorted({_label(g, s) for s, _, pr in g.in_edges(p, data="predicate") if pr == "implements"})
        dists = sorted({matrix.labels[c.district] for c in matrix.cells if c.program == p})
        rows.append(ProgramRow(ranked(g, p, len(d.get("sources", ())), citations=0), int(d.get("mentions", 0)),
                               actors, dists, cite(d.get("evidence", ()), 3)))
    rows.sort(key=lambda r: (-r.program.score, -r.mentions, -len(r.actors), r.program.label, r.program.id))
    return rows[:k]


def agencies(g: nx.MultiDiGraph, k: int = 20) -> list[AgencyRow]:
    """Agencies ranked by the number of programmes they are linked to."""
    program_sentences: dict[tuple, set] = defaultdict(set)  # (article, sentence_start) -> programmes
    for p in _of_type(g, "Program"):
        for e in g.nodes[p].get("evidence", ()):
            program_sentences[(e["article"], e["sentence_start"])].add(p)
    rows = []
    for org in _of_type(g, "Organization"):
        d = g.nodes[org]
        if d.get("subtype") not in AGENCY_KINDS:
            continue
        explicit, evidence = set(), []
        for other, ed in _relation_edges(g, org):
            if g.nodes[other].get("type") == "Program":
                explicit.add(other)
                evidence.extend(ed.get("evidence", ()))
        sentence = set()
        for e in d.get("evidence", ()):
            found = program_sentences.get((e["article"], e["sentence_start"]), set()) - explicit
            if found:
                sentence |= found
                evidence.append(e)
        total = len(explicit | sentence)
        if not total:
            continue
        rows.append(AgencyRow(ranked(g, org, total, citations=0), sorted(_label(g, p) for p in explicit),
                              sorted(_label(g, p) for p in sentence), cite(evidence, 3)))
    rows.sort(key=lambda r: (-r.agency.score, -len(r.explicit), r.agency.label, r.agency.id))
    return rows[:k]


def people(g: nx.MultiDiGraph) -> list[PersonRow]:
    """Every person with roles, bylines and mentions; people with roles first."""
    rows = []
    for n in _of_type(g, "Person"):
        d = g.nodes[n]
        roles, evidence = set(), []
        for _, o, ed in g.out_edges(n, data=True):
            if ed["predicate"] == "memberOf":
                roles.add(f"{ed.get('role') or '成员'} @ {_label(g, o)}")
                evidence.extend(ed.get("evidence", ()))
        authored = sorted({g.nodes[s]["sources"][0] for s, _, p in g.in_edges(n, data="predicate")
                           if p == "author" and g.nodes[s].get("type") == "Article"})
        mentioned = sorted({e["article"] for e in d.get("evidence", ())} - set(authored))
        evidence.extend(d.get("evidence", ()))
        rows.append(PersonRow(ranked(g, n, int(d.get("mentions", 0)), citations=0), sorted(roles), authored,
                              mentioned, cite(evidence, 2)))
    rows.sort(key=lambda r: (-len(r.roles), -(len(r.authored) + len(r.mentioned_in)), -r.person.score,
                             r.person.label, r.person.id))
    return rows


def timeline(g: nx.MultiDiGraph) -> list[TimelineEntry]:
    """Dated articles in date order with the facts read in them."""
    dated = sorted((d["date"], d["sources"][0], n) for n, d in g.nodes(data=True)
                   if d.get("type") == "Article" and d.get("date") and d.get("sources"))
    if not dated:
        return []
    facts: dict[str, list] = defaultdict(list)
    for s, o, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"], e[2].get("role", ""))):
        if d["predicate"] in _PROVENANCE:
            continue
        for art in sorted({e["article"] for e in d.get("evidence", ())}):
            ev = [e for e in d["evidence"] if e["article"] == art]
            facts[art].append((f"{_label(g, s)} {d.get('label', d['predicate'])} {_label(g, o)}", ev[0]))
    out = []
    for date, art, node in dated:
        items = facts.get(art, [])
        out.append(TimelineEntry(date, art, _label(g, node), [f for f, _ in items],
                                 [Citation(e["article"], e["sentence"].strip()) for _, e in items[:3]]))
    return out

