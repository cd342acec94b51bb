"""Organisation names of national and world news, on sentences written for the tests (no corpus text)."""

import pytest

from kg.extract import extract_mentions


def spans(text, res):
    return [(m.text, m.type) for m in extract_mentions(text, res)]


O, P = "Organization", "Place"


@pytest.mark.parametrize("text,expected", [
    # a body's meeting without a name of its own: the body is named, not an event
    ("首相在内阁会议上宣布了新的预算。", [("内阁", O)]),
    ("分析人士关注下周的北约会议。", [("北约", O)]),
    # ... while a meeting with a name of its own stays an event
    ("市政府常务会议研究了防汛工作。", [("市政府常务会议", "Event")]),
    # a count of states or parties is a kind, not a name
    ("双方敦促越南和泰国两国政府加强合作。", [("越南", P), ("泰国", P)]),
    ("执政联盟三党之一宣布退出。", []),
    ("非党干部在机关中占三成。", []),
    ("上市公司的利润有所下降。", []),
    # a country's companies are a kind; a company with a name of its own is named
    ("一些日本公司纷纷撤资。", [("日本", P)]),
    ("英国北海石油公司宣布了新计划。", [("英国北海石油公司", O)]),
    # an enumerator opens the clause, not the name
    ("主要有两项，一是华星集团出资两亿元。", [("华星集团", O)]),
    # firms listed before 等公司, also a foreign name with its dot
    ("投资者如斯特林·霍普、华星集团等公司纷纷入市。", [("斯特林·霍普", O), ("华星集团", O)]),
    ("银行、保险等公司的利润增长。", []),
    # firms named by their trade, without 公司
    ("宏达药业去年销售额增长两成。", [("宏达药业", O)]),
    ("他毕业后加入了华星实业。", [("华星实业", O)]),
    # a brand before a dictionary word for a kind of works; the kind alone names nothing
    ("他调到了长青热电厂工作。", [("长青热电厂", O)]),
    ("这家名叫金帆机械厂的企业扩大了生产。", [("金帆机械厂", O)]),
    ("当地化工厂排放的污水得到治理。", []),
    # a level word before a known body and its unit: the level's own body
    ("在县人大法制委工作的同志去了乡里。", [("县人大法制委", O)]),
    # local bodies by their kind word: credit co-operatives, prefecture committees, radio stations
    ("清溪镇农村信用社发放了小额贷款。", [("清溪镇农村信用社", O)]),
    ("会议由河西地委主持。", [("河西地委", O)]),
    ("县人民广播电台播出了这条消息。", [("县人民广播电台", O)]),
    # a bare kind after a body is the body's own (no sub-unit of its own), or no name at all
    ("华星公司代表团抵达北京。", [("华星公司代表团", O), ("北京", P)]),
    ("招聘领导小组办公室发布了名单。", []),
    # a number names a body after its place
    ("调查组走访了河南省洛阳市三五司法培训学校。", [("河南省", P), ("洛阳市三五司法培训学校", O)]),
    # a body opens on the lowest level of a domestic chain of places; after a country the chain stays whole
    ("江西省九江市煤气公司宣布降价。", [("江西省", P), ("九江市煤气公司", O)]),
    ("四川省广元市苍溪县白桥镇农技站的技术员来到田间。",
     [("四川省", P), ("广元市", P), ("苍溪县", P), ("白桥镇农技站", O)]),
    ("浙江宁波北仑区人民法院审理了此案。", [("浙江", P), ("宁波", P), ("北仑区人民法院", O)]),
    ("他在美国加州星河大学任教。", [("美国加州星河大学", O)]),
    # consortia, funds, branch campuses and branches, presidiums, squads
    ("由中国远洋保险联合体承保。", [("中国远洋保险联合体", O)]),
    ("亚洲开发基金提供贷款。", [("亚洲开发基金", O)]),
    ("社区设立了帮扶基金。", []),
    ("他在长沙一中分校任教。", [("长沙一中分校", O)]),
    ("工商银行湖南分行发布公告。", [("工商银行湖南分行", O)]),
    ("他是全国青联主席团成员。", [("全国青联主席团", O)]),
    ("湖北省登山队成功登顶。", [("湖北省登山队", O)]),
    ("他们组建了车队。", []),
    ("他在邻县丰源镇联校任教。", [("丰源镇联校", O)]),
    ("县公安局交警二中队民警赶到现场。", [("县公安局", O), ("交警二中队", O)]),
    ("市公安局特警一大队出动警力。", [("市公安局", O), ("特警一大队", O)]),
    # a unit of a state's government opens on the state (the state's government alone is no name)
    ("巴西政府贸易代表团今天抵达上海。", [("巴西政府贸易代表团", O), ("上海", P)]),
    ("据德政府新闻局通报，会谈取得进展。", [("德政府新闻局", O)]),
    # a country, a brand and a company suffix that jieba keeps as one dictionary word
    ("美国微软公司总裁访问了北京。", [("美国微软公司", O), ("北京", P)]),
    # 安全局 is no 全局 ("the overall situation"); the state's security service is named
    ("俄罗斯联邦安全局局长出席了会议。", [("俄罗斯联邦安全局", O)]),
    ("双方都要顾全局。", []),
    # a language department is a sub-unit of its university; a language family names nothing
    ("他毕业于江城大学外语系。", [("江城大学", O), ("外语系", O)]),
    ("藏语属于汉藏语系。", []),
    # the paper's editorial (社论, 社评) is no part of the paper's name
    ("江城日报社论指出，要重视防汛。", [("江城日报", O)]),
    ("记者来到江城日报社采访。", [("江城日报社", O)]),
    # the head's title holds the newspaper house's 社
    ("江城晚报社长在座谈会上发言。", [("江城晚报社", O)]),
])
def test_newswire_bodies_exact(text, expected, res):
    assert spans(text, res) == expected


@pytest.mark.parametrize("text,expected", [
    # a list closed by 等 and a word for places says what its items are, also for names that look foreign-personal
    ("洪水已开始威胁到帕尔米斯、卡萨维拉等大、中城市。", [("帕尔米斯", P), ("卡萨维拉", P)]),
    ("阿斯卡特和维罗纳等地的居民撤离了。", [("阿斯卡特", P), ("维罗纳", P)]),
    # known places keep their own level; common words and kinds are no places
    ("他到过北京、上海和广州等城市。", [("北京", P), ("上海", P), ("广州", P)]),
    ("旅客滞留在车站、码头等地。", []),
    # an area word in the list is the area of the place before it, no place of its own
    ("暴雨落在湘江中上游、华南和贵州等地。", [("湘江", P), ("华南", P), ("贵州", P)]),
    # a transliterated name right after a kind of place (城市, 小镇, 首都) is the place, in apposition
    ("他们来到该国西部城市蒂米什瓦拉。", [("蒂米什瓦拉", P)]),
    ("代表团抵达南部小镇加尔米施。", [("加尔米施", P)]),
    ("城市里的居民增多了。", []),
    # an area word after a known place is no part of its name; a prefecture named with 地区 keeps it
    ("寒潮影响了远东地区的港口。", [("远东", P)]),
    ("湘江流域的治理取得进展。", [("湘江", P)]),
    ("四川盆地的雾天增多。", [("四川", P)]),
    ("他在阿克苏地区工作多年。", [("阿克苏地区", P)]),
    # where a report was filed is a place, also a town no table holds; a body in a dateline stays a body
    ("本报意大利特拉尼6月2日电 记者李明报道", [("意大利", P), ("特拉尼", P), ("李明", "Person")]),
    ("新华社联合国5月3日电", [("新华社", O), ("联合国", O)]),
])
def test_listed_places(text, expected, res):
    assert spans(text, res) == expected
