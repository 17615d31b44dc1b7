"""Numbers inside slots: attendee counts, percentages, Chinese and English number words."""

from __future__ import annotations

import re

from bot.understanding.numerals import chinese_to_int

CN_NUM = "零〇一二两三四五六七八九十百千"
_EN_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
    "a dozen": 12, "dozen": 12, "half": 50,
}
EN_NUMBER_WORDS = "|".join(sorted(_EN_NUMBERS, key=len, reverse=True))

_NUMBER = rf"(?:\d+|[{CN_NUM}]+|(?i:{EN_NUMBER_WORDS}))"
_ATTENDEES = [
    re.compile(rf"(?<![\d{CN_NUM}])({_NUMBER})\s*(?:个)?(?:人|位|名)(?![事员民力才])"),
    re.compile(rf"(?i)\b({_NUMBER})\s*(?:people|persons|ppl|pax|attendees|participants|guests|seats)\b"),
    re.compile(rf"(?i)\b(?:seats?|seating|capacity(?:\s+of)?|for\s+up\s+to)\s+({_NUMBER})\b"),
]
_PERCENT = [
    re.compile(rf"百分之([{CN_NUM}]+|\d+)"),
    re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%|(?i:percent|per\s*cent)\b)"),
    re.compile(r"(?<![完变促达])([一二三四五六七八九])成(?![功为员立本果绩熟])"),
]
MAX_PERCENT = 1000
_HALF = re.compile(r"一半|过半|(?i:\bhalf\s*way\b|\bhalfway\b|\bhalf\s+done\b)")


def to_int(word: str) -> int | None:
    """The value of a number written in digits, Chinese numerals or English words."""
    word = word.strip()
    if not word:
        return None
    if word.isascii() and word.isdigit():
        return int(word)
    low = word.lower()
    if low in _EN_NUMBERS:
        return _EN_NUMBERS[low]
    if all(c in CN_NUM for c in word):
        return chinese_to_int(word)
    return None


def find_attendees(text: str) -> tuple[int, tuple[int, int]] | None:
    """An attendee count ("十二个人左右", "8人", "for 30 people") and its span."""
    for pattern in _ATTENDEES:
        m = pattern.search(text)
        if m:
            value = to_int(m.group(1))
            if value is not None and 0 < value < 10000:
                return value, m.span()
    return None


def find_percent(text: str) -> tuple[int, tuple[int, int]] | None:
    """A completion percentage ("百分之七十", "40%", "七成", "一半") and its span."""
    for i, pattern in enumerate(_PERCENT):
        m = pattern.search(text)
        if m:
            if i == 1:
                value: int | None = round(float(m.group(1)))
            else:
                value = to_int(m.group(1))
                value = value * 10 if value is not None and i == 2 else value
            # Over 100 is kept (百分之一百二十): the service refuses it with a clear reply.
            if value is not None and 0 <= value <= MAX_PERCENT:
                return value, m.span()
    m = _HALF.search(text)
    if m:
        return 50, m.span()
    return None
