"""Company extraction, alias linking within and across replies, the dictionary.

Every sentence here is invented; the names are made up (青川远航物流, 明岚,
青禾动力 …) except those of the national reference lists (banks, carriers,
central enterprises), which hold for every reply.
"""
import pytest

from replycli.extract.companies import extract_companies, reference_names

TEXT = ("组织青川远航物流有限责任公司开展培训。推荐青川远航物流申报示范项目;青川理工大学、"
        "青川市钢铁产业技术研究院和市人民银行提供支持。远航物流在会上作交流。推荐青川北辰精工列入名单。")


def names(text):
    return {c["name"]: c for c in extract_companies(text)[0]}


def test_full_name_aliases_and_not_companies():
    companies, mentions = extract_companies(TEXT)
    by = {c["name"]: c for c in companies}
    assert "青川远航物流有限责任公司" in by
    assert set(by["青川远航物流有限责任公司"]["aliases"]) >= {"青川远航物流", "远航物流"}
    assert "青川北辰精工" in by
    joined = " ".join(by)
    for bad in ("大学", "研究院", "人民银行"):
        assert bad not in joined
    # every mention maps to its canonical company
    canon = {c for c, _, _ in mentions}
    assert canon <= set(by)


def test_enumeration_counted_in_enterprises():
    by = names("近年引进青禾动力、明岚、北辰精工等12家储能配套企业。")
    assert set(by) == {"青禾动力", "明岚", "北辰精工"}


def test_enumeration_with_a_designation_and_after_a_head():
    by = names("对乙川区的青禾重卡、明岚机械等装备制造业“小巨人”企业给予奖励。")
    assert {"青禾重卡", "明岚机械"} <= set(by)
    by = names("龙头企业如青禾科技、明岚等,积极推进数字化改造。")
    assert {"青禾科技", "明岚"} <= set(by)


def test_enumeration_of_sectors_places_and_projects_is_not():
    assert names("支持光伏、风电、储能等企业发展。") == {}
    assert names("钢铁、化工、建材等10家企业参加培训。") == {}
    assert names("在制造业、物流业、建筑业等重点领域遴选80家企业试点。") == {}
    assert names("推荐甲型涂料生产线等 15 个项目申报省级企业技术改造项目。") == {}


def test_bank_short_forms_and_local_banks():
    by = names("协调工行、农行和青川农村商业银行为企业授信。")
    assert {"工行", "农行", "青川农村商业银行"} <= set(by)
    # 工行 inside 加工行业 and 中行 inside 集中行动 are not banks
    assert names("推动农产品加工行业集中行动。") == {}
    # a full name and the short form of the same bank are one company
    by = names("中国工商银行青川分行发放贷款。工行还将加大支持。")
    assert len(by) == 1
    (entry,) = by.values()
    assert entry["name"] == "中国工商银行青川分行" and "工行" in entry["aliases"]


def test_carriers_and_their_branches():
    by = names("协调中国移动青川分公司、中国联通青川分公司和中国铁塔青川办事处加快建设基站。")
    assert set(by) == {"中国移动青川分公司", "中国联通青川分公司", "中国铁塔青川办事处"}


def test_central_enterprises_and_their_short_forms():
    by = names("争取中国石化在甲市布局项目,中石化已完成选址。国家电网青川供电公司配套建设。")
    assert "中国石化" in by and "中石化" in by["中国石化"]["aliases"]
    assert any(n.startswith("国家电网") for n in by)
    assert names("与中国石油大学开展合作。") == {}
    assert reference_names()["工行"] == "中国工商银行"


def test_collective_nouns_and_sector_words_are_not_companies():
    text = "支持民营企业、龙头企业、中小企业、国有企业和规上企业发展,引导钢铁公司、上市公司转型。"
    assert names(text) == {}


def test_fragments_are_not_companies():
    for text in ("组织合作社等公司参加展会。",          # …等公司 head
                 "这为推动集团转型升级打下基础。",        # a verb in front of a company word
                 "全县从事竹木加工经营的公司有80多家。",  # a clause in front of a company word
                 "对在乙川股份转让中心挂牌的企业给予奖励。",  # 股份 of a non-enterprise
                 "两家单位拟出资设立合资公司。",            # a kind of company
                 "加大资金扶持和公司培育力度。",          # a clause cut at 和
                 "2021年乙川市东城区农业农村局建设平台。"):  # trade word of a government body
        assert names(text) == {}, text


def test_name_words_stay_inside_names():
    by = names("支持青川城市建设投资集团有限公司发展。")
    assert "青川城市建设投资集团有限公司" in by


def test_county_group_and_abbreviation_of_a_full_name():
    assert "县供水集团" in names("加强与县交通、县供水集团等部门的沟通协作。")
    by = names("青川县远航公共交通有限公司开通线路。建议对远航公交公司给予补贴。")
    assert "远航公交公司" in by["青川县远航公共交通有限公司"]["aliases"]


def test_linking_across_replies_and_dictionary(cli, tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text("对第1号提案的答复\n\n张三委员：\n\n青川远航物流有限责任公司获批专项资金 100 万元。\n", encoding="utf-8")
    (d / "b.txt").write_text("对第2号提案的答复\n\n李四委员：\n\n青川市推荐青川远航物流申报项目,获得补助 50 万元。\n", encoding="utf-8")
    cli("ingest", d)
    r, rows = cli.jsonl("companies")
    assert r.rc == 0
    row = next(x for x in rows if x["company"] == "青川远航物流有限责任公司")
    assert row["documents"] == 2 and row["grant"] == "1500000"
    # The user says 远航集团 is the same company, under a new canonical name.
    dic = tmp_path / "dict.txt"
    dic.write_text("# canonical = aliases\n青川远航集团 = 青川远航物流有限责任公司 青川远航物流\n", encoding="utf-8")
    r = cli("relink", "--dict", dic)
    assert r.rc == 0
    r, rows = cli.jsonl("companies")
    assert [x["company"] for x in rows if "远航" in x["company"]] == ["青川远航集团"]
    r, amounts = cli.jsonl("funding", "--company", "青川远航集团")
    assert sorted(a["amount_yuan"] for a in amounts) == ["1000000", "500000"]


def test_reference_short_form_links_to_the_registered_name(cli, tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text("对第3号提案的答复\n\n王五委员：\n\n协调工行向青川远航物流有限责任公司发放贷款 200 万元。\n",
                             encoding="utf-8")
    cli("ingest", d)
    r, rows = cli.jsonl("companies")
    assert r.rc == 0
    assert "中国工商银行" in [x["company"] for x in rows]


def test_two_character_name_and_a_company_of_a_group():
    by = names("推荐明岚公司参加展会。甲市北辰集团远航公司开展无人机巡检。")
    assert "明岚公司" in by
    assert "甲市北辰集团远航公司" in by and "远航公司" not in by
    # a business word before 公司 names a kind of company, unless a county owns it
    assert names("组建运营公司和融资担保公司。") == {}
    assert "县城投公司" in names("由县城投公司负责建设。")


def test_carriers_local_companies():
    by = names("协调县移动公司、电信公司加快建设基站。")
    assert {"移动公司", "电信公司"} <= set(by)


def test_counted_and_pointing_heads_are_not_names():
    assert names("与两家公司、上述公司、相关公司和贸易公司合作。") == {}


def test_group_in_brackets_inside_a_full_name():
    by = names("青川远航(集团)有限公司、甲市北辰（集团）股份有限公司参加。")
    assert set(by) == {"青川远航(集团)有限公司", "甲市北辰（集团）股份有限公司"}


def test_leading_enterprises_and_banks_named_by_their_place():
    by = names("以青禾科技为龙头,以科技创新为龙头,带动发展。")
    assert set(by) == {"青禾科技"}
    by = names("协调青川银行、乙川市商业银行青川支行和浙江银行业协会、各银行。青川市加大信贷投放。")
    assert set(by) == {"青川银行", "乙川市商业银行青川支行"}
    assert names("推动上海银行间市场发展。") == {}


def test_branch_written_after_a_full_name():
    by = names("中国电信股份有限公司青川分公司、甲市北辰股份有限公司乙川分公司承建。")
    assert set(by) == {"中国电信股份有限公司青川分公司", "甲市北辰股份有限公司乙川分公司"}


def test_full_name_context_after_and_before():
    # a verb and a body after a full name leave it a name; a body right behind it does not
    assert "明岚科技有限公司" in names("如青川大学与明岚科技有限公司共建实验室。")
    assert names("青川北辰有限公司研究院揭牌。") == {}
    assert "市交投集团" in names("由市交投集团牵头实施。")
    # a company of a central enterprise keeps its head
    assert set(names("乙川市人民政府与中国建筑第八工程局有限公司签订协议。")) == {"中国建筑第八工程局有限公司"}
    # 有限公司 makes a registered name even around generic words
    assert "青川建设工程有限公司" in names("支持青川建设工程有限公司发展。")


def test_declared_short_form_and_adjectives_of_company_words():
    by = names("青川远航物流有限公司(以下简称远航公司)承建该项目。远航公司已完成投资。")
    assert set(by) == {"青川远航物流有限公司"}
    entry = by["青川远航物流有限公司"]
    assert entry["aliases"] == ["远航公司"] and len(entry["mentions"]) == 3
    assert "省交通投资集团" in names("由省交通投资集团负责建设。")
    assert names("推进国有企业实行公司化管理,推动集团化发展,完成股份制改造。") == {}


def test_short_name_is_not_cut_mid_word():
    text = "乙川市推进乙川新能源汽车零部件产业园项目,推荐乙川北辰精工申报。"
    assert set(names(text)) == {"乙川北辰精工"}


def test_preposition_before_an_unknown_name_is_cut():
    assert "乙川建工集团" in names("该项目由乙川建工集团承建,总投资3亿元。")
    # …but a stop character inside a dictionary word stays (经济, 华为)
    assert "青川经济开发投资有限公司" in names("支持青川经济开发投资有限公司发展。")


def test_reference_form_that_begins_a_body_name():
    by = names("中国银行保险监督管理委员会乙川监管分局、中国银行乙川分行、中国石油大学参加。")
    assert set(by) == {"中国银行乙川分行"}


def test_name_said_to_be_an_enterprise():
    assert set(names("目前,乙川北辰是一家专业从事精密铸造的高新技术企业。")) == {"乙川北辰"}
    assert names("该公司是一家民营企业。我县是一家…企业。") == {}


def test_common_word_before_company_is_a_kind():
    by = names("协调出租车公司、装修公司和明岚公司参加。县自来水公司做好供水。")
    assert set(by) == {"明岚公司", "县自来水公司"}


def test_a_verb_of_giving_or_relief_ends_the_text_before_a_name():
    # 为企业减免…, 向甲公司拨付…: the name starts after the verb (invented sentences).
    from replycli.extract.companies import extract_companies

    for text, name in (("全年共减免青川华远商贸有限公司税费50万元。", "青川华远商贸有限公司"),
                       ("向江屿远航物流有限公司发放贷款300万元。", "江屿远航物流有限公司"),
                       ("市财政下拨临江绿禾农业发展有限公司补助资金。", "临江绿禾农业发展有限公司")):
        assert [c["name"] for c in extract_companies(text)[0]] == [name], text


# -- invented genre sentences -------------------------------------------------
# How reply letters mention enterprises, written from the genre (not from any
# reply): each sentence with the companies a careful reader would list. Names
# are made up except the national reference forms (banks, carriers, central
# enterprises). Batches were run before any rule was changed for them.
_XFAIL = {
    '推动远航公司与北辰公司开展合作。': 'a dictionary verb (远航) before 公司 reads as a kind of company',
    '目前,北辰精工已成为全省最大的齿轮生产企业。': 'a short name without place, list or declaration',
}

GENRE = [
    # verbs, prepositions, brackets, branches, enumerations, banks, carriers, plants, non-companies, glued text, tables
    ('我局积极协调青川远航物流有限公司与乙川市北辰精工有限公司开展合作。', ['乙川市北辰精工有限公司', '青川远航物流有限公司']),
    ('推荐江屿明岚新材料股份有限公司申报省级专精特新中小企业。', ['江屿明岚新材料股份有限公司']),
    ('支持临江华远集团有限公司建设智能工厂。', ['临江华远集团有限公司']),
    ('指导青禾农业发展有限责任公司完善内部管理制度。', ['青禾农业发展有限责任公司']),
    ('为江屿远航电子科技有限公司争取技改资金200万元。', ['江屿远航电子科技有限公司']),
    ('向乙川北辰建材有限公司发放稳岗补贴12万元。', ['乙川北辰建材有限公司']),
    ('市工信局帮助明岚纺织有限公司解决用工难题。', ['明岚纺织有限公司']),
    ('组织青川华远食品有限公司等企业参加农产品博览会。', ['青川华远食品有限公司']),
    ('督促临江远航建设工程有限公司按期完工。', ['临江远航建设工程有限公司']),
    ('与青川北辰医药集团股份有限公司签订战略合作协议。', ['青川北辰医药集团股份有限公司']),
    ('引进明岚(青川)科技有限公司落户我县。', ['明岚(青川)科技有限公司']),
    ('北辰智能装备(江屿)有限公司年产值突破5亿元。', ['北辰智能装备(江屿)有限公司']),
    ('青川远航物流有限公司乙川分公司已投入运营。', ['青川远航物流有限公司乙川分公司']),
    ('中国农业银行青川分行累计发放涉农贷款30亿元。', ['中国农业银行青川分行']),
    ('协调中国建设银行江屿支行为企业提供信贷支持。', ['中国建设银行江屿支行']),
    ('近年来先后引进明岚科技、北辰精工、远航物流等20余家企业。', ['北辰精工', '明岚科技', '远航物流']),
    ('以华远集团、青禾股份为龙头,带动上下游企业集聚发展。', ['华远集团', '青禾股份']),
    ('全县现有青禾药业、明岚化工两家规上企业。', ['明岚化工', '青禾药业']),
    ('江屿华远环保科技有限公司(以下简称“华远环保”)是省级专精特新企业,华远环保年产值2亿元。', ['江屿华远环保科技有限公司']),
    ('青川北辰光电科技有限公司(简称北辰光电)成立于2015年。', ['青川北辰光电科技有限公司']),
    ('临江明岚科技有限公司获批省级技术中心,明岚公司研发投入逐年增加。', ['临江明岚科技有限公司']),
    ('协调工商银行青川分行、青川农商银行为企业发放贷款。', ['工商银行青川分行', '青川农商银行']),
    ('国开行向项目授信10亿元。', ['国开行']),
    ('江屿市农村商业银行推出“助企贷”产品。', ['江屿市农村商业银行']),
    ('中国移动青川分公司、中国电信江屿分公司加快5G基站建设。', ['中国电信江屿分公司', '中国移动青川分公司']),
    ('中国铁塔股份有限公司乙川市分公司统筹铁塔建设。', ['中国铁塔股份有限公司乙川市分公司']),
    ('积极对接中国石化、国家电网等央企,争取项目落地。', ['中国石化', '国家电网']),
    ('国网青川供电公司实施农网改造。', ['国网青川供电公司']),
    ('青川远航集团投资10亿元建设产业园。', ['青川远航集团']),
    ('推动明岚控股集团有限公司上市融资。', ['明岚控股集团有限公司']),
    ('青川华远热电厂完成超低排放改造。', ['青川华远热电厂']),
    ('青川市人民政府、江屿大学、青川市农业科学研究院共同主办。', []),
    ('市企业联合会、青川市物流协会组织企业参会。', []),
    ('青川经济技术开发区管委会、市市场监管局联合开展检查。', []),
    ('江屿智能制造产业园已入驻企业30家。', []),
    ('引导民营企业、中小企业、龙头企业加大研发投入。', []),
    ('对规上企业、上述企业和相关企业给予奖励,该公司已获得补助。', []),
    ('两家公司已完成合并,钢铁企业超低排放改造全部完成。', []),
    ('全年共为青川远航物流有限公司减免税费30万元。', ['青川远航物流有限公司']),
    ('共减免乙川华远商贸有限公司租金15万元。', ['乙川华远商贸有限公司']),
    ('给予江屿北辰农业科技有限公司奖励50万元。', ['江屿北辰农业科技有限公司']),
    ('青川远航物流有限公司:80万元;乙川北辰精工有限公司:50万元。', ['乙川北辰精工有限公司', '青川远航物流有限公司']),
    ('其中,明岚科技有限公司120万元,华远食品有限公司60万元。', ['华远食品有限公司', '明岚科技有限公司']),
    # openers, short forms, apposition, plants, branches of banks
    ('经协调,青川远航物流有限公司已恢复生产。', ['青川远航物流有限公司']),
    ('2023年,乙川北辰精工有限公司完成技术改造。', ['乙川北辰精工有限公司']),
    ('目前青川华远食品有限公司正在开展二期建设。', ['青川华远食品有限公司']),
    ('落户在江屿开发区的明岚新能源有限公司已经投产。', ['明岚新能源有限公司']),
    ('中国邮政储蓄银行青川分行、邮储银行江屿支行积极参与。', ['中国邮政储蓄银行青川分行', '邮储银行江屿支行']),
    ('由青川市城市投资发展集团有限公司负责融资。', ['青川市城市投资发展集团有限公司']),
    ('青川华远水泥厂和明岚造纸厂实施搬迁。', ['明岚造纸厂', '青川华远水泥厂']),
    ('推动青川远航物流有限公司、乙川北辰精工有限公司和江屿华远食品有限公司联合申报。', ['乙川北辰精工有限公司', '江屿华远食品有限公司', '青川远航物流有限公司']),
    ('由青川远航物流有限公司牵头组建产业联盟。', ['青川远航物流有限公司']),
    ('推动远航公司与北辰公司开展合作。', ['北辰公司', '远航公司']),
    ('在青川远航物流有限公司的带动下,全县物流业快速发展。', ['青川远航物流有限公司']),
    ('据青川远航物流有限公司反映,用地指标紧张。', ['青川远航物流有限公司']),
    ('青川远航物流有限公司董事长表示将加大投资。', ['青川远航物流有限公司']),
    ('中国工商银行股份有限公司青川分行发放贷款5亿元。', ['中国工商银行股份有限公司青川分行']),
    ('积极争取国家开发银行、中国农业发展银行政策性贷款。', ['中国农业发展银行', '国家开发银行']),
    ('江屿市华远建筑工程有限公司承建的安置房项目已完工。', ['江屿市华远建筑工程有限公司']),
    ('全市规模以上工业企业达到150家,高新技术企业80家。', []),
    ('青川供电公司加快电网建设。', ['青川供电公司']),
    ('青川远航物流有限公司被认定为省级物流示范企业。', ['青川远航物流有限公司']),
    ('江屿华远(集团)有限责任公司完成混改。', ['江屿华远(集团)有限责任公司']),
    ('青禾生物医药科技(青川)有限公司年产值增长20%。', ['青禾生物医药科技(青川)有限公司']),
    ('乙川市明岚小额贷款有限公司为小微企业提供贷款。', ['乙川市明岚小额贷款有限公司']),
    ('对青川远航物流有限公司等5家企业给予奖励。', ['青川远航物流有限公司']),
    ('龙头企业青禾药业带动农户3000户。', ['青禾药业']),
    ('引进了浙江华远集团、江苏明岚集团等一批企业。', ['江苏明岚集团', '浙江华远集团']),
    ('我县企业青川远航物流有限公司获评国家级绿色工厂。', ['青川远航物流有限公司']),
    ('补助青川远航物流有限公司30万元,拨付乙川北辰精工有限公司20万元。', ['乙川北辰精工有限公司', '青川远航物流有限公司']),
    ('帮扶江屿明岚农业开发有限公司拓展销售渠道。', ['江屿明岚农业开发有限公司']),
    ('青川农商行、江屿村镇银行加大涉农贷款投放。', ['江屿村镇银行', '青川农商行']),
    ('中国联通、中国电信、中国移动三大运营商共建共享基站。', ['中国电信', '中国移动', '中国联通']),
    ('省交通投资集团、市城投公司共同出资。', ['市城投公司', '省交通投资集团']),
    ('市场主体、个体工商户和农民专业合作社数量持续增长。', []),
    ('会同市住建局、市自然资源局指导开发商整改。', []),
    ('青川电厂二期工程已核准。', ['青川电厂']),
    ('华远集团下属的青川华远纺织有限公司扩大产能。', ['华远集团', '青川华远纺织有限公司']),
    ('青川远航物流有限公司投资3亿元建设冷链物流中心。', ['青川远航物流有限公司']),
    ('明岚科技有限公司年纳税超1000万元。', ['明岚科技有限公司']),
    ('支持企业与江屿大学、青川职业技术学院开展产学研合作。', []),
    ('江屿北辰精密制造有限公司、青川华远电子科技有限公司入选省级专精特新企业名单。', ['江屿北辰精密制造有限公司', '青川华远电子科技有限公司']),
    ('该企业为一家国有独资公司,主要从事城市基础设施建设。', []),
    # central and level groups, declared short forms, bodies, relief clauses
    ('一是协调青川华远置业有限公司加快项目建设;二是推动乙川明岚物业服务有限公司提升服务质量。', ['乙川明岚物业服务有限公司', '青川华远置业有限公司']),
    ('截至目前,江屿北辰新能源科技有限公司已完成投资8亿元。', ['江屿北辰新能源科技有限公司']),
    ('市政府与中国电建集团签订框架协议。', ['中国电建集团']),
    ('青川远航公司、江屿华远公司分别获得奖励30万元。', ['江屿华远公司', '青川远航公司']),
    ('全市共有上市公司5家、新三板挂牌企业12家。', []),
    ('市国资委所属的青川国有资本投资运营集团有限公司负责运营。', ['青川国有资本投资运营集团有限公司']),
    ('建议由县文旅集团统一运营。', ['县文旅集团']),
    ('江屿北辰环保科技有限公司(以下简称北辰公司)承担该项目,北辰公司已完成设备安装。', ['江屿北辰环保科技有限公司']),
    ('乙川华远新材料股份有限公司成功登陆创业板。', ['乙川华远新材料股份有限公司']),
    ('对接中国中车、中国一汽等企业。', ['中国一汽', '中国中车']),
    ('华远纸业有限公司年产纸品30万吨。', ['华远纸业有限公司']),
    ('青川市北辰物流园区已建成。', []),
    ('依托青川明岚农产品交易市场有限公司建设冷链设施。', ['青川明岚农产品交易市场有限公司']),
    ('中国人民财产保险股份有限公司青川市分公司开展农业保险。', ['中国人民财产保险股份有限公司青川市分公司']),
    ('为青川华远医疗器械有限公司等3家企业办理出口退税1200万元。', ['青川华远医疗器械有限公司']),
    ('全县共为企业减免税费2.3亿元,其中青川北辰钢铁有限公司减免3000万元。', ['青川北辰钢铁有限公司']),
    ('引导金融机构加大对民营企业、小微企业的信贷支持。', []),
    ('协调国网江屿供电公司为企业办理增容。', ['国网江屿供电公司']),
    ('青川华远集团公司与江屿明岚集团公司达成合作。', ['江屿明岚集团公司', '青川华远集团公司']),
    ('青川农村商业银行股份有限公司发放贷款12亿元。', ['青川农村商业银行股份有限公司']),
    ('乙川市华远水务有限责任公司负责供水管网改造。', ['乙川市华远水务有限责任公司']),
    ('目前,北辰精工已成为全省最大的齿轮生产企业。', ['北辰精工']),
    ('县自然资源局、县发展改革局、县工业园区管委会共同推进。', []),
    ('省属国有企业、市属国有企业带头落实减租政策。', []),
    ('该公司注册资本5000万元,是我县重点招商引资企业。', []),
    # sentence openers and verbs glued before a name
    ('同时,青川华远食品有限公司还新建了两条生产线。', ['青川华远食品有限公司']),
    ('此外青川北辰精工有限公司获评省级智能工厂。', ['青川北辰精工有限公司']),
    ('今年以来江屿明岚物流有限公司新增就业岗位200个。', ['江屿明岚物流有限公司']),
    ('重点支持青川华远电子有限公司扩大生产。', ['青川华远电子有限公司']),
    ('积极引导乙川北辰建设有限公司参与乡村振兴。', ['乙川北辰建设有限公司']),
    ('主要有青川华远纺织有限公司、江屿明岚服饰有限公司等企业。', ['江屿明岚服饰有限公司', '青川华远纺织有限公司']),
    ('已向青川远航物流有限公司兑现奖补资金80万元。', ['青川远航物流有限公司']),
    ('并安排乙川华远商贸有限公司承接配送业务。', ['乙川华远商贸有限公司']),
    ('辖区内江屿北辰化工有限公司已完成搬迁。', ['江屿北辰化工有限公司']),
    ('均由青川华远建筑工程有限公司承建。', ['青川华远建筑工程有限公司']),
    ('全市规上工业企业中,青川北辰钢铁有限公司产值最高。', ['青川北辰钢铁有限公司']),
    ('其中:青川华远食品有限公司50万元,江屿明岚农业有限公司30万元。', ['江屿明岚农业有限公司', '青川华远食品有限公司']),
    ('如青川北辰精工有限公司、江屿明岚科技有限公司等。', ['江屿明岚科技有限公司', '青川北辰精工有限公司']),
    ('市里已督促青川华远房地产开发有限公司整改。', ['青川华远房地产开发有限公司']),
    ('经多方协调,江屿北辰能源有限公司与电网公司达成协议。', ['江屿北辰能源有限公司']),
    # aliases, local banks, branches beside their parent, level companies
    ('青川华远食品有限公司获得补助50万元。华远食品将资金用于设备更新。', ['青川华远食品有限公司']),
    ('江屿明岚集团有限公司投资建设物流园,明岚集团计划明年投产。', ['江屿明岚集团有限公司']),
    ('支持青川ABC智能科技有限公司开展研发。', ['青川ABC智能科技有限公司']),
    ('1.青川华远电子有限公司,补助资金100万元;2.江屿北辰机械有限公司,补助资金60万元。', ['江屿北辰机械有限公司', '青川华远电子有限公司']),
    ('推荐的青川华远农业科技有限公司和江屿明岚生态农业有限公司均获得认定。', ['江屿明岚生态农业有限公司', '青川华远农业科技有限公司']),
    ('乙川北辰股份有限公司(以下简称“北辰股份”)。北辰股份年营业收入超10亿元。', ['乙川北辰股份有限公司']),
    ('中国建设银行、农业银行、交通银行等金融机构参与。', ['中国建设银行', '交通银行', '农业银行']),
    ('青川市华远商业银行向小微企业发放贷款。', ['青川市华远商业银行']),
    ('青川远航物流有限公司和青川远航物流有限公司江屿分公司共同承担。', ['青川远航物流有限公司', '青川远航物流有限公司江屿分公司']),
    ('县城投公司、县水投公司、县交投公司整合为县国投集团。', ['县交投公司', '县国投集团', '县城投公司', '县水投公司']),
    # sector words, kinds of plant, bodies (precision)
    ('推动钢铁、水泥、造纸等行业企业超低排放改造,关停落后产能电厂。', []),
    ('龙头企业数量达到35家,骨干企业科技投入持续增加。', []),
    ('我市企业技术中心已达120家。', []),
    ('对新认定的国家级企业技术中心给予100万元奖励。', []),
    ('督促各供电公司、燃气公司做好保供工作。', []),
    ('积极协调金融机构为企业提供贷款,帮助企业渡过难关。', []),
    ('全市已建成投产电厂12座,装机容量300万千瓦。', []),
    ('加强与省内外高校、科研院所及企业的合作。', []),
    ('由县人民政府牵头,县财政局、县税务局配合。', []),
    ('青川市北辰工业园区内入驻企业35家。', []),
    ('青川市华远街道办事处组织开展就业培训。', []),
    ('推动国有企业改革,组建青川市国有资产经营公司。', ['青川市国有资产经营公司']),
    ('江屿华远热电有限公司、青川明岚电厂完成供热改造。', ['江屿华远热电有限公司', '青川明岚电厂']),
    ('支持企业上市,目前已有北辰精工、明岚科技2家企业进入辅导期。', ['北辰精工', '明岚科技']),
    ('青川明岚酒厂是省级非物质文化遗产保护单位。', ['青川明岚酒厂']),
    # legal forms written short, partnerships, subsidiaries, tables (batch 7)
    ('青川华远药业股份公司新建原料药生产线。', ['青川华远药业股份公司']),
    ('江屿明岚投资管理合伙企业(有限合伙)出资5000万元。', ['江屿明岚投资管理合伙企业(有限合伙)']),
    ('青川北辰集团的全资子公司江屿北辰物流有限公司负责运营。', ['江屿北辰物流有限公司', '青川北辰集团']),
    ('推动中国联通青川分公司与青川华远信息技术有限公司合作建设数据中心。', ['中国联通青川分公司', '青川华远信息技术有限公司']),
    ('江屿市明岚（集团）有限公司下属企业12家。', ['江屿市明岚（集团）有限公司']),
    ('已协调中国银行青川分行向青川华远食品有限公司发放贷款500万元。', ['中国银行青川分行', '青川华远食品有限公司']),
    ('青川华远、江屿明岚两家公司已签订合作协议。', ['江屿明岚', '青川华远']),
    ('青川华远食品有限公司:补助资金80万元', ['青川华远食品有限公司']),
    ('项目业主为青川北辰能源投资有限公司。', ['青川北辰能源投资有限公司']),
    ('青川华远食品有限公司等企业。青川华远食品有限公司已投产。', ['青川华远食品有限公司']),
    ('组织中国石油青川销售分公司开展油品质量检查。', ['中国石油青川销售分公司']),
    ('全市规上企业工业产值增长8%,其中民营企业贡献率达60%。', []),
]


@pytest.mark.parametrize("text,expected", [
    pytest.param(t, e, marks=pytest.mark.xfail(reason=_XFAIL[t], strict=True)) if t in _XFAIL else (t, e)
    for t, e in GENRE])
def test_genre_sentences(text, expected):
    assert sorted(names(text)) == expected
