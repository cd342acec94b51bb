"""Personal names: Chinese names scored from general statistics, foreign names from transliteration runs.

A Chinese name is a surname (``ontology/surnames.tsv``, with a frequency tier)
followed by one or two given-name characters (``ontology/given_names.tsv``).
Every such window is scored, without any list of names, from

- how common the surname is and how often the character stands alone as a
  word in jieba's dictionary (于, 和, 向 are surnames but mostly function words);
- how common each given-name character is in names;
- how the window sits on jieba's tokens: a new word found by jieba's HMM
  (王云鹏/x) is a good sign, a dictionary word (许可证/n, 张家口/ns) a bad one,
  and a window that cuts a dictionary word (郑其伟|大夫 cuts 伟大) a weak one;
- the context: a role before it (法官王晓东, 总统克林顿), a speech verb (李秀英说),
  an honorific or role after it (吴宓先生, 张敬涛书记), list punctuation (李勤、严义埙).

A foreign name is a run of transliteration characters
(``ontology/translit_chars.tsv``: 克林顿, 谢列兹尼奥夫, 玛格丽特·里德) made of
tokens that are not ordinary dictionary words.

Every later occurrence of a name found once in the text is a mention too.
References such as 刘某, 周阿姨 and 刘先生 are not names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..lexicon import Lexicon
from .names import Candidate, Context
from .resources import ExtractorResources, Token

__all__ = ["PersonLexicon", "is_name", "load_person_lexicon", "person_names"]

_NAME_TAGS = frozenset({"x", "nr", "nrfg", "nrt", "nz"})
_PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
#: Tags of dictionary words that are often the given name itself (永胜/nr, 桂兰/ns, 国庆/nz).
_WORDS_IN_NAMES = frozenset({"x", "nr", "nrfg", "nrt", "nz", "ns", "t"})
_STOP_CHARS = set("的了在是和与及等说到从向对为将被把也都又就还个们这那所着过吗呢吧啊")
#: Points for a surname of tier 1/2/3 and for a given-name character of tier 1/2/3 (0: not listed).
_SURNAME_POINTS = {1: 2.0, 2: 1.0, 3: 0.0}
_GIVEN_POINTS = {1: 1.5, 2: 1.0, 3: 0.5, 0: -1.0}
_THRESHOLD = 3.0
#: A weaker window is a name when a listed name stands beside it: 李勤、严义埙、宋朝弟.
_LIST_THRESHOLD = 1.5
_LIST_JOINERS = "、和与及／/"
_LIST_PUNCT = "、，。；：:（）()“”\"《》！？ 　／/"


@dataclass(frozen=True)
class PersonLexicon:
    """Statistics for scoring names, built once from the ontology and jieba's dictionary."""

    surname_tier: dict[str, int]
    given_tier: dict[str, int]
    translit: frozenset[str]
    standalone: dict[str, float]  # log10 frequency of a character as a word of its own in jieba's dictionary
    not_after_foreign: frozenset[str]  # 市, 队, 杯: a transliteration followed by these is not a person
    doctrines: tuple[str, ...]  # 理论, 主义: 邓小平理论 holds the name 邓小平
    place_verbs: frozenset[str]  # 在, 访问, 前往: a transliteration after these is a place


def load_person_lexicon(lex: Lexicon, freq: dict[str, int]) -> PersonLexicon:
    """``freq`` is jieba's word-frequency table (``Tokenizer.FREQ``)."""
    tiers: dict[str, int] = {}
    for kind in ("single", "compound"):
        for row in lex.rows("surnames", kind):
            tiers[row[0]] = int(row[1]) if len(row) > 1 and row[1].isdigit() else 2
    given = {r[0]: int(r[1]) if len(r) > 1 and r[1].isdigit() else 2 for r in lex.rows("given_names", "given")}
    standalone = {ch: math.log10(freq.get(ch, 0) + 1) for ch in set(tiers) | set(given) if len(ch) == 1}
    return PersonLexicon(tiers, given, frozenset(lex.values("translit_chars", "translit")), standalone,
                         frozenset(lex.values("translit_chars", "not_after")),
                         tuple(sorted(lex.values("roles", "doctrine"), key=len, reverse=True)),
                         frozenset(lex.values("translit_chars", "place_before")))


def is_name(name: str, res: ExtractorResources) -> bool:
    """Shape test for a personal name."""
    if not 2 <= len(name) <= 4 or any(not ("\u4e00" <= ch <= "\u9fff") for ch in name):
        return False
    if name[:2] in res.compound_surnames:
        given = name[2:]
    elif name[0] in res.surnames:
        given = name[1:]
    else:
        return False
    if not 1 <= len(given) <= 2 or any(ch in _STOP_CHARS for ch in given):
        return False
    return not (name.endswith(res.honorifics) or name in res.roles or name in res.generic)


class _Scorer:
    """Scores surname + given-name windows of one text."""

    def __init__(self, ctx: Context, res: ExtractorResources, pl: PersonLexicon):
        self.ctx, self.res, self.pl = ctx, res, pl
        self.text = ctx.text
        # token index covering each character
        self.cover = [0] * len(ctx.text)
        for i, t in enumerate(ctx.tokens):
            for k in range(t.start, t.end):
                self.cover[k] = i

    def _dict_word(self, ti: int) -> bool:
        t = self.ctx.tokens[ti]
        return len(t.word) >= 2 and t.tag not in _NAME_TAGS

    def _any_word(self, ti: int) -> bool:
        """A dictionary word of two or more characters, whatever its tag (田野/nr is a word too)."""
        t = self.ctx.tokens[ti]
        return len(t.word) >= 2 and t.tag != "x"

    def left_cue(self, s: int) -> float:
        """Evidence from what precedes ``s``."""
        text, res = self.text, self.res
        if s == 0:
            return 0.5
        if text[s - 1] in _LIST_PUNCT:
            return 0.5
        ti = self.ctx.ends.get(s)
        if ti is not None:
            w = self.ctx.tokens[ti].word
            if w in res.roles or any(w[k:] in res.roles for k in range(1, len(w) - 1)):
                return 3.0
        return 0.0

    def right_cue(self, e: int) -> float:
        text, res = self.text, self.res
        if e >= len(text):
            return 0.5
        ti = self.ctx.starts.get(e)
        if ti is not None:
            w = self.ctx.tokens[ti].word
            if w in res.speech:
                return 2.5
            if w in res.roles:
                return 2.0
        if text.startswith(res.honorifics, e):
            return 1.5
        if text[e] in _LIST_PUNCT or text[e] == "等":
            return 0.5
        return 0.0

    def _token_points(self, tok: Token) -> float:
        """A window that is exactly one jieba token: how name-like is that token?

        jieba's HMM joins unknown names into one new word (王云鹏/x); its
        dictionary tags many common words nr (文明, 阳光, 王朝), but those are
        frequent, while a three-character nr word is mostly a real name.
        """
        tag, n = tok.tag, len(tok.word)
        if tag == "x":
            return 3.0 if n >= 3 else 1.0
        if tag in _PERSON_TAGS or tag == "nz":
            if n >= 3:
                return 2.5 if tag in ("nr", "nrfg") else 0.0
            freq = self.res.tokenizer.FREQ.get(tok.word, 0)
            if freq >= 300:
                return -3.0
            return 1.0 if tag in ("nr", "nrfg") else -1.0
        return -4.0

    def score(self, s: int, slen: int, e: int) -> float | None:
        text, pl, ctx = self.text, self.pl, self.ctx
        name = text[s:e]
        given = name[slen:]
        if any(ch in _STOP_CHARS or not ("\u4e00" <= ch <= "\u9fff") for ch in given):
            return None
        res = self.res
        if name in res.roles or name in res.generic or res.known.exists(name):
            return None
        # 吴先生, 刘某, 周阿姨: a surname and an honorific are a reference, not a name
        if text.startswith(res.honorifics, s + slen) or given in res.roles:
            return None
        sur = name[:slen]
        pts = _SURNAME_POINTS[pl.surname_tier[sur]]
        if slen == 1:
            # 于, 和, 向, 高, 上: surnames that mostly stand alone as common words
            pts -= max(0.0, pl.standalone.get(sur, 0.0) - 4.0) * 1.2
        for ch in given:
            pts += _GIVEN_POINTS[pl.given_tier.get(ch, 0)]
        if len(given) == 1:
            pts -= 1.0
        first, last = self.cover[s], self.cover[e - 1]
        toks = ctx.tokens
        if first == last and toks[first].start == s and toks[first].end == e:
            pts += self._token_points(toks[first])
        else:
            if toks[first].start != s:
                pts -= 2.0 if self._any_word(first) else 0.5
            if toks[last].end != e:
                pts -= 2.0 if self._any_word(last) else 0.5
            # the given name alone is a dictionary word: 蒋|天才, 宋朝|弟
            for ti in range(first, last + 1):
                t = toks[ti]
                if t.start >= s + slen and t.end <= e and self._dict_word(ti) and t.tag not in _PERSON_TAGS:
                    pts -= 1.0
                if t.start < s + slen < t.end and self._any_word(ti):
                    pts -= 1.0  # the surname glued to the given name is another word
        if len(name) == 3:
            # 雷阵雨, 惠民生, 曾刊文: the last two characters are a common word (阵雨, 民生, 刊文);
            # 幸福感, 黄金期: the first two are (幸福, 黄金).
            # Given names that are words themselves (建军, 海燕, 国庆) are made of name characters.
            if self._common_word(name[1:]):
                pts -= 2.5 if any(ch not in pl.given_tier for ch in name[1:]) else 0.5
            if slen == 1 and self._common_word(name[:2]):
                pts -= 2.5
        # 周城村, 李家镇: a place
        if name[-1] in res.place_suffix:
            pts -= 2.0
        return pts + self.left_cue(s) + self.right_cue(e)

    def _common_word(self, w: str) -> bool:
        tag = self.res.tags.get(w)
        return tag is not None and tag not in _WORDS_IN_NAMES and self.res.tokenizer.FREQ.get(w, 0) >= 10


def _chinese_names(sc: _Scorer) -> list[tuple[float, int, int]]:
    ctx, pl = sc.ctx, sc.pl
    text = ctx.text
    out = []
    n = len(text)
    tiers = pl.surname_tier
    toks, cover = ctx.tokens, sc.cover
    for s in range(n):
        ch = text[s]
        if ch not in tiers and text[s:s + 2] not in tiers:
            continue
        # Inside or at the start of an ordinary dictionary word (国家/n, 发展/vn): no name starts here.
        t = toks[cover[s]]
        if len(t.word) >= 2 and t.tag not in _NAME_TAGS and t.word not in tiers:
            continue
        for slen in (2, 1):
            if s + slen > n or text[s:s + slen] not in tiers:
                continue
            best = None
            for glen in (1, 2):
                e = s + slen + glen
                if e > n:
                    break
                v = sc.score(s, slen, e)
                if v is not None and v >= _LIST_THRESHOLD and (best is None or v > best[0]):
                    best = (v, s, e)
            if best:
                out.append(best)
    return out


def _foreign_names(sc: _Scorer) -> list[tuple[float, int, int]]:
    """Runs of transliteration characters on token boundaries: 克林顿, 玛格丽特·里德."""
    ctx, res, pl = sc.ctx, sc.res, sc.pl
    text, toks = ctx.text, ctx.tokens
    tr = pl.translit
    out = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if not tr.issuperset(t.word):
            i += 1
            continue
        j = i
        ok = True
        while j < n and (tr.issuperset(toks[j].word) or toks[j].word == "·"):
            j += 1
        while j > i and toks[j - 1].word == "·":
            j -= 1
        s, e = t.start, toks[j - 1].end
        span = toks[i:j]
        i = j
        name = text[s:e]
        if len(name.replace("·", "")) < 2:
            continue
        in_dict = place_tag = False
        # 克林顿/nr, 希拉克/nrt: one dictionary word of three or more characters tagged as a name
        named = len(span) == 1 and len(name) >= 3 and span[0].tag in _PERSON_TAGS
        for u in span:
            if len(u.word) >= 2 and u.tag != "x":
                in_dict = True
                if u.tag == "ns":
                    place_tag = True  # 扎加洛/ns: jieba is unsure; a role before it decides
                elif u.tag not in _PERSON_TAGS:
                    ok = False
            if u.tag == "x" and len(u.word) >= 2 and (u.word in res.roles or res.known.exists(u.word)):
                ok = False
        if not ok or res.known.exists(name) or name in res.generic:
            continue
        # 阿马里洛市, 伊朗队, 卢浮宫: a place or a team, not a person
        if e < len(text) and text[e] in pl.not_after_foreign:
            continue
        # “科特迪瓦外长”: after a transliteration a title names the country, not the person
        right = sc.right_cue(e)
        cue = sc.left_cue(s) + (0.5 if right == 2.0 else right)
        prev = ctx.ends.get(s)
        if prev is not None and toks[prev].word in pl.place_verbs:
            cue -= 2.0  # 在卡萨布兰卡, 迁都阿斯塔纳
        # jieba's dictionary tags foreign places nr/nrt too (科索沃, 斯里兰卡): a
        # dictionary word needs a role or a speech verb beside it.
        pts = min(len(name) - 2, 2) * 1.0 + cue + (1.0 if in_dict else 1.5) - (2.0 if place_tag else 0.0) + (0.5 if named else 0.0)
        if "·" in name:
            pts += 2.0
        if pts >= _THRESHOLD:
            out.append((pts, s, e))
    return out


def _names_in_doctrines(ctx: Context, res: ExtractorResources, pl: PersonLexicon) -> list[tuple[float, int, int]]:
    """邓小平理论/n, 马克思主义/n: the dictionary word starts with a person's name (a word tagged nr)."""
    out = []
    for t in ctx.tokens:
        if len(t.word) < 4 or not t.word.endswith(pl.doctrines):
            continue
        for d in pl.doctrines:
            if t.word.endswith(d):
                head = t.word[: -len(d)]
                if len(head) >= 2 and res.tags.get(head) in _PERSON_TAGS and not res.known.exists(head):
                    out.append((10.0, t.start, t.start + len(head)))
                break
    return out


def person_names(ctx: Context, res: ExtractorResources, byline_spans: tuple[tuple[int, int], ...] = ()
                 ) -> list[Candidate]:
    text = ctx.text
    found: list[Candidate] = []
    for s, e in byline_spans:
        found.append(Candidate(s, e, "Person", "", "byline", 6))
    pl = res.person
    sc = _Scorer(ctx, res, pl)
    scored = _chinese_names(sc) + _foreign_names(sc) + _names_in_doctrines(ctx, res, pl)
    # Overlapping windows: keep the best score (王永胜 over 永胜差).
    scored.sort(key=lambda x: (-x[0], x[1]))
    used = bytearray(len(text))
    strong: set[tuple[int, int]] = set()
    weak: list[tuple[int, int]] = []
    for pts, s, e in scored:
        if any(used[s:e]):
            continue
        used[s:e] = b"\1" * (e - s)
        (strong.add((s, e)) if pts >= _THRESHOLD else weak.append((s, e)))
    starts = {s for s, _ in strong}
    ends = {e for _, e in strong}
    changed = True
    while changed and weak:
        changed = False
        for s, e in list(weak):
            if ((e < len(text) and text[e] in _LIST_JOINERS and e + 1 in starts)
                    or (s > 0 and text[s - 1] in _LIST_JOINERS and s - 1 in ends)):
                weak.remove((s, e))
                strong.add((s, e))
                starts.add(s)
                ends.add(e)
                changed = True
    for s, e in sorted(strong):
        found.append(Candidate(s, e, "Person", "", "name-score", 2))
    # Propagate: every occurrence of a name found once is a mention.
    names = {text[c.start:c.end] for c in found if c.end - c.start >= 2}
    seen = {(c.start, c.end) for c in found}
    for name in names:
        at = text.find(name)
        while at >= 0:
            if (at, at + len(name)) not in seen:
                found.append(Candidate(at, at + len(name), "Person", "", "propagated", 0))
            at = text.find(name, at + len(name))
    return found
