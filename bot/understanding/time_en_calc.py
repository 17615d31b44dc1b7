"""Calendar arithmetic for the English time resolver: periods, weekdays, months, working days."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

from bot.understanding.types import Grain


def add_months(d: date, n: int) -> date:
    """The same day n months later, clamped to the month's length."""
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    if not 1 <= y <= 9999:
        raise ValueError("year out of range")
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def month_end(y: int, m: int) -> date:
    """The last day of a month."""
    return date(y, m, calendar.monthrange(y, m)[1])


def period_start(d: date, grain: Grain) -> date:
    """The first day of the week/month/quarter/year holding d."""
    if grain is Grain.WEEK:
        return d - timedelta(days=d.weekday())
    if grain is Grain.MONTH:
        return d.replace(day=1)
    if grain is Grain.QUARTER:
        return date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    if grain is Grain.YEAR:
        return date(d.year, 1, 1)
    return d


def shift(d: date, grain: Grain, n: int) -> date:
    """d moved by n units of the grain."""
    if grain is Grain.DAY:
        return d + timedelta(days=n)
    if grain is Grain.WEEK:
        return d + timedelta(weeks=n)
    if grain is Grain.MONTH:
        return add_months(d, n)
    if grain is Grain.QUARTER:
        return add_months(d, 3 * n)
    if grain is Grain.YEAR:
        return add_months(d, 12 * n)
    raise ValueError(grain)


def period_last(start: date, grain: Grain) -> date:
    """The last day of the period beginning at start."""
    return shift(start, grain, 1) - timedelta(days=1)


def next_weekday(today: date, wd: int, include_today: bool = True) -> date:
    """The next date with weekday wd (today counts when include_today)."""
    ahead = (wd - today.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return today + timedelta(days=ahead)


def prev_weekday(today: date, wd: int) -> date:
    """The most recent date before today with weekday wd."""
    back = (today.weekday() - wd) % 7 or 7
    return today - timedelta(days=back)


def nth_weekday(y: int, m: int, wd: int, n: int) -> date | None:
    """The nth (1-based, or -1 for last) weekday wd of a month, if it exists."""
    if n < 0:
        d = month_end(y, m)
        while d.weekday() != wd:
            d -= timedelta(days=1)
        return d
    d = date(y, m, 1)
    d += timedelta(days=(wd - d.weekday()) % 7)
    d += timedelta(weeks=n - 1)
    return d if d.month == m else None


def next_month_day(today: date, month: int, day: int) -> date | None:
    """The next month/day to come (this year if not yet past), or None if it never exists."""
    for y in range(today.year, today.year + 9):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d >= today:
            return d
    return None


def at(d: date, t: time, tz: object) -> datetime:
    """A tz-aware datetime on day d at time t."""
    return datetime.combine(d, t).replace(tzinfo=tz)  # type: ignore[arg-type]


def is_workday(d: date) -> bool:
    """True on a working day (the official calendar when available, else Mon-Fri)."""
    try:
        from bot.understanding import workdays

        return bool(workdays.is_workday(d))
    except Exception:  # noqa: BLE001 - the calendar module may be missing or incomplete
        return d.weekday() < 5


def add_workdays(d: date, n: int) -> date:
    """The working day n working days after d."""
    try:
        from bot.understanding import workdays

        return workdays.add_workdays(d, n)
    except Exception:  # noqa: BLE001
        step = 1 if n >= 0 else -1
        left = abs(n)
        while left:
            d += timedelta(days=step)
            if d.weekday() < 5:
                left -= 1
        return d


def last_workday_of_month(y: int, m: int) -> date:
    """The last working day of a month."""
    try:
        from bot.understanding import workdays

        return workdays.last_workday_of_month(y, m)
    except Exception:  # noqa: BLE001
        d = month_end(y, m)
        while d.weekday() >= 5:
            d -= timedelta(days=1)
        return d
