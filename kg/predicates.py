"""The predicates of the graph and their Chinese labels (part of the graph contract, see
:mod:`kg.graph`; mirrored as rdfs:label in ontology/kg.ttl)."""

from __future__ import annotations

__all__ = ["PREDICATE_LABELS"]

#: Chinese labels shown for each predicate.
PREDICATE_LABELS = {
    "containedInPlace": "位于",
    "jurisdiction": "管辖",
    "subOrganizationOf": "下属于",
    "memberOf": "任职于",
    "implements": "实施",
    "issuedBy": "发布机构",
    "collaboratesWith": "联合",
    "participatesIn": "参与",
    "locatedIn": "发生于",
    "author": "作者",
    "mentions": "提及",
}
