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
the best of ``--repeat`` runs is reported, overall and per source (seed pages,
newswire sentences, ``--corpus`` lines: short sentences pay the per-text cost
more often than whole pages).  ``--profile`` prints the top of a cProfile run
instead.

The figure depends on how ``kg`` was installed: a wheel (``pip install .``)
compiles the extraction rules with mypyc when a C compiler is present, an
editable install or a source checkout runs them as pure Python.  The first line
printed says which one is measured.  To measure the compiled rules, run this
script with the Python of an environment where the project was installed with
``pip install ".[fast]"`` (not ``-e``).
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
from kg.resources import compiled_modules, seeds_dir


def corpus(data: Path, extra: Path | None = None) -> dict[str, list[str]]:
    """Texts by source: the seed pages, the newswire sentences, the extra lines."""
    docs, _ = read_documents([seeds_dir()])
    groups: dict[str, list[str]] = {"seed pages": [d.text for d in docs], "newswire": [], "corpus": []}
    msra = data / "msra_val" / "val_sentences.txt"
    if msra.is_file():
        groups["newswire"] += [line.replace(" ", "") for line in msra.read_text(encoding="utf-8").splitlines()]
    pd98 = data / "pd98_dev" / "example.dev"
    if pd98.is_file():
        sent: list[str] = []
        for line in pd98.read_text(encoding="utf-8").splitlines() + [""]:
            if line.strip():
                sent.append(line.split()[0])
            elif sent:
                groups["newswire"].append("".join(sent))
                sent = []
    if extra is not None:
        for path in sorted(extra.glob("*.txt")):
            groups["corpus"] += path.read_text(encoding="utf-8").splitlines()
    return {k: [t for t in v if t.strip()] for k, v in groups.items() if any(t.strip() for t in v)}


def _run(groups: dict[str, list[str]], segmenter: str,
         prof: cProfile.Profile | None) -> tuple[float, dict[str, float], float, int]:
    """One pass over fresh resources: (start-up wall s, CPU s per group, extraction wall s, mentions)."""
    t0 = time.perf_counter()
    res = load_resources(segmenter=segmenter)
    res.gazetteer.load_villages()
    gc.freeze()  # as ``kg extract`` does: no GC pass rescans the tables
    startup = time.perf_counter() - t0
    n = 0
    cpu: dict[str, float] = {}
    w0 = time.perf_counter()
    if prof:
        prof.enable()
    for label, texts in groups.items():
        c0 = time.process_time()
        for t in texts:
            n += len(extract_mentions(t, res))
        cpu[label] = time.process_time() - c0
    if prof:
        prof.disable()
    gc.unfreeze()  # the next run loads its own resources; these may go
    return startup, cpu, time.perf_counter() - w0, n


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
    groups = corpus(Path(args.data), Path(args.corpus) if args.corpus else None)
    texts = [t for g in groups.values() for t in g]
    total = sum(map(len, texts))
    compiled = compiled_modules()
    print(f"kg from {Path(sys.modules['kg'].__file__).parent}: "
          + (f"{len(compiled)} modules compiled with mypyc" if compiled else "pure Python"), flush=True)
    prof = cProfile.Profile() if args.profile else None
    best: dict[str, float] = {}
    for _ in range(1 if prof else max(1, args.repeat)):
        startup, cpu, wall, n = _run(groups, args.segmenter, prof)
        all_cpu = sum(cpu.values())
        print(f"start-up {startup:.2f}s; {total:,} chars in {len(texts):,} texts: {all_cpu:.2f}s CPU "
              f"({total / all_cpu:,.0f} chars/s), {wall:.2f}s wall; {n:,} mentions", flush=True)
        for label, c in [("all", all_cpu), *cpu.items()]:
            best[label] = min(best.get(label, c), c)
    if prof:
        pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(25)
        return
    tok = _tokenizer_share(texts, args.segmenter)
    parts = ", ".join(f"{label} {sum(map(len, g)) / best[label]:,.0f} ({len(g):,} texts)"
                      for label, g in groups.items())
    print(f"best {total / best['all']:,.0f} chars/s CPU on one core (load average {os.getloadavg()[0]:.1f}); "
          f"by source: {parts}; tokenizer alone {total / tok:,.0f} chars/s, {tok / best['all']:.0%} of extraction")

if __name__ == "__main__":
    main()
