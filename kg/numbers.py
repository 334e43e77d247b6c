"""Chinese numerals and reported quantities: 十四 → 14, 50.2万亿元 → 5.02e13 元, 41.5% → 0.415."""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "[零〇○一二两三四五六七八九十百千]+"

_MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}


def cn_to_int(text: str) -> int:
    """Convert a Chinese numeral (十四, 二十, 一百零五) or digits to an int; ValueError otherwise."""
    if text.isdigit():
        return int(text)
    if text and all(ch in _DIGITS for ch in text):  # positional: 二〇二四 → 2024
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


def ordinal(text: str) -> str:
    """An ordinal written either way, as ordinal names write it: 14 → 十四, 十四 → 十四."""
    return int_to_cn(cn_to_int(text))


def int_to_cn(value: int) -> str:
    """Convert 1..99 to the Chinese numeral used in ordinal names (14 → 十四, 20 → 二十); from 100 up,
    ordinals are written in digits (审判委员会第1937次会议)."""
    digits = "零一二三四五六七八九"
    if value < 1:
        raise ValueError(f"ordinal out of range: {value}")
    if value >= 100:
        return str(value)
    tens, ones = divmod(value, 10)
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


FIGURE_UNITS = (
    "万亿元|亿元|万元|元|美元|万亿美元|亿美元|万亿|亿|万|千瓦时|千瓦|平方公里|公里|千米|吨|亿吨|万吨|斤|亿斤|万亿斤|公斤"
    "|人次|人|名|个|次|发|家|所|项|件|座|颗|架|艘|条|户|套|部|台|辆|倍|%|％|个百分点|余次|余个"
    "|份|款|场|批|张|篇|亩|公顷|立方米|微克/立方米"
)
# A number (digits, optionally with a magnitude), an optional qualifier, and a unit.
FIGURE_RE = re.compile(
    r"(?P<approx>约|近|超过|逾|超)?"
    r"(?P<num>\d+(?:\.\d+)?)(?P<mag>万亿|亿|万|千)?(?P<more>余|多)?"
    r"(?P<unit>" + "|".join(sorted(set(FIGURE_UNITS.split("|")), key=len, reverse=True)) + ")"
    r"(?P<tail>左右|以上|多)?"
)


def figure_value(num: str, mag: str | None, unit: str) -> tuple[float, str]:
    """Normalise a figure: ('50.2', '万亿', '元') → (5.02e13, '元'); ('41.5', None, '%') → (0.415, '%')."""
    value = float(num)
    for prefix, factor in _MAGNITUDES.items():  # a magnitude glued into the unit: 亿元, 万吨
        if unit.startswith(prefix) and len(unit) > len(prefix):
            value *= factor
            unit = unit[len(prefix):]
            break
    if mag:
        value *= _MAGNITUDES[mag]
    if unit in ("%", "％"):
        return value / 100, "%"
    unit = {"余次": "次", "余个": "个"}.get(unit, unit)
    if unit in _MAGNITUDES:  # a bare magnitude (10.79亿 网民): a count
        value *= _MAGNITUDES[unit]
        unit = ""
    return float(f"{value:.12g}"), unit
