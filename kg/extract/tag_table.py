"""The dictionary's tags of words in compact tables: ``tags.get`` without the big dict's cache misses.

Split from :mod:`kg.extract.resources`, which builds one :class:`TagTable` per
loaded dictionary and looks every token's tag up in it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Final

__all__ = ["LONGEST_WORD", "TagTable", "TagTableParts"]

# Final: mypyc reads these as C constants, not through the module's globals dict at every use.
_BMP: Final = 0x10000  # code points the compact tables hold: every Han character of the dictionary
LONGEST_WORD: Final = 4  # the longest words in the compact tables: longer ones are rare tokens
_MIX: Final = 1021  # home slot of a word: its code points as the digits of a number in this base


#: A table's contents as plain data: tag names by id, the character table, the word tables by length,
#: their masks, and the words they do not hold with their tags.
TagTableParts = tuple[tuple[str, ...], bytes, tuple[bytes, ...], tuple[int, ...], dict[str, str]]


def _compact(word: str) -> bool:
    """Whether the compact tables hold ``word``: one to ``LONGEST_WORD`` characters of the BMP."""
    return 1 <= len(word) <= LONGEST_WORD and all(ord(c) < _BMP for c in word)


class TagTable:
    """The dictionary's tags of words, mostly without a look-up in the dictionary of them all.

    Almost every token has one to four characters.  A str-keyed look-up in the
    dictionary's 350,000 tags reads its index, its entry and the key object,
    three places far apart in a large table (slow in the cache and the TLB): it
    was more than half the time of :meth:`ExtractorResources.tokens`.  Here a character's
    tag is a byte of a table indexed by code point, and the tag of a word of two
    to four characters is found in an open-addressing table of such words by
    their code points (two bytes each, then the tag's id): computed from the
    word's own characters, no hash of a new string, no key object.  Longer
    words and characters beyond the BMP ask ``rest``, a small dict of them: the
    dictionary's big one need not be kept.
    """

    def __init__(self, tags: dict[str, str] | None = None, frequent: Iterable[str] = (),
                 parts: TagTableParts | None = None) -> None:
        """The tables of ``tags``, or those :meth:`parts` gave (kept by :mod:`kg.table_cache`).

        ``frequent``: words to place first, the most frequent first: they take their home
        slots and are found at the first probe.  Every word of ``tags`` is in the tables (a
        miss means no tag) but those of more than ``LONGEST_WORD`` characters or beyond the
        BMP, which ``rest`` holds."""
        if parts is not None:
            names, self.chars, self.words, self.masks, rest = parts
            # one object per tag, as the dictionary reader makes: comparisons are identity checks
            self.names = tuple(sys.intern(name) for name in names)
            self.rest = {w: sys.intern(tag) for w, tag in rest.items()}
            return
        if tags is None:
            raise TypeError("TagTable needs tags or parts")
        #: The words the compact tables do not hold, with their tags.
        self.rest = {w: tag for w, tag in tags.items() if not _compact(w)}
        #: Tag names by id; id 0 marks a word without a tag, and an empty slot.
        self.names = ("", *sorted(set(tags.values())))
        if len(self.names) > 256:
            raise ValueError(f"{len(self.names) - 1} tags: a tag id is one byte")
        ids = {name: i for i, name in enumerate(self.names)}
        chars = bytearray(_BMP)
        by_length: list[list[tuple[str, int]]] = [[] for _ in range(LONGEST_WORD + 1)]
        for w in frequent:
            tag = tags.get(w)
            if tag is not None and 2 <= len(w) <= LONGEST_WORD:
                by_length[len(w)].append((w, ids[tag]))
        counts = [0] * (LONGEST_WORD + 1)
        for w, tag in tags.items():
            n = len(w)
            if n == 1:
                if ord(w) < _BMP:
                    chars[ord(w)] = ids[tag]
            elif 2 <= n <= LONGEST_WORD:
                by_length[n].append((w, ids[tag]))  # every one: a miss means no tag
                counts[n] += 1
        self.chars = bytes(chars)
        tables = [_word_table(by_length[n], n, counts[n]) for n in range(2, LONGEST_WORD + 1)]
        self.words = (b"", b"", *(slots for slots, _ in tables))  # by word length
        self.masks = (0, 0, *(mask for _, mask in tables))

    def parts(self) -> TagTableParts:
        """The tables as plain data, to rebuild this table with ``TagTable(parts=...)``."""
        return self.names, self.chars, self.words, self.masks, self.rest

    def get(self, word: str, default: str | None = None) -> str | None:
        """``tags.get(word, default)``."""
        n = len(word)
        if n == 1:
            c = ord(word)
            if c < _BMP:
                t = self.chars[c]
                return self.names[t] if t else default
        elif 2 <= n <= LONGEST_WORD:
            h = 0
            for k in range(n):  # by index: mypyc reads the code point, iterating would make a str of each
                c = ord(word[k])
                if c >= _BMP:
                    return self.rest.get(word, default)
                h = h * _MIX + c
            slots, mask, size = self.words[n], self.masks[n], 2 * n + 1
            i = h & mask
            while True:
                p = size * i
                t = slots[p + size - 1]
                if not t:
                    return default
                k = 0
                while k < n:
                    c = ord(word[k])
                    if slots[p + 2 * k + 1] != c & 255 or slots[p + 2 * k] != c >> 8:
                        break
                    k += 1
                if k == n:
                    return self.names[t]
                i = (i + 1) & mask
        return self.rest.get(word, default)

    def tag(self, word: str) -> str:
        """``tags.get(word, "x")``: a token's tag, "x" for a word without one."""
        t = self.get(word)
        return "x" if t is None else t



def _word_table(entries: list[tuple[str, int]], n: int, count: int) -> tuple[bytes, int]:
    """An open-addressing table of the (word, tag id) ``entries`` of ``count`` words of ``n``
    characters, in placing order (a word met again keeps its slot; words beyond the BMP are left
    out), and its mask.  At most half full, so that probe runs stay short.  A slot holds the code
    points (UTF-16-BE: two bytes each, high byte first), then the tag id."""
    size = 1 << max(4, (2 * count).bit_length())
    slot, mask = 2 * n + 1, size - 1
    slots = bytearray(slot * size)
    for w, tag_id in entries:
        key = w.encode("utf-16-be")
        if len(key) != 2 * n:
            continue  # a surrogate pair: beyond the BMP
        h = 0
        for ch in w:
            h = h * _MIX + ord(ch)
        i = h & mask
        while slots[slot * i + slot - 1] and slots[slot * i:slot * i + slot - 1] != key:
            i = (i + 1) & mask
        if not slots[slot * i + slot - 1]:
            slots[slot * i:slot * i + slot - 1] = key
            slots[slot * i + slot - 1] = tag_id
    return bytes(slots), mask
