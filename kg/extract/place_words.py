"""Place names without an administrative suffix, and the place knowledge the place rules share.

:class:`PlaceTables` is built once by :func:`load_place_tables` from
``ontology/place_abbreviations.tsv``, ``ontology/landforms.tsv``, ``places_world.tsv``
and the national division table.  :func:`bare_places` finds names no suffix rule
sees: a known place jieba glued to a word (台湾|同胞), a county without 县 (凤阳),
a natural feature (东荆河), a transliterated foreign unit (萨里郡).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Final

import ahocorasick

from .scans import sparse_finditer
from .names import COMMON_STEM_TAGS, HAN, Candidate, Context, alternation, char_class, words_pattern
from .resources import ExtractorResources
from .table_memo import TableMemo

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..lexicon import Lexicon
    from .tag_table import TagTable

__all__ = ["DIRECTIONS", "PlaceTables", "bare_places", "is_place", "load_place_tables"]

@dataclass(frozen=True)
class PlaceTables:
    """Place knowledge beyond the gazetteer: one-character names in words, county stems, landforms."""

    countries: frozenset[str]  # one-character country names that pair up: 中|美, 日|俄
    relation_heads: tuple[str, ...]  # 中欧 + 贸易 is China and Europe, not Central Europe
    compounds: ahocorasick.Automaton  # word -> (word, ((offset, length), ...)): 奥运会 -> 奥
    solo: frozenset[str]  # 俄 alone is Russia
    prefixes: frozenset[str]  # 原苏联, 新中国: a modifier jieba glues to a place
    state_heads: frozenset[str]  # 罗|政府, 阿|武装力量: what follows a country named by one character
    foreign_units: tuple[str, ...]  # 州, 郡, 邦 after a transliterated name: 俄勒冈州, 萨里郡
    translit: frozenset[str]  # characters of transliterated foreign names (translit_chars.tsv)
    counties: frozenset[str]  # 凤阳 for 凤阳县: county names without 县
    landform_suffixes: tuple[str, ...]  # longest first: 半岛 before 岛
    not_landforms: frozenset[str]  # 半壁江山, 深山
    #: First and last two characters of every known place: a quick test before splitting a word.
    heads2: frozenset[str] = frozenset()
    tails2: frozenset[str] = frozenset()
    landform_ends: frozenset[str] = frozenset()  # last characters of the landform words
    terms: frozenset[str] = frozenset()  # 挪威克朗, 北京时间: a place name opens a common term
    term_lengths: tuple[int, ...] = ()  # lengths of the terms, for slice look-ups
    term_heads: frozenset[str] = frozenset()  # their first two characters
    formal: tuple[str, ...] = ()  # 共和国, 王国 after a country: its formal name, longest first
    translit_left: tuple[str, ...] = ()  # 在, 抵达 before a transliterated place ...
    translit_right: tuple[str, ...] = ()  # ... and 举行, 附近 after it
    translit_areas: tuple[str, ...] = ()  # 地区, 小镇: after a transliterated name without a locative before it
    translit_kinds: tuple[str, ...] = ()  # 城市, 首都: before a transliterated name in apposition
    area_words: frozenset[str] = frozenset()  # 地区, 流域, 中下游: after a place's name, no part of it
    area_lengths: tuple[int, ...] = ()  # lengths of the area words, for slice look-ups
    facility_suffixes: tuple[str, ...] = ()  # 广场, 体育馆, 大桥, 路: kind words ending a facility's name, longest first
    not_facilities: frozenset[str] = frozenset()  # 高速铁路: kinds written like a facility's name


def load_place_tables(lex: Lexicon, gaz: Gazetteer, tags: TagTable,
                      upper_names: list[str] | None = None) -> PlaceTables:
    """Build :class:`PlaceTables` from ``place_abbreviations.tsv``, ``landforms.tsv`` and the gazetteer.

    ``upper_names``: ``gaz.names(UPPER_LEVELS)`` when the caller has it already."""
    compounds = ahocorasick.Automaton()
    for marked in lex.values("place_abbreviations", "compound"):
        # “[中]医” -> word 中医, place at offset 0 of length 1
        word, spans = "", []
        for part in re.split(r"(\[[^\]]+\])", marked):
            if part.startswith("["):
                spans.append((len(word), len(part) - 2))
                part = part[1:-1]
            word += part
        compounds.add_word(word, (word, tuple(spans)))
    compounds.make_automaton()
    # 云梦县 is written 云梦 in national news; the bare stem must be a name to jieba
    # (tag ns/nr/nz, or unknown), never a common word: 和平县, 资源县, 通道县 stay whole.
    # ... and so are city districts with a three-character stem (甘井子区, 石景山区): such a
    # stem is a distinctive name, unlike two-character ones (城关区, 新华区)
    counties = frozenset(n[:-1] for n in gaz.names(("district",))
                         if ((n.endswith("县") and len(n) >= 3) or (n.endswith("区") and len(n) == 4))
                         and tags.get(n[:-1], "x") in ("ns", "nr", "nz", "x"))
    from ..gazetteer import UPPER_LEVELS

    names = [r[0] for r in lex.rows("places_world", "place")] + (
        gaz.names(UPPER_LEVELS) if upper_names is None else upper_names)
    terms = lex.values("place_abbreviations", "term")
    return PlaceTables(
        heads2=frozenset(n[:2] for n in names),
        landform_ends=frozenset(x[-1] for x in lex.values("landforms", "suffix")),
        tails2=frozenset(n[-2:] for n in names),
        countries=frozenset(lex.values("place_abbreviations", "country")),
        relation_heads=tuple(sorted(lex.values("place_abbreviations", "relation_head"), key=len, reverse=True)),
        compounds=compounds,
        solo=frozenset(lex.values("place_abbreviations", "solo")),
        prefixes=frozenset(lex.values("place_abbreviations", "prefix")),
        state_heads=frozenset(lex.values("place_abbreviations", "state_head")),
        foreign_units=tuple(sorted(lex.values("places_world", "foreign_unit"), key=len, reverse=True)),
        translit=frozenset(lex.values("translit_chars", "translit")),
        counties=counties,
        landform_suffixes=tuple(sorted(lex.values("landforms", "suffix"), key=len, reverse=True)),
        not_landforms=frozenset(lex.values("landforms", "not_landform")),
        terms=frozenset(terms),
        term_lengths=tuple(sorted({len(t) for t in terms})),
        term_heads=frozenset(t[:2] for t in terms),
        formal=tuple(sorted(lex.values("places_world", "formal"), key=len, reverse=True)),
        translit_left=tuple(sorted(lex.values("places_world", "translit_left"), key=len, reverse=True)),
        translit_right=tuple(sorted(lex.values("places_world", "translit_right"), key=len, reverse=True)),
        translit_areas=tuple(sorted(lex.values("places_world", "translit_area"), key=len, reverse=True)),
        translit_kinds=tuple(sorted(lex.values("places_world", "translit_kind"), key=len, reverse=True)),
        area_words=frozenset(lex.values("places_world", "area_word")),
        area_lengths=tuple(sorted({len(w) for w in lex.values("places_world", "area_word")}, reverse=True)),
        facility_suffixes=tuple(sorted(lex.values("suffixes", "facility"), key=len, reverse=True)),
        not_facilities=frozenset(lex.values("suffixes", "not_facility")),
    )


#: Conjunctions, prepositions and particles jieba may glue onto a place: 和|衡山, 与|华山.
_JOINING: Final = frozenset({"c", "p", "u", "uj", "ul", "d"})
#: Tags of jieba words that may hold a place name glued to a neighbour: 台湾同胞/n, 原苏联/ns.
_GLUED_TAGS: Final = frozenset({"n", "ns", "nz", "nt", "nr", "x", "j"})
_VERBISH_TAGS: Final = frozenset({"v", "p", "a", "d", "f", "m", "c", "r"})
#: Tags of a bare county stem or landform name: jieba knows it as a name, or not at all.
_NAME_TAGS: Final = frozenset({"ns", "nr", "nz", "x"})
#: A stem this frequent is a common word: 文明 (城市), not the name of a unit.
_COMMON_STEM_FREQ: Final = 2000


def bare_places(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """Places without an administrative suffix that jieba hides or that no list holds.

    * a known place glued to a word: 台湾|同胞, 西欧|国家, 原|苏联, 英国|伦敦;
    * a county named without 县: 凤阳, 云梦 (the stem must be a name to jieba, not 和平);
    * a natural feature named by a stem and a landform word: 东荆河, 五莲山, 辽东半岛.
    """
    tables = res.places
    if tables is None:
        return []
    out: list[Candidate] = []
    known, freq = res.known, res.tokenizer.FREQ
    for t in ctx.tokens:
        w = t.word
        n = len(w)
        if n < 2 or t.tag not in _GLUED_TAGS or w in tables.not_landforms:
            continue  # 半壁江山 is an idiom, not 江山市
        if n >= 3 and w[:2] in tables.heads2:
            for k in range(2, n - 1):
                head, tail = w[:k], w[k:]
                hit = known.get(head)
                if hit and hit[1] == "Place" and (freq.get(tail) or tail in known) and _place_word(res, head):
                    out.append(Candidate(t.start, t.start + k, "Place", hit[2], "place-glued", 1))
        if n >= 3 and w[-2:] in tables.tails2:
            for k in range(2, n):
                head, tail = w[:n - k], w[n - k:]
                hit = known.get(tail, None)
                # a one-character head is a modifier the table knows (原|苏联) or a function word (和|衡山),
                # not a word's first character: 示|范县
                if (hit and hit[1] == "Place" and _place_word(res, tail) and (
                        head in tables.prefixes or (freq.get(head) and (len(head) > 1 or res.tag_table.get(head) in _JOINING)))):
                    out.append(Candidate(t.end - k, t.end, "Place", hit[2], "place-glued", 1))
        if t.tag == "ns" and n >= 3 and _unit_word(w, tables, res):
            # 昆士兰州/ns, 旁遮普邦/ns: jieba's dictionary knows the unit's name; the unit word makes it a place
            out.append(Candidate(t.start, t.end, "Place", "city", "place-unit-word", 0))
        if t.tag in _NAME_TAGS and w not in res.generic:
            if w in tables.counties and _rare_name(freq.get(w, 0), t.tag) and w not in known:
                out.append(Candidate(t.start, t.end, "Place", "district", "place-county", 0))
            elif (w[-1] in tables.landform_ends and t.tag != "x" and _landform(w, tables, res)
                  and not _chain(w, res)):  # 中国香港/ns is two places, not a harbour named 中国香
                out.append(Candidate(t.start, t.end, "Place", "feature", "place-landform", 0))
    foreign, between, areas, kinds = _SCANS.get(tables)
    if foreign is not None:
        for m in sparse_finditer(foreign, ctx.text):
            if m.start() in ctx.starts:
                out.append(Candidate(m.start(), m.end(), "Place", "city", "place-foreign", 0))
    if between is not None:
        # 在|新西伯利亚|举行: a transliteration between a locative word and an event or
        # area word is a place, which outranks the same span read as a foreign person's name
        for m in sparse_finditer(between, ctx.text):
            out.append(Candidate(m.start(1), m.end(1), "Place", "city", "place-translit", 3))
    if areas is not None:
        # 塔拉索|地区, 维科萨|小镇: a transliteration right before an area word, with no locative before it
        text, tr = ctx.text, tables.translit
        for m in sparse_finditer(areas, text):
            e = s = m.start()
            while s > 0 and e - s < 8 and text[s - 1] in tr:
                s -= 1  # the run of transliteration characters before the area word
            name = text[s:e]
            if (e - s >= 2 and (s == 0 or text[s - 1] not in tr) and s in ctx.starts and name[-1] not in DIRECTIONS
                    and not _holds_place(name, res)):
                out.append(Candidate(s, e, "Place", "city", "place-translit-area", 3))
    if kinds is not None:
        # 南部城市|某某某, 边境小镇|某某某: a transliteration right after a kind of place names the place
        text, tr = ctx.text, tables.translit
        n = len(text)
        for m in sparse_finditer(kinds, text):
            s = e = m.end()
            while e < n and e - s < 10 and text[e] in tr:
                e += 1
            name = text[s:e]
            hit = res.known.get(name)
            if (e - s >= 3 and (e == n or text[e] not in tr) and s in ctx.starts and name[-1] not in DIRECTIONS
                    and (hit is None or hit[1] == "Place") and name not in res.generic):
                out.append(Candidate(s, e, "Place", "city", "place-translit-kind", 3))
    return out


_Scans = tuple[re.Pattern | None, re.Pattern | None, re.Pattern | None, re.Pattern | None]
def _make_scans(tables: PlaceTables) -> _Scans:
    """bare_places' patterns, None where a table is empty."""
    tr = tables.translit
    return (_foreign_pattern(tr, tables.foreign_units) if tables.foreign_units and tr else None,
            _between_pattern(tr, tables.translit_left, tables.translit_right)
            if tables.translit_left and tables.translit_right and tr else None,
            words_pattern(tables.translit_areas) if tables.translit_areas and tr else None,
            words_pattern(tables.translit_kinds) if tables.translit_kinds and tr else None)


_SCANS: Final = TableMemo(_make_scans)


#: Direction characters end a relative area, not a name: 沪西|一带, 川南|地区.
#: Direction words: the end of a name (…南) is not a transliteration, and they split streets (车站|北路).
DIRECTIONS: Final = frozenset("东西南北中")


def _holds_place(name: str, res: ExtractorResources) -> bool:
    """A known place opens or ends the run (意大利|西西里, 乌干达): it is found on its own."""
    return any(is_place(res, name[:k]) or is_place(res, name[k:]) for k in range(1, len(name))) or is_place(res, name)




@lru_cache(maxsize=8)
def _between_pattern(translit: frozenset[str], left: tuple[str, ...], right: tuple[str, ...]) -> re.Pattern:
    # a left word, then a run of three or more transliteration characters (group 1); the
    # left word is matched, not looked behind, so the scan skips fast to its first characters
    t = char_class(translit)
    return re.compile(f"(?:{alternation(left)})({t}{{3,10}})(?={alternation(right)})")


def _unit_word(w: str, tables: PlaceTables, res: ExtractorResources) -> bool:
    """A dictionary place word made of a name and a unit word (昆士兰州), not of a common word (文明城市, 大城市)."""
    unit = next((u for u in tables.foreign_units if w.endswith(u)), None)
    if unit is None or w in res.known or w in res.generic or w in tables.not_landforms or not HAN.fullmatch(w):
        return False
    stem = w[:-len(unit)]
    # 大城市, 小城市: an adjective and a common word
    common_rest = res.tag_table.get(stem[0]) == "a" and res.tokenizer.FREQ.get(stem[1:] + unit, 0) >= _COMMON_STEM_FREQ
    return (len(stem) >= 2 and res.tag_table.get(stem) not in COMMON_STEM_TAGS and not common_rest
            and res.tokenizer.FREQ.get(stem, 0) < _COMMON_STEM_FREQ and not w.endswith("城市") and not _chain(w, res))


def _chain(word: str, res: ExtractorResources) -> bool:
    """A word made of two known places: 中国香港, 英国伦敦 (the chain is split, GUIDELINES)."""
    return any(is_place(res, word[:k]) and is_place(res, word[k:]) for k in range(2, len(word) - 1))


def _rare_name(f: int, tag: str) -> bool:
    # 凤阳/ns 208 and 云梦/nz 16 are names; 沿河/ns 462 and 金沙/nr 83 are common first.
    return f < 300 and (tag == "ns" or f < 50)


@lru_cache(maxsize=8)
def _foreign_pattern(translit: frozenset[str], units: tuple[str, ...]) -> re.Pattern:
    # A run of transliteration characters and a unit word: 奥兰多市, 赫尔曼德省, 萨里郡.
    # (?<!T)T{2,8} written T(?<!TT)T{1,7}: a pattern opening on a class is scanned fast for it
    t = char_class(translit)
    return re.compile(f"{t}(?<!{t}{t}){t}{{1,7}}(?:{alternation(units)})")


def is_place(res: ExtractorResources, name: str) -> bool:
    hit = res.known.get(name)
    return hit is not None and hit[1] == "Place"


def _place_word(res: ExtractorResources, name: str) -> bool:
    # 东方 (东方市) and 合作 (合作市) are common words first, as in known_names.
    return not (len(name) == 2 and res.tag_table.get(name, "ns") in COMMON_STEM_TAGS
                and res.tokenizer.FREQ.get(name, 0) >= 2000) and name not in res.generic


def _landform(word: str, tables: PlaceTables, res: ExtractorResources) -> bool:
    """东荆河/ns, 夔峡/ns, 五圣山/nr; a person's name (马|兰若岛 could be one) is not."""
    suf = next((x for x in tables.landform_suffixes if word.endswith(x)), None)
    if suf is None or len(word) == len(suf):
        return False
    tag = res.tag_table.get(word, "x")
    if len(word) - len(suf) == 1:  # one-character stem: only a rare word jieba calls a place (夔峡, not 深海)
        return (tag == "ns" and res.tokenizer.FREQ.get(word, 0) < 100
                and res.tag_table.get(word[0], "x") not in _VERBISH_TAGS)  # 夔峡, but not 驻|港
    return tag == "ns" or (tag in ("nr", "nz") and word[0] not in res.surnames)

