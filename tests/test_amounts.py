"""Amount forms and the traps that are not amounts (our own sentences)."""
from decimal import Decimal

import pytest

from replycli.extract import understand
from replycli.extract.amounts import extract_amounts
from replycli.extract.numerals import chinese_to_decimal, parse_money


def values(text):
    return [Decimal(a["amount_yuan"]) for a in extract_amounts(text)]


@pytest.mark.parametrize("text,yuan", [
    ("获得补助资金 200 万元。", 2_000_000),
    ("安排资金7,037.91万元。", 70_379_100),
    ("下达资金 2.92 亿元。", 292_000_000),
    ("争取资金1,250万元。", 12_500_000),
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
    assert values("2 个项目各获得 100 万科技专项资金支持。") == [Decimal(1_000_000)]


@pytest.mark.parametrize("text,pre", [("约 3.5 亿元", "约"), ("近 500 万元", "近"), ("超1880万元", "超")])
def test_approximations(text, pre):
    (a,) = extract_amounts(f"累计投入资金{text}。")
    assert a["approx"].startswith(pre)


def test_yu_and_duo():
    (a,) = extract_amounts("工程概算预计150余万元。")
    assert Decimal(a["amount_yuan"]) == 1_500_000 and "余" in a["approx"]


def test_range_gives_low_end():
    (a,) = extract_amounts("每村补助 100-200 万元。")
    assert Decimal(a["amount_yuan"]) == 1_000_000 and a["text"].startswith("100")


@pytest.mark.parametrize("text,per", [("补助1万元/户。", "户"), ("奖励100万元/村。", "村"), ("每人每月补助 500 元。", "月")])
def test_per_unit_rates(text, per):
    (a,) = extract_amounts(text)
    assert a["per"] == per


@pytest.mark.parametrize("text", [
    "新增各类市场主体 1.1 万户。", "推出惠企措施 509 项。", "占比为 89.2%。",
    "三元前驱体项目投产。", "推动多元化发展。", "全市人口 120 万人。", "2023年3月14日",
])
def test_not_amounts(text):
    assert extract_amounts(text) == []


def test_each_gives_one_amount_per_recipient():
    text = "青川华远新材料有限公司、青川北辰精工 2 个项目入选“揭榜挂帅”项目,各获得 100 万科技专项资金支持。"
    facts = understand(text)
    recips = [a["recipient"] for a in facts["amounts"]]
    assert recips == ["青川华远新材料有限公司", "青川北辰精工"]


@pytest.mark.parametrize("text,kind", [
    ("落实税收优惠政策减免税费 18 亿元。", "tax"),
    ("银行向企业发放贷款 1200 万元。", "loan"),
    ("项目计划总投资 18.6 亿元。", "investment"),
    ("企业获批专项资金 200 万元。", "grant"),
    ("规上工业营业收入 300 亿元。", "other"),
    ("近年来我县投入资金 9394 万元。", "investment"),
])
def test_kinds(text, kind):
    (a,) = extract_amounts(text)
    assert a["kind"] == kind


def test_recipients_and_programs():
    t = "12 户企业获批 2022 年青川市工业转型升级专项资金共 460 万元。"
    (a,) = understand(t)["amounts"]
    assert a["recipient"] == "12 户企业" and "工业转型升级专项资金" in a["program"]
    (a,) = understand("省政府每年给予北岭承接产业园区2000万元资金的支持。")["amounts"]
    assert a["recipient"] == "北岭承接产业园区" and a["per"] == "年"


def test_evidence_and_offsets_point_into_the_text():
    text = "前文。辽宁华丰民用化工发展有限公司获批奖励性后补助资金 200 万元。"
    (a,) = understand(text)["amounts"]
    assert text[a["start"]:a["end"]] == a["text"] == "200 万元"
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
