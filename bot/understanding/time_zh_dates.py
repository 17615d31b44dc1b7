"""Calendar arithmetic for the Chinese resolver: the date an expression names."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from bot.understanding import time_zh_holidays as hol
from bot.understanding import workdays
from bot.understanding.time_zh_spec import Spec
from bot.understanding.types import Grain, Warning

FINER = [Grain.SECOND, Grain.MINUTE, Grain.HOUR, Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR]


@dataclass
class Point:
    """A resolved side of an expression: a start, the end of a period it names, its grain."""

    start: datetime
    grain: Grain
    end: datetime | None = None  # last point of a named period (上午, 周末, 前两天)
    warnings: list[Warning] = field(default_factory=list)
    dated: bool = True  # False when no date was said (a bare time today)


def finer(a: Grain, b: Grain) -> Grain:
    return a if FINER.index(a) <= FINER.index(b) else b


def midnight(day: date, tz: object) -> datetime:
    return datetime.combine(day, time(0, 0), tz)  # type: ignore[arg-type]


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(year: int, month: int) -> date:
    return add_months(date(year, month, 1), 1) - timedelta(days=1)


def last_day(first: date, grain: Grain, last: date | None) -> date:
    """The last day of the period a date part names (周五 → Friday, 本周 → Sunday, 本月 → the 30th)."""
    if last is not None:
        return last
    if grain is Grain.WEEK:
        return first + timedelta(days=6)
    if grain is Grain.MONTH:
        return month_end(first.year, first.month)
    if grain is Grain.QUARTER:
        return add_months(first, 3) - timedelta(days=1)
    if grain is Grain.YEAR:
        return date(first.year, 12, 31)
    return first


def valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def base_date(spec: Spec, today: date, after: date | None) -> tuple[date, Grain, date | None, list[Warning]] | None:
    """The date part: (first day, grain, last day of a named period, warnings); None when undated."""
    warnings: list[Warning] = []
    year: int | None = None
    if spec.year is not None:
        year = spec.year
    elif spec.year_rel is not None:
        year = today.year + spec.year_rel
    if spec.holiday is not None:
        if year is not None:
            found = hol.holiday_in_year(spec.holiday, year)
        else:
            found = hol.next_holiday(spec.holiday, after or today)
        if found is None:
            return None
        first, last = found
        first += timedelta(days=spec.holiday_shift)
        last += timedelta(days=spec.holiday_shift)
        if hol.is_period(spec.holiday):
            return first, Grain.DAY, last, warnings
        return first, Grain.DAY, None, warnings
    if spec.after_holiday:
        found_day = workdays.first_workday_after_holiday(spec.after_holiday_name, today)
        if found_day is None:
            # Beyond the official calendar: the working day after the next festival day itself.
            names = [spec.after_holiday_name] if spec.after_holiday_name else list(hol.OFFICIAL)
            days = [found[1] for found in (hol.next_holiday(n, today) for n in names) if found]
            if days:
                found_day = workdays.next_workday(min(days) + timedelta(days=1))
        return (found_day, Grain.DAY, None, warnings) if found_day else None
    month = spec.month
    if spec.month_rel is not None:
        shifted = add_months(today, spec.month_rel)
        if year is None:
            year = shifted.year
        month = shifted.month
    if spec.quarter is not None or spec.quarter_rel is not None:
        q = spec.quarter if spec.quarter is not None else (today.month - 1) // 3 + (spec.quarter_rel or 0)
        y = (year or today.year) + q // 4
        q %= 4
        return date(y, q * 3 + 1, 1), Grain.QUARTER, None, warnings
    if spec.half_year is not None:
        y = year or today.year
        return date(y, 1 + 6 * spec.half_year, 1), Grain.MONTH, date(y, 6 + 6 * spec.half_year, 1), warnings
    if spec.edge is not None:
        unit, where = spec.edge
        if unit == "年":
            y = year or today.year
            day = {"底": date(y, 12, 31), "末": date(y, 12, 31), "初": date(y, 1, 1), "中": date(y, 7, 1)}[where]
            return day, Grain.DAY, None, warnings
        if unit == "月":
            m = month or today.month
            # 4月底 said in November is next April's (a month with no year looks ahead).
            y = year or (today.year if m >= today.month else today.year + 1)
            day = {"底": month_end(y, m), "末": month_end(y, m), "初": date(y, m, 1), "中": date(y, m, 15)}[where]
            return day, Grain.DAY, None, warnings
    if spec.nth_weekday is not None and month is not None:
        n, wd = spec.nth_weekday
        y = year if year is not None else (today.year if month >= today.month else today.year + 1)
        first = date(y, month, 1)
        return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1)), Grain.DAY, None, warnings
    if spec.day is not None:
        d = spec.day
        if month is not None:
            if year is not None:
                day_value = valid_date(year, month, d)
                if day_value is not None and spec.weekday is not None and day_value.weekday() != spec.weekday:
                    warnings.append(Warning.WEEKDAY_MISMATCH)
                return (day_value, Grain.DAY, None, warnings) if day_value else None
            ref = after or today
            candidates = [valid_date(ref.year + k, month, d) for k in range(0, 9)]
            upcoming = [c for c in candidates if c is not None and c >= ref]
            if spec.weekday is not None:
                around = [c for c in (valid_date(ref.year + k, month, d) for k in (0, 1, -1)) if c is not None]
                matching = [c for c in around if c.weekday() == spec.weekday]
                if matching:
                    return matching[0], Grain.DAY, None, warnings
                warnings.append(Warning.WEEKDAY_MISMATCH)
            return (upcoming[0], Grain.DAY, None, warnings) if upcoming else None
        if year is not None:
            return None
        ref = after or today
        for k in range(0, 14):
            probe = add_months(ref, k)
            candidate = valid_date(probe.year, probe.month, d)
            if candidate is not None and candidate >= ref:
                return candidate, Grain.DAY, None, warnings
        return None
    if month is not None:
        if year is None:
            ref = after or today
            year = ref.year if month >= ref.month else ref.year + 1
        if not 1 <= month <= 12:
            return None
        return date(year, month, 1), Grain.MONTH, None, warnings
    if year is not None:
        return date(year, 1, 1), Grain.YEAR, None, warnings
    if spec.day_rel is not None:
        return today + timedelta(days=spec.day_rel), Grain.DAY, None, warnings
    monday = today - timedelta(days=today.weekday())
    if spec.week_rel is not None or spec.weekday is not None or spec.weekend:
        if spec.week_rel is not None:
            week_start = monday + timedelta(weeks=spec.week_rel)
        elif spec.weekday is not None:
            ref = after or today
            delta = (spec.weekday - ref.weekday()) % 7
            if delta == 0 and not (spec.hour is not None or spec.pod is not None) and after is None:
                delta = 7
            return ref + timedelta(days=delta), Grain.DAY, None, warnings
        else:
            week_start = monday
        if spec.weekend:
            return week_start + timedelta(days=5), Grain.DAY, week_start + timedelta(days=6), warnings
        if spec.weekday is not None:
            return week_start + timedelta(days=spec.weekday), Grain.DAY, None, warnings
        return week_start, Grain.WEEK, None, warnings
    return None
