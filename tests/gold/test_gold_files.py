"""Integrity checks for the hand-written gold annotation files."""
import json
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).parent
SEEDS_DIR = Path(__file__).parents[2] / "seeds"
TYPES = {"Place", "Organization", "Person", "Program", "Document", "Event"}


def _load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _check_mentions(text, mentions, where):
    prev_end = -1
    prev_start = -1
    for m in mentions:
        assert set(m) == {"start", "end", "text", "type"}, f"{where}: bad keys {m}"
        assert isinstance(m["start"], int) and isinstance(m["end"], int), f"{where}: {m}"
        assert 0 <= m["start"] < m["end"] <= len(text), f"{where}: offsets out of range {m}"
        assert text[m["start"]:m["end"]] == m["text"], (
            f"{where}: slice {text[m['start']:m['end']]!r} != {m['text']!r}")
        assert m["type"] in TYPES, f"{where}: unknown type {m}"
        assert m["text"] == m["text"].strip(), f"{where}: surrounding whitespace {m}"
        assert not m["text"].startswith(("“", "《")) and not m["text"].endswith(("”", "》")), (
            f"{where}: quotes/brackets must be outside the span {m}")
        assert m["start"] >= prev_start, f"{where}: mentions not sorted at {m}"
        assert m["start"] >= prev_end, f"{where}: overlapping mentions at {m}"
        prev_start, prev_end = m["start"], m["end"]


SEEDS_GOLD = GOLD_DIR / "seeds.jsonl"


def test_seeds_gold_exists():
    assert SEEDS_GOLD.exists()


def _seed_records():
    return _load_jsonl(SEEDS_GOLD) if SEEDS_GOLD.exists() else []


def test_seeds_gold_covers_every_seed_in_order():
    files = [r["file"] for r in _seed_records()]
    seeds = sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
    assert files == seeds


@pytest.mark.parametrize("record", _seed_records(), ids=lambda r: r["file"])
def test_seed_mentions(record):
    assert set(record) == {"file", "mentions"}
    text = (SEEDS_DIR / record["file"]).read_text(encoding="utf-8")
    assert record["mentions"], "no mentions"
    _check_mentions(text, record["mentions"], record["file"])


OTHER = GOLD_DIR / "other_cities.jsonl"


@pytest.mark.skipif(not OTHER.exists(), reason="other_cities.jsonl not written yet")
def test_other_cities_mentions():
    for i, record in enumerate(_load_jsonl(OTHER)):
        assert set(record) == {"text", "mentions"}
        _check_mentions(record["text"], record["mentions"], f"other_cities line {i + 1}")
