"""Resolving one side of an expression (a Spec) to a point in time against now."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.understanding import workdays
from bot.understanding.conventions import Conventions, PartOfDay
from bot.understanding.time_zh_dates import Point, base_date, last_day, midnight
from bot.understanding.time_zh_spec import Spec
from bot.understanding.time_zh_window import offset_point, window_point
from bot.understanding.types import Grain, Warning

# Parts of day the office conventions do not define: alone they name only their day.
UNDEFINED_PODS = frozenset({"凌晨", "夜晚", "夜里", "夜间", "深夜", "半夜"})


def _pod_hours(name: str, conv: Conventions) -> PartOfDay:
    table = {
        "上午": conv.morning, "中午": conv.noon, "午间": conv.noon, "下午": conv.afternoon,
        "午后": conv.afternoon, "晏昼": conv.afternoon, "晚上": conv.evening, "晚间": conv.evening,
        "晚": conv.evening, "夜": conv.evening, "夜晚": conv.evening, "全天": conv.all_day,
        "整天": conv.all_day, "白天": conv.all_day, "傍晚": PartOfDay(time(17, 0), time(19, 0)),
        "凌晨": PartOfDay(time(0, 0), time(6, 0)), "半夜": PartOfDay(time(0, 0), time(4, 0)),
        "深夜": PartOfDay(time(22, 0), time(23, 59)), "夜里": PartOfDay(time(20, 0), time(23, 59)),
        "夜间": PartOfDay(time(20, 0), time(23, 59)),
    }
    # 早上 / 早晨 (early morning) starts before office hours.
    return table.get(name, PartOfDay(time(4, 0), time(12, 0)))


def _hour24(spec: Spec, conv: Conventions) -> int:
    hour = spec.hour or 0
    pod = spec.pod
    if spec.ampm:
        if spec.ampm == "pm" and hour < 12:
            return hour + 12
        if spec.ampm == "am" and hour == 12:
            return 0
        return hour
    if pod in ("下午", "午后", "晏昼", "晚上", "晚间", "晚", "夜", "夜晚", "傍晚", "夜里", "夜间", "深夜"):
        if hour < 12 and not (pod in ("夜里", "夜间", "深夜", "晚上", "晚") and hour <= 4 and spec.pod_strict):
            return hour + 12
        return 0 if hour == 12 and pod in ("晚上", "夜里", "深夜") else hour
    if pod == "中午":
        return hour + 12 if 1 <= hour <= 3 else hour
    if pod in ("凌晨", "半夜") and hour == 12:
        return 0
    if pod is not None or spec.hour_24:
        return hour
    if 1 <= hour <= conv.bare_hour_pm_max:
        return hour + 12
    return hour


def point(spec: Spec, now: datetime, conv: Conventions, base: Spec | None = None,
           base_point: Point | None = None) -> Point | None:
    tz = now.tzinfo
    today = now.date()
    if spec.now:
        return Point(now.replace(microsecond=0), Grain.SECOND)
    if spec.offwork is not None:
        # 下班前 is today's close; 明天下班前 / 周五下班前 keep their day.
        close_day = today
        if spec.has_date():
            named = base_date(spec, today, None)
            if named is None:
                return None
            close_day = last_day(named[0], named[1], named[2])
        return Point(datetime.combine(close_day, conv.office_close, tz), Grain.HOUR)
    if spec.workdays_n is not None:
        day = workdays.add_workdays(today, spec.workdays_n)
        if spec.deadline:
            return Point(datetime.combine(day, conv.office_close, tz), Grain.DAY)
        return Point(midnight(day, tz), Grain.DAY)
    if spec.offset is not None:
        return offset_point(spec, now)
    if spec.window is not None:
        return window_point(spec, now)
    if spec.century is not None:
        c, d = spec.century
        y = (c - 1) * 100 + d * 10
        return Point(midnight(date(y, 1, 1), tz), Grain.DAY, midnight(date(y + 9, 12, 31), tz))
    if spec.decade is not None:
        return Point(midnight(date(spec.decade, 1, 1), tz), Grain.YEAR, midnight(date(spec.decade + 9, 1, 1), tz))
    after: date | None = None
    dated = spec.has_date()
    if base is not None and base_point is not None:
        spec = spec.inherit(base)
        if not spec.has_date():
            after = base_point.start.date()
        elif spec.relative_to_base():
            after = base_point.start.date()
    resolved = base_date(spec, today, after)
    warnings: list[Warning] = []
    if resolved is None:
        if spec.has_date():
            return None
        day, grain, last = (after or today), Grain.DAY, None
        dated = after is not None
    else:
        day, grain, last, warnings = resolved
    if spec.hour is not None:
        hour = _hour24(spec, conv)
        minute, second = spec.minute or 0, spec.second or 0
        extra_days, hour = divmod(hour, 24)
        at = datetime.combine(day + timedelta(days=extra_days), time(hour, minute, second), tz)
        time_grain = Grain.SECOND if spec.second is not None else Grain.MINUTE if spec.minute is not None else Grain.HOUR
        if base_point is not None and not spec.has_own_date:
            at = _after_start(at, spec, base_point, conv)
        elif at < now and (not dated or (spec.weekday_alone() and base_point is None)):
            # 三点 at 16:00 is tomorrow's; 周三上午九点 on a Wednesday afternoon is next week's.
            at += timedelta(days=1 if not dated else 7)
            warnings.append(Warning.PAST_TIME_MOVED)
        return Point(at, time_grain, warnings=warnings, dated=dated)
    if spec.pod is not None and spec.pod in UNDEFINED_PODS:
        # No office convention gives 凌晨 / 深夜 hours: the expression names its day only.
        return Point(midnight(day, tz), Grain.DAY, warnings=warnings, dated=dated)
    if spec.pod is not None:
        hours = _pod_hours(spec.pod, conv)
        start = datetime.combine(day, hours.start, tz)
        end_time = (datetime.combine(day, hours.end, tz) - timedelta(hours=1)).replace(minute=0)
        over = datetime.combine(day, hours.end, tz) <= now and base_point is None
        if over and (not dated or spec.weekday_alone()):
            shift = timedelta(days=1 if not dated else 7)
            start += shift
            end_time += shift
            warnings.append(Warning.PAST_TIME_MOVED)
        return Point(start, Grain.HOUR, end_time, warnings=warnings, dated=dated)
    if resolved is None:
        return None
    return Point(midnight(day, tz), grain, midnight(last, tz) if last else None, warnings=warnings)


def _after_start(at: datetime, spec: Spec, base_point: Point, conv: Conventions) -> datetime:
    """The end of a range said as a bare time: the first reading of it after the start."""
    start = base_point.start
    if at > start:
        if spec.pod is None and not spec.ampm and spec.hour is not None and spec.hour < 12:
            # 两点到四点: 4 may be 04:00 or 16:00; take the earliest one after the start.
            plain = at.replace(hour=spec.hour % 24) if at.hour != spec.hour else at
            if start < plain < at:
                return plain
        return at
    for days in (0, 1):
        for hour_shift in (0, 12):
            candidate = at + timedelta(days=days, hours=hour_shift)
            if (spec.pod is None and not spec.ampm) or hour_shift == 0:
                if candidate > start:
                    return candidate
    return at
