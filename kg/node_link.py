"""graph.json: the sorted node-link JSON of a built graph, written as a stream of rows.

The file is ``json.dumps(nx.node_link_data(graph, edges="links"), sort_keys=True,
ensure_ascii=False, separators=(",", ":"))`` with nodes and links sorted,
except that each evidence dict is a row of :data:`EVIDENCE_COLUMNS` whose
sentence is an index into the top-level ``kg_sentences`` table (a sentence is
shared by many mentions; dicts with other keys are kept as they are).
:func:`decode_evidence` turns the rows back into dicts.

The nodes and links that :func:`kg.graph.build_graph` makes have fixed keys,
so each is formatted by one f-string with the keys already in sorted order
and every string escaped by ``json``'s own C escaper: the same bytes as
``json.dumps``, for about a third of its time (the encoder sorts the keys of
every dict and tracks every container for cycles).  Anything else (an article
node, an attribute a user added, a value that is not a string or an integer)
goes through ``json.dumps``; the tests compare the two on whole builds.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C escaper when available, as JSONEncoder uses
from operator import itemgetter
from collections.abc import Iterable
from typing import Any, TextIO

import networkx as nx

from .assembly import article_node, edge_kind, evidence_in_order
from .model import Article, Entity, Evidence, Relation

__all__ = ["write_node_link_json", "write_node_link_json_records", "decode_evidence", "EVIDENCE_COLUMNS",
           "SENTENCE_COLUMNS"]

#: Columns of an evidence row in graph.json.  ``sentence`` is an index into the top-level
#: ``kg_sentences`` table, whose rows are :data:`SENTENCE_COLUMNS`.
EVIDENCE_COLUMNS = ("sentence", "start", "end", "text", "source_start", "source_end")
SENTENCE_COLUMNS = ("article", "sentence_start", "sentence_end", "sentence", "source")
_EVIDENCE_KEYS = frozenset(EVIDENCE_COLUMNS[1:] + SENTENCE_COLUMNS)  # keys of kg.model.Evidence.to_dict
_SENTENCE_KEY = itemgetter(*SENTENCE_COLUMNS)  # one C call per evidence dict instead of five lookups
_ROW_VALUES = itemgetter(*EVIDENCE_COLUMNS[1:])
#: Keys of an entity node and of an edge as build_graph makes them (plus the id, or source/target/key).
_ENTITY_KEYS = frozenset(("type", "subtype", "label", "aliases", "code", "sources", "mentions", "evidence"))
_EDGE_KEYS = frozenset(("predicate", "label", "role", "origin", "evidence"))
_CHUNK = 2000  # items joined per write


def _dumps() -> Any:
    # No indent: with indent, json falls back to its pure-Python encoder (10x slower).
    return json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


class _Writer:
    """Formats items; each evidence sentence gets an id in order of first use (so deterministic)."""

    def __init__(self) -> None:
        self.sentences: dict[tuple, int] = {}
        self.made: dict[int, str] = {}  # id(Evidence) -> its row (the records outlive the writer)
        self.dumps = _dumps()

    def sentence_id(self, ev: dict) -> int:
        key = _SENTENCE_KEY(ev)
        sid = self.sentences.get(key)
        if sid is None:
            sid = self.sentences[key] = len(self.sentences)
        return sid

    def rows(self, items: Iterable) -> list:
        """Evidence dicts -> rows (a dict with other keys stays as it is), for json.dumps."""
        return [[self.sentence_id(ev), *_ROW_VALUES(ev)] if isinstance(ev, dict) and ev.keys() == _EVIDENCE_KEYS
                else ev for ev in items]

    def evidence(self, items: list) -> str:
        """The JSON text of :meth:`rows` (json.dumps is compositional: a list's text is its items')."""
        parts: list[str] = []
        value = self.value
        for ev in items:
            if isinstance(ev, dict) and ev.keys() == _EVIDENCE_KEYS:
                start, end, text, s0, s1 = _ROW_VALUES(ev)
                parts.append(f"[{self.sentence_id(ev)},{value(start)},{value(end)},{value(text)},{value(s0)},"
                             f"{value(s1)}]")
            else:
                parts.append(self.dumps(ev))
        return "[" + ",".join(parts) + "]"

    def records(self, items: tuple[Evidence, ...]) -> str:
        """:meth:`evidence` of the dicts these records would become (``Evidence.to_dict``), read off the records."""
        parts: list[str] = []
        value = self.value
        sentences = self.sentences
        made = self.made
        for ev in items:
            # A mention's record is written twice, on its entity and on its mentions edge: formatted once.
            row = made.get(id(ev))
            if row is None:
                key = (ev.article_id, ev.sentence_start, ev.sentence_end, ev.sentence, ev.source)
                sid = sentences.get(key)
                if sid is None:
                    sid = sentences[key] = len(sentences)
                row = made[id(ev)] = (f"[{sid},{value(ev.start)},{value(ev.end)},{value(ev.text)},"
                                      f"{value(ev.source_start)},{value(ev.source_end)}]")
            parts.append(row)
        return "[" + ",".join(parts) + "]"

    def value(self, x: object) -> str:
        """``json.dumps(x)``, formatted here for a string or an integer (not a bool)."""
        if type(x) is str:
            return encode_basestring(x)
        if type(x) is int:
            return str(x)
        return self.dumps(x)

    def strings(self, xs: object) -> str:
        if type(xs) is list:
            return "[" + ",".join([self.value(x) for x in xs]) + "]"
        return self.dumps(xs)

    def general(self, d: dict) -> str:
        """Any item: its evidence as rows, the rest as json.dumps writes it."""
        ev = d.get("evidence")
        if ev:
            d["evidence"] = self.rows(ev)  # d is always a new dict made by the caller
        return self.dumps(d)

    def edge(self, u: object, v: object, k: object, d: dict) -> str:
        if d.keys() != _EDGE_KEYS or type(u) is not str or type(v) is not str or type(k) is not str \
                or type(d["evidence"]) is not list:
            return self.general({**d, "source": u, "target": v, "key": k})
        value = self.value
        return (f'{{"evidence":{self.evidence(d["evidence"])},"key":{encode_basestring(k)},'
                f'"label":{value(d["label"])},"origin":{value(d["origin"])},"predicate":{value(d["predicate"])},'
                f'"role":{value(d["role"])},"source":{encode_basestring(u)},"target":{encode_basestring(v)}}}')

    def node(self, n: object, d: dict) -> str:
        if d.keys() != _ENTITY_KEYS or type(n) is not str or type(d["evidence"]) is not list:
            return self.general({**d, "id": n})
        value = self.value
        return (f'{{"aliases":{self.strings(d["aliases"])},"code":{value(d["code"])},'
                f'"evidence":{self.evidence(d["evidence"])},"id":{encode_basestring(n)},'
                f'"label":{value(d["label"])},"mentions":{value(d["mentions"])},'
                f'"sources":{self.strings(d["sources"])},"subtype":{value(d["subtype"])},'
                f'"type":{value(d["type"])}}}')


def write_node_link_json(graph: nx.MultiDiGraph, fh: TextIO) -> None:
    """Stream the sorted node-link JSON (evidence as rows over ``kg_sentences``) of ``graph`` to ``fh``.

    Written in chunks: no copy of the graph as one list of dicts, no single giant string.
    """
    w = _Writer()
    dumps = w.dumps
    multi = graph.is_multigraph()
    fh.write(f'{{"directed":{dumps(graph.is_directed())},"graph":{dumps(graph.graph)},"links":[')
    adj = graph._adj  # raw dicts: networkx's views are slow on 10^5+ edges
    if multi:
        # Sorted by (u, v, key), which is unique: the data dict after them is never compared.
        edges = sorted((u, v, k, d) for u, nbrs in adj.items() for v, keyed in nbrs.items() for k, d in keyed.items())
        _write_items(fh, (w.edge(u, v, k, d) for u, v, k, d in edges))
    else:
        pairs = sorted(graph.edges(), key=lambda e: (e[0], e[1]))
        _write_items(fh, (w.general({**adj[u][v], "source": u, "target": v}) for u, v in pairs))
    fh.write(f'],"multigraph":{dumps(multi)},"nodes":[')
    nodes = graph._node
    _write_items(fh, (w.node(n, nodes[n]) for n in sorted(nodes)))
    fh.write('],"kg_sentences":[')
    _write_items(fh, (dumps(list(key)) for key in w.sentences))
    fh.write("]}\n")


def write_node_link_json_records(articles: Iterable[Article], entities: Iterable[Entity],
                                 relations: Iterable[Relation], fh: TextIO) -> None:
    """The bytes :func:`write_node_link_json` writes for ``build_graph(articles, entities, relations)``,
    read off the records: no graph, no attribute or evidence dicts (``kg build`` writes this way).

    Relations are expected to be unique per (subject, object, edge key), as :func:`kg.assembly.assemble`
    makes them (build_graph would keep the last of several).
    """
    w = _Writer()
    value, strings = w.value, w.strings
    kinds: dict[tuple[str, str | None], tuple[str, str, str]] = {}
    edges: list[tuple[str, str, str, tuple[str, str, str], Relation]] = []
    for r in relations:
        kind = kinds.get((r.predicate, r.role))
        if kind is None:
            kind = kinds[(r.predicate, r.role)] = edge_kind(r.predicate, r.role)
        edges.append((r.subject, r.object, kind[0], kind, r))
    edges.sort(key=_EDGE_ORDER)
    fh.write('{"directed":true,"graph":{},"links":[')
    _write_items(fh, (f'{{"evidence":{w.records(evidence_in_order(r.evidence))},"key":{encode_basestring(k)},'
                      f'"label":{value(kind[1])},"origin":{value(r.origin)},"predicate":{value(r.predicate)},'
                      f'"role":{value(kind[2])},"source":{encode_basestring(u)},"target":{encode_basestring(v)}}}'
                      for u, v, k, kind, r in edges))
    fh.write('],"multigraph":true,"nodes":[')
    items: list[tuple[str, Article | Entity]] = [(f"article/{a.article_id}", a) for a in articles]
    items.extend([(e.id, e) for e in entities])
    items.sort(key=_NODE_ORDER)

    def node(n: str, x: Article | Entity) -> str:
        if isinstance(x, Article):
            return w.general({**article_node(x), "id": n})
        evidence = evidence_in_order(x.evidence)
        return (f'{{"aliases":{strings(sorted(set(x.aliases) - {x.label}))},"code":{value(x.code or "")},'
                f'"evidence":{w.records(evidence)},"id":{encode_basestring(n)},'
                f'"label":{value(x.label)},"mentions":{len(evidence)},'
                f'"sources":{strings(sorted({ev.article_id for ev in evidence}))},"subtype":{value(x.subtype)},'
                f'"type":{value(x.type)}}}')

    _write_items(fh, (node(n, x) for n, x in items))
    fh.write('],"kg_sentences":[')
    _write_items(fh, (w.dumps(list(key)) for key in w.sentences))
    fh.write("]}\n")


_EDGE_ORDER = itemgetter(0, 1, 2)  # (source, target, key): unique, so the relation after them is never compared
_NODE_ORDER = itemgetter(0)


def _write_items(fh: TextIO, texts: Iterable[str]) -> None:
    """Write the comma-separated ``texts``, joined _CHUNK at a time (not one write per item)."""
    chunk: list[str] = []
    sep = ""
    for text in texts:
        chunk.append(text)
        if len(chunk) >= _CHUNK:
            fh.write(sep + ",".join(chunk))
            sep, chunk = ",", []
    if chunk:
        fh.write(sep + ",".join(chunk))


def decode_evidence(data: dict) -> dict:
    """Turn the evidence rows of node-link ``data`` (as read from graph.json) back into dicts, in place."""
    table = data.pop("kg_sentences", None)
    if table is None:
        return data
    for item in (*data.get("nodes", ()), *data.get("links", ())):
        ev = item.get("evidence")
        if ev:
            out = []
            for row in ev:
                if row.__class__ is list:
                    art, s0, s1, sentence, source = table[row[0]]
                    row = {"article": art, "start": row[1], "end": row[2], "text": row[3],
                           "sentence": sentence, "sentence_start": s0, "sentence_end": s1,
                           "source": source, "source_start": row[4], "source_end": row[5]}
                out.append(row)
            item["evidence"] = out
    return data
