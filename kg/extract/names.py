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

from .resources import FUNCTION_TAGS, ExtractorResources, Token

__all__ = ["Candidate", "known_names", "place_names", "suffix_names", "Context"]

MAX_CORE = 14  # characters between an anchor and a suffix
_PUNCT = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9·]")
#: Level words that start an abbreviated name in local news: 市公安局, 区民政局.
LEVEL_ANCHORS = frozenset({"市", "区", "县", "省", "镇", "乡", "州", "市委", "区委", "县委", "省委", "州委",
                           "市政府", "区政府", "县政府", "省政府", "镇政府", "中央", "国家", "中共"})
#: Extra anchors for events: 全国…工作会议, 全市…推进会议.
EVENT_ANCHORS = frozenset({"全国", "全省", "全市", "全区", "全县", "全州"})
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

    @classmethod
    def build(cls, text: str, res: ExtractorResources) -> "Context":
        toks = res.tokens(text)
        return cls(text, toks, {t.start: i for i, t in enumerate(toks)}, {t.end: i for i, t in enumerate(toks)})


def known_names(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """Gazetteer places, world places, national bodies and campaigns."""
    out = []
    for end_idx, (name, typ, sub, _canon) in res.known.iter(ctx.text):
        s, e = end_idx - len(name) + 1, end_idx + 1
        # “东方” inside 东方红 is not 东方市: the match must start on a token
        # boundary, and short names must end on one too.
        if s not in ctx.starts or (e not in ctx.ends and len(name) < 3):
            continue
        if name in res.generic:
            continue
        out.append(Candidate(s, e, typ, sub, "known", 1))
    return out


def _suffix_at(text: str, e: int, table: dict[str, str] | frozenset[str] | tuple[str, ...]) -> str | None:
    best = None
    for suf in table:
        if len(suf) <= e and text.startswith(suf, e - len(suf)) and (best is None or len(suf) > len(best)):
            best = suf
    return best


def _suffix_ok(ctx: Context, e: int, suf: str, res: ExtractorResources) -> bool:
    """A one-character suffix inside a common two-character word is not a suffix: 格局, 小区, 城区."""
    tok = ctx.tokens[ctx.ends[e]]
    if any(len(w) > len(suf) and ctx.text.startswith(w, e - len(w)) for w in res.not_suffix):
        return False
    if len(suf) > 1 or tok.word == suf:
        return True
    if tok.word[:1] in ("市", "区", "县", "省", "州"):  # 市委, 县委
        return True
    return len(tok.word) >= 3 or tok.tag in ("nt", "j", "x")


def _is_stop(tok: Token, res: ExtractorResources) -> bool:
    return (bool(_PUNCT.search(tok.word)) or tok.tag in FUNCTION_TAGS or tok.word in res.program_verbs
            or tok.word.isdigit())


def place_names(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """X社区, X村, X街道, X镇, X区, X县 not covered by the upper-level gazetteer."""
    out = []
    gaz = res.gazetteer
    for e, ti in ctx.ends.items():
        suf = _suffix_at(ctx.text, e, res.place_suffix)
        if suf is None or suf in ("市", "省", "自治区", "地区", "盟", "特别行政区") or not _suffix_ok(ctx, e, suf, res):
            continue
        level = res.place_suffix[suf]
        levels = ("community",) if level == "community" else ("street",) if level == "street" else ("district",)
        ss = e - len(suf)
        found = None
        # A name the national table knows wins: “在湘湾社区” -> 湘湾社区.
        for k in range(6, 1, -1):
            s = ss - k
            if s >= 0 and not _PUNCT.search(ctx.text[s:ss]) and gaz.lookup(ctx.text[s:e], levels):
                found = Candidate(s, e, "Place", level, "place-gazetteer", 2)
                break
        if found is None:
            found = _token_stem(ctx, ti, ss, e, res, level)
        if found is not None:
            out.append(found)
    return out


def _token_stem(ctx: Context, ti: int, ss: int, e: int, res: ExtractorResources, level: str) -> Candidate | None:
    # Stem = the one or two tokens before the suffix, 2-4 characters.
    tok = ctx.tokens[ti]
    stem_start = ss
    j = ti
    if tok.start < ss:  # suffix inside the token: 经开区
        stem_start = tok.start
        j = ti - 1
    elif tok.start == ss:
        j = ti - 1
    while j >= 0 and ss - ctx.tokens[j].start <= 4 and not _is_stop(ctx.tokens[j], res):
        if ctx.tokens[j].word in res.roles:
            break
        stem_start = ctx.tokens[j].start
        if ss - stem_start >= 2:
            break
        j -= 1
    stem = ctx.text[stem_start:ss]
    if not 2 <= len(stem) <= 4 or _PUNCT.search(stem) or stem.startswith(res.prefixes):
        return None
    name = ctx.text[stem_start:e]
    if name in res.generic or ctx.tokens[ctx.starts.get(stem_start, 0)].tag in ("v", "a", "d", "p", "c"):
        return None
    return Candidate(stem_start, e, "Place", level, "place-suffix", 0)


def suffix_names(ctx: Context, res: ExtractorResources, places: list[Candidate],
                 orgs_known: list[Candidate]) -> list[Candidate]:
    """Organisations, events and suffix-named programmes, anchored on places."""
    # end offset -> start offset of a place that can open a name
    places_at: dict[int, int] = {}
    for c in places:
        places_at[c.end] = min(places_at.get(c.end, c.start), c.start)
    orgs_at = dict(places_at)
    for c in orgs_known:
        orgs_at.setdefault(c.end, c.start)
    out = []
    for e, ti in ctx.ends.items():
        text = ctx.text
        for kind, table in (("Organization", res.org_suffix), ("Event", res.event_suffix),
                            ("Program", res.program_suffix)):
            suf = _suffix_at(text, e, table)
            if suf is None or not _suffix_ok(ctx, e, suf, res):
                continue
            sub = res.org_suffix.get(suf, "") if kind == "Organization" else ""
            # Organisations open on places only (芦淞区检察院 | 第一检察部 stay
            # two); events and programmes may open on an organisation (市委政法工作会议).
            cand = _anchored(ctx, ti, e - len(suf), e, res, places_at if kind == "Organization" else orgs_at, kind)
            if cand is not None:
                out.append(Candidate(cand[0], e, kind, sub, cand[1], 1))
                if kind == "Organization":
                    orgs_at.setdefault(e, cand[0])
    return out


def _anchored(ctx: Context, ti: int, ss: int, e: int, res: ExtractorResources,
              anchors: dict[int, int], kind: str) -> tuple[int, str] | None:
    """Left end of a suffix name: an anchor within reach, else a noun run."""
    text = ctx.text
    tok = ctx.tokens[ti]
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
        if pos in anchors and pos != e:
            return anchors[pos], "anchored"
        if j < 0:
            break
        t = ctx.tokens[j]
        if t.word in LEVEL_ANCHORS or (kind == "Event" and t.word in EVENT_ANCHORS):
            return t.start, "level"
        if (_is_stop(t, res) and not _ORDINAL.match(t.word)) or ss - t.start > MAX_CORE or t.word in res.roles:
            break
        if t.tag in ("i", "l") and kind != "Program":  # idioms: 贯彻落实
            break
        if kind == "Organization" and _suffix_at(text, t.end, res.org_suffix) and len(t.word) > 1:
            if pos == ss and e - ss >= 3:  # a sub-unit named by its suffix alone: 市公安局 | 交警支队
                return ss, "sub-unit"
            break  # another organisation ends here: 检察院 | 第一检察部
        if t.tag in ("v", "vd", "ad", "a") and kind != "Program":
            if t.start in anchors:  # one name word after a place: 天元区 + 齐心 + 社会工作服务中心
                return anchors[t.start], "anchored"
            break
        pos, j = t.start, j - 1
        if _ORDINAL.match(t.word):  # 第一检察部 opens on its ordinal
            break
    if ss - pos < 2 or (kind == "Organization" and text[ss:e] in res.weak_suffix):
        return None  # a weak suffix (中心, 办) needs an anchor
    name = text[pos:e]
    if name.startswith(res.prefixes) or name in res.generic:
        return None
    return pos, "noun-run"
