"""kg: offline knowledge graphs from Chinese local-government news.

>>> import kg
>>> graph = kg.build()            # the bundled seed pages  # doctest: +SKIP
>>> graph.graph.number_of_nodes() > 0                        # doctest: +SKIP
True
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["build", "load", "query", "extract", "KnowledgeGraph"]


def build(paths=None, **options):
    """Build a :class:`KnowledgeGraph` from files and folders (default: bundled seeds)."""
    from .pipeline import build as _build

    return _build(paths, **options)


def load(path):
    """A built :class:`KnowledgeGraph` from an output folder or graph.json, without re-extracting.

    ``articles`` is empty after a load (article text is not saved); see :mod:`kg.persist`.
    """
    from .persist import load as _load

    return _load(path)


def query(graph_dir, sparql: str, bindings=None):
    """SPARQL over a build output folder or a .ttl/.trig file: rows as dicts (see :mod:`kg.sparql`).
    """
    from .sparql import query as _query

    return _query(graph_dir, sparql, bindings)


def extract(text: str, resources=None):
    """Mentions of one text: a list of :class:`kg.model.Mention`."""
    from .extract import extract_mentions, load_resources

    return extract_mentions(text, resources or load_resources())


def __getattr__(name):  # lazy, so `import kg` stays cheap
    if name == "KnowledgeGraph":
        from .graph import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(name)
