"""Generate a corpus of unique, governance-style news articles for benchmarks.

Usage:  python bench/gen_corpus.py --mb 10 --out /tmp/corpus10

Every article is different: places are drawn from the national division
table that ships in ontology/, agencies are built from those places and a
list of department names, people from surname and given-name characters,
programmes and documents from slot-filled patterns.  Repeating the seeds would
collapse under near-duplicate merging and measure nothing.  A fixed random
seed makes a corpus reproducible; files are UTF-8, about 20 articles each.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from kg.gazetteer import load_gazetteer
from kg.lexicon import load_lexicon

DEPARTMENTS = ["民政局", "公安局", "司法局", "应急管理局", "交通运输局", "市场监督管理局", "教育局", "卫生健康局",
               "人民法院", "人民检察院", "政法委", "信访局", "城市管理局", "住房和城乡建设局", "农业农村局"]
SOCIAL = ["社会工作服务中心", "志愿者协会", "慈善会", "社区基金会", "社会组织孵化中心", "调解委员会"]
ROLES = ["法官", "检察官", "民警", "网格员", "社区党委书记", "主任", "副局长", "社工", "志愿者", "调解员"]
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰红梅建国志海波宁晓东辉鹏飞琳颖婷雪慧俊鑫浩宇"
HEADS = ["工作法", "机制", "模式", "工程", "行动", "项目"]
BRAND = "心家邻和安乐善美暖德孝爱民情融联治理服帮扶助馨"
VERBS = ["开展", "推行", "实施", "探索", "推进", "打造"]
SENTENCES = [
    "近日，{org1}联合{org2}在{street}{community}开展“{program}”{head}，{person_role}{person}介绍，活动惠及居民{n}余人。",
    "{district}{dept}印发《关于推进{topic}的实施意见》，要求各街道结合实际抓好落实。",
    "在{street}，{person_role}{person}带领网格员走访{n}户居民，收集意见建议{m}条。",
    "{district}以“{campaign}”为抓手，{verb}“{program}”{head}，社区治理水平明显提升。",
    "{city}{dept2}相关负责人表示，下一步将继续深化“{program}”，推动{topic}走深走实。",
    "据了解，{community}先后获评“{district}文明社区”，{social}累计开展服务{n}场次。",
    "{district}人民法院法官{person2}在{community}开展普法宣传，发放宣传资料{m}份。",
    "{street}党工委书记{person}说，“我们将把{topic}作为重点，让群众有更多获得感。”",
]
TOPICS = ["基层社会治理", "网格化服务管理", "矛盾纠纷多元化解", "平安建设", "社区协商议事", "老旧小区改造",
          "养老服务", "未成年人保护", "禁毒宣传", "交通安全", "乡村振兴", "法治宣传教育"]


def _person(rng: random.Random, surnames: list[str]) -> str:
    return rng.choice(surnames) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _article(rng: random.Random, chain: list, surnames: list[str], campaigns: list[str], k: int) -> str:
    province, city, district, street, community = chain
    paras = []
    for _ in range(rng.randint(8, 14)):
        tpl = rng.choice(SENTENCES)
        paras.append(tpl.format(
            org1=district.name + rng.choice(DEPARTMENTS), org2=street.name + rng.choice(["办事处", "综治中心", "司法所"]),
            street=street.name, community=community.name, district=district.name, city=city.name,
            dept=rng.choice(DEPARTMENTS), dept2=rng.choice(DEPARTMENTS), social=district.name + rng.choice(SOCIAL),
            program=rng.choice(BRAND) + rng.choice(BRAND) + rng.choice(["共治", "同行", "联动", "服务", "驿站"]),
            head=rng.choice(HEADS), verb=rng.choice(VERBS), campaign=rng.choice(campaigns),
            person=_person(rng, surnames), person2=_person(rng, surnames), person_role=rng.choice(ROLES),
            n=rng.randint(10, 3000), m=rng.randint(5, 500), topic=rng.choice(TOPICS)))
    title = f"{district.name}{rng.choice(TOPICS)}见实效（{k}）"
    byline = f"本报记者/{_person(rng, surnames)} 通讯员/{_person(rng, surnames)}"
    return "# " + title + "\n\n" + byline + "\n\n" + "\n\n".join(paras) + "\n"


def generate(out: Path, megabytes: float, seed: int = 7, per_file: int = 20) -> int:
    rng = random.Random(seed)
    gaz = load_gazetteer()
    lex = load_lexicon()
    surnames = list(lex.values("surnames", "single"))
    campaigns = [r[0] for r in lex.rows("campaigns", "program")]
    streets = gaz.codes("street")
    out.mkdir(parents=True, exist_ok=True)
    target = int(megabytes * 1_000_000)
    size, k, n_files = 0, 0, 0
    while size < target:
        buf = []
        for _ in range(per_file):
            code = rng.choice(streets)
            chain = list(reversed(gaz.chain(code)))
            if len(chain) < 4:
                continue
            province, city, district, street = chain[0], chain[1], chain[-2], chain[-1]
            villages = [v for v in gaz.children(street.code) if v.name.endswith(("社区", "村"))]
            community = rng.choice(villages) if villages else street
            buf.append(_article(rng, [province, city, district, street, community], surnames, campaigns, k))
            k += 1
        data = "\n\n".join(buf).encode("utf-8")
        (out / f"page_{n_files:05d}.txt").write_bytes(data)
        size += len(data)
        n_files += 1
    return k


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    n = generate(Path(args.out), args.mb, args.seed)
    print(f"wrote {n} articles to {args.out}")


if __name__ == "__main__":
    main()
