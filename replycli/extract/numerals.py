"""Chinese numerals -> numbers, for spans a regex has already matched.

Never run over whole text: 十分必要 is not 10分必要. Handles ordinary (二百万,
一千二百万, 两千), 大写 (壹佰贰拾万) and digit-by-digit forms (二〇二三).
Text arrives in simplified characters (the script fold turns 萬/億 into 万/亿
before extraction), so only the simplified units are known here.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
          "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
          "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}
CHINESE_NUMBER_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "点"


def chinese_to_decimal(s: str) -> Decimal | None:
    """``一千二百万`` -> 12000000; ``二点五`` -> 2.5; None if not a number."""
    s = s.strip()
    if not s:
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = chinese_to_decimal(whole) if whole else Decimal(0)
        if w is None or not frac or any(c not in DIGITS for c in frac):
            return None
        return w + Decimal("0." + "".join(str(DIGITS[c]) for c in frac))
    if all(c in DIGITS for c in s):  # 二〇二三: digit by digit
        return Decimal("".join(str(DIGITS[c]) for c in s))
    total = Decimal(0)   # finished big-unit groups
    section = 0          # current group below 万
    digit = None
    for c in s:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[c]
            digit = None
        elif c in BIG_UNITS:
            if digit is not None:
                section += digit
                digit = None
            unit = BIG_UNITS[c]
            if section == 0 and total == 0:
                return None
            # 一千万亿: a smaller group before a bigger unit multiplies everything
            if total and total < unit:
                total = (total + section) * unit
            else:
                total += section * unit
            section = 0
        else:
            return None
    if digit is not None:
        section += digit
    return total + section


def parse_number(s: str) -> Decimal | None:
    """Arabic (``7,037.91``, ``200``) or Chinese numerals."""
    t = s.replace(",", "").replace(" ", "").replace("，", "")
    if not t:
        return None
    if t[0].isdigit():
        try:
            return Decimal(t)
        except InvalidOperation:
            return None
    return chinese_to_decimal(t)


def chinese_date(y: str, m: str, d: str) -> str | None:
    """``二〇二三``, ``三``, ``十四`` -> ``2023-03-14``."""
    yy, mm, dd = chinese_to_decimal(y), chinese_to_decimal(m), chinese_to_decimal(d)
    if yy is None or mm is None or dd is None:
        return None
    yy, mm, dd = int(yy), int(mm), int(dd)
    if not (1 <= mm <= 12 and 1 <= dd <= 31 and 1950 <= yy <= 2100):
        return None
    return f"{yy:04d}-{mm:02d}-{dd:02d}"


def parse_money(text: str) -> Decimal | None:
    """A user's amount: ``100万``, ``2.5亿``, ``1,000万元``, ``300000``."""
    t = text.strip().replace(",", "").replace(" ", "")
    if t.endswith("元"):
        t = t[:-1]
    mult = Decimal(1)
    for unit, factor in (("万亿", 10**12), ("千万", 10**7), ("百万", 10**6), ("亿", 10**8), ("万", 10**4)):
        if t.endswith(unit):
            t, mult = t[: -len(unit)], Decimal(factor)
            break
    n = parse_number(t)
    return None if n is None else n * mult
