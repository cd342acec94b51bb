"""Run the per-article stages: in process, on a process pool, or on Dask.

Extraction and the per-article part of linking (:mod:`kg.linking`) are the
stages whose cost grows with the text and whose units (articles) are
independent, so they run in parallel.  Each worker loads the dictionaries
once: a forked pool inherits the parent's already-loaded toolkit, and a Dask
worker loads its own on first use and keeps it for later tasks.  The merge of
entities across articles, which needs every article at once, stays in the
calling process.
"""

from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Callable, Iterator, Sequence, TypeVar, cast

from .extract import extract_mentions
from .linking import MentionRow
from .model import Article

if TYPE_CHECKING:
    from .pipeline import Toolkit

__all__ = ["extract_all", "extract_batch", "map_articles", "MentionRow"]

T = TypeVar("T")


class _WorkerState:
    """Per-process state of a pool worker.

    It is process-local by necessity (a pool cannot pass a tokenizer with every
    task); the parent never reads it.  One module-level instance is mutated,
    never rebound, so the module compiles with mypyc.
    """

    def __init__(self) -> None:
        self.toolkit: Toolkit | None = None
        self.articles: Sequence[Article] = ()  # a forked pool's articles, inherited, never pickled
        self.task: Callable[[int], object] | None = None  # a forked map's function, inherited


_STATE = _WorkerState()


def _worker_toolkit(ontology: str | None) -> Toolkit:
    if _STATE.toolkit is None:
        from pathlib import Path

        from .pipeline import load_toolkit

        _STATE.toolkit = load_toolkit(Path(ontology) if ontology else None)
    return _STATE.toolkit


def _rows(article: Article, toolkit: Toolkit) -> list[MentionRow]:
    spans = tuple((b.start, b.end) for b in article.bylines)
    return [(m.start, m.end, m.type, m.subtype, m.rule)
            for m in extract_mentions(article.text, toolkit.res, article.article_id, spans)]


def extract_batch(batch: Sequence[Article], ontology: str | None = None) -> list[list[MentionRow]]:
    """Extract a batch in a worker, loading the toolkit once per process."""
    toolkit = _worker_toolkit(ontology)
    return [_rows(a, toolkit) for a in batch]


def _init_forked(toolkit: Toolkit | None, articles: Sequence[Article] = (),
                 task: Callable[[int], object] | None = None) -> None:
    _STATE.toolkit = toolkit
    _STATE.articles = articles
    _STATE.task = task


def _extract_range(bounds: tuple[int, int]) -> list[list[MentionRow]]:
    """Extract ``articles[start:end]`` in a forked worker.

    The articles were inherited with the fork, so a task is two integers
    instead of a pickled batch of article texts.
    """
    start, end = bounds
    toolkit = _STATE.toolkit
    assert toolkit is not None, "the pool initializer sets the toolkit"
    return [_rows(a, toolkit) for a in _STATE.articles[start:end]]


def _run_range(bounds: tuple[int, int]) -> list[object]:
    """``task(i)`` for every index of a range, in a forked worker (the task was inherited)."""
    task = _STATE.task
    assert task is not None, "the pool initializer sets the task"
    return [task(i) for i in range(*bounds)]


def _batches(items: Sequence[Article], size: int) -> list[Sequence[Article]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def extract_all(articles: Sequence[Article], toolkit, *, workers: int = 1, executor: str = "local",
                scheduler: str | None = None, progress: Callable[[int], None] = lambda n: None,
                meanwhile: Callable[[], None] | None = None) -> list[list[MentionRow]]:
    """Mention rows for every article, in input order.

    ``meanwhile()`` is called once, while the workers extract when there are
    workers (this process would only wait for them), else after extracting.
    """
    meanwhile = meanwhile or _nothing
    if not articles:
        meanwhile()
        return []
    if executor == "dask":
        return _extract_dask(articles, scheduler, progress, meanwhile)
    out: list[list[MentionRow]] = []
    if workers <= 1 or len(articles) < 8:
        for a in articles:
            out.append(_rows(a, toolkit))
            progress(1)
        meanwhile()
        return out
    import multiprocessing as mp

    size = max(1, min(64, len(articles) // (workers * 8) or 1))
    # fork shares the loaded dictionaries copy-on-write: no reload per worker.
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    if ctx.get_start_method() != "fork":  # pragma: no cover - spawn: each worker loads its own toolkit
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_forked,
                                 initargs=(None,)) as pool:
            results = pool.map(extract_batch, _batches(articles, size))
            meanwhile()
            for rows in results:
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
            results = pool.map(_extract_range, ranges)  # submits every range now
            meanwhile()
            for rows in results:
                out.extend(rows)
                progress(len(rows))
    finally:
        gc.unfreeze()
    return out


def map_articles(task: Callable[[int], T], count: int, *, workers: int = 1, min_parallel: int = 8,
                 progress: Callable[[int], None] = lambda n: None) -> Iterator[T]:
    """``task(i)`` for ``i`` in ``range(count)``, in order, on a fork pool when ``workers`` > 1.

    ``task`` and everything it reads (articles, mention rows, dictionaries) are
    inherited by the forked workers, so a job is two integers; only the results
    are pickled back.  Results are yielded as they arrive, so the caller's work
    on them overlaps the workers'.  Without fork, or with fewer than
    ``min_parallel`` items, it runs in this process.
    """
    import multiprocessing as mp

    if workers <= 1 or count < max(min_parallel, 2) or "fork" not in mp.get_all_start_methods():
        for i in range(count):
            yield task(i)
            progress(1)
        return
    size = max(1, min(64, count // (workers * 8) or 1))
    gc.freeze()  # the workers' collector neither scans nor (touching reference counts) copies the heap
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork"), initializer=_init_forked,
                                 initargs=(None, (), task)) as pool:
            try:
                for part in pool.map(_run_range, [(i, min(i + size, count)) for i in range(0, count, size)]):
                    yield from cast("list[T]", part)
                    progress(len(part))
            except BaseException:  # the caller stopped early or failed: drop the jobs not yet started
                pool.shutdown(cancel_futures=True)
                raise
    finally:
        gc.unfreeze()


def _extract_dask(articles: Sequence[Article], scheduler: str | None, progress,
                  meanwhile: Callable[[], None] | None = None) -> list[list[MentionRow]]:
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
        if meanwhile:
            meanwhile()
        out: list[list[MentionRow]] = []
        for fut in futures:  # in submission order, so results stay in input order
            rows = fut.result()
            out.extend(rows)
            progress(len(rows))
        return out
    finally:
        client.close()


def _nothing() -> None:
    pass


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
