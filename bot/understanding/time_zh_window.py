"""Offsets (三天后) and windows (前两天, 未来3小时) counted from now."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.understanding.time_zh_dates import Point, add_months, midnight, month_end, valid_date
from bot.understanding.time_zh_spec import Spec
from bot.understanding.types import Grain


def offset_point(spec: Spec, now: datetime) -> Point:
    assert spec.offset is not None
    amount, unit, sign = spec.offset
    total = amount * sign
    if unit in ("second",):
        return Point((now + timedelta(seconds=total)).replace(microsecond=0), Grain.SECOND)
    if unit == "minute":
        return Point((now + timedelta(minutes=total)).replace(second=0, microsecond=0), Grain.MINUTE)
    if unit == "hour":
        return Point((now + timedelta(hours=total)).replace(second=0, microsecond=0), Grain.MINUTE)
    if unit == "day":
        return Point(midnight(now.date() + timedelta(days=round(total)), now.tzinfo), Grain.DAY)
    if unit == "week":
        return Point(midnight(now.date() + timedelta(weeks=round(total)), now.tzinfo), Grain.DAY)
    if unit == "month":
        shifted = add_months(now.date(), round(total))
        day = valid_date(shifted.year, shifted.month, now.day) or month_end(shifted.year, shifted.month)
        return Point(midnight(day, now.tzinfo), Grain.DAY)
    day = valid_date(now.year + round(total), now.month, now.day) or date(now.year + round(total), now.month, 28)
    return Point(midnight(day, now.tzinfo), Grain.DAY)


def window_point(spec: Spec, now: datetime) -> Point:
    """前两天 / 下三个月 (whole units) and 未来3小时 / 近三年 (a sliding window from now)."""
    assert spec.window is not None
    n, unit, direction, sliding = spec.window
    tz = now.tzinfo
    today = now.date()
    if sliding:
        if unit in ("second", "minute", "hour"):
            size = timedelta(**{unit + "s": n})
            if direction < 0:
                return Point(now - size, Grain.SECOND, now - timedelta(seconds=1))
            return Point(now.replace(microsecond=0), Grain.SECOND, now + size - timedelta(seconds=1))
        if direction < 0:
            start_day = _shift(today, unit, -n)
            return Point(midnight(start_day, tz), Grain.DAY, midnight(today - timedelta(days=1), tz))
        return Point(midnight(today + timedelta(days=1), tz), Grain.DAY, midnight(_shift(today, unit, n), tz))
    if unit in ("second", "minute", "hour"):
        size = timedelta(**{unit + "s": 1})
        grain = {"second": Grain.SECOND, "minute": Grain.MINUTE, "hour": Grain.HOUR}[unit]
        anchor = now.replace(microsecond=0)
        if unit != "second":
            anchor = anchor.replace(second=0)
        if unit == "hour":
            anchor = anchor.replace(minute=0)
        if direction < 0:
            return Point(anchor - size * n, grain, anchor - size)
        return Point(anchor + size, grain, anchor + size * n)
    if unit == "day":
        if direction < 0:
            return Point(midnight(today - timedelta(days=n), tz), Grain.DAY, midnight(today - timedelta(days=1), tz))
        return Point(midnight(today + timedelta(days=1), tz), Grain.DAY, midnight(today + timedelta(days=n), tz))
    if unit == "week":
        monday = today - timedelta(days=today.weekday())
        if direction < 0:
            return Point(midnight(monday - timedelta(weeks=n), tz), Grain.WEEK, midnight(monday - timedelta(weeks=1), tz))
        return Point(midnight(monday + timedelta(weeks=1), tz), Grain.WEEK, midnight(monday + timedelta(weeks=n), tz))
    if unit == "month":
        if direction < 0:
            return Point(midnight(add_months(today, -n), tz), Grain.MONTH, midnight(add_months(today, -1), tz))
        return Point(midnight(add_months(today, 1), tz), Grain.MONTH, midnight(add_months(today, n), tz))
    if direction < 0:
        return Point(midnight(date(today.year - n, 1, 1), tz), Grain.YEAR, midnight(date(today.year - 1, 1, 1), tz))
    return Point(midnight(date(today.year + 1, 1, 1), tz), Grain.YEAR, midnight(date(today.year + n, 1, 1), tz))


def _shift(day: date, unit: str, n: int) -> date:
    if unit == "day":
        return day + timedelta(days=n)
    if unit == "week":
        return day + timedelta(weeks=n)
    if unit == "month":
        shifted = add_months(day, n)
        return valid_date(shifted.year, shifted.month, day.day) or month_end(shifted.year, shifted.month)
    return valid_date(day.year + n, day.month, day.day) or date(day.year + n, day.month, 28)
