"""Fast paths of the extractor's shared infrastructure give exactly what the slow paths give."""

from __future__ import annotations

import random

import ahocorasick
import pytest

from kg.extract.names import Context
from kg.extract.resources import _read_tags


def _runs_of_unknown_characters() -> list[str]:
    # Runs the dictionary leaves as single characters go to the HMM: common
    # characters (C++ Viterbi), repeats and rare characters (jieba's Viterbi).
    rnd = random.Random(3)
    common = "王云帆李秀英在翠苑社区说们很也都把焦鹏"
    rare = "鮜雛嘓溦崗瞿粟"
    texts = ["哈哈哈哈，嘻嘻嘻，看看看。", "在鮜门镇红泉村", "雛嘓溦崗和王云帆"]
    for _ in range(200):
        texts.append("".join(rnd.choice(common if rnd.random() < 0.8 else rare) for _ in range(rnd.randint(2, 14))))
    return texts


def test_hmm_runs_equal_jieba(both_segmenters):
    fast, slow = both_segmenters
    for text in _runs_of_unknown_characters():
        assert fast.tokens(text) == slow.tokens(text), text


@pytest.mark.parametrize("text", [
    "中共中央组织部和中共株洲市委组织部，中共中央办公厅。",
    "东方红小学在合作社旁；美国政府与加拿大国防部长会谈，武侯区民政局。",
    "北京市朝阳区和杭州市西湖区，全国人大代表在北京。",
])
def test_known_from_is_the_automaton_at_token_starts(text, res):
    ctx = Context.build(text, res)
    starts = set(ctx.starts)
    automaton = ahocorasick.Automaton()  # the full scan known_from replaces, as the oracle
    for name, value in res.known.items():
        automaton.add_word(name, value)
    automaton.make_automaton()
    expected = [(e, v) for e, v in automaton.iter(text) if e - len(v[0]) + 1 in starts]
    assert expected
    assert res.known_from(text, starts) == expected


def test_cover_maps_every_character_to_its_token(res):
    ctx = Context.build("武侯区民政局在光明村开展“三社联动”。", res)
    assert len(ctx.cover) == len(ctx.text)
    assert all(ctx.tokens[i].start <= k < ctx.tokens[i].end for k, i in enumerate(ctx.cover))


def test_tag_table_is_the_dictionary_lookup(res):
    """TagTable gives tags.get(word, default) for characters, words in its tables or not, and longer words."""
    rnd = random.Random(5)
    tags, _ = _read_tags(res.tokenizer)  # the dictionary's own tags, read again
    words = [w for w in tags if len(w) <= 4][::7] + [w for w in tags if len(w) > 4][::50]
    words += [chr(c) for c in range(0x2FF0, 0xA000)] + ["", "ab", "x1", "哈哈", "\U00020000", "\U00020000中", "中\U00020000"]
    for n in (2, 3, 4):
        words += ["".join(chr(rnd.randint(0x4E00, 0x9FFF)) for _ in range(n)) for _ in range(10_000)]
        words += [w[:-1] + chr(ord(w[-1]) + 1) for w in tags if len(w) == n][::20]  # near misses
    table = res.tag_table
    assert [table.tag(w) for w in words] == [tags.get(w, "x") for w in words]
    assert [table.get(w) for w in words] == [tags.get(w) for w in words]
    assert [table.get(w, "ns") for w in words] == [tags.get(w, "ns") for w in words]
    assert sum(table.get(w) is None for w in words) > 20_000  # misses in the tables


@pytest.mark.parametrize("text", ["武侯区民政局在光明村开展“三社联动”。", "COVID-19 期间\r\n全角ＡＢＣ１２３，雛嘓溦崗和王云帆。", ""])
def test_context_tokens_are_the_resources_tokens(text, res):
    assert Context.build(text, res).tokens == res.tokens(text)
