"""Places, organisations, events and suffix-named programmes.

Names are found from their right end: a suffix from ``ontology/suffixes.tsv``
(社区, 人民法院, 会议 …) ending on a jieba token boundary.  The left end is
an *anchor* (a place name or a level word such as 市/区/县/中央) reached over
name-like tokens, or, without an anchor, the run of noun tokens just before
the suffix: “天元区” + “民政” + “局”, “市” + “交通运输” + “局”.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import FUNCTION_TAGS, ExtractorResources, Token

__all__ = ["Candidate", "Context", "abbreviated_places", "known_names", "pattern_names", "place_names", "suffix_names"]

MAX_CORE = 14  # characters between an anchor and a suffix
_COMMITTEE_ROLES = ("书记", "副书记", "常委", "委员")
#: Sub-units named by a generic office word are part of their parent: 文化部办公厅, 团中央书记处.
_OFFICES = frozenset({"办公厅", "办公室", "书记处", "秘书处", "常委会"})
_NUMERALS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十百千万两几")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_PUNCT = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9·]")
#: Level words that start an abbreviated name in local news: 市公安局, 区民政局.
LEVEL_ANCHORS = frozenset({"市", "区", "县", "省", "镇", "乡", "州", "市委", "区委", "县委", "省委", "州委",
                           "市政府", "区政府", "县政府", "省政府", "镇政府", "中央", "国家", "中共"})
#: Extra anchors for events: 全国…工作会议, 全市…推进会议.
EVENT_ANCHORS = frozenset({"全国", "全省", "全市", "全区", "全县", "全州"})
#: Suffixes of the departments named after a party committee (市委 + 宣传部, 省委 + 政法委).
DEPARTMENTS = frozenset({"部", "委", "办", "办公室", "委员会", "政法委", "工作部"})
_ORDINAL = re.compile(r"^第[一二三四五六七八九十百0-9]+$")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: str
    subtype: str
    rule: str
    priority: int = 0  # breaks ties between candidates of equal length


@dataclass
class Context:
    """Per-text state shared by the rules: tokens and their boundaries."""

    text: str
    tokens: list[Token]
    starts: dict[int, int]  # token start offset -> token index
    ends: dict[int, int]  # token end offset -> token index
    #: Offsets inside a word jieba guessed (tag x) where a suffix may end:
    #: “市交通运输局共治理” is tokenised 市/交通运输/局共/治理.
    soft_ends: dict[int, int]

    @classmethod
    def build(cls, text: str, res: ExtractorResources) -> Context:
        toks = res.tokens(text)
        soft: dict[int, int] = {}
        last = res.suffix_ends
        for i, t in enumerate(toks):
            if len(t.word) > 3 and t.word[1] == "委" and t.word[2:].endswith(_COMMITTEE_ROLES):
                soft[t.start + 2] = i  # 县委|书记, 省委|常委: the committee is a body
            elif t.tag == "x" and len(t.word) > 1:
                for k in range(t.start + 1, t.end):
                    # not inside a title: 队|长, 局|长, 委|员
                    if text[k - 1] in last and text[k] not in "长员":
                        soft[k] = i
        return cls(text, toks, {t.start: i for i, t in enumerate(toks)}, {t.end: i for i, t in enumerate(toks)},
                   soft)

    def token_ending(self, e: int) -> Token:
        """The token that ends at ``e``; at a soft end, its part before ``e``."""
        i = self.ends.get(e)
        if i is not None:
            return self.tokens[i]
        t = self.tokens[self.soft_ends[e]]
        return Token(self.text[t.start:e], t.start, e, "x")


def known_names(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """Gazetteer places, world places, national bodies and campaigns."""
    out = []
    for end_idx, (name, typ, sub, _canon) in res.known.iter(ctx.text):
        s, e = end_idx - len(name) + 1, end_idx + 1
        # “东方” inside 东方红 is not 东方市: the match must start on a token
        # boundary, and short names must end on one too.
        if typ == "Organization" and ctx.text.startswith("中共", s - 2) and s - 2 in ctx.starts:
            s -= 2  # 中共 + 中央组织部
        if s not in ctx.starts:
            continue
        if e not in ctx.ends and len(name) < 3 and not (typ == "Place" and (
                ctx.tokens[ctx.starts[s]].tag in ("nt", "ns") or ctx.tokens[ctx.starts[s]].word == name + "人")):
            continue  # ... but 美国 opens the name 美国政府/nt
        if name in res.generic:
            continue
        if typ == "Organization" and e not in ctx.ends and not (ctx.text.startswith("长", e) and e + 1 in ctx.ends):
            continue  # 民政部 inside 民政部门, but 外交部 inside 外交部长
        if typ == "Place" and len(name) == 2 and res.tags.get(name, "ns") in _COMMON_STEM_TAGS \
                and res.tokenizer.FREQ.get(name, 0) >= 2000:
            continue  # 合作 (合作市) and 东方 (东方市) are common words first
        if typ == "Program" and ctx.text.startswith("行动", e):
            e += 2  # 交通问题顽瘴痼疾集中整治 + 行动
        out.append(Candidate(s, e, typ, sub, "known", 1))
    return out


_MAX_SUFFIX = 8  # longer than any suffix in ontology/suffixes.tsv


def _suffix_at(text: str, e: int, table: dict[str, str] | frozenset[str] | tuple[str, ...]) -> str | None:
    """Longest suffix of ``text[:e]`` in ``table``: a few slice look-ups, never a scan of the table."""
    for k in range(min(_MAX_SUFFIX, e), 0, -1):
        suf = text[e - k:e]
        if suf in table:
            return suf
    return None


def _suffix_ok(ctx: Context, e: int, suf: str, res: ExtractorResources) -> bool:
    """A one-character suffix inside a common two-character word is not a suffix: 格局, 小区, 城区."""
    tok = ctx.token_ending(e)
    words = res.not_suffix_words
    if any(ctx.text[e - k:e] in words for k in range(len(suf) + 1, min(e, _MAX_SUFFIX) + 1)):
        return False
    if len(suf) > 1 or tok.word == suf:
        return True
    if tok.word[:1] in ("市", "区", "县", "省", "州"):  # 市委, 县委
        return True
    # ... unless the two-character word is rare: 溇|口区 is a misprinted 渌口区, 小区 is a word.
    return len(tok.word) >= 3 or tok.tag in ("nt", "j", "x") or res.tokenizer.FREQ.get(tok.word, 0) < 10


@lru_cache(maxsize=8)
def _char_class(chars: frozenset[str]) -> str:
    return "[" + "".join(sorted(re.escape(c) for c in chars)) + "]"


@lru_cache(maxsize=8)
def _abbreviation_patterns(abbr: frozenset[str], verbs: frozenset[str], visited: frozenset[str]
                           ) -> tuple[re.Pattern, re.Pattern]:
    a = _char_class(abbr)
    return (re.compile(f"(?<!{a}){a}{{2,3}}"),
            re.compile(f"(?<={_char_class(verbs)}){_char_class(visited)}"))


def abbreviated_places(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """One-character place names of newswire: 中美关系, 巴以和谈, 港澳同胞, 访华, 抵京."""
    text, out = ctx.text, []
    runs, visits = _abbreviation_patterns(res.abbreviations, res.visit_verbs, res.visited)
    freq = res.tokenizer.FREQ
    for m in runs.finditer(text):
        i, j = m.span()
        if text.startswith(res.abbreviation_heads, j) and not res.known.exists(m.group()) and i in ctx.starts:
            out.extend(Candidate(k, k + 1, "Place", "abbreviation", "abbreviation", 1) for k in range(i, j))
    for m in visits.finditer(text):
        k = m.start()
        # 在华期间 / 抵京 but not 在美丽的, 在港口, 现在华为: no word with either neighbour.
        if not freq.get(text[k:k + 2]) and not freq.get(text[k - 2:k]) and (k - 1) in ctx.starts:
            out.append(Candidate(k, k + 1, "Place", "abbreviation", "abbreviation-visit", 1))
    return out


_MILITARY = re.compile(r"(?:第[0-9一二三四五六七八九十百]+|(?<![0-9.])[0-9]{1,4})(?:集团军|军|师|旅|团|营)(?![长部级委员队属])")
_MEDIA_BRAND = re.compile(r"(?<=报·)[\u4e00-\u9fff]{2,6}?(?=记者|通讯员|讯|客户端|[\s/])")
_LISTED = re.compile(r"((?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,6})等[0-9一二三四五六七八九十百千余多]*家[\u4e00-\u9fff]{0,4}?(?:企业|公司)")


def pattern_names(ctx: Context, res: ExtractorResources, places: list[Candidate]) -> list[Candidate]:
    """Military units (第100军 | 63师 | 187团), media brands after 日报· (掌上X), firms listed
    before 等N家企业, and place brands (平安X, 智慧X) of the programme lexicon."""
    text, out = ctx.text, []
    for m in _MILITARY.finditer(text):
        out.append(Candidate(m.start(), m.end(), "Organization", "military", "military-unit", 2))
    for m in _MEDIA_BRAND.finditer(text):
        out.append(Candidate(m.start(), m.end(), "Organization", "media", "media-brand", 2))
    for m in _LISTED.finditer(text):
        at = m.start(1)
        for item in m.group(1).split("、"):
            if at in ctx.starts and item not in res.generic:
                out.append(Candidate(at, at + len(item), "Organization", "enterprise", "listed-firm", 0))
            at += len(item) + 1
    prefixes = res.place_brand_prefixes
    for c in places:
        for pre in prefixes:
            s = c.start - len(pre)
            if s >= 0 and text.startswith(pre, s) and s in ctx.starts and c.subtype in ("city", "province", "country"):
                out.append(Candidate(s, c.end, "Program", "", "place-brand", 2))
    return out


def _is_stop(tok: Token, res: ExtractorResources) -> bool:
    return (bool(_PUNCT.search(tok.word)) or tok.tag in FUNCTION_TAGS or tok.word in res.program_verbs
            or tok.word.isdigit())


#: Tags of tokens that can make up a place stem the national table does not know
#: (尚格/x 社区, 渡头/n 镇); verbs, adjectives and time words cannot (发展社区, 去年村).
_STEM_TAGS = frozenset({"x", "ns", "nr", "nrt", "nrfg", "nz", "zg", "ng", "j", "n", "nt", "eng"})
_COMMON_STEM_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "an", "d", "m", "p", "c", "r", "t", "f", "l", "i"})
_UPPER_SUFFIXES = frozenset({"市", "省", "自治区", "地区", "盟", "特别行政区"})


def place_names(ctx: Context, res: ExtractorResources, known: list[Candidate] = ()) -> list[Candidate]:
    """X社区, X村, X街道, X镇, X区, X县 not covered by the upper-level gazetteer.

    Chains are split even where jieba joins their pieces: 炎陵县渡头镇长江村 is
    tokenised 炎陵县/渡头/镇长/江村, yet gives 渡头镇 and 长江村.
    """
    text = ctx.text
    gaz = res.gazetteer
    place_ends = {c.end for c in known if c.type == "Place"}
    place_starts = {c.start for c in known if c.type == "Place"}
    raw: list[tuple[int, int, str, str]] = []  # start, end, level, rule
    for m in re.finditer(_char_class(res.place_suffix_ends), text):
        e = m.end()
        suf = _suffix_at(text, e, res.place_suffix)
        if suf is None or suf in _UPPER_SUFFIXES:
            continue
        level = res.place_suffix[suf]
        levels = ("community",) if level == "community" else ("street",) if level == "street" else ("district",)
        ss = e - len(suf)
        # A name the national table knows wins: “在湘湾社区” -> 湘湾社区; after
        # another place a one-character stem is enough: 天荒坪镇 + 余村.
        for k in range(6, 0, -1):
            s = ss - k
            if s < 0 or _PUNCT.search(text[s:ss]) or (k == 1 and s not in place_ends):
                continue
            if gaz.lookup(text[s:e], levels):
                # 发展社区 and 创新社区 exist somewhere, yet “培育发展社区社会组织” names
                # none: a stem that is a verb or adjective needs a place before it.
                if s not in place_ends and res.tags.get(text[s:ss], "x") in _COMMON_STEM_TAGS:
                    continue
                raw.append((s, e, level, "place-gazetteer"))
                break
        else:
            found = None
            if e in ctx.ends and _suffix_ok(ctx, e, suf, res):
                found = _token_stem(ctx, ctx.ends[e], ss, e, res, level, place_ends)
            elif ss in ctx.starts and len(suf) == 1 and level != "community" and gaz.lookup(
                    text[e:e + 3], ("community",)):  # 渡头|镇长|江村: 渡头镇 + 长江村
                found = _token_stem(ctx, ctx.starts[ss], ss, e, res, level, place_ends)
            if found is not None:
                raw.append((found.start, e, level, "place-suffix"))
    raw_starts = {r[0] for r in raw} | place_starts
    raw_ends = {r[1] for r in raw} | place_ends
    out = []
    for s, e, level, rule in raw:
        if (s in ctx.starts or s in raw_ends) and (e in ctx.ends or e in raw_starts or e in ctx.soft_ends):
            name = text[s:e]
            if name in res.generic or name.startswith(res.prefixes):
                continue
            out.append(Candidate(s, e, "Place", level, rule, 2 if rule == "place-gazetteer" else 0))
    return out


def _token_stem(ctx: Context, ti: int, ss: int, e: int, res: ExtractorResources, level: str,
                place_ends: set[int] = frozenset()) -> Candidate | None:
    # Stem = the one or two tokens before the suffix, 2-4 characters, made of
    # name-like tokens, never crossing the end of another place.
    if ss in place_ends and ctx.text[ss - 1] in res.place_suffix_ends:
        return None  # 武侯区 + 社区治理: a place and a generic word (but 醴陵 + 县 is a name)
    # A village or community the national table does not know needs a name-like
    # stem (尚格/x 社区); a common noun makes a generic phrase (重点社区, 城乡社区).
    tags = _STEM_TAGS - {"n"} if level == "community" else _STEM_TAGS
    tok = ctx.tokens[ti]
    stem_start = ss
    j = ti
    if tok.start < ss:  # suffix inside the token: 经开区
        head = ctx.text[tok.start:ss]
        if len(head) == 1 and res.tags.get(head) in ("p", "c", "r", "d", "v", "u", "uj", "m"):
            return None  # 以|镇, 由|区
        if res.tags.get(head) == "q" and tok.start > 0 and ctx.text[tok.start - 1] in _NUMERALS:
            return None  # 100|个村
        stem_start = tok.start
        j = ti - 1
    elif tok.start == ss:
        j = ti - 1
    while j >= 0 and ss - ctx.tokens[j].start <= 4 and (stem_start == ss or stem_start not in place_ends):
        t = ctx.tokens[j]
        if t.tag not in tags or _PUNCT.search(t.word) or t.word in res.roles or t.word in res.program_verbs:
            break
        stem_start = t.start
        if ss - stem_start >= 2:
            break
        j -= 1
    stem = ctx.text[stem_start:ss]
    if not 2 <= len(stem) <= 4 or not _HAN.fullmatch(stem) or stem.startswith(res.prefixes):
        return None
    name = ctx.text[stem_start:e]
    first = ctx.tokens[ctx.starts[stem_start]] if stem_start in ctx.starts else None
    if name in res.generic or (first is not None and first.tag not in tags):
        return None
    return Candidate(stem_start, e, "Place", level, "place-suffix", 0)


def suffix_names(ctx: Context, res: ExtractorResources, places: list[Candidate],
                 orgs_known: list[Candidate]) -> list[Candidate]:
    """Organisations, events and suffix-named programmes, anchored on places."""
    # end offset -> start offset of the chain of adjacent places that can open a
    # name: 杭州市西湖区民政局 is one organisation, opening on 杭州市.
    places_at: dict[int, int] = {}
    for c in sorted(places, key=lambda c: (c.start, c.end)):
        start = places_at.get(c.start, c.start)
        places_at[c.end] = min(places_at.get(c.end, start), start)
    party_at: dict[int, int] = {c.end: c.start for c in orgs_known}  # end -> start of a body found so far
    countries = {(c.start, c.end) for c in places if c.subtype == "country"}
    orgs_at = dict(places_at)
    for c in orgs_known:
        orgs_at.setdefault(c.end, c.start)
    out = []
    text = ctx.text
    ends = res.suffix_ends
    for e, ti in list(ctx.ends.items()) + list(ctx.soft_ends.items()):
        if text[e - 1] not in ends:
            continue
        for kind, table in (("Organization", res.org_suffix), ("Event", res.event_suffix),
                            ("Program", res.program_suffix)):
            suf = _suffix_at(text, e, table)
            if suf is None or not _suffix_ok(ctx, e, suf, res):
                continue
            sub = res.org_suffix.get(suf, "") if kind == "Organization" else ""
            # Organisations open on places only (芦淞区检察院 | 第一检察部 stay
            # two); events and programmes may open on an organisation (市委政法工作会议).
            cand = _anchored(ctx, ti, e - len(suf), e, res, places_at if kind == "Organization" else orgs_at, kind,
                             party_at)
            if cand is not None and suf in ("政府", "人民政府") and (cand[0], e - len(suf)) in countries:
                continue  # 美国政府 is 美国 and a generic word in newswire usage
            if cand is not None:
                out.append(Candidate(cand[0], e, kind, sub, cand[1], 1))
                if kind == "Organization":
                    orgs_at.setdefault(e, cand[0])
                    party_at.setdefault(e, cand[0])  # every body: 文化部 + 办公厅 (one name)
    return out


def _anchored(ctx: Context, ti: int, ss: int, e: int, res: ExtractorResources,
              anchors: dict[int, int], kind: str, party_at: dict[int, int] | None = None) -> tuple[int, str] | None:
    """Left end of a suffix name: an anchor within reach, else a noun run."""
    text = ctx.text
    tok = ctx.token_ending(e)
    if ss in anchors:  # a place ends where the suffix begins, even inside a token: 天元|区政府
        return anchors[ss], "anchored"
    if tok.start <= ss:  # the suffix ends this token: 民政|局 inside 民政局
        pos, j = tok.start, ti - 1
        if text[tok.start:ss] in LEVEL_ANCHORS:  # 市委, 区政府
            return tok.start, "level"
    else:  # the suffix spans tokens: 人民|法院
        k = ctx.starts.get(ss)
        if k is None:
            return None
        pos, j = ss, k - 1
    while True:
        if (kind == "Organization" and party_at and pos in party_at and text[ss:e] in DEPARTMENTS
                and text[:pos].endswith("委")):
            return party_at[pos], "department"  # a party committee's department: 四川省委 + 社会工作部
        if pos in anchors and pos != e:
            return anchors[pos], "anchored"
        if j < 0:
            break
        t = ctx.tokens[j]
        if t.word in LEVEL_ANCHORS or (kind == "Event" and t.word in EVENT_ANCHORS):
            return t.start, "level"
        if (len(t.word) == 2 and t.word[1] in "市区县省州" and res.tags.get(t.word[0]) in FUNCTION_TAGS
                and ctx.text[t.end:ss].isalpha() and t.end < e - 1):
            return t.end - 1, "level"  # “由区民政局”: the level word fused with a preposition
        if (len(t.word) == 2 and t.word[0] in "市区县省" and kind == "Organization"
                and (t.start == 0 or _PUNCT.match(text[t.start - 1]))):
            return t.start, "level"  # “、市治超办”: the level word fused with the name (市治/超办)
        if ss - t.start > MAX_CORE:
            break
        if t.word in res.name_words and kind in ("Organization", "Event"):  # 社会|组织|孵化中心
            pos, j = t.start, j - 1
            continue
        if (_is_stop(t, res) and not _ORDINAL.match(t.word)) or t.word in res.roles or t.word in res.program_stops:
            break
        if t.tag in ("i", "l") and kind != "Program":  # idioms: 贯彻落实
            break
        if kind == "Organization" and _suffix_at(text, t.end, res.org_suffix) and len(t.word) > 1:
            if pos == ss and text[ss:e] in _OFFICES and party_at is not None and t.end in party_at:
                return party_at[t.end], "office"
            if e - pos >= 3 and pos < e - 1:  # a sub-unit after its parent: 市公安局 | 交警支队, 大学 | 法学院
                return pos, "sub-unit"
            break  # another organisation ends here: 检察院 | 第一检察部
        if t.tag in ("v", "vd", "ad", "a") and kind != "Program":
            # one name word between a place and the suffix: 天元区 + 齐心 + 社会工作服务中心
            if kind == "Organization" and t.end == ss and t.start in anchors and t.word not in res.program_verbs:
                return anchors[t.start], "anchored"
            if (kind == "Organization" and t.end == ss and len(t.word) == 2 and text[ss:e] not in res.weak_suffix
                    and res.org_suffix.get(text[ss:e]) in ("social", "enterprise", "media", "education")
                    and (t.start == 0 or _PUNCT.match(text[t.start - 1])) and t.word not in res.program_verbs):
                return t.start, "noun-run"  # “，齐心社工机构进驻社区”
            break
        pos, j = t.start, j - 1
        if _ORDINAL.match(t.word):  # 第一检察部 opens on its ordinal
            break
    if pos in anchors and pos != e and kind == "Organization":  # 合肥市 + 第四十五中学
        return anchors[pos], "anchored"
    ordinal = _ORDINAL.match(ctx.tokens[ctx.starts[pos]].word) if pos in ctx.starts else None
    if ss - pos < 2 or (kind == "Organization" and text[ss:e] in res.weak_suffix and not ordinal):
        return None  # a weak suffix (中心, 办) needs an anchor, or an ordinal: 第一检察部
    name = text[pos:e]
    if name.startswith(res.prefixes) or name in res.generic:
        return None
    return pos, "noun-run"
