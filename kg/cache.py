"""Content-hash cache of per-article extraction, kept in the output folder.

The key of an article is a hash of its text and byline spans plus the
*extractor fingerprint*: the ontology files and the extractor's own source.
Editing a lexicon, the gazetteer or a rule changes the fingerprint and so
invalidates every entry.  The cache is one JSON-lines file rewritten
atomically after each build, holding only the entries that build used.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from .model import Article

__all__ = ["ExtractionCache", "extractor_fingerprint", "article_key"]

log = logging.getLogger(__name__)
CACHE_NAME = "extract-cache.jsonl"


def extractor_fingerprint(ontology: Path) -> str:
    digest = hashlib.sha1()
    sources = sorted((Path(__file__).parent / "extract").glob("*.py"))
    data_files = sorted(p for p in ontology.iterdir() if p.is_file() and p.suffix in (".tsv", ".txt", ".gz"))
    for path in sources + data_files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def article_key(article: Article, fingerprint: str) -> str:
    spans = ",".join(f"{b.start}:{b.end}" for b in article.bylines)
    return hashlib.sha1(f"{fingerprint}\n{spans}\n{article.text}".encode("utf-8")).hexdigest()


class ExtractionCache:
    """Read once at the start of a build, written once at its end."""

    def __init__(self, folder: Path, fingerprint: str):
        self.path = folder / CACHE_NAME
        self.fingerprint = fingerprint
        self.entries: dict[str, list] = {}
        self.used: dict[str, list] = {}
        self.hits = 0
        # id(article) -> (article, key) of misses, so put() need not hash the text again; the
        # article is kept so that its id cannot be reused by another object meanwhile.
        self._missed: dict[int, tuple[Article, str]] = {}
        if self.path.is_file():
            try:
                with self.path.open(encoding="utf-8") as fh:
                    for line in fh:
                        row = json.loads(line)
                        self.entries[row["key"]] = row["mentions"]
            except (OSError, ValueError, KeyError) as exc:  # a damaged cache is only a slower build
                log.warning("ignoring unreadable cache %s: %s", self.path, exc)
                self.entries = {}

    def get(self, article: Article) -> list | None:
        key = article_key(article, self.fingerprint)
        rows = self.entries.get(key)
        if rows is None:
            self._missed[id(article)] = (article, key)
        else:
            self.hits += 1
            self.used[key] = rows
        return [tuple(r) for r in rows] if rows is not None else None

    def put(self, article: Article, rows: list) -> None:
        seen = self._missed.pop(id(article), None)
        key = seen[1] if seen is not None and seen[0] is article else article_key(article, self.fingerprint)
        self.used[key] = list(rows)  # tuples: json writes them as lists, no copy per row

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".tmp{os.getpid()}")
        with tmp.open("w", encoding="utf-8") as fh:
            for key in sorted(self.used):
                fh.write(json.dumps({"key": key, "mentions": self.used[key]}, ensure_ascii=False) + "\n")
        os.replace(tmp, self.path)
