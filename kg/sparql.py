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

:func:`run_query` is the text front end behind ``kg query``: it takes a
query text, a ``.rq`` file or a bundled query name, string bindings as typed
on a command line (``district=天元区``, ``predicate=kgo:issuedBy``) and
returns the result as an aligned table, CSV or JSON.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from .rdf.vocab import PREFIXES
from .sparql_format import FORMATS, format_rows, guess_base

__all__ = [
    "load_store", "query", "named_query", "list_queries", "queries_dir",
    "run_query", "resolve_query", "parse_bindings", "resolve_binding", "format_rows", "query_list_text", "FORMATS",
]

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


def _is_union(target) -> bool:
    return not isinstance(target, ox.Store) and Path(target).suffix.lower() in (".trig", ".nq")


def _execute(target, sparql: str, bindings: dict | None = None) -> tuple[str, list[str], list[dict] | bool]:
    """("select"|"ask"|"construct", variable names, rows or bool)."""
    store = target if isinstance(target, ox.Store) else load_store(target)
    subs = {ox.Variable(k.lstrip("?$")): _term(v) for k, v in (bindings or {}).items()}
    try:
        result = store.query(sparql, prefixes=PREFIXES, substitutions=subs or None,
                             use_default_graph_as_union=_is_union(target))
    except SyntaxError:
        raise
    except Exception as exc:  # pyoxigraph raises plain exceptions for evaluation/substitution errors
        raise ValueError(str(exc)) from exc
    if isinstance(result, ox.QueryBoolean):
        return "ask", [], bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return "select", names, [{n: _py(sol[n]) for n in names} for sol in result]
    rows = [{"s": _py(t.subject), "p": _py(t.predicate), "o": _py(t.object)} for t in result]
    return "construct", ["s", "p", "o"], rows


def query(
    graph_dir_or_ttl: str | os.PathLike | ox.Store,
    sparql: str,
    bindings: dict | None = None,
) -> list[dict] | bool:
    """Run a SPARQL SELECT (list of dicts), ASK (bool) or CONSTRUCT (list of s/p/o dicts).

    ``bindings`` pre-binds variables (SEP-0007 substitution): a ``str`` that
    starts with http(s):// or urn: is an IRI, other strings are ``@zh``
    literals, ints are ``xsd:integer``; pyoxigraph terms are used as given.
    A bound variable must appear in the SELECT projection (pyoxigraph rule).
    """
    return _execute(graph_dir_or_ttl, sparql, bindings)[2]


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


# --------------------------------------------------------------------------- run_query (kg query)

_QUERY_START = re.compile(r"^\s*(?:#[^\n]*\n\s*)*(?:PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*)?:([^\s<>\"]*)$")
_LITERAL = re.compile(r'^"(.*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(<[^>]*>|[A-Za-z][\w-]*:[^\s]*))?$', re.DOTALL)
_NODE_ID = re.compile(r"^(?:place|org|person|program|document|event|article|role|statement|membership|source)/.+$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")


def resolve_query(query_or_file: str | os.PathLike) -> str:
    """SPARQL text from a query text, a path to a ``.rq`` file, or a bundled query name.

    Order: text that looks like SPARQL (starts, after comments, with PREFIX,
    BASE, SELECT, ASK, CONSTRUCT or DESCRIBE, or contains ``{``) is used as
    is; an existing file is read; otherwise the name (``places_in_district``
    or ``places_in_district.rq``) is looked up in :func:`queries_dir`.
    """
    if isinstance(query_or_file, os.PathLike):
        return Path(query_or_file).read_text(encoding="utf-8")
    text = str(query_or_file)
    if _QUERY_START.match(text) or "{" in text:
        return text
    path = Path(text)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    try:
        return named_query(Path(text).name if text.endswith(".rq") else text)
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{text!r} is neither a SPARQL query, a file, nor a bundled query; "
            f"bundled queries: {', '.join(list_queries())}"
        ) from None


def parse_bindings(items: Mapping[str, object] | Sequence[str] | None) -> dict[str, object]:
    """``["district=天元区", "?predicate=kgo:issuedBy"]`` (or a dict) -> ``{"district": "天元区", ...}``."""
    if not items:
        return {}
    if isinstance(items, Mapping):
        pairs = list(items.items())
    else:
        pairs = []
        for item in items:
            if "=" not in item:
                raise ValueError(f"binding {item!r} is not of the form NAME=VALUE")
            k, v = item.split("=", 1)
            pairs.append((k, v))
    out: dict[str, object] = {}
    for k, v in pairs:
        name = str(k).strip().lstrip("?$")
        if not re.match(r"^\w+$", name):
            raise ValueError(f"bad variable name in binding: {k!r}")
        out[name] = v.strip() if isinstance(v, str) else v
    return out


def _label_lookup(store: ox.Store, text: str, union: bool) -> list[str]:
    q = (
        "SELECT DISTINCT ?e WHERE { { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } "
        f"FILTER (STR(?l) = {ox.Literal(text)}) }} ORDER BY ?e"
    )
    sols = store.query(q, prefixes=PREFIXES, use_default_graph_as_union=union)
    return [s["e"].value for s in sols if isinstance(s["e"], ox.NamedNode)]


def _iri_exists(store: ox.Store, iri: str, union: bool) -> bool:
    node = ox.NamedNode(iri)
    return bool(store.query(f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}", use_default_graph_as_union=union))


def resolve_binding(value: object, target=None, *, base_iri: str | None = None) -> ox.NamedNode | ox.Literal | object:
    """Turn a command-line value into an RDF term.

    * ``<…>``, ``http(s)://…``, ``urn:…`` -> IRI; ``kgo:District`` (a known
      prefix, see :data:`kg.rdf.PREFIXES`) -> IRI;
    * ``place/430211`` (a node id) -> ``base_iri`` + id (default: the base
      of the graph, found by looking the id up in ``target``);
    * ``"…"``, ``"…"@zh``, ``"…"^^xsd:date`` -> that literal (Turtle syntax);
      ``42`` -> ``xsd:integer``, ``4.5`` -> ``xsd:decimal``;
    * anything else is a label: the one entity whose ``rdfs:label`` or
      ``skos:altLabel`` is exactly that text (any language tag), e.g.
      ``天元区`` -> ``<https://example.org/kg/place/430211>``.  No match or
      several matches raise ValueError (the message lists the candidates).

    Values that are not ``str`` (ints, pyoxigraph terms) go through unchanged.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return ox.NamedNode(text[1:-1])
    if text.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(text)
    m = _LITERAL.match(text)
    if m:
        lex = re.sub(r'\\(["\\])', r"\1", m.group(1))
        if m.group(2):
            return ox.Literal(lex, language=m.group(2).lower())
        if m.group(3):
            return ox.Literal(lex, datatype=ox.NamedNode(_expand(m.group(3))))
        return ox.Literal(lex)
    if _INTEGER.match(text):
        return ox.Literal(text.lstrip("+"), datatype=ox.NamedNode(_XSD + "integer"))
    if _DECIMAL.match(text):
        return ox.Literal(text.lstrip("+"), datatype=ox.NamedNode(_XSD + "decimal"))
    m = _PREFIXED.match(text)
    if m and (m.group(1) or "") in PREFIXES:
        return ox.NamedNode(PREFIXES[m.group(1) or ""] + m.group(2))
    store = None
    union = False
    if target is not None:
        store = target if isinstance(target, ox.Store) else load_store(target)
        union = _is_union(target)
    if _NODE_ID.match(text):
        from .rdf.vocab import DEFAULT_BASE_IRI, iri_path

        path = iri_path(text)
        if base_iri or store is None:
            return ox.NamedNode((base_iri or DEFAULT_BASE_IRI) + path)
        if _iri_exists(store, DEFAULT_BASE_IRI + path, union):
            return ox.NamedNode(DEFAULT_BASE_IRI + path)
        sols = store.query(
            "SELECT DISTINCT ?x WHERE { ?x a ?c FILTER (isIRI(?x) && STRENDS(STR(?x), "
            f"{ox.Literal('/' + path)})) }} ORDER BY ?x LIMIT 2",
            use_default_graph_as_union=union)
        found = [s["x"].value for s in sols]
        if len(found) == 1:
            return ox.NamedNode(found[0])
        raise ValueError(f"no single entity with the id {text!r} in the graph (found {len(found)})")
    if store is None:
        raise ValueError(f"cannot look up the label {text!r} without a graph")
    found = _label_lookup(store, text, union)
    if len(found) == 1:
        return ox.NamedNode(found[0])
    if not found:
        raise ValueError(
            f"no entity is labelled {text!r}; give an IRI (<…>, kgo:…, place/…) "
            f"or quote a literal: '\"{text}\"@zh'"
        )
    raise ValueError(f"{len(found)} entities are labelled {text!r}, bind one IRI: " + ", ".join(found[:10]))


def _expand(dt: str) -> str:
    if dt.startswith("<") and dt.endswith(">"):
        return dt[1:-1]
    prefix, _, local = dt.partition(":")
    if prefix not in PREFIXES:
        raise ValueError(f"unknown prefix in {dt!r}")
    return PREFIXES[prefix] + local


def run_query(
    target: str | os.PathLike | ox.Store,
    query_or_file: str | os.PathLike,
    fmt: str = "table",
    bindings: Mapping[str, object] | Sequence[str] | None = None,
    *,
    base_iri: str | None = None,
    max_width: int | None = 60,
) -> str:
    """Run a query on a built graph and return the result as text.

    ``target``: an output folder (its ``graph.ttl``, else ``graph.trig``), a
    ``.ttl``/``.trig``/``.nt``/``.nq`` file or a pyoxigraph Store.
    ``query_or_file``: SPARQL text, a ``.rq`` path or a bundled query name
    (see :func:`resolve_query`).  ``bindings``: ``{"district": "天元区"}`` or
    ``["district=天元区"]``; string values are read by
    :func:`resolve_binding` (IRI, prefixed name, node id, quoted literal,
    number, else an entity label).  ``fmt``:

    * ``"table"``: aligned columns (Chinese characters count two columns),
      IRIs shortened to ``kgo:Street`` / ``<place/430211>``, cells cut to
      ``max_width`` columns (None: never), and a last line ``(N rows)``;
    * ``"csv"``: header + rows, full IRIs, empty cell for unbound;
    * ``"json"``: a list of objects (full IRIs, numbers as numbers, null for
      unbound); ``true``/``false`` for ASK.

    Raises FileNotFoundError (graph or query missing), SyntaxError (bad
    SPARQL) and ValueError (bad format, binding or evaluation error).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    sparql = resolve_query(query_or_file)
    store = target if isinstance(target, ox.Store) else load_store(target)
    terms = {k: resolve_binding(v, store if isinstance(target, ox.Store) else target, base_iri=base_iri)
             for k, v in parse_bindings(bindings).items()}
    for name in terms:
        if not re.search(r"[?$]" + re.escape(name) + r"(?!\w)", sparql):
            raise ValueError(f"the query has no variable ?{name}")
    kind, names, rows = _execute(target, sparql, terms)
    if kind == "ask":
        return ("true" if rows else "false") + "\n"
    return format_rows(names, rows, fmt, base_iri=base_iri or guess_base(rows), max_width=max_width)


def query_list_text() -> str:
    """The bundled queries, one per line: name, then the question it answers (for ``kg query --list``)."""
    names = list_queries()
    width = max((len(n) for n in names), default=0)
    return "".join(f"{n.ljust(width)}  {q}\n" for n, q in names.items())
