"""Typed relations between resolved mentions, each with its evidence span.

Triggers are data (``ontology/triggers.tsv``).  Rules work inside one
sentence and read left to right:

* ORG|PLACE … 开展/推行/实施 … PROGRAM            -> implements
* ORG … 印发/出台 … 《DOCUMENT》                   -> issuedBy (document -> org)
* ORG … 联合/联动 … ORG(、ORG)*                    -> collaboratesWith
* ORG … 召开/举办/参加 … EVENT                     -> participatesIn
* ORG ROLE PERSON (西湖区人民法院法官王晓东)       -> memberOf with role
* ORG directly followed by ORG (检察院第一检察部)  -> subOrganizationOf
* PLACE directly followed by PLACE (街道 + 社区)   -> containedInPlace
* ORG whose name opens with a place               -> jurisdiction
* byline credit                                   -> author, memberOf(outlet)
"""

from __future__ import annotations

from .lexicon import Lexicon
from .model import Article, Relation
from .resolve import Resolved, Sentences

__all__ = ["relation_spans", "merge_relations", "RelationSpan"]

#: A relation as the rules read it: (subject, predicate, object, role, start, end of its evidence span).
RelationSpan = tuple[str, str, str, str | None, int, int]

_MAX_GAP = 40  # characters between the two ends of a trigger-based relation


def relation_spans(article: Article, resolved: list[Resolved], lex: Lexicon, roles: dict[str, str],
                   sentences: Sentences) -> list[RelationSpan]:
    """The rules of this module: every relation read from one article, with the span it was read from."""
    text = article.text
    aid = f"article/{article.article_id}"
    rels: list[RelationSpan] = []
    for r in resolved:
        m = r.mention
        rels.append((aid, "mentions", r.entity_id, None, m.start, m.end))
        if r.place_prefix is not None:
            pid, s, e = r.place_prefix
            rels.append((r.entity_id, "jurisdiction", pid, None, s, e))
    by_byline = {(r.mention.start, r.mention.end): r for r in resolved if r.mention.type == "Person"}
    outlets = {r.mention.text: r for r in resolved if r.mention.type == "Organization"}
    for line in article.bylines:
        person = by_byline.get((line.start, line.end))
        if person is None:
            continue
        rels.append((aid, "author", person.entity_id, None, line.start, line.end))
        if line.outlet and line.outlet in outlets:
            o = outlets[line.outlet]
            rels.append((person.entity_id, "memberOf", o.entity_id, line.role, min(o.mention.start, line.start),
                         max(o.mention.end, line.end)))
    ordered = sorted(resolved, key=lambda r: r.mention.start)
    for a, b in zip(ordered, ordered[1:]):
        ma, mb = a.mention, b.mention
        if mb.start != ma.end:
            continue
        if ma.type == mb.type == "Organization" and a.entity_id != b.entity_id:
            rels.append((b.entity_id, "subOrganizationOf", a.entity_id, None, ma.start, mb.end))
        elif ma.type == mb.type == "Place" and a.entity_id != b.entity_id and not (a.mention.subtype in ("country",)):
            rels.append((b.entity_id, "containedInPlace", a.entity_id, None, ma.start, mb.end))
    triggers: dict[str, tuple[str, ...]] = {k: lex.values("triggers", k) for k in lex.kinds("triggers")}
    # Sentence-level trigger rules.
    for i, a in enumerate(ordered):
        ma = a.mention
        if ma.type not in ("Organization", "Place"):
            continue
        s_start, s_end = sentences.bounds(ma.start, ma.end)
        for k in range(i + 1, len(ordered)):
            b = ordered[k]
            mb = b.mention
            if mb.start >= s_end or mb.start - ma.end > _MAX_GAP:
                break
            if mb.type == "Place" or (ma.type == "Place" and mb.type != "Program"):
                continue  # no rule below joins these two
            between = text[ma.end:mb.start]
            # The subject is the nearest actor before the trigger, or a list of
            # actors joined by 、/和: in “杭州市西湖区实施…” only 西湖区 implements.
            nearest = mb.type in ("Program", "Document", "Event") and _subject_list(text, a, ordered[i + 1:k])
            pred = None
            if mb.type == "Program" and nearest and _has(between, triggers.get("implements", ())):
                pred, subj, obj = "implements", a.entity_id, b.entity_id
            elif (mb.type == "Document" and nearest and ma.type == "Organization"
                  and _has(between, triggers.get("issuedBy", ()))):
                pred, subj, obj = "issuedBy", b.entity_id, a.entity_id
            elif (mb.type == "Event" and nearest and ma.type == "Organization"
                  and _has(between, triggers.get("participatesIn", ()))):
                pred, subj, obj = "participatesIn", a.entity_id, b.entity_id
            elif (mb.type == "Organization" and ma.type == "Organization" and a.entity_id != b.entity_id
                  and _collaboration(text, a, b, ordered[i + 1:k], triggers.get("collaboratesWith", ()))):
                pred, subj, obj = "collaboratesWith", a.entity_id, b.entity_id
            elif (mb.type == "Person" and ma.type == "Organization" and between in roles
                  and mb.start - ma.end == len(between)):
                rels.append((b.entity_id, "memberOf", a.entity_id, between, ma.start, mb.end))
                continue
            if pred:
                rels.append((subj, pred, obj, None, ma.start, mb.end))
    return rels


def _has(between: str, words: tuple[str, ...]) -> bool:
    return any(w in between for w in words)


_LIST_GLUE = set("、，,和及与以同 ")


def _subject_list(text: str, a: Resolved, middle: list[Resolved]) -> bool:
    """True unless an actor stands between ``a`` and what follows it, other than
    a list continuing ``a`` (区委、区政府研究出台…)."""
    at = a.mention.end
    for r in middle:
        m = r.mention
        if m.type not in ("Organization", "Place"):
            continue
        glue = text[at:m.start]
        if glue and all(ch in _LIST_GLUE for ch in glue):
            at = m.end
            continue
        return False
    return True


def _collaboration(text: str, a: Resolved, b: Resolved, middle: list[Resolved], words: tuple[str, ...]) -> bool:
    """ORG + trigger + a list of ORGs: 市整治办联合市委办、市治超办、市校车办."""
    rest = text[a.mention.end:b.mention.start]
    word = next((w for w in sorted(words, key=len, reverse=True) if rest.startswith(w)), None)
    if word is None:
        return False
    rest = rest[len(word):]
    for r in middle:  # the organisations listed before b, with their glue
        if r.mention.type == "Organization" and r.mention.text in rest:
            rest = rest.replace(r.mention.text, "", 1)
    return all(ch in _LIST_GLUE for ch in rest)


def merge_relations(relations: list[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object, role), evidence pooled."""
    # Most keys occur once: keep the first relation per key, and a list only for the repeated keys.
    first: dict[tuple, Relation] = {}
    repeated: dict[tuple, list[Relation]] = {}
    for r in relations:
        if r.subject == r.object:
            continue
        key = (r.subject, r.predicate, r.object, r.role)
        seen = first.setdefault(key, r)
        if seen is not r:
            more = repeated.get(key)
            if more is None:
                repeated[key] = [seen, r]
            else:
                more.append(r)
    out = []
    for key, r in first.items():
        rs = repeated.get(key)
        if rs is None:
            out.append(r)  # nothing to pool
            continue
        s, p, o, role = key
        # pool evidence, one per span (hashing whole Evidence records is slow)
        pooled = {(e.article_id, e.start, e.end): e for r in rs for e in r.evidence}
        ev = tuple(pooled[k] for k in sorted(pooled))
        origin = "text" if any(r.origin == "text" for r in rs) else "gazetteer"
        out.append(Relation(s, p, o, ev, role=role, origin=origin))
    return out
