"""Foreign personal names: runs of transliteration characters (布莱尔, 玛丽·居里).

A run is a sequence of jieba tokens made of the characters in
``ontology/translit_chars.tsv``, joined by a single · or —.  jieba's own
dictionary decides much (布莱尔/nr is a person, 卢布/nr is not, which
``not_name`` rows say); what follows decides the rest (奥兰多市, 阿曼队 are
a place and a team).  Scoring cues come from :class:`kg.extract.persons._Scorer`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from .resources import FUNCTION_TAGS, ExtractorResources, Token
from .table_memo import TableMemo

if TYPE_CHECKING:
    from .persons import _Scorer

__all__ = ["NAME_TAGS", "PERSON_TAGS", "STOP_CHARS", "THRESHOLD", "foreign_names", "glued", "japanese_names",
           "placed"]

NAME_TAGS: Final = frozenset({"x", "nr", "nrfg", "nrt", "nz"})
PERSON_TAGS: Final = frozenset({"nr", "nrfg", "nrt"})
#: Characters that never occur inside a name: function words and particles.
STOP_CHARS: Final = set("的了在是和与及等说到从向对为将被把也都又就还个们这那所着过吗呢吧啊不")
#: Points a window needs to be a name.
THRESHOLD: Final = 3.0
#: jieba frequency above which a word tagged as a name is mostly an ordinary word (道德/nr, 雷达/nr).
_COMMON_WORD_FREQ: Final = 1000


_JOINERS: Final = ("·", "—")
#: jieba frequency from which a one-character verb is a common one (去, 说, 到; not 治 in 善治).
_COMMON_VERB_FREQ: Final = 50000


def glued(part: str, res: ExtractorResources) -> bool:
    """One function word or common verb that jieba's HMM glued to a name: 卡内于/x, 塔瓦|比说/x, 李付|成去/x."""
    if len(part) != 1:
        return False
    tag = res.tag_table.get(part)
    pl = res.person
    assert pl is not None
    return (tag in FUNCTION_TAGS or part in pl.trailing
            or (tag == "v" and res.tokenizer.FREQ.get(part, 0) >= _COMMON_VERB_FREQ))


def _translit_prefix(word: str, tr: frozenset[str]) -> int:
    """Length of the leading run of transliteration characters: 史密斯|及, 斯坦顿|任."""
    k = 0
    while k < len(word) and word[k] in tr:
        k += 1
    return k


def _translit_like(sc: _Scorer, tok: Token) -> bool:
    """Made of transliteration characters; a name in jieba's dictionary may have one other (伊丽莎白/nr),
    unless it ends like a thing (加时赛, 吉普车) or starts with a common word (博士后, 马路边)."""
    tr, w = sc.pl.translit, tok.word
    if tr.issuperset(w):
        return True
    return (tok.tag in PERSON_TAGS and len(w) >= 3 and sum(ch not in tr for ch in w) == 1
            and w[-1] not in sc.pl.not_final and w[-1] not in sc.pl.not_after_foreign
            and not sc._common_word(w[:2]))


def _foreign_run(sc: _Scorer, i: int) -> tuple[int, int, int]:
    """Tokens ``i..j`` of a transliteration run and its end offset.

    Segments are joined by a single · or — (玛丽·居里, 彼得—史密斯).  Next to a
    joiner a segment may be a word jieba tagged as a name even if one of its
    characters is not listed (路易莎/x), and the last segment may end inside a
    token (史密斯及/x: 史密斯).
    """
    toks, tr = sc.ctx.tokens, sc.pl.translit
    n = len(toks)
    j, end = i + 1, toks[i].end
    while j < n:
        w = toks[j].word
        if _translit_like(sc, toks[j]):
            j, end = j + 1, toks[j].end
            continue
        k = _translit_prefix(w, tr)
        if toks[j].tag == "x" and 0 < k < len(w) and glued(w[k:], sc.res):
            return i, j + 1, toks[j].start + k  # 塔勒/nrt 比说/x: jieba glued 说 to the last syllable
        if w not in _JOINERS or j + 1 >= n or end != toks[j].start:
            break
        # a single joiner between two segments (甲———乙 is a dash, not a joiner)
        nxt = toks[j + 1]
        if nxt.word in _JOINERS or (toks[j - 1].word in _JOINERS):
            break
        k = _translit_prefix(nxt.word, tr)
        # after the dot a name jieba knows (霍普金斯/nr), found (莱恩斯/x) or took for a noun (买买提/n)
        whole = (nxt.tag in PERSON_TAGS or nxt.tag in ("n", "nz") or (k == 0 and nxt.tag == "x")) and not (
            nxt.word in sc.res.roles or nxt.word in sc.pl.titles or nxt.word.startswith(sc.res.honorifics))
        if k == len(nxt.word) or (whole and len(nxt.word) >= 2 and not any(ch in STOP_CHARS for ch in nxt.word)):
            j, end = j + 2, nxt.end  # kept whole
            continue
        if k >= 1:
            end = nxt.start + k  # 史密斯及: the name stops before 及
            j += 2
        break
    return i, j, end


_DIGITS: Final = "0123456789０１２３４５６７８９一二三四五六七八九十"


def placed(sc: _Scorer, s: int, e: int) -> bool:
    """The name is a place by its own last character or a dateline after it.

    古吉拉特邦, 萨尔茨堡: the last character is a place head of ``not_after`` (邦, 宫, 堡);
    本报萨尔布吕肯5月27日电: a wire dateline (place, date, 电).
    """
    text = sc.text
    if text[e - 1] in sc.pl.not_after_foreign:
        return True
    k = e
    while k < len(text) and k - e < 6 and (text[k] in _DIGITS or text[k] == "月"):
        k += 1
    return k > e and text.startswith("日电", k)


def _between_cues(sc: _Scorer, s: int, e: int) -> bool:
    """A role before and a speech verb or title after: a known place written so is a person (市长萨尔瓦多说)."""
    return sc.left_cue(s) >= 2.5 and sc.right_cue(e) >= 2.0


def foreign_names(sc: _Scorer) -> list[tuple[float, int, int]]:
    """Runs of transliteration characters on token boundaries: 布莱尔, 玛丽·居里."""
    ctx, res, pl = sc.ctx, sc.res, sc.pl
    text, toks = ctx.text, ctx.tokens
    tr = pl.translit
    out = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        # _translit_like(sc, t), its common rejection inlined: most tokens are neither all
        # transliteration characters nor tagged as a name
        # (a one-character word is its own only character: a set look-up, not a method call)
        w = t.word
        like = (w in tr if len(w) == 1 else tr.issuperset(w)) or (t.tag in PERSON_TAGS and _translit_like(sc, t))
        # 路易莎/x·…: a name-tagged word right before a joiner starts a dotted name
        if (not like or t.word in _JOINERS) and not (
                t.tag in NAME_TAGS and len(t.word) >= 2 and i + 1 < n and toks[i + 1].word == "·"
                and not any(ch in STOP_CHARS for ch in t.word)):
            i += 1
            continue
        _, j, e = _foreign_run(sc, i)
        s = t.start
        while s < t.end - 2 and text[s] not in tr and res.tag_table.get(text[s]) in FUNCTION_TAGS:
            s += 1  # 由彼得/nr·…: jieba glued a preposition to the name
        span = toks[i:j]
        i = j
        name = text[s:e]
        if len(name.replace("·", "")) < 2:
            continue
        in_dict = place_tag = False
        ok = True
        dotted = any(u.word in _JOINERS for u in span)
        # 布莱尔/nr, 舒马赫/nr: one dictionary word tagged as a person's name
        named = (len(span) == 1 and span[0].tag in PERSON_TAGS | {"nz"}
                 and res.tokenizer.FREQ.get(span[0].word, 0) < _COMMON_WORD_FREQ)
        for u in span:
            if len(u.word) >= 2 and u.tag != "x":
                in_dict = True
                if u.tag == "ns":
                    place_tag = True  # a name tagged ns: jieba is unsure; a role beside it decides
                elif u.tag not in PERSON_TAGS and u.tag != "nz" and not dotted:
                    ok = False  # 咖啡/n; but after a dot 买买提/n is a name
            if len(u.word) >= 2 and (u.word in res.roles or (u.word in res.known and not dotted
                                                             and (len(span) > 1 or not _between_cues(sc, s, e)))):
                ok = False  # 德国巴伐利亚: two known places, not one name; but 市长萨尔瓦多说 is a person
        if not ok or name in res.generic or name in pl.not_names or (
                name in res.known and not _between_cues(sc, s, e)):
            continue
        # 奥兰多市, 阿曼队, 凯旋门: a place or a team, not a person (but 国务卿 is a title)
        nxt = ctx.starts.get(e)
        if placed(sc, s, e) or (text.startswith(pl.not_after_foreign, e)
                                and (nxt is None or toks[nxt].word not in res.roles)):
            continue
        if nxt is not None and toks[nxt].tag == "x":
            # 奥兰|多市/x: jieba split the place name; its head is inside the next word
            w = toks[nxt].word
            k = _translit_prefix(w, tr)
            if 0 < k < len(w) and w.startswith(pl.not_after_foreign, k):
                continue
        if text.startswith(pl.regnal, e):
            e += 2  # 亨利八世
        right = sc.right_cue(e)
        prev = ctx.ends.get(s)
        cue = sc.left_cue(s) + right
        if prev is not None and toks[prev].word in pl.place_verbs and right < 2.0:
            if place_tag or not in_dict:
                continue  # 在新西伯利亚/ns: jieba's place after a place verb
            cue -= 2.0  # 在卢布尔雅那, 迁都内比都; but 在布莱尔首相……
        pts = min(len(name) - 2, 2) * 1.0 + cue + (1.0 if in_dict else 1.5) - (1.0 if place_tag else 0.0)
        if named:
            pts += 2.0  # jieba's dictionary knows it as a person (foreign places it knows are in the gazetteer)
        if dotted:
            pts += 4.0  # 玛丽·居里: a joiner inside a transliteration is a personal name
        if pts >= THRESHOLD:
            out.append((pts, s, e))
    return out


#: Tags of the words that make up a Japanese given name after the family name (佐藤/n 清/t 太郎/n).
_JAPANESE_GIVEN_TAGS: Final = frozenset({"x", "nr", "nrfg", "nrt", "nz", "n", "t"})


def _make_japanese_firsts(names: frozenset[str]) -> re.Pattern[str]:
    firsts = sorted({w[0] for w in names if w})
    return re.compile("[" + "".join(re.escape(c) for c in firsts) + "]" if firsts else "(?!)")


#: A pattern matching the first character of any family name, per family-name set.
_JAPANESE_FIRSTS: Final = TableMemo(_make_japanese_firsts)


def japanese_names(sc: _Scorer) -> list[tuple[float, int, int]]:
    """A Japanese family name, with the given name after it when there is one.

    The family name alone (佐藤首相) needs a role or a speech verb beside it;
    with a given name (佐藤一郎, 铃木惠子) any name context will do.
    """
    ctx, pl, res = sc.ctx, sc.pl, sc.res
    toks, text = ctx.tokens, sc.text
    out = []
    n = len(toks)
    # only a token opening on a family name's first character can hold one: a scan for those
    # characters in C visits them, in text order, instead of every token
    for m in _JAPANESE_FIRSTS.get(pl.japanese).finditer(text):
        i = ctx.starts.get(m.start(), -1)
        if i < 0:
            continue
        t = toks[i]
        w = t.word
        sur = w[:3] if w[:3] in pl.japanese else w[:2] if w[:2] in pl.japanese else ""
        if not sur:
            continue
        s, e = t.start, t.end
        if len(w) > len(sur):
            # 铃木惠子/nr: one word with the given name
            if len(w) - len(sur) > 3 or t.tag not in PERSON_TAGS | {"x", "n"}:
                continue
        else:
            j, given = i + 1, 0
            while j < n:
                u = toks[j]
                if (u.tag not in _JAPANESE_GIVEN_TAGS or given + len(u.word) > 3 or u.word in res.roles
                        or u.word in pl.titles or any(ch in STOP_CHARS for ch in u.word)
                        or not all("\u4e00" <= ch <= "\u9fff" for ch in u.word)):
                    break
                # a common noun or a time word only as a syllable or a given-name ending: 清/t 太郎/n
                if u.tag in ("n", "t") and len(u.word) > 1 and u.word[-1] not in pl.japanese_ends:
                    break
                given += len(u.word)
                j += 1
            if given and text[toks[j - 1].end - 1] in pl.japanese_ends:
                e = toks[j - 1].end
            elif w in res.known:
                continue  # 中江 alone is also a Chinese county
        cue = sc.left_cue(s) + sc.right_cue(e)
        if cue >= (0.0 if e - s > len(sur) else 2.0):
            out.append((THRESHOLD + cue, s, e))
    return out


#: Tags of the tokens a dotted name's other half may be made of (jieba tags unknown halves x, y or a).
_HALF_TAGS: Final = NAME_TAGS | {"ns", "y", "a", "v"}
_HALF_MAX: Final = 6


def _half(tok: Token, sc: _Scorer) -> bool:
    w = tok.word
    return (tok.tag in _HALF_TAGS and len(w) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in w)
            and w not in sc.res.roles and not any(ch in STOP_CHARS for ch in w))


def dotted_halves(sc: _Scorer, s: int, e: int) -> tuple[int, int]:
    """Widen a name found on one side of a · to the whole dotted name.

    The part before the dot reaches back to a role (总理甲乙·丙丁, 会长甲乙·丙丁 take 甲乙); the part
    after a dot ends at the first ordinary word (王储甲乙·丙丁戊|今天 takes 丙丁戊)."""
    ctx, text = sc.ctx, sc.text
    toks = ctx.tokens
    if ("·" in text[s:e] or text[s - 1:s] == "·") and sc.left_cue(s) < 2.5:
        j = sc.cover[s] - (2 if text[s - 1:s] == "·" else 1)
        k = j
        while k >= 0 and j - k < 2 and _half(toks[k], sc) and s - toks[k].start <= _HALF_MAX + 1:
            if sc.left_cue(toks[k].start) >= 2.5:
                s = toks[k].start
                break
            k -= 1
    if text[e:e + 1] == "·" and "·" not in text[s:e] and e + 1 in ctx.starts:
        k, end = ctx.starts[e + 1], e
        while k < len(toks) and _half(toks[k], sc) and toks[k].end - e - 1 <= _HALF_MAX:
            end = toks[k].end
            k += 1
        if end > e + 1:
            e = end
    return s, e
