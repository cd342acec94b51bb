"""Extraction quality on the hand-written gold sets, with thresholds that only go up."""

from pathlib import Path

from kg.evaluate import evaluate_records, load_gold

from conftest import SEEDS

GOLD = Path(__file__).parent / "gold"


def test_seed_gold_recall(res):
    scores = evaluate_records(load_gold(GOLD / "seeds.jsonl"), res, files_dir=SEEDS)
    rows = {r["type"]: r for r in scores.table()}
    print({t: (r["precision"], r["recall"]) for t, r in rows.items()})
    assert rows["Place"]["recall"] >= 0.95
    assert rows["Person"]["recall"] >= 0.9
    assert rows["Document"]["recall"] >= 0.95
    assert rows["Organization"]["recall"] >= 0.92
    assert rows["Program"]["recall"] >= 0.82
    assert rows["ALL"]["f1"] >= 0.9


def test_other_cities_gold(res):
    scores = evaluate_records(load_gold(GOLD / "other_cities.jsonl"), res)
    rows = {r["type"]: r for r in scores.table()}
    print({t: (r["precision"], r["recall"]) for t, r in rows.items()})
    assert rows["Program"]["f1"] >= 0.85
    assert rows["Document"]["f1"] >= 0.9
    assert rows["Place"]["f1"] >= 0.95
    assert rows["ALL"]["f1"] >= 0.93
