"""Analysis of a built knowledge graph: rankings, communities, programmes by district, charts.

    >>> report = analyze("output/", "output/")      # doctest: +SKIP
    >>> report.matrix.programs_per_district()[0]    # doctest: +SKIP

Modules: :mod:`~kg.analysis.places` (containment and jurisdiction walks),
:mod:`~kg.analysis.metrics` (centrality, Louvain communities, bridges),
:mod:`~kg.analysis.findings` (programmes, districts, agencies, people,
timeline), :mod:`~kg.analysis.projection`, :mod:`~kg.analysis.charts`
(matplotlib, imported only when charts are drawn) and
:mod:`~kg.analysis.report` (:func:`analyze`, report.md/report.json).
"""

from __future__ import annotations

__all__ = ["analyze", "build_report", "Report"]


def __getattr__(name):  # lazy: `import kg.analysis.places` stays cheap
    if name in ("analyze", "build_report"):
        from . import report

        return getattr(report, name)
    if name == "Report":
        from .model import Report

        return Report
    raise AttributeError(name)
