"""Mentions -> Entities: canonical names, aliases, context places, division codes.

Places link to a national division code only when the name and the places
named nearby agree (:meth:`Gazetteer.resolve`); an article's own places give
the context, so a community named in one article never takes the district of
another article on the same page.  Abbreviated bodies open with a level word
and take the article's place of that level: “市公安局” in a 杭州 article is
杭州市公安局, “区法院” in a 西湖区 article is 西湖区人民法院.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .extract.references import ANONYMISED, SURNAME_REF
from .gazetteer import Division, Gazetteer, PlaceIndex
from .lexicon import Lexicon
from .model import Article, Evidence, Mention

__all__ = ["Resolved", "ArticleContext", "OrgName", "resolve_article", "place_context", "canonical_org",
           "place_prefixes", "PlacePrefixes", "Sentences", "SpanRow", "SpanTable", "evidence_records"]


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


_NOT_LINKED = ("country", "region", "river", "lake", "mountain", "facility")  # never linked to a division code
_UPPER = ("province", "city", "district", "street")
_NO_CONTEXT: frozenset[str] = frozenset()


class PlacePrefixes:
    """Finds the division names organisation names open with, remembering each answer.

    Make one per build (collecting every upper-level division name takes ~0.2 s);
    each prefix test is then a set look-up, and each distinct name is split once.
    """

    def __init__(self, gaz: Gazetteer):
        self.names = frozenset(gaz.names(_UPPER))
        self._memo: dict[str, tuple[str, ...]] = {}

    def __call__(self, name: str) -> tuple[str, ...]:
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = tuple(_place_prefixes(name, self.names.__contains__))
        return found


def place_prefixes(name: str, gaz: PlaceIndex, prefixes: PlacePrefixes | None = None) -> list[str]:
    """The chain of division names an organisation name opens with: 杭州市西湖区人民法院 -> [杭州市, 西湖区]."""
    if prefixes is not None:
        return list(prefixes(name))
    return _place_prefixes(name, lambda n: bool(gaz.lookup(n, _UPPER)))


def _place_prefixes(name: str, is_division: Callable[[str], bool]) -> list[str]:
    """Longest division names first, left to right."""
    chain: list[str] = []
    rest = name
    while len(rest) > 2:
        for k in range(min(len(rest) - 1, 9), 1, -1):
            if is_division(rest[:k]):
                chain.append(rest[:k])
                rest = rest[k:]
                break
        else:
            break
    return chain


def _link_chain(names: Sequence[str], gaz: PlaceIndex, context: Iterable[str]) -> list[Division | None]:
    """Link a chain of names, each in the context of the one before it."""
    base = context if isinstance(context, frozenset) else frozenset(context)
    out: list[Division | None] = []
    prev: Division | None = None
    for n in names:
        d = gaz.resolve(n, base if prev is None else base | {prev.code})
        out.append(d)
        prev = d
    return out


def place_context(article_mentions: list[Mention], gaz: PlaceIndex, page_codes: Sequence[str] = (), *,
                  prefixes: PlacePrefixes | None = None) -> ArticleContext:
    """The places an article is about, from place mentions and the place names organisations open with.

    Names unique in the country are linked first; they are the context that
    links the ambiguous ones (西湖区 is in 杭州 and in 南昌).
    """
    # An article names the same places again and again; each distinct chain is linked once
    # and counted as often as it occurs (the context is a set and the counts are sorted).
    chains: Counter[tuple[str, ...]] = Counter()
    for m in article_mentions:
        if m.type == "Place" and m.subtype not in _NOT_LINKED:
            chains[(m.text,)] += 1
        elif m.type == "Organization":
            chain = prefixes(m.text) if prefixes is not None else tuple(place_prefixes(m.text, gaz))
            if chain:
                chains[chain] += 1
    counts: Counter[str] = Counter()
    sure: set[str] = set()
    for chain in chains:
        for d in _link_chain(chain, gaz, _NO_CONTEXT):
            if d is not None:
                sure.add(d.code)
    context = frozenset(sure).union(page_codes)
    for chain, n in chains.items():
        for d in _link_chain(chain, gaz, context):
            if d is not None and d.level in _UPPER:
                counts[d.code] += n
    ctx = ArticleContext(codes=[c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))])
    # Focus place per level: the most mentioned, with its ancestors filled in.
    for code in ctx.codes + list(page_codes):
        for d in gaz.chain(code):
            ctx.by_level.setdefault(d.level, d)
    return ctx


@dataclass(frozen=True)
class OrgName:
    label: str  # canonical name: the nearest place + the body, short suffixes expanded
    entity_id: str
    place: Division | None  # the jurisdiction, when linked
    prefix_len: int  # characters of the mention naming the place (0 if the place comes from context)


@dataclass(frozen=True)
class _OrgTables:
    """The ``org_aliases`` rows canonical_org reads, taken out of the lexicon once per article."""

    levels: dict[str, str]  # level word -> division level: 市 -> city
    expand: tuple[tuple[str, ...], ...]  # (short suffix, full suffix)
    not_level: tuple[str, ...]  # names that open with a level word but are not abbreviated

    @classmethod
    def of(cls, lex: Lexicon) -> _OrgTables:
        return cls({r[0]: r[1] for r in lex.rows("org_aliases", "level")}, lex.rows("org_aliases", "expand"),
                   lex.values("org_aliases", "not_level"))


def canonical_org(name: str, lex: Lexicon, ctx: ArticleContext, gaz: PlaceIndex, *,
                  tables: _OrgTables | None = None, codes: frozenset[str] | None = None,
                  prefixes: PlacePrefixes | None = None) -> OrgName:
    """Canonical name, id and jurisdiction of an organisation mention.

    西湖区法院 and 西湖区人民法院 are one body (short suffixes are expanded);
    杭州市西湖区人民法院 is labelled 西湖区人民法院, the higher levels kept as an
    alias; “区法院” in a 西湖区 article is 西湖区人民法院.  Bodies of a district
    whose name recurs in the country (鼓楼区) get the division code in their id.
    """
    tables = tables or _OrgTables.of(lex)
    levels = tables.levels
    for short, full in tables.expand:
        if name.endswith(short) and not name.endswith(full):
            name = name[: -len(short)] + full
            break
    chain = place_prefixes(name, gaz, prefixes)
    place: Division | None = None
    prefix_len = 0
    if chain:
        linked = _link_chain(chain, gaz, ctx.codes if codes is None else codes)
        place = linked[-1]
        prefix_len = sum(map(len, chain))
        name = name[sum(map(len, chain[:-1])):]  # keep only the nearest place
    elif name[:1] in levels and not name.startswith(tables.not_level):
        focus = ctx.by_level.get(levels[name[:1]])
        if focus is not None:
            name = focus.name + name[1:]
            place = focus
    entity_id = f"org/{name}"
    if place is not None and name.startswith(place.name) and len(gaz.lookup(place.name, _UPPER)) > 1:
        entity_id += f"@{place.code}"
    return OrgName(name, entity_id, place, prefix_len)


#: Person subtypes that name someone only within one article (anonymised 刘某, surname-only 老张).
_ARTICLE_SCOPED = frozenset({ANONYMISED, SURNAME_REF})


def resolve_article(article: Article, mentions: list[Mention], gaz: PlaceIndex, lex: Lexicon,
                    page_codes: Sequence[str] = (), *, prefixes: PlacePrefixes | None = None
                    ) -> tuple[list[Resolved], ArticleContext]:
    """Resolve every mention of one article (``prefixes``: a build's :class:`PlacePrefixes`)."""
    ctx = place_context(mentions, gaz, page_codes, prefixes=prefixes)
    codes = frozenset(ctx.codes)
    out: list[Resolved] = []
    tables = _OrgTables.of(lex)
    prev_place: Division | None = None
    prev_end = -1
    for m in mentions:
        if m.type != "Place":
            continue
        context = codes | {prev_place.code} if prev_place is not None and m.start - prev_end <= 1 else codes
        d = gaz.resolve(m.text, context) if m.subtype not in _NOT_LINKED else None
        if d is not None:
            r = Resolved(m, f"place/{d.code}", d.name, d.level, d.code)
        else:
            r = Resolved(m, f"place/{m.text}", m.text, m.subtype or "")
        out.append(r)
        prev_place, prev_end = d, m.end
    for m in mentions:
        if m.type == "Place":
            continue
        if m.type == "Organization":
            org = canonical_org(m.text, lex, ctx, gaz, tables=tables, codes=codes, prefixes=prefixes)
            rid = Resolved(m, org.entity_id, org.label, m.subtype)
            if org.place is not None:
                rid.place_prefix = (f"place/{org.place.code}", m.start, m.start + org.prefix_len if org.prefix_len
                                    else m.end)
            out.append(rid)
        elif m.type == "Person" and m.subtype in _ARTICLE_SCOPED:
            # 刘某 or 老张 in two articles are two people: the id is scoped to the article
            out.append(Resolved(m, f"person/{m.text}@{article.article_id}", m.text, ""))
        else:
            prefix = {"Person": "person", "Program": "program", "Document": "document", "Event": "event"}[m.type]
            out.append(Resolved(m, f"{prefix}/{m.text}", m.text, ""))
    out.sort(key=lambda r: (r.mention.start, r.mention.end))
    return out, ctx


#: Characters that end a sentence.  Module constants, not class attributes: mypyc turns a class-level
#: assignment into an instance default, and one computed from another crashed the compiled class.
SENTENCE_ENDERS = frozenset("。！？!?；;\n")
_ENDER = re.compile("[" + re.escape("".join(sorted(SENTENCE_ENDERS))) + "]")


class Sentences:
    """Sentence boundaries of one text, found once and searched by bisection."""

    def __init__(self, text: str):
        self.text = text
        self.ends = [m.end() for m in _ENDER.finditer(text)]  # a regex scan, not a loop per character
        # (first, last) sentence index -> trimmed bounds: an article's mentions share a few dozen sentences.
        self._trimmed: dict[tuple[int, int], tuple[int, int]] = {}

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        ends = self.ends
        i = bisect.bisect_right(ends, start)
        j = bisect.bisect_left(ends, end, i - 1 if i else 0)  # end >= start: not before start's sentence
        found = self._trimmed.get((i, j))
        if found is None:
            text = self.text
            s = ends[i - 1] if i else 0
            e = ends[j] if j < len(ends) else len(text)
            if e > 0 and text[e - 1] == "\n":
                e -= 1
            while s < e and text[s].isspace():
                s += 1
            found = self._trimmed[(i, j)] = (s, e)
        s, e = found
        return s, (e if e >= end else end)


#: Where one evidence span sits in its article: (start, end, sentence start, sentence end, source
#: start, source end); the source offsets are None when the span crosses a join of the article.
SpanRow = tuple[int, int, int, int, int | None, int | None]


class SpanTable:
    """The evidence spans of one article, numbered in order of first use.

    It locates a span (its sentence, its offsets in the source file) once; the
    numbers let mentions and relations share one record, and the rows are
    plain data that pickle compactly (the records are made where they are
    kept, by :func:`evidence_records`).
    """

    def __init__(self, article: Article, sentences: Sentences | None = None):
        self.article = article
        self.sentences = sentences or Sentences(article.text)
        self.rows: list[SpanRow] = []
        self._index: dict[tuple[int, int], int] = {}
        self._span_starts = [sp.art_start for sp in article.spans]  # for Article.to_source by bisection

    def __call__(self, start: int, end: int) -> int:
        k = self._index.get((start, end))
        if k is None:
            k = self._index[(start, end)] = len(self.rows)
            self.rows.append(self._locate(start, end))
        return k

    def _locate(self, start: int, end: int) -> SpanRow:
        s, e = self.sentences.bounds(start, end)
        # Article.to_source, with the span starts bisected in C.
        lo = bisect.bisect_right(self._span_starts, start)
        if lo:
            sp = self.article.spans[lo - 1]
            if end <= sp.art_start + sp.length:
                shift = sp.doc_start - sp.art_start
                return start, end, s, e, start + shift, end + shift
        return start, end, s, e, None, None


def evidence_records(article: Article, rows: Iterable[SpanRow]) -> list[Evidence]:
    """One :class:`Evidence` per row of a :class:`SpanTable`, one sentence string per sentence."""
    aid, text, source = article.article_id, article.text, article.source
    sentences: dict[tuple[int, int], str] = {}
    out: list[Evidence] = []
    for start, end, s, e, src_start, src_end in rows:
        sentence = sentences.get((s, e))
        if sentence is None:
            sentence = sentences[(s, e)] = text[s:e]
        out.append(Evidence(aid, start, end, text[start:end], s, e, sentence, source, src_start, src_end))
    return out
