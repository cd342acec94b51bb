"""Locate the data that ships with the package.

In a wheel, ``ontology/`` and ``seeds/`` are copied to ``kg/_data/``; in a
source checkout or an editable install they sit beside the package.  Nothing
here depends on the working directory.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ontology_dir", "seeds_dir", "ontology_file"]

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"package data folder {name!r} is missing from the installation ({_PKG})")


def ontology_dir() -> Path:
    """Folder holding kg.ttl, shapes.ttl, lexicons and the gazetteer."""
    return _find("ontology")


def seeds_dir() -> Path:
    """Folder of the bundled seed pages, the default input of ``kg build``."""
    return _find("seeds")


def ontology_file(name: str) -> Path:
    """A file inside the ontology folder, with a clear error if absent."""
    path = ontology_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"ontology file {name!r} not found in {path.parent}")
    return path
