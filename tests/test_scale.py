"""Scale-out and incremental builds: the cache, a process pool and a Dask LocalCluster give the same graph."""

import os
import shutil
from pathlib import Path

import pytest

from kg.export import write_outputs
from kg.pipeline import build

from conftest import SEEDS


def _ttl(kg, folder: Path) -> bytes:
    return write_outputs(kg, folder)["ttl"].read_bytes()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for p in sorted(SEEDS.glob("00[0-3]*.txt")):
        shutil.copy(p, folder / p.name)
    return folder


def test_adding_an_article_reextracts_only_it(corpus, toolkit, tmp_path):
    out = tmp_path / "out"
    first = build([corpus], toolkit=toolkit, cache_dir=out / ".cache")
    assert first.stats["extracted"] == len(first.articles) and first.stats["cached"] == 0
    (corpus / "new.txt").write_text("# 新闻\n\n记者/王晓东\n\n成都市武侯区民政局推行“三社联动”，居民参与热情高。\n",
                                    encoding="utf-8")
    try:
        second = build([corpus], toolkit=toolkit, cache_dir=out / ".cache")
        assert second.stats["extracted"] == 1
        assert second.stats["cached"] == len(first.articles)
        full = build([corpus], toolkit=toolkit)
        assert _ttl(second, tmp_path / "a") == _ttl(full, tmp_path / "b")
    finally:
        (corpus / "new.txt").unlink()


def test_changed_lexicon_invalidates_the_cache(toolkit, tmp_path):
    from kg.cache import ExtractionCache, extractor_fingerprint

    onto = tmp_path / "onto"
    shutil.copytree(toolkit.res.lexicon.folder, onto)
    before = extractor_fingerprint(onto)
    with (onto / "roles.tsv").open("a", encoding="utf-8") as fh:
        fh.write("role\t驻村第一书记\tparty\n")
    assert extractor_fingerprint(onto) != before
    art = build([SEEDS / "002_27b2469ca949e429.txt"], toolkit=toolkit).articles[0]
    cache = ExtractionCache(tmp_path, before)
    cache.put(art, [(0, 2, "Place", "", "x")])
    cache.save()
    assert ExtractionCache(tmp_path, before).get(art) == [(0, 2, "Place", "", "x")]
    assert ExtractionCache(tmp_path, extractor_fingerprint(onto)).get(art) is None


def test_process_pool_gives_the_same_graph(corpus, toolkit, tmp_path):
    serial = build([corpus], toolkit=toolkit, workers=1)
    pooled = build([corpus], toolkit=toolkit, workers=2)
    assert _ttl(serial, tmp_path / "a") == _ttl(pooled, tmp_path / "b")


def test_dask_local_cluster_gives_the_same_graph(corpus, toolkit, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = build([corpus], toolkit=toolkit, executor="dask", scheduler=cluster.scheduler_address)
    local = build([corpus], toolkit=toolkit)
    assert _ttl(remote, tmp_path / "a") == _ttl(local, tmp_path / "b")


def test_fork_pool_map_keeps_input_order():
    from kg.executor import map_articles

    assert list(map_articles(lambda i: i * i, 50, workers=2)) == [i * i for i in range(50)]


def test_linking_on_a_pool_gives_the_same_entities_and_relations(toolkit):
    """17 seed articles, linked on the fork pool (which a build uses from 2000 articles) and in process."""
    from kg.articles import make_articles
    from kg.executor import extract_all
    from kg.ingest import read_documents
    from kg.pipeline import resolve_all

    docs, _ = read_documents([SEEDS])
    articles = make_articles(docs, toolkit.layout, toolkit.words)
    rows = extract_all(articles, toolkit)
    assert len(articles) >= 8
    serial = resolve_all(articles, rows, toolkit, workers=1)
    pooled = resolve_all(articles, rows, toolkit, workers=2, min_parallel=8)
    assert pooled == serial  # same entities and relations, in the same order, with the same evidence


@pytest.mark.parametrize("workers, done_before", [(1, "all"), (2, 0)])
def test_extract_all_calls_meanwhile_once_while_the_workers_run(toolkit, workers, done_before):
    """kg build imports its writers in ``meanwhile``: on a pool before any result is read, in process after."""
    from kg.articles import make_articles
    from kg.executor import extract_all
    from kg.ingest import read_documents

    if workers > 1 and not hasattr(os, "fork"):
        pytest.skip("no os.fork on this platform")
    docs, _ = read_documents([SEEDS])
    articles = make_articles(docs, toolkit.layout, toolkit.words)
    done: list[int] = []
    seen: list[int] = []
    rows = extract_all(articles, toolkit, workers=workers, progress=done.append,
                       meanwhile=lambda: seen.append(sum(done)))
    assert seen == [len(articles) if done_before == "all" else done_before]
    assert rows == extract_all(articles, toolkit)
