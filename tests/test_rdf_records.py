"""write_rdf_records (kg.rdf.records) writes the bytes write_rdf writes for build_graph of the same records."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kg.assembly import build_graph
from kg.model import Article, Byline, Entity, Evidence, Relation, SourceSpan
from kg.rdf import write_rdf, write_rdf_records
from kg.rdf.records import Irregular, RecordIndex

from invented_records import span_in

B = "https://example.org/kg/"

# Invented articles: a headline, a blank line, a body of short sentences.
TEXTS = {
    "a1": "青禾区举办读书节\n\n青禾区人民政府举办读书节。区文化馆馆长周明远主持开幕式。青禾区。",
    "a2": "海川市推进河道治理\n\n海川市水务局推进河道治理。青禾区人民政府配合。",
    "a3": "周明远谈读书\n\n周明远说，读书节办到第五届。",
}


def article(aid: str, sources: tuple[str, ...] = (), bylines: tuple[Byline, ...] = (), date: str | None = None
            ) -> Article:
    text = TEXTS[aid]
    files = sources or (f"{aid}.txt",)
    return Article(aid, text.split("\n")[0], text, text.index("\n\n") + 2, bylines, aid, files[0],
                   (SourceSpan(0, 5, len(text)),), files, date)


def ev(aid: str, surface: str, nth: int = 0, source_end_shift: int = 0) -> Evidence:
    """Evidence of the nth ``surface`` in article ``aid``, in its sentence; the file has 5 characters more in front."""
    text = TEXTS[aid]
    start, end, s0, s1 = span_in(text, surface, nth)
    return Evidence(aid, start, end, surface, s0, s1, text[s0:s1], f"{aid}.txt", start + 5,
                    end + 5 + source_end_shift)


def mentions(ent: Entity, aid: str) -> Relation:
    """The ``mentions`` relation assemble makes: the very Evidence records of the entity in the article."""
    return Relation(f"article/{aid}", "mentions", ent.id, tuple(x for x in ent.evidence if x.article_id == aid))


def basic() -> tuple[list[Article], list[Entity], list[Relation]]:
    gov = Entity("org/qinghe-gov", "Organization", "青禾区人民政府", "government",
                 aliases=("青禾区人民政府",),  # an alias equal to the label is not an altLabel
                 evidence=(ev("a2", "青禾区人民政府"), ev("a1", "青禾区人民政府")))  # out of order
    place = Entity("place/qinghe", "Place", "青禾区", "district", aliases=("青禾",), code="990102",
                   evidence=(ev("a2", "青禾区"), ev("a1", "青禾区", 2), ev("a1", "青禾区", 1), ev("a1", "青禾区")))
    city = Entity("place/haichuan", "Place", "海川市", "city", code="990100")  # no evidence: from the table
    person = Entity("person/zhou", "Person", "周明远", evidence=(ev("a3", "周明远", 1), ev("a1", "周明远"),
                                                                ev("a3", "周明远")))
    museum = Entity("org/museum", "Organization", "区文化馆", "other", evidence=(ev("a1", "区文化馆"),))
    ents = [gov, place, city, person, museum]
    arts = [article("a1", bylines=(Byline("林小禾", "记者", None, 0, 3),), date="2023-05-06"),
            article("a2", sources=("x/a2.txt", "y/a2-copy.txt"), date="五月"),  # two files
            article("a3")]
    rels = [mentions(e, aid) for e in ents for aid in ("a1", "a2", "a3") if any(x.article_id == aid for x in e.evidence)]
    rels += [
        Relation("person/zhou", "memberOf", "org/museum", (ev("a1", "区文化馆馆长周明远"),), role="馆长"),
        Relation("place/qinghe", "containedInPlace", "place/haichuan", (), origin="gazetteer"),
        Relation("org/qinghe-gov", "jurisdiction", "place/qinghe", (ev("a1", "青禾区人民政府举办读书节"),
                                                                    ev("a2", "青禾区人民政府配合"))),
        Relation("article/a1", "author", "person/zhou", ()),
    ]
    return arts, ents, rels


def other_mentions_evidence():
    """A mentions relation whose evidence is not the entity's spans there: it gets a statement."""
    arts, ents, rels = basic()
    rels = [r for r in rels if not (r.predicate == "mentions" and r.object == "org/museum")]
    rels.append(Relation("article/a1", "mentions", "org/museum", (ev("a1", "区文化馆馆长"),)))
    return arts, ents, rels


def equal_mentions_evidence():
    """A mentions relation with records equal to (not the same objects as) the entity's spans: no statement."""
    arts, ents, rels = basic()
    rels = [r for r in rels if not (r.predicate == "mentions" and r.object == "place/qinghe")]
    rels.append(Relation("article/a1", "mentions", "place/qinghe",
                         (ev("a1", "青禾区", 1), ev("a1", "青禾区"), ev("a1", "青禾区", 2))))
    return arts, ents, rels


def sentence_mention():
    """A span that is both a mention and a sentence (the last sentence of a1 is just a place name)."""
    arts, ents, rels = basic()
    whole = ev("a1", "青禾区。")  # the sentence of the third 青禾区 in a1 (place/qinghe's evidence)
    assert (whole.start, whole.end) == (whole.sentence_start, whole.sentence_end)
    mark = Entity("event/mark", "Event", "青禾区。", evidence=(whole,))
    return arts, ents + [mark], rels + [mentions(mark, "a1")]


def odd_source_offsets():
    """Evidence whose text in the file is longer (page-break repair) and evidence of no article's."""
    arts, ents, rels = basic()
    odd = Entity("org/water", "Organization", "海川市水务局", "government",
                 evidence=(ev("a2", "海川市水务局", source_end_shift=2),))
    stray = Evidence("gone", 0, 2, "某地", 0, 4, "某地某事", "gone.txt", None, None)
    lost = Entity("place/lost", "Place", "某地", evidence=(stray,))
    return arts, ents + [odd, lost], rels + [mentions(odd, "a2")]


CASES = {"basic": basic, "other_mentions_evidence": other_mentions_evidence,
         "equal_mentions_evidence": equal_mentions_evidence, "sentence_mention": sentence_mention,
         "odd_source_offsets": odd_source_offsets}


def assert_same_files(arts, ents, rels, tmp_path, base=B) -> None:
    graph_files = write_rdf(build_graph(arts, ents, rels), tmp_path / "g.ttl", tmp_path / "g.trig", base)
    record_files = write_rdf_records(arts, ents, rels, tmp_path / "r.ttl", tmp_path / "r.trig", base)
    for kind in ("ttl", "trig"):
        assert record_files[kind].read_bytes() == graph_files[kind].read_bytes(), kind


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("base", [B, "urn:kg:x#"])  # relative IRIs, and absolute ones
def test_records_write_the_graph_writers_bytes(case, base, tmp_path):
    arts, ents, rels = CASES[case]()
    RecordIndex(arts, ents, rels, B)  # mirrored, not written through the graph
    assert_same_files(arts, ents, rels, tmp_path, base)
    # whatever the order of the records
    assert_same_files(arts[::-1], ents[::-1], rels[::-1], tmp_path, base)


def test_the_invented_records_cover_what_they_should(tmp_path):
    write_rdf_records(*basic(), tmp_path / "r.ttl", tmp_path / "r.trig")
    ttl = (tmp_path / "r.ttl").read_text("utf-8")
    assert "org:Membership" in ttl and "kgo:DivisionTable" in ttl and "<role/馆长>" in ttl
    assert '"x/a2.txt", "y/a2-copy.txt"' in ttl and '"林小禾"@zh' in ttl and '"2023-05-06"^^xsd:date' in ttl
    assert 'skos:altLabel "青禾"@zh' in ttl and 'skos:altLabel "青禾区人民政府"' not in ttl
    write_rdf_records(*other_mentions_evidence(), tmp_path / "o.ttl")
    assert "rdf:predicate schema:mentions" in (tmp_path / "o.ttl").read_text("utf-8")  # reified
    write_rdf_records(*equal_mentions_evidence(), tmp_path / "e.ttl")
    assert "rdf:predicate schema:mentions" not in (tmp_path / "e.ttl").read_text("utf-8")  # the spans say it
    sentence = (tmp_path / "r2.ttl")
    write_rdf_records(*sentence_mention(), sentence)
    assert "a kgo:TextSpan, nif:Sentence" in sentence.read_text("utf-8")


def _duplicate_edge():
    arts, ents, rels = basic()
    return arts, ents, rels + [Relation("article/a1", "author", "person/zhou", (ev("a1", "周明远"),), role="")]


def _disagreeing_evidence():
    arts, ents, rels = basic()
    x = ev("a1", "区文化馆馆长周明远")
    other = Evidence(x.article_id, x.start, x.end, x.text, x.sentence_start, x.sentence_end, x.sentence,
                     "elsewhere.txt", 0, 9)
    return arts, ents, rels + [Relation("org/museum", "collaboratesWith", "org/qinghe-gov", (other,))]


def _two_sentence_texts():
    arts, ents, rels = basic()
    x = ev("a2", "海川市水务局")
    other = Evidence("a2", x.start, x.end, x.text, x.sentence_start, x.sentence_end, "另一句。", "a2.txt", 1, 2)
    y = ev("a2", "河道治理")
    odd = Evidence("a2", y.start, y.end, y.text, x.sentence_start, x.sentence_end, "另一句。", "a2.txt", 1, 5)
    return arts, ents + [Entity("org/water", "Organization", "海川市水务局", evidence=(x,))], \
        rels + [Relation("org/water", "implements", "org/qinghe-gov", (odd,)),
                Relation("org/qinghe-gov", "implements", "org/water", (other,))]


def _entity_named_like_an_article():
    arts, ents, rels = basic()
    return arts, ents + [Entity("article/a3", "Event", "读书节")], rels


@pytest.mark.parametrize("make", [_duplicate_edge, _disagreeing_evidence, _two_sentence_texts,
                                  _entity_named_like_an_article])
def test_records_the_graph_would_merge_go_through_the_graph(make, tmp_path):
    arts, ents, rels = make()
    with pytest.raises(Irregular):
        RecordIndex(arts, ents, rels, B)
    assert_same_files(arts, ents, rels, tmp_path)


def test_a_missing_endpoint_is_an_error_as_in_build_graph(tmp_path):
    arts, ents, rels = basic()
    rels.append(Relation("person/zhou", "memberOf", "org/nowhere", ()))
    with pytest.raises(ValueError, match="missing endpoint"):
        build_graph(arts, ents, rels)
    with pytest.raises(ValueError, match="missing endpoint"):
        write_rdf_records(arts, ents, rels, tmp_path / "r.ttl")
    assert not (tmp_path / "r.ttl").exists()


def test_seed_build_records_write_the_graph_writers_bytes(seed_build, tmp_path):
    kg = seed_build
    assert_same_files(kg.articles, list(kg.entities), kg.relations, tmp_path)
    RecordIndex(kg.articles, kg.entities, kg.relations, B)  # a build's records need no graph
    # Any order of the records and of their evidence (the same Evidence objects) gives the same files.
    ents = [replace(e, evidence=e.evidence[::-1]) for e in reversed(kg.entities)]
    rels = [replace(r, evidence=r.evidence[::-1]) for r in reversed(kg.relations)]
    RecordIndex(kg.articles[::-1], ents, rels, B)
    write_rdf_records(kg.articles[::-1], ents, rels, tmp_path / "r2.ttl", tmp_path / "r2.trig")
    for kind in ("ttl", "trig"):
        assert (tmp_path / f"r2.{kind}").read_bytes() == (tmp_path / f"g.{kind}").read_bytes(), kind
