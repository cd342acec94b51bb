"""SPARQL over a built graph with pyoxigraph.

    >>> rows = query("output/", "SELECT ?s WHERE { ?s a kgo:District }")
    >>> rows = query("output/graph.ttl", named_query("places_in_district"),
    ...              bindings={"district": "https://example.org/kg/place/430211"})

``graph_dir_or_ttl`` is a build output folder (``graph.ttl`` in it, else
``graph.trig``), a ``.ttl``/``.nt``/``.trig`` file, or a loaded
``pyoxigraph.Store``.  The usual prefixes (kgo, schema, org, prov, nif, skos,
rdfs, …) are predeclared.  Results are plain dicts: IRIs as ``str``,
literals as Python values (``int``/``float``/``bool`` for numeric and
boolean datatypes, ``str`` otherwise), ``None`` when unbound.  TriG files are
queried with the union of all graphs as default graph.

The researcher questions live in ``queries/*.rq`` (see :func:`list_queries`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from .rdf.vocab import PREFIXES

__all__ = ["load_store", "query", "named_query", "list_queries", "queries_dir"]

_XSD = PREFIXES["xsd"]
_INTS = {_XSD + t for t in (
    "integer", "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
)}
_FLOATS = {_XSD + t for t in ("decimal", "double", "float")}
_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
            ".nq": ox.RdfFormat.N_QUADS}
_CACHE: dict = {}


def _resolve(path: Path) -> Path:
    if path.is_dir():
        for name in ("graph.ttl", "graph.trig", "graph.nt"):
            if (path / name).is_file():
                return path / name
        raise FileNotFoundError(f"no graph.ttl or graph.trig in {path}")
    if not path.is_file():
        raise FileNotFoundError(f"graph file not found: {path}")
    return path


def load_store(graph_dir_or_ttl: str | os.PathLike) -> ox.Store:
    """Load a graph file (or the graph of an output folder) into an in-memory store (cached by mtime/size)."""
    path = _resolve(Path(graph_dir_or_ttl)).resolve()
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"unsupported RDF file type: {path.suffix} (use .ttl, .trig, .nt or .nq)")
    st = path.stat()
    key = (str(path), st.st_mtime_ns, st.st_size)
    store = _CACHE.get(key)
    if store is None:
        store = ox.Store()
        store.bulk_load(path=str(path), format=fmt)
        _CACHE.clear()  # keep one graph in memory
        _CACHE[key] = store
    return store


def _py(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in _INTS:
                return int(term.value)
            if dt in _FLOATS:
                return float(term.value)
            if dt == _XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            pass
        return term.value
    return str(term)


def _term(value) -> ox.NamedNode | ox.Literal:
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    text = str(value)
    if text.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(text)
    return ox.Literal(text, language="zh")


def query(
    graph_dir_or_ttl: str | os.PathLike | ox.Store,
    sparql: str,
    bindings: dict | None = None,
) -> list[dict] | bool:
    """Run a SPARQL SELECT (list of dicts), ASK (bool) or CONSTRUCT (list of s/p/o dicts).

    ``bindings`` pre-binds variables (SEP-0007 substitution): a ``str`` that
    starts with http(s):// or urn: is an IRI, other strings are ``@zh``
    literals, ints are ``xsd:integer``; pyoxigraph terms are used as given.
    """
    store = graph_dir_or_ttl if isinstance(graph_dir_or_ttl, ox.Store) else load_store(graph_dir_or_ttl)
    subs = {ox.Variable(k.lstrip("?$")): _term(v) for k, v in (bindings or {}).items()}
    union = not isinstance(graph_dir_or_ttl, ox.Store) and Path(graph_dir_or_ttl).suffix.lower() in (".trig", ".nq")
    result = store.query(sparql, prefixes=PREFIXES, substitutions=subs or None, use_default_graph_as_union=union)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return [{n: _py(sol[n]) for n in names} for sol in result]
    return [{"s": _py(t.subject), "p": _py(t.predicate), "o": _py(t.object)} for t in result]


def queries_dir() -> Path:
    """Folder of the bundled ``*.rq`` files (``kg/_data/queries`` in a wheel, ``queries/`` in a checkout)."""
    pkg = Path(__file__).resolve().parent
    for candidate in (pkg / "_data" / "queries", pkg.parent / "queries"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the queries folder is missing from the installation ({pkg})")


def named_query(name: str) -> str:
    """The text of ``queries/<name>.rq``."""
    path = queries_dir() / (name if name.endswith(".rq") else name + ".rq")
    if not path.is_file():
        raise FileNotFoundError(f"no query {name!r}; available: {', '.join(list_queries())}")
    return path.read_text(encoding="utf-8")


def list_queries() -> dict[str, str]:
    """Query name -> its first comment line (the question it answers)."""
    out = {}
    for path in sorted(queries_dir().glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0] if path.stat().st_size else ""
        out[path.stem] = first.lstrip("# ").strip()
    return out
