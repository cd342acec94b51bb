"""Regex scans that skip what cannot match: the per-text set-up of a scan costs more than a short
sentence's scan itself, so the rules' scans start where a match can."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .names import char_class

__all__ = ["ListPattern", "char_scan", "sparse_finditer"]


@lru_cache(maxsize=16)
def char_scan(chars: frozenset[str]) -> re.Pattern[str]:
    """A pattern matching any one of ``chars`` (none when it is empty): a scan in C for the positions
    rules read, instead of a slice of every token's character."""
    return re.compile(char_class(chars) if chars else "(?!)")


def sparse_finditer(pattern: re.Pattern[str], text: str) -> Iterable[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern most texts hold no match of.

    Setting up a ``finditer`` scan costs about twice a ``search`` (a scanner and an iterator per
    call), which on a short sentence outweighs the scan itself; one ``search`` answers the common
    case, and the scan resumes at its match.  ``pattern`` must not match the empty string.
    """
    first = pattern.search(text)
    if first is None:
        return ()
    return pattern.finditer(text, first.start())


class ListPattern:
    """A list of names closed by a tail: ``items`` (Han characters, · and the separators 、 and 和,
    no look-behind at its start) followed by ``tail`` (from its 等 on: 某某、某某等5家企业).

    Such a pattern is tried at every character of the text, which costs more than the rest of
    the rule; the tail alone, a literal first, is a fast scan for where a match can end.  No
    match starts before the run of item characters that ends at the first tail (a match through
    it would hold a character no item has), and a text without a tail has no match.
    """

    def __init__(self, items: str, tail: str) -> None:
        self.pattern = re.compile(items + tail)
        self.tail = re.compile(tail)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``self.pattern.finditer(text)``, the scan starting where a match can."""
        first = self.tail.search(text)
        if first is None:
            return iter(())
        s = first.start()
        while s > 0 and _list_char(text[s - 1]):
            s -= 1
        return self.pattern.finditer(text, s)


def _list_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch == "·" or ch == "、"
