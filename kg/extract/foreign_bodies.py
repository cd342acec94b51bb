"""Foreign bodies: companies named by a transliteration (莫里森公司, 卡尔多银行, 劳拉集团) or by a
list of firms, a country's own bodies (加拿大国防部) and one-word parties (工党, 保守党).

jieba cuts a transliterated name into pieces it half knows (塞尔/nrt 芬/zg), so
the leftward walk of :func:`kg.extract.bodies.suffix_names` stops inside it.
Here the whole run of transliteration characters (``translit_chars.tsv``)
before a company suffix is the name; one regular-expression pass per text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from .listed_places import list_items
from .names import HAN, Candidate, Context, alternation, char_class
from .resources import ExtractorResources
from .scans import ListPattern
from .table_memo import TableMemo

__all__ = ["country_bodies", "foreign_firms", "listed_firms"]


@lru_cache(maxsize=8)
def _firm_pattern(translit: frozenset[str], suffixes: tuple[str, ...]) -> re.Pattern:
    t = char_class(translit)
    return re.compile(f"(?<!{t})({t}{{2,6}})(?:{alternation(suffixes)})")


def _make_firm_suffixes(res: ExtractorResources) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # the company suffixes that make a name on their own (公司, 集团, 银行), longest first, and
    # those that contain no other (有限公司 contains 公司): a text without them has no firm
    found = tuple(sorted((s for s, kind in res.org_suffix.items() if kind == "enterprise" and s not in res.weak_suffix),
                         key=len, reverse=True))
    return found, tuple(s for s in found if not any(o != s and o in s for o in found))


#: The company suffixes and the shortest of them, per resources.
_FIRM_SUFFIXES: Final = TableMemo(_make_firm_suffixes)


def foreign_firms(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """A run of transliteration characters before a company suffix: “瑞典的斯坎迪公司”.

    The run must start a token and must not be a known place or a common word
    (意大利公司 is an Italian company, 亚西 no name), nor a place jieba knows.
    """
    out = listed_firms(ctx, res)
    tables = res.places
    if tables is None or not tables.translit:
        return out
    suffixes, cores = _FIRM_SUFFIXES.get(res)
    text, freq = ctx.text, res.tokenizer.FREQ
    for x in cores:  # a few substring tests in C spare most texts the scan
        if x in text:
            break
    else:
        return out
    for m in _firm_pattern(tables.translit, suffixes).finditer(text):
        s, run = m.start(), m.group(1)
        if s not in ctx.starts or run in res.known or freq.get(run, 0) >= 100 or res.tag_table.get(run) == "ns":
            continue
        if any(res.known.get(run[:k], ("", ""))[1] == "Place" for k in range(2, len(run))):
            continue  # 利比亚|石油公司: a country's company
        out.append(Candidate(s, m.end(), "Organization", "enterprise", "foreign-firm", 0))
    return out


#: Firms listed before 等公司 (no count: 某某、某某集团等公司); a counted list (等5家企业) is
#: :func:`kg.extract.bodies.pattern_names`'.  Items may hold the · of a foreign name.
_LIST: Final = ListPattern(r"((?:[\u4e00-\u9fff·]{2,10}、)+[\u4e00-\u9fff·]{2,10})", r"等(?:大|跨国)?公司")
#: Tags of a word that may open a firm's name in such a list: names jieba knows or guesses.
_ITEM_TAGS: Final = frozenset({"nr", "nrt", "nrfg", "nz", "nt", "x", "j", "ns"})
_SEPARATORS: Final = re.compile("、")


def listed_firms(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """“如某某·某某、某某集团等公司”: each item of a list closed by 等公司 is a firm.

    An item must start and end a token, open on a name word (not 如, 与) and be no
    common word (银行、保险等公司 are kinds); the first item may start inside the
    run the pattern took (如|某某).  Items already named by a suffix rule win by length.
    """
    text = ctx.text
    out: list[Candidate] = []
    if "等" not in text:
        return out
    freq = res.tokenizer.FREQ

    def firm(s: int, e: int) -> bool:
        i = ctx.starts.get(s)
        return (i is not None and e in ctx.ends and ctx.tokens[i].tag in _ITEM_TAGS and text[s:e] not in res.generic
                and freq.get(text[s:e], 0) < 1000 and text[s:e] not in res.known)

    for m in _LIST.finditer(text):
        for s, e in list_items(m, _SEPARATORS, firm):
            out.append(Candidate(s, e, "Organization", "enterprise", "listed-firm", 3))  # over a name score
    return out


#: jieba tags of a one-word party name: 工党/n, 保守党/n, 民主党/nt.
_PARTY_TAGS: Final = frozenset({"n", "nt", "nz", "j", "x"})
#: Tags of the words between a country and 部长: 能源/n 矿业/n, 计划/n 合作/vn.
_MINISTRY_TAGS: Final = frozenset({"n", "nz", "j", "vn", "nt", "x"})  # and short forms jieba lacks: 能矿/x


def country_bodies(ctx: Context, res: ExtractorResources, places: list[Candidate],
                   orgs_known: list[Candidate]) -> list[Candidate]:
    """A country's own body and one-word parties of newswire.

    “加拿大国防部长” names 加拿大国防部 (the national-body list knows 国防部);
    “工党和保守党” names two parties: a dictionary word ending in 党 that is not a
    kind of party (政党, 执政党, stopwords ``generic``).
    """
    country_at = {c.end: c.start for c in places if c.subtype == "country"}
    # a city's team is named after it too: 大连 + 实德队
    team_at = {c.end: c.start for c in places if c.subtype != "country"}
    out = []
    for c in orgs_known:
        s = country_at.get(c.start)
        if s is None and c.subtype == "sport":
            s = team_at.get(c.start)
        if s is not None and not ctx.text[c.start:c.end].endswith("政府"):
            out.append(Candidate(s, c.end, "Organization", c.subtype, "country-body", 1))
    for c in places:
        if c.subtype != "country" or c.end not in ctx.starts:
            continue
        # 秘鲁 + 能源/矿业 + 部长: the minister's title names the ministry 秘鲁能源矿业部.
        i = ctx.starts[c.end]
        for t in ctx.tokens[i:i + 4]:
            if t.word.endswith("部长"):
                if t.end - 1 - c.end >= 2:
                    out.append(Candidate(c.start, t.end - 1, "Organization", "government", "country-ministry", 1))
                break
            if t.tag not in _MINISTRY_TAGS or not HAN.fullmatch(t.word):
                break
    for t in ctx.tokens:
        w = t.word
        if (2 <= len(w) <= 5 and w.endswith("党") and t.tag in _PARTY_TAGS and w not in res.generic
                and not w.startswith(res.prefixes)):
            out.append(Candidate(country_at.get(t.start, t.start), t.end, "Organization", "party", "party-word", 1))
    return out
