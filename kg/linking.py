"""One article's mention rows -> its resolved mentions and relations, as compact rows.

Linking an article needs only the article, its mentions, the page's context
codes and the read-only dictionaries, so it runs in worker processes
(:func:`kg.executor.map_articles`) while the main process merges what they
send back (:func:`kg.pipeline.assemble`).  What crosses the process boundary
is plain tuples of strings and integers: unpickling dataclass records costs
more than making them, so the :class:`~kg.model.Evidence` and
:class:`~kg.model.Relation` records are made on the receiving side, from the
span numbers of a :class:`~kg.resolve.SpanTable`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .gazetteer import PlaceIndex
from .lexicon import Lexicon
from .model import Article, Mention
from .relations import relation_spans
from .resolve import PlacePrefixes, SpanRow, SpanTable, resolve_article

__all__ = ["MentionRow", "MentionLink", "RelationLink", "ArticleLinks", "link_article", "to_mentions",
           "page_place_codes"]

#: Compact, picklable form of a mention: (start, end, type, subtype, rule).
MentionRow = tuple[int, int, str, str, str]

#: A resolved mention: (span number, type, entity id, label, subtype, division code, and for an
#: organisation whose name opens with a place, that place's entity id and, when the place's name
#: really is in the text, the name as written: 杭州市西湖区人民法院 -> place/330106, 杭州市西湖区).
MentionLink = tuple[int, str, str, str, str, str | None, str | None, str | None]

#: A relation merged within its article: (subject, predicate, object, role, span numbers in text order).
RelationLink = tuple[str, str, str, str | None, tuple[int, ...]]

_PAGE_LEVELS = ("province", "city")


class ArticleLinks(NamedTuple):
    """What one article contributes to the graph, in the order the merge reads it.

    A named tuple, not a dataclass: it crosses the process boundary, and a class compiled by mypyc
    (see hatch_build.py) cannot be pickled, while a tuple can.
    """

    spans: list[SpanRow]  # evidence spans, numbered by position
    mentions: list[MentionLink]  # in text order
    relations: list[RelationLink]  # one per (subject, predicate, object, role), in order of first reading


def to_mentions(article: Article, rows: Sequence[MentionRow]) -> list[Mention]:
    aid, text = article.article_id, article.text
    return [Mention(aid, s, e, text[s:e], t, sub, rule) for s, e, t, sub, rule in rows]


def page_place_codes(article: Article, rows: Sequence[MentionRow], gaz: PlaceIndex, into: set[str]) -> None:
    """Add to ``into`` the provinces and cities an article names: the context of its page.

    Only these two levels, never a district from a neighbour article.
    """
    text = article.text
    for s, e, t, _sub, _rule in rows:
        if t == "Place":
            d = gaz.resolve(text[s:e], (), levels=_PAGE_LEVELS)
            if d is not None:
                into.add(d.code)


def link_article(article: Article, rows: Sequence[MentionRow], page_codes: Sequence[str], gaz: PlaceIndex,
                 lex: Lexicon, roles: dict[str, str], prefixes: PlacePrefixes | None = None) -> ArticleLinks:
    """Resolve one article's mentions and read its relations (``page_codes`` sorted)."""
    resolved, _ctx = resolve_article(article, to_mentions(article, rows), gaz, lex, page_codes, prefixes=prefixes)
    spans = SpanTable(article)
    links: list[MentionLink] = []
    for r in resolved:
        m = r.mention
        if r.place_prefix is None:
            links.append((spans(m.start, m.end), m.type, r.entity_id, r.label, r.subtype, r.code, None, None))
        else:
            pid, s, e = r.place_prefix
            links.append((spans(m.start, m.end), m.type, r.entity_id, r.label, r.subtype, r.code, pid,
                          article.text[s:e] if e < m.end else None))
    # One relation per key, its spans pooled, as kg.relations.merge_relations would make them.
    first: dict[tuple[str, str, str, str | None], list[int]] = {}
    for subj, pred, obj, role, start, end in relation_spans(article, resolved, lex, roles, spans.sentences):
        if subj == obj:
            continue
        k = spans(start, end)
        found = first.get((subj, pred, obj, role))
        if found is None:
            first[(subj, pred, obj, role)] = [k]
        elif k not in found:
            found.append(k)
    table = spans.rows
    relations: list[RelationLink] = [
        (s, p, o, role, (ks[0],) if len(ks) == 1 else tuple(sorted(ks, key=lambda k: table[k][:2])))
        for (s, p, o, role), ks in first.items()]
    return ArticleLinks(table, links, relations)
