"""The Chinese time resolver, against Sunday 2026-11-22 10:00 in Shanghai."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.understanding.conventions import DEFAULT_CONVENTIONS
from bot.understanding.time_zh import extract
from bot.understanding.timeparse import primary_time
from bot.understanding.types import Grain, Kind, TimeReading, Warning

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=TZ)


def read(text: str) -> TimeReading:
    readings = [r for r in extract(text, NOW, DEFAULT_CONVENTIONS)]
    assert readings, text
    return max(readings, key=lambda r: r.text_length)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "start", "grain"),
    [
        ("2026年3月5日", at(2026, 3, 5), Grain.DAY),
        ("3月5号", at(2027, 3, 5), Grain.DAY),
        ("3/5", at(2027, 3, 5), Grain.DAY),
        ("十二月一号", at(2026, 12, 1), Grain.DAY),
        ("2026-03-05", at(2026, 3, 5), Grain.DAY),
        ("2026.3.5", at(2026, 3, 5), Grain.DAY),
        ("29日", at(2026, 11, 29), Grain.DAY),
        ("明年", at(2027, 1, 1), Grain.YEAR),
        ("去年", at(2025, 1, 1), Grain.YEAR),
        ("今年三月", at(2026, 3, 1), Grain.MONTH),
        ("下个月", at(2026, 12, 1), Grain.MONTH),
        ("上个月", at(2026, 10, 1), Grain.MONTH),
        ("本季度", at(2026, 10, 1), Grain.QUARTER),
        ("第三季度", at(2026, 7, 1), Grain.QUARTER),
    ],
)
def test_absolute_dates(text: str, start: datetime, grain: Grain) -> None:
    r = read(text)
    assert (r.kind, r.start, r.grain) == (Kind.INSTANT, start, grain)


@pytest.mark.parametrize(
    ("text", "start", "grain"),
    [
        ("今天", at(2026, 11, 22), Grain.DAY),
        ("明天", at(2026, 11, 23), Grain.DAY),
        ("后天", at(2026, 11, 24), Grain.DAY),
        ("大后天", at(2026, 11, 25), Grain.DAY),
        ("昨天", at(2026, 11, 21), Grain.DAY),
        ("前天", at(2026, 11, 20), Grain.DAY),
        ("这周五", at(2026, 11, 20), Grain.DAY),
        ("周五", at(2026, 11, 27), Grain.DAY),
        ("下周三", at(2026, 11, 25), Grain.DAY),
        ("下星期三", at(2026, 11, 25), Grain.DAY),
        ("下礼拜三", at(2026, 11, 25), Grain.DAY),
        ("下下周一", at(2026, 11, 30), Grain.DAY),
        ("上周二", at(2026, 11, 10), Grain.DAY),
        ("下周", at(2026, 11, 23), Grain.WEEK),
        ("3天后", at(2026, 11, 25), Grain.DAY),
        ("两个小时后", at(2026, 11, 22, 12), Grain.MINUTE),
        ("1小时前", at(2026, 11, 22, 9), Grain.MINUTE),
        ("五分钟前", at(2026, 11, 22, 9, 55), Grain.MINUTE),
        ("半小时后", at(2026, 11, 22, 10, 30), Grain.MINUTE),
        ("过两天", at(2026, 11, 24), Grain.DAY),
        ("现在", at(2026, 11, 22, 10), Grain.SECOND),
        ("此刻", at(2026, 11, 22, 10), Grain.SECOND),
    ],
)
def test_relative_days(text: str, start: datetime, grain: Grain) -> None:
    r = read(text)
    assert (r.kind, r.start, r.grain) == (Kind.INSTANT, start, grain)


@pytest.mark.parametrize(
    ("text", "start", "grain"),
    [
        ("三点", at(2026, 11, 22, 15), Grain.HOUR),
        ("三点半", at(2026, 11, 22, 15, 30), Grain.MINUTE),
        ("三点三刻", at(2026, 11, 22, 15, 45), Grain.MINUTE),
        ("差五分三点", at(2026, 11, 22, 14, 55), Grain.MINUTE),
        ("十二点半", at(2026, 11, 22, 12, 30), Grain.MINUTE),
        ("15:30", at(2026, 11, 22, 15, 30), Grain.MINUTE),
        ("3点20", at(2026, 11, 22, 15, 20), Grain.MINUTE),
        ("3点20分", at(2026, 11, 22, 15, 20), Grain.MINUTE),
        ("下午三点半", at(2026, 11, 22, 15, 30), Grain.MINUTE),
        ("晚上8点", at(2026, 11, 22, 20), Grain.HOUR),
        ("十一点", at(2026, 11, 22, 11), Grain.HOUR),
        ("明天下午三点", at(2026, 11, 23, 15), Grain.HOUR),
    ],
)
def test_times(text: str, start: datetime, grain: Grain) -> None:
    r = read(text)
    assert (r.kind, r.start, r.grain) == (Kind.INSTANT, start, grain)


def test_past_time_moves_to_next_occurrence() -> None:
    r = read("九点一刻")
    assert r.start == at(2026, 11, 23, 9, 15)
    assert Warning.PAST_TIME_MOVED in r.warnings
    assert read("凌晨两点").start == at(2026, 11, 23, 2)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("上午", at(2026, 11, 22, 9), at(2026, 11, 22, 11)),  # the morning is not over at 10:00
        ("下午", at(2026, 11, 22, 14), at(2026, 11, 22, 17)),
        ("今晚", at(2026, 11, 22, 18), at(2026, 11, 22, 21)),
        ("明晚", at(2026, 11, 23, 18), at(2026, 11, 23, 21)),
        ("明天全天", at(2026, 11, 23, 9), at(2026, 11, 23, 17)),
    ],
)
def test_parts_of_day(text: str, start: datetime, end: datetime) -> None:
    r = read(text)
    assert (r.kind, r.start, r.end) == (Kind.INTERVAL, start, end)


def test_deadlines() -> None:
    for text, when in [("周五前", at(2026, 11, 27, 18)), ("月底前", at(2026, 11, 30, 18)),
                       ("年底前", at(2026, 12, 31, 18)), ("三个工作日内", at(2026, 11, 25, 18)),
                       ("下班前", at(2026, 11, 22, 18))]:
        r = read(text)
        assert (r.start, r.is_deadline) == (when, True), text


@pytest.mark.parametrize(
    ("text", "start", "end", "grain"),
    [
        ("两点到四点", at(2026, 11, 22, 14), at(2026, 11, 22, 16), Grain.HOUR),
        ("2点-4点", at(2026, 11, 22, 14), at(2026, 11, 22, 16), Grain.HOUR),
        ("9:30至11:00", at(2026, 11, 23, 9, 30), at(2026, 11, 23, 11), Grain.MINUTE),
        ("周一到周三", at(2026, 11, 23), at(2026, 11, 25), Grain.DAY),
        ("明天下午两点到四点", at(2026, 11, 23, 14), at(2026, 11, 23, 16), Grain.HOUR),
        ("3月5日到3月8日", at(2027, 3, 5), at(2027, 3, 8), Grain.DAY),
        ("从下午五点一刻到六点", at(2026, 11, 22, 17, 15), at(2026, 11, 22, 18), Grain.MINUTE),
        ("晚上11点到凌晨2点", at(2026, 11, 22, 23), at(2026, 11, 23, 2), Grain.HOUR),
    ],
)
def test_ranges(text: str, start: datetime, end: datetime, grain: Grain) -> None:
    r = read(text)
    assert (r.kind, r.start, r.end, r.grain) == (Kind.INTERVAL, start, end, grain)


def test_open_range_and_end_before_start() -> None:
    r = read("下午五点以后")
    assert (r.kind, r.start, r.end) == (Kind.INTERVAL, at(2026, 11, 22, 17), None)
    r = read("2026年3月8日到2026年3月5日")
    assert Warning.END_BEFORE_START in r.warnings


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("一个小时", 60), ("半小时", 30), ("一个半小时", 90), ("四十分钟", 40), ("两个半小时", 150), ("90分钟", 90)],
)
def test_durations(text: str, minutes: int) -> None:
    r = read(text)
    assert (r.kind, r.start, r.duration) == (Kind.DURATION, None, timedelta(minutes=minutes))


@pytest.mark.parametrize(
    ("text", "day"),
    [("元旦", at(2027, 1, 1)), ("春节", at(2027, 2, 6)), ("清明", at(2027, 4, 5)), ("劳动节", at(2027, 5, 1)),
     ("五一", at(2027, 5, 1)), ("端午", at(2027, 6, 9)), ("中秋", at(2027, 9, 15)), ("国庆", at(2027, 10, 1)),
     ("圣诞节", at(2026, 12, 25))],
)
def test_holidays(text: str, day: datetime) -> None:
    assert read(text).start == day


def test_first_day_after_holiday() -> None:
    r = read("节后第一天")
    assert r.start is not None and r.start.date() >= NOW.date()


@pytest.mark.parametrize(
    ("text", "rrule", "start"),
    [
        ("每周一上午九点", "FREQ=WEEKLY;BYDAY=MO", at(2026, 11, 23, 9)),
        ("每两周的周三", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", at(2026, 11, 25)),
        ("每月最后一个工作日", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", at(2026, 11, 30)),
        ("每个工作日", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", at(2026, 11, 23)),
        ("每天", "FREQ=DAILY", at(2026, 11, 22)),
        ("每月15号", "FREQ=MONTHLY;BYMONTHDAY=15", at(2026, 12, 15)),
    ],
)
def test_recurrences(text: str, rrule: str, start: datetime) -> None:
    r = read(text)
    assert (r.kind, r.rrule, r.start) == (Kind.RECURRENCE, rrule, start)


def test_recurrence_with_range_and_until() -> None:
    r = primary_time("每周一上午九点到十点半党政联席会,固定用第一会议室,一直到年底", NOW)
    assert r is not None and r.kind is Kind.RECURRENCE
    assert (r.start, r.end) == (at(2026, 11, 23, 9), at(2026, 11, 23, 10, 30))
    assert r.rrule == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T155959Z"


def test_weekday_mismatch() -> None:
    r = read("2026年3月5日周五")
    assert r.start == at(2026, 3, 5)
    assert Warning.WEEKDAY_MISMATCH in r.warnings


def test_traditional_and_sentences() -> None:
    r = primary_time("幫我訂下週三下午兩點到四點的第二會議室", NOW)
    assert r is not None and (r.start, r.end) == (at(2026, 11, 25, 14), at(2026, 11, 25, 16))


@pytest.mark.parametrize("text", ["", "😀" * 100, "\x00\x1b" * 50, "'; DROP TABLE bookings;--", "每" * 4096,
                                  "3点到" * 1300, "一" * 4096])
def test_hostile_input_does_not_raise(text: str) -> None:
    extract(text, NOW, DEFAULT_CONVENTIONS)
