"""Documents -> Articles: segmentation of every page, then near-duplicate merging.

Two scrapes of one article (a print page and its web page, with different
punctuation and navigation) must become one article with two sources.
Candidates come from equal normalised titles and from shared values of a
bottom-k sketch of character 4-gram hashes; a pair is merged when the shorter text's shingles are
mostly contained in the longer one's.

Generated and templated news share stock phrases, so most candidate pairs
are far from a duplicate.  Each article keeps a bitmap of its shingle hashes;
a shingle of one text whose bit is absent from the other's bitmap is surely
missing from the other text, which bounds the containment from above and
rejects most pairs without comparing shingle sets (and without holding every
article's shingle set in memory at once).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from typing import Callable, Iterable, NamedTuple

from .model import Article, Document
from .segment import Layout, RawArticle, WordOracle, segment_document, to_article_parts

__all__ = ["make_articles", "merge_near_duplicates", "article_id"]

SHINGLE = 4
CONTAINMENT = 0.7  # share of the shorter article's shingles found in the longer one
MIN_SHINGLES = 30  # below this, texts are too short to call duplicates
_SKETCH = 16
_MAX_BUCKET = 64  # a hash shared by more articles is a stock phrase, not a duplicate signal
_BITS = 1 << 13  # bits of the shingle bitmap: few collisions for texts of a few thousand characters
_NON_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff0-9A-Za-z]+")


def article_id(title: str, text: str, body_start: int) -> str:
    """Deterministic id from the headline and the opening of the body."""
    key = _NON_HAN.sub("", title) + "\n" + _NON_HAN.sub("", text[body_start:body_start + 300])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _shingles(text: str) -> set[str]:
    s = _NON_HAN.sub("", text)
    return {s[i:i + SHINGLE] for i in range(max(0, len(s) - SHINGLE + 1))}


class _Profile(NamedTuple):
    """What near-duplicate detection keeps of one article text."""

    size: int  # number of distinct shingles
    bits: int  # bitmap: bit (hash mod _BITS) set for every shingle hash
    sketch: list[int]  # the _SKETCH smallest shingle hashes


def _profile(text: str) -> _Profile:
    sh = _shingles(text)
    hashes = [zlib.crc32(x.encode("utf-8")) for x in sh]
    bits = bytearray(_BITS // 8)
    for h in hashes:
        b = h & (_BITS - 1)
        bits[b >> 3] |= 1 << (b & 7)
    hashes.sort()  # bottom-k sketch: the k smallest hashes
    return _Profile(len(sh), int.from_bytes(bits, "little"), hashes[:_SKETCH])


def make_articles(docs: Iterable[Document], layout: Layout, words: WordOracle,
                  progress: Callable[[Iterable], Iterable] = lambda x: x) -> list[Article]:
    """Segment every document and merge near-duplicates; sorted by id."""
    drafts: list[Article] = []
    for doc in progress(docs):
        for raw in segment_document(doc, layout, words):
            drafts.append(_draft(raw))
    return merge_near_duplicates(drafts)


def _draft(raw: RawArticle) -> Article:
    title, text, body_start, bylines, spans = to_article_parts(raw)
    return Article(
        article_id=article_id(title, text, body_start),
        title=title,
        text=text,
        body_start=body_start,
        bylines=bylines,
        doc_id=raw.doc.doc_id,
        source=raw.doc.path,
        spans=spans,
        sources=(raw.doc.path,),
    )


def merge_near_duplicates(articles: list[Article]) -> list[Article]:
    """Cluster near-duplicate articles; keep the longest as primary."""
    n = len(articles)
    profiles = [_profile(a.text[a.body_start:]) for a in articles]
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, a in enumerate(articles):
        if profiles[i].size < MIN_SHINGLES:
            continue
        title_key = _NON_HAN.sub("", a.title)
        if len(title_key) >= 6:
            buckets[("t", title_key)].append(i)
        for h in profiles[i].sketch:
            buckets[("h", h)].append(i)
    checked: set[tuple[int, int]] = set()
    shingles: dict[int, set[str]] = {}  # of the few pairs the bitmaps cannot reject

    def shingle_set(i: int) -> set[str]:
        if len(shingles) > 4096:
            shingles.clear()
        got = shingles.get(i)
        if got is None:
            got = shingles[i] = _shingles(articles[i].text[articles[i].body_start:])
        return got

    for members in buckets.values():
        if len(members) > _MAX_BUCKET:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in checked or find(i) == find(j):
                    continue
                checked.add((i, j))
                small, big = sorted((i, j), key=lambda k: profiles[k].size)
                need = CONTAINMENT * profiles[small].size
                # Upper bound of the shared shingles: each bit set for the small text but
                # not for the big one stands for at least one shingle the big text lacks.
                missing = (profiles[small].bits & ~profiles[big].bits).bit_count()
                if profiles[small].size - missing < need:
                    continue
                if len(shingle_set(small) & shingle_set(big)) >= need:
                    parent[find(i)] = find(j)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        clusters[find(i)].append(i)
    merged = []
    for members in clusters.values():
        group = [articles[i] for i in members]
        primary = min(group, key=lambda a: (-len(a.text), a.source, a.body_start))
        sources = tuple(sorted({s for a in group for s in a.sources}))
        merged.append(Article(**{**primary.__dict__, "sources": sources}))
    # Identical ids can only come from identical headline + opening; keep one.
    unique: dict[str, Article] = {}
    for a in sorted(merged, key=lambda a: (a.article_id, a.source)):
        unique.setdefault(a.article_id, a)
    return list(unique.values())
