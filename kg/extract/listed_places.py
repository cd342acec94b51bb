"""Places named by a list they stand in: 某某、某某等城市, 某某和某某等地, 某某等国.

A list closed by 等 and a word for places (城市, 地, 地区, 国, 国家, 省份) says what
its items are.  Foreign cities the world-place table does not hold are then
found although their transliterated names look like a person's (卡列拉斯-like
runs): the list cue outweighs the name score.  One regular-expression pass per
text, and only texts holding 等 are scanned.
"""

from __future__ import annotations

import re

from .names import Candidate, Context
from .resources import ExtractorResources

__all__ = ["listed_places"]

#: Items (2–10 characters, 、 or 和 between them) before 等, a count or size, and a word for places.
_LIST = re.compile(r"((?:[\u4e00-\u9fff·]{2,10}[、和])*[\u4e00-\u9fff·]{2,10})等"
                   r"(?:[0-9一二三四五六七八九十几多数]+个|[大中小、]{1,5})?(?:城市|国家|省份|省区|地区|地|国)")
#: Tags of a word that may open an item: names jieba knows or guesses, not common words.
_ITEM_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "x", "j"})
#: An item this frequent in jieba's dictionary is common vocabulary (车站, 码头), not a place's name.
_COMMON_FREQ = 1000
#: Priority over a person's name score (2): the list says what the item is.
_PRIORITY = 3


def listed_places(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """Each item of a list closed by 等 and a word for places is a place (subtype ``listed``)."""
    text = ctx.text
    out: list[Candidate] = []
    if "等" not in text:
        return out
    for m in _LIST.finditer(text):
        at, parts = m.start(1), re.split("([、和])", m.group(1))
        for k in range(0, len(parts), 2):  # items at even indices, one-character separators between
            s, e = at, at + len(parts[k])
            at = e + 1
            # the first item may start inside the run the pattern took: 威胁到|某某
            first = next((p for p in (range(s, e - 1) if k == 0 else (s,)) if _item(ctx, res, p, e)), None)
            if first is not None:
                out.append(Candidate(first, e, "Place", "listed", "listed-place", _PRIORITY))
    return out


def _item(ctx: Context, res: ExtractorResources, s: int, e: int) -> bool:
    """``text[s:e]`` is one unknown name: it starts and ends a token, opens on a name word, is no common word."""
    i = ctx.starts.get(s)
    if i is None or e not in ctx.ends or e - s < 2:
        return False
    name = ctx.text[s:e]
    if name in res.known:
        return False  # a known place is found anyway (with its level), a known body is no place
    if name in res.generic or name.startswith(res.prefixes) or res.tokenizer.FREQ.get(name, 0) >= _COMMON_FREQ:
        return False
    # every word of it a name word and none a known name: 某某地区东部 and 某省某县 are found otherwise
    toks = ctx.tokens[i:ctx.ends[e] + 1]
    return all(t.tag in _ITEM_TAGS and t.word not in res.known and t.word not in res.roles for t in toks)
