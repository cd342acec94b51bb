"""Wire the stages: files -> articles -> mentions -> entities -> relations -> graph.

``build(paths)`` is the library entry point behind ``kg build``.  Expensive
resources (tokenizer, gazetteer, automata) are loaded once into a
:class:`Toolkit` that callers may reuse between builds.
"""

from __future__ import annotations

import logging
import os
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from tqdm import tqdm

from .articles import make_articles
from .assembly import assemble
from .cache import ExtractionCache, extractor_fingerprint
from .executor import extract_all, map_articles
from .extract import ExtractorResources, load_resources
from .gazetteer_cache import CachedGazetteer
from .gc_control import gc_deferred
from .graph import EntityList, KnowledgeGraph
from .ingest import read_documents
from .linking import ArticleLinks, MentionRow, link_article, page_place_codes
from .model import Article, Entity, Relation
from .resolve import PlacePrefixes
from .resources import seeds_dir
from .segment import Layout, WordOracle

__all__ = ["Toolkit", "load_toolkit", "build", "gc_deferred", "resolve_all", "assemble"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Toolkit:
    """Everything loaded once per process."""

    res: ExtractorResources
    layout: Layout
    words: WordOracle


def load_toolkit(ontology: Path | None = None) -> Toolkit:
    with gc_deferred():  # hundreds of thousands of long-lived table entries, no cycles
        res = load_resources(ontology)
    return Toolkit(res, Layout.from_lexicon(res.lexicon), WordOracle(res.tokenizer))


def build(paths: Iterable[str | os.PathLike] | None = None, *, toolkit: Toolkit | None = None,
          progress: bool = False, workers: int = 1, executor: str = "local", scheduler=None,
          cache_dir: Path | None = None, lazy_graph: bool = False,
          meanwhile: Callable[[], None] | None = None) -> KnowledgeGraph:
    """Build a knowledge graph from files and folders (default: the bundled seeds).

    ``workers`` > 1 extracts and links articles on a local process pool;
    ``executor="dask"`` sends extraction to the Dask scheduler at ``scheduler``.  With
    ``cache_dir``, per-article extraction is cached there by content hash,
    so a rebuild re-extracts only new or changed articles.  With
    ``lazy_graph``, the networkx graph is built on first use of ``kg.graph``
    (``kg build`` does this: :func:`kg.export.write_and_validate` writes every
    output straight from the records and never builds it).
    ``meanwhile()`` is called once while the extraction workers run, when this
    process would only wait for them (``kg build`` imports its writers there).
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = round(now - clock, 4)
        clock = now

    tk = toolkit or load_toolkit()
    lap("load")
    paths = list(paths) if paths else [seeds_dir()]
    docs, skipped = read_documents(paths)
    lap("ingest")
    with gc_deferred():
        articles = make_articles(docs, tk.layout, tk.words)
    lap("segment")
    cache = ExtractionCache(cache_dir, extractor_fingerprint(tk.res.lexicon.folder)) if cache_dir else None
    rows: list = [cache.get(a) if cache else None for a in articles]
    todo = [i for i, r in enumerate(rows) if r is None]
    with tqdm(total=len(todo), desc="extract", unit="art", disable=not progress, leave=False) as bar:
        fresh = extract_all([articles[i] for i in todo], tk, workers=workers, executor=executor,
                            scheduler=scheduler, progress=bar.update, meanwhile=meanwhile)
    for i, r in zip(todo, fresh):
        rows[i] = r
        if cache:
            cache.put(articles[i], r)
    if cache:
        cache.save()
    lap("extract")
    # Linking allocates millions of small acyclic objects; each pass of the cyclic GC
    # would rescan all of them (superlinear), so it waits until linking is done.
    with gc_deferred():
        entities, relations = resolve_all(articles, rows, tk, workers=workers, progress=progress)
    lap("resolve")
    kg = KnowledgeGraph(articles=articles, entities=EntityList(entities), relations=relations, skipped=skipped)
    kg.timings.update(timings)
    if not lazy_graph:
        kg.graph  # built now (timed as "graph")
    kg.stats.update({"extracted": len(todo), "cached": len(articles) - len(todo),
                     "characters": sum(len(a.text) for a in articles)})
    return kg


# Linking costs ~0.6 ms an article, so a pool (forks, then every worker fills its own look-up
# caches) pays off only for large builds: at 10 MB (~7k articles), not at 1 MB.
LINK_POOL_MIN_ARTICLES = 2000


def resolve_all(articles: Sequence[Article], rows: Sequence[Sequence[MentionRow]], tk: Toolkit, *,
                workers: int = 1, progress: bool = False, min_parallel: int = LINK_POOL_MIN_ARTICLES
                ) -> tuple[list[Entity], list[Relation]]:
    """Entities and relations of every article: each article linked on its own (on a pool of
    ``workers`` processes from ``min_parallel`` articles on), then merged here."""
    # Repeated look-ups are answered from dicts; forked workers inherit them as filled so far.
    gaz, prefixes = CachedGazetteer(tk.res.gazetteer), PlacePrefixes(tk.res.gazetteer)
    lex, roles = tk.res.lexicon, tk.res.roles
    # Page context: the provinces and cities named anywhere on an article's page.
    found: dict[str, set[str]] = defaultdict(set)
    for a, r in zip(articles, rows):
        page_place_codes(a, r, gaz, found[a.doc_id])
    page_codes = {doc: sorted(codes) for doc, codes in found.items()}

    def link(i: int) -> ArticleLinks:
        a = articles[i]
        return link_article(a, rows[i], page_codes[a.doc_id], gaz, lex, roles, prefixes)

    if workers > 1 and len(articles) >= min_parallel:
        tk.res.gazetteer.load_villages()  # read once here, not once per worker
    with tqdm(total=len(articles), desc="resolve", unit="art", disable=not progress, leave=False) as bar:
        # The workers link while this process merges what they have sent so far.
        links = map_articles(link, len(articles), workers=workers, min_parallel=min_parallel, progress=bar.update)
        return assemble(articles, links, tk.res.gazetteer)
