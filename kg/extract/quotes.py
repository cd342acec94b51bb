"""Documents in 《》 and quoted programme and event names.

A quoted name is a programme when a programme head noun follows it
(“三社联动”机制, “一盔一带”专项整治), when a programme verb introduces it
(推行“双报到”), or when the national campaign list knows it; an event when an
event head follows (“爱让我们在一起”百家宴活动).  Quoted speech and metaphors
(“堵点”) are neither.
"""

from __future__ import annotations

import re

from .names import Candidate, Context
from .resources import ExtractorResources

__all__ = ["document_titles", "quoted_names", "session_events"]

_TITLE = re.compile(r"《([^《》\n]{2,60})》")
_QUOTE = re.compile(r"[“\"‘「]([^“”\"‘’「」\n]{2,24})[”\"’」]")
# Party congress sessions: 党的十九届五中全会, 十八届三中全会, 第十四次全国代表大会.
_SESSION = re.compile(r"(?:党的)?(?:十[一二三四五六七八九]?|二十[一二三四五]?)届(?:[一二三四五六七八九]中全会|全国人大[一二三四五]次会议)"
                      r"|第[一二三四五六七八九十]+次全国代表大会")
_MAX_PROGRAM = 20
_SPEECH_MARKS = re.compile(r"[，。！？；：,.!?;:]")


def document_titles(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    return [Candidate(m.start(1), m.end(1), "Document", "", "title-brackets", 5) for m in _TITLE.finditer(ctx.text)]


def session_events(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    return [Candidate(m.start(), m.end(), "Event", "", "session", 3) for m in _SESSION.finditer(ctx.text)]


def quoted_names(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    text = ctx.text
    out = []
    for m in _QUOTE.finditer(text):
        inner = m.group(1)
        s, e = m.start(1), m.end(1)
        if inner in res.concepts or inner in res.generic or len(inner) > _MAX_PROGRAM:
            continue
        if _SPEECH_MARKS.search(inner.replace("，", "")) and not inner.startswith(("1", "2", "3")):
            continue  # a quoted clause, not a name
        after = text[m.end():m.end() + 8]
        before = text[max(0, m.start() - 4):m.start()]
        known = res.known.get(inner, None)
        if any(after.startswith(h) for h in res.event_heads):
            out.append(Candidate(s, e, "Event", "", "quote-event", 4))
        elif known is not None and known[1] in ("Program", "Event"):
            out.append(Candidate(s, e, known[1], "", "quote-known", 4))
        elif any(after.startswith(h) for h in res.program_heads):
            out.append(Candidate(s, e, "Program", "", "quote-head", 4))
        elif any(before.endswith(v) for v in res.program_verbs) and len(inner) >= 3:
            out.append(Candidate(s, e, "Program", "", "quote-verb", 3))
    return out
