"""Integrity checks for the hand-written gold file other_cities.jsonl."""
import json
from pathlib import Path

import pytest

GOLD = Path(__file__).parent / "other_cities.jsonl"
TYPES = {"Place", "Organization", "Person", "Program", "Document", "Event"}
BRACKETS = "《》"
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}


def _load():
    records = []
    with GOLD.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            assert line.strip(), f"blank line {lineno}"
            records.append((lineno, json.loads(line)))
    return records


RECORDS = _load()


def test_file_has_enough_lines():
    assert len(RECORDS) >= 60


def test_texts_unique_and_nonempty():
    texts = [r["text"] for _, r in RECORDS]
    assert all(isinstance(t, str) and t.strip() for t in texts)
    assert len(set(texts)) == len(texts)


@pytest.mark.parametrize("lineno,rec", RECORDS, ids=[str(n) for n, _ in RECORDS])
def test_record(lineno, rec):
    assert set(rec) == {"text", "mentions"}
    text, mentions = rec["text"], rec["mentions"]
    assert isinstance(mentions, list)
    prev_end = 0
    prev_start = -1
    for m in mentions:
        assert set(m) == {"start", "end", "text", "type"}, m
        s, e = m["start"], m["end"]
        assert isinstance(s, int) and isinstance(e, int)
        assert 0 <= s < e <= len(text), m
        assert text[s:e] == m["text"], (m, text[s:e])
        assert m["type"] in TYPES, m
        # sorted by start, no overlaps
        assert s > prev_start, f"not sorted: {m}"
        assert s >= prev_end, f"overlap: {m}"
        prev_start, prev_end = s, e
        # spans carry no surrounding whitespace or outer 《》 brackets; a quote
        # may only sit at an edge when the span also holds its partner
        # (e.g. a title that itself begins with a quoted term)
        t = m["text"]
        assert t == t.strip()
        assert t[0] not in BRACKETS and t[-1] not in BRACKETS, m
        for open_q, close_q in PAIRS.items():
            assert t.count(open_q) == t.count(close_q), f"unbalanced quotes: {m}"
            assert not (t.startswith(open_q) and t.endswith(close_q)), f"quotes inside span: {m}"


def test_all_types_present():
    seen = {m["type"] for _, r in RECORDS for m in r["mentions"]}
    assert seen == TYPES
