"""Wire the stages: files -> articles -> mentions -> entities -> relations -> graph.

``build(paths)`` is the library entry point behind ``kg build``.  Expensive
resources (tokenizer, gazetteer, automata) are loaded once into a
:class:`Toolkit` that callers may reuse between builds.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from tqdm import tqdm

from .articles import make_articles
from .cache import ExtractionCache, extractor_fingerprint
from .executor import extract_all, to_mentions
from .extract import ExtractorResources, load_resources
from .gazetteer_cache import CachedGazetteer
from .graph import KnowledgeGraph, build_graph
from .ingest import read_documents
from .model import Article, Entity, Evidence, Relation
from .relations import article_relations
from .resolve import ArticleEvidence, Resolved, resolve_article
from .resources import seeds_dir
from .segment import Layout, WordOracle

__all__ = ["Toolkit", "load_toolkit", "build", "gc_deferred"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Toolkit:
    """Everything loaded once per process."""

    res: ExtractorResources
    layout: Layout
    words: WordOracle


def load_toolkit(ontology: Path | None = None) -> Toolkit:
    res = load_resources(ontology)
    return Toolkit(res, Layout.from_lexicon(res.lexicon), WordOracle(res.tokenizer))


@contextmanager
def gc_deferred():
    """Pause the cyclic GC over an allocation-heavy stage, then file what survived as old.

    Segmentation, resolution and the graph allocate millions of small acyclic
    objects that live as long as the graph; a GC pass meanwhile would rescan
    all of them (superlinear).  Merely pausing it is not enough: afterwards they
    all sit in the youngest generation, and the next young, middle and full
    collections each traverse every one of them (~3 s apiece at 10 MB, charged
    to whatever runs next).  Freezing and unfreezing moves them to the oldest
    generation without a traversal, so only the eventual full collection remains
    (``kg build`` avoids that one too by freezing the finished graph).  Note that
    the unfreeze also returns objects a host application froze to the oldest
    generation.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was:
            gc.enable()


def build(paths: Iterable[str | os.PathLike] | None = None, *, toolkit: Toolkit | None = None,
          progress: bool = False, workers: int = 1, executor: str = "local", scheduler=None,
          cache_dir: Path | None = None) -> KnowledgeGraph:
    """Build a knowledge graph from files and folders (default: the bundled seeds).

    ``workers`` > 1 extracts on a local process pool; ``executor="dask"``
    sends extraction to the Dask scheduler at ``scheduler``.  With
    ``cache_dir``, per-article extraction is cached there by content hash,
    so a rebuild re-extracts only new or changed articles.
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
                            scheduler=scheduler, progress=bar.update)
    for i, r in zip(todo, fresh):
        rows[i] = r
        if cache:
            cache.put(articles[i], r)
    if cache:
        cache.save()
    extracted = [(a, to_mentions(a, r)) for a, r in zip(articles, rows)]
    lap("extract")
    # Resolution and the graph allocate millions of small acyclic objects; each pass of the
    # cyclic GC would rescan all of them (superlinear), so it waits until the graph is built.
    with gc_deferred():
        gaz, lex = CachedGazetteer(tk.res.gazetteer), tk.res.lexicon  # repeats answered from a dict
        # Page context: only city and province, never a district from a neighbour article.
        page_codes: dict[str, set[str]] = defaultdict(set)
        for a, ms in extracted:
            for m in ms:
                if m.type == "Place":
                    d = gaz.resolve(m.text, (), levels=("province", "city"))
                    if d is not None:
                        page_codes[a.doc_id].add(d.code)
        per_article: list[tuple[Article, list[Resolved]]] = []
        for a, ms in tqdm(extracted, desc="resolve", unit="art", disable=not progress, leave=False):
            resolved, _ctx = resolve_article(a, ms, gaz, lex, sorted(page_codes[a.doc_id]))
            per_article.append((a, resolved))
        entities, relations = _assemble(per_article, tk)
        lap("resolve")
        graph = build_graph(articles, entities, relations)
        lap("graph")
    kg = KnowledgeGraph(articles=articles, entities=entities, relations=relations, graph=graph, skipped=skipped)
    kg.timings.update(timings)
    kg.stats.update({"extracted": len(todo), "cached": len(articles) - len(todo),
                     "characters": sum(len(a.text) for a in articles)})
    return kg


def _assemble(per_article: list[tuple[Article, list[Resolved]]], tk: Toolkit) -> tuple[list[Entity], list[Relation]]:
    gaz = tk.res.gazetteer
    info: dict[str, dict] = {}
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    relations: list[Relation] = []
    for article, resolved in per_article:
        spans = ArticleEvidence(article)  # one Evidence per span, shared by mentions and relations
        for r in resolved:
            m = r.mention
            slot = info.get(r.entity_id)
            if slot is None:
                slot = info[r.entity_id] = {"type": m.type, "label": r.label, "subtype": r.subtype, "code": r.code,
                                            "aliases": set()}
            slot["aliases"].add(m.text)
            evidence[r.entity_id].append(spans(m.start, m.end))
            if r.place_prefix is not None:
                # The place an organisation's name opens with is an entity even when the
                # article never names it alone (杭州市西湖区人民法院 -> 西湖区).
                pid, s, e = r.place_prefix
                place = _division_slot(info, gaz, pid)
                if place is not None and e < m.end:  # the name really is in the text
                    place["aliases"].add(article.text[s:e])
        relations.extend(article_relations(article, resolved, tk.res.lexicon, tk.res.roles, evidence=spans))
    # Containment from the national table: every linked place up to its province.
    for eid, slot in list(info.items()):
        if slot["type"] != "Place" or not slot["code"]:
            continue
        chain = gaz.chain(slot["code"])
        for child, parent in zip(chain, chain[1:]):
            pid = f"place/{parent.code}"
            _division_slot(info, gaz, pid, parent)
            relations.append(Relation(f"place/{child.code}", "containedInPlace", pid, (), origin="gazetteer"))
    entities = [Entity(eid, s["type"], s["label"], s["subtype"], tuple(sorted(s["aliases"] - {s["label"]})),
                       s["code"], tuple(evidence[eid])) for eid, s in info.items()]
    return entities, _merge_relations(relations)


def _division_slot(info: dict[str, dict], gaz, pid: str, division=None) -> dict | None:
    """The entity slot of a linked place, made from the division table when no mention made it."""
    slot = info.get(pid)
    if slot is None:
        d = division or gaz.get(pid.removeprefix("place/"))
        if d is None:
            return None
        slot = info[pid] = {"type": "Place", "label": d.name, "subtype": d.level, "code": d.code, "aliases": set()}
    return slot


def _merge_relations(relations: list[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object, role), evidence pooled."""
    # Most keys occur once: keep the first relation per key, and a list only for the repeated keys.
    first: dict[tuple, Relation] = {}
    repeated: dict[tuple, list[Relation]] = {}
    for r in relations:
        if r.subject == r.object:
            continue
        key = (r.subject, r.predicate, r.object, r.role)
        seen = first.setdefault(key, r)
        if seen is not r:
            more = repeated.get(key)
            if more is None:
                repeated[key] = [seen, r]
            else:
                more.append(r)
    out = []
    for key, r in first.items():
        rs = repeated.get(key)
        if rs is None:
            out.append(r)  # nothing to pool
            continue
        s, p, o, role = key
        # pool evidence, one per span (hashing whole Evidence records is slow)
        pooled = {(e.article_id, e.start, e.end): e for r in rs for e in r.evidence}
        ev = tuple(pooled[k] for k in sorted(pooled))
        origin = "text" if any(r.origin == "text" for r in rs) else "gazetteer"
        out.append(Relation(s, p, o, ev, role=role, origin=origin))
    return out
