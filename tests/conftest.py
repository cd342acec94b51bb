"""Shared fixtures: resources are loaded once per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def pytest_configure(config):
    # The suite's own table cache (kg.table_cache), empty at the start: it never reads or writes
    # the user's ~/.cache, and its first load is a miss, later ones (CLI subprocesses too) hits.
    config.kg_table_cache = tempfile.mkdtemp(prefix="kg-test-tables-")
    os.environ["KG_CACHE_DIR"] = config.kg_table_cache


def pytest_unconfigure(config):
    folder = getattr(config, "kg_table_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def toolkit():
    from kg.pipeline import load_toolkit

    return load_toolkit()


@pytest.fixture(scope="session")
def res(toolkit):
    return toolkit.res


@pytest.fixture(scope="session")
def both_segmenters(res):
    """(jieba_fast_dat, jieba) resources over the same lexicon; skipped without the accelerator."""
    pytest.importorskip("jieba_fast_dat")
    from kg.extract.resources import load_resources

    def load(segmenter):
        if res.segmenter == segmenter:
            return res
        return load_resources(lexicon=res.lexicon, gazetteer=res.gazetteer, segmenter=segmenter)

    return load("jieba_fast_dat"), load("jieba")


@pytest.fixture(scope="session")
def seed_build(toolkit):
    from kg.pipeline import build

    return build([SEEDS], toolkit=toolkit)
