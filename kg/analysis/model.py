"""The typed values of an analysis report (each becomes a part of report.json)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

__all__ = ["Citation", "Ranked", "Community", "Cell", "DistrictMatrix", "ProgramRow", "AgencyRow", "PersonRow",
           "Bridge", "TimelineEntry", "Report", "cite"]


@dataclass(frozen=True)
class Citation:
    """Where a finding was read: an article id and the evidence sentence."""

    article: str
    sentence: str


def cite(evidence, limit: int = 3) -> list[Citation]:
    """The first evidence sentence of each article (at most ``limit``), in article order."""
    out, seen = [], set()
    for e in sorted(evidence, key=lambda e: (e["article"], e["start"], e["end"])):
        if e["article"] in seen:
            continue
        seen.add(e["article"])
        out.append(Citation(e["article"], e["sentence"].strip()))
        if len(out) == limit:
            break
    return out


@dataclass(frozen=True)
class Ranked:
    """An entity with a score."""

    id: str
    label: str
    type: str
    subtype: str
    score: float
    citations: list[Citation] = field(default_factory=list)


@dataclass(frozen=True)
class Community:
    """A Louvain community, described by its best-connected members."""

    index: int
    size: int
    types: dict[str, int]
    members: list[Ranked]  # top members by degree (articles left out)
    articles: list[str]


@dataclass(frozen=True)
class Cell:
    """Why a programme is linked to a district."""

    program: str
    district: str
    articles: list[str]
    via: list[str]  # "implements: 武侯区", "article focus"
    citations: list[Citation]


@dataclass(frozen=True)
class DistrictMatrix:
    """Programmes (rows) × districts (columns); a value is the number of supporting articles."""

    programs: list[str]
    districts: list[str]
    labels: dict[str, str]
    cells: list[Cell]
    focus: dict[str, str]  # article id -> focus district id

    def value(self, program: str, district: str) -> int:
        for c in self.cells:
            if c.program == program and c.district == district:
                return max(1, len(c.articles))
        return 0

    def programs_per_district(self) -> list[tuple[str, int]]:
        """(district id, number of programmes) sorted by the number, descending."""
        counts = {d: 0 for d in self.districts}
        for c in self.cells:
            counts[c.district] += 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], self.labels[kv[0]], kv[0]))


@dataclass(frozen=True)
class ProgramRow:
    program: Ranked  # score: number of articles
    mentions: int
    actors: list[str]  # labels of the entities that implement it
    districts: list[str]  # labels
    citations: list[Citation]


@dataclass(frozen=True)
class AgencyRow:
    agency: Ranked  # score: number of programmes
    explicit: list[str]  # programmes joined by an edge
    same_sentence: list[str]  # programmes named in one of its sentences, without an edge
    citations: list[Citation]


@dataclass(frozen=True)
class PersonRow:
    person: Ranked  # score: mentions
    roles: list[str]  # "全媒体记者 @ 成都日报"
    authored: list[str]  # article ids
    mentioned_in: list[str]  # article ids where the name appears in the text
    citations: list[Citation]


@dataclass(frozen=True)
class Bridge:
    """An entity whose removal splits the articles into groups that nothing else joins."""

    entity: Ranked  # score: number of article groups it joins
    groups: list[list[str]]  # article ids per group
    citations: list[Citation]


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    article: str
    title: str
    facts: list[str]  # "武侯区 实施 三社联动"
    citations: list[Citation]


@dataclass
class Report:
    """Everything :func:`kg.analysis.analyze` found; ``files`` are the written paths by name."""

    counts: dict[str, dict[str, int]]
    articles: dict[str, str]  # id -> headline
    centrality: dict[str, dict[str, list[Ranked]]]  # type -> measure -> top entities
    communities: list[Community]
    small_communities: int
    programs: list[ProgramRow]
    matrix: DistrictMatrix
    agencies: list[AgencyRow]
    people: list[PersonRow]
    bridges: list[Bridge]
    timeline: list[TimelineEntry]
    files: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("files")
        d["programs_per_district"] = [
            {"district": k, "label": self.matrix.labels[k], "programs": n}
            for k, n in self.matrix.programs_per_district()]
        return d
