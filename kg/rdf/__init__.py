"""Export the knowledge graph (see :mod:`kg.graph`) to RDF.

Public API::

    to_rdf(graph, base_iri=DEFAULT_BASE_IRI) -> rdflib.Graph
    to_dataset(graph, base_iri) -> rdflib.Dataset       # one named graph per article
    write_turtle(graph, path, base_iri) -> Path         # sorted, atomic, byte-stable
    write_trig(graph, path, base_iri) -> Path
    write_rdf(graph, ttl_path, trig_path, base_iri) -> {kind: Path}  # both, streamed, one index
    write_rdf_records(articles, entities, relations, ttl_path, trig_path, base_iri)
        # the same files for build_graph(articles, entities, relations), without building it
    turtle_text(graph, base_iri) / trig_text(graph, base_iri) -> str
    entity_iri(node_id, base_iri) -> URIRef

Vocabulary (declared in ``ontology/kg.ttl``, prefix ``kgo:``):

* Entities: IRI ``base + node id`` (characters not allowed in an IRI path are
  percent-encoded, Chinese stays readable); ``rdf:type`` the most specific
  class (``kgo:District``, ``kgo:PoliceUnit``, …) plus the top class of the
  type (``kgo:Place``, ``kgo:Organization``); one ``rdfs:label`` @zh;
  ``skos:altLabel`` @zh per alias; ``kgo:divisionCode`` for linked places;
  ``kgo:mentionCount``.
* Articles: ``schema:NewsArticle`` with ``rdfs:label`` and ``schema:headline``
  (@zh), ``schema:author`` → Person (from ``author`` edges),
  ``kgo:authorName`` @zh, ``kgo:sourceFile``, ``schema:datePublished``
  (``xsd:date`` when ISO).
* Relations: a plain triple (``schema:containedInPlace``, ``kgo:jurisdiction``,
  ``org:subOrganizationOf``, ``org:memberOf``, ``kgo:implements``,
  ``kgo:issuedBy``, ``kgo:collaboratesWith``, ``kgo:participatesIn``,
  ``schema:location``, ``schema:author``, ``schema:mentions``) plus, except
  for ``schema:mentions`` (whose evidence is the article's spans that
  ``kgo:denotes`` the entity), an ``rdf:Statement``
  (``rdf:subject/predicate/object``, ``kgo:origin``, ``kgo:role``) that is
  ``prov:wasDerivedFrom`` its evidence spans, or the ``kgo:DivisionTable``
  for gazetteer facts.
* Roles: ``org:Membership`` with ``org:member``, ``org:organization``,
  ``org:role`` → ``<base>role/<word>`` (an ``org:Role`` labelled @zh), also
  ``prov:wasDerivedFrom`` the evidence spans.
* Mentions and evidence: NIF spans ``<article IRI>#char=<begin>,<end>``
  (``kgo:TextSpan`` ⊑ ``nif:OffsetBasedString``; ``nif:beginIndex``,
  ``nif:endIndex``, ``nif:anchorOf``, ``nif:referenceContext`` → article,
  ``nif:sentence`` → the sentence span (``nif:Sentence``),
  ``kgo:sourceBeginIndex`` in the input file; ``kgo:sourceFile`` only when
  the article has several files, ``kgo:sourceEndIndex`` only when the file's
  text is not as long as the span); a mention span ``kgo:denotes`` its
  entity.  Offsets are code points into the article text.
"""

from .export import to_dataset, to_rdf
from .turtle import trig_text, turtle_text, write_rdf, write_rdf_records, write_trig, write_turtle
from .vocab import (
    DEFAULT_BASE_IRI,
    KGO,
    NIF,
    ORG,
    PREDICATES,
    PREFIXES,
    SCHEMA,
    entity_iri,
    iri_path,
)

__all__ = [
    "DEFAULT_BASE_IRI",
    "KGO",
    "NIF",
    "ORG",
    "SCHEMA",
    "PREFIXES",
    "PREDICATES",
    "entity_iri",
    "iri_path",
    "to_rdf",
    "to_dataset",
    "turtle_text",
    "trig_text",
    "write_turtle",
    "write_trig",
    "write_rdf",
    "write_rdf_records",
]
