"""Which time reading fills which slot: start/end, durations, deadlines, recurrences, until."""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta, tzinfo

from bot.understanding.conventions import DEFAULT_CONVENTIONS, Conventions
from bot.understanding.types import Grain, Kind, TimeReading

_DATE_WORDS = re.compile(
    r"[天日号周月年今明昨]|星期|礼拜|节|(?i:\b(?:today|tomorrow|tonight|yesterday|mon|tues?|wed|thu(?:rs)?|fri"
    r"|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day|next|this|last|week|month|year|jan|feb|mar|apr|may"
    r"|jun|jul|aug|sep|sept|oct|nov|dec)\w*\b|\d{1,2}/\d{1,2})"
)
_GAP = re.compile(r"^[\s,的在从]*$")
_UNTIL_BEFORE = re.compile(r"(?:一直|持续)?(?:到|至|截至|截止到?|直到)\s*$|(?i:\b(?:until|till|through|thru)\s*$)")
UNTIL_WORD = re.compile(r"(?:一直|持续)?(?:到|至|截至|截止到?|直到)\s*|(?i:(?:until|till|through|thru)\b\s*)")
_RANGE_WORDS = re.compile(r"[到至~\-—–]|(?i:\b(?:to|till|until|through|thru)\b)")
_COARSE = (Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR)


def has_date(text: str, reading: TimeReading) -> bool:
    """True when the reading's own words name a day (明天, 周五, Friday), not only a time."""
    return bool(_DATE_WORDS.search(text[reading.span[0] : reading.span[1]]))


def _on_date(value: datetime | None, day: datetime) -> datetime | None:
    return None if value is None else value.replace(year=day.year, month=day.month, day=day.day)


def on_day_of(reading: TimeReading, day: datetime) -> TimeReading:
    """The reading's clock times moved onto the given day (改到四点 keeps the old meeting's day)."""
    start = _on_date(reading.start, day)
    end = _on_date(reading.end, day)
    if reading.start is not None and reading.end is not None and start is not None and end is not None:
        end += timedelta(days=(reading.end.date() - reading.start.date()).days)
    return replace(reading, start=start, end=end)


def merge_adjacent(readings: list[TimeReading], text: str) -> list[TimeReading]:
    """Join a day and a clock time the resolver read apart (周五上午 + 9:00-11:00)."""
    merged: list[TimeReading] = []
    for r in readings:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind is not Kind.DURATION
            and r.kind in (Kind.INSTANT, Kind.INTERVAL)
            and prev.start is not None
            and r.grain in (Grain.HOUR, Grain.MINUTE)
            and _GAP.match(text[prev.span[1] : r.span[0]])
            and has_date(text, prev)
            and not has_date(text, r)
        ):
            moved = on_day_of(r, prev.start)
            merged[-1] = replace(
                moved,
                span=(prev.span[0], r.span[1]),
                rrule=prev.rrule or r.rrule,
                kind=Kind.RECURRENCE if prev.kind is Kind.RECURRENCE else moved.kind,
                warnings=tuple(dict.fromkeys(prev.warnings + r.warnings)),
            )
        else:
            merged.append(r)
    return merged


def main_reading(readings: list[TimeReading], deadlines: bool = True) -> TimeReading | None:
    """The longest reading that is not a bare duration (and, if asked, not a deadline)."""
    pool = [r for r in readings if r.kind is not Kind.DURATION and r.start is not None]
    if not deadlines:
        pool = [r for r in pool if not r.is_deadline] or pool
    if not pool:
        return None
    return max(pool, key=lambda r: (r.text_length, -r.span[0]))


def duration_of(readings: list[TimeReading]) -> timedelta | None:
    """The first bare duration said ("一个小时", "for an hour")."""
    return next((r.duration for r in readings if r.kind is Kind.DURATION and r.duration), None)


def _part_end(reading: TimeReading, text: str, conv: Conventions) -> datetime | None:
    """The real end of a part of the day (上午 -> 12:00) when the reading gives its last hour."""
    start, end = reading.start, reading.end
    if start is None or end is None or reading.kind is not Kind.INTERVAL or reading.grain is not Grain.HOUR:
        return end
    if _RANGE_WORDS.search(text[reading.span[0] : reading.span[1]]) or end.date() != start.date():
        return end
    for part in (conv.morning, conv.noon, conv.afternoon, conv.evening, conv.all_day):
        if start.time() == part.start and end.time() <= part.end:
            return end.replace(hour=part.end.hour, minute=part.end.minute)
    return end


def start_end(
    reading: TimeReading, readings: list[TimeReading], text: str = "", conv: Conventions = DEFAULT_CONVENTIONS
) -> tuple[datetime | None, datetime | None]:
    """Start and end of a meeting: an interval as read (a part of day to its end), or start plus duration."""
    start, end = reading.start, _part_end(reading, text, conv) if text else reading.end
    if end is None and start is not None and reading.grain in (Grain.HOUR, Grain.MINUTE, Grain.SECOND):
        length = duration_of(readings)
        if length is not None:
            end = start + length
    return start, end


def as_due(reading: TimeReading, conv: Conventions) -> datetime | None:
    """A deadline instant: a day-grained date means that day at office close."""
    when = reading.end if reading.end is not None else reading.start
    if when is None:
        return None
    if reading.grain not in _COARSE or when.time() != time(0, 0):
        return when
    day = when.date()
    if reading.grain is Grain.WEEK and reading.end is None:
        day = day + timedelta(days=4 - day.weekday())
    elif reading.grain is Grain.MONTH and reading.end is None:
        day = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    elif reading.grain is Grain.QUARTER and reading.end is None:
        last_month = day.month + 2
        day = day.replace(month=last_month, day=calendar.monthrange(day.year, last_month)[1])
    elif reading.grain is Grain.YEAR and reading.end is None:
        day = day.replace(month=12, day=31)
    return datetime.combine(day, conv.office_close, tzinfo=when.tzinfo)


def until_of(readings: list[TimeReading], text: str, after: TimeReading) -> TimeReading | None:
    """The reading that ends a recurrence ("一直到年底", "until June", a reading that starts with its until)."""
    for r in readings:
        if r is after or r.span[0] < after.span[1]:
            continue
        if _UNTIL_BEFORE.search(text[: r.span[0]]) or UNTIL_WORD.match(text, r.span[0]):
            return r
    return None


def until_instant(reading: TimeReading) -> datetime | None:
    """The last moment a recurrence may run: the end of the named day."""
    when = reading.end if reading.end is not None else reading.start
    if when is None:
        return None
    if reading.grain in _COARSE and when.time() == time(0, 0) and reading.grain is not Grain.DAY:
        probe = replace(reading, end=None)
        when = as_due(probe, DEFAULT_CONVENTIONS) or when
    return datetime.combine(when.date(), time(23, 59, 59), tzinfo=when.tzinfo)


def rrule_with_until(rrule: str, until: datetime) -> str:
    """The RRULE with an UNTIL (UTC, as RFC 5545 wants with a zoned DTSTART)."""
    if "UNTIL=" in rrule or "COUNT=" in rrule:
        return rrule
    return f"{rrule};UNTIL={until.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}"


def until_in_rrule(rrule: str, tz: tzinfo | None) -> datetime | None:
    """The UNTIL of an RRULE as a datetime in the given zone, when it has one."""
    m = re.search(r"UNTIL=(\d{8})(?:T(\d{6})(Z?))?", rrule)
    if not m:
        return None
    parsed = datetime.strptime(m.group(1) + (m.group(2) or "235959"), "%Y%m%d%H%M%S")
    if m.group(3):
        return parsed.replace(tzinfo=UTC).astimezone(tz)
    return parsed.replace(tzinfo=tz)


def warnings_of(readings: list[TimeReading | None]) -> list[str]:
    """The ask-signals of the readings used, without repeats."""
    out: list[str] = []
    for r in readings:
        if r is not None:
            out.extend(str(w) for w in r.warnings if str(w) not in out)
    return out
