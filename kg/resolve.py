"""Mentions -> Entities: canonical names, aliases, context places, division codes.

Places link to a national division code only when the name and the places
named nearby agree (:meth:`Gazetteer.resolve`); an article's own places give
the context, so a community named in one article never takes the district of
another article on the same page.  Abbreviated bodies open with a level word
and take the article's place of that level: “市公安局” in a 株洲 article is
株洲市公安局, “区法院” in a 天元区 article is 天元区人民法院.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .gazetteer import Division, Gazetteer
from .lexicon import Lexicon
from .model import Article, Evidence, Mention

__all__ = ["Resolved", "ArticleContext", "resolve_article", "place_context"]


@dataclass
class Resolved:
    """One mention with its entity id, canonical label and linked code."""

    mention: Mention
    entity_id: str
    label: str
    subtype: str
    code: str | None = None
    place_prefix: tuple[str, int, int] | None = None  # (place entity id, start, end) that opens an org name


@dataclass
class ArticleContext:
    codes: list[str] = field(default_factory=list)  # linked place codes, most frequent first
    by_level: dict[str, Division] = field(default_factory=dict)  # focus place per level


def place_context(article_mentions: list[Mention], gaz: Gazetteer, page_codes: list[str] = ()) -> ArticleContext:
    """Link the unambiguous places first; they are the context for the rest."""
    counts: Counter[str] = Counter()
    for m in article_mentions:
        if m.type == "Place":
            d = gaz.resolve(m.text, (), levels=("province", "city", "district", "street"))
            if d is not None:
                counts[d.code] += 1
    ctx = ArticleContext(codes=[c for c, _ in counts.most_common()])
    # Focus place per level: the most mentioned, with its ancestors filled in.
    for code in ctx.codes + list(page_codes):
        for d in gaz.chain(code):
            ctx.by_level.setdefault(d.level, d)
    return ctx


def _canonical_org(name: str, lex: Lexicon, ctx: ArticleContext, places: dict[str, str]) -> tuple[str, str | None]:
    """Full name and jurisdiction place name for an organisation mention."""
    levels = {r[0]: r[1] for r in lex.rows("org_aliases", "level")}
    jurisdiction = None
    for short, full in lex.rows("org_aliases", "expand"):
        if name.endswith(short) and not name.endswith(full):
            name = name[: -len(short)] + full
            break
    first = name[:1]
    not_level = lex.values("org_aliases", "not_level")
    if first in levels and not name.startswith(not_level) and not any(name.startswith(p) for p in places):
        focus = ctx.by_level.get(levels[first])
        if focus is not None:
            name = focus.name + name[1:]
            jurisdiction = focus.name
    for p in sorted(places, key=len, reverse=True):
        if name.startswith(p):
            jurisdiction = p
            break
    return name, jurisdiction


def resolve_article(article: Article, mentions: list[Mention], gaz: Gazetteer, lex: Lexicon,
                    page_codes: list[str] = ()) -> tuple[list[Resolved], ArticleContext]:
    """Resolve every mention of one article."""
    ctx = place_context(mentions, gaz, page_codes)
    out: list[Resolved] = []
    place_ids: dict[str, tuple[str, str | None]] = {}  # surface -> (entity id, code)
    prev_place: Division | None = None
    prev_end = -1
    for m in mentions:
        if m.type != "Place":
            continue
        context = ([prev_place.code] if prev_place is not None and m.start - prev_end <= 1 else []) + ctx.codes
        d = gaz.resolve(m.text, context) if m.subtype not in ("country", "region", "river", "lake", "mountain") else None
        if d is not None:
            r = Resolved(m, f"place/{d.code}", d.name, d.level, d.code)
        else:
            r = Resolved(m, f"place/{m.text}", m.text, m.subtype or "")
        place_ids[m.text] = (r.entity_id, r.code)
        out.append(r)
        prev_place, prev_end = d, m.end
    place_names = {r.mention.text: r.entity_id for r in out}
    for r in list(out):
        if r.code:
            place_names[r.label] = r.entity_id
    for m in mentions:
        if m.type == "Place":
            continue
        if m.type == "Organization":
            label, juris = _canonical_org(m.text, lex, ctx, place_names)
            rid = Resolved(m, f"org/{label}", label, m.subtype)
            if juris:
                pid = place_names.get(juris)
                if pid is None:
                    d = gaz.resolve(juris, ctx.codes)
                    pid = f"place/{d.code}" if d else None
                if pid:
                    end = m.start + len(juris) if m.text.startswith(juris) else m.end
                    rid.place_prefix = (pid, m.start, end)
            out.append(rid)
        elif m.type == "Person":
            out.append(Resolved(m, f"person/{m.text}", m.text, ""))
        elif m.type == "Program":
            out.append(Resolved(m, f"program/{m.text}", m.text, ""))
        elif m.type == "Document":
            out.append(Resolved(m, f"document/{m.text}", m.text, ""))
        elif m.type == "Event":
            out.append(Resolved(m, f"event/{m.text}", m.text, ""))
    out.sort(key=lambda r: (r.mention.start, r.mention.end))
    return out, ctx


class Sentences:
    """Sentence boundaries of one text, found once and searched by bisection."""

    ENDERS = frozenset("。！？!?；;\n")

    def __init__(self, text: str):
        self.text = text
        self.ends = [i + 1 for i, ch in enumerate(text) if ch in self.ENDERS]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.ends, start)
        s = self.ends[i - 1] if i else 0
        j = bisect.bisect_left(self.ends, end)
        e = self.ends[j] if j < len(self.ends) else len(self.text)
        if e > 0 and self.text[e - 1] == "\n":
            e -= 1
        while s < e and self.text[s].isspace():
            s += 1
        return s, max(e, end)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span: 。！？!?； and line breaks end sentences."""
    enders = "。！？!?；;\n"
    s = start
    while s > 0 and text[s - 1] not in enders:
        s -= 1
    e = end
    while e < len(text) and text[e] not in enders:
        e += 1
    if e < len(text) and text[e] != "\n":
        e += 1
    while s < e and text[s].isspace():
        s += 1
    return s, max(e, end)


def evidence_for(article: Article, start: int, end: int, sentences: Sentences | None = None) -> Evidence:
    """Evidence record for an article span, mapped to its source file when contiguous."""
    s, e = sentences.bounds(start, end) if sentences is not None else sentence_bounds(article.text, start, end)
    src = article.to_source(start, end)
    return Evidence(article.article_id, start, end, article.text[start:end], s, e, article.text[s:e], article.source,
                    src[0] if src else None, src[1] if src else None)


def group_by_entity(resolved: list[Resolved]) -> dict[str, list[Resolved]]:
    groups: dict[str, list[Resolved]] = defaultdict(list)
    for r in resolved:
        groups[r.entity_id].append(r)
    return groups
