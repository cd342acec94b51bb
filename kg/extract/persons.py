"""Personal names: Chinese names scored from general statistics, foreign names from transliteration runs.

A Chinese name is a surname (``ontology/surnames.tsv``, with a frequency tier)
followed by one or two given-name characters (``ontology/given_names.tsv``).
Every such window is scored, without any list of names, from

- how common the surname is and how often the character stands alone as a
  word in jieba's dictionary (于, 和, 向 are surnames but mostly function words);
- how common each given-name character is in names;
- how the window sits on jieba's tokens: a new word found by jieba's HMM
  (孟云帆/x) is a good sign, a dictionary word (许可证/n, 高碑店/ns) a bad one,
  and a window that cuts a dictionary word (钱其伟|大夫 cuts 伟大) a weak one;
- the context: a role before it (法官王晓东, 总统布莱尔), a speech verb (李秀英说),
  an honorific or role after it (葛明先生, 邵敬国书记), list punctuation (丁勤、严义峰).

A window is no name when its last character ends common nouns (许可证, 陈列室:
``not_final`` in ``given_names.tsv``), when a verb or an adverb closes it
(王平作|了: ``trailing``), when the "surname" is a measure word after a numeral
(5张|红星) or the window follows an adverb (也|高兴).  Occupations and
relations (钢琴家, 夫人: ``ontology/person_cues.tsv``) are cues like roles.

Foreign names (transliteration runs, Japanese family names) are found by
:mod:`.foreign_persons` on jieba's tokens and by :mod:`.translit_runs`
character by character, where jieba split or mis-tagged them.

Every later occurrence of a name found once in the text is a mention too.
刘某 and 刘老 are references (:mod:`.references`); 周阿姨 and 刘先生 are not names.
"""

from __future__ import annotations

from typing import Final

from .foreign_persons import NAME_TAGS as _NAME_TAGS
from .foreign_persons import PERSON_TAGS as _PERSON_TAGS
from .foreign_persons import STOP_CHARS as _STOP_CHARS
from .foreign_persons import THRESHOLD as _THRESHOLD
from .foreign_persons import dotted_halves, foreign_names, glued, japanese_names
from .framed_names import byline_lists, role_framed_names
from .names import Candidate, Context
from .person_lexicon import PersonLexicon, load_person_lexicon, surname_starts
from .references import person_references
from .resources import ExtractorResources, Token
from .translit_runs import translit_runs

__all__ = ["PersonLexicon", "is_name", "load_person_lexicon", "person_names"]

#: Tags of dictionary words that are often the given name itself (永胜/nr, 桂兰/ns, 国庆/nz).
_WORDS_IN_NAMES: Final = frozenset({"x", "nr", "nrfg", "nrt", "nz", "ns", "t"})
#: Points for a surname of tier 1/2/3 and for a given-name character of tier 1/2/3 (0: not listed).
_SURNAME_POINTS: Final = {1: 2.0, 2: 1.0, 3: 0.0}
_GIVEN_POINTS: Final = {1: 1.5, 2: 1.0, 3: 0.5, 0: -1.0}
_VERY_COMMON_FREQ: Final = 5000
_NR_WORD_FREQ: Final = 50
_RARE_WORD_FREQ: Final = 1000
_NUMERALS: Final = set("0123456789０１２３４５６７８９一二三四五六七八九十百千两几这那每该此")
#: A weaker window is a name when a listed name stands beside it: 丁勤、严义峰、宋朝阳.
_LIST_THRESHOLD: Final = 1.0
_LIST_JOINERS: Final = "、和与及／/"
_LIST_PUNCT: Final = "、，。；：:（）()“”\"《》！？ 　／/"


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
        self.cover = ctx.cover  # token index covering each character
        # memos of the cues: the same position is asked about by many windows and passes
        self._left: dict[int, float] = {}
        self._right: dict[int, float] = {}

    def _dict_word(self, ti: int) -> bool:
        t = self.ctx.tokens[ti]
        return len(t.word) >= 2 and t.tag not in _NAME_TAGS

    def _any_word(self, ti: int) -> bool:
        """A dictionary word of two or more characters, whatever its tag (田野/nr is a word too)."""
        t = self.ctx.tokens[ti]
        return len(t.word) >= 2 and t.tag != "x"

    def may_start_in_word(self, s: int, t: Token) -> bool:
        """Whether a name may start at ``s``, inside or at the start of the dictionary word ``t``.

        Inside an ordinary word (国家/n, 发展/vn) no name starts; at the start of
        a rare one it may, for jieba mislabels some names as places or times,
        and after a role any word may start one (记者|钟立群/m).
        """
        if t.start != s:
            return False
        res = self.res
        if (t.tag in _WORDS_IN_NAMES and res.tokenizer.FREQ.get(t.word, 0) < _RARE_WORD_FREQ
                and t.word not in res.known):
            return True
        return self.left_cue(s) >= 2.5

    def cuts_word(self, e: int) -> bool:
        """The span ending at ``e`` cuts a dictionary word: 周莉明|白."""
        return e < len(self.text) and self.ctx.tokens[self.cover[e - 1]].end != e and self._any_word(self.cover[e - 1])

    def left_cue(self, s: int) -> float:
        """Evidence from what precedes ``s``."""
        v = self._left.get(s)
        if v is None:
            v = self._left[s] = self._left_cue(s)
        return v

    def _left_cue(self, s: int) -> float:
        text, res = self.text, self.res
        if s == 0:
            return 0.5
        before = text[s - 1]  # sliced once for both tests
        if before in " 　" and s > 1 and text[s - 2] not in " 　":
            return max(0.5, self.left_cue(s - 1))  # 记者 刘晓燕: a byline's role is set off by a space
        if before in _LIST_PUNCT:
            return 0.5
        ti = self.ctx.ends.get(s)
        if ti is not None:
            w = self.ctx.tokens[ti].word
            if w in res.roles or any(w[k:] in res.roles for k in range(1, len(w) - 1)):
                return 3.0
            if w in self.pl.titles or w in self.pl.intros:
                return 2.5
            if self.ctx.tokens[ti].tag == "d":
                return -1.5  # 也|高兴: after an adverb comes a verb, not a name
        return 0.0

    def right_cue(self, e: int) -> float:
        """Evidence from what follows ``e``."""
        v = self._right.get(e)
        if v is None:
            v = self._right[e] = self._right_cue(e)
        return v

    def _right_cue(self, e: int) -> float:
        text, res = self.text, self.res
        if e >= len(text):
            return 0.5
        ti = self.ctx.starts.get(e)
        if ti is not None:
            w = self.ctx.tokens[ti].word
            if w in res.speech:
                return 2.5
            if w in res.roles or w in self.pl.titles:
                return 2.0
            toks = self.ctx.tokens
            if toks[ti].tag == "d" and ti + 1 < len(toks) and toks[ti + 1].word in res.speech:
                return 2.0  # 佐藤还表示, 李华也说: an adverb between the name and the speech verb
        if text.startswith(res.honorifics, e):
            return 1.5
        after = text[e]  # sliced once for both tests
        if after in _LIST_PUNCT or after == "等":
            return 0.5
        return 0.0

    def _token_points(self, tok: Token) -> float:
        """A window that is exactly one jieba token: how name-like is that token?

        jieba's HMM joins unknown names into one new word (孟云帆/x); its
        dictionary tags many common words nr (文明, 阳光, 王朝), but those are
        frequent, while a three-character nr word is mostly a real name.
        """
        tag, n = tok.tag, len(tok.word)
        if tag == "x":
            return 3.0 if n >= 3 else 1.0
        if tag in _PERSON_TAGS or tag == "nz":
            if n >= 3:
                # 杜鹃花/nr, 公开信/nr: jieba's nr on a word that starts with a common word
                if self._common_word(tok.word[:2]):
                    return 0.0
                return 2.5 if tag in ("nr", "nrfg") else 0.0
            freq = self.res.tokenizer.FREQ.get(tok.word, 0)
            if freq >= 300:
                return -2.0
            if n == 2:
                # two-character names are too many to list: jieba's two-character nr words are mostly
                # ordinary words (冷清/nr, 韩文/nr, 严词/nr), so such a word needs a cue beside it
                return -0.5
            return 1.0 if tag in ("nr", "nrfg") else -1.0
        return -4.0

    def score(self, s: int, slen: int, e: int) -> float | None:
        text, pl, ctx = self.text, self.pl, self.ctx
        name = text[s:e]
        given = name[slen:]
        for ch in given:
            if ch in _STOP_CHARS or not ("\u4e00" <= ch <= "\u9fff"):
                return None
        if given[-1] in pl.not_final or text.startswith(pl.regnal, s + slen):
            return None  # 许可证, 陈列室; 亨|利八世
        res = self.res
        if name in res.roles or name in res.generic or name in pl.not_names:
            return None
        if name in res.known and (self.left_cue(s) < 2.5 or self.right_cue(e) < 2.0):
            return None  # a known place is a name only between a role and a speech verb: 乡长吴川说
        # 吴先生, 刘某, 周阿姨, 刘老: a surname and an honorific are a reference, not a name
        if text.startswith(res.honorifics, s + slen) or given in res.roles or given in pl.elder_suffixes:
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
        elif given[1] in pl.trailing:
            pts -= 4.0  # 王平作|了, 李明更|认为: a verb or an adverb after a two-character name
        if given[0] in pl.weak_first and ctx.ends.get(s + slen + 1) is not None and s in ctx.starts:
            pts -= 1.5  # 刘家|屯: a family or village word (李家明/nr would be one word, a name)
        if s and text[s - 1] in _NUMERALS and res.tag_table.get(sur) == "q":
            return None  # 5张|红星照片, 一段|新修: a measure word, not a surname
        first, last = self.cover[s], self.cover[e - 1]
        toks = ctx.tokens
        if first == last and toks[first].start == s and toks[first].end == e:
            pts += self._token_points(toks[first])
        else:
            if toks[first].start != s:
                pts -= 2.0 if self._any_word(first) else 0.5
            if toks[last].end != e:
                if toks[last].tag == "x" and toks[last].end == e + 1 and toks[last].start >= s and glued(text[e], res):
                    pts += 1.0  # 李付|成去/x, 韩笑是/x: jieba's HMM glued a verb to the name
                else:
                    pts -= 2.0 if self._any_word(last) else 0.5
            # the given name alone is a dictionary word: 周|英雄, 秦朝|阳
            gs = s + slen
            for ti in range(first, last + 1):
                t = toks[ti]
                # self._dict_word(ti) and self._any_word(ti), inlined
                if t.start >= gs and t.end <= e and len(t.word) >= 2 and t.tag not in _NAME_TAGS \
                        and t.tag not in _PERSON_TAGS:
                    pts -= 1.0
                if t.start < gs < t.end and len(t.word) >= 2 and t.tag != "x":
                    pts -= 1.0  # the surname glued to the given name is another word
        nr_head = False
        if len(name) == 3:
            # 雷阵雨, 惠民生, 曾刊文: the last two characters are a common word (阵雨, 民生, 刊文);
            # 幸福感, 黄金期: the first two are (幸福, 黄金).
            # Given names that are words themselves (建军, 海燕, 国庆) are made of name characters.
            # (self._common_word inlined: each word is sliced and looked up in the big tables once)
            tail = name[1:]
            tag = res.tag_table.get(tail)
            if tag is not None and tag not in _WORDS_IN_NAMES:
                freq = res.tokenizer.FREQ.get(tail, 0)
                if freq >= 10:
                    # 高|水平: a very common word is not a given name, even one made of name characters
                    common = freq >= _VERY_COMMON_FREQ
                    pts -= 2.5 if common or any(ch not in pl.given_tier for ch in tail) else 0.5
            if slen == 1:
                head = name[:2]
                tag = res.tag_table.get(head)
                if tag is not None and tag not in _WORDS_IN_NAMES and res.tokenizer.FREQ.get(head, 0) >= 10:
                    pts -= 2.5
                # 杜鹃|花, 田野|中: jieba's two-character nr words are mostly ordinary words, unless a role
                # or a speech verb is beside them (秘书王晓东)
                nr_head = tag == "nr" and res.tokenizer.FREQ.get(head, 0) >= _NR_WORD_FREQ
        # 周城村, 李家镇: a place; 任|泗阳县委: a verb before a place (a role after it is a cue: 王伟市长)
        if name[-1] in res.place_suffix:
            pts -= 2.0
        right = self.right_cue(e)
        after = text[e:e + 1]
        if right < 2.0 and after in res.place_suffix:
            pts -= 2.0
        if after in pl.translit and pl.translit.issuperset(given):
            pts -= 1.5  # 戈尔德|曼: the head of a longer transliteration
        left = self.left_cue(s)
        if nr_head and left < 2.5 and right < 2.0:
            pts -= 2.5
        return pts + left + right

    def _common_word(self, w: str) -> bool:
        tag = self.res.tag_table.get(w)
        return tag is not None and tag not in _WORDS_IN_NAMES and self.res.tokenizer.FREQ.get(w, 0) >= 10


def _chinese_names(sc: _Scorer) -> list[tuple[float, int, int]]:
    ctx, pl = sc.ctx, sc.pl
    text = ctx.text
    out = []
    n = len(text)
    tiers = pl.surname_tier
    toks, cover = ctx.tokens, sc.cover
    trailing = pl.trailing
    starts, compound_firsts = surname_starts(tiers)
    # only a character that begins some surname can start a name: one regex scan finds them
    for m in starts.finditer(text):
        s = m.start()
        if s + 2 > n:
            break  # no window (a surname and a given name) fits
        t = toks[cover[s]]
        # inside a dictionary word no name starts (may_start_in_word's first test, inlined): the
        # test that needs no slice first, for it rules out most positions
        in_word = len(t.word) >= 2 and t.tag not in _NAME_TAGS and t.word not in tiers
        if in_word and t.start != s:
            continue
        # which surnames start here, each looked up once: the two-character one only after
        # a character that opens one (most do not), then the one-character one
        ch = text[s]
        compound = ch in compound_firsts and text[s:s + 2] in tiers
        single = ch in tiers
        if not compound:
            if not single:
                continue
            # only one-character surnames here: every window's given name starts at s + 1
            nx = text[s + 1:s + 2]
            if nx in _STOP_CHARS or not ("\u4e00" <= nx <= "\u9fff"):
                continue  # score() would reject both windows
        if in_word and not sc.may_start_in_word(s, t):
            continue  # at the start of a dictionary word, a rare word or a role before it lets one start
        for slen in (2, 1):
            if not (compound if slen == 2 else single):
                continue
            best = None
            for glen in (1, 2):
                e = s + slen + glen
                if e > n:
                    break
                v = sc.score(s, slen, e)  # a method call, not a bound method in a local: mypyc calls it natively
                if v is None or v < _LIST_THRESHOLD:
                    continue
                # the longer name wins a near tie: 专员严少|农等 is 严少农 (the two-character
                # window only gains from jieba's token, which the full name lacks)
                bonus = 1.0 if glen == 2 and not sc.cuts_word(e) and text[e - 1] not in trailing else 0.0
                if best is None or v + bonus >= best[0]:
                    best = (v, s, e)
            if best:
                out.append(best)
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
                if len(head) >= 2 and res.tag_table.get(head) in _PERSON_TAGS and head not in res.known:
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
    assert pl is not None
    sc = _Scorer(ctx, res, pl)
    scored = _chinese_names(sc)
    for more in (foreign_names(sc), translit_runs(sc), japanese_names(sc), role_framed_names(sc),
                 _names_in_doctrines(ctx, res, pl), byline_lists(sc)):
        scored += more  # extended in place: no intermediate list per rule
    # Overlapping windows: keep the best score (王永强 over 永强说).
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
    for s, e in sorted({dotted_halves(sc, s, e) for s, e in strong}):
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
    return found + person_references(sc)
