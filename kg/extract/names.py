"""Shared pieces of the name rules: candidates, per-text context, suffix tests, lexicon look-up.

Names are found from their right end: a suffix from ``ontology/suffixes.tsv``
(社区, 人民法院, 会议 …) ending on a jieba token boundary.  Places live in
:mod:`.places`; organisations, events and suffix-named programmes in :mod:`.bodies`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, final

from .resources import MAX_SUFFIX, ExtractorResources, Token, new_token, suffix_at

__all__ = ["COMMON_STEM_TAGS", "HAN", "PUNCT", "Candidate", "Context", "alternation", "char_class", "known_names", "suffix_at",
           "suffix_ok"]

_COMMITTEE_ROLES: Final = ("书记", "副书记", "常委", "委员")
_CPC: Final = re.compile("中共")
HAN: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
PUNCT: Final = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9·]")
#: Tags of words that are common vocabulary first (合作, 发展), never a place stem on their own.
COMMON_STEM_TAGS: Final = frozenset({"v", "vn", "vd", "a", "ad", "an", "d", "m", "p", "c", "r", "t", "f", "l", "i"})


@final
class Candidate:
    """A proposed span: what the dataclass ``Candidate(frozen=True)`` was, as a plain class.

    Rules make tens of thousands a second; mypyc compiles this ``__init__``, while a
    dataclass's generated one runs in the interpreter (1-2 % of extraction under perf).
    Equality and hash are the dataclass's (its fields as a tuple); fields are never
    reassigned (``Final``).
    """

    def __init__(self, start: int, end: int, type: str, subtype: str, rule: str, priority: int = 0) -> None:
        self.start: Final = start
        self.end: Final = end
        self.type: Final = type
        self.subtype: Final = subtype
        self.rule: Final = rule
        self.priority: Final = priority  # breaks ties between candidates of equal length

    def _key(self) -> tuple[int, int, str, str, str, int]:
        return self.start, self.end, self.type, self.subtype, self.rule, self.priority

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Candidate) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Candidate(start={self.start!r}, end={self.end!r}, type={self.type!r}, subtype={self.subtype!r}, "
                f"rule={self.rule!r}, priority={self.priority!r})")


class Context:
    """Per-text state shared by the rules: tokens and their boundaries.

    A plain class (it was a dataclass): mypyc compiles this ``__init__``, a dataclass's runs interpreted.
    """

    text: str
    tokens: list[Token]
    starts: dict[int, int]  # token start offset -> token index
    ends: dict[int, int]  # token end offset -> token index
    #: Offsets inside a word jieba guessed (tag x) where a suffix may end:
    #: “市交通运输局共治理” (any city) is tokenised 市/交通运输/局共/治理.
    soft_ends: dict[int, int]
    #: Token index covering each character (jieba's tokens cover the text without gaps).
    cover: list[int]
    #: Indices of the words of two or more characters that jieba guessed (tag x): new words, often names.
    guessed: list[int]

    def __init__(self, text: str, tokens: list[Token], starts: dict[int, int], ends: dict[int, int],
                 soft_ends: dict[int, int], cover: list[int] | None = None, guessed: list[int] | None = None) -> None:
        self.text = text
        self.tokens = tokens
        self.starts = starts
        self.ends = ends
        self.soft_ends = soft_ends
        self.cover = [] if cover is None else cover
        self.guessed = [] if guessed is None else guessed

    @classmethod
    def build(cls, text: str, res: ExtractorResources) -> Context:
        toks: list[Token] = []
        soft: dict[int, int] = {}
        guessed: list[int] = []
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        cover: list[int] = []
        last, roles, org_suffix = res.suffix_ends, res.roles, res.org_suffix
        table = res.tag_table
        # One pass makes the tokens (as res.tokens does) and fills every table: the words are read once per text.
        ts = 0
        for i, w in enumerate(res.tokenizer.lcut(text)):
            te = ts + len(w)
            tag = table.tag(w)
            toks.append(new_token((w, ts, te, tag)))
            starts[ts] = i
            ends[te] = i
            if te - ts == 1:
                cover.append(i)
            else:
                cover.extend([i] * (te - ts))
            if len(w) > 3 and w[1] == "委" and w[2:].endswith(_COMMITTEE_ROLES):
                soft[ts + 2] = i  # 县委|书记, 省委|常委: the committee is a body
            elif len(w) > 3 and w[-2:] in roles and (w[:2] in org_suffix or w[:3] in org_suffix):
                # 协会|会长/n, 银行|行长/n: a suffix fused with its head still ends a body
                k = 2 if w[:2] in org_suffix and w[2:] in roles else 3
                if w[k:] in roles:
                    soft[ts + k] = i
            elif tag == "x" and len(w) > 1:
                guessed.append(i)
                for k in range(ts + 1, te):
                    # not inside a title: 队|长, 局|长, 委|员
                    if text[k - 1] in last and text[k] not in "长员":
                        soft[k] = i
            ts = te
        # Context(...), not cls(...): a compiled class's constructor called natively, not through type()
        return Context(text, toks, starts, ends, soft, cover, guessed)

    def token_ending(self, e: int) -> Token:
        """The token that ends at ``e``; at a soft end, its part before ``e``."""
        i = self.ends.get(e)
        if i is not None:
            return self.tokens[i]
        t = self.tokens[self.soft_ends[e]]
        return Token(self.text[t.start:e], t.start, e, "x")


def known_names(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """Gazetteer places, world places, national bodies and campaigns."""
    out = []
    # Only names that start on a token, or after 中共 on one, can pass the tests below.
    after = [m.end() for m in _CPC.finditer(ctx.text) if m.start() in ctx.starts] if "中共" in ctx.text else []
    for end_idx, (name, typ, sub, _canon) in res.known_from(ctx.text, {*ctx.starts, *after} if after else ctx.starts):
        s, e = end_idx - len(name) + 1, end_idx + 1
        # “东方” inside 东方红 is not 东方市: the match must start on a token
        # boundary, and short names must end on one too.
        if typ == "Organization" and ctx.text.startswith("中共", s - 2) and s - 2 in ctx.starts:
            s -= 2  # 中共 + 中央组织部
        if s not in ctx.starts:
            continue
        if typ == "Organization" and e not in ctx.ends:
            # 民政部 inside 民政部门 is no body, but 外交部 in 外交部长, 武警 in 武警官兵 and
            # 人大 in 人大代表 are: the rest of the word is a member of the body.
            i = ctx.starts[s]
            while ctx.tokens[i].end < e:  # the word the name ends inside: 全国|人大代表
                i += 1
            rest = ctx.text[e:ctx.tokens[i].end]
            if rest not in res.member_words and rest not in res.body_tails:
                continue
        elif e not in ctx.ends and len(name) < 3 and not (typ == "Place" and (
                ctx.tokens[ctx.starts[s]].tag in ("nt", "ns") or ctx.tokens[ctx.starts[s]].word == name + "人")):
            continue  # ... but 美国 opens the name 美国政府/nt
        if name in res.generic:
            continue
        if typ == "Place" and len(name) == 2 and res.tag_table.get(name, "ns") in COMMON_STEM_TAGS \
                and res.tokenizer.FREQ.get(name, 0) >= 2000:
            continue  # 合作 (合作市) and 东方 (东方市) are common words first
        if typ == "Program" and ctx.text.startswith("行动", e):
            e += 2  # 交通问题顽瘴痼疾集中整治 + 行动
        out.append(Candidate(s, e, typ, sub, "known", 1))
    return out


def suffix_ok(ctx: Context, e: int, suf: str, res: ExtractorResources) -> bool:
    """A one-character suffix inside a common two-character word is not a suffix: 格局, 小区, 城区."""
    tok = ctx.token_ending(e)
    words = res.not_suffix_words
    if any(ctx.text[e - k:e] in words for k in range(len(suf) + 1, min(e, MAX_SUFFIX) + 1)):
        return False
    if len(suf) > 1 or tok.word == suf:
        return True
    if tok.word[:1] in ("市", "区", "县", "省", "州"):  # 市委, 县委
        return True
    # ... unless the two-character word is rare: 溇|口区 is a misprinted 渌口区, 小区 is a word.
    return len(tok.word) >= 3 or tok.tag in ("nt", "j", "x") or res.tokenizer.FREQ.get(tok.word, 0) < 10


@lru_cache(maxsize=8)
def char_class(chars: frozenset[str]) -> str:
    return "[" + "".join(sorted(re.escape(c) for c in chars)) + "]"


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternative of ``words``, in their order (give them longest first: 国际机场 before 机场)."""
    return "|".join(map(re.escape, words))


@lru_cache(maxsize=16)
def words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Any of ``words``, compiled once per table: the suffix words rules search for before reading leftwards."""
    return re.compile(alternation(words))
