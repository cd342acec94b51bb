"""Named facilities: squares, parks, venues, museums, bridges, stations, airports, roads.

A facility is a Place of subtype ``facility`` (tests/gold/GUIDELINES.md): newswire NER
sets tag them as locations, and a reader of the graph wants to know where an event
took place.  The name is read leftwards from a kind word (``facility`` in
``ontology/suffixes.tsv``: 广场, 体育馆, 大桥, 路) with the grammar of the organisation
names (:func:`kg.extract.bodies._anchored`: a place or level word within reach, 市 +
体育中心), else over a short run of name tokens (贺龙 + 体育馆).  A kind word alone
(广场, 该馆) or after common words (文化广场, 烈士公园) names nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from .bodies import _anchored
from .names import Candidate, Context, words_pattern
from .place_words import DIRECTIONS, PlaceTables
from .resources import FUNCTION_TAGS, ExtractorResources, Token
from .table_memo import TableMemo

__all__ = ["facility_names", "without_facility_bodies"]

#: jieba tags of a word that is a name (北路/ns, 卢沟桥/ns, 故宫博物院/nt), not common vocabulary.
_PROPER_TAGS: Final = frozenset({"ns", "nr", "nz", "nt", "nrt", "nrfg"})
#: ... and of a name's first token, which may be a word jieba has never seen.
_NAME_TAGS: Final = _PROPER_TAGS | {"x", "j", "eng"}
#: Tokens a run of name tokens may hold besides names: 贺龙|文化|广场.
_RUN_TAGS: Final = _NAME_TAGS | {"n"}
_MAX_RUN: Final = 6  # characters of a name read over tokens without an anchor
# DIRECTIONS: a direction after a place names a station or gate by its side: 岳阳|南|收费站; before a
# road kind it ends a street's name, whose first part is the word before: 车站|北路, 人民|中路.
#: Places that hold facilities without naming them: X社区|铁路新村 is a compound, not a railway.
_HOLDING_LEVELS: Final = frozenset({"street", "community"})


def facility_names(ctx: Context, res: ExtractorResources, places: Sequence[Candidate]) -> list[Candidate]:
    """Facilities named by a kind word: 橘子洲大桥, 市体育中心, 岳阳南收费站, 贺龙体育馆.

    The place a facility stands in is split off as chains of places are when the
    facility has a proper name of its own (杭州 + 黄龙体育中心); a place before the
    kind word, a direction or common words is part of the name (昆明机场, 长沙南站).
    """
    tables = res.places
    if tables is None or not tables.facility_suffixes:
        return []
    text = ctx.text
    kinds = _KIND_PATTERNS.get(tables)
    first = kinds.search(text)
    if first is None:
        return []  # most texts name no kind of facility: no need for the tables below
    places_at: dict[int, int] = {}  # end -> start of the chain of places ending there
    for c in sorted(places, key=lambda c: (c.start, c.end)):
        start = places_at.get(c.start, c.start)
        places_at[c.end] = min(places_at.get(c.end, start), start)
    # a place that starts inside a facility's span and runs past it: X县|石桥镇 is no bridge
    crossing = {c.start: c.end for c in places}
    out: list[Candidate] = []
    for m in kinds.finditer(text, first.start()):
        e, kind = m.end(), m.group()
        ti = ctx.ends.get(e)
        if ti is None:
            continue  # 广场舞, 公路局: the kind word is part of another word
        s = _name_start(ctx, res, ti, e - len(kind), e, places_at)
        if s is None:
            continue
        s = _split_place(ctx, res, places, s, e - len(kind))
        if s is None or text[s:e] in tables.not_facilities or text[s:e] in res.generic:
            continue
        if e - s < len(kind) + 1 or (len(kind) == 1 and e - s < 3):
            continue  # 上街, 古庙: a one-character kind needs a two-character name
        if any(crossing.get(k, 0) > e for k in range(s + 1, e)) or crossing.get(s) == e:
            continue  # … and a division named like a facility stays a division: 大石桥 (市)
        if text[s - 1:s] == "“" and text[e:e + 1] != "”":
            continue  # “X桥精神”: the start of a quoted slogan, not a bridge
        out.append(Candidate(s, e, "Place", "facility", "place-facility", 2))
    return out


def _make_kind_pattern(tables: PlaceTables) -> re.Pattern[str]:
    return words_pattern(tables.facility_suffixes)


#: The pattern of the facility kind words, per place tables.
_KIND_PATTERNS: Final = TableMemo(_make_kind_pattern)


def without_facility_bodies(cands: list[Candidate], facilities: Sequence[Candidate]) -> list[Candidate]:
    """Drop a body read from the same kind word as a facility: 杭州黄龙体育中心 ends in 中心, a body's suffix.

    GUIDELINES: a name ending in a facility word is a Place, whatever it does in the
    sentence; the body's reading could keep a longer span than the facility's.
    """
    if not facilities:
        return cands
    starts = {f.end: f.start for f in facilities}
    return [c for c in cands if c.type != "Organization" or c.end not in starts or c.start > starts[c.end]]


def _name_start(ctx: Context, res: ExtractorResources, ti: int, ss: int, e: int,
                places_at: dict[int, int]) -> int | None:
    """Left end of the name whose kind word ends token ``ti``, or None when it names nothing."""
    text, tok = ctx.text, ctx.tokens[ti]
    if tok.start < ss:  # one word holds the kind word: 卢沟桥/ns, 昆明机场/n, 北路/ns
        stem = text[tok.start:ss]
        if res.tag_table.get(stem) in FUNCTION_TAGS or res.tag_table.get(stem[0]) == "m":
            return None  # X|一条街: a numeral counts streets
        prev = ctx.tokens[ti - 1] if ti else None
        if stem in DIRECTIONS:  # 车站|北路: the word before names the street
            if prev is None or prev.tag not in _RUN_TAGS:
                return None
            return places_at.get(prev.start, prev.start)
        if tok.start in places_at:
            return places_at[tok.start]  # after a place even a common word names one: 长沙 + 文化大厦
        if e - ss == 1 and tok.tag == "x":
            return None  # a word jieba guessed around a one-character kind: X路|闹
        if tok.tag in _PROPER_TAGS or res.known.get(stem, ("", ""))[1] == "Place":
            if (prev is not None and len(prev.word) == 1 and prev.start in places_at
                    and prev.tag not in FUNCTION_TAGS and prev.tag != "v"):
                return prev.start  # X街道|Y|Z路/ns: jieba cut the name's first character off
            return tok.start  # … or a place names it: 衡山隧道
        return None  # 人民广场/n, 步行街/n: jieba's common noun is a kind
    if ss not in ctx.starts:
        return None
    before = ctx.ends.get(ss)
    if before is not None and ctx.tokens[before].word in DIRECTIONS and ctx.tokens[before].start in places_at:
        return places_at[ctx.tokens[before].start]  # 岳阳 + 南 + 收费站
    found = _anchored(ctx, ti, ss, e, res, places_at, "Place")
    if found is None:
        return None
    s, how = found
    inner = ctx.tokens[ctx.starts[s]:ctx.starts[ss]] if s in ctx.starts else []
    if any(t.word in res.org_suffix for t in inner):
        return None  # X人民法院|Y街: a body's name is no part of a street's
    if how == "noun-run" or any(t.tag not in _RUN_TAGS and t.start not in places_at for t in inner):
        # 长沙 … 前往|贺龙|体育馆: a place far off opens no name across a verb or time word
        return _name_run(inner, e - ss)
    return s


def _name_run(inner: Sequence[Token], kind_length: int) -> int | None:
    """Start of the name tokens right before the kind word: 前往|贺龙|体育馆 gives 贺龙体育馆.

    The run holds names and nouns, opens on a name (文化广场 is a kind) and is
    short; a one-character kind needs a name right before it (X路 after a common noun is a way).
    """
    start = None
    for t in reversed(inner):
        if t.tag not in _RUN_TAGS or inner[-1].end - t.start > _MAX_RUN:
            break
        if t.tag in _NAME_TAGS:
            start = t.start  # the run opens on its leftmost name
    if start is None or (kind_length == 1 and inner[-1].tag not in _NAME_TAGS):
        return None
    return start


def _split_place(ctx: Context, res: ExtractorResources, places: Sequence[Candidate], s: int, ss: int) -> int | None:
    """Start of the facility's name once the place it stands in is split off, as newswire splits it.

    A proper name after the place is the facility's own (杭州 + 黄龙体育中心);
    common words after a city or country are part of the name (长沙文化大厦);
    a township, street or community is only where it stands (X街道 + 车站北路).
    """
    last = None
    for c in places:
        if s <= c.start and c.end <= ss and (last is None or (c.end, c.start) > (last.end, last.start)):
            last = c
    if last is None:
        return s
    rest = ctx.text[last.end:ss]
    if len(rest) >= 2:
        i = ctx.starts.get(last.end)
        tag = ctx.tokens[i].tag if i is not None else res.tag_table.get(rest, "x")
        if tag in _NAME_TAGS or last.subtype in _HOLDING_LEVELS:
            return last.end
        return last.start
    if last.subtype in _HOLDING_LEVELS:
        return None  # X社区 + 铁路新村
    return last.start  # 昆明机场, 长沙南站: the last place of a chain is the name (湖南 + 长沙南站)
