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
    # 洪 is a common surname
    ("社区主任洪立新带领志愿者清理了楼道。", ("洪立新",)),
    # a name before 主持会议 is no event's name
    ("区人大常委会主任孙建业主持会议。", ("孙建业",)),
    # the half of a dotted name before the dot reaches back to the role
    ("俄罗斯钢琴家亚历山大·沃尔科夫今晚演出。", ("亚历山大·沃尔科夫",)),
    # a name inside a doctrine word
    ("学习马克思主义理论是党员的必修课。", ("马克思",)),
    # a name found once is a mention wherever it recurs
    ("记者彭国华来到村里。彭国华发现，村道已经全部硬化。", ("彭国华", "彭国华")),
    # honorific references and words that only look like names (刘某: see REFERENCE_CASES)
    ("社区的周阿姨每天都来帮忙。", ()),
    ("刘先生对处理结果表示满意。", ()),
    ("人民群众的获得感、幸福感、安全感不断提升。", ()),
    ("今天有雷阵雨，请市民出行注意安全。", ()),
    ("全区开展文明城市创建工作。", ()),
    ("他们来到斯里兰卡首都科伦坡参加会议。", ()),
    ("张家口市今年新增绿地面积三百公顷。", ()),
    # foreign names jieba's dictionary knows, with no cue around them
    ("他最喜欢贝多芬的交响曲。", ("贝多芬",)),
    ("英国作家查尔斯·狄更斯的小说被译成多种文字。", ("查尔斯·狄更斯",)),
    # a dotted name takes a whole name-tagged word after the dot, and stops before 及
    ("访问团由约翰·霍普金斯及其助手组成。", ("约翰·霍普金斯",)),
    # a title after a foreign name is a cue too; a regnal number belongs to the name
    ("撒切尔首相在议会发表讲话。", ("撒切尔",)),
    ("据史书记载，伊丽莎白一世终身未婚。", ("伊丽莎白一世",)),
    # loanwords and places written in transliteration characters
    ("她用卢布买了一套茶具。", ()),
    ("代表团抵达卡尔斯巴德市后参观了工厂。", ()),
    # a verb or an adverb after a two-character given name stays outside
    ("会上，主任杜明远作了总结讲话。", ("杜明远",)),
    ("学者钱立更看重基层自治。", ("钱立",)),
    # the longer window wins a near tie when it ends on a token boundary
    ("市政府专员严少农等人陪同调研。", ("严少农",)),
    # occupations and 名叫 introduce names
    ("钢琴家聂雨桐演奏了一首奏鸣曲。", ("聂雨桐",)),
    ("这位老人名叫柯振邦，今年八十岁。", ("柯振邦",)),
    # a dotted name keeps the word after the dot even when jieba took it for a noun
    ("古丽娜·买买提介绍，今年合作社增收三成。", ("古丽娜·买买提",)),
    ("据艾克拜尔·买买提明介绍，合作社已有百余户社员。", ("艾克拜尔·买买提",)),
    # role words, roads and family words that start with a surname
    ("楼栋长每周上门走访一次。", ()),
    ("他们沿着曾家路走访群众。", ()),
    # Japanese family names: with a given name, or alone beside a title
    ("日本外相佐藤一郎当天抵达北京。", ("佐藤一郎",)),
    ("铃木惠子说，她很喜欢中国菜。", ("铃木惠子",)),
    ("会谈前，渡边首相会见了记者。", ("渡边",)),
    ("渡边今天去了公园。", ()),
    # after a role, a word jieba mislabels may still start a name
    ("记者钟立群报道：全市今年新增就业两万人。", ("钟立群",)),
    # words that start with a surname: common-noun endings, measure words, verbs after adverbs
    ("办理许可证需要提交三份材料。", ()),
    ("博物馆新设了一个陈列室。", ()),
    ("墙上贴着5张红星照片。", ()),
    ("大家也高兴地鼓起掌来。", ()),
    # transliterations jieba splits, tags as places or glues to the next word: scored character by character
    ("巴尔加斯于周二抵达利马。", ("巴尔加斯",)),
    ("据悉，萨穆埃利已经恢复训练。", ("萨穆埃利",)),
    ("教练组认为，迪马利亚的状态正在回升。", ("迪马利亚",)),
    ("贝卢斯科尼对记者说，他不会辞职。", ("贝卢斯科尼",)),
    ("莫拉莱斯于昨日宣誓就职。", ("莫拉莱斯",)),
    # ... but not after a place verb
    ("游客们来到阿瓜斯卡连特斯参观。", ()),
    # a two-character word jieba tags nr is mostly an ordinary word: it needs a cue
    ("夜市散场后，街道显得冷清。", ()),
    ("本报记者 殷红 报道：全市今年新增公园十座。", ("殷红",)),
    # jieba's HMM glued the last given-name character to a verb (钱付|存去)
    ("村民代表钱付存去镇上反映情况。", ("钱付存",)),
    ("副镇长邹翔千为此专门召开了会议。", ("邹翔千",)),
    # ... or a function word or verb to a transliteration's last syllable (连科|均, 塔|比说)
    ("乌克兰选手安·彼得连科均获得了满分。", ("安·彼得连科",)),
    ("该队教练库塔比说，他对结果满意。", ("库塔比",)),
    # an adverb between the name and the speech verb
    ("会后，渡边还表示将继续合作。", ("渡边",)),
    # a known place name between a role and a speech verb is a person; elsewhere a place
    ("村主任吴川说，今年的收成不错。", ("吴川",)),
    ("我们到吴川参观了工厂。", ()),
    # a Go rank after the name, a player's position before it
    ("决赛中，韩松涛九段执黑中盘获胜。", ("韩松涛",)),
    # transliterations that are places: a place head at the end or after, a wire dateline after
    ("代表团访问了莫雷尼亚邦。", ()),
    ("游客们参观了戈尔德曼博物馆。", ()),
    ("本报卡塔维拉5月27日电 记者王建报道", ("王建",)),
    # a word jieba could not place, framed by a role before or after it, whatever its first character
    ("县长洛追表示欢迎。", ("洛追",)),
    ("总经理何塞表示，订单已经排满。", ("何塞",)),
    # ... but not a dateline before a byline's role
    ("本报长沙3月9日讯记者王建报道", ("王建",)),
    # every name of a reporters' list is a person, even of a rare surname or spelt like a place
    ("本报讯记者陈明、果小林、武昌报道：全市", ("陈明", "果小林", "武昌")),
    ("记者近日报道了此事。", ()),
]


@pytest.mark.parametrize("text,names", CASES, ids=[c[0][:12] for c in CASES])
def test_person_spans(text: str, names: tuple[str, ...], res) -> None:
    assert _persons(text, res) == _spans(text, *names)


# References to a person by surname (GUIDELINES.md): exact spans and the subtype that scopes their
# identity to one article.
A, S = "anonymised", "surname-ref"
REFERENCE_CASES = [
    # anonymised parties: 某, 某某, an ordinal, a compound surname, a list
    ("工作人员刘某称，该项目已经完工。", (("刘某", A),)),
    ("被告人赵某某驾驶无牌货车逃逸，后被判处有期徒刑一年。", (("赵某某", A),)),
    ("犯罪嫌疑人孙某甲与孙某乙系兄弟关系。", (("孙某甲", A), ("孙某乙", A))),
    ("经审理查明，欧阳某多次盗窃电动车电瓶。", (("欧阳某", A),)),
    ("马某、杨某二人因寻衅滋事被刑事拘留。", (("马某", A), ("杨某", A))),
    # a full name and an anonymised party side by side keep their own subtypes
    ("民警郑建华将钱某带回派出所。", (("郑建华", ""), ("钱某", A))),
    # a surname that is mostly a function word is a party only after a role
    ("被害人于某报警后，民警迅速赶到。", (("于某", A),)),
    ("他向某公司借款五万元，至今未还。", ()),
    ("于某日凌晨，嫌疑人翻墙进入仓库。", ()),
    # 某 as a determiner after a word that ends in a surname character, or before a noun
    ("北方某城市的一家工厂发生火灾。", ()),
    ("民警在城郊某仓库内查获赃物。", ()),
    ("某种程度上，这项改革还在起步阶段。", ()),
    # 老 after a surname, standing alone; not in 老人, 老师, 古老
    ("黄老说，这些照片他保存了几十年。", (("黄老", S),)),
    ("社区为辖区老人开展义诊，陈老师也来了。", ()),
    ("这座古老的村落保存完好。", ()),
    # 老 and 小 before a common surname: a word jieba does not know, or one beside a cue
    ("同事老张说，他每天六点就到岗。", (("老张", S),)),
    ("小李告诉记者，系统上线后办事快多了。", (("小李", S),)),
    ("小区里新装了充电桩，一小时就能充满。", ()),
    ("老区人民的生活越来越好。", ()),
    ("小马过河的故事大家都听过。", ()),
]


@pytest.mark.parametrize("text,refs", REFERENCE_CASES, ids=[c[0][:12] for c in REFERENCE_CASES])
def test_surname_references(text: str, refs: tuple[tuple[str, str], ...], res) -> None:
    got = [(m.start, m.end, m.text, m.subtype) for m in extract_mentions(text, res) if m.type == "Person"]
    spans = _spans(text, *(name for name, _ in refs))
    assert got == [(s, e, name, sub) for (s, e, name), (_, sub) in zip(spans, refs)]
