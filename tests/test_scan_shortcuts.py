"""Speed shortcuts of the extraction scans give the plain scans' matches:
anchored windows (``companies._near``) and first-character lookaheads
(``amounts.AMOUNT``, ``programs._HEADS``), on random text built from the
characters the patterns care about. Fixed seeds, so a failure reproduces."""
import random
import re

import pytest

from replycli.extract import amounts, companies, programs

PIECES = (list("甲乙丙丁青川钢铁科技、，。（）()的和及") + ["有限公司", "集团", "股份有限公司", "分公司", "公司", "（集团）"]
          + ["专项资金", "项目", "计划", "工程", "示范区", "资金", "单位"]
          + ["约", "共计", "达", "不超过", " ", "\n", "1", "20", "3.5", "1,200", "二百", "十", "万", "亿", "元", "万元", "/户", "每亩", "-", "至"])


def random_texts(seed: int, n: int = 400):
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 120))) for _ in range(n)]


def without_lookahead(rx: re.Pattern) -> re.Pattern:
    assert rx.pattern.startswith("(?=[")
    return re.compile(rx.pattern[rx.pattern.index("])") + 2:])


@pytest.mark.parametrize("seed", range(4))
def test_anchored_scans_equal_the_plain_scan(seed):
    for text in random_texts(seed):
        for rx, anchor in ((companies._FULL, companies._SUFFIX_WORD), (companies._LIST, companies._ENUM_COMMA)):
            assert [m.span() for m in companies._near(rx, anchor, text, 30)] == [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize("seed", range(4))
def test_first_character_lookaheads_keep_the_matches(seed):
    for rx in (amounts.AMOUNT, programs._HEADS):
        plain = without_lookahead(rx)
        for text in random_texts(seed):
            assert ([(m.span(), m.groupdict()) for m in rx.finditer(text)]
                    == [(m.span(), m.groupdict()) for m in plain.finditer(text)])
