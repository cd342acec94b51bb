"""Foreign personal names found character by character: 加拉斯, 瓦拉纳通加, 卡内 (in 卡内于).

jieba cuts many transliterations into pieces (厄普/nrt 斯坦/nr, 斯普林/nr 格/n),
tags them as places (加拉斯/ns) or glues the next word on (卡内率/x), so
:mod:`.foreign_persons`, which works on whole tokens, misses them.  Here a
run of characters from ``ontology/translit_chars.tsv`` is scored by how
transliteration-like its characters are: each row's weight is the share of
jieba dictionary words holding the character that are transliterated names
(帕 0.74, 斯 0.63, 安 0.09), so 保安 scores low and 帕斯捷尔纳克 high.
A run never starts with a character that never starts a name (尔, 夫).

The run must start where a token starts and end where one ends, or inside a
word jieba guessed (tag x); it stops before an ordinary dictionary word
(布莱尔|特别 …).  A known place, a word after it that makes it a place or a
team (奥兰多市, 阿曼队), a place head at its end or a dateline after it
(古吉拉特邦, 某地5月27日电) or a place verb before it (在, 访问) rule it out;
its last character's odds of ending a person rather than a place in jieba's
dictionary (夫, 斯基 vs 亚, 南) count for or against it, and so do a role, a
speech verb or list punctuation beside it, as for Chinese names.  Its score is
capped so that on an overlap the token-based and Chinese scorers win.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Final

from .foreign_persons import NAME_TAGS, PERSON_TAGS, THRESHOLD, glued, placed
from .scans import sparse_finditer
from .table_memo import TableMemo

if TYPE_CHECKING:
    from .persons import _Scorer

__all__ = ["translit_runs"]

#: Weight at which a character is as likely in a transliteration as elsewhere; below it counts against.
_NEUTRAL_WEIGHT: Final = 0.2
_MAX_RUN: Final = 8
_JOINERS: Final = ("·", "—")
#: Points a run needs: its characters' log-odds, the ending's and the context's.
_THRESHOLD: Final = 1.0
_PERSON_TAGS: Final = PERSON_TAGS | {"ns"}  # jieba tags many foreign persons as places (加拉斯/ns)
#: jieba frequency from which a word inside a run is ordinary vocabulary, not a syllable group (特别, 安排).
_ORDINARY_FREQ: Final = 50
#: log of the dictionary's odds of persons over places among transliterations (about 7:1 once the
#: places of a gazetteer are set aside); an ending this much more frequent in persons counts for nothing.
_PERSON_PRIOR: Final = 2.0


def _char_points(w: float) -> float:
    """Log-odds of one character: 帕 +1.3, 加 0, 安 -0.8, 保 -2.3."""
    return math.log(max(w, 0.02) / _NEUTRAL_WEIGHT)


def _make_run_re(weight: dict[str, float]) -> tuple[re.Pattern[str], dict[str, float]]:
    """Maximal runs of two or more transliteration characters, and :func:`_char_points` of every character."""
    chars = sorted(k for k in weight if len(k) == 1)
    pat = re.compile("[" + "".join(re.escape(c) for c in chars) + "]{2,}" if chars else "(?!)")
    return pat, {k: _char_points(w) for k, w in weight.items()}


_RUN_RES: Final = TableMemo(_make_run_re, sized=True)


def translit_runs(sc: _Scorer) -> list[tuple[float, int, int]]:
    ctx, res, pl = sc.ctx, sc.res, sc.pl
    text, toks, cover = ctx.text, ctx.tokens, sc.cover
    weight, no_start = pl.translit_weight, pl.no_start
    freq = res.tokenizer.FREQ
    out = []
    # every maximal run of two or more transliteration characters, found by one regex scan
    runs, points = _RUN_RES.get(weight)
    for m in sparse_finditer(runs, text):
        s, run_end = m.span()
        # the first character of a name: at a token start, or after a function word jieba glued to it
        # in a word it guessed (由彼得/x); not after a surname (卓|科林/x) or a prefix (圣|莫里茨)
        t0 = toks[cover[s]]
        if (t0.start != s and not (t0.tag == "x" and glued(text[t0.start:s], res))) or text[s] in no_start:
            continue
        if len(t0.word) >= 2 and t0.start == s and t0.word in res.known:
            continue  # 伊拉克巴格达: the run opens with a known place
        best = None
        pts = 0.0
        for e in range(s + 1, min(run_end, s + _MAX_RUN) + 1):
            pts += points[text[e - 1]]
            t = toks[cover[e - 1]]
            if len(t.word) >= 2 and t.tag not in NAME_TAGS and t.tag != "ns" and freq.get(t.word, 0) >= _ORDINARY_FREQ:
                break  # 布莱尔|特别, 保|安排: an ordinary word
            if e - s < 2 or (t.end != e and not (t.tag == "x" and glued(text[e:t.end], res))):
                continue  # 卡内率/x, 卡内于/x end inside the word; 维克|金/x does not
            best = (pts, e)  # the longest run: 科萨利安, not 科萨利 (安 is a weak character)
        if best is None:
            continue
        pts, e = best
        name = text[s:e]
        if text[s - 1:s] in _JOINERS or text[e:e + 1] in _JOINERS or text.startswith(pl.regnal, e):
            continue  # 玛丽·居里, 亨利四世: whole names for foreign_persons, not their parts
        if name in res.known or name in res.generic or name in pl.not_names or name in res.roles:
            continue
        if res.tag_table.get(name, "nr") not in _PERSON_TAGS and freq.get(name, 0) >= _ORDINARY_FREQ:
            continue  # 奇特/nz, 比赛/vn: an ordinary word
        nxt = ctx.starts.get(e)
        if placed(sc, s, e) or (text.startswith(pl.not_after_foreign, e)
                                and (nxt is None or toks[nxt].word not in res.roles)):
            continue  # 奥兰多市, 阿曼队
        right = sc.right_cue(e)
        left = sc.left_cue(s)
        prev = ctx.ends.get(s)
        if prev is not None and toks[prev].word in pl.place_verbs and right < 2.0:
            continue  # 在卢布尔雅那, 城市普罗夫迪夫
        # 亚, 邦, 南 end places (罗马尼亚, 古吉拉特邦), 夫, 斯基, 森 persons: the last character's odds in
        # jieba's dictionary, against the odds at which the dictionary holds persons over places at all
        end_pts = min(max(math.log(pl.end_odds.get(text[e - 1], 1.0)) - _PERSON_PRIOR, -2.5), 0.5)
        score = pts + end_pts + min(e - s - 2, 2) * 0.5 + left + right
        if score >= _THRESHOLD:
            # weaker evidence than a whole token or a Chinese name: on an overlap those win (卓|科林),
            # unless the run ends inside a word jieba guessed, where they stop short (莫拉莱|斯于/x)
            inside = ctx.ends.get(e) is None
            out.append((THRESHOLD + min(score - _THRESHOLD, 2.5 if inside else 1.0), s, e))
    return out
