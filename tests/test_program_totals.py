"""A program's total is the money attributed to that program, never the money
of every longer program name that contains it (issue 12: the LIKE total)."""
from __future__ import annotations

# Invented replies: a short fund name in one, a longer name containing it in another.
SHORT = "关于市政协第 3 号提案的答复\n2023年，青川华远科技有限公司获得科技创新专项资金 100 万元。\n"
LONG = "关于市政协第 4 号提案的答复\n2023年，临江北辰装备有限公司获得临江市科技创新专项资金 200 万元。\n"


def test_short_program_name_totals_only_its_own_money(cli, tmp_path):
    folder = tmp_path / "replies"
    folder.mkdir()
    (folder / "a.txt").write_text(SHORT, encoding="utf-8")
    (folder / "b.txt").write_text(LONG, encoding="utf-8")
    assert cli("ingest", folder).rc == 0
    _, rows = cli.jsonl("programs")
    by_name = {r["program"]: r for r in rows}
    assert by_name["科技创新专项资金"]["total_yuan"] == "1000000"
    assert by_name["科技创新专项资金"]["recipients"] == ["青川华远科技有限公司"]
    assert by_name["临江市科技创新专项资金"]["total_yuan"] == "2000000"


def test_amount_belongs_to_the_longest_program_it_names():
    from replycli.facts import program_of_amount

    names = ["振兴计划", "甲市振兴计划", "百企登峰"]
    assert program_of_amount("甲市振兴计划", names) == "甲市振兴计划"
    assert program_of_amount("首批“百企登峰”项目", names) == "百企登峰"
    assert program_of_amount("乙市振兴计划资金", names) == "振兴计划"
    assert program_of_amount("", names) is None
    assert program_of_amount("其他资金", names) is None
