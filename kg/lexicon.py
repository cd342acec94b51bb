"""Load the domain vocabularies kept as data in ``ontology/``.

Every list a rule uses (suffixes, role words, triggers, campaign names,
layout markers) is a TSV file; this module only parses them.  A
:class:`Lexicon` is loaded once and passed to the stages that need it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .resources import ontology_dir

__all__ = ["Lexicon", "load_lexicon", "read_tsv"]

_FILES = ("segment.tsv", "suffixes.tsv", "roles.tsv", "triggers.tsv", "campaigns.tsv", "stopwords.tsv",
          "surnames.tsv", "places_world.tsv", "national_orgs.tsv", "org_aliases.tsv",
          "given_names.tsv", "translit_chars.tsv", "person_cues.tsv", "place_abbreviations.tsv", "landforms.tsv")


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a TSV file, skipping blank lines and ``#`` comments."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.rstrip("\n").split("\t"))
    return rows


@dataclass(frozen=True)
class Lexicon:
    """Parsed vocabularies, keyed by file stem then by the first column."""

    tables: dict[str, dict[str, tuple[tuple[str, ...], ...]]]
    fingerprint: str  # changes whenever any vocabulary file changes (cache key)
    folder: Path

    def values(self, table: str, kind: str) -> tuple[str, ...]:
        """Second column of every row of ``table`` whose first column is ``kind``."""
        return tuple(r[0] for r in self.tables.get(table, {}).get(kind, ()))

    def rows(self, table: str, kind: str) -> tuple[tuple[str, ...], ...]:
        """Remaining columns of every row of ``table`` whose first column is ``kind``."""
        return self.tables.get(table, {}).get(kind, ())

    def kinds(self, table: str) -> tuple[str, ...]:
        return tuple(self.tables.get(table, {}))


def load_lexicon(folder: Path | None = None) -> Lexicon:
    """Read every vocabulary file present in ``folder`` (default: shipped ontology)."""
    folder = folder or ontology_dir()
    tables: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {}
    digest = hashlib.sha1()
    for name in _FILES:
        path = folder / name
        if not path.is_file():
            continue
        digest.update(name.encode() + path.read_bytes())
        grouped: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for row in read_tsv(path):
            grouped[row[0]].append(tuple(row[1:]))
        tables[path.stem] = {k: tuple(v) for k, v in grouped.items()}
    return Lexicon(tables=tables, fingerprint=digest.hexdigest()[:16], folder=folder)
