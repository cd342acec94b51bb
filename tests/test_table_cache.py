"""The start-up table cache (kg.table_cache): same tables on a hit and a miss, never a stale or damaged one."""

from __future__ import annotations

import gzip
import os
import sys

import pytest

from kg.extract.resources import _read_tags, load_resources
from kg.table_cache import CACHE_ENV, TableCache, default_cache_dir
from kg.villages import read_villages

from conftest import SEEDS

TEXT = "示例县人民政府在青禾村召开会议，王小明主持。"


def _villages_file(path, rows):
    """A village table in the shipped layout: a header, then code<TAB>name lines (invented places)."""
    lines = ["code\tname", *(f"{code}\t{name}" for code, name in rows)]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    return path


def _entries(folder, kind):
    return sorted(folder.glob(f"{kind}-*.bin"))


# -- the store itself ------------------------------------------------------


def test_store_and_load_round_trip(tmp_path):
    tables = TableCache(tmp_path / "c")
    value = ("a\nb", b"\x01\x02", {"x": [1, 2]}, (b"", 3))
    tables.store("demo", "k1", value)
    assert tables.load("demo", "k1") == value
    assert tables.load("demo", "k2") is None
    assert not list((tmp_path / "c").glob("*.tmp"))  # written through a temporary file, then renamed


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage"])
def test_damaged_entry_is_a_miss(tmp_path, damage):
    tables = TableCache(tmp_path)
    tables.store("demo", "k", ["word"] * 1000)
    path, = _entries(tmp_path, "demo")
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x40
    elif damage == "truncate":
        del data[len(data) // 2:]
    elif damage == "empty":
        data = bytearray()
    else:
        data = bytearray(b"not a cache entry at all")
    path.write_bytes(bytes(data))
    assert tables.load("demo", "k") is None


def test_unwritable_folder_is_ignored(tmp_path):
    (tmp_path / "file").write_text("x")
    tables = TableCache(tmp_path / "file" / "cache")  # its parent is a file: mkdir fails (even as root)
    tables.store("demo", "k", [1])
    assert tables.load("demo", "k") is None


def test_disabled_cache_never_hits(tmp_path):
    tables = TableCache(None)
    assert not tables.enabled
    tables.store("demo", "k", [1])
    assert tables.load("demo", "k") is None


def test_key_follows_file_contents(tmp_path):
    tables = TableCache(tmp_path)
    f = tmp_path / "input.txt"
    f.write_text("one")
    first = tables.key(f, "x")
    assert tables.key(f, "x") == first
    assert tables.key(f, "y") != first
    f.write_text("two")
    assert tables.key(f, "x") != first


def test_old_entries_are_pruned(tmp_path):
    tables = TableCache(tmp_path)
    for i in range(6):
        tables.store("demo", f"k{i}", i)
        os.utime(tmp_path / f"demo-k{i}.bin", ns=(i, i))  # older than the next one, whatever the clock
    assert [p.name for p in _entries(tmp_path, "demo")] == ["demo-k3.bin", "demo-k4.bin", "demo-k5.bin"]


def test_location_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "kg"))
    assert default_cache_dir() == tmp_path / "kg"
    monkeypatch.setenv(CACHE_ENV, "")
    assert default_cache_dir() is None
    monkeypatch.setenv(CACHE_ENV, "relative/dir")  # never relative to the working directory
    assert default_cache_dir() is None
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "kg-gov-news"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "kg-gov-news"


def test_suite_does_not_use_the_home_cache():
    assert os.environ.get(CACHE_ENV), "tests/conftest.py points the cache at a temporary folder"
    assert not os.environ[CACHE_ENV].startswith(os.path.expanduser("~/.cache"))


# -- the village table -----------------------------------------------------


def test_villages_same_on_hit_and_miss_and_follow_their_file(tmp_path):
    rows = [("110101001001", "甲村"), ("110101001002", "乙社区"), ("110101002001", "甲村")]
    path = _villages_file(tmp_path / "villages.tsv.gz", rows)
    tables = TableCache(tmp_path / "cache")
    plain = read_villages(path)
    missed = read_villages(path, tables)
    assert _entries(tmp_path / "cache", "villages")
    hit = read_villages(path, tables)
    for v in (missed, hit):
        assert (v.codes, v.names, v.index) == (plain.codes, plain.names, plain.index)
    assert hit.index["甲村"] == ["110101001001", "110101002001"]
    _villages_file(path, rows + [("110101002002", "丙村")])  # a changed input: a miss, not the old entry
    assert read_villages(path, tables).name_of("110101002002") == "丙村"


def test_damaged_villages_entry_is_rebuilt(tmp_path):
    path = _villages_file(tmp_path / "villages.tsv.gz", [("110101001001", "甲村")])
    tables = TableCache(tmp_path / "cache")
    read_villages(path, tables)
    entry, = _entries(tmp_path / "cache", "villages")
    entry.write_bytes(entry.read_bytes()[:-7])
    assert read_villages(path, tables).index == {"甲村": ["110101001001"]}
    assert tables.load("villages", entry.name.split("-", 1)[1][:-4]) is not None  # written again


# -- the extractor's tables ------------------------------------------------


def _same_tables(a, b, dictionary_words):
    assert a.tag_table.parts() == b.tag_table.parts()
    assert a.tokenizer.total == b.tokenizer.total
    assert a.tokenizer.FREQ.get("会议", 0) == b.tokenizer.FREQ.get("会议", 0)
    assert a.tokens(TEXT) == b.tokens(TEXT)
    # A restored trie is laid out otherwise once words are added (same content, so not compared as bytes):
    # compare its look-ups and its segmentation of real pages.
    words = dictionary_words[::40] + [r[0] for r in a.lexicon.rows("roles", "role")]
    assert [a.tokenizer.FREQ.get(w, -1) for w in words] == [b.tokenizer.FREQ.get(w, -1) for w in words]
    for page in sorted(SEEDS.rglob("*.txt"))[:20]:
        text = page.read_text(encoding="utf-8")
        assert a.tokens(text) == b.tokens(text)


@pytest.fixture(scope="module")
def cached_loads(res, tmp_path_factory):
    """Resources loaded through an empty cache (a miss), then again (a hit), then after damage."""
    folder = tmp_path_factory.mktemp("tables")
    tables = TableCache(folder)

    def load():
        return load_resources(lexicon=res.lexicon, gazetteer=res.gazetteer, tables=tables)

    missed = load()
    kinds = {p.name.split("-")[0] for p in folder.glob("*.bin")}
    hit = load()
    for path in folder.glob("*.bin"):  # damage every entry: each must be derived again
        data = bytearray(path.read_bytes())
        data[-3] ^= 0xFF
        path.write_bytes(bytes(data))
    damaged = load()
    return missed, hit, damaged, kinds


def test_extractor_tables_same_on_hit_and_miss(res, cached_loads):
    missed, hit, damaged, kinds = cached_loads
    assert "tags" in kinds and ("dat" in kinds) == (res.segmenter == "jieba_fast_dat")
    words = list(_read_tags(res.tokenizer)[0])
    for loaded in (missed, hit, damaged):
        _same_tables(res, loaded, words)


def test_tag_names_are_shared_objects(res, cached_loads):
    """Rebuilt tags are interned, one object per tag, as when read from the dictionary."""
    _, hit, _, _ = cached_loads
    table = hit.tag_table
    assert all(name is sys.intern(name) for name in table.names)
    assert all(tag is sys.intern(tag) for tag in table.rest.values())
    tags, _ = _read_tags(res.tokenizer)
    for word in ("会议", "主持", "召开", max(tags, key=len)):
        assert table.get(word) is tags[word]
