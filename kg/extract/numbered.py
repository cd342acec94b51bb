"""Bodies named by a number: a place's numbered school (长沙一中, 北京四中) and groups of states (７国集团).

Chinese schools are widely known by their city and number: 长沙一中 for 长沙市第一中学.
jieba keeps the number and 中/小 together (一中/s) or joins the whole name
(北京四中/ns); a place before that word, or a place the word starts with, makes it
a school.  ``上海一中年男子`` is cut 一/中年 and is left alone.
"""

from __future__ import annotations

import re
from typing import Final

from .names import Candidate, Context
from .resources import ExtractorResources

__all__ = ["numbered_schools", "state_groups"]

#: Groups of states named by their number: ７国集团, 20国集团, 七十七国集团 (G7, G20, G77).
_GROUP: Final = re.compile(r"(?<![0-9０-９一二三四五六七八九十])[0-9０-９一二三四五六七八九十]{1,4}国集团")
#: A school's number and kind: 一中, 十二中, 二小.
_SCHOOL: Final = re.compile(r"[一二三四五六七八九十]{1,3}[中小]")


def state_groups(ctx: Context) -> list[Candidate]:
    """G7, G20 and G77 by their number: “20国集团峰会”."""
    if "国集团" not in ctx.text:
        return []
    return [Candidate(m.start(), m.end(), "Organization", "international", "state-group", 1)
            for m in _GROUP.finditer(ctx.text)]


def numbered_schools(ctx: Context, res: ExtractorResources, places: list[Candidate]) -> list[Candidate]:
    """“毕业于长沙一中”, “考入北京四中”: a place and a numbered school word."""
    out, tokens = [], ctx.tokens
    for c in places:
        if c.subtype in ("country", "region", "abbreviation"):
            continue  # 美国一中政策 is the One-China policy
        i = ctx.starts.get(c.end)
        if i is not None and _SCHOOL.fullmatch(tokens[i].word):  # 长沙 + 一中/s
            out.append(Candidate(c.start, tokens[i].end, "Organization", "education", "numbered-school", 1))
            continue
        i = ctx.cover[c.start] if c.start < len(ctx.cover) else None
        if i is not None and tokens[i].start == c.start and tokens[i].end > c.end \
                and _SCHOOL.fullmatch(ctx.text[c.end:tokens[i].end]):  # 北京四中/ns
            out.append(Candidate(c.start, tokens[i].end, "Organization", "education", "numbered-school", 1))
    return out
