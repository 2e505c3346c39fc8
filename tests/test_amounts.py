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
