"""Extraction throughput in characters per second on one core, start-up excluded.

Usage:  python bench/extract_speed.py [--mb 2] [--data ../shared/data/ner] [--profile]

The corpus is the five seed pages plus the MSRA and People's Daily dev
sentences (read from ../shared, never copied into the project), repeated until
it holds at least ``--mb`` million characters.  Resources are loaded first and
not timed; then every text goes through :func:`kg.extract.extract_mentions`
as ``kg extract --per-line`` would do it.  ``--profile`` prints the top of a
cProfile run instead of the rate alone.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

from kg.extract import extract_mentions, load_resources
from kg.ingest import read_documents
from kg.resources import seeds_dir


def corpus(data: Path) -> list[str]:
    docs, _ = read_documents([seeds_dir()])
    texts = [d.text for d in docs]
    msra = data / "msra_val" / "val_sentences.txt"
    if msra.is_file():
        texts += [line.replace(" ", "") for line in msra.read_text(encoding="utf-8").splitlines()]
    pd98 = data / "pd98_dev" / "example.dev"
    if pd98.is_file():
        sent: list[str] = []
        for line in pd98.read_text(encoding="utf-8").splitlines() + [""]:
            if line.strip():
                sent.append(line.split()[0])
            elif sent:
                texts.append("".join(sent))
                sent = []
    return [t for t in texts if t.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"))
    ap.add_argument("--mb", type=float, default=2.0, help="million characters to process (default 2)")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    base = corpus(Path(args.data))
    texts: list[str] = []
    total = 0
    while total < args.mb * 1_000_000:
        texts.extend(base)
        total += sum(map(len, base))
    t0 = time.perf_counter()
    res = load_resources()
    extract_mentions("某区民政局在光明村开展“三社联动”。", res)  # load the village table now
    startup = time.perf_counter() - t0
    prof = cProfile.Profile() if args.profile else None
    t0 = time.perf_counter()
    if prof:
        prof.enable()
    n = 0
    for t in texts:
        n += len(extract_mentions(t, res))
    if prof:
        prof.disable()
    elapsed = time.perf_counter() - t0
    print(f"start-up {startup:.2f}s; {total:,} chars in {len(texts):,} texts, {elapsed:.2f}s: "
          f"{total / elapsed:,.0f} chars/s, {n:,} mentions")
    if not prof:  # the tokenizer alone, for the share of the time it takes
        t0 = time.perf_counter()
        for t in texts:
            res.tokens(t)
        tok = time.perf_counter() - t0
        print(f"tokenizer alone: {tok:.2f}s ({total / tok:,.0f} chars/s), {tok / elapsed:.0%} of extraction")
    if prof:
        pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
