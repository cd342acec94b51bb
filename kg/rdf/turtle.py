"""Deterministic, fast Turtle and TriG writers (public entry points).

rdflib's serializer is slow (superlinear: ~8k triples/s at 30k triples,
2-3k triples/s at 100k) and its order depends on the store; pyoxigraph's is
fast but writes in input order.  These writers format Turtle text straight
from the graph (:mod:`kg.rdf.stream`, over the index of :mod:`kg.rdf.index`;
span blocks, the bulk of both files, in :mod:`kg.rdf.spans`; terms in :mod:`kg.rdf.terms`):
one walk writes Turtle and TriG together, each block formatted once, streamed
to the files in chunks, so memory never holds a whole file.  Everything is sorted: subjects
by IRI (spans of one article by numeric offsets), ``a`` first then
predicates by name, objects by text.  Two runs give byte-identical files,
whatever the insertion order or PYTHONHASHSEED.  Files are written
atomically (temporary file in the same folder + os.replace).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from contextlib import ExitStack, contextmanager
from pathlib import Path

import networkx as nx

from ..gc_control import gc_paused
from ..model import Article, Entity, Relation
from .index import IndexBase
from .stream import RdfIndex, trig_string, turtle_string, write_streams
from .terms import TurtleTerms
from .vocab import DEFAULT_BASE_IRI

__all__ = ["turtle_text", "trig_text", "write_turtle", "write_trig", "write_rdf", "write_rdf_records", "atomic_write", "atomic_open", "new_file_mode", "TurtleTerms"]


def turtle_text(graph: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The whole export (all graphs merged) as sorted Turtle text."""
    with gc_paused():
        return turtle_string(graph, base_iri)


def trig_text(graph: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The export as sorted TriG: the default graph, then one named graph per article (see :func:`write_trig`)."""
    with gc_paused():
        return trig_string(graph, base_iri)


def new_file_mode() -> int:
    """The mode ``open()`` would give a new file under the current umask (0644 under 022).

    mkstemp creates its files 0600; an output that replaces a file by renaming
    should look like one written in place, readable by whoever may read the folder.
    """
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_open(path: str | os.PathLike, binary: bool = False):
    """A UTF-8 text (or ``binary``) file handle on a temporary file that replaces ``path`` on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, new_file_mode())
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_rdf(graph: nx.MultiDiGraph, turtle_path: str | os.PathLike | None = None,
              trig_path: str | os.PathLike | None = None, base_iri: str = DEFAULT_BASE_IRI) -> dict[str, Path]:
    """Stream Turtle and/or TriG to files, atomically, from one shared index; returns the paths written."""
    with gc_paused():
        return _write_index(RdfIndex(graph, base_iri), turtle_path, trig_path)


def write_rdf_records(articles: Iterable[Article], entities: Iterable[Entity], relations: Iterable[Relation],
                      turtle_path: str | os.PathLike | None = None, trig_path: str | os.PathLike | None = None,
                      base_iri: str = DEFAULT_BASE_IRI) -> dict[str, Path]:
    """:func:`write_rdf` of ``kg.assembly.build_graph(articles, entities, relations)``, byte for byte, without the graph.

    The index is collected from the records (:class:`kg.rdf.records.RecordIndex`);
    records it cannot mirror (see there; never a build's) are written through the graph.
    """
    from .records import Irregular, RecordIndex

    articles, entities, relations = list(articles), list(entities), list(relations)  # read twice on a fallback
    with gc_paused():
        try:
            ix: IndexBase = RecordIndex(articles, entities, relations, base_iri)
        except Irregular:
            from ..assembly import build_graph

            ix = RdfIndex(build_graph(articles, entities, relations), base_iri)
        return _write_index(ix, turtle_path, trig_path)


def _write_index(ix: IndexBase, turtle_path: str | os.PathLike | None, trig_path: str | os.PathLike | None
                 ) -> dict[str, Path]:
    out: dict[str, Path] = {}
    with ExitStack() as stack:
        ttl = stack.enter_context(atomic_open(turtle_path, True)) if turtle_path is not None else None
        trig = stack.enter_context(atomic_open(trig_path, True)) if trig_path is not None else None
        write_streams(ix, ttl, trig)
    if turtle_path is not None:
        out["ttl"] = Path(turtle_path)
    if trig_path is not None:
        out["trig"] = Path(trig_path)
    return out


def atomic_write(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 text to ``path`` through a temporary file and os.replace."""
    with atomic_open(path) as fh:
        fh.write(text)
    return Path(path)


def write_turtle(graph: nx.MultiDiGraph, path: str | os.PathLike, base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write the export as Turtle, atomically; byte-identical for the same graph."""
    return write_rdf(graph, turtle_path=path, base_iri=base_iri)["ttl"]


def write_trig(graph: nx.MultiDiGraph, path: str | os.PathLike, base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write the export as TriG (one named graph per article), atomically and deterministically.

    The default graph holds entity and article descriptions, the plain
    relation triples, roles, memberships and gazetteer statements.  The graph
    ``<base>graph/article/<id>`` (written right after the article) holds that
    article's spans (mentions with ``kgo:denotes``, evidence, sentences), the
    statements with evidence in it and the ``prov:wasDerivedFrom`` links to
    those spans.
    """
    return write_rdf(graph, trig_path=path, base_iri=base_iri)["trig"]
