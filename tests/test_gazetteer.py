"""Tests for kg.gazetteer against the shipped ontology files."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import pytest

from kg import resources
from kg.gazetteer import LEVELS, UPPER_LEVELS, Division, Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_loads_via_resources() -> None:
    gaz = load_gazetteer(resources.ontology_dir())
    assert gaz.villages_path == resources.ontology_file("villages.tsv.gz")
    assert gaz.get("43") == Division("43", "湖南省", "province")


def test_missing_folder_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="divisions.tsv"):
        load_gazetteer(tmp_path)


def test_villages_load_lazily() -> None:
    gaz = load_gazetteer()
    assert not gaz.villages_loaded
    assert gaz.chain("430211002")[0].name == "泰山路街道"
    assert gaz.parent("430204003012").code == "430204003"  # parent of a village needs no villages
    assert gaz.resolve("朝阳区", ["11"], levels=UPPER_LEVELS).code == "110105"
    assert list(gaz.names(("province",)))
    assert not gaz.villages_loaded
    assert gaz.get("430204003012") == Division("430204003012", "华垅社区", "community")
    assert gaz.villages_loaded


def test_chain_up_to_province(gaz: Gazetteer) -> None:
    assert [(d.code, d.name, d.level) for d in gaz.chain("430211002")] == [
        ("430211002", "泰山路街道", "street"),
        ("430211", "天元区", "district"),
        ("4302", "株洲市", "city"),
        ("43", "湖南省", "province"),
    ]
    assert [d.code for d in gaz.chain("430204003012")] == ["430204003012", "430204003", "430204", "4302", "43"]
    assert gaz.chain("999999") == []


@pytest.mark.parametrize(
    ("code", "parent"),
    [
        ("110105", Division("11", "北京市", "province")),  # municipality: no 市辖区 city
        ("500101", Division("50", "重庆市", "province")),
        ("430211", Division("4302", "株洲市", "city")),
        ("4302", Division("43", "湖南省", "province")),
        ("429004", Division("42", "湖北省", "province")),  # 仙桃市, 省直辖
        ("441900003", Division("4419", "东莞市", "city")),  # no 东莞市 district row
        ("43", None),
    ],
)
def test_parent(gaz: Gazetteer, code: str, parent: Division | None) -> None:
    assert gaz.parent(code) == parent


def test_pseudo_units_are_gone(gaz: Gazetteer) -> None:
    assert gaz.get("1101") is None and gaz.get("441900") is None
    assert gaz.lookup("市辖区") == []
    assert [d.code for d in gaz.lookup("东莞市")] == ["4419"]


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("湖南", "43"),
        ("广西", "45"),
        ("北京", "11"),
        ("内蒙古", "15"),
        ("新疆", "65"),
        ("株洲", "4302"),
        ("湘西", "4331"),
        ("大兴安岭", "2327"),
        ("锡林郭勒", "1525"),
        ("醴陵", "430281"),
        ("城步县", "430529"),
        ("吉林", "22"),  # the province, not 吉林市
        ("海南", "46"),  # the province, not 海南藏族自治州
        ("保康街道", "150521403"),  # from 保康街道办事处
    ],
)
def test_aliases(gaz: Gazetteer, alias: str, code: str) -> None:
    assert [d.code for d in gaz.lookup(alias)] == [code]


@pytest.mark.parametrize("name", ["天元", "攸", "泰山路", "石峰", "湘湾"])
def test_no_unsafe_aliases(gaz: Gazetteer, name: str) -> None:
    assert gaz.lookup(name) == []


def test_full_names_kept(gaz: Gazetteer) -> None:
    assert [d.code for d in gaz.lookup("攸县")] == ["430223"]
    assert [d.code for d in gaz.lookup("保康街道办事处")] == ["150521403"]


@pytest.mark.parametrize(
    ("name", "context", "code"),
    [
        ("天元区", [], "430211"),
        ("朝阳区", [], None),  # Beijing and Changchun
        ("朝阳区", ["11"], "110105"),
        ("朝阳区", ["2201"], "220104"),
        ("朝阳区", ["110101"], "110105"),  # a sibling district's code
        ("华垅社区", [], "430204003012"),
        ("泰山路街道", [], None),
        ("泰山路街道", ["4302"], "430211002"),
        ("泰山路街道", ["430211"], "430211002"),
        ("泰山路街道", ["43", "4302"], "430211002"),
        ("泰山路街道", ["11"], None),  # context elsewhere: still ambiguous
        ("城关镇", ["43"], None),  # several in Hunan
        ("湘湾社区", [], "430211003019"),  # unique nationally
        ("株洲市", ["430211"], "4302"),
        ("天元", [], None),
    ],
)
def test_resolve(gaz: Gazetteer, name: str, context: list[str], code: str | None) -> None:
    found = gaz.resolve(name, context)
    assert (found.code if found else None) == code


def test_deepest_context_wins(gaz: Gazetteer) -> None:
    # 铁西社区 exists 48 times; Shenyang's district is more specific than Liaoning.
    many = gaz.lookup("铁西社区")
    assert len(many) > 2
    one = gaz.resolve("铁西社区", ["21", many[0].code[:6]])
    assert one is not None and one.code.startswith(many[0].code[:6])


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("430204003012", "华垅社区"),
        ("110101001001", "多福巷社区"),  # 多福巷社区居委会
    ],
)
def test_village_names_shortened(gaz: Gazetteer, code: str, name: str) -> None:
    assert gaz.get(code) == Division(code, name, "community")


def test_no_committee_suffixes_left(gaz: Gazetteer) -> None:
    names = gaz.names(("community",))
    assert not [n for n in names if n.endswith(("居委会", "村委会", "居民委员会", "村民委员会"))]
    assert {"湘湾社区", "铁西社区", "张家园社区", "长江村"} <= set(names)


def test_names_by_level(gaz: Gazetteer) -> None:
    upper = set(gaz.names(UPPER_LEVELS))
    assert {"湖南省", "湖南", "株洲", "天元区", "泰山路街道"} <= upper
    assert "华垅社区" not in upper
    assert set(gaz.names(LEVELS)) >= upper | {"华垅社区"}


def test_shipped_files_are_compact() -> None:
    villages = resources.ontology_file("villages.tsv.gz")
    assert villages.stat().st_size < 6_000_000
    with gzip.open(villages, "rt", encoding="utf-8") as fh:
        assert next(fh) == "code\tname\n"
    assert resources.ontology_file("divisions_LICENSE.txt").read_text(encoding="utf-8").startswith(
        "        DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE"
    )


def _derive_tool():
    # beside the tests, not beside the ontology: the suite may run against an installed (compiled) kg
    path = Path(__file__).resolve().parents[1] / "tools" / "derive_gazetteer.py"
    if not path.is_file():
        pytest.skip("tools/ is not in this checkout")
    spec = importlib.util.spec_from_file_location("derive_gazetteer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("raw", "short"),
    [
        ("湘湾社区居委会", "湘湾社区"),
        ("铁西居委会", "铁西社区"),
        ("张家园管理处社区", "张家园社区"),
        ("长江村村委会", "长江村"),
        ("长江村民委员会", "长江村"),
        ("长江村村民委员会", "长江村"),
        ("巴彦芒哈嘎查委员会", "巴彦芒哈嘎查"),
        ("北扎兰营子村委会（一分场）", "北扎兰营子村"),
        ("新店林场生活区", "新店林场生活区"),
        ("汐子工业园虚拟社区", "汐子工业园虚拟社区"),
    ],
)
def test_shorten_village(raw: str, short: str) -> None:
    assert _derive_tool().shorten_village(raw)[0] == short


def test_shorten_village_strips_written_out_parents() -> None:
    shorten = _derive_tool().shorten_village
    assert shorten("东源县涧头镇大往村民委员会", ("东源县涧头镇", "涧头镇"))[0] == "大往村"
    assert shorten("新都桥镇居民委员会", ("新都桥镇",))[0] == "新都桥镇社区"
    assert shorten("庞家堡镇第一社区居委会", ("庞家堡镇",))[0] == "庞家堡镇第一社区"


@pytest.mark.parametrize("name", ["新村", "朝阳区", "和平社区", "解放街道", "长沙", "湖南省", "不存在的村", ""])
@pytest.mark.parametrize("levels", [LEVELS, UPPER_LEVELS, ("community",), ("street",), ("district",)])
def test_knows_is_whether_lookup_finds_anything(gaz: Gazetteer, name: str, levels) -> None:
    # the extraction rules ask knows() where they only need a yes or no: it must never differ
    assert gaz.knows(name, levels) == bool(gaz.lookup(name, levels))


def test_knows_a_common_village_name_without_making_its_records(gaz: Gazetteer) -> None:
    assert len(gaz.lookup("新村", ("community",))) > 50  # why knows() exists: many records per call
    assert gaz.knows("新村", ("community",)) and not gaz.knows("新村", UPPER_LEVELS)


@pytest.mark.parametrize("levels", [UPPER_LEVELS, ("city", "district"), ("street",)])
def test_top_levels_are_names_with_their_first_lookup(gaz, levels) -> None:
    top = gaz.top_levels(levels)
    assert sorted(top) == gaz.names(levels)
    assert all(top[name] == gaz.lookup(name, levels)[0].level for name in top)
