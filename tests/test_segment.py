from kg.articles import make_articles
from kg.ingest import read_documents
from kg.segment import parse_byline

from conftest import SEEDS


def _articles(toolkit, paths):
    docs, _ = read_documents(paths)
    return make_articles(docs, toolkit.layout, toolkit.words)


def test_byline_credits(toolkit):
    credits = parse_byline("图/文 株洲日报全媒体记者/沈全华 通讯员/付强", toolkit.layout)
    assert [(o, r, n) for o, r, n, _, _ in credits] == [("株洲日报", "全媒体记者", "沈全华"), (None, "通讯员", "付强")]
    credits = parse_byline("株洲日报·掌上株洲记者/齐卫国 通讯员/曹全文 龙杨", toolkit.layout)
    assert [n for _, _, n, _, _ in credits] == ["齐卫国", "曹全文", "龙杨"]
    assert credits[0][0] == "株洲日报"


def test_duplicate_scrapes_become_one_article(toolkit):
    arts = _articles(toolkit, [SEEDS / "000_bf2b898b783d9f44.txt", SEEDS / "001_b079deaa4029aec9.txt"])
    merged = [a for a in arts if len(a.sources) == 2]
    assert len(merged) == 1
    assert merged[0].title == "推进“三新”建设 畅通新的社会阶层人士参与社会治理"
    assert len(arts) == 5  # 000 holds five articles; 001 adds none


def test_captions_navigation_and_page_breaks(toolkit):
    arts = _articles(toolkit, [SEEDS / "000_bf2b898b783d9f44.txt", SEEDS / "001_b079deaa4029aec9.txt"])
    first = next(a for a in arts if len(a.sources) == 2)
    assert "活动现场。" not in first.text  # photo caption dropped
    assert "上一篇" not in first.text
    assert "建构的过程。" in first.text  # “…建构的过\n\n程” rejoined
    assert "曾经邻里沟通不够" in first.text


def test_interleaved_columns_are_rejoined(toolkit):
    arts = _articles(toolkit, [SEEDS / "004_a673e5c8117b8b83.txt"])
    by_title = {a.title: a for a in arts}
    feast = by_title["有爱! 社区百家宴 共叙邻里情"]
    assert "百家宴以鱼为主" in feast.text
    assert "华垅社区负责人介绍" in feast.text
    chase = by_title["冲动! 超载怕查,他驾车撞开警车逃走"]
    assert "刘某见车窗被砸" in chase.text
    assert "华垅社区" not in chase.text


def test_article_ids_are_deterministic(toolkit):
    a = _articles(toolkit, [SEEDS])
    b = _articles(toolkit, [SEEDS])
    assert [x.article_id for x in a] == [x.article_id for x in b]
    assert len({x.article_id for x in a}) == len(a)


def test_spans_map_article_text_to_source(toolkit):
    docs, _ = read_documents([SEEDS])
    by_path = {d.path: d for d in docs}
    for a in make_articles(docs, toolkit.layout, toolkit.words):
        doc = by_path[a.source]
        for sp in a.spans:
            assert a.text[sp.art_start:sp.art_start + sp.length] == doc.text[sp.doc_start:sp.doc_start + sp.length]


def test_shingle_bitmap_bound_is_never_below_the_true_overlap(toolkit):
    """The bitmap tests may only reject pairs that the exact containment test would reject too."""
    from kg.articles import _profiles, _shingles

    bodies = [a.text[a.body_start:] for a in _articles(toolkit, [SEEDS])]
    # Prefixes and suffixes of each body overlap it heavily: containment near and above 0.7.
    texts = bodies + [b[: len(b) * 3 // 4] for b in bodies] + [b[len(b) // 5:] for b in bodies]
    profiles = _profiles(texts)
    sets = [_shingles(t) for t in texts]
    near = 0
    for i in range(len(texts)):
        for j in range(len(texts)):
            if i == j:
                continue
            bound = profiles[i].size - (profiles[i].bits & ~profiles[j].bits).bit_count()
            coarse = profiles[i].size - (profiles[i].coarse & ~profiles[j].coarse).bit_count()
            exact = len(sets[i] & sets[j])
            assert coarse >= bound >= exact
            near += exact >= 0.7 * len(sets[i]) > 0
    assert near >= len(bodies)  # the table does exercise duplicates
