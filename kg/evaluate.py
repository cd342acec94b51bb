"""Precision, recall and F1 per type against hand-written gold.

Two gold shapes are accepted, one JSON object per line:

``{"text": "…", "mentions": [{"start", "end", "text", "type"}]}``
    the text is extracted on its own;
``{"file": "000_….txt", "mentions": [...]}``
    the file (found in ``files_dir``) goes through ingest and segmentation,
    and mentions are mapped back to file offsets, so the whole pipeline is
    measured.  Captions and navigation are outside the gold by definition.

A prediction counts only with the exact span and type.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .extract import ExtractorResources, extract_mentions
from .ingest import read_document
from .model import ENTITY_TYPES, Article
from .segment import Layout, WordOracle, segment_document, to_article_parts

__all__ = ["Scores", "evaluate_records", "load_gold", "format_table"]


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)

    def add(self, gold: set[tuple[int, int, str]], pred: set[tuple[int, int, str]], ref: str, text: str) -> None:
        for s, e, t in gold & pred:
            self.tp[t] += 1
        for s, e, t in pred - gold:
            self.fp[t] += 1
            self.errors.append({"ref": ref, "kind": "fp", "type": t, "text": text[s:e], "start": s})
        for s, e, t in gold - pred:
            self.fn[t] += 1
            self.errors.append({"ref": ref, "kind": "fn", "type": t, "text": text[s:e], "start": s})

    def row(self, t: str | None = None) -> dict:
        tp = sum(self.tp.values()) if t is None else self.tp[t]
        fp = sum(self.fp.values()) if t is None else self.fp[t]
        fn = sum(self.fn.values()) if t is None else self.fn[t]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"type": t or "ALL", "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
                "f1": round(f, 4)}

    def table(self) -> list[dict]:
        types = [t for t in ENTITY_TYPES if self.tp[t] or self.fp[t] or self.fn[t]]
        return [self.row(t) for t in types] + [self.row()]


def load_gold(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
    return rows


def _file_predictions(path: Path, res: ExtractorResources, layout: Layout, words: WordOracle
                      ) -> tuple[str, set[tuple[int, int, str]]]:
    doc = read_document(path)
    pred = set()
    for raw in segment_document(doc, layout, words):
        title, text, body_start, bylines, spans = to_article_parts(raw)
        art = Article("eval", title, text, body_start, bylines, doc.doc_id, doc.path, spans, (doc.path,))
        for m in extract_mentions(text, res, bylines=tuple((b.start, b.end) for b in bylines)):
            mapped = art.to_source(m.start, m.end)
            if mapped:
                pred.add((mapped[0], mapped[1], m.type))
    return doc.text, pred


def evaluate_records(records: list[dict], res: ExtractorResources, files_dir: Path | None = None,
                     layout: Layout | None = None) -> Scores:
    scores = Scores()
    words = WordOracle(res.tokenizer)
    layout = layout or Layout.from_lexicon(res.lexicon)
    for n, rec in enumerate(records):
        gold = {(m["start"], m["end"], m["type"]) for m in rec["mentions"]}
        if "file" in rec:
            if files_dir is None:
                raise ValueError("gold rows name files; pass the folder that holds them")
            text, pred = _file_predictions(files_dir / rec["file"], res, layout, words)
            ref = rec["file"]
        else:
            text = rec["text"]
            pred = {(m.start, m.end, m.type) for m in extract_mentions(text, res)}
            ref = f"line {n + 1}"
        scores.add(gold, pred, ref, text)
    return scores


def format_table(rows: list[dict]) -> str:
    head = f"{'type':<13}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(f"{r['type']:<13}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}"
                     f"{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}")
    return "\n".join(lines)
