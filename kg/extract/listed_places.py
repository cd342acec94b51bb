"""Places named by the frame they stand in: a list (某某、某某等城市, 某某和某某等地, 某某等国) or a
dateline (本报某某5月3日电).

A list closed by 等 and a word for places (城市, 地, 地区, 国, 国家, 省份) says what
its items are.  Foreign cities the world-place table does not hold are then
found although their transliterated names look like a person's (卡列拉斯-like
runs): the list cue outweighs the name score.  One regular-expression pass per
text, and only texts holding 等 are scanned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final

from .names import Candidate, Context
from .resources import ExtractorResources
from .scans import ListPattern, sparse_finditer

__all__ = ["dateline_places", "list_items", "listed_places"]

#: Items (2–10 characters, 、 or 和 between them) before 等, a count or size, and a word for places.
_LIST: Final = ListPattern(r"((?:[\u4e00-\u9fff·]{2,10}[、和])*[\u4e00-\u9fff·]{2,10})",
                           r"等(?:[0-9一二三四五六七八九十几多数]+个|[大中小、]{1,5})?(?:城市|国家|省份|省区|地区|地|国)")
#: Tags of a word that may open an item: names jieba knows or guesses, not common words.
_ITEM_TAGS: Final = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "x", "j"})
#: An item this frequent in jieba's dictionary is common vocabulary (车站, 码头), not a place's name.
_COMMON_FREQ: Final = 1000
#: Priority over a person's name score (2): the list says what the item is.
_PRIORITY: Final = 3
#: A dateline: the paper or agency, where it was filed (group 1), the day, and 电 or 讯.
_DATELINE: Final = re.compile(r"(?:本报|新华社|中新社)([\u4e00-\u9fff·]{2,10}?)"
                       r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日[电讯]")


def list_items(m: re.Match[str], separators: re.Pattern[str], accept: Callable[[int, int], bool]
               ) -> Iterator[tuple[int, int]]:
    """The (start, end) of each item of the list in group 1 of ``m`` that ``accept`` takes.

    Items are split at one-character ``separators``.  The first item may start inside
    the run the pattern took (威胁到|某某, 如|某某): its first accepted start is used.
    """
    at = m.start(1)
    for k, item in enumerate(separators.split(m.group(1))):
        s, e = at, at + len(item)
        at = e + 1
        first = next((p for p in (range(s, e - 1) if k == 0 else (s,)) if accept(p, e)), None)
        if first is not None:
            yield first, e


_SEPARATORS: Final = re.compile("[、和]")


def listed_places(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """Each item of a list closed by 等 and a word for places is a place (subtype ``listed``)."""
    out: list[Candidate] = []
    if "等" not in ctx.text:
        return out
    for m in _LIST.finditer(ctx.text):
        for s, e in list_items(m, _SEPARATORS, lambda p, e: _item(ctx, res, p, e)):
            out.append(Candidate(s, e, "Place", "listed", "listed-place", _PRIORITY))
    return out


def _item(ctx: Context, res: ExtractorResources, s: int, e: int) -> bool:
    """``text[s:e]`` is one unknown name: it starts and ends a token, opens on a name word, is no common word."""
    i = ctx.starts.get(s)
    if i is None or e not in ctx.ends or e - s < 2:
        return False
    name = ctx.text[s:e]
    if name in res.known:
        return False  # a known place is found anyway (with its level), a known body is no place
    if res.places is not None and name in res.places.area_words:
        return False  # 某江|中下游、某某等地: the area of the place before, no name of its own
    if name in res.generic or name.startswith(res.prefixes) or res.tokenizer.FREQ.get(name, 0) >= _COMMON_FREQ:
        return False
    # every word of it a name word and none a known name: 某某地区东部 and 某省某县 are found otherwise
    toks = ctx.tokens[i:ctx.ends[e] + 1]
    return all(t.tag in _ITEM_TAGS and t.word not in res.known and t.word not in res.roles for t in toks)


def dateline_places(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """本报某国某某5月27日电: where a report was filed is a place, also a town no table holds.

    Known places at the front (the country) are found on their own; the rest, one unknown name,
    is the town.  A known body (联合国) files no place."""
    text = ctx.text
    out: list[Candidate] = []
    if "日" not in text:
        return out
    for m in sparse_finditer(_DATELINE, text):
        s, e = m.span(1)
        while s < e:  # skip the known places the dateline opens with: 德国 + 某某
            k = next((k for k in range(min(e, s + 6), s + 1, -1) if _known_place(res, text[s:k])), 0)
            if not k:
                break
            s = k
        name = text[s:e]
        if e - s >= 2 and name not in res.known and name not in res.generic and "记者" not in name:
            out.append(Candidate(s, e, "Place", "city", "dateline-place", _PRIORITY))
    return out


def _known_place(res: ExtractorResources, name: str) -> bool:
    hit = res.known.get(name)
    return hit is not None and hit[1] == "Place"
