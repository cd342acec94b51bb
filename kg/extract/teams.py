"""Club teams of a match report: a sponsor's or a club's name before 队.

A country's or a city's team (巴西队, 大连 + 实德队) is found from the place
(:func:`kg.extract.bodies.dictionary_bodies`).  A club is named after a
sponsor or a mascot that jieba splits off 队 or does not know at all:
“飞鹰/nz 队/n”, “蓝天/n 雄鹰/n 队/n”, a new word “远航队/x”, or 队 glued to the next
word: “金狮/nz 队同/x”.  In a match report (a score or a match word within reach)
such a run of rare nouns or new words before 队 is one team.
"""

from __future__ import annotations

from typing import Final

from .bodies import sport_report
from .body_edges import opens_on_function_char
from .names import HAN, Candidate, Context
from .resources import ExtractorResources, Token

__all__ = ["club_teams"]

#: Tags of the words a club's name is made of: names, brands, new words and nouns.
_NAME_TAGS: Final = frozenset({"nz", "nt", "nr", "nrt", "nrfg", "x", "j", "n", "ns"})
#: A noun this frequent in jieba's dictionary is common vocabulary (消防队, 足球队), not a brand.
_RARE_NOUN: Final = 200
#: Any word this frequent is common vocabulary, whatever its tag.
_RARE_WORD: Final = 1000
#: What follows 队 inside a longer word: 队员, 队长, 队伍 are members and ranks, not the team.
_NOT_AFTER: Final = frozenset("员长伍友列形旗歌部")
_MAX_NAME: Final = 5


def _name_word(t: Token, res: ExtractorResources) -> bool:
    """A token that may be (part of) a club's name: rare, name-like, no kind of team."""
    w = t.word
    if t.tag not in _NAME_TAGS or not HAN.fullmatch(w) or w in res.generic or w in res.roles:
        return False
    if w in res.org_suffix or res.tag_table.get(w) in ("v", "vn", "a", "m", "q", "r", "t"):
        return False
    if t.tag == "x" and (opens_on_function_char(t, res) or res.tag_table.get(w[0]) in ("m", "q", "r")):
        return False  # 这支/x, 一支/x: a pronoun or a numeral counting the team
    freq = res.tokenizer.FREQ.get(w, 0)
    return freq < (_RARE_NOUN if t.tag == "n" else _RARE_WORD)


def club_teams(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """“飞鹰队的外援”, “蓝天雄鹰队扳回一球”: the club's name words and 队, in a match report."""
    text, toks = ctx.text, ctx.tokens
    out: list[Candidate] = []
    at = text.find("队")
    while at >= 0:
        q, at = at, text.find("队", at + 1)
        if q == 0 or text[q + 1:q + 2] in _NOT_AFTER:
            continue
        t = toks[ctx.cover[q]]
        if t.start == q and (t.end == q + 1 or t.tag == "x"):
            i = ctx.cover[q] - 1  # 队 stands alone or opens a new word: 飞鹰|队, 金狮|队同
            start = q
            while i >= 0 and _name_word(toks[i], res) and q - toks[i].start <= _MAX_NAME:
                start, i = toks[i].start, i - 1
        elif t.end == q + 1 and t.tag == "x" and len(t.word) >= 3:
            start = t.start  # jieba's new word: 远航队/x
            if not _name_word(Token(t.word[:-1], t.start, q, "x"), res):
                continue
        else:
            continue
        if q - start >= 2 and sport_report(text[max(0, start - 40):q + 41], res):
            out.append(Candidate(start, q + 1, "Organization", "sport", "club-team", 1))
    return out
