"""Extraction on real-genre sentences with exact expected spans (none copied from the seeds' names lists)."""

import pytest

from kg.extract import extract_mentions


def spans(text, res):
    return [(m.text, m.type) for m in extract_mentions(text, res)]


@pytest.mark.parametrize("text,expected", [
    ("成都市武侯区民政局联合玉林街道开展“三社联动”项目。",
     [("成都市", "Place"), ("武侯区民政局", "Organization"), ("玉林街道", "Place"), ("三社联动", "Program")]),
    ("杭州市西湖区人民法院法官王晓东走进社区开展普法宣传。",
     [("杭州市", "Place"), ("西湖区人民法院", "Organization"), ("王晓东", "Person")]),
    ("市公安局交警支队在全市范围开展“一盔一带”安全守护行动。",
     [("市公安局", "Organization"), ("交警支队", "Organization"), ("一盔一带", "Program")]),
    ("区委、区政府研究出台《关于加强社区治理的实施意见》。",
     [("区委", "Organization"), ("区政府", "Organization"), ("关于加强社区治理的实施意见", "Document")]),
    ("党的二十届三中全会对完善社会治理体系作出部署。",
     [("党的二十届三中全会", "Event")]),
])
def test_sentences(text, expected, res):
    got = spans(text, res)
    for item in expected:
        assert item in got, (item, got)


@pytest.mark.parametrize("text", [
    "社区居民和网格员一起检查安全带佩戴情况。",
    "交警部门提醒，骑乘电动车请戴安全头盔。",
    "全市各社区党组织积极参与。",
])
def test_generic_words_are_not_entities(text, res):
    assert spans(text, res) == []


def test_offsets_slice_the_text(res):
    text = "攸县人民检察院、攸县应急管理局联合召开座谈会，最高人民检察院“八号检察建议”落地。"
    for m in extract_mentions(text, res):
        assert text[m.start:m.end] == m.text
    names = [m.text for m in extract_mentions(text, res)]
    assert names[:2] == ["攸县人民检察院", "攸县应急管理局"]


def test_anonymised_and_honorific_references_are_not_people(res):
    got = spans("刘某驾车逃离，民警刘先生和周阿姨在现场。", res)
    assert not [t for t, ty in got if ty == "Person"]
