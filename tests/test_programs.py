"""Program extraction shapes, with sentences written for these tests."""
import pytest

from replycli.extract.programs import extract_programs


def names(text):
    return {p["name"] for p in extract_programs(text)}


@pytest.mark.parametrize("text,expected", [
    ("按照《北岭市工业振兴三年行动方案(2024-2026)》要求推进。", "北岭市工业振兴三年行动方案(2024-2026)"),
    ("组织企业参加首批“揭榜挂帅”项目。", "揭榜挂帅"),
    ("深化“免申即享”改革，政策直达企业。", "免申即享"),
    ("争取数字辽宁智造强省专项资金支持。", "数字辽宁智造强省专项资金"),
    ("青石县东环路改扩建工程已开工。", "青石县东环路改扩建工程"),
    ("全市新增专精特新“小巨人”企业5家。", "专精特新“小巨人”企业"),
    ('全市新增专精特新"小巨人"企业5家。', "专精特新“小巨人”企业"),
    ("积极融入成渝地区双城经济圈建设。", "成渝地区双城经济圈"),
    ("持续开展健康扶贫。", "健康扶贫"),
])
def test_program_shapes(text, expected):
    assert expected in names(text)


def test_quoted_core_of_a_designation_is_not_a_program_of_its_own():
    assert "小巨人" not in names("全市新增专精特新“小巨人”企业5家。")


@pytest.mark.parametrize("text", [
    "我局将继续加强工作，认真研究您的建议。",
    "收看《新闻联播》相关报道。",
    "项目资金已经拨付到位。",
])
def test_not_programs(text):
    assert names(text) == set()
