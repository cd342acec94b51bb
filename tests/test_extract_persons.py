"""Person names: exact spans on sentences written for these tests (not from the seeds or any test set)."""

from __future__ import annotations

import pytest

from kg.extract import extract_mentions


def _persons(text: str, res) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.text) for m in extract_mentions(text, res) if m.type == "Person"]


def _spans(text: str, *names: str) -> list[tuple[int, int, str]]:
    out, at = [], 0
    for name in names:
        at = text.index(name, at)
        out.append((at, at + len(name), name))
        at += len(name)
    return out


CASES = [
    # a role word before the name
    ("社区党委书记孙立平带领网格员走访了辖区内的独居老人。", ("孙立平",)),
    ("成都市武侯区人民法院法官钟文涛向居民讲解了民法典中的相关规定。", ("钟文涛",)),
    ("据志愿者汪海燕介绍，服务队每周都会上门为老人理发。", ("汪海燕",)),
    # a speech verb after the name
    ("“我们要把矛盾化解在萌芽状态。”调解员邓秀梅说。", ("邓秀梅",)),
    # names in a list joined by 、
    ("区长韩卫东、副区长蒋晓燕出席了签约仪式。", ("韩卫东", "蒋晓燕")),
    # no cue at all: surname and given-name statistics, jieba's new word
    ("当天，居民贺春生和老伴一起报名参加了垃圾分类宣传活动。", ("贺春生",)),
    ("本报记者 姚建军 通讯员 石小雨", ("姚建军", "石小雨")),
    # a compound surname and 同志 after the full name
    ("欧阳晓峰同志任县委常委、宣传部部长。", ("欧阳晓峰",)),
    # transliterated foreign names
    ("德国总理默克尔在柏林会见了来访的法国外长。", ("默克尔",)),
    ("美国国务卿蓬佩奥当天表示将继续推动谈判。", ("蓬佩奥",)),
    ("卢卡申科在明斯克发表讲话。", ("卢卡申科",)),
    # a name inside a doctrine word
    ("学习马克思主义理论是党员的必修课。", ("马克思",)),
    # a name found once is a mention wherever it recurs
    ("记者彭国华来到村里。彭国华发现，村道已经全部硬化。", ("彭国华", "彭国华")),
    # references and words that only look like names
    ("工作人员刘某称，该项目已经完工。", ()),
    ("社区的周阿姨每天都来帮忙。", ()),
    ("刘先生对处理结果表示满意。", ()),
    ("人民群众的获得感、幸福感、安全感不断提升。", ()),
    ("今天有雷阵雨，请市民出行注意安全。", ()),
    ("全区开展文明城市创建工作。", ()),
    ("他们来到斯里兰卡首都科伦坡参加会议。", ()),
    ("张家口市今年新增绿地面积三百公顷。", ()),
]


@pytest.mark.parametrize("text,names", CASES, ids=[c[0][:12] for c in CASES])
def test_person_spans(text: str, names: tuple[str, ...], res) -> None:
    assert _persons(text, res) == _spans(text, *names)
