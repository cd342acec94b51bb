"""Everything the extractor loads once: tokenizer, tags, automata, vocabularies.

Build it with :func:`load_resources` and pass it to :func:`kg.extract.extract_mentions`;
nothing is loaded at import time and nothing is global, so one process can
hold several configurations and a worker loads its own copy once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import ahocorasick
import jieba

from ..gazetteer import UPPER_LEVELS, Gazetteer, load_gazetteer
from ..lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    from .persons import PersonLexicon

__all__ = ["ExtractorResources", "load_resources", "Token"]

#: jieba dictionary tags that never occur inside a name (function words, numerals, measure words).
FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "m", "q", "mq", "y", "e", "o",
                           "d", "f", "zg", "ad", "df", "dg"})


class Token(NamedTuple):  # a tuple: tens of thousands are made per second
    word: str
    start: int
    end: int
    tag: str  # jieba dictionary tag, "x" for unknown words


@dataclass(frozen=True)
class ExtractorResources:
    lexicon: Lexicon
    gazetteer: Gazetteer
    tokenizer: jieba.Tokenizer
    tags: dict[str, str]
    known: ahocorasick.Automaton  # value: (type, subtype, canonical)
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    roles: dict[str, str]
    speech: frozenset[str]
    honorifics: tuple[str, ...]
    generic: frozenset[str]
    prefixes: tuple[str, ...]
    concepts: frozenset[str]
    place_suffix: dict[str, str]
    org_suffix: dict[str, str]
    weak_suffix: frozenset[str]
    not_suffix: tuple[str, ...]
    event_suffix: frozenset[str]
    program_heads: tuple[str, ...]
    event_heads: tuple[str, ...]
    program_verbs: frozenset[str]
    program_suffix: tuple[str, ...]
    person: PersonLexicon | None = None  # name statistics for kg.extract.persons

    suffix_ends: frozenset[str] = frozenset()  # last characters of every place/org/event/programme suffix
    place_suffix_ends: frozenset[str] = frozenset()  # last characters of the place suffixes
    name_words: frozenset[str] = frozenset()  # verbs that are nouns inside names: 组织, 服务
    program_stops: frozenset[str] = frozenset()  # words a programme name never crosses: 创建, 入围
    abbreviations: frozenset[str] = frozenset()  # one-character place names: 中, 美, 巴, 以, 港, 澳
    abbreviation_heads: tuple[str, ...] = ()  # nouns after a run of them: 关系, 两国, 和谈
    visit_verbs: frozenset[str] = frozenset()  # 访|华, 抵|京
    visited: frozenset[str] = frozenset()
    place_brand_prefixes: tuple[str, ...] = ()  # 平安 + 株洲, 智慧 + 城市名
    not_suffix_words: frozenset[str] = frozenset()  # not_suffix as a set, for slice look-ups

    def tokens(self, text: str) -> list[Token]:
        get = self.tags.get
        return [Token(word, start, end, get(word, "x")) for word, start, end in self.tokenizer.tokenize(text)]


def _read_tags(tokenizer: jieba.Tokenizer) -> dict[str, str]:
    # jieba.posseg runs at ~1/6 of lcut's speed; the dictionary's own tags,
    # looked up per token, give the coarse word class the rules need.
    tags: dict[str, str] = {}
    with tokenizer.get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 3:
                tags[parts[0]] = parts[2]
    return tags


def load_resources(ontology: Path | None = None, lexicon: Lexicon | None = None,
                   gazetteer: Gazetteer | None = None) -> ExtractorResources:
    """Load the tokenizer, dictionaries and automata (about a second)."""
    lex = lexicon or load_lexicon(ontology)
    gaz = gazetteer or load_gazetteer(ontology)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    tags = _read_tags(tok)

    known = ahocorasick.Automaton()

    def add(name: str, value: tuple[str, str, str]) -> None:
        if len(name) >= 2 and name not in known:
            known.add_word(name, (name, *value))

    # Order matters only for duplicates: national bodies and campaigns first.
    for name, canonical, kind in lex.rows("national_orgs", "org"):
        add(name, ("Organization", kind, canonical))
    for name, *_ in lex.rows("campaigns", "program"):
        add(name, ("Program", "", name))
    for name, *_ in lex.rows("campaigns", "event"):
        add(name, ("Event", "", name))
    for name, level in lex.rows("places_world", "place"):
        add(name, ("Place", level, name))
    for name in gaz.names(UPPER_LEVELS):
        divs = gaz.lookup(name, UPPER_LEVELS)
        add(name, ("Place", divs[0].level if divs else "", name))
    known.make_automaton()

    # Suffix words become tokens so a suffix ends on a token boundary.
    for table in ("place", "org", "event"):
        for suffix, *_ in lex.rows("suffixes", table):
            if len(suffix) >= 2:
                tok.add_word(suffix, 2000)
    for row in lex.rows("campaigns", "program"):
        tok.add_word(row[0], 5000)
    for row in lex.rows("roles", "role"):
        tok.add_word(row[0], 3000)

    from .persons import load_person_lexicon  # persons imports this module

    return ExtractorResources(
        person=load_person_lexicon(lex, tok.FREQ),
        lexicon=lex,
        gazetteer=gaz,
        tokenizer=tok,
        tags=tags,
        known=known,
        surnames=frozenset(lex.values("surnames", "single")),
        compound_surnames=frozenset(lex.values("surnames", "compound")),
        roles={r[0]: (r[1] if len(r) > 1 else "") for r in lex.rows("roles", "role")},
        speech=frozenset(lex.values("roles", "speech")),
        honorifics=tuple(sorted(lex.values("roles", "honorific"), key=len, reverse=True)),
        generic=frozenset(lex.values("stopwords", "generic")),
        prefixes=tuple(sorted(lex.values("stopwords", "prefix"), key=len, reverse=True)),
        concepts=frozenset(lex.values("stopwords", "concept")),
        place_suffix={r[0]: r[1] for r in lex.rows("suffixes", "place")},
        org_suffix={r[0]: r[1] for r in lex.rows("suffixes", "org")},
        weak_suffix=frozenset(r[0] for r in lex.rows("suffixes", "org") if len(r) > 2 and r[2] == "weak"),
        not_suffix=tuple(lex.values("stopwords", "not_suffix")),
        event_suffix=frozenset(lex.values("suffixes", "event")),
        program_heads=tuple(sorted(lex.values("suffixes", "program_head"), key=len, reverse=True)),
        event_heads=tuple(sorted(lex.values("suffixes", "event_head"), key=len, reverse=True)),
        program_verbs=frozenset(lex.values("suffixes", "program_verb")),
        program_suffix=tuple(sorted(lex.values("suffixes", "program_suffix"), key=len, reverse=True)),
        suffix_ends=frozenset(s[-1] for kind in ("place", "org", "event", "program_suffix")
                              for s in lex.values("suffixes", kind)),
        place_suffix_ends=frozenset(s[-1] for s in lex.values("suffixes", "place")),
        name_words=frozenset(lex.values("suffixes", "name_word")),
        program_stops=frozenset(lex.values("suffixes", "program_stop")),
        abbreviations=frozenset(lex.values("places_world", "abbr")),
        abbreviation_heads=tuple(sorted(lex.values("places_world", "abbr_head"), key=len, reverse=True)),
        visit_verbs=frozenset(lex.values("places_world", "abbr_visit")),
        visited=frozenset(lex.values("places_world", "abbr_visited")),
        place_brand_prefixes=tuple(lex.values("campaigns", "place_brand")),
        not_suffix_words=frozenset(lex.values("stopwords", "not_suffix")),
    )
