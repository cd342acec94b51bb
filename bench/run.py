"""End-to-end build benchmark on generated corpora of 1, 10 and 100 MB.

Usage:
    python bench/run.py --sizes 1 10          # generate (cached in /tmp/kg-bench) and build
    python bench/run.py --sizes 1 10 100 --write bench/RESULTS.md

Each size runs `kg build` in a fresh process (so peak RSS is the build's own)
with --no-cache, and, in the same run, bare single-process ``jieba.lcut``
over the same text as the yardstick.  Reported: characters per second end to
end, the ratio to jieba.lcut, peak RSS, entities, relations, triples and the
time of every stage.  The CPU seconds of the main process and of the
extraction workers (and the forked Turtle/TriG writer and validator) are shown beside the wall time: on a shared
machine they vary less.  ``write+validate`` is the outputs and the SHACL check, which overlap when
Turtle/TriG are written, and the validation runs, in forked children (two or more workers).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import generate  # noqa: E402

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from kg.cli import main
from kg.export import summary_lines
import kg.pipeline as P
from kg.export import write_and_validate
from kg.resources import compiled_modules
from kg.executor import default_workers
kg = P.build([sys.argv[1]], workers=int(sys.argv[3]) or default_workers(), lazy_graph=True)  # as kg build does
main_cpu_build = time.process_time()
import gc; gc.freeze()  # as kg.cli does after the build
t1 = time.perf_counter()
workers = int(sys.argv[3]) or default_workers()
# as kg build does: with 2+ workers Turtle/TriG are written in a forked child beside JSON, HTML, validation,
# all from the records (a "graph" stage appears only if something built the networkx graph)
paths, v = write_and_validate(kg, Path(sys.argv[2]), workers=workers)
t3 = time.perf_counter()
triples = sum(1 for line in open(paths["ttl"], encoding="utf-8") if line.rstrip().endswith((" .", " ;", " ,")))
print(json.dumps({"stages": {**kg.timings, "write+validate": round(t3 - t1 - kg.timings.get("graph", 0.0), 3)},
                  "total": round(t3 - t0, 3), "main_cpu_s": round(time.process_time(), 1), "main_cpu_build_s": round(main_cpu_build, 1),
                  "rdf_writer": kg.stats.get("rdf_writer"), "validator": kg.stats.get("validator"),
                  "workers_cpu_s": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
                                         + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime, 1), "articles": len(kg.articles), "characters": kg.stats["characters"],
                  "entities": len(kg.entities), "relations": len(kg.relations), "triples_approx": triples,
                  "conforms": v.conforms, "validated": v.text.splitlines()[0] if v.text else "",
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "compiled_modules": len(compiled_modules())}))
"""

_JIEBA = r"""
import sys, time, jieba, logging
from pathlib import Path
jieba.setLogLevel(logging.WARNING)
tok = jieba.Tokenizer(); tok.initialize()
text = "".join(p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt")))
t = time.perf_counter(); tok.lcut(text); print(time.perf_counter() - t)
"""


def run_size(mb: float, workers: int, root: Path) -> dict:
    corpus = root / f"corpus{mb:g}"
    if not corpus.exists():
        generate(corpus, mb)
    size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
    lcut = float(subprocess.run([sys.executable, "-c", _JIEBA, str(corpus)], capture_output=True, text=True,
                                check=True).stdout)
    out = root / f"out{mb:g}"
    load_before = os.getloadavg()[0]
    # cwd=root: run from a project checkout, ``-c`` would import the source tree (pure Python) instead of
    # the installed package, which may be a compiled wheel
    r = subprocess.run([sys.executable, "-c", _CHILD, str(corpus), str(out), str(workers)], capture_output=True,
                       text=True, cwd=root)
    if r.returncode != 0:
        raise SystemExit(r.stderr[-3000:])
    row = json.loads(r.stdout.strip().splitlines()[-1])
    row.update({"mb": mb, "bytes": size, "jieba_lcut_s": round(lcut, 2),
                "load_avg": [round(load_before, 1), round(os.getloadavg()[0], 1)],
                "ratio_to_lcut": round(row["total"] / lcut, 2),
                "chars_per_s": int(row["characters"] / row["total"])})
    return row


def table(rows: list[dict]) -> str:
    head = ("| corpus | chars | total s (main + workers CPU s) | chars/s | jieba.lcut s | ratio | peak RSS MB (main / largest worker) | "
            "articles | entities | relations | triples | stages (s) |")
    lines = [head, "|" + "---|" * 12]
    for r in rows:
        stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
        lines.append(f"| {r['mb']:g} MB | {r['characters']:,} | {r['total']:.1f} ({r.get('main_cpu_s', 0):.0f} + {r.get('workers_cpu_s', 0):.0f}) | "
                     f"{r['chars_per_s']:,} | "
                     f"{r['jieba_lcut_s']:.1f} | {r['ratio_to_lcut']:.2f}× | {r['rss_mb']:.0f} / {r.get('worker_rss_mb', 0):.0f}{_private(r)} | "
                     f"{r['articles']:,} | "
                     f"{r['entities']:,} | {r['relations']:,} | {r['triples_approx']:,} | {stages} |")
    return "\n".join(lines)


def _private(row: dict) -> str:
    """The forked Turtle/TriG writer's and validator's own memory (their RSS shares the parent's pages)."""
    parts = [f"{name} private {w['private_mb']}" for name, w in (("RDF writer", row.get("rdf_writer") or {}),
                                                                  ("validator", row.get("validator") or {}))
             if w.get("private_mb") is not None]
    return f" ({', '.join(parts)})" if parts else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 10])
    ap.add_argument("--workers", type=int, default=0, help="extraction processes (0: all cores)")
    ap.add_argument("--root", default="/tmp/kg-bench")
    ap.add_argument("--write", help="write a Markdown results file")
    args = ap.parse_args()
    root = Path(args.root).resolve()
    root.mkdir(parents=True, exist_ok=True)
    rows = []
    for mb in args.sizes:
        rows.append(run_size(mb, args.workers, root))
        print(json.dumps(rows[-1], ensure_ascii=False))
    text = table(rows)
    print(text)
    if args.write:
        mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        loads = "; ".join(f"{r['mb']:g} MB {r['load_avg'][0]} → {r['load_avg'][1]}" for r in rows)
        compiled = max(r.get("compiled_modules", 0) for r in rows)
        how = f"kg installed as a wheel with {compiled} modules compiled by mypyc" if compiled else "kg pure Python"
        machine = (f"{platform.machine()}, {os.cpu_count()} cores, {mem_gb:.0f} GB RAM, {how}, Python "
                   f"{platform.python_version()}, {platform.system()} {platform.release()}; 1-minute load average "
                   f"before → after each build (other processes included): {loads}")
        Path(args.write).write_text(f"# Benchmark results\n\nMachine: {machine}. Command: "
                                    f"`python bench/run.py --sizes {' '.join(f'{s:g}' for s in args.sizes)}`.\n\n"
                                    f"{text}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
