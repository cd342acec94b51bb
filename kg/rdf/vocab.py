"""Namespaces, the predicate and class mapping, and IRI minting for the RDF export."""

from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "DEFAULT_BASE_IRI",
    "KGO",
    "SCHEMA",
    "ORG",
    "NIF",
    "PREFIXES",
    "PREDICATES",
    "CLASSES",
    "iri_path",
    "check_base",
    "entity_iri",
    "classes_for",
]

DEFAULT_BASE_IRI = "https://example.org/kg/"

KGO = Namespace("https://example.org/kg/ontology#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

#: Prefixes written in Turtle/TriG output (and bound on rdflib graphs).
PREFIXES: dict[str, str] = {
    "foaf": str(FOAF),
    "kgo": str(KGO),
    "nif": str(NIF),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "xsd": str(XSD),
}

#: Graph predicate (kg.graph) -> RDF property.  Unknown predicates map to kgo:<name>.
PREDICATES: dict[str, URIRef] = {
    "containedInPlace": SCHEMA.containedInPlace,
    "jurisdiction": KGO.jurisdiction,
    "subOrganizationOf": ORG.subOrganizationOf,
    "memberOf": ORG.memberOf,
    "implements": KGO.implements,
    "issuedBy": KGO.issuedBy,
    "collaboratesWith": KGO.collaboratesWith,
    "participatesIn": KGO.participatesIn,
    "locatedIn": SCHEMA.location,
    "author": SCHEMA.author,
    "mentions": SCHEMA.mentions,
}

#: (type, subtype) -> rdf:type values; ``(type, None)`` is the fallback for a type.
CLASSES: dict[tuple[str, str | None], tuple[URIRef, ...]] = {
    ("Place", "province"): (KGO.Province, KGO.Place),
    ("Place", "city"): (KGO.City, KGO.Place),
    ("Place", "district"): (KGO.District, KGO.Place),
    ("Place", "street"): (KGO.Street, KGO.Place),
    ("Place", "community"): (KGO.Community, KGO.Place),
    ("Place", None): (KGO.Place,),
    ("Organization", "government"): (KGO.GovernmentAgency, KGO.Organization),
    ("Organization", "party"): (KGO.PartyOrganization, KGO.Organization),
    ("Organization", "judicial"): (KGO.JudicialBody, KGO.Organization),
    ("Organization", "police"): (KGO.PoliceUnit, KGO.Organization),
    ("Organization", "social"): (KGO.SocialOrganization, KGO.Organization),
    ("Organization", "enterprise"): (KGO.Enterprise, KGO.Organization),
    ("Organization", "media"): (KGO.MediaOrganization, KGO.Organization),
    ("Organization", "education"): (KGO.EducationalInstitution, KGO.Organization),
    ("Organization", "other"): (KGO.OtherOrganization, KGO.Organization),
    ("Organization", None): (KGO.Organization,),
    ("Person", None): (KGO.Person,),
    ("Program", None): (KGO.Program,),
    ("Document", None): (KGO.PolicyDocument,),
    ("Event", None): (KGO.Event,),
    ("Article", None): (SCHEMA.NewsArticle,),
}


def classes_for(node_type: str, subtype: str) -> tuple[URIRef, ...]:
    """The rdf:type values of a node: its most specific class, then the top class of its type."""
    return CLASSES.get((node_type, subtype)) or CLASSES.get((node_type, None)) or (SCHEMA.Thing,)


# --------------------------------------------------------------------------- IRIs

_SAFE_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=:@")
_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})
IRIREF_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
#: Texts that need no encoding at all: safe ASCII and CJK ideographs (the usual node id).
_PLAIN = re.compile(r"[A-Za-z0-9\-._~/!$&'()*+,;=:@\u3400-\u4dbf\u4e00-\u9fff]*\Z")


def _char_ok(c: str) -> bool:
    if c in _SAFE_ASCII:
        return True
    o = ord(c)
    if o < 0xA0:
        return False
    ucschar = o <= 0xD7FF or 0xF900 <= o <= 0xFDCF or 0xFDF0 <= o <= 0xFFEF
    ucschar = ucschar or (0x10000 <= o <= 0xEFFFD and (o & 0xFFFF) < 0xFFFE)
    return ucschar and unicodedata.category(c) not in _BAD_CATEGORIES


def iri_path(text: str) -> str:
    """Percent-encode what may not stand in an IRI path (RFC 3987 ipath).

    Unreserved ASCII, sub-delimiters, ``:@/`` and printable non-ASCII
    characters (Chinese, full-width punctuation) are kept; ``%``, ``#``,
    ``?``, spaces, brackets, controls and invisible format characters are
    encoded as UTF-8 ``%XX``.
    """
    if _PLAIN.match(text):
        return text
    return "".join(c if _char_ok(c) else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in text)


def check_base(base_iri: str) -> str:
    """Return ``base_iri`` if it is an absolute IRI ending in ``/`` or ``#``, else raise ValueError."""
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", base_iri or "") or IRIREF_FORBIDDEN.search(base_iri):
        raise ValueError(f"base IRI {base_iri!r} is not an absolute IRI")
    if not base_iri.endswith(("/", "#")):
        raise ValueError(f"base IRI {base_iri!r} must end with '/' or '#'")
    return base_iri


def entity_iri(node_id: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The IRI of a graph node (entity or article): base + percent-encoded node id."""
    return URIRef(check_base(base_iri) + iri_path(node_id))
