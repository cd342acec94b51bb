"""Organisations, events and suffix-named programmes.

The left end of a suffix name is an *anchor* (a place name or a level word such
as 市/区/县/中央) reached over name-like tokens, or, without an anchor, the run of
noun tokens just before the suffix: “武侯区” + “民政” + “局”, “市” + “交通运输” + “局”.
"""

from __future__ import annotations

import re
from typing import Final

from .body_edges import (
    COUNTED_STATES,
    body_meeting,
    branded_kind,
    fused_initial,
    fused_level,
    generic_kind,
    glued_state,
    opens_on_function_char,
    place_through,
    quantified,
    reopened,
)
from .foreign_bodies import country_bodies
from .scans import ListPattern, char_scan
from .names import PUNCT, Candidate, Context, suffix_at, suffix_ok
from .resources import FUNCTION_TAGS, ExtractorResources, Token

__all__ = ["DEPARTMENTS", "EVENT_ANCHORS", "LEVEL_ANCHORS", "country_bodies", "dictionary_bodies", "pattern_names",
           "prefixed_bodies", "sport_report", "suffix_names"]

MAX_CORE: Final = 14  # characters between an anchor and a suffix
#: Sub-units named by a generic office word are part of their parent: 商务部办公厅, 团中央宣传部.
_OFFICES: Final = frozenset({"办公厅", "办公室", "书记处", "秘书处", "常委会"})
#: Level words that start an abbreviated name in local news: 市公安局, 区民政局.
LEVEL_ANCHORS: Final = frozenset({"市", "区", "县", "省", "镇", "乡", "州", "市委", "区委", "县委", "省委", "州委",
                           "市政府", "区政府", "县政府", "省政府", "镇政府", "中央", "国家", "中共"})
#: Extra anchors for events: 全国…工作会议, 全市…推进会议.
EVENT_ANCHORS: Final = frozenset({"全国", "全省", "全市", "全区", "全县", "全州"})
#: Suffixes of the departments named after a party committee (市委 + 宣传部, 省委 + 政法委).
DEPARTMENTS: Final = frozenset({"部", "委", "办", "办公室", "委员会", "政法委", "工作部"})
#: Verbs that take a meeting as object: 主持会议, 召开会议 are acts, not named events.
_CONVENE: Final = ("主持", "召开", "举行", "出席", "参加", "列席")
_ORDINAL: Final = re.compile(r"^第[一二三四五六七八九十百0-9]+$")
_NUMERAL_CHARS: Final = "一二三四五六七八九十"
_NUMERAL: Final = re.compile(r"^[一二三四五六七八九十百]+$")
#: A number that names a body after its place (二七, 1202): numerals and digits only, no measure word.
_NUMBERED: Final = re.compile(r"^[〇零一二三四五六七八九十百0-9０-９]+$")

_MILITARY: Final = re.compile(r"(?:第[0-9一二三四五六七八九十百]+|(?<![0-9.])[0-9]{1,4})(?:集团军|军|师|旅|团|营)(?![长部级委员队属])")
_MILITARY_UNITS: Final = ("军", "师", "旅", "团", "营")  # one of them ends every match of _MILITARY
_MEDIA_BRAND: Final = re.compile(r"(?<=报·)[\u4e00-\u9fff]{2,6}?(?=记者|通讯员|讯|客户端|[\s/])")
_LISTED: Final = ListPattern(r"((?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,6})",
                             r"等[0-9一二三四五六七八九十百千余多]*家[\u4e00-\u9fff]{0,4}?(?:企业|公司)")


def pattern_names(ctx: Context, res: ExtractorResources, places: list[Candidate]) -> list[Candidate]:
    """Military units (第100军 | 63师 | 187团), media brands after 日报· (掌上X), firms listed
    before 等N家企业, and place brands (平安X, 智慧X) of the programme lexicon."""
    text, out = ctx.text, []
    # each pattern is tried at every character: a substring test in C first spares most texts the scan
    if any(unit in text for unit in _MILITARY_UNITS):
        for m in _MILITARY.finditer(text):
            out.append(Candidate(m.start(), m.end(), "Organization", "military", "military-unit", 2))
    if "报·" in text:
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


def dictionary_bodies(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """Bodies jieba's dictionary knows as one word, and teams named after a place.

    jieba tags organisation words ``nt`` (中东社, 三总部, 中国国际旅行社, 巴林队); one is a
    body when it ends like one (``dict_tail`` or an org suffix) and is not a kind
    (音乐会, 公安局 in ``generic``).  “巴林队”, “秘鲁队” are one dictionary word
    whose stem is a country: the place's team.
    """
    out = []
    tails, heads = res.dict_tails, res.team_heads
    # the few that can be bodies (endswith: no one-character string is made per token)
    for t in [t for t in ctx.tokens if t.tag == "nt" or t.word.endswith("队")]:
        w = t.word
        if len(w) < 2 or w in res.generic:
            continue
        if t.tag == "nt" and not w.endswith("政府"):
            suf = suffix_at(w, len(w), res.org_suffix) or next((x for x in tails if w.endswith(x)), None)
            # a longer common word ends it: 新格局/nt (格局), 美中关系/nt (关系)
            common = suffix_at(w, len(w), res.not_suffix_words)
            if (suf is None or (common is not None and len(common) > len(suf))
                    or (suf == "公司" and res.known.get(w[:-2], ("", "", ""))[2] == "country")):
                continue  # ... nor a country's companies: 日本公司/nt
            end = t.end - 1 if _editorial(ctx.text, t.end) else t.end  # 某某日报社/nt|论: the paper's editorial
            out.append(Candidate(t.start, end, "Organization", res.org_suffix.get(suf, ""), "dictionary-org", 0))
            continue
        if w[-1] == "队" and len(w) >= 3:
            for head in heads:
                stem = w[:-len(head)]
                if w.endswith(head) and len(stem) >= 2 and res.known.get(stem, ("", ""))[1] == "Place":
                    out.append(Candidate(t.start, t.end, "Organization", "sport", "place-team", 2))
                    break
            else:
                # a club: jieba's own name word (a club word jieba tags nz), or in a match report a
                # word whose stem is no verb and no common noun (猛龙队, 火箭队; not 突击队)
                stem = w[:-1]
                if w in res.org_suffix:  # 志愿服务队 is a kind
                    continue
                if t.tag == "nz" or (res.tag_table.get(stem, "x") not in ("v", "vn") and res.tokenizer.FREQ.get(stem, 0) < 1000
                                     and sport_report(ctx.text[max(0, t.start - 40):t.end + 40], res)):
                    out.append(Candidate(t.start, t.end, "Organization", "sport", "club-team", 1))
    return out


_SCORE: Final = re.compile(r"[0-9０-９一二三四五六七八九十]比[0-9０-９一二三四五六七八九十]")


def sport_report(text: str, res: ExtractorResources) -> bool:
    """A match report: a score (3比1) or a match word (``team_cue``: 比赛, 外援) in ``text``."""
    return bool(_SCORE.search(text)) or any(w in text for w in res.team_cues)


def prefixed_bodies(ctx: Context, res: ExtractorResources, orgs: list[Candidate]) -> list[Candidate]:
    """Words around a body that belong to its name.

    中共 or 共青团 before a body names the party's or the league's own committee
    (共青团 + 某市委); a one-character country before it names that country's
    body (英 + 中央银行); a term (第十届 + 全国人大) names one sitting of it; 中央
    after a party names its central committee (九三学社 + 中央).  Only congresses
    elected for a term take the term (``termed`` in ``org_aliases.tsv``).
    """
    text, out = ctx.text, []
    for c in orgs:
        if c.type != "Organization":
            continue
        for pre in res.body_prefixes:
            s = c.start - len(pre)
            if s >= 0 and text.startswith(pre, s) and s in ctx.starts:
                out.append(Candidate(s, c.end, "Organization", c.subtype, "body-prefix", 1))
        s = c.start - 1
        # ... but not a date's 日 before a local level body: 5日|市政府
        # ... nor a preposition or adverb that is also a country's initial: 以|国防军, 比|中央银行
        if (s >= 0 and text[s] in res.abbreviations and (ctx.ends.get(c.start) == ctx.starts.get(s) is not None
                                                          or fused_initial(ctx, s, c.start, res))
                and text[c.start] not in "市区县省镇乡州" and not text[max(0, s - 1):s].isdigit()
                and res.tag_table.get(text[s]) not in FUNCTION_TAGS and res.tag_table.get(text[s]) != "a"):
            out.append(Candidate(s, c.end, "Organization", c.subtype, "country-body", 1))
        m = _TERM.search(text, max(0, c.start - 6), c.start)
        if m and m.end() == c.start and text[c.start:c.end].endswith(res.termed_bodies):
            out.append(Candidate(m.start(), c.end, "Organization", c.subtype, "body-term", 1))
        if text.startswith("社长", c.end) and text[c.end - 1] == "报":
            # 某某日报|社长: the head's title holds the house's 社 (某某日报社 + 长)
            out.append(Candidate(c.start, c.end + 1, "Organization", c.subtype, "paper-house", 1))
        for tail in res.body_tails:
            if c.subtype == "party" and text.startswith(tail, c.end) and c.end + len(tail) in ctx.ends:
                out.append(Candidate(c.start, c.end + len(tail), "Organization", "party", "body-tail", 1))
    return out


#: Tags of a word a suffix may start inside (有线电视/l + 台 ends in 电视台).
_SPLIT_NOUN_TAGS: Final = frozenset({"n", "l", "nz", "vn"})
_TERM: Final = re.compile(r"(?:第?[一二三四五六七八九十百零〇0-9]{1,4}|首)届")


def _is_stop(tok: Token, res: ExtractorResources) -> bool:
    # an enumerator (一是/x, 二是) opens a clause, not a name: 一是|某某集团出资
    return (bool(PUNCT.search(tok.word)) or tok.tag in FUNCTION_TAGS or tok.word in res.program_verbs
            or tok.word.isdigit() or (len(tok.word) == 2 and tok.word[1] == "是" and tok.word[0] in _NUMERAL_CHARS))


def suffix_names(ctx: Context, res: ExtractorResources, places: list[Candidate],
                 orgs_known: list[Candidate]) -> list[Candidate]:
    """Organisations, events and suffix-named programmes, anchored on places."""
    text = ctx.text
    # Token ends (then the soft ends inside guessed words, both in text order) where a suffix
    # ends: one character-class scan in C, not a slice of every token's last character; a text
    # with none skips the tables below.
    found = [m.end() for m in char_scan(res.suffix_ends).finditer(text)]
    hits = [(e, ctx.ends[e]) for e in found if e in ctx.ends]
    hits += [(e, ctx.soft_ends[e]) for e in found if e in ctx.soft_ends]
    if not hits:
        return []
    # end offset -> start offset of the chain of adjacent places that can open an
    # event's or programme's name (杭州市西湖区…工作会议).
    places_at: dict[int, int] = {}
    for c in sorted(places, key=lambda c: (c.start, c.end)):
        start = places_at.get(c.start, c.start)
        places_at[c.end] = min(places_at.get(c.end, start), start)
    party_at: dict[int, int] = {c.end: c.start for c in orgs_known}  # end -> start of a body found so far
    countries = {(c.start, c.end) for c in places if c.subtype == "country"}
    country_end = {e: s for s, e in countries}
    regions = {c.start for c in places if c.subtype == "region"}
    # A nationally known body opens the name of its internal unit, as a place
    # does: 国务院 + 研究室, 联合国 + 裁军委员会.  A local body found by a
    # suffix does not: 武侯区检察院 | 第一检察部 stay two (GUIDELINES).
    # A place may open the known body (杭州 + 海康威视), and the known body a
    # place's branch (国网 + 合肥 + 供电公司).
    # A body opens on the lowest level of a domestic chain (GUIDELINES): 杭州市 + 西湖区民政局, as the places
    # themselves are split and as newswire annotates it; after a country the chain stays whole (美国纽约…大学).
    country_starts = {c.start for c in places if c.subtype == "country"}
    body_at = {e: s for e, s in places_at.items() if s in country_starts}
    lowest: dict[int, int] = {}
    for c in places:
        if c.end not in body_at:
            lowest[c.end] = min(lowest.get(c.end, c.start), c.start)
    body_at.update(lowest)
    known_start = {c.end: c.start for c in orgs_known if c.rule == "known"}
    known_opens = set(known_start.values())
    for c in orgs_known:
        if c.rule == "known" and ctx.text[c.start:c.end] not in res.generic:
            body_at.setdefault(c.end, body_at.get(c.start, c.start))
    for c in places:
        if c.start in body_at and c.end in places_at and places_at[c.end] == c.start:
            body_at[c.end] = body_at[c.start]
    orgs_at = dict(places_at)
    for c in orgs_known:
        orgs_at.setdefault(c.end, c.start)
    out: list[Candidate] = []
    for e, ti in hits:
        for kind, table in res.suffix_tables:
            suf = table.at(text, e)
            if suf is None or not suffix_ok(ctx, e, suf, res):
                continue
            sub = res.org_suffix.get(suf, "") if kind == "Organization" else ""
            # Organisations open on places only (武侯区检察院 | 第一检察部 stay
            # two); events and programmes may open on an organisation (市委政法工作会议).
            cand = _anchored(ctx, ti, e - len(suf), e, res, body_at if kind == "Organization" else orgs_at, kind,
                             party_at)
            if (kind == "Organization" and cand is not None and cand[0] < known_start.get(e, -1)
                    and cand[1] in ("anchored", "noun-run", "sub-unit")):
                # two known bodies are two names: 商务部 | 经商 | 审计署
                cand = _anchored(ctx, ti, e - len(suf), e, res, places_at, kind, party_at)
                if cand is not None and cand[1] != "anchored" and cand[0] < known_start[e]:
                    continue  # 商务部 | 商 | 审计署: not a unit named 商审计署
            if cand is not None and kind == "Event" and text[:e - len(suf)].endswith(_CONVENE):
                continue  # 他主持会议: the verb's object, not an event's name
            if (cand is not None and kind == "Event" and suf == "会议"
                    and body_meeting(text, cand[0], e, party_at, res, out)):
                continue  # 内阁会议, 北约会议: a meeting of the body, no name of its own; the body is named
            if cand is not None and kind == "Organization" and (COUNTED_STATES.match(text, cand[0], e) or (
                    text[e - len(suf) - 1] == "等" and text[max(0, e - len(suf) - 2)] not in "高中初平同对均相")):
                continue  # 两国政府: a counted kind, even after a country; 某某等公司: a list, not a name
            if cand is not None and suf in ("政府", "人民政府", "公司") and (cand[0], e - len(suf)) in countries:
                continue  # 美国政府 is 美国 and a generic word in newswire usage; 美国公司 is a kind
            if cand is not None and sub == "sport" and cand[0] in regions:
                continue  # 南美球队, 非洲球队: the teams of a continent, not one team
            if (cand is not None and kind == "Organization" and quantified(ctx, cand[0])
                    and (cand[1] == "noun-run" or (sub == "enterprise" and cand[1] == "anchored"))):
                continue  # 两家韩国公司, 各级红十字会: a counted kind
            if cand is not None and kind == "Organization":
                cand = reopened(ctx, cand, country_end, known_opens, res)  # 日本政府代表团, 县 + 人大法制委
            if cand is not None:
                # 某某日报社|论 is the paper's 社论 (editorial): the paper is named
                end = e - 1 if kind == "Organization" and _editorial(text, e) else e
                out.append(Candidate(cand[0], end, kind, sub, cand[1], 1))
                if kind == "Organization":
                    orgs_at.setdefault(end, cand[0])
                    party_at.setdefault(end, cand[0])  # every body: 文化部 + 办公厅 (one name)
    return out


def _editorial(text: str, e: int) -> bool:
    """某某报社 just before 论 or 评: the paper's 社论 / 社评 (editorial), not its house: 某某日报 + 社论."""
    return text.endswith("报社", 0, e) and text[e:e + 1] in ("论", "评")


def _opening(ctx: Context, start: int) -> str:
    """The rule of a name read through to ``start``: a level word (国家, 中央) or a place opens it."""
    i = ctx.starts.get(start)
    return "level" if i is not None and ctx.tokens[i].word in LEVEL_ANCHORS else "anchored"


def _anchored(ctx: Context, ti: int, ss: int, e: int, res: ExtractorResources,
              anchors: dict[int, int], kind: str, party_at: dict[int, int] | None = None) -> tuple[int, str] | None:
    """Left end of a suffix name: an anchor within reach, else a noun run."""
    text = ctx.text
    tok = ctx.token_ending(e)
    if ss in anchors:  # a place ends where the suffix begins, even inside a token: 武侯|区政府
        return anchors[ss], "anchored"
    if tok.start <= ss:  # the suffix ends this token: 民政|局 inside 民政局
        pos, j = tok.start, ti - 1
        if text[tok.start:ss] in LEVEL_ANCHORS:  # 市委, 区政府
            if kind == "Organization" and tok.start in anchors:  # 宁乡 + 县委: the place's own committee
                return anchors[tok.start], "anchored"
            return tok.start, "level"
        if tok.start < ss and tok.start not in anchors and res.known.get(text[tok.start:ss], "  ")[1] == "Place":
            return tok.start, "anchored"  # one word, place + suffix: “战胜冰岛队” names 冰岛队
    else:  # the suffix spans tokens: 人民|法院
        k = ctx.starts.get(ss)
        if k is not None:
            pos, j = ss, k - 1
        elif kind == "Organization" and ctx.tokens[ctx.cover[ss]].tag in _SPLIT_NOUN_TAGS:
            k = ctx.cover[ss]  # 有线电视|台: the suffix 电视台 starts inside a noun, which opens the name
            pos, j = ctx.tokens[k].start, k - 1
        else:
            return None
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
            if kind == "Organization" and t.start in anchors:  # 荷兰 + 国家能源委员会: the country's own
                return anchors[t.start], "anchored"
            return t.start, "level"
        if fused_level(t, res) and (ctx.text[t.end:ss].isalpha() or t.end == ss) and t.end < e - 1:
            return t.end - 1, "level"  # “由区审计局”, “任镇党委书记”: the level word fused with the word before
        if (len(t.word) == 2 and t.word[0] in "市区县省" and kind == "Organization"
                and (t.start == 0 or PUNCT.match(text[t.start - 1]))):
            return t.start, "level"  # “、市治超办”: the level word fused with the name (市治/超办)
        if ss - t.start > MAX_CORE:
            break
        if t.word in res.name_words and kind in ("Organization", "Event"):  # 社会|组织|孵化中心
            pos, j = t.start, j - 1
            continue
        if kind == "Organization" and pos == ss and _NUMERAL.match(t.word):
            # a numbered unit of a place: 北京 + 九十 + 中学, 武警 + 一 + 总队
            if t.start in anchors:
                return anchors[t.start], "anchored"
            # ... or a numbered unit named after its place and service: 某县 + 公安交警 + 二 + 中队
            through = place_through(ctx, j - 1, t.start, anchors, LEVEL_ANCHORS, res) if j > 0 else None
            if through is not None:
                return through, _opening(ctx, through)
            if j > 1 and ctx.tokens[j - 1].tag in ("n", "j", "nz") and party_at and ctx.tokens[j - 2].end in party_at:
                return ctx.tokens[j - 1].start, "sub-unit"  # 县公安局 | 交警 + 三 + 中队
            break
        if kind == "Organization" and t.start in anchors and _NUMBERED.match(t.word) and pos < ss:
            return anchors[t.start], "anchored"  # a place's numbered body: 某市 + 二七 + 培训学校
        if (_is_stop(t, res) and not _ORDINAL.match(t.word)) or t.word in res.roles or t.word in res.program_stops:
            through = (place_through(ctx, j, ss, anchors, LEVEL_ANCHORS, res) if kind == "Organization" and (
                (t.end == ss and t.word in res.roles) or t.word in ("与", "和", "及")) else None)
            if through is not None:
                return through, _opening(ctx, through)  # 日本 + 外国记者 + 俱乐部: members named before the suffix
            break
        if t.tag in ("i", "l") and kind != "Program":  # idioms: 贯彻落实
            through = place_through(ctx, j, ss, anchors, LEVEL_ANCHORS, res) if kind == "Organization" else None
            if through is not None:
                return through, _opening(ctx, through)
            break
        if t.tag == "t" and kind == "Organization":  # a time word: 去年|联邦银行
            break
        if kind == "Organization" and len(t.word) > 1 and suffix_at(text, t.end, res.org_suffix):
            if pos == ss and text[ss:e] in _OFFICES and party_at is not None and t.end in party_at:
                return party_at[t.end], "office"
            if pos == ss and text[ss:e] in res.weak_suffix and res.org_suffix[text[ss:e]] != "education":
                # a bare kind after a body is the body's own (某公司 + 代表团), or no name; a department
                # word names a unit of its own (某学院 | 外语系)
                return (party_at[t.end], "office") if party_at and t.end in party_at else None
            if e - pos >= 3 and pos < e - 1:  # a sub-unit after its parent: 市公安局 | 交警支队, 大学 | 法学院
                return pos, "sub-unit"
            break  # another organisation ends here: 检察院 | 第一检察部
        if t.tag in ("v", "vd", "ad", "a") and kind != "Program":
            # one name word between a place and the suffix: 武侯区 + 星辰 + 社会工作服务中心
            if (kind == "Organization" and t.end == ss and t.start in anchors and t.word not in res.program_verbs
                    and len(t.word) > 1):  # not a one-character verb: 审计署|派|工作组
                return anchors[t.start], "anchored"
            if (kind == "Organization" and t.end == ss and len(t.word) == 2 and text[ss:e] not in res.weak_suffix
                    and t.tag != "v"  # “抢劫银行”, “涉及银行”: a verb and its object
                    and res.org_suffix.get(text[ss:e]) in ("social", "enterprise", "media", "education")
                    and (t.start == 0 or PUNCT.match(text[t.start - 1])) and t.word not in res.program_verbs):
                return t.start, "noun-run"  # “，星辰社工机构进驻社区”
            through = place_through(ctx, j, ss, anchors, LEVEL_ANCHORS, res) if kind == "Organization" else None
            if through is not None:
                return through, _opening(ctx, through)  # 云南 + 特色茶叶加工 + 研究所
            break
        pos, j = t.start, j - 1
        if _ORDINAL.match(t.word):  # 第一检察部 opens on its ordinal
            break
    if pos in anchors and pos != e and kind == "Organization":  # 合肥市 + 第四十五中学
        return anchors[pos], "anchored"
    first = ctx.tokens[ctx.starts[pos]] if pos in ctx.starts else tok
    if kind == "Organization" and opens_on_function_char(first, res):
        pos += 1  # 刚出|医院: the adverb 刚 is no part of the name
    # jieba's own place words the gazetteer lacks (城关/ns, 镇南/ns) open a name as a place does
    local = kind == "Organization" and first.tag == "ns" and first.end <= ss
    glued = kind == "Organization" and tok.start == pos and glued_state(ctx, tok, ss, res)  # 美国某某公司/n
    if ss - pos < 2 or (kind == "Organization" and text[ss:e] in res.weak_suffix and not _ORDINAL.match(first.word)
                        and not local and not glued and not branded_kind(ctx, pos, ss, e, res)):
        return None  # a weak suffix (中心, 办) needs an anchor, or an ordinal: 第一检察部
    name = text[pos:e]
    if (name.startswith(res.prefixes) and not local) or name in res.generic:
        return None
    if kind == "Organization" and (text[ss:e] in ("政府", "人民政府") or first.tag == "b"  # 大中型|医院: a class
                                   or (tok.start == pos and tok.tag in ("n", "vn") and res.tokenizer.FREQ.get(tok.word)
                                       and not glued)):
        return None  # a government needs its place (联邦政府); a common word is a kind (保险公司/n, 候机厅/n)
    if kind == "Organization" and res.org_suffix.get(text[ss:e]) == "enterprise" and generic_kind(ctx, pos, ss, res):
        return None  # 外国公司, 建筑材料公司: common nouns before a company suffix
    return pos, "noun-run"
