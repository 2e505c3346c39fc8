"""Amount forms, the traps that are not amounts, and how a reader finds an amount's kind and
recipient. Every sentence is invented (甲市, 某某科技有限公司, 青川县), none is from a reply."""
from decimal import Decimal

import pytest

from replycli.extract import understand
from replycli.extract.amounts import extract_amounts
from replycli.extract.numerals import chinese_to_decimal, parse_money


def values(text):
    return [Decimal(a["amount_yuan"]) for a in extract_amounts(text)]


@pytest.mark.parametrize("text,yuan", [
    ("获得补助资金 200 万元。", 2_000_000),
    ("安排资金1,234.56万元。", 12_345_600),
    ("下达资金 3.45 亿元。", 345_000_000),
    ("争取资金2,480万元。", 24_800_000),
    ("安排补助资金二百万元。", 2_000_000),
    ("安排补助资金一千二百万元。", 12_000_000),
    ("拨付资金壹佰贰拾万元。", 1_200_000),
    ("投资 1.5 万亿元。", 1_500_000_000_000),
    ("拨付资金 3 千万元。", 30_000_000),
    ("安排 5 百万元。", 5_000_000),
    ("补助标准 850 元。", 850),
])
def test_forms(text, yuan):
    assert values(text) == [Decimal(yuan)]


def test_wan_without_yuan_in_money_context():
    assert values("3 家企业各获得 50 万技术改造资金支持。") == [Decimal(500_000)]


@pytest.mark.parametrize("text,pre", [("约 3.5 亿元", "约"), ("近 500 万元", "近"), ("超1880万元", "超")])
def test_approximations(text, pre):
    (a,) = extract_amounts(f"累计投入资金{text}。")
    assert a["approx"].startswith(pre)


def test_yu_and_duo():
    (a,) = extract_amounts("工程概算预计120余万元。")
    assert Decimal(a["amount_yuan"]) == 1_200_000 and "余" in a["approx"]


def test_range_gives_low_end():
    (a,) = extract_amounts("每村补助 100-200 万元。")
    assert Decimal(a["amount_yuan"]) == 1_000_000 and a["text"].startswith("100")


@pytest.mark.parametrize("text,per", [("补助1万元/户。", "户"), ("奖励100万元/村。", "村"), ("每人每月补助 500 元。", "月")])
def test_per_unit_rates(text, per):
    (a,) = extract_amounts(text)
    assert a["per"] == per


@pytest.mark.parametrize("text", [
    "新增各类市场主体 2.3 万户。", "推出惠企措施 120 项。", "占比为 45.6%。",
    "三元前驱体项目投产。", "推动多元化发展。", "全市人口 120 万人。", "2023年3月14日",
])
def test_not_amounts(text):
    assert extract_amounts(text) == []


def test_each_gives_one_amount_per_recipient():
    text = "青川某某新材料有限公司、青川某某精密机械有限公司 2 家企业入选省级示范名单,各获得 30 万奖励资金。"
    facts = understand(text)
    recips = [a["recipient"] for a in facts["amounts"]]
    assert recips == ["青川某某新材料有限公司", "青川某某精密机械有限公司"]


@pytest.mark.parametrize("text,kind", [
    ("全年为小微企业减免税费 3.2 亿元。", "tax"),
    ("银行向企业发放贷款 1200 万元。", "loan"),
    ("项目计划总投资 18.6 亿元。", "investment"),
    ("企业获批专项资金 200 万元。", "grant"),
    ("规上工业营业收入 300 亿元。", "other"),
    ("近年来甲县投入资金 4321 万元。", "investment"),
])
def test_kinds(text, kind):
    (a,) = extract_amounts(text)
    assert a["kind"] == kind


def test_recipients_and_programs():
    t = "7 家企业获批 2024 年甲市中小企业数字化改造专项资金共 315 万元。"
    (a,) = understand(t)["amounts"]
    assert a["recipient"] == "7 家企业" and "中小企业数字化改造专项资金" in a["program"]
    (a,) = understand("市政府每年给予甲县物流园区500万元运营经费。")["amounts"]
    assert a["recipient"] == "甲县物流园区" and a["per"] == "年"


def test_evidence_and_offsets_point_into_the_text():
    text = "前文。某某生物科技有限公司获批研发后补助资金 80 万元。"
    (a,) = understand(text)["amounts"]
    assert text[a["start"]:a["end"]] == a["text"] == "80 万元"
    assert a["evidence"] in text


def test_numerals_and_user_amounts():
    assert chinese_to_decimal("一千二百万") == 12_000_000
    assert chinese_to_decimal("两千") == 2000
    assert chinese_to_decimal("二〇二三") == 2023
    assert parse_money("100万") == 1_000_000
    assert parse_money("2.5亿") == 250_000_000
    assert parse_money("1,000万元") == 10_000_000
    assert parse_money("300000") == 300_000
    assert parse_money("很多") is None


def kinds_and_recipients(text):
    return [(a["text"], a["kind"], a["recipient"]) for a in extract_amounts(text)]


def test_recipient_in_the_previous_sentence_of_the_paragraph():
    text = "某某农业专业合作社今年被评为省级示范社。县财政安排奖补资金30万元。"
    assert kinds_and_recipients(text) == [("30万元", "grant", "某某农业专业合作社")]


def test_subject_of_an_earlier_clause():
    text = "其中,甲县某某现代农业产业园获得省级创建资格,当年下达资金600万元,用于建设育苗大棚。"
    assert kinds_and_recipients(text) == [("600万元", "grant", "甲县某某现代农业产业园")]


def test_paragraph_subject_carries_to_later_clauses():
    text = "储备库企业入库满一年给予2万元扶持资金,完成股份制改造给予5万元扶持资金。"
    assert [r for _t, _k, r in kinds_and_recipients(text)] == ["储备库企业", "储备库企业"]


def test_tiers_paired_by_fenbie():
    text = "对认定为国家级、省级、市级示范企业的分别奖励100万元、30万元、10万元。"
    assert kinds_and_recipients(text) == [("100万元", "grant", "国家级示范企业"), ("30万元", "grant", "省级示范企业"),
                                          ("10万元", "grant", "市级示范企业")]


def test_list_after_fenbie():
    text = "分别给予甲县、乙县100万元、80万元的奖励。"
    assert [r for _t, _k, r in kinds_and_recipients(text)] == ["甲县", "乙县"]


def test_allocation_to_places():
    text = "下达专项资金2000万元,其中甲市1200万元、乙市800万元。"
    assert kinds_and_recipients(text)[1:] == [("1200万元", "grant", "甲市"), ("800万元", "grant", "乙市")]


@pytest.mark.parametrize("text,recipient,per", [
    ("对甲村、乙村、丙村按50万元/村给予补助。", "甲村、乙村、丙村", "村"),
    ("对120户种植大户按2万元/户给予补贴。", "120户种植大户", "户"),
])
def test_rate_recipient_is_the_listed_units_or_the_group(text, recipient, per):
    (a,) = extract_amounts(text)
    assert (a["recipient"], a["per"], a["kind"]) == (recipient, per, "grant")


def test_money_for_building_is_an_investment_in_the_project():
    assert kinds_and_recipients("安排资金300万元用于青川县城污水管网改造。") == [
        ("300万元", "investment", "青川县城污水管网改造")]


def test_allocation_for_building_stays_a_grant():
    (a,) = extract_amounts("县财政每年拨付50万元用于乡镇卫生室建设。")
    assert a["kind"] == "grant"


def test_project_named_sentences_before_its_cost():
    text = "青川县某某物流园项目(一期),已于去年批复。主要建设内容为仓储和道路等。项目总投资800万元。"
    assert kinds_and_recipients(text) == [("800万元", "investment", "青川县某某物流园项目(一期)")]


@pytest.mark.parametrize("text", ["全市涉农贷款余额120亿元。", "当年新增贷款15亿元。", "银行为甲县某某公司授信5000万元。"])
def test_loans_balances_and_credit(text):
    (a,) = extract_amounts(text)
    assert a["kind"] == "loan"


def test_bond_money_passed_down_is_a_grant_to_the_locality():
    assert kinds_and_recipients("今年下达甲县专项债券资金3亿元。") == [("3亿元", "grant", "甲县")]


@pytest.mark.parametrize("text", ["全县财政支出35亿元。", "规上工业总产值120亿元。", "全年地区生产总值850亿元。"])
def test_totals_are_other(text):
    (a,) = extract_amounts(text)
    assert a["kind"] == "other" and a["recipient"] == ""


def test_recipient_is_never_a_bare_money_word():
    (a,) = extract_amounts("2020年共下达省级财政资金1700万元,对16个入选名单的农业园区给予支持。")
    assert a["recipient"] == "16个入选名单的农业园区"


def test_traditional_units_are_left_to_the_script_fold():
    # The script-fold layer turns 萬/億 into 万/亿 before extraction.
    assert chinese_to_decimal("二百萬") is None


def test_subject_that_receives_comes_before_the_purpose():
    assert kinds_and_recipients("甲村获得以工代赈资金80万元,用于修建村组道路3公里。") == [("80万元", "grant", "甲村")]


def test_subject_of_the_clause_without_a_money_verb():
    (a,) = extract_amounts("甲镇卫生院先后配置了彩超、心电图机等近60万元设备。")
    assert a["recipient"] == "甲镇卫生院"


def test_project_completed_before_its_cost():
    text = "由我局指导的甲镇文体中心顺利完成,该项目位于镇区东侧,投资370万元。"
    (a,) = extract_amounts(text)
    assert (a["kind"], a["recipient"]) == ("investment", "甲镇文体中心")


def test_each_of_listed_places():
    assert [r for _t, _k, r in kinds_and_recipients("安排甲镇、乙镇各50万元。")] == ["甲镇", "乙镇"]


def test_limit_clause_takes_the_object_and_kind_of_its_sentence():
    (a,) = extract_amounts("对符合条件的企业,按设备投资额的10%给予补助,最高不超过200万元。")
    assert (a["kind"], a["recipient"]) == ("grant", "符合条件的企业")


def test_recipient_after_the_amount():
    (a,) = extract_amounts("市财政局已将奖补资金120万元拨付至甲县财政局。")
    assert a["recipient"] == "甲县财政局"


def test_place_that_wins_money():
    (a,) = extract_amounts("2024年,甲县争取上级资金2.5亿元,实施乡村振兴项目46个。")
    assert a["recipient"] == "甲县"


def test_project_as_subject_of_an_earlier_clause():
    text = "其中甲镇灌溉渠道工程列入项目建设内容之一。该项目总投资250万元,工程分段实施。"
    (a,) = extract_amounts(text)
    assert (a["kind"], a["recipient"]) == ("investment", "甲镇灌溉渠道工程")


def test_money_put_into_projects_after_the_amount():
    (a,) = extract_amounts("你提出的建议很好。我局争取了重点县建设资金900万元投入全县12个小型水利项目建设。")
    assert a["recipient"].endswith("12个小型水利项目")


def test_recipient_holds_no_year():
    (a,) = extract_amounts("市财政下达甲县2023年度衔接推进乡村振兴补助资金5000万元。")
    assert a["recipient"] == "甲县"


def test_project_named_after_its_cost():
    assert kinds_and_recipients("投资1.2亿元的甲县某某产业园项目已开工建设。") == [
        ("1.2亿元", "investment", "甲县某某产业园项目")]


def test_project_of_a_village_is_not_cut_to_its_county():
    (a,) = extract_amounts("甲县丙村集体经济发展项目获得扶持资金50万元。")
    assert a["recipient"] == "甲县丙村集体经济发展项目"


@pytest.mark.parametrize("text,kind", [
    ("某某纺织有限公司全年缴纳税收3000万元。", "other"),   # tax paid is revenue, not relief
    ("全年纳税1.2亿元。", "other"),
    ("新增退税5亿元。", "tax"),
    ("落实贷款贴息200万元。", "grant"),                   # an interest subsidy is a grant
])
def test_taxes_paid_and_interest_subsidies(text, kind):
    (a,) = extract_amounts(text)
    assert a["kind"] == kind


@pytest.mark.parametrize("text,recipient", [
    ("支持23家企业实施技术改造,补助资金500万元。", "23家企业"),
    ("今年共评选出15个示范村,每村奖补资金20万元。", "15个示范村"),
    ("全县共有8家企业入选省级名单,累计获得奖励资金160万元。", "8家企业"),
])
def test_counted_group_of_entities(text, recipient):
    (a,) = extract_amounts(text)
    assert a["recipient"] == recipient


def test_enterprise_of_an_earlier_sentence_in_the_paragraph():
    text = "近年来,我局支持某某生物科技有限公司发展。2023年拨付扶持资金150万元。"
    (a,) = understand(text)["amounts"]
    assert a["recipient"] == "某某生物科技有限公司"


def test_a_condition_is_no_recipient():
    text = "对成功在甲板上市给予300万扶持资金,对成功在乙板、丙板上市给予400万扶持资金。"
    assert [a["recipient"] for a in extract_amounts(text)] == ["", ""]
    (a,) = extract_amounts("对在年底前成功上市的企业给予额外的100万元扶持资金。")
    assert a["recipient"] == "在年底前成功上市的企业"


def test_fenbie_list_without_its_money_word():
    text = "甲项目和乙项目总投资分别为100万元和50万元。"
    assert kinds_and_recipients(text) == [("100万元", "investment", "甲项目"), ("50万元", "investment", "乙项目")]
    assert [a["recipient"] for a in extract_amounts("全市一般公共预算收入和支出分别为50亿元、80亿元。")] == ["", ""]


@pytest.mark.parametrize("text,recipient", [
    ("分配甲市一般债券资金8000万元,用于乙镇学校改造。", "甲市"),
    ("省财政下达甲县新增地方政府一般债券1.2亿元。", "甲县"),
    ("争取专项债券资金3亿元用于甲县某某园区基础设施建设项目。", "甲县某某园区基础设施建设项目"),
    ("省政府安排甲园区基础设施及项目经费500万元。", "甲园区"),
])
def test_bond_and_fund_allocations_to_a_place_or_project(text, recipient):
    (a,) = extract_amounts(text)
    assert (a["kind"], a["recipient"]) == ("grant", recipient)


# Genre sentences: the common shapes in which a reply letter says who gets money and what kind
# of money it is, each with the answer a careful reader gives under the gold conventions
# (../shared/gold/README.md). Invented from the genre, not taken from any reply, and never
# tuned to the corpus. A recipient "" is not checked (the scorer checks only stated ones);
# a name matches as the scorer matches it (equal, or one of 4+ characters inside the other).
GENRE = [
    ("市财政安排资金500万元支持甲县建设冷链物流中心。", [("500万元", "grant", "甲县")]),
    ("我局积极为青川某某精工有限公司争取省级技改专项资金300万元。", [("300万元", "grant", "青川某某精工有限公司")]),
    ("下达甲县、乙县、丙县农田水利建设资金共计1500万元，其中甲县600万元、乙县500万元、丙县400万元。",
     [("1500万元", "grant", "甲县、乙县、丙县"), ("600万元", "grant", "甲县"), ("500万元", "grant", "乙县"), ("400万元", "grant", "丙县")]),
    ("对获评国家级专精特新“小巨人”的企业给予一次性奖励100万元。", [("100万元", "grant", "获评国家级专精特新“小巨人”的企业")]),
    ("2023年累计为全市126家企业兑现各类奖补资金1.2亿元。", [("1.2亿元", "grant", "全市126家企业")]),
    ("某某新能源电池项目总投资15亿元，目前已完成投资6.8亿元。", [("15亿元", "investment", "某某新能源电池项目"), ("6.8亿元", "investment", "某某新能源电池项目")]),
    ("协调农业银行为甲县某某食品有限公司发放贷款800万元。", [("800万元", "loan", "甲县某某食品有限公司")]),
    ("2023年全市共为企业减免税费3.6亿元。", [("3.6亿元", "tax", "企业")]),
    ("甲镇获得省级美丽乡村建设补助资金200万元，用于村庄环境整治。", [("200万元", "grant", "甲镇")]),
    ("拨付金桥村村级集体经济发展资金50万元。", [("50万元", "grant", "金桥村")]),
    ("全年共发放耕地地力保护补贴8600万元，惠及农户12.5万户。", [("8600万元", "grant", "农户12.5万户")]),
    ("青川某某农业科技有限公司被认定为省级农业产业化重点龙头企业，获得奖励资金50万元。", [("50万元", "grant", "青川某某农业科技有限公司")]),
    ("对新认定的国家高新技术企业给予20万元奖励。", [("20万元", "grant", "新认定的国家高新技术企业")]),
    ("对认定为国家级、省级技术创新示范企业的，分别给予50万元、20万元奖励。", [("50万元", "grant", "国家级技术创新示范企业"), ("20万元", "grant", "省级技术创新示范企业")]),
    ("对脱贫户发展特色产业按每户3000元给予补助。", [("3000元", "grant", "脱贫户")]),
    ("获得补助的企业如下：青川某某机械有限公司：120万元；青川某某电子有限公司：80万元。",
     [("120万元", "grant", "青川某某机械有限公司"), ("80万元", "grant", "青川某某电子有限公司")]),
    ("安排资金800万元用于甲县第一中学改扩建。", [("800万元", "investment", "甲县第一中学")]),
    ("分别向甲镇、乙镇拨付防汛资金30万元、20万元。", [("30万元", "grant", "甲镇"), ("20万元", "grant", "乙镇")]),
    ("下达2024年市级工业发展专项资金4500万元，支持86个技改项目。", [("4500万元", "grant", "86个技改项目")]),
    ("市农业农村局为全市45个家庭农场发放奖补资金90万元。", [("90万元", "grant", "全市45个家庭农场")]),
    ("全市金融机构累计向小微企业发放贷款320亿元。", [("320亿元", "loan", "小微企业")]),
    ("为青川某某制药股份有限公司办理留抵退税2100万元。", [("2100万元", "tax", "青川某某制药股份有限公司")]),
    ("某某物流园项目总投资3.5亿元，其中固定资产投资2.8亿元。", [("3.5亿元", "investment", "某某物流园项目"), ("2.8亿元", "investment", "某某物流园项目")]),
    ("甲县人民医院获得中央财政补助资金1500万元，用于购置医疗设备。", [("1500万元", "grant", "甲县人民医院")]),
    ("对首次纳入规模以上统计的工业企业给予一次性奖励10万元。", [("10万元", "grant", "首次纳入规模以上统计的工业企业")]),
    ("2023年，市级财政下拨甲区城市更新补助资金2000万元。", [("2000万元", "grant", "甲区")]),
    ("向乙县拨付救灾资金300万元。", [("300万元", "grant", "乙县")]),
    ("青川县金桥村被评为省级乡村振兴示范村，获省级奖补资金100万元。", [("100万元", "grant", "青川县金桥村")]),
    ("甲县青山镇金桥村获得乡村振兴衔接资金80万元，用于发展茶叶产业。", [("80万元", "grant", "甲县青山镇金桥村")]),
    ("为甲县城乡供水一体化项目争取专项债券资金2.3亿元。", [("2.3亿元", "grant", "甲县城乡供水一体化项目")]),
    ("专项债券资金2.3亿元已全部拨付甲县城乡供水一体化项目。", [("2.3亿元", "grant", "甲县城乡供水一体化项目")]),
    ("目前已累计向全县287户养殖户发放补贴资金143.5万元。", [("143.5万元", "grant", "全县287户养殖户")]),
    ("其中，甲街道获得资金120万元，乙街道获得资金80万元。", [("120万元", "grant", "甲街道"), ("80万元", "grant", "乙街道")]),
    ("经积极争取，某某水库除险加固工程获得中央补助资金3600万元。", [("3600万元", "grant", "某某水库除险加固工程")]),
    ("建设银行甲县支行为甲县某某农业开发有限公司授信2000万元。", [("2000万元", "loan", "甲县某某农业开发有限公司")]),
    ("甲县某某中学新建教学楼项目总投资2400万元。", [("2400万元", "investment", "甲县某某中学新建教学楼项目")]),
    ("对被评为国家级绿色工厂的企业，给予50万元奖励。", [("50万元", "grant", "被评为国家级绿色工厂的企业")]),
    ("对甲县、乙县分别补助200万元、150万元。", [("200万元", "grant", "甲县"), ("150万元", "grant", "乙县")]),
    ("对吸纳脱贫人口就业的企业，按每人每年2000元给予补贴。", [("2000元", "grant", "吸纳脱贫人口就业的企业")]),
    ("2023年为甲县某某纺织有限公司兑现稳岗返还资金36万元。", [("36万元", "grant", "甲县某某纺织有限公司")]),
    ("对乙村道路硬化项目补助资金45万元。", [("45万元", "grant", "乙村道路硬化项目")]),
    ("甲县农村饮水安全巩固提升工程总投资5600万元，已完成投资4200万元。",
     [("5600万元", "investment", "甲县农村饮水安全巩固提升工程"), ("4200万元", "investment", "甲县农村饮水安全巩固提升工程")]),
    ("甲县某某旅游开发有限公司获得省级文旅发展专项资金150万元。", [("150万元", "grant", "甲县某某旅游开发有限公司")]),
    ("下达甲县农机购置补贴资金1200万元，惠及农户3200户。", [("1200万元", "grant", "甲县")]),
    ("甲市乙区被列入国家级试点，获得中央财政奖补资金1亿元。", [("1亿元", "grant", "甲市乙区")]),
    ("市财政对甲县给予转移支付补助3000万元。", [("3000万元", "grant", "甲县")]),
    ("甲县某某产业园区基础设施建设项目申请专项债券资金1.5亿元，已获批8000万元。",
     [("1.5亿元", "grant", "甲县某某产业园区基础设施建设项目"), ("8000万元", "grant", "甲县某某产业园区基础设施建设项目")]),
    ("金桥村被省农业农村厅认定为省级示范村，奖补资金50万元已拨付到位。", [("50万元", "grant", "金桥村")]),
    ("2023年全市实现减税降费及退税缓费28亿元。", [("28亿元", "tax", "")]),
    ("企业研发费用加计扣除金额达12亿元，减免企业所得税3亿元。", [("12亿元", "tax", ""), ("3亿元", "tax", "")]),
    ("全年发放创业担保贷款5.6亿元，扶持2800名创业人员。", [("5.6亿元", "loan", "2800名创业人员")]),
    ("协调金融机构为甲县某某建材有限公司办理续贷1500万元。", [("1500万元", "loan", "甲县某某建材有限公司")]),
    ("为12家企业提供融资担保3.2亿元。", [("3.2亿元", "loan", "12家企业")]),
    ("项目建成后预计年产值5亿元，年纳税3000万元。", [("5亿元", "other", ""), ("3000万元", "other", "")]),
    ("撬动社会资本投入8.5亿元。", [("8.5亿元", "investment", "")]),
    ("为甲县人民医院安排中央预算内资金2000万元，用于传染病大楼建设。", [("2000万元", "grant", "甲县人民医院")]),
    ("市财政安排2000万元用于甲县人民医院传染病大楼建设。", [("2000万元", "investment", "甲县人民医院传染病大楼")]),
    ("青川某某机械有限公司获评省级智能工厂，给予一次性奖励50万元。", [("50万元", "grant", "青川某某机械有限公司")]),
    ("我市共有5家企业获得省级首台套奖励，奖励金额共计260万元。", [("260万元", "grant", "5家企业")]),
    ("对年度考核优秀的乡镇给予工作经费奖励5万元。", [("5万元", "grant", "年度考核优秀的乡镇")]),
    ("乙县获得中央财政衔接推进乡村振兴补助资金2.1亿元，较上年增长8%。", [("2.1亿元", "grant", "乙县")]),
    ("对在我市新设立的区域总部企业，给予最高500万元的落户奖励。", [("500万元", "grant", "在我市新设立的区域总部企业")]),
    ("甲县污水处理厂提标改造工程计划投资6500万元，已争取中央预算内资金3000万元。",
     [("6500万元", "investment", "甲县污水处理厂提标改造工程"), ("3000万元", "grant", "甲县污水处理厂提标改造工程")]),
    ("市财政局下达甲县2024年农村综合改革转移支付资金860万元。", [("860万元", "grant", "甲县")]),
    ("在全市评选10个示范社区，每个社区奖励10万元。", [("10万元", "grant", "10个示范社区")]),
    ("为甲县某某商贸有限公司协调贷款贴息资金15万元。", [("15万元", "grant", "甲县某某商贸有限公司")]),
    ("青川某某药业有限公司、青川某某化工有限公司分别获得省级奖励资金100万元、50万元。",
     [("100万元", "grant", "青川某某药业有限公司"), ("50万元", "grant", "青川某某化工有限公司")]),
    ("甲县、乙县分别获得中央资金3000万元、2000万元。", [("3000万元", "grant", "甲县"), ("2000万元", "grant", "乙县")]),
    ("市级财政安排资金2亿元，重点支持甲县、乙县开展高标准农田建设。", [("2亿元", "grant", "甲县、乙县")]),
    ("向青川某某医疗器械有限公司发放贴息贷款300万元。", [("300万元", "loan", "青川某某医疗器械有限公司")]),
    ("全市共兑现惠企政策资金4.3亿元，惠及企业1800余家。", [("4.3亿元", "grant", "")]),
    ("对符合条件的返乡创业人员，给予一次性创业补贴5000元。", [("5000元", "grant", "符合条件的返乡创业人员")]),
    ("甲县第二人民医院迁建项目已完成投资1.8亿元，占总投资的60%。", [("1.8亿元", "investment", "甲县第二人民医院迁建项目")]),
    ("计划总投资3.2亿元的甲县某某产业园项目已开工。", [("3.2亿元", "investment", "甲县某某产业园项目")]),
    ("各乡镇分配情况如下：乙镇150万元，丙镇100万元。", [("150万元", "grant", "乙镇"), ("100万元", "grant", "丙镇")]),
    ("给予甲县某某生态农业专业合作社以奖代补资金20万元。", [("20万元", "grant", "甲县某某生态农业专业合作社")]),
    ("市人社局向甲县某某劳务有限公司拨付职业技能培训补贴42万元。", [("42万元", "grant", "甲县某某劳务有限公司")]),
    ("中国银行甲县支行向甲县某某木业有限公司发放流动资金贷款600万元。", [("600万元", "loan", "甲县某某木业有限公司")]),
    ("甲县某某水厂扩建工程获批专项债券资金9000万元。", [("9000万元", "grant", "甲县某某水厂扩建工程")]),
    ("对甲县、乙县、丙县各奖励100万元。", [("100万元", "grant", "甲县"), ("100万元", "grant", "乙县"), ("100万元", "grant", "丙县")]),
    ("被认定为省级专精特新中小企业的，给予一次性奖励20万元。", [("20万元", "grant", "省级专精特新中小企业")]),
    ("对新招用高校毕业生的小微企业，按每人1500元给予一次性吸纳就业补贴。", [("1500元", "grant", "新招用高校毕业生的小微企业")]),
    ("甲县某某光伏发电项目于2023年开工建设，总投资2.6亿元。", [("2.6亿元", "investment", "甲县某某光伏发电项目")]),
    ("市财政按照每亩200元的标准对种粮大户给予补贴。", [("200元", "grant", "种粮大户")]),
    ("2023年争取上级资金5.2亿元。", [("5.2亿元", "grant", "")]),
    ("甲县某某小学综合楼建设项目由县财政投资1200万元。", [("1200万元", "investment", "甲县某某小学综合楼建设项目")]),
    ("县财政投入资金650万元，为全县32所中小学安装直饮水设备。", [("650万元", "investment", "全县32所中小学")]),
    ("经与银行对接，甲县某某食品有限公司获得贷款500万元。", [("500万元", "loan", "甲县某某食品有限公司")]),
    ("目前，甲县某某文旅综合体项目累计完成投资2.3亿元。", [("2.3亿元", "investment", "甲县某某文旅综合体项目")]),
    ("乙镇卫生院、丙镇卫生院分别获得设备购置补助80万元、60万元。", [("80万元", "grant", "乙镇卫生院"), ("60万元", "grant", "丙镇卫生院")]),
    ("县财政统筹安排资金1200万元，用于支持甲镇、乙镇农村人居环境整治。", [("1200万元", "grant", "甲镇、乙镇")]),
    ("省发展改革委下达我县中央预算内投资3500万元，支持甲县人民医院传染病区建设。", [("3500万元", "grant", "甲县人民医院")]),
    ("甲县某某纸业有限公司技改项目获得省级工业转型升级资金200万元。", [("200万元", "grant", "甲县某某纸业有限公司技改项目")]),
    ("2024年，全市共为236家科技型中小企业发放科技贷款18.5亿元。", [("18.5亿元", "loan", "236家科技型中小企业")]),
    ("市级财政拨付乙县地质灾害防治资金450万元。", [("450万元", "grant", "乙县")]),
    ("对认定为市级、区级众创空间的，分别给予30万元、10万元一次性奖励。", [("30万元", "grant", "市级众创空间"), ("10万元", "grant", "区级众创空间")]),
    ("甲县某某生物科技有限公司享受研发费用加计扣除优惠1800万元。", [("1800万元", "tax", "甲县某某生物科技有限公司")]),
    ("甲县高铁站站前广场项目概算总投资4.2亿元。", [("4.2亿元", "investment", "甲县高铁站站前广场项目")]),
    ("农业发展银行甲县支行向甲县城投公司发放棚改贷款3亿元。", [("3亿元", "loan", "甲县城投公司")]),
    ("向受灾的甲镇、乙镇、丙镇各下拨救灾资金50万元。", [("50万元", "grant", "甲镇"), ("50万元", "grant", "乙镇"), ("50万元", "grant", "丙镇")]),
    ("市政府给予甲县某某汽车零部件有限公司固定资产投资补助500万元。", [("500万元", "grant", "甲县某某汽车零部件有限公司")]),
    ("2023年，乙区为辖区内中小微企业减免房租1500万元。", [("1500万元", "tax", "辖区内中小微企业")]),
    ("甲县某某村通过发展光伏产业，村集体年增收15万元。", [("15万元", "other", "")]),
    ("全年共争取上级各类资金12.6亿元，其中中央资金8.2亿元、省级资金4.4亿元。",
     [("12.6亿元", "grant", ""), ("8.2亿元", "grant", ""), ("4.4亿元", "grant", "")]),
    ("为甲县某某家庭农场发放贴息贷款50万元，财政贴息2万元。", [("50万元", "loan", "甲县某某家庭农场"), ("2万元", "grant", "甲县某某家庭农场")]),
    ("青川县某某镇中心小学获得薄弱学校改造资金260万元。", [("260万元", "grant", "青川县某某镇中心小学")]),
    ("县财政按每人每年1200元的标准，为全县380名村医发放补助。", [("1200元", "grant", "380名村医")]),
    ("支持甲县建设国家级电子商务进农村综合示范县，下达中央资金2000万元。", [("2000万元", "grant", "甲县")]),
    ("截至2023年底，全市累计为小微企业提供融资担保85亿元。", [("85亿元", "loan", "小微企业")]),
    ("市级财政对甲县某某商贸城项目给予一次性补助80万元。", [("80万元", "grant", "甲县某某商贸城项目")]),
    ("乙县某某中药材种植专业合作社被评为国家级示范社，获得市级奖励5万元。", [("5万元", "grant", "乙县某某中药材种植专业合作社")]),
    ("已累计完成投资1.6亿元的甲县某某水厂项目即将投入使用。", [("1.6亿元", "investment", "甲县某某水厂项目")]),
    ("各区分配如下：甲区300万元、乙区250万元、丙区200万元。",
     [("300万元", "grant", "甲区"), ("250万元", "grant", "乙区"), ("200万元", "grant", "丙区")]),
    ("下达甲县2024年车辆购置税收入补助地方资金6800万元，用于农村公路建设。", [("6800万元", "grant", "甲县")]),
    ("今年以来，市财政已向全市14个县（市、区）拨付耕地保护资金3.2亿元。", [("3.2亿元", "grant", "全市14个县（市、区）")]),
    ("对新入选国家级非物质文化遗产代表性项目的保护单位，给予10万元奖励。", [("10万元", "grant", "新入选国家级非物质文化遗产代表性项目的保护单位")]),
    ("甲县某某商业银行为甲县某某电子科技有限公司提供信用贷款1000万元。", [("1000万元", "loan", "甲县某某电子科技有限公司")]),
    ("为甲县某某农产品加工园争取省级农业产业强镇资金1000万元。", [("1000万元", "grant", "甲县某某农产品加工园")]),
    ("甲县某某养老服务中心：运营补贴30万元；乙县某某养老服务中心：运营补贴25万元。", [("30万元", "grant", "甲县某某养老服务中心"), ("25万元", "grant", "乙县某某养老服务中心")]),
    ("某某工业园区污水处理厂及配套管网工程，项目总投资1.1亿元，已争取专项债券资金6000万元。",
     [("1.1亿元", "investment", "某某工业园区污水处理厂及配套管网工程"), ("6000万元", "grant", "某某工业园区污水处理厂及配套管网工程")]),
    ("甲县某某现代农业园区是我市重点培育的园区。2023年,市财政安排该园区建设补助资金300万元。", [("300万元", "grant", "甲县某某现代农业园区")]),
    ("我局指导某某电力设备有限公司申报省级技术改造项目,该公司获得奖补资金180万元。", [("180万元", "grant", "某某电力设备有限公司")]),
    ("市财政下达各县(市、区)就业补助资金1.8亿元,其中甲县2600万元,乙县2100万元。",
     [("1.8亿元", "grant", ""), ("2600万元", "grant", "甲县"), ("2100万元", "grant", "乙县")]),
    ("全市已有12家企业享受首台套保险补偿,补偿金额合计860万元。", [("860万元", "grant", "12家企业")]),
    ("通过“政银担”合作模式,为全市1200余户小微企业提供担保贷款9.6亿元。", [("9.6亿元", "loan", "全市1200余户小微企业")]),
    ("甲县某某镇污水处理站项目,总投资680万元,目前已完工。", [("680万元", "investment", "甲县某某镇污水处理站项目")]),
    ("2022年度,我市对获得中国驰名商标的企业奖励50万元。", [("50万元", "grant", "获得中国驰名商标的企业")]),
    ("县财政累计拨付某某村美丽乡村建设资金120万元。", [("120万元", "grant", "某某村")]),
    ("甲县某某茶叶专业合作社申请到农业产业化专项资金40万元。", [("40万元", "grant", "甲县某某茶叶专业合作社")]),
    ("市政府安排1000万元对甲县某某古镇保护利用项目给予支持。", [("1000万元", "grant", "甲县某某古镇保护利用项目")]),
    ("按照每村不低于10万元的标准,对全县48个脱贫村给予集体经济发展扶持。", [("10万元", "grant", "全县48个脱贫村")]),
    ("甲县某某医药有限公司2023年实现营业收入3.2亿元,上缴税金2100万元。", [("3.2亿元", "other", "甲县某某医药有限公司"), ("2100万元", "other", "")]),
    ("市级财政给予甲区、乙区各200万元的试点补助。", [("200万元", "grant", "甲区"), ("200万元", "grant", "乙区")]),
    ("为解决企业融资难题,工商银行甲县支行为甲县某某机械制造有限公司办理无还本续贷800万元。", [("800万元", "loan", "甲县某某机械制造有限公司")]),
    ("某某大道改造工程是今年市级重点工程,计划投资2.4亿元。", [("2.4亿元", "investment", "某某大道改造工程")]),
    ("对甲县某某科技园区给予基础设施建设补助500万元。", [("500万元", "grant", "甲县某某科技园区")]),
    ("县级财政向全县18个乡镇拨付农村环境整治资金900万元。", [("900万元", "grant", "全县18个乡镇")]),
    ("为甲县某某果蔬专业合作社、乙县某某粮食专业合作社分别争取项目资金30万元、20万元。",
     [("30万元", "grant", "甲县某某果蔬专业合作社"), ("20万元", "grant", "乙县某某粮食专业合作社")]),
    ("其中,市级财政补助600万元,县级配套400万元。", [("600万元", "grant", ""), ("400万元", "grant", "")]),
    ("对新获批的国家级孵化器给予100万元一次性补助,省级孵化器给予50万元一次性补助。", [("100万元", "grant", "新获批的国家级孵化器"), ("50万元", "grant", "省级孵化器")]),
    ("甲县某某村集体经济合作社获得村级集体经济发展扶持资金50万元,用于建设冷库。", [("50万元", "grant", "甲县某某村集体经济合作社")]),
    ("全市新增减税降费及退税缓税缓费12.3亿元,惠及市场主体5.6万户。", [("12.3亿元", "tax", "市场主体5.6万户")]),
    ("市科技局向某某大学拨付科研经费150万元。", [("150万元", "grant", "某某大学")]),
    ("甲县争取到中央财政水利发展资金4800万元,主要用于中小河流治理。", [("4800万元", "grant", "甲县")]),
    ("某某集团拟在甲县投资20亿元建设新能源汽车零部件产业园。", [("20亿元", "investment", "新能源汽车零部件产业园")]),
]


def _same_name(a, b):
    a, b = a.replace(" ", ""), b.replace(" ", "")
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= 4 and short in long_)


@pytest.mark.parametrize("text,expected", GENRE, ids=[f"genre{i:03d}" for i in range(len(GENRE))])
def test_genre_kinds_and_recipients(text, expected):
    got = extract_amounts(text)
    assert [Decimal(a["amount_yuan"]) for a in got] == [parse_money(t) for t, _k, _r in expected]
    assert [a["kind"] for a in got] == [k for _t, k, _r in expected]
    for a, (_t, _k, recipient) in zip(got, expected):
        if recipient:
            assert _same_name(a["recipient"], recipient), (a["recipient"], recipient)


@pytest.mark.parametrize("text,expected", [
    ("全年共发放耕地地力保护补贴8600万元,惠及农户12.5万户。", [("8600万元", "grant", "农户12.5万户")]),
    ("获得补助的企业如下:青川某某机械有限公司:120万元;青川某某电子有限公司:80万元。",
     [("120万元", "grant", "青川某某机械有限公司"), ("80万元", "grant", "青川某某电子有限公司")]),
    ("对认定为国家级、省级技术创新示范企业的,分别给予50万元、20万元奖励。",
     [("50万元", "grant", "国家级技术创新示范企业"), ("20万元", "grant", "省级技术创新示范企业")]),
])
def test_genre_with_ascii_punctuation(text, expected):
    # Web excerpts carry ASCII punctuation; the same shapes must read the same.
    test_genre_kinds_and_recipients(text, expected)


def test_recipient_never_starts_with_a_verb_tail():
    # A company mention glued to the verb before it (给予 -> 予…) is read without the tail.
    text = "市政府给予某某精密机械有限公司技改奖励50万元。"
    s = text.index("予")
    (a,) = extract_amounts(text, [("予某某精密机械有限公司", s, s + 11)])
    assert a["recipient"] == "某某精密机械有限公司"
