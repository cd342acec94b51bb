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
article's shingle set in memory at once).  The bitmap folded to fewer bits gives
a weaker bound at an eighth of the cost, tested first.

The hash of a shingle is zlib.crc32 of its UTF-8 bytes.  Over many texts the
profiles (number of distinct shingles, bitmaps, sketch) are computed with numpy,
texts of similar length stacked as the rows of a matrix; over few, from Python
sets of shingle strings, which only the pairs the bitmaps cannot reject build
otherwise.  This runs in the main process before extraction starts, so its time
is wall time of a build.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from typing import Any, Callable, Iterable, NamedTuple

from .model import Article, Document
from .segment import Layout, RawArticle, WordOracle, segment_document, to_article_parts

__all__ = ["make_articles", "merge_near_duplicates", "article_id"]

SHINGLE = 4
CONTAINMENT = 0.7  # share of the shorter article's shingles found in the longer one
MIN_SHINGLES = 30  # below this, texts are too short to call duplicates
_SKETCH = 16
_MAX_BUCKET = 64  # a hash shared by more articles is a stock phrase, not a duplicate signal
_BITS = 1 << 13  # bits of the shingle bitmap: few collisions for texts of a few thousand characters
_COARSE = 1 << 10  # bits of the folded bitmap: tested first, it rejects most pairs at an eighth of the cost
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
    coarse: int  # the bitmap folded to _COARSE bits (bit hash mod _COARSE)
    sketch: list[int]  # the _SKETCH smallest shingle hashes


def _profile(text: str) -> _Profile:
    """The profile of one text, from its set of shingle strings (the reference, for few texts)."""
    sh = _shingles(text)
    hashes = [zlib.crc32(x.encode("utf-8")) for x in sh]
    bits, coarse = bytearray(_BITS // 8), bytearray(_COARSE // 8)
    for h in hashes:
        b, c = h & (_BITS - 1), h & (_COARSE - 1)
        bits[b >> 3] |= 1 << (b & 7)
        coarse[c >> 3] |= 1 << (c & 7)
    hashes.sort()  # bottom-k sketch: the k smallest hashes
    return _Profile(len(sh), int.from_bytes(bits, "little"), int.from_bytes(coarse, "little"), hashes[:_SKETCH])


def _profiles(texts: list[str]) -> list[_Profile]:
    """The profile of every text: with numpy when there are many, one by one otherwise."""
    if sum(len(t) for t in texts) < _NUMPY_FROM:
        return [_profile(t) for t in texts]
    return _profiles_numpy(texts)


# Over many texts, profiles are computed with numpy: a Python set of every shingle
# substring cost about 0.2 us a shingle.  The hash of a shingle stays zlib.crc32 of
# its UTF-8 bytes, computed from per-character tables (below).
_NUMPY_FROM = 500_000  # characters: under this, importing numpy (0.1-0.15 s) would cost more than it saves
_BLOCK = 1 << 20  # shingles (padded) per numpy block: bounds the memory of a block
_BLOCK_ROWS = 1024  # texts per block: bounds its rows x _BITS bitmap matrix
_MAX_TAIL = 3 * (SHINGLE - 1) + 1  # bytes a shingle's last characters can take after one character


def _crc_tables(np: Any) -> tuple[Any, Any, Any]:
    """Tables to compute zlib.crc32 of a shingle's UTF-8 bytes from its characters.

    CRC-32 is affine over GF(2): crc32(m) = crc32(n zero bytes) ^ L(m) for a message
    m of n bytes, where L (zero initial value, no final xor) is linear, so L(m) is
    the xor of L(one character's bytes followed by as many zero bytes as the rest
    of the shingle takes).  Returns (UTF-8 length of each BMP code point,
    L(character + z zero bytes) at [z * 2**16 + code point], crc32 of n zero bytes at [n]).
    """
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):  # the reflected CRC-32 byte table, as zlib's
        table = (table >> 1) ^ np.where(table & 1, np.uint32(0xEDB88320), np.uint32(0))
    cp = np.arange(1 << 16, dtype=np.uint32)
    size = np.where(cp < 0x80, 1, np.where(cp < 0x800, 2, 3)).astype(np.uint8)
    # UTF-8 bytes, right-aligned in three: leading zero bytes leave L unchanged.
    three = [0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)]
    two = [np.zeros_like(cp), 0xC0 | (cp >> 6), 0x80 | (cp & 0x3F)]
    one = [np.zeros_like(cp), np.zeros_like(cp), cp]
    reg = np.zeros_like(cp)
    for k in range(3):
        byte = np.where(size == 1, one[k], np.where(size == 2, two[k], three[k]))
        reg = (reg >> 8) ^ table[(reg ^ byte) & 0xFF]
    shifted = np.empty((_MAX_TAIL, 1 << 16), dtype=np.uint32)  # flat index: z * 2**16 + code point
    for z in range(_MAX_TAIL):
        shifted[z] = reg
        reg = (reg >> 8) ^ table[reg & 0xFF]
    zeros = np.array([zlib.crc32(bytes(n)) for n in range(SHINGLE * 3 + 1)], dtype=np.uint32)
    return size, shifted.ravel(), zeros


def _code_points(np: Any, text: str) -> Any:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _kept_chars(np: Any, texts: list[str]) -> list[Any]:
    """Each text's code points that _NON_HAN keeps (all in the BMP), as uint16 arrays."""
    out: list[Any] = []
    # Whether _NON_HAN keeps a code point, up to 0xA000 (the first it drops above the last it keeps).
    kept_table = np.zeros(0xA001, dtype=bool)
    kept_table[_code_points(np, _NON_HAN.sub("", "".join(map(chr, range(0xA001)))))] = True
    start = 0
    while start < len(texts):  # a block of texts at a time bounds the memory of the UTF-32 copy
        stop, total = start, 0
        while stop < len(texts) and (total == 0 or total + len(texts[stop]) <= _BLOCK):
            total += len(texts[stop])
            stop += 1
        cp = _code_points(np, "".join(texts[start:stop]))
        keep = kept_table[np.minimum(cp, len(kept_table) - 1)]
        ends = np.cumsum([len(t) for t in texts[start:stop]])
        before = np.concatenate(([0], np.cumsum(keep)))  # kept characters before each raw position
        out += np.split(cp[keep].astype(np.uint16), before[ends[:-1]])
        start = stop
    return out


def _profiles_numpy(texts: list[str]) -> list[_Profile]:
    """The profile of every text; texts of similar length are stacked as rows of one matrix."""
    import numpy as np  # here, not at import: kg commands that build nothing do not load it

    size, shifted, zeros = _crc_tables(np)
    kept = _kept_chars(np, texts)
    out = [_Profile(0, 0, 0, []) for _ in texts]
    order = sorted((i for i in range(len(kept)) if len(kept[i]) >= SHINGLE), key=lambda i: len(kept[i]))
    pad = np.uint64(0xFFFF_FFFF_FFFF_FFFF)  # above every key (code points stay below 0xA000)
    start = 0
    while start < len(order):
        # A block: texts of at most 1.5 times the shortest one's length, so rows are little padded.
        first = len(kept[order[start]])
        stop = start + 1
        while (stop < len(order) and stop - start < _BLOCK_ROWS and len(kept[order[stop]]) * 2 <= first * 3
               and (stop - start + 1) * len(kept[order[stop]]) <= _BLOCK):
            stop += 1
        rows = order[start:stop]
        start = stop
        # Kept characters are all in the BMP: one UTF-16 unit each.
        chars = np.concatenate([kept[i] for i in rows]).astype(np.uint64)
        # Each shingle as one exact 64-bit key: four 16-bit code points.
        keys = (chars[:-3] << 48) | (chars[1:-2] << 32) | (chars[2:-1] << 16) | chars[3:]
        counts = np.array([len(kept[i]) - SHINGLE + 1 for i in rows])
        offsets = np.concatenate(([0], np.cumsum(counts + SHINGLE - 1)[:-1]))
        width = int(counts.max())
        col = np.arange(width)
        inside = col < counts[:, None]
        grid = np.where(inside, keys[np.where(inside, offsets[:, None] + col, 0)], pad)
        grid.sort(axis=1)
        distinct = inside.copy()  # padding sorts last, so the first counts columns hold the shingles
        distinct[:, 1:] &= grid[:, 1:] != grid[:, :-1]
        sizes = distinct.sum(axis=1)
        shingle = grid[distinct]
        # The code points of each shingle, last one first (little-endian 16-bit views of the keys).
        cps = shingle.view(np.uint16).reshape(-1, SHINGLE).T
        tail = np.zeros(len(shingle), dtype=np.intp)  # bytes after the character in the shingle
        crc = np.zeros(len(shingle), dtype=np.uint32)
        for c in cps:
            crc ^= shifted.take(tail * (1 << 16) + c)
            tail += size.take(c)
        crc ^= zeros.take(tail)
        # Bottom-k sketch: the smallest hashes of each row.  The padding is the largest hash
        # value, so the first sizes[r] sorted values are the row's hashes even when one equals it.
        hashes = np.full(grid.shape, 0xFFFF_FFFF, dtype=np.uint32)
        hashes[distinct] = crc
        k = min(_SKETCH, width)
        low = np.sort(np.partition(hashes, k - 1, axis=1)[:, :k], axis=1)
        flags = np.zeros(len(rows) * _BITS, dtype=bool)
        flags[np.repeat(np.arange(len(rows)) * _BITS, sizes) + (crc & (_BITS - 1))] = True
        bitmaps = np.packbits(flags.reshape(len(rows), _BITS), axis=1, bitorder="little")
        coarse = np.bitwise_or.reduce(bitmaps.reshape(len(rows), _BITS // _COARSE, _COARSE // 8), axis=1)
        # To Python objects a block at a time: numpy scalars and row views cost more one by one.
        full_bytes, coarse_bytes, low_rows = bitmaps.tobytes(), coarse.tobytes(), low.tolist()
        step, coarse_step = _BITS // 8, _COARSE // 8
        for r, n in enumerate(sizes.tolist()):
            out[rows[r]] = _Profile(n, int.from_bytes(full_bytes[r * step:(r + 1) * step], "little"),
                                    int.from_bytes(coarse_bytes[r * coarse_step:(r + 1) * coarse_step], "little"),
                                    low_rows[r][:n])
    return out


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
    profiles = _profiles([a.text[a.body_start:] for a in articles])
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_title: dict[str, list[int]] = defaultdict(list)
    by_hash: dict[int, list[int]] = defaultdict(list)
    for i, a in enumerate(articles):
        if profiles[i].size < MIN_SHINGLES:
            continue
        title_key = _NON_HAN.sub("", a.title)
        if len(title_key) >= 6:
            by_title[title_key].append(i)
        for h in profiles[i].sketch:
            by_hash[h].append(i)
    sizes = [p.size for p in profiles]
    bits = [p.bits for p in profiles]
    coarse = [p.coarse for p in profiles]
    # The complement bitmaps once per article: ~x of a big int costs as much as the test itself.
    absent = [~b & ((1 << _BITS) - 1) for b in bits]
    coarse_absent = [~b & ((1 << _COARSE) - 1) for b in coarse]
    checked: set[int] = set()
    shingles: dict[int, set[str]] = {}  # of the few pairs the bitmaps cannot reject

    def shingle_set(i: int) -> set[str]:
        if len(shingles) > 4096:
            shingles.clear()
        got = shingles.get(i)
        if got is None:
            got = shingles[i] = _shingles(articles[i].text[articles[i].body_start:])
        return got

    for members in [*by_title.values(), *by_hash.values()]:
        if len(members) > _MAX_BUCKET:
            continue
        for x in range(len(members)):
            i = members[x]
            for y in range(x + 1, len(members)):
                j = members[y]
                small, big = (i, j) if sizes[i] <= sizes[j] else (j, i)
                need = CONTAINMENT * sizes[small]
                # Upper bound of the shared shingles: each bit set for the small text but
                # not for the big one stands for at least one shingle the big text lacks.
                # It rejects nearly every pair, so it comes before the look-ups below.  The
                # folded bitmaps give a weaker bound (a folded bit stands for several), but
                # one that is cheaper and enough for texts of a few hundred shingles.
                if sizes[small] - (coarse[small] & coarse_absent[big]).bit_count() < need:
                    continue
                if sizes[small] - (bits[small] & absent[big]).bit_count() < need:
                    continue
                if i * n + j in checked or find(i) == find(j):
                    continue
                checked.add(i * n + j)
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
        # A new Article only when the sources change: most articles have no duplicate.
        merged.append(primary if sources == primary.sources else Article(**{**primary.__dict__, "sources": sources}))
    # Identical ids can only come from identical headline + opening; keep one.
    unique: dict[str, Article] = {}
    for a in sorted(merged, key=lambda a: (a.article_id, a.source)):
        unique.setdefault(a.article_id, a)
    return list(unique.values())
