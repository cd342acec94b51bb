"""Typed values passed between pipeline stages.

Every stage is a pure function over these frozen dataclasses.  Offsets are
Python code-point offsets, end exclusive, always into the string they name.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TypeVar

__all__ = [
    "ENTITY_TYPES",
    "Document",
    "SourceSpan",
    "Byline",
    "Article",
    "Mention",
    "Evidence",
    "Entity",
    "Relation",
    "SkippedInput",
]

#: The six entity types the extractor emits.
ENTITY_TYPES = ("Place", "Organization", "Person", "Program", "Document", "Event")


@dataclass(frozen=True)
class Document:
    """One input file, decoded.

    ``text`` is ``raw`` after a *length-preserving* normalisation (full-width
    ASCII to half-width, ideographic space to space, CR to space/LF), so an
    offset into ``text`` is also an offset into ``raw``.
    """

    doc_id: str
    path: str
    raw: str
    text: str
    encoding: str


@dataclass(frozen=True)
class SourceSpan:
    """A run of article text copied verbatim from a document.

    ``article.text[art_start:art_start + length]`` equals
    ``document.text[doc_start:doc_start + length]``.
    """

    art_start: int
    doc_start: int
    length: int


@dataclass(frozen=True)
class Byline:
    """An author credit such as ``通讯员/李明``."""

    name: str
    role: str  # 记者, 通讯员, ...
    outlet: str | None  # 成都日报 in 成都日报全媒体记者/…
    start: int  # offsets of the name in article.text
    end: int


@dataclass(frozen=True)
class Article:
    """One news article cut out of a page.

    ``text`` is the headline, a blank line, then the body with captions and
    navigation dropped and print page breaks rejoined.  ``spans`` maps every
    character of ``text`` that came from the primary source document back to
    it; the blank line after the headline and the joins are not mapped.
    """

    article_id: str
    title: str
    text: str
    body_start: int
    bylines: tuple[Byline, ...]
    doc_id: str  # primary source document
    source: str  # primary source path
    spans: tuple[SourceSpan, ...]
    sources: tuple[str, ...]  # every file the article was found in (near-duplicates merged)
    date: str | None = None

    def to_source(self, start: int, end: int) -> tuple[int, int] | None:
        """Map an article span to document offsets, or None if it crosses a join."""
        # spans are in article order: bisect for the last one starting at or before ``start``
        lo, hi = 0, len(self.spans)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.spans[mid].art_start <= start:
                lo = mid + 1
            else:
                hi = mid
        if lo:
            s = self.spans[lo - 1]
            if end <= s.art_start + s.length:
                return s.doc_start + start - s.art_start, s.doc_start + end - s.art_start
        return None


_T = TypeVar("_T")


def _fills_dict(cls: type[_T]) -> type[_T]:
    """Give a frozen dataclass an ``__init__`` that fills the instance dict directly.

    The generated frozen ``__init__`` calls ``object.__setattr__`` once per field:
    2-3x slower (1.8-2.0 against 0.55-0.73 us per Evidence), and these records are
    made per mention and per relation (10^5-10^6 at 10 MB of news).  The
    parameters, their order and defaults are the dataclass's own; frozenness,
    eq, hash, repr and ``dataclasses.replace`` are unchanged.  The function is
    generated from the fields, as dataclasses generates its own.
    """
    params, stores, defaults = [], [], {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]  # cls is a dataclass (decorated after it)
        if f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: a default factory is not supported here")
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        stores.append(f"    d[{f.name!r}] = {f.name}\n")
    namespace: dict = {}
    exec(f"def __init__(self, {', '.join(params)}):\n    d = self.__dict__\n{''.join(stores)}", defaults, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)
    return cls


@_fills_dict
@dataclass(frozen=True)
class Mention:
    """A typed span of an article's text."""

    article_id: str
    start: int
    end: int
    text: str
    type: str  # one of ENTITY_TYPES
    subtype: str = ""  # Place level or Organization kind, see ontology/types.tsv
    rule: str = ""  # which rule produced it, for debugging and evaluation


@_fills_dict
@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: an article span plus its sentence."""

    article_id: str
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    sentence: str  # article.text[sentence_start:sentence_end], kept for readers
    source: str  # source file path of the article
    source_start: int | None = None
    source_end: int | None = None

    def to_dict(self) -> dict:
        return {
            "article": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "sentence": self.sentence,
            "source": self.source,
            "source_start": self.source_start,
            "source_end": self.source_end,
        }


@_fills_dict
@dataclass(frozen=True)
class Entity:
    """A resolved entity; ``id`` is the IRI path below the base IRI."""

    id: str
    type: str
    label: str
    subtype: str = ""
    aliases: tuple[str, ...] = ()
    code: str | None = None  # national division code for linked places
    evidence: tuple[Evidence, ...] = ()


@_fills_dict
@dataclass(frozen=True)
class Relation:
    """A typed edge between two entity (or article) ids with its evidence."""

    subject: str
    predicate: str
    object: str
    evidence: tuple[Evidence, ...] = ()
    role: str | None = None  # for person -> organisation roles
    origin: str = "text"  # "text" or "gazetteer"


@dataclass(frozen=True)
class SkippedInput:
    """An input that could not be read, with the reason shown to the user."""

    path: str
    reason: str
