"""SHACL validation of the RDF export against ``ontology/shapes.ttl``.

The ontology ``ontology/kg.ttl`` is passed to pyshacl as ``ont_graph``: it is
mixed into (a copy of) the data graph, so ``sh:targetClass`` and ``sh:class``
follow ``rdfs:subClassOf*`` through it (SHACL's own definition of "instance")
and ``kgo:District`` counts as a ``schema:Place`` without any inference.
RDFS inference (``inference="rdfs"``) is available but slower, and adds
nothing the shapes need: the exporter writes every class the shapes target.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from .resources import ontology_file

__all__ = ["ValidationResult", "validate", "ontology_graph", "shapes_graph"]


@dataclass(frozen=True)
class ValidationResult:
    """Outcome of :func:`validate`.

    ``conforms`` is False only when there is a result of severity
    sh:Violation; warnings and infos are counted but do not fail.
    """

    conforms: bool
    violations: int
    warnings: int
    text: str
    infos: int = 0

    def __bool__(self) -> bool:
        return self.conforms


@lru_cache(maxsize=1)
def _parsed(name: str) -> Graph:
    g = Graph()
    g.parse(ontology_file(name), format="turtle")
    return g


def ontology_graph() -> Graph:
    """``ontology/kg.ttl`` parsed (cached; do not modify)."""
    return _parsed("kg.ttl")


def shapes_graph() -> Graph:
    """``ontology/shapes.ttl`` parsed (cached; do not modify)."""
    return _parsed("shapes.ttl")


def _load(data: Graph | str | os.PathLike) -> Graph:
    if isinstance(data, Graph):
        return data
    path = Path(data)
    g = Graph()
    fmt = "trig" if path.suffix == ".trig" else "turtle"
    if fmt == "trig":
        import warnings

        from rdflib import Dataset

        ds = Dataset()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's TriG parser uses ConjunctiveGraph
            ds.parse(path, format="trig")
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    g.parse(path, format=fmt)
    return g


def validate(
    rdf_graph: Graph | str | os.PathLike,
    *,
    inference: str = "none",
    max_text_results: int | None = None,
    inplace: bool = False,
) -> ValidationResult:
    """Validate an export (an rdflib Graph, or a .ttl/.trig path) against the shapes.

    ``inference`` is passed to pyshacl ("none", "rdfs", "owlrl", "both").
    ``max_text_results``: when given, ``text`` keeps only that many result
    blocks (the counts still cover all results).
    """
    import pyshacl

    data = _load(rdf_graph)
    conforms, results, text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference=inference,
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        advanced=False,
        meta_shacl=False,
        debug=False,
        inplace=inplace,  # True for a throwaway graph: the ontology is mixed into it instead of a copy
    )
    counts = {SH.Violation: 0, SH.Warning: 0, SH.Info: 0}
    for sev in results.objects(None, SH.resultSeverity):
        if sev in counts:
            counts[sev] += 1
    if max_text_results is not None:
        text = _shorten(text, max_text_results)
    return ValidationResult(
        conforms=counts[SH.Violation] == 0,
        violations=counts[SH.Violation],
        warnings=counts[SH.Warning],
        text=text,
        infos=counts[SH.Info],
    )


def _shorten(text: str, n: int) -> str:
    parts = re.split(r"\n(?=(?:Constraint Violation|Validation Result) in )", text)
    head, blocks = parts[0], parts[1:]
    if len(blocks) <= n:
        return text
    return "\n".join([head, *blocks[:n]]) + f"\n… {len(blocks) - n} more results\n"
