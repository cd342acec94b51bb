"""networkx graph (kg.graph contract) -> rdflib, for the Python API.

The RDF model is written once, in :mod:`kg.rdf.index` and :mod:`kg.rdf.stream`
(the writers behind graph.ttl and graph.trig).  :func:`to_rdf` and
:func:`to_dataset` parse that same text into rdflib, so the API and the files
can never disagree.  IRIs minted (all below the base IRI, no blank nodes):

* entity / article: ``<base><node id>``
* text span: ``<article IRI>#char=<begin>,<end>`` (RFC 5147 style)
* statement: ``<base>statement/<sha1(subject, predicate, object, role)[:20]>``
* membership: ``<base>membership/<sha1(person, organisation, role)[:20]>``
* role: ``<base>role/<role word>``; division table: ``<base>source/division-table``
"""

from __future__ import annotations

import hashlib
import re
import warnings

import networkx as nx
from rdflib import Dataset, Graph

from .vocab import DEFAULT_BASE_IRI, iri_path

__all__ = ["to_rdf", "to_dataset", "graph_iri"]

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def digest(*parts: str) -> str:
    """Stable short hash used in statement and membership IRIs."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def graph_iri(base_iri: str, article_node: str) -> str:
    """Name of the TriG graph of one article: ``<base>graph/article/<id>``."""
    return base_iri + "graph/" + iri_path(article_node)


def to_rdf(graph: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """The whole export as one rdflib Graph (the union of all the TriG graphs)."""
    from .stream import turtle_string

    return Graph().parse(data=turtle_string(graph, base_iri), format="turtle")


def to_dataset(graph: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE_IRI) -> Dataset:
    """The export as an rdflib Dataset with one named graph per article (see :func:`kg.rdf.write_trig`)."""
    from .stream import trig_string

    ds = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's TriG parser uses ConjunctiveGraph
        ds.parse(data=trig_string(graph, base_iri), format="trig")
    return ds
