"""Relations from single articles written for the test (other cities), with exact expected triples."""

import pytest

from kg.pipeline import build


def triples(toolkit, tmp_path, text):
    (tmp_path / "a.txt").write_text("# 标题\n\n记者/王晓东\n\n" + text + "\n", encoding="utf-8")
    kg = build([tmp_path / "a.txt"], toolkit=toolkit)
    g = kg.graph
    lab = lambda n: g.nodes[n]["label"]
    return {(lab(s), d["predicate"], lab(o), d["role"]) for s, o, d in g.edges(data=True)
            if d["predicate"] not in ("mentions",)}


@pytest.mark.parametrize("text,expected,absent", [
    ("武侯区民政局联合玉林街道办事处、武侯区司法局开展调解培训。",
     [("武侯区民政局", "collaboratesWith", "玉林街道办事处", ""),
      ("武侯区民政局", "collaboratesWith", "武侯区司法局", "")], []),
    ("杭州市西湖区推行“三社联动”，西湖区人民法院法官王晓东参加活动。",
     [("西湖区", "implements", "三社联动", ""), ("王晓东", "memberOf", "西湖区人民法院", "法官")],
     [("杭州市", "implements", "三社联动", "")]),
    ("区委、区政府印发《关于加强网格化服务管理的实施意见》。",
     [], []),
    ("济南市历下区姚家街道开展普法宣传。",
     [("历下区", "containedInPlace", "济南市", ""), ("姚家街道", "containedInPlace", "历下区", ""),
      ("济南市", "containedInPlace", "山东省", "")], []),
])
def test_article_relations(toolkit, tmp_path, text, expected, absent):
    got = triples(toolkit, tmp_path, text)
    for t in expected:
        assert t in got, (t, sorted(got))
    for t in absent:
        assert t not in got


def test_author_and_issuer(toolkit, tmp_path):
    got = triples(toolkit, tmp_path, "蜀山区人民政府印发《蜀山区社区治理三年行动方案》。")
    assert ("关于", "issuedBy", "x", "") not in got
    assert ("蜀山区社区治理三年行动方案", "issuedBy", "蜀山区人民政府", "") in got
    labels = {s for s, p, o, r in got if p == "author"}
    assert labels == {"标题"}  # the article node's label is its headline


def test_merge_relations_pools_evidence_by_span():
    from kg.model import Evidence, Relation
    from kg.relations import merge_relations

    late, early = (Evidence("a1", s, s + 2, "xx", 0, 9, "sentence", "f.txt") for s in (5, 1))
    merged = merge_relations([
        Relation("org/x", "memberOf", "org/y", (late,)),
        Relation("org/x", "memberOf", "org/x", (late,)),  # a loop is dropped
        Relation("org/x", "memberOf", "org/y", (early, late)),
        Relation("org/x", "memberOf", "org/y", (), origin="gazetteer"),
        Relation("org/x", "memberOf", "org/y", (early,), role="法官"),
    ])
    assert merged == [Relation("org/x", "memberOf", "org/y", (early, late)),
                      Relation("org/x", "memberOf", "org/y", (early,), role="法官")]
