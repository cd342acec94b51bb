"""Places: gazetteer and suffix-named places (X社区, X村, X镇) and one-character newswire abbreviations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Final

from .names import (
    COMMON_STEM_TAGS,
    HAN,
    PUNCT,
    Candidate,
    Context,
    char_class,
    suffix_at,
    suffix_ok,
)
from .listed_places import dateline_places, listed_places
from .place_words import PlaceTables, bare_places, is_place, load_place_tables
from .resources import ExtractorResources
from .scans import char_scan, sparse_finditer

__all__ = ["PlaceTables", "abbreviated_places", "bare_places", "echoed_countries", "load_place_tables", "place_names",
           "without_place_terms", "without_split_runs"]



#: Conjunctions, prepositions and particles: a one-character one never opens a village name.
_JOINING_TAGS: Final = frozenset({"c", "p", "u", "uj", "ul", "uz", "ud", "ug", "uv"})
_NUMERALS: Final = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十百千万两几")
#: Tags of tokens that can make up a place stem the national table does not know
#: (翠苑/x 社区, 枫桥/n 镇); verbs, adjectives and time words cannot (发展社区, 去年村).
_STEM_TAGS: Final = frozenset({"x", "ns", "nr", "nrt", "nrfg", "nz", "zg", "ng", "j", "n", "nt", "eng"})
_UPPER_SUFFIXES: Final = frozenset({"市", "省", "自治区", "地区", "盟", "特别行政区"})
#: Kinds of known place whose name may hold an area word and still be cut before it (中东地区 -> 中东).
_AREA_KINDS: Final = frozenset({"region", "feature", "river"})


@lru_cache(maxsize=8)
def _abbreviation_patterns(abbr: frozenset[str], verbs: frozenset[str], visited: frozenset[str],
                           solo: frozenset[str]) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """Runs of names (中美), a visited one (访华), lists (英、法), and the first characters of the tokens
    the token rules read (an abbreviation or a solo name)."""
    # A pattern that opens on a character class is scanned fast for that class; one that opens on a
    # look-behind is tried at every position.  So the look-behind comes after the first character:
    # (?<!A)A{2,3} as A(?<!AA)A{1,2}, (?<=V)W as W(?<=VW), with the same matches.
    a, v, w = char_class(abbr), char_class(verbs), char_class(visited)
    return (re.compile(f"{a}(?<!{a}{a}){a}{{1,2}}"),
            re.compile(f"{w}(?<={v}{w})"),
            re.compile(f"{a}(?:、{a})+"),
            re.compile(char_class(abbr | solo) if abbr or solo else "(?!)"))  # an empty class matches nothing


#: Common words made of a one-character place name and 方 (“side”): 西方 is the West, 比方 an example.
_NOT_SIDES: Final = frozenset({"西方", "比方", "土方", "古方", "老方", "丹方", "新方", "地方", "对方", "越方"})


def abbreviated_places(ctx: Context, res: ExtractorResources) -> list[Candidate]:
    """One-character place names of newswire: 中美关系, 巴以和谈, 港澳同胞, 访华, 抵京, 中方, 英、法两国."""
    text = ctx.text
    out: list[Candidate] = []
    tables = res.places
    runs, visits, listed, heads = _abbreviation_patterns(res.abbreviations, res.visit_verbs, res.visited,
                                                         tables.solo if tables else frozenset())
    freq = res.tokenizer.FREQ
    for m in sparse_finditer(runs, text):
        i, j = m.span()
        if i not in ctx.starts:
            continue
        run = m.group()
        if tables and len(run) == 3 and j not in ctx.ends and (j - 1) in ctx.ends:
            run, j = run[:2], j - 1  # 中|美|加强合作: the third character opens the next word
        if text.startswith(res.abbreviation_heads, j) and (
                run not in res.known or (tables and text.startswith(tables.relation_heads, j))):
            out.extend(Candidate(k, k + 1, "Place", "abbreviation", "abbreviation", 1) for k in range(i, j))
        elif tables and j in ctx.ends and _country_run(ctx, res, tables, run, i, j):
            out.extend(Candidate(k, k + 1, "Place", "abbreviation", "abbreviation-pair", 1) for k in range(i, j))
    for m in sparse_finditer(visits, text):
        k = m.start()
        # 在华期间 / 抵京 but not 在美丽的, 在港口, 现在华为: no word with either neighbour.
        # A dictionary word of verb and name (访华, 侵华, 进京) wins over the right neighbour: 访华|能.
        if (not freq.get(text[k:k + 2]) or freq.get(text[k - 1:k + 1])) and not freq.get(text[k - 2:k]) \
                and (k - 1) in ctx.starts:
            out.append(Candidate(k, k + 1, "Place", "abbreviation", "abbreviation-visit", 1))
    for m in sparse_finditer(listed, text):
        # 英、法两国 / 中、英、德、法不同版本: each name stands alone between 、 (its own token,
        # or before a head noun), and the list does not continue a word: 大中、小学 is no list.
        i, j = m.span()
        if i not in ctx.starts or (j not in ctx.ends and not text.startswith(res.abbreviation_heads, j)):
            continue
        out.extend(Candidate(k, k + 1, "Place", "abbreviation", "abbreviation-list", 1) for k in range(i, j, 2))
    # Every branch below needs a token opening on one of these characters: a scan for them in C
    # visits those tokens only, in the same order, instead of every token.
    for m in heads.finditer(text):
        k = ctx.starts.get(m.start(), -1)
        if k < 0:
            continue
        t = ctx.tokens[k]
        # 中方, 美方, 日方: the Chinese, American, Japanese side
        w = t.word
        if len(w) == 2 and w[1] == "方" and w[0] in res.abbreviations and w not in _NOT_SIDES:
            out.append(Candidate(t.start, t.start + 1, "Place", "abbreviation", "abbreviation-side", 1))
        elif tables and w[0] in tables.solo and (len(w) == 1 or freq.get(w[1:])):  # 俄|经济, 俄总统/n
            out.append(Candidate(t.start, t.start + 1, "Place", "abbreviation", "abbreviation-solo", 1))
        elif (tables and len(w) == 1 and w in res.abbreviations and t.tag in ("ns", "j")
              and k + 1 < len(ctx.tokens) and ctx.tokens[k + 1].word in tables.state_heads):
            out.append(Candidate(t.start, t.end, "Place", "abbreviation", "abbreviation-state", 1))
    if tables:
        for end_idx, (word, spans) in tables.compounds.iter(text):
            s = end_idx - len(word) + 1
            # 中医 but not 集中|医疗; after a place jieba glued on, too: 悉尼奥运会/nz
            if s in ctx.starts or any(s - k in ctx.starts and is_place(res, text[s - k:s]) for k in (2, 3, 4)):
                out.extend(Candidate(s + o, s + o + n, "Place", "abbreviation", "abbreviation-word", 1)
                           for o, n in spans)
    return out


#: Rules whose one-character names split a run that another rule reads as one region.
_SPLITTING_RULES: Final = frozenset({"abbreviation", "abbreviation-pair"})


def without_split_runs(cands: list[Candidate], text: str, res: ExtractorResources) -> list[Candidate]:
    """Drop a span that swallows a run split into one-character names.

    中欧贸易 is China–Europe trade (中 + 欧), not Central Europe; 青藏高原 is
    named after 青 + 藏; 中美关系 (a jieba nt word) is a relation, not a body.
    Longest-first selection would keep the long span, so it goes before selection.
    """
    singles = {c.start: c.end for c in cands if c.rule in _SPLITTING_RULES}
    if not singles:
        return cands
    runs: dict[int, int] = {}  # run start -> run end
    for s in sorted(singles):
        if s - 1 in singles and singles[s - 1] == s:
            continue
        e = singles[s]
        while e in singles:
            e = singles[e]
        runs[s] = e
    heads = frozenset(res.abbreviation_heads)

    def swallows(c: Candidate) -> bool:
        if c.rule in _SPLITTING_RULES or c.start not in runs or c.end < runs[c.start] or c.end - c.start < 2:
            return False
        return c.type == "Place" or text[runs[c.start]:c.end] in heads

    return [c for c in cands if not swallows(c)]


def without_place_terms(cands: list[Candidate], text: str, res: ExtractorResources) -> list[Candidate]:
    """Drop a place that opens a common term: 挪威|克朗 is a currency, 北京|时间 a time zone; and
    leave an area word after a known place out of its name: 某江|中下游, 某某|地区."""
    tables = res.places
    if tables is None or not tables.terms:
        return cands
    terms, lengths, heads = tables.terms, tables.term_lengths, tables.term_heads
    # the terms' first two characters rule out nearly every place with one look-up
    kept = [c for c in cands
            if c.type != "Place" or text[c.start:c.start + 2] not in heads
            or not any(text[c.start:c.start + n] in terms for n in lengths if n > c.end - c.start)]
    if tables.area_words:
        kept = [_without_area_word(c, text, res, tables) if c.type == "Place" else c for c in kept]
    return kept


def _without_area_word(c: Candidate, text: str, res: ExtractorResources, tables: PlaceTables) -> Candidate:
    """某江中下游 -> 某江: an area word after a known place is outside the name; a division named with
    地区 (a prefecture the gazetteer holds) keeps it."""
    for n in tables.area_lengths:
        if c.end - c.start - n >= 2 and text[c.end - n:c.end] in tables.area_words:
            hit = res.known.get(text[c.start:c.end])
            if hit is not None and hit[1] == "Place" and hit[2] not in _AREA_KINDS:
                return c
            stem = res.known.get(text[c.start:c.end - n])
            if stem is not None and stem[1] == "Place":
                return Candidate(c.start, c.end - n, c.type, c.subtype, c.rule, c.priority)
            return c
    return c


def _country_run(ctx: Context, res: ExtractorResources, tables: PlaceTables, run: str, i: int, j: int) -> bool:
    """中|美 加强合作, 日|俄 首脑: a run of country names standing apart, with no head noun needed.

    jieba keeps 中 and 美 apart (or has never seen 日美), whereas a run that is a
    dictionary word is usually something else: 中古, 中西, 美德, 中巴 (a minibus).
    """
    if len(set(run)) < len(run) or not all(c in tables.countries for c in run) or run in res.known:
        return False
    if res.tag_table.get(run[0]) in ("p", "c", "d", "r"):
        return False  # 以美为首: 以 is the preposition
    if all(k in ctx.starts for k in range(i, j)):
        return True
    k = ctx.starts[i]
    return ctx.tokens[k].end == j and (ctx.tokens[k].tag == "x" or res.tokenizer.FREQ.get(run, 0) < 20)



def place_names(ctx: Context, res: ExtractorResources, known: Sequence[Candidate] = ()) -> list[Candidate]:
    """X社区, X村, X街道, X镇, X区, X县 not covered by the upper-level gazetteer.

    Chains are split even where jieba joins their pieces: 安吉县天荒坪镇余村 is
    tokenised 安吉县/天荒/坪镇/余村, yet gives 天荒坪镇 and 余村.
    """
    text = ctx.text
    gaz = res.gazetteer
    place_ends = {c.end for c in known if c.type == "Place"}
    place_starts = {c.start for c in known if c.type == "Place"}
    raw: list[tuple[int, int, str, str]] = []  # start, end, level, rule
    for m in sparse_finditer(char_scan(res.place_suffix_ends), text):
        e = m.end()
        suf = suffix_at(text, e, res.place_suffix)
        if suf is None or suf in _UPPER_SUFFIXES:
            continue
        level = res.place_suffix[suf]
        levels = ("community",) if level == "community" else ("street",) if level == "street" else ("district",)
        ss = e - len(suf)
        # A name the national table knows wins: “在翠苑社区” -> 翠苑社区; after
        # another place a one-character stem is enough: 天荒坪镇 + 余村.
        last_punct = -1  # no stem reaches over punctuation: the last mark in reach, found once
        pm = PUNCT.search(text, max(0, ss - 6), ss)
        while pm is not None:
            last_punct = pm.start()
            pm = PUNCT.search(text, pm.end(), ss)
        for k in range(6, 0, -1):
            s = ss - k
            if s < 0 or last_punct >= s or (k == 1 and s not in place_ends):
                continue
            ts = ctx.starts.get(s)
            if ts is not None and s not in place_ends and ctx.tokens[ts].end == s + 1 \
                    and ctx.tokens[ts].tag in _JOINING_TAGS:
                continue  # 城市|和|农村 is no village 和农村 (but 前|王庄村 is 前王庄村)
            # the cheap tests before the gazetteer's look-up (interpreted Python, most stems fail them)
            if (ts is not None or s in place_ends or text[s - 1:s] in res.place_suffix_ends) \
                    and gaz.knows(text[s:e], levels):
                # (a name that starts inside a word is no match, 石|桥头村 inside a village word
                # 石桥头村/ns, unless a unit word ends before it: 某镇|长江村 in …/镇长/江村)
                # 发展社区 and 创新社区 exist somewhere, yet “培育发展社区社会组织” names
                # none: a stem that is a verb or adjective needs a place before it.
                if s not in place_ends and res.tag_table.get(text[s:ss], "x") in COMMON_STEM_TAGS:
                    continue
                raw.append((s, e, level, "place-gazetteer"))
                break
        else:
            found = None
            if e in ctx.ends and suffix_ok(ctx, e, suf, res):
                found = _token_stem(ctx, ctx.ends[e], ss, e, res, level, place_ends)
            elif ss in ctx.starts and len(suf) == 1 and level != "community" and gaz.knows(
                    text[e:e + 3], ("community",)):  # X|镇长|Y村: X镇 + Y村 (a village chief is not meant)
                found = _token_stem(ctx, ctx.starts[ss], ss, e, res, level, place_ends)
            if found is not None:
                raw.append((found.start, e, level, "place-suffix"))
    for c in known:
        # 莫斯科市/ns, 华盛顿州/ns: jieba joins a world city and its unit word into one token.
        i = ctx.starts.get(c.start)
        if c.type == "Place" and i is not None and text[c.end:c.end + 1] in ("市", "州", "省") and (
                ctx.tokens[i].end == c.end + 1 or (c.subtype == "city" and ctx.tokens[i].end == c.end
                                                   and c.end + 1 in ctx.ends)):
            # ... or as a token of its own after a world city: 布拉格|市|市长
            raw.append((c.start, c.end + 1, "city", "place-unit"))
        elif c.subtype == "country" and res.places is not None and text.startswith(res.places.formal, c.end):
            # 拉脱维亚 + 共和国: the formal name is one place
            tail = next(f for f in res.places.formal if text.startswith(f, c.end))
            if c.end + len(tail) in ctx.ends:
                raw.append((c.start, c.end + len(tail), "country", "place-formal"))
    raw_starts = {r[0] for r in raw} | place_starts
    raw_ends = {r[1] for r in raw} | place_ends
    out = []
    for s, e, level, rule in raw:
        if (s in ctx.starts or s in raw_ends) and (e in ctx.ends or e in raw_starts or e in ctx.soft_ends):
            name = text[s:e]
            if name in res.generic or name.startswith(res.prefixes):
                continue
            out.append(Candidate(s, e, "Place", level, rule, 2 if rule == "place-gazetteer" else 0))
    return out + bare_places(ctx, res) + listed_places(ctx, res) + dateline_places(ctx, res)


#: Tags of common words that make 经济区, 居民区, 先进县 a kind of area rather than a name.
_KIND_TAGS: Final = COMMON_STEM_TAGS | {"n", "vn", "nz", "nt", "b", "an"}


def _token_stem(ctx: Context, ti: int, ss: int, e: int, res: ExtractorResources, level: str,
                place_ends: AbstractSet[int] = frozenset()) -> Candidate | None:
    # Stem = the one or two tokens before the suffix, 2-4 characters, made of
    # name-like tokens, never crossing the end of another place.
    if ss in place_ends and ctx.text[ss - 1] in res.place_suffix_ends:
        return None  # 武侯区 + 社区治理: a place and a generic word (but a county stem + 县 is a name)
    # A village or community the national table does not know needs a name-like
    # stem (翠苑/x 社区); a common noun makes a generic phrase (重点社区, 城乡社区).
    tags = _STEM_TAGS - {"n"} if level == "community" else _STEM_TAGS
    tok = ctx.tokens[ti]
    stem_start = ss
    j = ti
    if tok.start < ss:  # suffix inside the token: 经开区
        head = ctx.text[tok.start:ss]
        if len(head) == 1 and res.tag_table.get(head) in ("p", "c", "r", "d", "v", "u", "uj", "m"):
            return None  # 以|镇, 由|区
        if res.tag_table.get(head) == "q" and tok.start > 0 and ctx.text[tok.start - 1] in _NUMERALS:
            return None  # 100|个村
        stem_start = tok.start
        j = ti - 1
    elif tok.start == ss:
        j = ti - 1
    while j >= 0 and ss - ctx.tokens[j].start <= 4 and (stem_start == ss or stem_start not in place_ends):
        t = ctx.tokens[j]
        if t.tag not in tags or PUNCT.search(t.word) or t.word in res.roles or t.word in res.program_verbs:
            break
        stem_start = t.start
        if ss - stem_start >= 2:
            break
        j -= 1
    stem = ctx.text[stem_start:ss]
    if not 2 <= len(stem) <= 4 or not HAN.fullmatch(stem) or stem.startswith(res.prefixes):
        return None
    name = ctx.text[stem_start:e]
    first = ctx.tokens[ctx.starts[stem_start]] if stem_start in ctx.starts else None
    if name in res.generic or (first is not None and first.tag not in tags):
        return None
    if (tok.start < ss and tok.tag in _KIND_TAGS and res.tokenizer.FREQ.get(tok.word, 0) >= 5
            and (stem_start not in place_ends or ss - tok.start >= 2)):  # (溇|口区/n is a rare misprint, kept)
        # 经济区/n, 风景区/n, 贫困县/n: jieba knows a kind of area, not a name; after a
        # place too when the word is more than one character and the suffix: 西北|干旱区, 美洲|自由贸易区
        return None
    return Candidate(stem_start, e, "Place", level, "place-suffix", 0)


#: Tags of the word before a one-character name that make it a determiner's noun instead: 该|法, 本|法, 一|哥.
_DETERMINER_TAGS: Final = frozenset({"r", "m", "q", "mq", "p"})
#: jieba's tags of a one-character country name standing alone (德/ns, 罗/j, 哈/nr; not 秘/n, a common word
#: first) and of what follows such a subject: punctuation, a preposition, a particle, an adverb or a verb
#: (德|的, 德|对此, 德|有).
_COUNTRY_CHAR_TAGS: Final = frozenset({"ns", "j", "nr"})
_AFTER_SUBJECT_TAGS: Final = frozenset({"p", "uj", "d", "v"})
#: A character this frequent as a word (日 a day, 法 a law, 南 south) names a country only before a state word.
_COMMON_CHAR: Final = 20000


def echoed_countries(ctx: Context, res: ExtractorResources, places: Sequence[Candidate]) -> list[Candidate]:
    """A country named in full and then by its first character alone: 秘鲁 … 秘|政府, 德国 … 德|外长.

    Newswire shortens a country it has named to the first character.  Such a
    character is a word of its own to jieba, after the full name, and not after a
    demonstrative or numeral (该|法 is “this law”).  A character that is itself
    a word jieba knows well (中, 日 are handled by :func:`abbreviated_places`)
    still needs a state word after it (秘|政府), as does a character that is a common word
    of its own (法 a law, 南 south).
    """
    text = ctx.text
    out: list[Candidate] = []
    first_at: dict[str, int] = {}
    for c in places:
        if c.type == "Place" and c.subtype == "country" and c.end - c.start >= 2:
            first_at[text[c.start]] = min(first_at.get(text[c.start], c.start), c.start)
    if not first_at:
        return out
    toks, freq = ctx.tokens, res.tokenizer.FREQ
    heads = res.places.state_heads if res.places is not None else frozenset()
    # the character's later occurrences that are one-character tokens (str.find, not a loop over tokens)
    hits = []
    for ch, at in first_at.items():
        pos = text.find(ch, at + 2)
        while pos >= 0:
            k = ctx.starts.get(pos)
            if k is not None and toks[k].end == pos + 1:
                hits.append(k)
            pos = text.find(ch, pos + 1)
    for k in sorted(hits):
        t = toks[k]
        if (k and toks[k - 1].tag in _DETERMINER_TAGS) or text[t.start - 1:t.start].isdigit():
            continue  # … nor after a numeral: 4月8|日
        nxt = toks[k + 1].word if k + 1 < len(toks) else ""
        if nxt in heads or (res.tag_table.get(t.word) in _COUNTRY_CHAR_TAGS and freq.get(t.word, 0) < _COMMON_CHAR
                            and (not HAN.fullmatch(nxt) or res.tag_table.get(nxt) in _AFTER_SUBJECT_TAGS)):
            out.append(Candidate(t.start, t.end, "Place", "abbreviation", "abbreviation-echo", 1))
    return out
