"""Chinese time expressions (simplified; traditional is converted before these rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone

from bot.understanding import time_zh_holidays as hol
from bot.understanding import workdays
from bot.understanding.conventions import Conventions, PartOfDay
from bot.understanding.time_zh_lex import ATOM_NAMES, ATOM_RE, GLUE_RE
from bot.understanding.time_zh_spec import Atom, Spec, absorb
from bot.understanding.types import Grain, Kind, TimeReading, Warning

_FINER = [Grain.SECOND, Grain.MINUTE, Grain.HOUR, Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR]
_BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_MAX_TEXT = 4096
# A message never holds more time pieces than this; the cap bounds the work on hostile input.
_MAX_ATOMS = 160


@dataclass
class _Point:
    """A resolved side of an expression: a start, the end of a period it names, its grain."""

    start: datetime
    grain: Grain
    end: datetime | None = None  # last point of a named period (上午, 周末, 前两天)
    warnings: list[Warning] = field(default_factory=list)
    dated: bool = True  # False when no date was said (a bare time today)


def _finer(a: Grain, b: Grain) -> Grain:
    return a if _FINER.index(a) <= _FINER.index(b) else b


def _atoms(text: str) -> list[Atom]:
    found: list[Atom] = []
    for match in ATOM_RE.finditer(text):
        name = ATOM_NAMES[match.lastgroup or ""]
        groups = {k: v for k, v in match.groupdict().items() if v is not None and not k.startswith("A_")}
        before = text[match.start() - 1] if match.start() else ""
        found.append(Atom(name, match.start(), match.end(), match.group(0), groups, before))
        if len(found) >= _MAX_ATOMS:
            break
    return found


def _chains(text: str, atoms: list[Atom]) -> list[list[Atom]]:
    chains: list[list[Atom]] = []
    for atom in atoms:
        if chains:
            last = chains[-1][-1]
            gap = text[last.end:atom.start]
            if GLUE_RE.fullmatch(gap) and not (gap.strip() and last.name in ("sfx",)):
                chains[-1].append(atom)
                continue
        chains.append([atom])
    return chains


def extract(text: str, now: datetime, conv: Conventions) -> list[TimeReading]:
    """Every time expression in a simplified-Chinese text, in text order."""
    text = text[:_MAX_TEXT]
    readings: list[TimeReading] = []
    for chain in _chains(text, _atoms(text)):
        for specs in absorb(chain):
            reading = _reading(specs, now, conv)
            if reading is not None:
                readings.append(reading)
    return [_fixed_offset(r, now) for r in _attach_until(readings, now)]


def _fixed_offset(reading: TimeReading, now: datetime) -> TimeReading:
    """Historic dates keep the office's offset, not the zone's local mean time (+08:05:43 before 1901)."""
    offset = now.utcoffset()

    def fix(value: datetime | None) -> datetime | None:
        if value is None or value.year >= 1970 or value.utcoffset() == offset or offset is None:
            return value
        return value.replace(tzinfo=timezone(offset))

    if (reading.start is None or reading.start.year >= 1970) and (reading.end is None or reading.end.year >= 1970):
        return reading
    return replace(reading, start=fix(reading.start), end=fix(reading.end))


def _attach_until(readings: list[TimeReading], now: datetime) -> list[TimeReading]:
    """一直到年底 after a recurrence is its UNTIL, not an expression of its own."""
    out: list[TimeReading] = []
    for reading in readings:
        prev = next((r for r in reversed(out) if r.kind is Kind.RECURRENCE), None)
        if (prev is not None and reading.kind is Kind.INTERVAL and reading.start is None
                and reading.end is not None and prev.rrule and "UNTIL" not in prev.rrule):
            last = datetime.combine(reading.end.date(), time(23, 59, 59), reading.end.tzinfo)
            until = last.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
            out[out.index(prev)] = replace(prev, rrule=f"{prev.rrule};UNTIL={until}",
                                           span=(prev.span[0], max(prev.span[1], reading.span[1])))
            continue
        out.append(reading)
    return out


# ----------------------------------------------------------------------------------------------
# Resolution


def _reading(specs: tuple[Spec, Spec | None], now: datetime, conv: Conventions) -> TimeReading | None:
    first, second = specs
    span = (first.span[0], (second or first).span[1])
    if first.duration is not None and second is None:
        return TimeReading(Kind.DURATION, None, None, first.duration_grain, span, duration=first.duration)
    if first.rec is not None:
        return _recurrence(first, second, now, conv, span)
    if first.empty() and second is not None:
        # 到周五 / until Friday: an open start.
        end = _point(second, now, conv)
        if end is None:
            return None
        return TimeReading(Kind.INTERVAL, None, end.end or end.start, end.grain, span)
    start = _point(first, now, conv)
    if start is None:
        return None
    if second is not None and not second.empty():
        end = _point(second, now, conv, base=first, base_point=start)
        if end is None:
            return _single(first, start, span, conv)
        return _interval(start, end, span, first, second)
    return _single(first, start, span, conv)


def _single(spec: Spec, point: _Point, span: tuple[int, int], conv: Conventions) -> TimeReading:
    warnings = tuple(point.warnings)
    if spec.suffix in ("前", "之前", "以前", "为止", "截止", "内", "之内", "以内") and not spec.offset:
        at = point.end or point.start
        if _FINER.index(point.grain) >= _FINER.index(Grain.DAY):
            at = datetime.combine((point.end or point.start).date(), conv.office_close, point.start.tzinfo)
            return TimeReading(Kind.INSTANT, at, None, Grain.HOUR, span, is_deadline=True, warnings=warnings)
        return TimeReading(Kind.INSTANT, at, None, point.grain, span, is_deadline=True, warnings=warnings)
    if spec.suffix in ("之后", "以后", "后", "以来", "开始", "起") and not spec.offset:
        return TimeReading(Kind.INTERVAL, point.start, None, point.grain, span, warnings=warnings)
    if spec.deadline:
        return TimeReading(Kind.INSTANT, point.start, None, point.grain, span, is_deadline=True, warnings=warnings)
    if point.end is not None:
        return TimeReading(Kind.INTERVAL, point.start, point.end, point.grain, span, warnings=warnings)
    return TimeReading(Kind.INSTANT, point.start, None, point.grain, span, warnings=warnings)


def _interval(start: _Point, end: _Point, span: tuple[int, int], first: Spec, second: Spec) -> TimeReading:
    warnings = list(start.warnings)
    grain = _finer(start.grain, end.grain)
    last = end.end or end.start
    if last < start.start:
        warnings.append(Warning.END_BEFORE_START)
    return TimeReading(Kind.INTERVAL, start.start, last, grain, span, warnings=tuple(dict.fromkeys(warnings)))


def _midnight(day: date, tz: object) -> datetime:
    return datetime.combine(day, time(0, 0), tz)  # type: ignore[arg-type]


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(year: int, month: int) -> date:
    return _add_months(date(year, month, 1), 1) - timedelta(days=1)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


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


def _base_date(spec: Spec, today: date, after: date | None) -> tuple[date, Grain, date | None, list[Warning]] | None:
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
        shifted = _add_months(today, spec.month_rel)
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
            y = year or today.year
            m = month or today.month
            day = {"底": _month_end(y, m), "末": _month_end(y, m), "初": date(y, m, 1), "中": date(y, m, 15)}[where]
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
                day_value = _valid(year, month, d)
                if day_value is not None and spec.weekday is not None and day_value.weekday() != spec.weekday:
                    warnings.append(Warning.WEEKDAY_MISMATCH)
                return (day_value, Grain.DAY, None, warnings) if day_value else None
            ref = after or today
            candidates = [_valid(ref.year + k, month, d) for k in range(0, 9)]
            upcoming = [c for c in candidates if c is not None and c >= ref]
            if spec.weekday is not None:
                around = [c for c in (_valid(ref.year + k, month, d) for k in (0, 1, -1)) if c is not None]
                matching = [c for c in around if c.weekday() == spec.weekday]
                if matching:
                    return matching[0], Grain.DAY, None, warnings
                warnings.append(Warning.WEEKDAY_MISMATCH)
            return (upcoming[0], Grain.DAY, None, warnings) if upcoming else None
        if year is not None:
            return None
        ref = after or today
        for k in range(0, 14):
            probe = _add_months(ref, k)
            candidate = _valid(probe.year, probe.month, d)
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


def _point(spec: Spec, now: datetime, conv: Conventions, base: Spec | None = None,
           base_point: _Point | None = None) -> _Point | None:
    tz = now.tzinfo
    today = now.date()
    if spec.now:
        return _Point(now.replace(microsecond=0), Grain.SECOND)
    if spec.offwork is not None:
        at = datetime.combine(today, conv.office_close, tz)
        if spec.offwork in ("后", "之后", "以后"):
            return _Point(at, Grain.HOUR, warnings=[])
        return _Point(at, Grain.HOUR)
    if spec.workdays_n is not None:
        day = workdays.add_workdays(today, spec.workdays_n)
        return _Point(datetime.combine(day, conv.office_close, tz), Grain.HOUR)
    if spec.offset is not None:
        return _offset_point(spec, now)
    if spec.window is not None:
        return _window_point(spec, now)
    if spec.century is not None:
        c, d = spec.century
        y = (c - 1) * 100 + d * 10
        return _Point(_midnight(date(y, 1, 1), tz), Grain.DAY, _midnight(date(y + 9, 12, 31), tz))
    if spec.decade is not None:
        return _Point(_midnight(date(spec.decade, 1, 1), tz), Grain.YEAR, _midnight(date(spec.decade + 9, 1, 1), tz))
    after: date | None = None
    dated = spec.has_date()
    if base is not None and base_point is not None:
        spec = spec.inherit(base)
        if not spec.has_date():
            after = base_point.start.date()
        elif spec.relative_to_base():
            after = base_point.start.date()
    resolved = _base_date(spec, today, after)
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
        elif not dated and at < now:
            at += timedelta(days=1)
            warnings.append(Warning.PAST_TIME_MOVED)
        return _Point(at, time_grain, warnings=warnings, dated=dated)
    if spec.pod is not None:
        hours = _pod_hours(spec.pod, conv)
        start = datetime.combine(day, hours.start, tz)
        end_time = (datetime.combine(day, hours.end, tz) - timedelta(hours=1)).replace(minute=0)
        if not dated and datetime.combine(day, hours.end, tz) <= now and base_point is None:
            start += timedelta(days=1)
            end_time += timedelta(days=1)
            warnings.append(Warning.PAST_TIME_MOVED)
        return _Point(start, Grain.HOUR, end_time, warnings=warnings, dated=dated)
    if resolved is None:
        return None
    return _Point(_midnight(day, tz), grain, _midnight(last, tz) if last else None, warnings=warnings)


def _after_start(at: datetime, spec: Spec, base_point: _Point, conv: Conventions) -> datetime:
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


def _offset_point(spec: Spec, now: datetime) -> _Point:
    assert spec.offset is not None
    amount, unit, sign = spec.offset
    total = amount * sign
    if unit in ("second",):
        return _Point((now + timedelta(seconds=total)).replace(microsecond=0), Grain.SECOND)
    if unit == "minute":
        return _Point((now + timedelta(minutes=total)).replace(second=0, microsecond=0), Grain.MINUTE)
    if unit == "hour":
        return _Point((now + timedelta(hours=total)).replace(second=0, microsecond=0), Grain.MINUTE)
    if unit == "day":
        return _Point(_midnight(now.date() + timedelta(days=round(total)), now.tzinfo), Grain.DAY)
    if unit == "week":
        return _Point(_midnight(now.date() + timedelta(weeks=round(total)), now.tzinfo), Grain.DAY)
    if unit == "month":
        shifted = _add_months(now.date(), round(total))
        day = _valid(shifted.year, shifted.month, now.day) or _month_end(shifted.year, shifted.month)
        return _Point(_midnight(day, now.tzinfo), Grain.DAY)
    day = _valid(now.year + round(total), now.month, now.day) or date(now.year + round(total), now.month, 28)
    return _Point(_midnight(day, now.tzinfo), Grain.DAY)


def _window_point(spec: Spec, now: datetime) -> _Point:
    """前两天 / 下三个月 (whole units) and 未来3小时 / 近三年 (a sliding window from now)."""
    assert spec.window is not None
    n, unit, direction, sliding = spec.window
    tz = now.tzinfo
    today = now.date()
    if sliding:
        if unit in ("second", "minute", "hour"):
            size = timedelta(**{unit + "s": n})
            if direction < 0:
                return _Point(now - size, Grain.SECOND, now - timedelta(seconds=1))
            return _Point(now.replace(microsecond=0), Grain.SECOND, now + size - timedelta(seconds=1))
        if direction < 0:
            start_day = _shift(today, unit, -n)
            return _Point(_midnight(start_day, tz), Grain.DAY, _midnight(today - timedelta(days=1), tz))
        return _Point(_midnight(today + timedelta(days=1), tz), Grain.DAY, _midnight(_shift(today, unit, n), tz))
    if unit in ("second", "minute", "hour"):
        size = timedelta(**{unit + "s": 1})
        grain = {"second": Grain.SECOND, "minute": Grain.MINUTE, "hour": Grain.HOUR}[unit]
        anchor = now.replace(microsecond=0)
        if unit != "second":
            anchor = anchor.replace(second=0)
        if unit == "hour":
            anchor = anchor.replace(minute=0)
        if direction < 0:
            return _Point(anchor - size * n, grain, anchor - size)
        return _Point(anchor + size, grain, anchor + size * n)
    if unit == "day":
        if direction < 0:
            return _Point(_midnight(today - timedelta(days=n), tz), Grain.DAY, _midnight(today - timedelta(days=1), tz))
        return _Point(_midnight(today + timedelta(days=1), tz), Grain.DAY, _midnight(today + timedelta(days=n), tz))
    if unit == "week":
        monday = today - timedelta(days=today.weekday())
        if direction < 0:
            return _Point(_midnight(monday - timedelta(weeks=n), tz), Grain.WEEK, _midnight(monday - timedelta(weeks=1), tz))
        return _Point(_midnight(monday + timedelta(weeks=1), tz), Grain.WEEK, _midnight(monday + timedelta(weeks=n), tz))
    if unit == "month":
        if direction < 0:
            return _Point(_midnight(_add_months(today, -n), tz), Grain.MONTH, _midnight(_add_months(today, -1), tz))
        return _Point(_midnight(_add_months(today, 1), tz), Grain.MONTH, _midnight(_add_months(today, n), tz))
    if direction < 0:
        return _Point(_midnight(date(today.year - n, 1, 1), tz), Grain.YEAR, _midnight(date(today.year - 1, 1, 1), tz))
    return _Point(_midnight(date(today.year + 1, 1, 1), tz), Grain.YEAR, _midnight(date(today.year + n, 1, 1), tz))


def _shift(day: date, unit: str, n: int) -> date:
    if unit == "day":
        return day + timedelta(days=n)
    if unit == "week":
        return day + timedelta(weeks=n)
    if unit == "month":
        shifted = _add_months(day, n)
        return _valid(shifted.year, shifted.month, day.day) or _month_end(shifted.year, shifted.month)
    return _valid(day.year + n, day.month, day.day) or date(day.year + n, day.month, 28)


# ----------------------------------------------------------------------------------------------
# Recurrences


def _recurrence(spec: Spec, second: Spec | None, now: datetime, conv: Conventions,
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
            nxt = _add_months(today, 1)
            candidate = workdays.last_workday_of_month(nxt.year, nxt.month)
        first_day = candidate
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
                probe = _add_months(today, k)
                monthly = _valid(probe.year, probe.month, spec.day)
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
    start = _midnight(first_day, tz)
    end: datetime | None = None
    if inner.hour is not None or inner.pod is not None:
        day_spec = inner.at_day(first_day)
        point = _point(day_spec, now, conv)
        if point is None:
            return None
        start, grain, end = point.start, point.grain, point.end
        if start < now:
            # The first occurrence is the next one that has not begun.
            step = _advance(parts, first_day, today)
            point = _point(inner.at_day(step), now, conv)
            if point is None:
                return None
            start, grain, end = point.start, point.grain, point.end
        if second is not None and (second.hour is not None or second.pod is not None) and not second.has_date():
            end_point = _point(second, now, conv, base=inner.at_day(start.date()),
                               base_point=_Point(start, grain))
            if end_point is not None:
                end = end_point.start
                grain = _finer(grain, end_point.grain)
            second = None
    rrule = ";".join(parts)
    if second is not None and second.has_date():
        until_point = _point(second, now, conv)
        if until_point is not None:
            last_day = (until_point.end or until_point.start).date()
            last = datetime.combine(last_day, time(23, 59, 59), tz)
            rrule += ";UNTIL=" + last.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return TimeReading(Kind.RECURRENCE, start, end, grain, span, rrule=rrule)


def _advance(parts: list[str], first_day: date, today: date) -> date:
    """The occurrence after `first_day` (used when today's occurrence has already begun)."""
    joined = ";".join(parts)
    if "BYSETPOS=-1" in joined:
        nxt = _add_months(first_day, 1)
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
        nxt = _add_months(first_day, 1)
        return _valid(nxt.year, nxt.month, first_day.day) or _month_end(nxt.year, nxt.month)
    if "YEARLY" in joined:
        return _valid(first_day.year + 1, first_day.month, first_day.day) or first_day + timedelta(days=365)
    return first_day + timedelta(days=1)
