"""References to a person by surname only: anonymised parties (刘某) and honorifics (刘老, 老张).

Court, procuratorate and police news name the parties of a case by surname
and a mark (``anonymiser`` in ``ontology/person_cues.tsv``): “驾驶员刘某被判处
有期徒刑”, “犯罪嫌疑人王某某”, and two parties of one surname by an ordinal
(张某甲, 张某乙).  They are the actors of the case, so they are Person mentions,
but their identity holds only within one article: 刘某 in two articles is two
people.  Their subtypes (:data:`ANONYMISED`, :data:`SURNAME_REF`) tell the
resolution stage so.

The mark is also a determiner (向某公司, 于某日, 北方某机场, 某种产品), so the
surname must start a word of its own, the mark must not start a dictionary
word (某日, 某人), and a surname that is mostly a function word (于, 向, 和)
needs a role before it (被告人于某).

An honorific after a surname (刘老说) is a person when 老 stands alone, not
starting a word (陈老师, 刘老汉, 白石老人) nor ending one (古老, 元老).  老 and 小
before a surname (老张, 小李) share their shape with 小时, 小区, 小康 and with
given names (小平, 小明), so they are taken only for the common surnames, as a
word of their own, and unless jieba knows no such word (老史/x) or takes it for a
name (老李/nr), beside a role or a speech verb (同事老张说).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .names import Candidate
from .resources import FUNCTION_TAGS

if TYPE_CHECKING:
    from .persons import _Scorer

__all__ = ["ANONYMISED", "SURNAME_REF", "person_references"]

#: Subtype of an anonymised party (刘某, 张某某, 张某甲): an identity scoped to its article.
ANONYMISED: Final = "anonymised"
#: Subtype of a surname with an honorific (刘老, 老张, 小李): an identity scoped to its article.
SURNAME_REF: Final = "surname-ref"
#: A role before the reference (被告人于某, 同事老张), as ``_Scorer.left_cue`` scores it.
_ROLE_BEFORE: Final = 2.5
#: A speech verb or a role after it (老张说, 小李书记), as ``_Scorer.right_cue`` scores it.
_CUE_AFTER: Final = 2.0
#: Only surnames of this tier take 老/小 before them: rarer ones are mostly given-name characters (小平, 小明).
_FAMILIAR_TIER: Final = 1
#: Tags of a surname that is mostly a function word (于/p, 和/c, 将/d).  Not the measure and numeral tags:
#: 张/q and 孙/zg before 某 are parties (张某乙称), and jieba does not tell a 张 after a numeral apart.
_FUNCTION_WORD_TAGS: Final = FUNCTION_TAGS - {"m", "q", "mq", "zg"}
#: jieba's tags of a familiar form that is no common word: a new word (老史/x) or a name (老李/nr); one it
#: knows as a noun (小马/n, 小石|潭) or a time (老周/t) needs a cue.
_NAME_LIKE_TAGS: Final = frozenset({"x", "nr"})


def _surname_word(sc: _Scorer, s: int, e: int) -> bool:
    """The surname ``text[s:e]`` starts a word: not the end of 北方, 中国, 同时, nor a longer word (元老)."""
    ctx = sc.ctx
    tok = ctx.tokens[ctx.cover[s]]
    if tok.start != s:
        return False
    if tok.end > e:
        return tok.tag == "x"  # 刘某/x, 胡老/x: jieba's HMM joined the surname to the mark
    if tok.end == e and len(tok.word) == 1 and tok.tag in _FUNCTION_WORD_TAGS:
        return sc.left_cue(s) >= _ROLE_BEFORE  # 于某一方面, 向某单位, 由老: a function word first
    return tok.end == e


def _opens_word(sc: _Scorer, i: int, allowed: tuple[str, ...] = ()) -> bool:
    """A dictionary word of two or more characters starts at ``i`` (某日, 某人, 老人, 老师)."""
    ti = sc.ctx.starts.get(i)
    if ti is None:
        return False
    tok = sc.ctx.tokens[ti]
    return len(tok.word) >= 2 and tok.tag != "x" and tok.word not in allowed


def _positions(text: str, chars: frozenset[str] | set[str]) -> list[int]:
    """Offsets of every character of ``chars`` in ``text`` (str.find: no Python loop over the text)."""
    out: list[int] = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    return sorted(out)


def _anonymised(sc: _Scorer) -> list[Candidate]:
    text, pl = sc.text, sc.pl
    marks = pl.anonymisers
    out: list[Candidate] = []
    for i in _positions(text, pl.anonymiser_firsts):
        if i == 0 or text[i - 1] == text[i]:
            continue  # no surname before it, or the second 某 of 某某, taken with the first
        if _opens_word(sc, i, marks):
            continue  # 某日, 某人, 某种: a determiner
        mark = next((m for m in marks if text.startswith(m, i)), "")
        e = i + len(mark)
        if text[e:e + 1] in pl.anon_ordinals and not _opens_word(sc, e):
            e += 1  # 张某甲: the ordinal is part of the reference
        for slen in (2, 1):
            s = i - slen
            if s >= 0 and text[s:i] in pl.surname_tier and _surname_word(sc, s, i):
                out.append(Candidate(s, e, "Person", ANONYMISED, "anonymised", 2))
                break
    return out


def _honorific(sc: _Scorer) -> list[Candidate]:
    text, pl = sc.text, sc.pl
    tiers = pl.surname_tier
    toks, cover = sc.ctx.tokens, sc.ctx.cover
    out: list[Candidate] = []
    for i in _positions(text, pl.elder_suffixes):
        if i > 0 and text[i - 1] in tiers and not _opens_word(sc, i) and _surname_word(sc, i - 1, i):
            out.append(Candidate(i - 1, i + 1, "Person", SURNAME_REF, "surname-elder", 2))
    for i in _positions(text, pl.familiar_prefixes):
        if i + 2 <= len(text) and tiers.get(text[i + 1]) == _FAMILIAR_TIER:
            tok = toks[cover[i]]
            if tok.start == i and tok.end == i + 2 and (tok.tag in _NAME_LIKE_TAGS or (
                    sc.left_cue(i) >= _ROLE_BEFORE or sc.right_cue(i + 2) >= _CUE_AFTER)):
                out.append(Candidate(i, i + 2, "Person", SURNAME_REF, "surname-familiar", 2))
    return out


def _occurs(text: str, chars: frozenset[str] | set[str]) -> bool:
    """Any of ``chars`` in ``text``."""
    for ch in chars:
        if ch in text:
            return True
    return False


def person_references(sc: _Scorer) -> list[Candidate]:
    """Anonymised parties and honorific surname references in ``sc``'s text."""
    # most texts hold none of the marks: a substring test each spares the per-position work
    text, pl = sc.text, sc.pl
    out = _anonymised(sc) if _occurs(text, pl.anonymiser_firsts) else []
    if _occurs(text, pl.elder_suffixes) or _occurs(text, pl.familiar_prefixes):
        out += _honorific(sc)
    return out
