"""The edges of organisation names: what jieba fuses onto them, and words around them that make a kind.

:func:`kg.extract.bodies.suffix_names` reads a name leftwards from its suffix
over noun tokens.  jieba sometimes fuses the word before a name with the name's
first character (任|乡 -> 任乡/x, 刚|出 -> 刚出/x, 据|菲 -> 据菲/x); a run of
common nouns before a company suffix is a kind of company (外国公司, 建筑材料公司);
a counted body is a kind too (两家韩国公司, 各级红十字会); and a diplomatic
mission takes the state that sends it (中国驻加拿大大使馆), and so does a unit of
its government (日本政府代表团).  Each test looks only at
the tokens next to the candidate: a few dictionary look-ups per candidate.
"""

from __future__ import annotations

import re
from typing import Final

from .names import Candidate, Context, suffix_at
from .resources import FUNCTION_TAGS, ExtractorResources, Token

__all__ = ["COUNTED_STATES", "body_meeting", "branded_kind", "coordinated_bodies", "fused_initial", "fused_level",
           "generic_kind", "glued_state", "mission_bodies", "opens_on_function_char", "place_through", "quantified",
           "reopened", "state_unit"]

#: Level words a one-character function word or verb gets fused with: 由区, 任乡, 在县.
_LEVELS: Final = frozenset("市区县省州乡镇")
#: Prepositions, adverbs, conjunctions and pronouns (刚, 在, 由, 任): never a name's first character
#: fused with it (numerals are: 一是/x; so are bound morphemes, 贝伦/x: 贝/zg).
_OPENING_TAGS: Final = frozenset({"p", "d", "c", "r", "ad"})
#: Tags of the common words whose run before a company suffix makes a kind: 外国/ns 公司, 金融/n 证券公司.
_KIND_TAGS: Final = frozenset({"n", "vn", "b", "ns", "an"})
#: Words of sovereignty make a kind word a state's own body: 联邦银行 (the Bundesbank), 皇家海军, 中央银行.
_STATE_WORDS: Final = frozenset({"联邦", "皇家", "中央", "国家"})
#: A word this frequent in jieba's dictionary is common vocabulary, not a brand (金融 6455, 制片 114).
_COMMON_FREQ: Final = 100


def fused_level(t: Token, res: ExtractorResources) -> bool:
    """“由区审计局”, “调到山区任镇党委书记”: a preposition, adverb or verb fused with the level word.

    A known word keeps its verb: 下乡/v and 城乡/n are words, so only a word jieba
    does not know (tag x) may hold a verb head.
    """
    w = t.word
    if len(w) != 2 or w[1] not in _LEVELS:
        return False
    head = res.tag_table.get(w[0])
    if head in FUNCTION_TAGS:
        return w[1] in "市区县省州" or t.tag == "x"
    return t.tag == "x" and head == "v"


def opens_on_function_char(first: Token, res: ExtractorResources) -> bool:
    """A word jieba does not know that starts with an adverb or preposition: 刚出|医院, 已将|公司.

    The name then starts one character later (and is usually too short to be one).
    Local names that jieba does not know start with a name character (芦淞, 塘下),
    which the dictionary tags as a noun or not at all.
    """
    return first.tag == "x" and len(first.word) >= 2 and res.tag_table.get(first.word[0]) in _OPENING_TAGS


def fused_initial(ctx: Context, s: int, e: int, res: ExtractorResources) -> bool:
    """“据菲旅游部透露”: a preposition fused with a country's one-character name (据菲/x) before a body."""
    i = ctx.ends.get(e)
    if i is None:
        return False
    t = ctx.tokens[i]
    return t.tag == "x" and t.start == s - 1 and res.tag_table.get(ctx.text[t.start]) in ("p", "c")


#: Tags of the word right after a place that opens a body's name: a noun, not a verb (美国|支持|协会 is a clause).
_OPENING_NOUN_TAGS: Final = frozenset({"n", "nz", "vn", "j", "nt", "b", "an", "x", "ns"})
#: Tags of the words inside such a name: nouns, and verbs, adjectives and idioms that describe its work.
_INNER_TAGS: Final = _OPENING_NOUN_TAGS | {"v", "a", "l", "i"}
_THROUGH_MAX: Final = 10
#: Words joining two parts of one name: 海洋与渔业研究协会, 森林和草原研究中心.
_JOINERS: Final = frozenset({"与", "和", "及"})


def place_through(ctx: Context, j: int, ss: int, anchors: dict[int, int], levels: frozenset[str],
                  res: ExtractorResources) -> int | None:
    """Start of a body named by a place, then a description with verbs in it, then its suffix.

    “云南特色茶叶加工研究所”, “日本外国记者俱乐部”: reading leftwards from the
    suffix, the suffix rule stops at a verb (加工), a role (记者|俱乐部) or a
    joiner (海洋|与|渔业).  The name goes on to the place (or a level word: 国家,
    中央) when only content words lie between, the first of them a noun: after
    a verb the place is a subject (美国|支持|协会), not the body's first word.
    ``j`` is the token where the leftward walk stopped; ``ss`` is the suffix start.
    """
    text, toks = ctx.text, ctx.tokens
    while j >= 0:
        t = toks[j]
        if ss - t.start > _THROUGH_MAX or not t.word.isalpha():
            return None
        nxt = toks[j + 1] if j + 1 < len(toks) else t
        if t.word in levels:
            return t.start if nxt.start < ss and nxt.tag in _OPENING_NOUN_TAGS else None
        if t.word in _JOINERS:
            # 海洋|与|渔业: a joiner between two words of the name, not right after the place (中国|和|美国)
            if t.end == ss or j == 0 or t.start in anchors or toks[j - 1].word in _JOINERS:
                return None
            j -= 1
            continue
        if t.tag not in _INNER_TAGS or t.word in res.program_verbs or t.word in res.generic or t.word in res.known:
            return None
        if t.word in res.roles and t.end != ss:
            return None  # only the members a body is named after stand right before its suffix: 记者|俱乐部
        if suffix_at(text, t.end, res.org_suffix) is not None:
            return None  # another body ends here: 市政府|研究所 are two
        if t.start in anchors and t.start != ss:
            return anchors[t.start] if t.tag in _OPENING_NOUN_TAGS else None
        j -= 1
    return None


def quantified(ctx: Context, start: int) -> bool:
    """“15家秘鲁银行”, “一些越南私营公司”: a counted company of a country is a kind, not a name.

    The word before the name is a numeral or measure word (家/q, 两家/m, 一些/m;
    not an ordinal, which opens a name: 第一检察部) or a distributive pronoun
    (各, 各级, 这些): “各级计生协会” are all of them.
    """
    i = ctx.ends.get(start)
    if i is None:
        return False
    t = ctx.tokens[i]
    return (t.tag in ("m", "q", "mq") and not t.word.startswith("第")) or (t.tag == "r" and (
        t.word[0] == "各" or t.word[-1] == "些"))


def generic_kind(ctx: Context, pos: int, ss: int, res: ExtractorResources) -> bool:
    """A company suffix after common nouns only names a kind: 外国公司, 金融证券公司, 建筑材料公司.

    Every word between ``pos`` and the suffix start ``ss`` (the part of a word
    that runs into the suffix counts as a word: 证券|公司 in 证券公司) must be
    common vocabulary: a noun-like tag and a high dictionary frequency.  A
    brand is rare or unknown to jieba (格力/n, 齐心/a 89).
    """
    freq, text = res.tokenizer.FREQ, ctx.text
    words = []
    for t in ctx.tokens[ctx.cover[pos]:]:
        if t.start >= ss:
            break
        words.append(text[max(t.start, pos):min(t.end, ss)])
    if not words:
        return False
    for w in words:
        tag = res.tag_table.get(w)
        if tag not in _KIND_TAGS or freq.get(w, 0) < _COMMON_FREQ or w in _STATE_WORDS:
            return False
    return True


#: Diplomatic missions and delegations named after the state that sends them: 中国驻加拿大大使馆.
_MISSIONS: Final = ("使馆", "领事馆", "代表处", "办事处", "代表团")


def mission_bodies(ctx: Context, res: ExtractorResources, orgs: list[Candidate]) -> list[Candidate]:
    """“中国驻加拿大大使馆”: the sending state, 驻 and the host's mission are one name.

    The host's mission (加拿大大使馆) is found by the suffix rules; the sending
    state is a known place that ends on the token boundary before 驻.
    """
    text, out = ctx.text, []
    for c in orgs:
        s = c.start - 1
        if c.type != "Organization" or s < 2 or text[s] != "驻" or not text.endswith(_MISSIONS, c.start, c.end):
            continue
        for k in range(2, 8):
            hit = res.known.get(text[s - k:s]) if s - k in ctx.starts else None
            if hit is not None and hit[1] == "Place":
                out.append(Candidate(s - k, c.end, "Organization", c.subtype, "mission", 1))
                break
    return out


#: Words joining coordinated bodies: 财政局、税务局; 外交部和商务部.
_COORD: Final = "、和与及"
#: Tags of the words a coordinated body's name may be made of.
_COORD_TAGS: Final = frozenset({"n", "nz", "nt", "vn", "j", "b", "l", "x"})
_COORD_MAX: Final = 8


def coordinated_bodies(ctx: Context, res: ExtractorResources, bodies: list[Candidate]) -> list[Candidate]:
    """A body beside a found one with the same suffix is a body too: 甲局、乙局 when 甲局 is found.

    The other name is the run of noun tokens that ends in the same suffix on the far side of the
    joiner; it stops at a function word, a verb or a time word (向|审计部和劳工部)."""
    text, out = ctx.text, []
    found = {(c.start, c.end) for c in bodies if c.type == "Organization"}
    for s, e in found:
        suf = suffix_at(text, e, res.org_suffix)
        if suf is None or e - s < 2:
            continue
        last = text[e - 1]
        # the body before: … X部 和 [found]
        if s >= 2 and text[s - 1] in _COORD and s - 1 in ctx.ends and text[s - 2] == last:
            ti, start = ctx.ends[s - 1], s - 1
            while ti >= 0 and ctx.tokens[ti].tag in _COORD_TAGS and s - 1 - ctx.tokens[ti].start <= _COORD_MAX:
                start, ti = ctx.tokens[ti].start, ti - 1
            other = suffix_at(text, s - 1, res.org_suffix)
            if (other is not None and (s - 1 - start > len(other) or len(other) >= 3)
                    and not any(a < s - 1 and start < b for a, b in found)):
                out.append(Candidate(start, s - 1, "Organization", res.org_suffix[other], "coordinated", 0))
        # the body after: [found] 和 X部 …
        if e + 1 < len(text) and text[e] in _COORD and e + 1 in ctx.starts:
            ti, end = ctx.starts[e + 1], e + 1
            n = len(ctx.tokens)
            while ti < n and ctx.tokens[ti].tag in _COORD_TAGS and ctx.tokens[ti].end - e - 1 <= _COORD_MAX:
                end, ti = ctx.tokens[ti].end, ti + 1
                other = suffix_at(text, end, res.org_suffix) if text[end - 1] == last else None
                if other is not None and (end - e - 1 > len(other) or len(other) >= 3):
                    if not any(a < end and e + 1 < b for a, b in found):
                        out.append(Candidate(e + 1, end, "Organization", res.org_suffix[other], "coordinated", 0))
                    break
    return out


#: 两国政府, 三国外长: a count of states between a country and a suffix makes a kind of the name.
COUNTED_STATES: Final = re.compile(r".*?[两三四五六七八九十几多各]国")


def body_meeting(text: str, start: int, e: int, bodies: dict[int, int], res: ExtractorResources,
                 out: list[Candidate]) -> bool:
    """“内阁会议”, “北约会议”: a body's meeting has no name of its own; the body has one.

    True when ``text[start:e - 2]`` (before 会议) is one body's name, found so far
    (``bodies``: end -> start) or known; the body is added to ``out`` when no rule
    found it (jieba made one word of both: 内阁会议/n).
    """
    end = e - 2
    if bodies.get(end) == start:
        return True
    known = res.known.get(text[start:end])
    if known is None or known[1] != "Organization":
        return False
    out.append(Candidate(start, end, "Organization", known[2], "meeting-body", 1))
    return True


def reopened(ctx: Context, cand: tuple[int, str], country_end: dict[int, int], known_opens: set[int],
             res: ExtractorResources) -> tuple[int, str]:
    """Where an organisation's name opens when a rule stopped one word short of it.

    A unit after a state's government (:func:`state_unit`); a known body after a
    one-character level word (县 + 人大法制委: the level's own congress and its unit).
    """
    if cand[1] == "sub-unit":
        return state_unit(ctx, cand, country_end, res)
    s = cand[0]
    if s in known_opens and ctx.text[s - 1] in _LEVELS and ctx.ends.get(s, -1) == ctx.starts.get(s - 1):
        return s - 1, "level"
    return cand


def state_unit(ctx: Context, cand: tuple[int, str], country_end: dict[int, int],
               res: ExtractorResources) -> tuple[int, str]:
    """A unit of a state's government opens on the state: 日本 + 政府 + 代表团, 俄 + 政府 + 新闻局.

    Newswire names no body by 日本政府 alone (the state and a generic word), so the
    unit it sends or runs is named from the state on, as 日本外务省 is.
    """
    start, text = cand[0], ctx.text
    g = start - 2
    if g < 1 or text[g:start] != "政府":
        return cand
    if g in country_end:
        return country_end[g], "state-unit"
    alone = (g - 1) in ctx.starts and (g == 1 or not text[g - 2].isalpha() or (g - 1) in ctx.ends)
    if text[g - 1] in res.abbreviations and (alone or fused_initial(ctx, g - 1, g, res)):
        return g - 1, "state-unit"  # 据|俄政府/nt, 据德/x|政府: the state's initial
    return cand


def glued_state(ctx: Context, tok: Token, ss: int, res: ExtractorResources) -> bool:
    """jieba's one word of a country, a brand and a company suffix names the company: 美国某某公司/n.

    Such a word is in the dictionary, so the rule that a dictionary word ending in a
    suffix is a kind (保险公司/n) would drop it; the country before a brand of two or
    more characters that is no common noun makes it a name (外国公司 stays a kind).
    """
    w = tok.word
    for k in (2, 3, 4):
        core = tok.start + k
        if ss - core < 2:
            break
        if res.known.get(w[:k], ("", "", ""))[2] == "country":
            return not generic_kind(ctx, core, ss, res)
    return False


#: Tags of a brand before a dictionary word for a kind of works: 龙源/x 热电厂, 红星/nz 机械厂, 长青/nr.
_BRAND_TAGS: Final = frozenset({"x", "nz", "nr", "nrt", "nrfg", "ns", "j"})
#: Kinds of body a brand names without a place: works, schools, institutes, troupes (not government).
_BRANDED_KINDS: Final = frozenset({"enterprise", "education", "social", "other", "media"})


def branded_kind(ctx: Context, pos: int, ss: int, e: int, res: ExtractorResources) -> bool:
    """A brand and a dictionary word for a kind of works name one body: 龙源 + 热电厂, 红星 + 机械厂.

    A weak suffix (厂, 院) needs a place or a level word before it, because the
    kind alone (热电厂, 设计院) names nothing; but a kind word of at least three
    characters right after one word that is no common vocabulary (a word jieba
    does not know or tags as a name) is a body's proper name.  The brand must be
    the whole name before the kind word: ``pos`` is its start.
    """
    if res.org_suffix.get(ctx.text[ss:e], "") not in _BRANDED_KINDS:
        return False
    ti = ctx.ends.get(e)
    if ti is None or ti == 0:
        return False
    kind_word, brand = ctx.tokens[ti], ctx.tokens[ti - 1]
    if (kind_word.start >= ss or len(kind_word.word) < 3 or brand.start != pos or len(brand.word) < 2
            or brand.tag not in _BRAND_TAGS or not brand.word.isalpha()):
        return False
    w = brand.word
    return not (w in res.generic or w in res.roles or w in res.program_verbs
                or res.tokenizer.FREQ.get(w, 0) >= _COMMON_FREQ * 10)

