"""Recurrences (每周一上午九点, 每月最后一个工作日) as an RRULE and their first occurrence."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from bot.understanding import workdays
from bot.understanding.conventions import Conventions
from bot.understanding.time_zh_dates import Point, add_months, finer, midnight, month_end, valid_date
from bot.understanding.time_zh_point import point as resolve
from bot.understanding.time_zh_spec import Spec
from bot.understanding.types import Grain, Kind, TimeReading

_BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def recurrence(spec: Spec, second: Spec | None, now: datetime, conv: Conventions,
                span: tuple[int, int]) -> TimeReading | None:
    assert spec.rec is not None
    n, unit = spec.rec
    today = now.date()
    tz = now.tzinfo
    parts: list[str] = []
    first_day: date | None = None
    weekdays = sorted(set(spec.rec_weekdays or ([] if spec.weekday is None else [spec.weekday])))
    if spec.rec_last_workday:
        parts = ["FREQ=MONTHLY", "BYDAY=MO,TU,WE,TH,FR", "BYSETPOS=-1"]
        candidate = workdays.last_workday_of_month(today.year, today.month)
        if candidate < today:
            nxt = add_months(today, 1)
            candidate = workdays.last_workday_of_month(nxt.year, nxt.month)
        first_day = candidate
    elif spec.nth_weekday is not None and unit == "month":
        # 每月第一个周五 / 每月最后一个周五: the nth (or last) weekday of each month.
        n_th, wd = spec.nth_weekday
        parts = ["FREQ=MONTHLY", f"BYDAY={_BYDAY[wd]}", f"BYSETPOS={n_th}"]
        first_day = _nth_weekday_on_or_after(today, n_th, wd)
    elif unit == "workday":
        parts = ["FREQ=WEEKLY", "BYDAY=MO,TU,WE,TH,FR"]
        first_day = workdays.next_workday(today)
    elif weekdays:
        parts = ["FREQ=WEEKLY"]
        if n > 1:
            parts.append(f"INTERVAL={n}")
        parts.append("BYDAY=" + ",".join(_BYDAY[w] for w in weekdays))
        first_day = min(today + timedelta(days=(w - today.weekday()) % 7) for w in weekdays)
    elif unit == "month" or (unit is None and spec.day is not None):
        parts = ["FREQ=MONTHLY"] + ([f"INTERVAL={n}"] if n > 1 else [])
        if spec.day is not None:
            parts.append(f"BYMONTHDAY={spec.day}")
            first_day = None
            for k in range(0, 14):
                probe = add_months(today, k)
                monthly = valid_date(probe.year, probe.month, spec.day)
                if monthly is not None and monthly >= today:
                    first_day = monthly
                    break
        else:
            first_day = today
    elif unit == "year":
        parts = ["FREQ=YEARLY"] + ([f"INTERVAL={n}"] if n > 1 else [])
        first_day = today
    elif unit == "week":
        parts = ["FREQ=WEEKLY"] + ([f"INTERVAL={n}"] if n > 1 else [])
        first_day = today
    elif unit == "hour":
        parts = ["FREQ=HOURLY"] + ([f"INTERVAL={n}"] if n > 1 else [])
        first_day = today
    else:
        parts = ["FREQ=DAILY"] + ([f"INTERVAL={n}"] if n > 1 else [])
        first_day = today
    if first_day is None:
        return None
    inner = spec.without_recurrence()
    grain = Grain.DAY
    start = midnight(first_day, tz)
    end: datetime | None = None
    if inner.hour is not None or inner.pod is not None:
        day_spec = inner.at_day(first_day)
        point = resolve(day_spec, now, conv)
        if point is None:
            return None
        start, grain, end = point.start, point.grain, point.end
        if start < now:
            # The first occurrence is the next one that has not begun.
            step = _advance(parts, first_day, today)
            point = resolve(inner.at_day(step), now, conv)
            if point is None:
                return None
            start, grain, end = point.start, point.grain, point.end
        if second is not None and (second.hour is not None or second.pod is not None) and not second.has_date():
            end_point = resolve(second, now, conv, base=inner.at_day(start.date()),
                               base_point=Point(start, grain))
            if end_point is not None:
                end = end_point.start
                grain = finer(grain, end_point.grain)
            second = None
    rrule = ";".join(parts)
    if second is not None and second.has_date():
        until_point = resolve(second, now, conv)
        if until_point is not None:
            last_day = (until_point.end or until_point.start).date()
            last = datetime.combine(last_day, time(23, 59, 59), tz)
            rrule += ";UNTIL=" + last.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return TimeReading(Kind.RECURRENCE, start, end, grain, span, rrule=rrule)


def _nth_weekday(year: int, month: int, n_th: int, wd: int) -> date | None:
    """The nth weekday `wd` of a month (n_th = -1: the last one); None when the month has no such day."""
    if n_th < 0:
        last = month_end(year, month)
        return last - timedelta(days=(last.weekday() - wd) % 7)
    first = date(year, month, 1)
    day = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n_th - 1))
    return day if day.month == month else None


def _nth_weekday_on_or_after(day: date, n_th: int, wd: int) -> date:
    """The first nth-weekday-of-a-month date on or after `day`."""
    for k in range(0, 14):
        probe = add_months(date(day.year, day.month, 1), k)
        found = _nth_weekday(probe.year, probe.month, n_th, wd)
        if found is not None and found >= day:
            return found
    return day


def _advance(parts: list[str], first_day: date, today: date) -> date:
    """The occurrence after `first_day` (used when today's occurrence has already begun)."""
    joined = ";".join(parts)
    nth = re.search(r"BYDAY=([A-Z]{2});BYSETPOS=(-?\d)", joined)
    if nth:
        return _nth_weekday_on_or_after(first_day + timedelta(days=1), int(nth.group(2)),
                                        _BYDAY.index(nth.group(1)))
    if "BYSETPOS=-1" in joined:
        nxt = add_months(first_day, 1)
        return workdays.last_workday_of_month(nxt.year, nxt.month)
    if "MO,TU,WE,TH,FR" in joined:
        return workdays.next_workday(first_day + timedelta(days=1))
    match = re.search(r"BYDAY=([A-Z,]+)", joined)
    if match:
        days = [_BYDAY.index(d) for d in match.group(1).split(",")]
        for k in range(1, 8):
            candidate = first_day + timedelta(days=k)
            if candidate.weekday() in days:
                return candidate
    if "MONTHLY" in joined:
        nxt = add_months(first_day, 1)
        return valid_date(nxt.year, nxt.month, first_day.day) or month_end(nxt.year, nxt.month)
    if "YEARLY" in joined:
        return valid_date(first_day.year + 1, first_day.month, first_day.day) or first_day + timedelta(days=365)
    return first_day + timedelta(days=1)
