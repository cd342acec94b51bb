"""Span F1 on public newswire NER sets through `kg extract --per-line`.

Usage:  python bench/ner_newswire.py [--data ../shared/data/ner] [--limit N] [--errors N] [--half dev|test]

Reads MSRA (msra_val/val_sentences.txt + val_tags.txt) and People's Daily 1998
(pd98_dev/example.dev), runs the real command line once per set (all lines in
one call) and maps Person->PER, Place->LOC, Organization->ORG.  The data is not
part of the project; it lives beside it in ../shared and is never committed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

MAP = {"Person": "PER", "Place": "LOC", "Organization": "ORG"}


def bio_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    spans, start, kind = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != kind):
            if start is not None:
                spans.add((start, i, kind))
            start, kind = (i, t[2:]) if t.startswith(("B-", "I-")) else (None, None)
    return spans


def load_msra(folder: Path) -> list[tuple[str, set]]:
    sents = (folder / "val_sentences.txt").read_text(encoding="utf-8").splitlines()
    tags = (folder / "val_tags.txt").read_text(encoding="utf-8").splitlines()
    out = []
    for s, t in zip(sents, tags):
        chars, tg = s.split(" "), t.split(" ")
        assert len(chars) == len(tg)
        out.append(("".join(chars), bio_spans(tg)))
    return out


def load_pd98(path: Path) -> list[tuple[str, set]]:
    out, chars, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if chars:
                out.append(("".join(chars), bio_spans(tags)))
            chars, tags = [], []
            continue
        c, t = line.split()
        chars.append(c)
        tags.append(t)
    return out


def run_extract(texts: list[str]) -> tuple[list[set], float]:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("\n".join(texts) + "\n")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "kg.cli", "extract", "--per-line", f.name],
                       capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - t0
    preds = []
    for line in r.stdout.splitlines():
        preds.append({(m["start"], m["end"], MAP[m["type"]]) for m in json.loads(line)["mentions"] if m["type"] in MAP})
    assert len(preds) == len(texts), (len(preds), len(texts))
    return preds, elapsed


def score(gold: list[set], pred: list[set]) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        for s in g & p:
            tp[s[2]] += 1
        for s in p - g:
            fp[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
    rows = {}
    for k in ("PER", "LOC", "ORG", None):
        a = sum(tp.values()) if k is None else tp[k]
        b = sum(fp.values()) if k is None else fp[k]
        c = sum(fn.values()) if k is None else fn[k]
        p = a / (a + b) if a + b else 0
        r = a / (a + c) if a + c else 0
        rows[k or "ALL"] = {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / (p + r) if p + r else 0, 3)}
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", type=int, default=0, help="print N example errors per set")
    ap.add_argument("--half", choices=("dev", "test"), help="first (dev) or second (test) half of each set")
    args = ap.parse_args()
    data = Path(args.data)
    for name, rows in (("MSRA", load_msra(data / "msra_val")), ("PD98", load_pd98(data / "pd98_dev" / "example.dev"))):
        if args.half:
            rows = rows[: len(rows) // 2] if args.half == "dev" else rows[len(rows) // 2:]
        if args.limit:
            rows = rows[: args.limit]
        texts = [t for t, _ in rows]
        preds, elapsed = run_extract(texts)
        res = score([g for _, g in rows], preds)
        chars = sum(map(len, texts))
        print(f"{name}: {len(rows)} sentences, {chars} chars, {elapsed:.1f}s incl. start-up")
        for k, v in res.items():
            print(f"  {k:<4} P {v['P']:.3f}  R {v['R']:.3f}  F1 {v['F1']:.3f}")
        for (text, g), p in list(zip(rows, preds))[: args.errors]:
            if g != p:
                print("   ", text)
                print("      missed:", sorted((text[s:e], k) for s, e, k in g - p))
                print("      wrong: ", sorted((text[s:e], k) for s, e, k in p - g))


if __name__ == "__main__":
    main()
