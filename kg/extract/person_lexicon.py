"""Statistics for scoring personal names, built once from ``ontology/`` and jieba's dictionary.

Surname and given-name tiers (``surnames.tsv``, ``given_names.tsv``), cue words
(``person_cues.tsv``) and the transliteration table with its per-character
weights (``translit_chars.tsv``) used by :mod:`.persons`, :mod:`.foreign_persons`
and :mod:`.translit_runs`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Final, Protocol

from ..lexicon import Lexicon
from .table_memo import TableMemo

__all__ = ["PersonLexicon", "load_person_lexicon", "surname_starts"]

#: Share of transliterated names starting with a character below which none starts one (尔, 夫).
_NO_START_SHARE: Final = 0.03


@dataclass(frozen=True)
class PersonLexicon:
    """Statistics for scoring names, built once from the ontology and jieba's dictionary."""

    surname_tier: dict[str, int]
    given_tier: dict[str, int]
    translit: frozenset[str]
    standalone: dict[str, float]  # log10 frequency of a character as a word of its own in jieba's dictionary
    not_after_foreign: tuple[str, ...]  # 市, 队, 杯, 集团: a transliteration followed by these is not a person
    doctrines: tuple[str, ...]  # 理论, 主义: 达尔文主义 holds the name 达尔文
    place_verbs: frozenset[str]  # 在, 访问, 前往: a transliteration after these is a place
    not_names: frozenset[str] = frozenset()  # 卢布, 尼古丁: loanwords jieba tags as names
    regnal: tuple[str, ...] = ()  # 二世: part of the name before it
    not_final: frozenset[str] = frozenset()  # 证, 室, 型: end common nouns, never a given name
    trailing: frozenset[str] = frozenset()  # 作, 更, 于: a verb or adverb after the name
    titles: frozenset[str] = frozenset()  # 钢琴家, 夫人: occupations and relations beside a name
    intros: frozenset[str] = frozenset()  # 名叫: words that introduce a name
    japanese: frozenset[str] = frozenset()  # 佐藤, 铃木: Japanese family names
    japanese_ends: frozenset[str] = frozenset()  # 郎, 子, 介: last characters of Japanese given names
    weak_first: frozenset[str] = frozenset()  # 家: a first given-name character of family and village words
    translit_weight: dict[str, float] = field(default_factory=dict)  # 帕 0.74, 安 0.09: see translit_runs
    no_start: frozenset[str] = frozenset()  # 尔, 夫: never start a transliterated name
    end_odds: dict[str, float] = field(default_factory=dict)  # 夫 (389+1)/(5+1): a person, not a place, ends in it
    byline_roles: tuple[str, ...] = ()  # 记者, 通讯员: the media roles (roles.tsv) that open a byline
    byline_ends: tuple[str, ...] = ()  # 报道, 摄: what closes one
    anonymisers: tuple[str, ...] = ()  # 某某, 某: 刘某, longest first
    anonymiser_firsts: frozenset[str] = frozenset()  # 某: the first characters of the anonymisers
    anon_ordinals: frozenset[str] = frozenset()  # 甲, 乙: 张某甲 and 张某乙 are two parties
    elder_suffixes: frozenset[str] = frozenset()  # 老: 刘老
    familiar_prefixes: frozenset[str] = frozenset()  # 老, 小: 老张, 小李


class _WordFreq(Protocol):
    """jieba's ``Tokenizer.FREQ`` (a dict) or :class:`~.resources.DatTokenizer`'s C++ look-up."""

    def get(self, word: str, default: int, /) -> int: ...


def load_person_lexicon(lex: Lexicon, freq: _WordFreq) -> PersonLexicon:
    """``freq`` is jieba's word-frequency table (``Tokenizer.FREQ``)."""
    tiers: dict[str, int] = {}
    for kind in ("single", "compound"):
        for row in lex.rows("surnames", kind):
            tiers[row[0]] = int(row[1]) if len(row) > 1 and row[1].isdigit() else 2
    given = {r[0]: int(r[1]) if len(r) > 1 and r[1].isdigit() else 2 for r in lex.rows("given_names", "given")}
    translit = lex.rows("translit_chars", "translit")
    standalone = {ch: math.log10(freq.get(ch, 0) + 1) for ch in set(tiers) | set(given) if len(ch) == 1}
    return PersonLexicon(tiers, given, frozenset(lex.values("translit_chars", "translit")), standalone,
                         tuple(lex.values("translit_chars", "not_after")),
                         tuple(sorted(lex.values("roles", "doctrine"), key=len, reverse=True)),
                         frozenset(lex.values("translit_chars", "place_before")),
                         frozenset(lex.values("translit_chars", "not_name")),
                         tuple(lex.values("translit_chars", "regnal")),
                         frozenset(lex.values("given_names", "not_final")),
                         frozenset(lex.values("given_names", "trailing")),
                         frozenset(lex.values("person_cues", "title")),
                         frozenset(lex.values("person_cues", "intro")),
                         frozenset(lex.values("surnames", "japanese")),
                         frozenset(lex.values("given_names", "japanese_end")),
                         frozenset(lex.values("given_names", "weak_first")),
                         {r[0]: float(r[1]) for r in translit if len(r) > 1},
                         frozenset(r[0] for r in translit if len(r) > 2 and float(r[2]) < _NO_START_SHARE),
                         {r[0]: (int(r[3]) + 1) / (int(r[4]) + 1) for r in translit if len(r) > 4},
                         tuple(r[0] for r in lex.rows("roles", "role") if len(r) > 1 and r[1] == "media"),
                         tuple(lex.values("person_cues", "byline_end")),
                         tuple(sorted(lex.values("person_cues", "anonymiser"), key=len, reverse=True)),
                         frozenset(m[0] for m in lex.values("person_cues", "anonymiser") if m),
                         frozenset(lex.values("person_cues", "anon_ordinal")),
                         frozenset(lex.values("person_cues", "elder_suffix")),
                         frozenset(lex.values("person_cues", "familiar_prefix")))


def _make_surname_starts(tiers: dict[str, int]) -> tuple[re.Pattern[str], frozenset[str]]:
    firsts = sorted({k[0] for k in tiers if k})
    pat = re.compile("[" + "".join(re.escape(c) for c in firsts) + "]" if firsts else "(?!)")
    return pat, frozenset(k[0] for k in tiers if len(k) == 2)


_SURNAME_STARTS: Final = TableMemo(_make_surname_starts, sized=True)


def surname_starts(tiers: dict[str, int]) -> tuple[re.Pattern[str], frozenset[str]]:
    """A character class of every surname's first character, and the first characters of the
    compound surnames."""
    return _SURNAME_STARTS.get(tiers)
