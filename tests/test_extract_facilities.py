"""Named facilities are Places of subtype "facility" (tests/gold/GUIDELINES.md), on sentences written for the tests."""

import pytest

from kg.extract import extract_mentions


def spans(text, res):
    return [(m.text, m.type, m.subtype) for m in extract_mentions(text, res)]


F = "facility"


@pytest.mark.parametrize("text,expected", [
    # a proper name before the kind word; the place it stands in is split off like a chain
    ("比赛在杭州黄龙体育中心举行。", [("杭州", "Place", "city"), ("黄龙体育中心", "Place", F)]),
    ("乘客从长沙南站换乘地铁前往贺龙体育馆。", [("长沙南站", "Place", F), ("贺龙体育馆", "Place", F)]),
    ("代表团参观了故宫博物院和卢沟桥。", [("故宫博物院", "Place", F), ("卢沟桥", "Place", F)]),
    ("区委书记在橘子洲大桥检查防汛工作。", [("区委", "Organization", "party"), ("橘子洲大桥", "Place", F)]),
    # a city before the kind word, a direction or common words is part of the name
    ("昆明机场和衡阳东站加强了安检。", [("昆明机场", "Place", F), ("衡阳东站", "Place", F)]),
    ("民警在沪昆高速岳阳南收费站查获一辆超载货车。", [("沪昆高速", "Place", F), ("岳阳南收费站", "Place", F)]),
    ("长沙文化大厦今天开业。", [("长沙文化大厦", "Place", F)]),
    ("衡阳火车站广场人流如织。", [("衡阳火车站广场", "Place", F)]),
    # ... but a street-level place is only where the facility stands
    ("五里牌街道车站北路将封闭施工。", [("五里牌街道", "Place", "street"), ("车站北路", "Place", F)]),
    # a level word names the province's or city's own; as organiser or employer it is still a Place
    ("展览由市博物馆承办，在滨江公园举行。", [("市博物馆", "Place", F), ("滨江公园", "Place", F)]),
    ("研讨会在湖南省博物馆举行，博物馆馆长致辞。", [("湖南省博物馆", "Place", F)]),
    # a body named with an organisation word stays a body
    ("省博物馆管理处发布公告。", [("省博物馆管理处", "Organization", "government")]),
    # a kind word inside a township's name is no facility
    ("某县石桥镇的群众来到县城。", [("石桥镇", "Place", "street")]),
])
def test_facility_names_exact(text, expected, res):
    assert spans(text, res) == expected


@pytest.mark.parametrize("text", [
    "新建了一座文化广场和三个公园，该馆免费开放。",  # kinds without a name
    "货车驶入高速公路后，他把车停在步行街。",
    "这条公路连接着三个乡镇，公园和广场都已建成。",
    "他搭起一座“同心桥”。",  # a metaphor in quotes
])
def test_facility_kinds_are_not_mentions(text, res):
    assert spans(text, res) == []
