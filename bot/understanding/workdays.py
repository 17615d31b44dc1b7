"""Working days from the official PRC calendar (holidays and make-up days), Mon–Fri elsewhere.

chinese_calendar is imported on first use, so importing the time resolver stays cheap.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache
from types import ModuleType

# chinese_calendar's English names for the official holidays, keyed by the Chinese names people use.
HOLIDAY_NAMES = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明": "Tomb-sweeping Day",
    "劳动节": "Labour Day",
    "端午": "Dragon Boat Festival",
    "中秋": "Mid-autumn Festival",
    "国庆": "National Day",
}
_ENGLISH = frozenset(HOLIDAY_NAMES.values())
_ALIASES = {
    "元旦节": "元旦", "新年": "元旦", "春节": "春节", "过年": "春节", "清明节": "清明",
    "五一": "劳动节", "五一劳动节": "劳动节", "劳动节": "劳动节", "端午节": "端午",
    "中秋节": "中秋", "国庆节": "国庆", "十一": "国庆",
}


@lru_cache(maxsize=1)
def _calendar() -> ModuleType:
    import chinese_calendar

    return chinese_calendar


@lru_cache(maxsize=1)
def _years() -> tuple[int, int]:
    """The first and last year the official calendar covers."""
    holidays = _calendar().holidays
    return min(holidays).year, max(holidays).year


def _known(day: date) -> bool:
    first, last = _years()
    return first <= day.year <= last


def _detail(day: date) -> tuple[bool, str | None]:
    """chinese_calendar.get_holiday_detail without its per-call scan of every known date."""
    cc = _calendar()
    if day in cc.workdays:
        return False, cc.workdays[day]
    if day in cc.holidays:
        return True, cc.holidays[day]
    return day.weekday() > 4, None


def _on_official_holiday(day: date) -> bool:
    on_holiday, name = _detail(day)
    return bool(on_holiday) and name in _ENGLISH


def is_workday(day: date) -> bool:
    """True when the day is a working day (official calendar where known, else Mon–Fri)."""
    if _known(day):
        cc = _calendar()
        return day in cc.workdays or (day.weekday() < 5 and day not in cc.holidays)
    return day.weekday() < 5


def add_workdays(day: date, n: int) -> date:
    """The n-th working day after (n > 0) or before (n < 0) the day; n = 0 is the day itself."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    current = day
    while remaining:
        current += timedelta(days=step)
        if is_workday(current):
            remaining -= 1
    return current


def next_workday(day: date) -> date:
    """The day itself when it is a working day, else the next working day."""
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def last_workday_of_month(year: int, month: int) -> date:
    """The last working day of a month."""
    day = date(year, month, calendar.monthrange(year, month)[1])
    while not is_workday(day):
        day -= timedelta(days=1)
    return day


@lru_cache(maxsize=256)
def holiday_dates(name: str, year: int) -> tuple[date, ...]:
    """The official days off of a public holiday (元旦 春节 清明 劳动节 端午 中秋 国庆) in a year."""
    key = _ALIASES.get(name, name)
    english = HOLIDAY_NAMES.get(key)
    if english is None:
        return ()
    days: list[date] = []
    # A holiday's days off may start in the previous year (元旦) or spill into the next.
    start, end = date(year, 1, 1) - timedelta(days=7), date(year, 12, 31)
    if not (_known(start) or _known(end)):
        return ()
    current = start
    while current <= end:
        if _known(current):
            on_holiday, holiday_name = _detail(current)
            if on_holiday and holiday_name == english:
                days.append(current)
        current += timedelta(days=1)
    # Keep the run of days that belongs to this year (元旦 of `year`, not the previous one).
    runs: list[list[date]] = []
    for d in days:
        if runs and (d - runs[-1][-1]).days <= 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    runs = [r for r in runs if r[-1].year == year]
    return tuple(runs[0]) if runs else ()


def first_workday_after_holiday(name: str | None, after: date) -> date | None:
    """节后第一天: the first working day after the named holiday (or the next holiday) from `after` on."""
    if name is not None:
        for year in (after.year - 1, after.year, after.year + 1):
            days = holiday_dates(name, year)
            if days and days[-1] >= after - timedelta(days=10):
                return next_workday(days[-1] + timedelta(days=1))
        return None
    # No name: the holiday running now or the next one within a year.
    current = after
    for _ in range(400):
        if _known(current) and _on_official_holiday(current):
            while not is_workday(current):
                current += timedelta(days=1)
            return current
        current += timedelta(days=1)
    return None
