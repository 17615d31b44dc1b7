"""Hebrew and Islamic calendar dates in Gregorian terms, for named religious holidays."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

_HEBREW_EPOCH = -1373427  # R.D. of 1 Tishrei AM 1 (proleptic Gregorian ordinal)


def _leap(year: int) -> bool:
    return (7 * year + 1) % 19 < 7


@lru_cache(maxsize=512)
def _elapsed(year: int) -> int:
    months = (235 * year - 234) // 19
    parts = 12084 + 13753 * months
    days = 29 * months + parts // 25920
    return days + 1 if (3 * (days + 1)) % 7 < 3 else days


def _new_year(year: int) -> int:
    ny0, ny1, ny2 = _elapsed(year - 1), _elapsed(year), _elapsed(year + 1)
    correction = 2 if ny2 - ny1 == 356 else 1 if ny1 - ny0 == 382 else 0
    return _HEBREW_EPOCH + ny1 + correction


def _month_length(year: int, month: int) -> int:
    length = _new_year(year + 1) - _new_year(year)
    if month in (2, 4, 6, 10, 13) or (month == 12 and not _leap(year)):
        return 29
    if month == 8 and length not in (355, 385):
        return 29
    if month == 9 and length in (353, 383):
        return 29
    return 30


def hebrew_to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian date of a Hebrew date (months from Nisan = 1; Tishrei = 7 starts the year)."""
    days = _new_year(year) + day - 1
    last = 13 if _leap(year) else 12
    if month < 7:
        days += sum(_month_length(year, m) for m in range(7, last + 1))
        days += sum(_month_length(year, m) for m in range(1, month))
    else:
        days += sum(_month_length(year, m) for m in range(7, month))
    return date.fromordinal(days)


def islamic_to_gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a Hijri date (Umm al-Qura where known, else the tabular calendar)."""
    try:
        from hijridate import Hijri  # lazy: only Islamic holiday names need it

        return Hijri(year, month, day).to_gregorian()
    except (ImportError, ValueError, OverflowError):
        pass
    fixed = 227014 + (year - 1) * 354 + (3 + 11 * year) // 30 + 29 * (month - 1) + month // 2 + day
    return date.fromordinal(fixed) if fixed > 0 else None
