"""Everything the extractor loads once: tokenizer, tags, automata, vocabularies.

Build it with :func:`load_resources` and pass it to :func:`kg.extract.extract_mentions`;
nothing is loaded at import time and nothing is global, so one process can
hold several configurations and a worker loads its own copy once.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

import jieba

from ..gazetteer import UPPER_LEVELS, Gazetteer, load_gazetteer
from ..lexicon import Lexicon, load_lexicon
from ..table_cache import TableCache
from .dat_tokenizer import DatTokenizer, dat_available, dat_identity
from .tag_table import LONGEST_WORD, TagTable

if TYPE_CHECKING:
    from .persons import PersonLexicon
    from .place_words import PlaceTables

__all__ = ["SEGMENTERS", "DatTokenizer", "ExtractorResources", "TagTable", "Token", "load_resources"]

#: jieba dictionary tags that never occur inside a name (function words, numerals, measure words).
FUNCTION_TAGS: Final = frozenset({"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "m", "q", "mq", "y", "e", "o",
                           "d", "f", "zg", "ad", "df", "dg"})


class Token(NamedTuple):  # a tuple: tens of thousands are made per second
    word: str
    start: int
    end: int
    tag: str  # jieba dictionary tag, "x" for unknown words


#: ``Token`` from a 4-tuple in C: a third faster than ``Token(...)``, which runs a Python-level ``__new__``.
new_token = partial(tuple.__new__, Token)


MAX_SUFFIX: Final = 8  # longer than any suffix in ontology/suffixes.tsv


def suffix_at(text: str, e: int, table: dict[str, str] | frozenset[str] | tuple[str, ...],
              longest: int = MAX_SUFFIX) -> str | None:
    """Longest suffix of ``text[:e]`` in ``table``: a few slice look-ups, never a scan of the table."""
    for k in range(min(longest, e), 0, -1):
        suf = text[e - k:e]
        if suf in table:
            return suf
    return None


class SuffixTable:
    """Suffix words of one kind, with what rules out most positions before any slice is taken."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self.ends = frozenset(w[-1] for w in self.words if w)
        self.longest = min(MAX_SUFFIX, max((len(w) for w in self.words), default=0))

    def at(self, text: str, e: int) -> str | None:
        """:func:`suffix_at` over this table, skipped where none of its words can end."""
        if e <= 0 or text[e - 1] not in self.ends:
            return None
        return suffix_at(text, e, self.words, self.longest)


@dataclass(frozen=True)
class ExtractorResources:
    lexicon: Lexicon
    gazetteer: Gazetteer
    tokenizer: jieba.Tokenizer | DatTokenizer
    #: The dictionary's tag of every word (``tag_table.get(word)``), in compact tables: see :class:`TagTable`.
    tag_table: TagTable
    #: Known names (gazetteer, world places, national bodies, campaigns): name -> (name, type, subtype, canonical).
    known: dict[str, tuple[str, str, str, str]]
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
    program_heads: tuple[str, ...]
    event_heads: tuple[str, ...]
    program_verbs: frozenset[str]
    #: ``known``'s names by their first two characters: their lengths.  :meth:`known_from` looks
    #: names up where they may start, ten times faster than an automaton scanning every character
    #: (its root has thousands of children, searched in turn).
    known_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: A bit per hashed pair of code points (:func:`_pair_bit`) set for every key of ``known_lengths``:
    #: most token starts begin no known name, and two ``ord`` reads and a bit test reject them
    #: before a two-character slice is made, hashed and looked up in the big table.  Empty: no filter.
    known_pairs: bytes = b""
    #: The same for a name's first two characters, length and last character (:func:`_end_bit`):
    #: nine in ten of the lengths a pair offers make no name there, and are rejected without the
    #: slice and the look-up in ``known``.  Empty: no filter.
    known_ends: bytes = b""
    person: PersonLexicon | None = None  # name statistics for kg.extract.persons
    places: PlaceTables | None = None  # place-name knowledge for kg.extract.places

    suffix_ends: frozenset[str] = frozenset()  # last characters of every place/org/event/programme suffix
    #: The organisation, event and programme suffixes as tables for the suffix scan of kg.extract.bodies.
    suffix_tables: tuple[tuple[str, SuffixTable], ...] = ()
    place_suffix_ends: frozenset[str] = frozenset()  # last characters of the place suffixes
    name_words: frozenset[str] = frozenset()  # verbs that are nouns inside names: 组织, 服务
    program_stops: frozenset[str] = frozenset()  # words a programme name never crosses: 创建, 入围
    abbreviations: frozenset[str] = frozenset()  # one-character place names: 中, 美, 巴, 以, 港, 澳
    abbreviation_heads: tuple[str, ...] = ()  # nouns after a run of them: 关系, 两国, 和谈
    visit_verbs: frozenset[str] = frozenset()  # 访|华, 抵|京
    visited: frozenset[str] = frozenset()
    place_brand_prefixes: tuple[str, ...] = ()  # 平安 + 城市名, 智慧 + 城市名
    not_suffix_words: frozenset[str] = frozenset()  # not_suffix as a set, for slice look-ups
    dict_tails: tuple[str, ...] = ()  # endings that make a jieba nt word a body: 部, 社, 组织
    team_heads: tuple[str, ...] = ()  # place + 队 / 女队 names a team
    body_prefixes: tuple[str, ...] = ()  # 中共 / 共青团 + a local committee
    member_words: frozenset[str] = frozenset()  # 外交部 + 长, 武警 + 官兵: a body's member after its name
    body_tails: tuple[str, ...] = ()  # 九三学社 + 中央
    termed_bodies: tuple[str, ...] = ()  # 第十届 + 全国人大
    team_cues: tuple[str, ...] = ()  # words of a match report: 比赛, 击败

    @property
    def segmenter(self) -> str:
        """Which tokenizer segments: ``"jieba"`` or ``"jieba_fast_dat"`` (same tokens, faster)."""
        return getattr(self.tokenizer, "name", "jieba")

    def known_from(self, text: str, starts: Iterable[int]) -> list[tuple[int, tuple[str, str, str, str]]]:
        """The ``known`` names that start at one of ``starts``, as ``known.iter(text)`` yields them.

        Pairs of (index of the last character, value), by end, the longer name
        first at the same end: the automaton's order, which rules may rely on.
        """
        lengths, table, n = self.known_lengths, self.known, len(text)
        pairs, ends = self.known_pairs, self.known_ends
        mask, ends_mask = len(pairs) * 8 - 1, len(ends) * 8 - 1
        found = []
        for s in starts:
            if s + 2 > n:
                continue  # every key of ``lengths`` has two characters
            first, second = ord(text[s]), ord(text[s + 1])
            if mask > 0:
                bit = _pair_bit(first, second) & mask
                if not (pairs[bit >> 3] >> (bit & 7)) & 1:
                    continue
            for k in lengths.get(text[s:s + 2], ()):
                if s + k > n:
                    break
                if k > 2 and ends_mask > 0:  # (a name of two characters is its pair: always there)
                    bit = _end_bit(first, second, k, ord(text[s + k - 1])) & ends_mask
                    if not (ends[bit >> 3] >> (bit & 7)) & 1:
                        continue
                value = table.get(text[s:s + k])
                if value is not None:
                    found.append((s + k - 1, value))
        found.sort(key=lambda m: (m[0], -len(m[1][0])))
        return found

    def tokens(self, text: str) -> list[Token]:
        """jieba's ``tokenize`` with tags.  :meth:`kg.extract.names.Context.build` makes the same
        tokens in its own loop (one pass over the words); a test keeps the two equal."""
        # Offsets from the running sum of word lengths, as jieba's tokenize does.
        table = self.tag_table
        out: list[Token] = []
        start = 0
        for word in self.tokenizer.lcut(text):
            end = start + len(word)
            out.append(new_token((word, start, end, table.tag(word))))
            start = end
        return out


def _pair_bit(first: int, second: int) -> int:
    """The filter bit of a pair of code points, before masking (small factors: no big ints)."""
    return first * 1021 + second


#: Bits of ``ExtractorResources.known_pairs``: 2**20 (128 KiB) keep false hits near 3 % for ~25,000 pairs.
_PAIR_BITS: Final = 1 << 20


def _end_bit(first: int, second: int, length: int, last: int) -> int:
    """The ``known_ends`` bit of a name, before masking: its first two code points, length and last."""
    return ((first * 1021 + second) * 131 + length) * 8191 + last


def _pair_filter(prefixes) -> bytes:
    bits = bytearray(_PAIR_BITS // 8)
    for p in prefixes:
        bit = _pair_bit(ord(p[0]), ord(p[1])) & (_PAIR_BITS - 1)
        bits[bit >> 3] |= 1 << (bit & 7)
    return bytes(bits)


def _end_filter(names) -> bytes:
    bits = bytearray(_PAIR_BITS // 8)
    for name in names:
        bit = _end_bit(ord(name[0]), ord(name[1]), len(name), ord(name[-1])) & (_PAIR_BITS - 1)
        bits[bit >> 3] |= 1 << (bit & 7)
    return bytes(bits)


def _read_tags(tokenizer: jieba.Tokenizer | DatTokenizer) -> tuple[dict[str, str], list[str]]:
    """The dictionary's tag of every word, and its words of two to four characters counted 100
    times or more, by decreasing order of magnitude of their counts (the first words ``TagTable``
    places), in one pass over its file."""
    # jieba.posseg runs at ~1/6 of lcut's speed; the dictionary's own tags,
    # looked up per token, give the coarse word class the rules need.
    tags: dict[str, str] = {}
    by_digits: list[list[str]] = [[] for _ in range(8)]  # by the number of digits of the count
    with tokenizer.get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 3:
                # one object per tag (a few dozen, not one per word): comparisons with the rules'
                # literals are identity checks, and the tags of all tokens share a few cache lines
                tags[parts[0]] = sys.intern(parts[2])
                if len(parts[1]) >= 3 and 2 <= len(parts[0]) <= LONGEST_WORD:
                    by_digits[min(len(parts[1]), 7)].append(parts[0])
    return tags, [w for words in reversed(by_digits) for w in words]


def _dictionary_tables(tok: jieba.Tokenizer | DatTokenizer, tables: TableCache, key: str) -> TagTable:
    """The dictionary's tags as a :class:`TagTable`: from ``tables`` under ``key`` when it holds
    them (a twentieth of the time), else read and built, then stored there."""
    entry = tables.load("tags", key) if key else None
    if entry is not None:
        try:
            return TagTable(parts=entry)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:  # not what this version stores
            logging.getLogger(__name__).debug("rebuilding the tag tables: %s", exc)
    tags, frequent = _read_tags(tok)
    table = TagTable(tags, frequent)
    if key:
        tables.store("tags", key, table.parts())
    return table


def _longest_first(words) -> tuple[str, ...]:
    """Affixes in the order rules try them: the longest first, so 女篮 is tried before 队."""
    return tuple(sorted(words, key=len, reverse=True))


#: Segmenters :func:`load_resources` can use; ``"auto"`` picks jieba_fast_dat when it is installed.
SEGMENTERS = ("auto", "jieba", "jieba_fast_dat")


def load_resources(ontology: Path | None = None, lexicon: Lexicon | None = None,
                   gazetteer: Gazetteer | None = None, segmenter: str = "auto",
                   tables: TableCache | None = None) -> ExtractorResources:
    """Load the tokenizer, dictionaries and automata (about a second; a fifth of it when
    ``tables`` holds what they derive from jieba's dictionary).

    ``segmenter`` (one of :data:`SEGMENTERS`) picks jieba itself or
    :class:`DatTokenizer`, which gives the same tokens faster; ``"auto"``
    uses the latter when ``jieba_fast_dat`` is installed.  The choice is
    ``ExtractorResources.segmenter``.  ``tables`` (default: the one the
    environment configures, :meth:`TableCache.from_env`) keeps the derived
    tables between runs; ``TableCache(None)`` derives them every time.
    """
    if segmenter not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {SEGMENTERS}, not {segmenter!r}")
    if segmenter == "jieba_fast_dat" and not dat_available():
        raise ImportError("segmenter 'jieba_fast_dat' needs the jieba-fast-dat package")
    if tables is None:
        tables = TableCache.from_env()
    lex = lexicon or load_lexicon(ontology)
    gaz = gazetteer or load_gazetteer(ontology, tables)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    base = jieba.Tokenizer()
    with base.get_dict_file() as fh:  # jieba's own dictionary, not the package's (traditional) one
        dictionary = fh.name
    # one key for what derives from the dictionary: hashing its 5 MB once
    key = tables.key(Path(dictionary), dat_identity()) if tables.enabled else ""
    tok: jieba.Tokenizer | DatTokenizer = base
    if segmenter == "jieba" or not dat_available():
        base.initialize()
    else:
        state = tables.load("dat", key) if key else None
        try:
            tok = DatTokenizer(dictionary, state)  # type: ignore[arg-type]
        except (TypeError, ValueError, IndexError):  # not what this version stores
            tok, state = DatTokenizer(dictionary), None
        if key and state is None:
            tables.store("dat", key, tok.state())
    tag_table = _dictionary_tables(tok, tables, key)

    known: dict[str, tuple[str, str, str, str]] = {}

    def add(name: str, value: tuple[str, str, str]) -> None:
        if len(name) >= 2 and name not in known:
            known[name] = (name, *value)

    # Order matters only for duplicates: national bodies and campaigns first.
    for name, canonical, kind in lex.rows("national_orgs", "org"):
        add(name, ("Organization", kind, canonical))
    for name, *_ in lex.rows("campaigns", "program"):
        add(name, ("Program", "", name))
    for name, *_ in lex.rows("campaigns", "event"):
        add(name, ("Event", "", name))
    for name, level in lex.rows("places_world", "place"):
        add(name, ("Place", level, name))
    top_levels = gaz.top_levels(UPPER_LEVELS)
    place_names = sorted(top_levels)  # gaz.names(UPPER_LEVELS)
    for name in place_names:
        add(name, ("Place", top_levels[name], name))
    by_prefix: dict[str, set[int]] = {}
    for name in known:
        by_prefix.setdefault(name[:2], set()).add(len(name))

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
    from .place_words import load_place_tables  # so does place_words

    return ExtractorResources(
        person=load_person_lexicon(lex, tok.FREQ),
        places=load_place_tables(lex, gaz, tag_table, place_names),
        lexicon=lex,
        gazetteer=gaz,
        tokenizer=tok,
        known=known,
        known_lengths={prefix: tuple(sorted(ns)) for prefix, ns in by_prefix.items()},
        known_pairs=_pair_filter(by_prefix),
        known_ends=_end_filter(known),
        tag_table=tag_table,
        surnames=frozenset(lex.values("surnames", "single")),
        compound_surnames=frozenset(lex.values("surnames", "compound")),
        roles={r[0]: (r[1] if len(r) > 1 else "") for r in lex.rows("roles", "role")},
        speech=frozenset(lex.values("roles", "speech")),
        honorifics=_longest_first(lex.values("roles", "honorific")),
        generic=frozenset(lex.values("stopwords", "generic")),
        prefixes=_longest_first(lex.values("stopwords", "prefix")),
        concepts=frozenset(lex.values("stopwords", "concept")),
        place_suffix={r[0]: r[1] for r in lex.rows("suffixes", "place")},
        org_suffix={r[0]: r[1] for r in lex.rows("suffixes", "org")},
        weak_suffix=frozenset(r[0] for r in lex.rows("suffixes", "org") if len(r) > 2 and r[2] == "weak"),
        not_suffix=tuple(lex.values("stopwords", "not_suffix")),
        program_heads=_longest_first(lex.values("suffixes", "program_head")),
        event_heads=_longest_first(lex.values("suffixes", "event_head")),
        program_verbs=frozenset(lex.values("suffixes", "program_verb")),
        suffix_ends=frozenset(s[-1] for kind in ("place", "org", "event", "program_suffix")
                              for s in lex.values("suffixes", kind)),
        place_suffix_ends=frozenset(s[-1] for s in lex.values("suffixes", "place")),
        suffix_tables=(("Organization", SuffixTable(r[0] for r in lex.rows("suffixes", "org"))),
                       ("Event", SuffixTable(lex.values("suffixes", "event"))),
                       ("Program", SuffixTable(lex.values("suffixes", "program_suffix")))),
        name_words=frozenset(lex.values("suffixes", "name_word")),
        program_stops=frozenset(lex.values("suffixes", "program_stop")),
        abbreviations=frozenset(lex.values("places_world", "abbr")),
        abbreviation_heads=_longest_first(lex.values("places_world", "abbr_head")),
        visit_verbs=frozenset(lex.values("places_world", "abbr_visit")),
        visited=frozenset(lex.values("places_world", "abbr_visited")),
        place_brand_prefixes=tuple(lex.values("campaigns", "place_brand")),
        not_suffix_words=frozenset(lex.values("stopwords", "not_suffix")),
        dict_tails=tuple(lex.values("suffixes", "dict_tail")),
        team_heads=_longest_first(lex.values("suffixes", "team_head")),
        body_prefixes=tuple(lex.values("org_aliases", "body_prefix")),
        member_words=frozenset(lex.values("suffixes", "member")),
        body_tails=tuple(lex.values("org_aliases", "body_tail")),
        termed_bodies=tuple(lex.values("org_aliases", "termed")),
        team_cues=tuple(lex.values("suffixes", "team_cue")),
    )
