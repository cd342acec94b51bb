"""jieba's segmentation over jieba_fast_dat's C++ dictionary trie: the same tokens, faster.

An optional accelerator (``pip install ".[fast]"``); :mod:`kg.extract.resources`
falls back to jieba itself when the package is missing.  It uses the package's
internals, which is why the ``fast`` extra pins its version.
"""

from __future__ import annotations

import os
import re

import jieba
from jieba import finalseg

try:  # optional accelerator: C++ dictionary trie and best-route search (pip install jieba-fast-dat)
    from jieba_fast_dat import _jieba_fast_dat_functions_py3 as _dat
except ImportError:  # pragma: no cover - depends on the environment
    _dat = None

__all__ = ["DatTokenizer", "dat_available", "dat_identity"]


def dat_available() -> bool:
    """True when jieba_fast_dat is installed and :class:`DatTokenizer` can be used."""
    return _dat is not None


def dat_identity() -> str:
    """The installed jieba_fast_dat build (its extension's path, size and time), which a trie
    serialised by :meth:`DatTokenizer.state` belongs to; ``""`` without the package."""
    if _dat is None:
        return ""
    path = _dat.__file__
    st = os.stat(path)
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


class _DatFreq:
    """``FREQ.get`` over the C++ trie: a word's count, ``default`` for prefixes and unknown words."""

    __slots__ = ("_trie",)

    def __init__(self, trie) -> None:
        self._trie = trie

    def get(self, word: str, default=None):
        return _dat._get_freq(self._trie, word) or default


class DatTokenizer:
    """jieba's default-mode segmentation over jieba_fast_dat's C++ trie: the same tokens, faster.

    Only the dictionary look-up and the best-route search (jieba's ``get_DAG``
    + ``calc``, two thirds of its time) run in C++, on jieba's own dictionary
    and total.  Block splitting and the HMM for runs of unknown single
    characters are jieba's code (``jieba.re_han_default``, ``jieba.finalseg``):
    jieba_fast_dat's own ``cut`` differs from jieba on ``15.2%`` and on the
    HMM's ties at rare characters.  HMM results are memoised per run of
    characters; they depend only on the run (and ``finalseg.Force_Split_Words``,
    watched).

    A run whose characters all have an emission probability in each of the
    HMM's four states, and no character twice in a row, goes through the C++
    Viterbi (five times faster, same path).  Elsewhere the two can differ, where
    a tie is possible: an unknown character makes every path ``MIN_FLOAT`` and
    jieba breaks the tie by state letter; a repeated character (哈哈哈) can
    give two paths the same terms, summed in another order in C++.

    Offers what kg uses of ``jieba.Tokenizer``: ``tokenize``, ``lcut``/``cut``,
    ``FREQ.get``, ``add_word``, ``get_dict_file``, ``total``.
    """

    name = "jieba_fast_dat"
    _HMM_CACHE_MAX = 200_000

    def __init__(self, dictionary: str, state: tuple[bytes, int] | None = None) -> None:
        """``state``: what :meth:`state` gave for the same dictionary file (see
        :mod:`kg.table_cache`), restored instead of reading the file (half a second)."""
        self.dictionary = dictionary
        self._trie = _dat.DatTrie()
        self.total: int
        if state is not None:
            self._trie.load_from_bytes(state[0])
            self.total = state[1]
        else:
            _dat.load_main_dict_from_path_pybind(self._trie, dictionary, {})
            # jieba's total counts every line of the file (B超 is listed twice); the trie's counts each word once
            with self.get_dict_file() as fh:
                self.total = sum(int(line.split()[1]) for line in fh if line.strip())
        self.FREQ = _DatFreq(self._trie)
        self._hmm_cache: dict[str, tuple[str, ...]] = {}
        self._force_split = len(finalseg.Force_Split_Words)
        # jieba's own HMM tables into the C++ Viterbi (jieba_fast_dat ships the same tables)
        _dat.load_finalseg_hmm_model(finalseg.start_P, finalseg.trans_P, finalseg.emit_P)
        emitted = set.intersection(*(set(finalseg.emit_P[state]) for state in "BMES"))
        self._hmm_safe = frozenset(ch for ch in emitted if finalseg.re_han.fullmatch(ch))

    def __repr__(self) -> str:
        return f"<DatTokenizer dictionary={self.dictionary!r}>"

    def state(self) -> tuple[bytes, int]:
        """The trie (serialised by jieba_fast_dat) and the total count, as plain data: the
        dictionary as loaded so far, words added by :meth:`add_word` included."""
        return self._trie.save_to_bytes(), self.total

    def check_initialized(self) -> None:
        pass  # loaded in __init__

    def get_dict_file(self):
        return open(self.dictionary, "rb")

    def add_word(self, word: str, freq: int) -> None:
        freq = int(freq)
        self._trie.add_word(word, freq, "")
        self.total += freq
        if freq == 0:
            finalseg.add_force_split(word)
        self._hmm_cache.clear()

    def _route(self, blk: str) -> list[int]:
        route: list[int] = []  # route[i]: last index of the best word starting at i
        _dat._get_DAG_and_calc(self._trie, blk, route, float(self.total))
        return route

    def _unknown(self, buf: str, out: list[str]) -> None:
        # jieba.Tokenizer.__cut_DAG on a run of single characters
        if len(buf) == 1:
            out.append(buf)
        elif _dat._get_freq(self._trie, buf):
            out.extend(buf)
        else:
            cache = self._hmm_cache
            if len(cache) >= self._HMM_CACHE_MAX or len(finalseg.Force_Split_Words) != self._force_split:
                cache.clear()
                self._force_split = len(finalseg.Force_Split_Words)
            words = cache.get(buf)
            if words is None:
                if not finalseg.Force_Split_Words and self._hmm_safe.issuperset(buf) and not _REPEATED.search(buf):
                    words = cache[buf] = _viterbi_words(buf)
                else:
                    words = cache[buf] = _finalseg_cut(buf)
            out.extend(words)

    def _cut_hmm(self, blk: str, out: list[str]) -> None:
        route = self._route(blk)
        x, n, run = 0, len(blk), -1
        while x < n:
            y = route[x] + 1
            if y - x == 1:
                if run < 0:
                    run = x
            else:
                if run >= 0:
                    self._unknown(blk[run:x], out)
                    run = -1
                out.append(blk[x:y])
            x = y
        if run >= 0:
            self._unknown(blk[run:], out)

    def _cut_no_hmm(self, blk: str, out: list[str]) -> None:
        route = self._route(blk)
        x, n, buf = 0, len(blk), ""
        while x < n:
            y = route[x] + 1
            word = blk[x:y]
            if y - x == 1 and jieba.re_eng.match(word):
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)

    def lcut(self, sentence: str, HMM: bool = True) -> list[str]:
        """``jieba.Tokenizer.lcut`` in the default (accurate) mode."""
        re_han, re_skip = jieba.re_han_default, jieba.re_skip_default
        out: list[str] = []
        # re_han is one capturing group around a character class with +: its split alternates text
        # between matches (even indices, never starting with a Han block character) and matches (odd)
        for i, blk in enumerate(re_han.split(sentence)):
            if len(blk) <= 1:
                if blk:  # one character is one token in each branch below: no trie, no regex
                    out.append(blk)
                continue
            if i & 1:
                # direct method calls: mypyc calls them natively, a bound method in a local through the interpreter
                if HMM:
                    self._cut_hmm(blk, out)
                else:
                    self._cut_no_hmm(blk, out)
            else:
                for piece in re_skip.split(blk):
                    if re_skip.match(piece):
                        out.append(piece)
                    else:
                        out.extend(piece)
        return out

    def cut(self, sentence: str, HMM: bool = True):
        return iter(self.lcut(sentence, HMM=HMM))

    def tokenize(self, text: str, mode: str = "default", HMM: bool = True):
        if mode != "default":
            raise ValueError("DatTokenizer only has jieba's default mode")
        out, start = [], 0
        for word in self.lcut(text, HMM=HMM):
            end = start + len(word)
            out.append((word, start, end))
            start = end
        return iter(out)


_REPEATED = re.compile(r"(.)\1")  # 哈哈, 看看: a character twice in a row


def _viterbi_words(run: str) -> tuple[str, ...]:
    """``jieba.finalseg.cut`` of a run of Han characters, the Viterbi path found in C++."""
    _, states = _dat._finalseg_viterbi_cpp(run)
    return tuple(_words_of(run, states))


def _words_of(run: str, states) -> list[str]:
    """jieba.finalseg's ``__cut``: the words of ``run`` by the B/M/E/S state of each character."""
    words: list[str] = []
    begin = nexti = 0
    for i, state in enumerate(states):
        if state == "B":
            begin = i
        elif state == "E":
            words.append(run[begin:i + 1])
            nexti = i + 1
        elif state == "S":
            words.append(run[i])
            nexti = i + 1
    if nexti < len(run):
        words.append(run[nexti:])
    return words


def _finalseg_cut(sentence: str) -> tuple[str, ...]:
    """``tuple(jieba.finalseg.cut(sentence))``, line for line, but compiled with the rest of this module.

    This function and :func:`_finalseg_viterbi` are adapted from jieba's ``finalseg``
    (https://github.com/fxsjy/jieba, MIT licence, copyright Sun Junyi).

    For the runs the C++ Viterbi may not take (rare characters, repeats): jieba's own
    code runs in the interpreter, a tenth of the tokenizer's time.  Its tables,
    patterns and ``Force_Split_Words`` are read from ``jieba.finalseg`` at each call.
    """
    out: list[str] = []
    force = finalseg.Force_Split_Words
    re_han, re_skip = finalseg.re_han, finalseg.re_skip
    for blk in re_han.split(sentence):
        if re_han.match(blk):
            for word in _words_of(blk, _finalseg_viterbi(blk)):
                if word not in force:
                    out.append(word)
                else:
                    out.extend(word)
        else:
            for x in re_skip.split(blk):
                if x:
                    out.append(x)
    return tuple(out)


def _finalseg_viterbi(obs: str) -> list[str]:
    """jieba.finalseg's ``viterbi``: the same sums in the same order, ties broken as its ``max`` does."""
    start_p: dict[str, float] = finalseg.start_P
    trans_p: dict[str, dict[str, float]] = finalseg.trans_P
    emit_p: dict[str, dict[str, float]] = finalseg.emit_P
    prev_status: dict[str, str] = finalseg.PrevStatus
    min_float: float = finalseg.MIN_FLOAT
    v: list[dict[str, float]] = [{}]
    path: dict[str, list[str]] = {}
    for y in "BMES":
        v[0][y] = start_p[y] + emit_p[y].get(obs[0], min_float)
        path[y] = [y]
    for t in range(1, len(obs)):
        v.append({})
        newpath: dict[str, list[str]] = {}
        for y in "BMES":
            em_p = emit_p[y].get(obs[t], min_float)
            # max((prob, state) for the previous states): the higher prob, then the later state letter
            best_p, best_s = 0.0, ""
            for y0 in prev_status[y]:
                prob = v[t - 1][y0] + trans_p[y0].get(y, min_float) + em_p
                if not best_s or prob > best_p or (prob == best_p and y0 > best_s):
                    best_p, best_s = prob, y0
            v[t][y] = best_p
            newpath[y] = path[best_s] + [y]
        path = newpath
    last = v[len(obs) - 1]
    return path["S" if last["S"] >= last["E"] else "E"]
