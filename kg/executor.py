"""Run the extraction stage over articles: in process, on a process pool, or on Dask.

Extraction is the only stage whose cost grows with the text and whose units
(articles) are independent, so it is the one that runs in parallel.  Each
worker loads the dictionaries once: a forked pool inherits the parent's
already-loaded toolkit, and a Dask worker loads its own on first use and
keeps it for later tasks.  Resolution, which needs every article at once,
stays in the calling process.
"""

from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Sequence

from .extract import extract_mentions
from .model import Article, Mention

__all__ = ["extract_all", "extract_batch", "MentionRow"]

#: Compact, picklable form of a mention: (start, end, type, subtype, rule).
MentionRow = tuple[int, int, str, str, str]

# Per-process toolkit of a worker.  It is process-local state by necessity
# (a pool cannot pass a tokenizer with every task); the parent never reads it.
_WORKER_TOOLKIT = None
_WORKER_ARTICLES: Sequence[Article] | None = None  # a forked pool's articles, inherited, never pickled


def _rows(article: Article, toolkit) -> list[MentionRow]:
    spans = tuple((b.start, b.end) for b in article.bylines)
    return [(m.start, m.end, m.type, m.subtype, m.rule)
            for m in extract_mentions(article.text, toolkit.res, article.article_id, spans)]


def extract_batch(batch: Sequence[Article], ontology: str | None = None) -> list[list[MentionRow]]:
    """Extract a batch in a worker, loading the toolkit once per process."""
    global _WORKER_TOOLKIT
    if _WORKER_TOOLKIT is None:
        from pathlib import Path

        from .pipeline import load_toolkit

        _WORKER_TOOLKIT = load_toolkit(Path(ontology) if ontology else None)
    return [_rows(a, _WORKER_TOOLKIT) for a in batch]


def _init_forked(toolkit, articles=None) -> None:
    global _WORKER_TOOLKIT, _WORKER_ARTICLES
    _WORKER_TOOLKIT = toolkit
    _WORKER_ARTICLES = articles


def _extract_range(bounds: tuple[int, int]) -> list[list[MentionRow]]:
    """Extract ``_WORKER_ARTICLES[start:end]`` in a forked worker.

    The articles were inherited with the fork, so a task is two integers
    instead of a pickled batch of article texts.
    """
    start, end = bounds
    return [_rows(a, _WORKER_TOOLKIT) for a in _WORKER_ARTICLES[start:end]]


def _batches(items: Sequence[Article], size: int) -> list[Sequence[Article]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def to_mentions(article: Article, rows: Iterable[MentionRow]) -> list[Mention]:
    return [Mention(article.article_id, s, e, article.text[s:e], t, sub, rule) for s, e, t, sub, rule in rows]


def extract_all(articles: Sequence[Article], toolkit, *, workers: int = 1, executor: str = "local",
                scheduler: str | None = None, progress: Callable[[int], None] = lambda n: None
                ) -> list[list[MentionRow]]:
    """Mention rows for every article, in input order."""
    if not articles:
        return []
    if executor == "dask":
        return _extract_dask(articles, scheduler, progress)
    if workers <= 1 or len(articles) < 8:
        out = []
        for a in articles:
            out.append(_rows(a, toolkit))
            progress(1)
        return out
    import multiprocessing as mp

    size = max(1, min(64, len(articles) // (workers * 8) or 1))
    out: list[list[MentionRow]] = []
    # fork shares the loaded dictionaries copy-on-write: no reload per worker.
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    if ctx.get_start_method() != "fork":  # pragma: no cover - spawn: each worker loads its own toolkit
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_forked,
                                 initargs=(None,)) as pool:
            for rows in pool.map(extract_batch, _batches(articles, size)):
                out.extend(rows)
                progress(len(rows))
        return out
    # Read the lazily loaded village table once here rather than once per worker
    # (~1.5 s each), and freeze the heap so that the workers' garbage collector
    # neither scans nor (by touching reference counts) copies the inherited objects.
    toolkit.res.gazetteer.load_villages()
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_forked,
                                 initargs=(toolkit, articles)) as pool:
            ranges = [(i, min(i + size, len(articles))) for i in range(0, len(articles), size)]
            for rows in pool.map(_extract_range, ranges):
                out.extend(rows)
                progress(len(rows))
    finally:
        gc.unfreeze()
    return out


def _extract_dask(articles: Sequence[Article], scheduler: str | None, progress) -> list[list[MentionRow]]:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ValueError("--executor dask needs the 'distributed' package: pip install 'kg-gov-news[dask]'") from exc
    if not scheduler:
        raise ValueError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    client = Client(scheduler)  # an address, or a cluster object in tests
    try:
        batches = _batches(articles, max(1, min(64, len(articles) // 16 or 1)))
        futures = client.map(extract_batch, batches, pure=False)
        out: list[list[MentionRow]] = []
        for fut in futures:  # in submission order, so results stay in input order
            rows = fut.result()
            out.extend(rows)
            progress(len(rows))
        return out
    finally:
        client.close()


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
