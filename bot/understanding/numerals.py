"""Chinese numerals (十二, 两, 一百零五, 百分之七十, 3千, 二零一五) to numbers."""

from __future__ import annotations

import re

_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "两": 2, "俩": 2,
    "三": 3, "叁": 3, "仨": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_SPECIAL = {"廿": 20, "卅": 30, "卌": 40}

NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "".join(_BIG) + "".join(_SPECIAL)
# A number as people type it: ASCII or full-width digits, Chinese numerals, or both (3千).
NUMBER_PATTERN = rf"(?:[0-9０-９]+(?:\.[0-9]+)?[{NUMERAL_CHARS}]*|[{NUMERAL_CHARS}]+)"
_NUMBER_RE = re.compile(NUMBER_PATTERN)
_PERCENT_RE = re.compile(rf"百分之({NUMBER_PATTERN}|半)")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _small(text: str) -> int | None:
    """A numeral below 10,000 (十二, 一百零五, 3千五, 廿三); None when malformed."""
    if not text:
        return 0
    if text in _SPECIAL:
        return _SPECIAL[text]
    if text[0] in _SPECIAL:
        rest = _small(text[1:])
        return None if rest is None or rest >= 10 else _SPECIAL[text[0]] + rest
    total = 0
    digit: int | None = None
    last_unit = 100_000
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch] if digit is None else digit * 10 + _DIGITS[ch]
        elif ch.isdigit():
            value = int(ch)
            digit = value if digit is None else digit * 10 + value
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
        else:
            return None
    if digit is not None:
        # 三千五 is 3,500 and 一百二 is 120: a trailing digit counts in the next lower unit.
        if digit < 10 and last_unit >= 100 and last_unit != 100_000 and text[-2] not in "零〇":
            total += digit * last_unit // 10
        else:
            total += digit
    return total


def chinese_to_int(text: str) -> int | None:
    """The integer a numeral stands for (十二 → 12, 两 → 2, 二零一五 → 2015); None if not a number."""
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if text == "半":
        return None
    # Digit by digit (二零一五, 三六七) when there is no unit character.
    if len(text) > 1 and all(ch in _DIGITS or ch.isdigit() for ch in text):
        return int("".join(str(_DIGITS[ch]) if ch in _DIGITS else ch for ch in text))
    total = 0
    rest = text
    for big_char, big in sorted(_BIG.items(), key=lambda kv: -kv[1]):
        if big_char in rest:
            head, _, rest = rest.partition(big_char)
            head_value = _small(head) if head else 1
            if head_value is None:
                return None
            total += head_value * big
    tail = _small(rest.lstrip("零〇")) if rest else 0
    if tail is None:
        return None
    return total + tail


def parse_number(text: str) -> float | None:
    """A number written any way (3.5, 三点五 is not handled, 百分之七十 → 70, 半 → 0.5)."""
    text = text.strip().translate(_FULLWIDTH)
    if text == "半":
        return 0.5
    percent = _PERCENT_RE.fullmatch(text)
    if percent:
        return parse_number(percent.group(1))
    try:
        return float(text)
    except ValueError:
        pass
    match = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)([千万亿百十]+)", text)
    if match:
        factor = chinese_to_int("一" + match.group(2))
        return None if factor is None else float(match.group(1)) * factor
    value = chinese_to_int(text)
    return None if value is None else float(value)


def percent_value(text: str) -> int | None:
    """The percentage in a phrase such as 百分之七十 or 70% (→ 70)."""
    match = _PERCENT_RE.search(text)
    if match:
        value = parse_number(match.group(1))
        return None if value is None else int(value)
    match = re.search(r"([0-9]+(?:\.[0-9]+)?)\s*[%％]", text)
    return int(float(match.group(1))) if match else None


def replace_numerals(text: str) -> str:
    """The text with every Chinese numeral rewritten in digits (十二个人 → 12个人); lengths may change."""

    def sub(match: re.Match[str]) -> str:
        value = parse_number(match.group(0))
        if value is None:
            return match.group(0)
        return str(int(value)) if value == int(value) else str(value)

    return _NUMBER_RE.sub(sub, _PERCENT_RE.sub(lambda m: f"{m.group(1)}%", text))
