"""Invented build records (articles, entities, relations) for the record-path tests of the viewer and validation,
and :func:`span_in`, the evidence offsets every record test builds its records from.

:func:`corpus` makes an article-heavy build of made-up news with the features the
record paths must reproduce exactly: a coded containment chain from the division
table plus text containment between coded places (and to an uncoded one), role
edges, author edges, a mentions edge with more than MAX_EVIDENCE records, an
isolated entity (degree 0), a self-loop and many ties in degree.  An entity and its
``mentions`` edge share their Evidence objects, as kg.assembly.assemble makes them.
"""

from __future__ import annotations

import random

from kg.model import Article, Byline, Entity, Evidence, Relation

PROVINCE = ("place/910000", "甲省", "province", "910000")
CITIES = [("place/910100", "乙市", "city", "910100"), ("place/910200", "丙市", "city", "910200")]
DISTRICTS = [("place/910101", "丁区", "district", "910101", 0), ("place/910102", "戊区", "district", "910102", 0),
             ("place/910201", "己县", "district", "910201", 1)]
STREET = ("place/街道/庚街道", "庚街道", "street", None)  # not linked to the division table: no code
ORGS = [f"org/{name}" for name in ("辛局", "壬委员会", "癸中心", "子服务站", "丑协会", "寅学校")]
PERSONS = [f"person/{name}" for name in ("赵甲", "钱乙", "孙丙", "李丁")]
PROGRAMS = ["program/清风行动", "program/暖心工程"]
LONELY = "program/无人提及"  # no evidence, no relation: degree 0



def span_in(text: str, surface: str, nth: int = 0) -> tuple[int, int, int, int]:
    """(start, end, sentence start, sentence end) of the nth ``surface`` in ``text``.

    A sentence ends after "。" or at the end of the text and starts after "。" or a line break:
    the evidence offsets the record and graph tests build their records from.
    """
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    end = start + len(surface)
    s0 = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    s1 = text.find("。", end)
    return start, end, s0, len(text) if s1 < 0 else s1 + 1

def _label(eid: str) -> str:
    for row in (PROVINCE, *CITIES, *DISTRICTS, STREET):
        if row[0] == eid:
            return row[1]
    return eid.rsplit("/", 1)[1]


def corpus(n_articles: int = 40, seed: int = 7) -> tuple[list[Article], list[Entity], list[Relation]]:
    """``n_articles`` articles mentioning a few of the entities each; deterministic for a seed."""
    rnd = random.Random(seed)
    places = [PROVINCE[0], *(c[0] for c in CITIES), *(d[0] for d in DISTRICTS), STREET[0]]
    pool = places + ORGS + PERSONS + PROGRAMS
    articles: list[Article] = []
    evidence: dict[str, list[Evidence]] = {eid: [] for eid in pool}
    relations: list[Relation] = []
    for i in range(n_articles):
        aid = f"n{i:03d}"
        named = rnd.sample(pool, rnd.randint(2, 5))
        if i == 3:
            named.append("program/清风行动")  # named twelve times below: more evidence than the page embeds
        sentences = [f"{_label(a)}与{_label(b)}共同开展工作。" for a, b in zip(named, named[1:] + named[:1])]
        if i == 3:
            sentences += ["清风行动取得成效。"] * 12
        title = f"第{i}期简报"
        text = title + "\n\n" + "".join(sentences)
        source = f"news/{aid}.txt"
        author = PERSONS[i % len(PERSONS)]
        article = Article(aid, title, text, len(title) + 2, (Byline(_label(author), "记者", None, 0, 2),), aid,
                          source, (), (source,) if i % 5 else (source, f"mirror/{aid}.html"),
                          f"2024-0{1 + i % 9}-1{i % 10}" if i % 4 else None)
        articles.append(article)
        mine: dict[str, list[Evidence]] = {}
        start = len(title) + 2
        for sentence in sentences:
            for eid in dict.fromkeys(pool):
                word = _label(eid)
                at = sentence.find(word)
                if at >= 0:
                    ev = Evidence(aid, start + at, start + at + len(word), word, start, start + len(sentence),
                                  sentence, source, start + at + 3 if i % 6 else None,
                                  start + at + 3 + len(word) if i % 6 else None)
                    mine.setdefault(eid, []).append(ev)
            start += len(sentence)
        for eid, evs in mine.items():
            evidence[eid].extend(evs)
            relations.append(Relation(f"article/{aid}", "mentions", eid, tuple(evs)))
        relations.append(Relation(f"article/{aid}", "author", author, ()))
        people = [e for e in mine if e.startswith("person/")]
        orgs = [e for e in mine if e.startswith("org/")]
        for p, o in zip(people, orgs):
            relations.append(Relation(p, "memberOf", o, (mine[p][0], mine[o][0]), role="主任" if i % 2 else "委员"))
        spots = [e for e in mine if e.startswith("place/")]
        for a, b in zip(spots, spots[1:]):
            relations.append(Relation(a, "containedInPlace", b, (mine[a][0], mine[b][0])))  # text containment
        for o in orgs:
            if spots:
                relations.append(Relation(o, "jurisdiction", spots[0], (mine[o][0],)))
    for _, _, _, code, parent in DISTRICTS:
        relations.append(Relation(f"place/{code}", "containedInPlace", CITIES[parent][0], (), origin="gazetteer"))
    for city in CITIES:
        relations.append(Relation(city[0], "containedInPlace", PROVINCE[0], (), origin="gazetteer"))
    relations.append(Relation(ORGS[0], "collaboratesWith", ORGS[0], tuple(evidence[ORGS[0]][:1])))  # a self-loop
    relations = _merged(relations)
    entities = []
    for row in (PROVINCE, *CITIES, *(d[:4] for d in DISTRICTS), STREET):
        eid, label, level, code = row
        entities.append(Entity(eid, "Place", label, level, (label, label[:-1]), code, tuple(evidence[eid])))
    for eid in ORGS:
        entities.append(Entity(eid, "Organization", _label(eid), "government" if "局" in eid else "",
                               (), None, tuple(evidence[eid])))
    for eid in PERSONS:
        entities.append(Entity(eid, "Person", _label(eid), "", (), None, tuple(evidence[eid])))
    for eid in PROGRAMS:
        entities.append(Entity(eid, "Program", _label(eid), "", ("简称" + _label(eid)[:2],), None,
                               tuple(reversed(evidence[eid]))))  # out of order: the graph sorts them
    entities.append(Entity(LONELY, "Program", _label(LONELY)))
    rnd.shuffle(entities)  # the graph orders nodes by id, whatever the record order
    return articles, entities, relations


def _merged(relations: list[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object, role), as kg.relations.merge_relations keeps them."""
    first: dict[tuple, Relation] = {}
    for r in relations:
        key = (r.subject, r.predicate, r.object, r.role)
        seen = first.get(key)
        if seen is None:
            first[key] = r
        else:
            pooled = {(e.article_id, e.start, e.end): e for e in (*seen.evidence, *r.evidence)}
            origin = "text" if "text" in (seen.origin, r.origin) else "gazetteer"
            first[key] = Relation(*key[:3], tuple(pooled[k] for k in sorted(pooled)), role=r.role, origin=origin)
    return list(first.values())
