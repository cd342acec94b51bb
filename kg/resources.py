"""Locate the data that ships with the package.

In a wheel, ``ontology/`` and ``seeds/`` are copied to ``kg/_data/``; in a
source checkout or an editable install they sit beside the package.  Nothing
here depends on the working directory.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ontology_dir", "seeds_dir", "ontology_file", "compiled_modules"]

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


def compiled_modules() -> list[str]:
    """Modules of this installation that run as compiled extensions (mypyc), sorted.

    A wheel built by ``pip install .`` compiles the extraction rules when a C
    compiler is present (see ``hatch_build.py``); a source checkout, an editable
    install or a failed compilation runs them as pure Python (same output,
    slower).  Benchmarks print this so a figure says which one it measured.
    """
    found = []
    for path in _PKG.rglob("*"):
        if path.suffix in (".so", ".pyd") and "__mypyc" not in path.name:
            parts = [*path.relative_to(_PKG.parent).parent.parts, path.name.split(".")[0]]
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(found)
