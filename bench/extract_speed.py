"""Extraction throughput in characters per second on one core, start-up excluded.

Usage:  python bench/extract_speed.py [--repeat 3] [--data ../shared/data/ner] [--corpus DIR]
                                      [--segmenter auto] [--profile]

The corpus is real text only: the five seed pages (local governance news) plus
the MSRA and People's Daily dev sentences (national newswire, read from
../shared, never copied into the project); ``--corpus DIR`` adds the lines of
every ``*.txt`` file in DIR (e.g. made by ``bench/gen_corpus.py``).  Each text
goes through :func:`kg.extract.extract_mentions` once per run, as
``kg extract --per-line`` would do it.

Honest timing: no text is seen twice within a run, and every run loads fresh
resources first (not timed), so no memo (the tokenizer's HMM cache) is warm
from an earlier pass; as in ``kg extract``, the loaded tables are then frozen
out of the garbage collector's sight (``gc.freeze``).  The rate is process CPU
time, which other work on a shared machine disturbs far less than wall time;
the best of ``--repeat`` runs is reported.  ``--profile`` prints the top of a
cProfile run instead.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import sys
import time
from pathlib import Path

from kg.extract import extract_mentions, load_resources
from kg.ingest import read_documents
from kg.resources import seeds_dir


def corpus(data: Path, extra: Path | None = None) -> list[str]:
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
    if extra is not None:
        for path in sorted(extra.glob("*.txt")):
            texts += path.read_text(encoding="utf-8").splitlines()
    return [t for t in texts if t.strip()]


def _run(texts: list[str], segmenter: str, prof: cProfile.Profile | None) -> tuple[float, float, float, int]:
    """One pass over fresh resources: (start-up wall s, extraction CPU s, extraction wall s, mentions)."""
    t0 = time.perf_counter()
    res = load_resources(segmenter=segmenter)
    res.gazetteer.load_villages()
    gc.freeze()  # as ``kg extract`` does: no GC pass rescans the tables
    startup = time.perf_counter() - t0
    n = 0
    c0, w0 = time.process_time(), time.perf_counter()
    if prof:
        prof.enable()
    for t in texts:
        n += len(extract_mentions(t, res))
    if prof:
        prof.disable()
    gc.unfreeze()  # the next run loads its own resources; these may go
    return startup, time.process_time() - c0, time.perf_counter() - w0, n


def _tokenizer_share(texts: list[str], segmenter: str) -> float:
    res = load_resources(segmenter=segmenter)
    c0 = time.process_time()
    for t in texts:
        res.tokens(t)
    return time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"))
    ap.add_argument("--corpus", help="directory of extra *.txt files, one text per line")
    ap.add_argument("--repeat", type=int, default=3, help="runs, each on fresh resources; the best counts")
    ap.add_argument("--segmenter", default="auto")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    texts = corpus(Path(args.data), Path(args.corpus) if args.corpus else None)
    total = sum(map(len, texts))
    prof = cProfile.Profile() if args.profile else None
    best = None
    for _ in range(1 if prof else max(1, args.repeat)):
        startup, cpu, wall, n = _run(texts, args.segmenter, prof)
        print(f"start-up {startup:.2f}s; {total:,} chars in {len(texts):,} texts: {cpu:.2f}s CPU "
              f"({total / cpu:,.0f} chars/s), {wall:.2f}s wall; {n:,} mentions", flush=True)
        best = cpu if best is None else min(best, cpu)
    if prof:
        pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(25)
        return
    tok = _tokenizer_share(texts, args.segmenter)
    print(f"best {total / best:,.0f} chars/s CPU on one core (load average {os.getloadavg()[0]:.1f}); "
          f"tokenizer alone {total / tok:,.0f} chars/s, {tok / best:.0%} of extraction")


if __name__ == "__main__":
    main()
