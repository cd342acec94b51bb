"""Names framed by a role: a word jieba could not place, right after a title or right before one.

Names that fit neither the surname statistics nor the transliteration table
(Tibetan, Thai or Uygur names, or a Chinese name of a rare surname) are often
written next to a role: “县长洛追表示”, “总经理何塞说”, “何塞总经理”.
jieba marks such a name as a new word (tag x); with a role on one side it is
a person (a word jieba tags as a name, nr, is scored by the other rules).  A
word jieba knows as common vocabulary, a known place or body, a role or a kind
(see ``generic``) is never one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from .foreign_persons import STOP_CHARS, THRESHOLD, glued
from .names import HAN
from .resources import FUNCTION_TAGS

if TYPE_CHECKING:
    from .persons import _Scorer

__all__ = ["byline_lists", "role_framed_names"]

#: A guessed word this frequent in jieba's dictionary is common vocabulary after all.
_RARE: Final = 50
#: Points of a role right before the name (see ``_Scorer.left_cue``).  After the name only a role that is
#: no byline's counts: in “3月9日讯记者” 记者 follows a dateline, not a name.
_ROLE_BEFORE: Final = 3.0
_NUMERALS: Final = frozenset("一二三四五六七八九十两百千万亿几")
_PREDICATE_TAGS: Final = frozenset({"v", "vn", "a", "ad", "d"})
#: A character this frequent as a word of its own in jieba's dictionary is common vocabulary (好, 爱, 学).
_COMMON_CHAR: Final = 5000
#: A reporter's name in a byline list outranks any other reading of its span (武昌 the district).
_BYLINE_POINTS: Final = 10.0


def _role_before(sc: _Scorer, i: int) -> bool:
    """A role right before token ``i`` (``_Scorer.left_cue`` of 3 points, which is asked only past the
    cheap tests: most tokens follow no role)."""
    if i == 0:
        return False
    prev = sc.ctx.tokens[i - 1].word
    roles = sc.res.roles
    if prev in roles:
        return True
    if prev.isspace() or (len(prev) > 2 and any(prev[k:] in roles for k in range(1, len(prev) - 1))):
        return sc.left_cue(sc.ctx.tokens[i].start) >= _ROLE_BEFORE  # 记者 刘晓燕, 副总经理
    return False


def role_framed_names(sc: _Scorer) -> list[tuple[float, int, int]]:
    """(points, start, end) of every two- to four-character word jieba guessed, with a role beside it."""
    res, pl = sc.res, sc.pl
    out: list[tuple[float, int, int]] = []
    freq, toks = res.tokenizer.FREQ, sc.ctx.tokens
    for i in sc.ctx.guessed:  # the few words jieba guessed, found while the context was built
        t = toks[i]
        w = t.word
        if len(w) > 4:
            continue
        after = i + 1 < len(toks) and res.roles.get(toks[i + 1].word, "media") != "media"
        if not after and not _role_before(sc, i):
            continue
        if not STOP_CHARS.isdisjoint(w) or not HAN.fullmatch(w):
            continue
        # jieba glues function words and verbs to their neighbours: 5日讯|记者 (a dateline), 之后, 有人
        if (res.tag_table.get(w[0]) in FUNCTION_TAGS or res.tag_table.get(w[-1]) in FUNCTION_TAGS or glued(w[-1], res)
                or any(ch in _NUMERALS for ch in w)):
            continue  # … and numerals to what they count: 美两国|代表
        if w[-1] in pl.not_final or w[-1] in res.place_suffix:
            continue  # 人民路, 白沙乡: a road or a place
        if len(w) == 2 and all(res.tag_table.get(ch) in _PREDICATE_TAGS and freq.get(ch, 0) >= _COMMON_CHAR for ch in w):
            continue  # two common verbs or adjectives (爱|护, 好|学) make a phrase, not a name
        if (w in res.known or w in res.generic or w in res.roles or w in pl.titles or w in pl.not_names
                or freq.get(w, 0) >= _RARE or w.endswith(res.honorifics)):
            continue
        if sc.text[t.end:t.end + 1] == "·" or sc.text[t.start - 1:t.start] == "·":
            continue  # one half of a dotted name, which the transliteration rules read whole
        # just enough points to stand: any other reading of an overlapping span scores at least as high
        # (唐荣新 over 唐荣 where jieba split off the last given-name character)
        out.append((THRESHOLD, t.start, t.end))
    return out


#: How far a byline's end may lie after its role: a few names of two to five characters.
_BYLINE_SPAN: Final = 24
_BYLINE_NAME: Final = re.compile(r"[\u4e00-\u9fff·]{2,5}")


def byline_lists(sc: _Scorer) -> list[tuple[float, int, int]]:
    """“记者甲乙丙、丁戊报道”: every name in a reporters' list between a media role and 报道 or 摄.

    The first name has the role before it; the later ones have only the list, so
    a name the statistics doubt (a rare surname, a word that is also a place)
    would be missed.  Only a list of two or more is read: a lone name after a
    role is scored as usual, and “记者近日报道” names nobody.
    """
    text, pl = sc.text, sc.pl
    out: list[tuple[float, int, int]] = []
    for role in pl.byline_roles:
        at = text.find(role)
        while at >= 0:
            s = at + len(role)
            at = text.find(role, s)
            for end in pl.byline_ends:
                q = text.find(end, s, s + _BYLINE_SPAN)
                if q > s and "、" in text[s:q]:
                    items = text[s:q].split("、")
                    if all(_BYLINE_NAME.fullmatch(x) and STOP_CHARS.isdisjoint(x) for x in items):
                        for x in items:
                            out.append((_BYLINE_POINTS, s, s + len(x)))
                            s += len(x) + 1
                    break
    return out
