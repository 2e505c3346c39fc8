"""Company extraction, alias linking within and across replies, the dictionary.

Every sentence here is invented; the names are made up (青川远航物流, 明岚,
青禾动力 …) except those of the national reference lists (banks, carriers,
central enterprises), which hold for every reply.
"""
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
