"""Documents in 《》 and quoted programme and event names.

A quoted name is a programme when a programme head noun follows it
(“三社联动”机制, “一盔一带”专项整治), when a programme verb introduces it
(推行“双报到”), or when the national campaign list knows it; an event when an
event head follows (“爱让我们在一起”百家宴活动).  Quoted speech and metaphors
(“堵点”) are neither.
"""

from __future__ import annotations

import re
from typing import Final

from .scans import sparse_finditer
from .names import Candidate, Context
from .resources import ExtractorResources

__all__ = ["document_titles", "quoted_names", "session_events"]

_TITLE: Final = re.compile(r"《([^《》\n]{2,60})》")
_QUOTE: Final = re.compile(r"[“\"‘「]([^“”\"‘’「」\n]{2,24})[”\"’」]")
# Party congress sessions: 党的十九届五中全会, 十八届三中全会, 第十四次全国代表大会.
_SESSION: Final = re.compile(r"(?:党的)?(?:十[一二三四五六七八九]?|二十[一二三四五]?)届(?:[一二三四五六七八九]中全会|全国人大[一二三四五]次会议)"
                      r"|第[一二三四五六七八九十]+次全国代表大会")
_MAX_PROGRAM: Final = 20
_SPEECH_MARKS: Final = re.compile(r"[，。！？；：,.!?;:]")


#: A newspaper in 《》 is its publisher, not a document: 《人民日报》, 《华盛顿邮报》, 《参考消息报》.
_NEWSPAPER: Final = re.compile(r"^[\u4e00-\u9fff]{1,8}报$")


def document_titles(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    out = []
    for m in sparse_finditer(_TITLE, ctx.text):
        if _NEWSPAPER.match(m.group(1)) and m.group(1) not in res.generic:
            out.append(Candidate(m.start(1), m.end(1), "Organization", "media", "newspaper-title", 5))
        else:
            out.append(Candidate(m.start(1), m.end(1), "Document", "", "title-brackets", 5))
    return out


def session_events(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    if "届" not in ctx.text and "次全国代表大会" not in ctx.text:
        return []  # every session names one or the other: substring tests spare most texts the scan
    return [Candidate(m.start(), m.end(), "Event", "", "session", 3) for m in sparse_finditer(_SESSION, ctx.text)]


#: Codes and formulas: “246”工作法, “2+3”, “1+N+X”, “A+B”.
_CODE: Final = re.compile(r"^[0-9A-Za-z+＋]{1,8}[\u4e00-\u9fff]{0,2}$")
#: Quoted names that close a list of bodies: “银发守望”“邻里帮帮团”等18个社区社会组织.
_BODIES_AFTER: Final = re.compile(r"^[、和及与]?等[0-9一二三四五六七八九十百千余多]*[个家支]?[\u4e00-\u9fff]{0,4}?"
                           r"(?:社会组织|组织|机构|团队|协会|企业|公司)")
#: Places whose quoted brand follows them (翠苑社区“邻里帮帮团”) and the roles of a programme (以“X”为抓手).
_BRAND_OWNERS: Final = ("社区", "村", "街道", "镇")
_MEANS: Final = ("为抓手", "为牵引", "为载体", "为主线", "为统领", "为引领", "为突破口")
#: Short quoted names opening on a number word; a list of them is a list of programmes: “双孵化”“双培育”.
_NUMBERED: Final = re.compile(r"^[一二三四五六七八九十两双][\u4e00-\u9fff]{1,5}$")
#: Quoted names that end in a document kind are documents: “八号检察建议”.
_DOC_END: Final = ("检察建议", "建议书", "条例", "办法", "规定", "实施意见", "指导意见", "通知", "决定", "公约", "白皮书")


def _quote_runs(matches: list[re.Match], text: str) -> list[list[int]]:
    """Indexes of quotes that follow each other directly or across 、: “双孵化”“双培育”."""
    runs: list[list[int]] = []
    for i, m in enumerate(matches):
        if runs and text[matches[runs[-1][-1]].end():m.start()] in ("", "、", "，", ","):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def quoted_names(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    text = ctx.text
    matches = list(sparse_finditer(_QUOTE, text))
    kinds: list[tuple[str, str, int] | None] = []
    for m in matches:
        kinds.append(_quoted_kind(m, text, res))
    # A list of quoted names shares one kind: “爱心慈善超市”“爱心银行”“社区微基金”等项目.
    for run in _quote_runs(matches, text):
        if len(run) < 2:
            continue
        last = matches[run[-1]]
        if _BODIES_AFTER.match(text[last.end():last.end() + 14]):
            for i in run:
                kind = kinds[i]
                if kind is None or kind[0] == "Program":
                    kinds[i] = ("Organization", "quote-list-body", 4)
            continue
        typed = [k[0] for k in [kinds[i] for i in run] if k is not None and k[0] in ("Program", "Event")]
        if not typed and all(_NUMBERED.match(matches[i].group(1)) for i in run):
            typed = ["Program"]
        if not typed:
            continue
        for i in run:
            if kinds[i] is None and _nameish(matches[i].group(1), res):
                kinds[i] = (typed[0], "quote-list", 3)
    out = []
    for m, kind in zip(matches, kinds):
        if kind is not None:
            out.append(Candidate(m.start(1), m.end(1), kind[0], "", kind[1], kind[2]))
    return out


def _nameish(inner: str, res: ExtractorResources) -> bool:
    # A comma may join the halves of a slogan (“党建领航,三社联动”); other marks make a clause.
    return not (inner in res.concepts or inner in res.generic or len(inner) > _MAX_PROGRAM
                or (_SPEECH_MARKS.search(inner.replace("，", "").replace(",", ""))
                    and not inner.startswith(("1", "2", "3"))))


def _quoted_kind(m: re.Match, text: str, res: ExtractorResources) -> tuple[str, str, int] | None:
    inner = m.group(1)
    if not _nameish(inner, res):
        return None
    after = text[m.end():m.end() + 8]
    before = text[max(0, m.start() - 4):m.start()]
    head_after = after.removeprefix("的")  # “党建领航,三社联动”的工作机制
    known = res.known.get(inner)
    if after.startswith(res.event_heads):  # (a tuple: one call, the loop in C)
        return "Event", "quote-event", 4
    if known is not None and known[1] in ("Program", "Event"):
        return known[1], "quote-known", 4
    if known is not None and known[1] == "Organization":
        return "Organization", "quote-known", 4
    if inner.endswith(_DOC_END):
        return "Document", "quote-document", 4
    if head_after.startswith(res.program_heads):
        return "Program", "quote-head", 4
    if before.endswith(_BRAND_OWNERS) and "，" not in inner and "," not in inner:
        return "Program", "quote-owned", 3  # 翠苑社区“邻里帮帮团”: a community's brand
    if before.endswith("以") and after.startswith(_MEANS):
        return "Program", "quote-means", 3  # 以“项目攻坚年”为抓手
    if res.org_suffix.get(inner[-2:]) or res.org_suffix.get(inner[-3:]) or inner.endswith("平台"):
        return None  # 组建“…大党委”: a body or a platform, not a programme
    if any(inner.endswith(h) for h in res.program_heads if len(h) > 1) and len(inner) > 3:
        return "Program", "quote-head-inside", 3  # “晋江经验”, “社区营造计划”
    if any(before.endswith(v) for v in res.program_verbs) and len(inner) >= 3:
        return "Program", "quote-verb", 3
    if _CODE.match(inner):
        return "Program", "quote-numbered", 3
    return None
