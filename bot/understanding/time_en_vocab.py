"""Words and regex fragments of English time expressions: numbers, months, weekdays, units."""

from __future__ import annotations

import re

ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
ORD_ONES = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
]
ORD_TENS = {"twentieth": 20, "thirtieth": 30}

WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(ONES)}
WORD_VALUES.update(TENS)
WORD_VALUES.update({"a": 1, "an": 1, "one": 1, "couple": 2, "pair": 2, "few": 3, "several": 3})
ORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(ORD_ONES)}
ORD_VALUES.update(ORD_TENS)
ORD_VALUES["last"] = -1


def _alt(words: list[str]) -> str:
    """A regex alternation trying longer words first."""
    return "|".join(sorted(words, key=len, reverse=True))


_ONES_RX = _alt(ONES[1:])
_ONES9_RX = _alt(ONES[1:10])
_TENS_RX = _alt(list(TENS))
# A cardinal in words up to 59 ("twenty-three", "twenty three", "seven").
NUMWORD = rf"(?:(?:{_TENS_RX})(?:[\s-](?:{_ONES9_RX}))?|{_ONES_RX})"
# An ordinal in words up to 31 ("twenty fourth", "thirty-first", "second").
ORDWORD = rf"(?:(?:twenty|thirty)[\s-]?(?:{_alt(ORD_ONES[1:10])})|{_alt(ORD_ONES[1:] + list(ORD_TENS))})"
NUM = rf"(?:\d{{1,2}}|{NUMWORD})"
DAYNUM = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{ORDWORD})"

MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")
WEEKDAY_NAMES = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
WEEKDAY_CORE = (r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
                r"|sat(?:urday)?|sun(?:day)?)")
WEEKDAY = WEEKDAY_CORE + r"(?![a-z])\.?"
WEEKDAYS_PLURAL = r"(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)"
RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

UNIT = (r"(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|h|days?|weeks?|wks?|fortnights?|months?"
        r"|quarters?|qtrs?|years?|yrs?)")
# How many: digits, decimals, words, "a", "a few", "a couple of".
QTY = (rf"(?:\d+(?:\.\d+)?|\d+/\d+|{NUMWORD}|an?\s+(?:few|couple(?:\s+of)?|pair\s+of)|few"
       rf"|several|couple\s+of|an?)")

AMPM = r"(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?|a\s?\.\s?m\s?\.?|p\s?\.\s?m\s?\.?|am\b|pm\b|a\b|p\b)"


def word_number(text: str) -> float | None:
    """The value of a number written in digits or words ("twenty three", "1.5", "a")."""
    t = text.strip().lower().replace("-", " ")
    if not t:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if re.fullmatch(r"\d+/\d+", t):
        a, b = t.split("/")
        return int(a) / int(b) if int(b) else None
    words = [w for w in t.split() if w not in ("of", "a", "an")] or [t.split()[0]]
    total = 0
    for w in words:
        if w not in WORD_VALUES:
            return None
        total += WORD_VALUES[w]
    return float(total)


def ordinal_number(text: str) -> int | None:
    """The value of an ordinal or day number ("3rd", "twenty fourth", "15", "last")."""
    t = text.strip().lower().replace("-", " ")
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", t)
    if m:
        return int(m.group(1))
    parts = t.split()
    if len(parts) == 1 and parts[0] in ORD_VALUES:
        return ORD_VALUES[parts[0]]
    if len(parts) == 1 and parts[0].startswith(("twenty", "thirty")):
        head = "twenty" if parts[0].startswith("twenty") else "thirty"
        parts = [head, parts[0][len(head):]]
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ORD_VALUES:
        return TENS[parts[0]] + ORD_VALUES[parts[1]]
    n = word_number(t)
    return int(n) if n is not None else None


def month_number(text: str) -> int:
    """1..12 for a month name or abbreviation."""
    return MONTH_NAMES[text.strip(". ").lower()[:3]]


def weekday_number(text: str) -> int:
    """0 (Monday)..6 for a weekday name or abbreviation."""
    return WEEKDAY_NAMES[text.strip(". ").lower()[:3]]


def unit_name(text: str) -> str:
    """The canonical unit for a unit word: second, minute, hour, day, week, fortnight, month, quarter, year."""
    t = text.lower()
    if t.startswith("s"):
        return "second"
    if t.startswith("mi"):
        return "minute"
    if t.startswith("h"):
        return "hour"
    if t.startswith("d"):
        return "day"
    if t.startswith("f"):
        return "fortnight"
    if t.startswith("w"):
        return "week"
    if t.startswith("mo"):
        return "month"
    if t.startswith("q"):
        return "quarter"
    return "year"
