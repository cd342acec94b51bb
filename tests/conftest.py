"""Shared fixtures: resources are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def toolkit():
    from kg.pipeline import load_toolkit

    return load_toolkit()


@pytest.fixture(scope="session")
def res(toolkit):
    return toolkit.res


@pytest.fixture(scope="session")
def seed_build(toolkit):
    from kg.pipeline import build

    return build([SEEDS], toolkit=toolkit)
