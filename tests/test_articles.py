"""Near-duplicate merging (kg.articles.merge_near_duplicates) on invented articles."""

from __future__ import annotations

import zlib

import pytest

from kg.articles import _BITS, _COARSE, _SKETCH, _profile, _profiles, _profiles_numpy, _shingles, merge_near_duplicates
from kg.model import Article

# An invented report, then two stock phrases of templated news.
REPORT = ("青禾镇今年启动了老旧小区改造工程，计划在年底前完成十二个小区的管网更新和屋面防水。"
          "镇里组织施工单位与居民代表逐户走访，收集到意见两百余条，其中停车位不足和楼道照明问题最为集中。"
          "工程采用分段施工的办法，每个小区预留临时通道，尽量减少对居民出行的影响。"
          "负责人表示，改造完成后还将引入物业服务，建立长效管护机制。")
STOCK = "为进一步提升群众的获得感和幸福感，切实把好事办实、把实事办好，"
OTHER = ("松溪街道近日举办了秋季招聘会，四十余家企业带来岗位一千二百个，涵盖制造、物流和餐饮等行业。"
         "现场设置了政策咨询台，工作人员为求职者讲解社保补贴和创业贷款的申请条件。")


def _run(n: int, start: int = 0x4E00) -> str:
    """n distinct characters: every 4-gram of the run is distinct from every other one."""
    return "".join(chr(start + k) for k in range(n))


def _article(name: str, title: str, body: str) -> Article:
    return Article(article_id=f"id-{name}", title=title, text=f"{title}\n\n{body}", body_start=len(title) + 2,
                   bylines=(), doc_id=name, source=f"{name}.txt", spans=(), sources=(f"{name}.txt",))


CASES = [
    # The print page and the web page of one report: other punctuation, a navigation line.
    ("punctuation and navigation", "老旧小区改造工程启动", REPORT,
     REPORT.replace("，", ", ").replace("。", ". ") + "\n上一篇：秋季招聘会举行  下一篇：无  返回首页", True),
    # One scrape cut short: all of the shorter text is in the longer one.
    ("truncated copy", "老旧小区改造工程启动", REPORT, REPORT[:len(REPORT) * 3 // 4], True),
    # Different reports under one headline, sharing only a stock sentence.
    ("stock sentence only", "老旧小区改造工程启动", STOCK + REPORT, STOCK + OTHER, False),
    # Different headlines and bodies: not even candidates.
    ("unrelated", "老旧小区改造工程启动", REPORT, OTHER, False),
    # Under 30 shingles, identical texts are not called duplicates.
    ("too short", "老旧小区改造工程启动", REPORT[:30], REPORT[:30], False),
    # Containment at the threshold: 100 shingles, 70 of them in the other text (>= 0.7).
    ("containment 0.70", "同一个标题下的两篇稿件", _run(200), _run(73) + _run(30, 0x6000), True),
    # 117 of 157 shingles shared (0.745), then 97 of 157 (0.618).
    ("containment 0.75", "同一个标题下的两篇稿件", _run(200), _run(120) + _run(40, 0x6000), True),
    ("containment 0.62", "同一个标题下的两篇稿件", _run(200), _run(100) + _run(60, 0x6000), False),
]


@pytest.mark.parametrize("name,title,first,second,merged", CASES, ids=[c[0] for c in CASES])
def test_near_duplicate_pairs(name, title, first, second, merged):
    arts = [_article("a", title, first), _article("b", title, second)]
    out = merge_near_duplicates(arts)
    if merged:
        assert [a.sources for a in out] == [("a.txt", "b.txt")]
        assert out[0].source == ("a.txt" if len(first) >= len(second) else "b.txt")  # the longer text is kept
    else:
        assert out == arts  # unchanged, in id order


def test_a_cluster_joins_through_a_middle_text():
    """a ~ b and c ~ b make one article of three, though a and c share only 47 of 147 shingles."""
    arts = [_article("a", "第一篇稿件的标题", _run(150)), _article("b", "第二篇稿件的标题", _run(250)),
            _article("c", "第三篇稿件的标题", _run(150, 0x4E00 + 100))]
    out = merge_near_duplicates(arts)
    assert [a.sources for a in out] == [("a.txt", "b.txt", "c.txt")]
    assert out[0].source == "b.txt"


def _reference_profile(text: str) -> tuple[int, int, int, list[int]]:
    hashes = sorted(zlib.crc32(s.encode("utf-8")) for s in _shingles(text))
    bits = coarse = 0
    for h in hashes:
        bits |= 1 << (h % _BITS)
        coarse |= 1 << (h % _COARSE)
    return len(hashes), bits, coarse, hashes[:_SKETCH]


def test_profiles_equal_crc32_of_each_shingle():
    """Both ways to profile give zlib.crc32 of every distinct shingle's UTF-8, whatever its characters."""
    texts = ["", "青禾", "青禾镇今", "abcd", "abcdabcdabcd", "  2024年 第3季度 GDP增长 ", REPORT, STOCK + OTHER,
             "é😀青禾镇今年😀XYZ", _run(3000), "青禾镇" * 200, _run(40, 0x3400) + "0aZ9" + _run(40, 0x9FD0)]
    texts += [REPORT[k:] for k in range(0, len(REPORT), 7)]  # many lengths, several blocks of rows
    expected = [_reference_profile(t) for t in texts]
    assert [tuple(p) for p in _profiles_numpy(texts)] == expected
    assert [tuple(_profile(t)) for t in texts] == expected
    assert [tuple(p) for p in _profiles(texts)] == expected
