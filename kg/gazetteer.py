"""National administrative divisions: look up, walk up and link place names.

The data is the NBS 统计用区划代码 tree (2023-06-30) shipped as
``ontology/divisions.tsv`` (province, city, district, street) and
``ontology/villages.tsv.gz`` (社区/村, ~620k rows); tools/derive_gazetteer.py
builds both, see ontology/SOURCES.md.

Codes are hierarchical: 33 浙江省 ⊃ 3301 杭州市 ⊃ 330106 西湖区 ⊃ 330106xxx (a
street) ⊃ 330106xxxyyy (a community).  Grouping rows that are not real places (the 市辖区
of the municipalities, 省直辖县级行政区划, 东莞市 441900 repeating its city)
were dropped, so the parent of a code is its longest *present* prefix: the
parent of 110105 朝阳区 is 11 北京市.

``load_gazetteer()`` reads the upper levels at once and the village level on
first need; :meth:`Gazetteer.resolve` links a name to a code only when the
context (codes of places named nearby) or national uniqueness makes the choice
certain, since a wrong link is worse than none.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol

from kg import resources
from kg.table_cache import TableCache
from kg.villages import Villages as _Villages
from kg.villages import read_villages as _read_villages

__all__ = ["LEVELS", "UPPER_LEVELS", "Division", "Gazetteer", "PlaceIndex", "load_gazetteer"]

#: Division levels from the top; "community" is the village level (社区 or 村).
LEVELS = ("province", "city", "district", "street", "community")
#: The levels kept in divisions.tsv and loaded eagerly.
UPPER_LEVELS = LEVELS[:4]

_DIVISIONS_FILE = "divisions.tsv"
_VILLAGES_FILE = "villages.tsv.gz"
_VILLAGE_CODE_LEN = 12
# Prefix lengths of the ancestors of a code, nearest first.
_ANCESTOR_LENGTHS = (9, 6, 4, 2)

# The 55 minority peoples as they appear in autonomous-area names; 族 is
# optional because some names omit it (博尔塔拉蒙古自治州, 伊犁哈萨克自治州).
_ETHNIC = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|"
    "纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|"
    "鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各"
)
# Non-greedy stem of at least 2 characters, then peoples, then the unit word:
# 广西壮族自治区 → 广西, 湘西土家族苗族自治州 → 湘西, 城步苗族自治县 → 城步.
_AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:(?:{_ETHNIC})族?)*自治(区|州|县|旗)$")


class PlaceIndex(Protocol):
    """The look-ups resolution makes: a :class:`Gazetteer`, or a wrapper that memoises them."""

    def lookup(self, name: str, levels: Collection[str] = LEVELS) -> list[Division]: ...

    def resolve(self, name: str, context: Iterable[str] = (), levels: Collection[str] = LEVELS
                ) -> Division | None: ...

    def chain(self, code: str) -> list[Division]: ...


@dataclass(frozen=True)
class Division:
    """One administrative division."""

    code: str
    name: str
    level: str  # one of LEVELS


_LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}


def _level_order(d: Division) -> tuple[int, str]:
    return _LEVEL_RANK[d.level], d.code


def _aliases(name: str, level: str) -> tuple[str, ...]:
    """Short forms news text uses for ``name``; empty when the name is used whole.

    District-level names keep their 区/县 (武侯区 never shortens to 武侯, a
    common word; 沛县 has a one-character stem), but county-level cities drop
    市 (义乌市 → 义乌) and autonomous counties take the plain form (城步苗族
    自治县 → 城步县) because that is how local news refers to them.
    """
    auto = _AUTONOMOUS.match(name)
    if level == "province":
        if auto:
            return (auto.group(1),)
        stem = name.removesuffix("省").removesuffix("市")
        return (stem,) if stem != name else ()
    if level == "city":
        if auto:
            return (auto.group(1),)
        for suffix in ("市", "地区", "盟"):
            stem = name.removesuffix(suffix)
            if stem != name and len(stem) >= 2:
                return (stem,)
        return ()
    if level == "district":
        if auto and auto.group(2) in "县旗":
            # 鄂温克族自治旗: the people is the whole name, no plain form exists.
            return () if auto.group(1).endswith("族") else (auto.group(1) + auto.group(2),)
        stem = name.removesuffix("市")
        return (stem,) if stem != name and len(stem) >= 2 else ()
    if level == "street" and name.endswith("街道办事处"):
        return (name.removesuffix("办事处"),)  # the form every other row uses
    return ()


@dataclass(frozen=True, eq=False)  # identity equality: comparing big dicts is pointless
class Gazetteer:
    """The division tree with a name index; build it with :func:`load_gazetteer`.

    ``divisions`` holds the upper levels by code and ``index`` maps every name
    and alias of them to codes.  The village level is read from
    ``villages_path`` the first time a query needs it.
    """

    divisions: dict[str, Division]
    index: dict[str, tuple[str, ...]]
    villages_path: Path
    #: Where the village level is kept, read faster, between runs (None: read from ``villages_path``).
    tables: TableCache | None = field(default=None, repr=False)

    # The lazy village cache lives in the instance __dict__, which a frozen
    # dataclass still lets cached_property write to.
    @cached_property
    def _villages(self) -> _Villages:
        return _read_villages(self.villages_path, self.tables)

    def load_villages(self) -> None:
        """Read the village level now (e.g. before forking workers that would each read it)."""
        self._villages  # noqa: B018 - the cached property reads the table

    @property
    def villages_loaded(self) -> bool:
        """Whether the village level has been read yet."""
        return "_villages" in self.__dict__

    # -- the tree --------------------------------------------------------

    def get(self, code: str) -> Division | None:
        """The division with this code, or None."""
        if len(code) == _VILLAGE_CODE_LEN:
            name = self._villages.name_of(code)
            return Division(code, name, "community") if name is not None else None
        return self.divisions.get(code)

    def _ancestor_codes(self, code: str) -> Iterator[str]:
        # Walk known prefixes; a missing one is a dropped grouping row.
        for n in _ANCESTOR_LENGTHS:
            if n < len(code) and code[:n] in self.divisions:
                yield code[:n]

    def _parent_code(self, code: str) -> str | None:
        return next(self._ancestor_codes(code), None)

    def parent(self, code: str) -> Division | None:
        """The enclosing division (a municipality's district → the province)."""
        found = self._parent_code(code)
        return self.divisions[found] if found is not None else None

    def chain(self, code: str) -> list[Division]:
        """The division itself and its ancestors up to the province; [] if unknown."""
        own = self.get(code)
        if own is None:
            return []
        return [own, *(self.divisions[c] for c in self._ancestor_codes(code))]

    def children(self, code: str) -> list[Division]:
        """Divisions directly below ``code`` (communities below a street too), by code."""
        if len(code) == 9:
            v = self._villages
            i = bisect.bisect_left(v.codes, code)
            out = []
            while i < len(v.codes) and v.codes[i].startswith(code):
                out.append(Division(v.codes[i], v.names[i], "community"))
                i += 1
            return out
        return sorted((d for d in self.divisions.values() if self._parent_code(d.code) == code),
                      key=lambda d: d.code)

    def codes(self, level: str) -> list[str]:
        """Codes of every upper-level division of ``level``, sorted."""
        return sorted(c for c, d in self.divisions.items() if d.level == level)

    # -- names -----------------------------------------------------------

    def lookup(self, name: str, levels: Collection[str] = LEVELS) -> list[Division]:
        """All divisions of ``levels`` whose name or alias is ``name``, top level first."""
        divisions = self.divisions
        found = [d for d in (divisions[c] for c in self.index.get(name, ())) if d.level in levels]
        if "community" in levels:
            found += [Division(c, name, "community") for c in self._villages.index.get(name, ())]
        if len(found) > 1:
            found.sort(key=_level_order)
        return found

    def knows(self, name: str, levels: Collection[str] = LEVELS) -> bool:
        """Whether :meth:`lookup` finds anything: without making the divisions it would return
        (a common village name such as 新村 has hundreds, each a new record)."""
        divisions = self.divisions
        if any(divisions[c].level in levels for c in self.index.get(name, ())):
            return True
        return "community" in levels and name in self._villages.index

    def resolve(
        self, name: str, context: Iterable[str] = (), levels: Collection[str] = LEVELS
    ) -> Division | None:
        """Link ``name`` to one division, or None when that would be a guess.

        ``context`` holds codes of places named nearby.  A candidate inside a
        context code (or one of its ancestors, which covers siblings) wins if
        it is the only one at the most specific such code; without a context
        match only a name unique in the whole country is linked.
        """
        return self.choose(self.lookup(name, levels), context)

    def choose(self, candidates: Sequence[Division], context: Iterable[str] = ()) -> Division | None:
        """The one of ``candidates`` (a :meth:`lookup` answer) that ``context`` makes certain, or None."""
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        # Every context code and its ancestors (as _ancestor_codes, unrolled: contexts are long).
        divisions = self.divisions
        scopes: set[str] = set()
        code_lengths: set[int] = set()
        for code in context:
            scopes.add(code)
            code_lengths.add(len(code))
            for n in _ANCESTOR_LENGTHS:
                if n < len(code) and code[:n] in divisions:
                    scopes.add(code[:n])
        # The longest scope that is a prefix of the candidate's code, found by slicing the
        # code at each length a scope can have rather than testing every scope.
        lengths = sorted(code_lengths.union(_ANCESTOR_LENGTHS), reverse=True)
        # Candidates are many (a common community name has hundreds), scopes few: most
        # candidates lie in another province, which one look-up of the first two digits settles.
        heads = {c[:2] for c in scopes} if min(code_lengths, default=2) >= 2 else None
        best: list[Division] = []
        best_depth = 0
        for cand in candidates:
            code = cand.code
            depth = 0
            if heads is None or code[:2] in heads:
                for n in lengths:
                    if n <= len(code) and code[:n] in scopes:
                        depth = n
                        break
            if depth > best_depth:
                best, best_depth = [cand], depth
            elif depth == best_depth and depth:
                best.append(cand)
        return best[0] if len(best) == 1 else None

    def top_levels(self, levels: Collection[str] = UPPER_LEVELS) -> dict[str, str]:
        """Every upper-level name and alias of ``levels`` with the highest of them it names (the
        level of ``lookup(name, levels)[0]``), in one pass over the index: a tenth of the time
        of a look-up per name."""
        divisions, out = self.divisions, {}
        for name, codes in self.index.items():
            best = -1
            for code in codes:
                level = divisions[code].level
                if level in levels and (best < 0 or _LEVEL_RANK[level] < best):
                    best = _LEVEL_RANK[level]
            if best >= 0:
                out[name] = LEVELS[best]
        return out

    def names(self, levels: Collection[str] = LEVELS) -> list[str]:
        """Every name and alias of ``levels``, sorted, e.g. for a matcher's dictionary."""
        out = {n for n, codes in self.index.items() if any(self.divisions[c].level in levels for c in codes)}
        if "community" in levels:
            out.update(self._villages.index)
        return sorted(out)


def _read_divisions(path: Path) -> tuple[dict[str, Division], dict[str, tuple[str, ...]]]:
    divisions: dict[str, Division] = {}
    with path.open(encoding="utf-8") as fh:
        next(fh)  # header
        for line in fh:
            code, name, level = line.rstrip("\n").split("\t")
            divisions[code] = Division(code, name, level)
    index: dict[str, list[str]] = {}
    for d in divisions.values():
        index.setdefault(d.name, []).append(d.code)
    # Aliases go top-down, and one that repeats a higher level's name is
    # dropped: 吉林 means 吉林省, not 吉林市; 海南 not 海南藏族自治州.
    taken_above: set[str] = set()
    for level in UPPER_LEVELS:
        level_names = {d.name for d in divisions.values() if d.level == level}
        for d in divisions.values():
            if d.level == level:
                for alias in _aliases(d.name, level):
                    if alias not in taken_above and d.code not in index.get(alias, ()):
                        index.setdefault(alias, []).append(d.code)
                        level_names.add(alias)
        taken_above |= level_names
    return divisions, {n: tuple(codes) for n, codes in index.items()}


def load_gazetteer(ontology: Path | None = None, tables: TableCache | None = None) -> Gazetteer:
    """Read the gazetteer from ``ontology`` (default: the packaged ontology folder).

    Only the upper levels are read now; villages are read on first need, from
    ``tables`` when it holds them (default: :meth:`TableCache.from_env`).
    """
    if tables is None:
        tables = TableCache.from_env()
    if ontology is None:
        divisions_path = resources.ontology_file(_DIVISIONS_FILE)
        villages_path = resources.ontology_file(_VILLAGES_FILE)
    else:
        divisions_path, villages_path = ontology / _DIVISIONS_FILE, ontology / _VILLAGES_FILE
        for path in (divisions_path, villages_path):
            if not path.is_file():
                raise FileNotFoundError(f"gazetteer file {path.name!r} not found in {ontology}")
    divisions, index = _read_divisions(divisions_path)
    return Gazetteer(divisions, index, villages_path, tables)
