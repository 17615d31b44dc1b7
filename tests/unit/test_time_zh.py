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


# ----------------------------------------------------------------------------------------------
# Deadlines: a deadline word keeps the day before it; a day as a deadline is its close.

WED_PM = datetime(2026, 11, 25, 15, 0, tzinfo=TZ)  # a Wednesday afternoon


def read_at(text: str, now: datetime) -> TimeReading:
    readings = extract(text, now, DEFAULT_CONVENTIONS)
    assert readings, text
    return max(readings, key=lambda r: r.text_length)


@pytest.mark.parametrize(
    ("text", "when", "grain"),
    [
        ("下班前", at(2026, 11, 22, 18), Grain.HOUR),
        ("明天下班前", at(2026, 11, 23, 18), Grain.HOUR),
        ("周五下班前", at(2026, 11, 27, 18), Grain.HOUR),
        ("明天前", at(2026, 11, 23, 18), Grain.DAY),
        ("周五之前", at(2026, 11, 27, 18), Grain.DAY),
        ("下周三以前", at(2026, 11, 25, 18), Grain.DAY),
        ("15号前", at(2026, 12, 15, 18), Grain.DAY),
        ("明天截止", at(2026, 11, 23, 18), Grain.DAY),
        ("4月底前", at(2027, 4, 30, 18), Grain.DAY),
        ("月底前", at(2026, 11, 30, 18), Grain.DAY),
        ("本月底前", at(2026, 11, 30, 18), Grain.DAY),
        ("年底前", at(2026, 12, 31, 18), Grain.DAY),
        ("明年底前", at(2027, 12, 31, 18), Grain.DAY),
        ("本周内", at(2026, 11, 22, 18), Grain.DAY),  # the week's last day (Sunday), as by end of week
        ("下周内", at(2026, 11, 29, 18), Grain.DAY),
        ("本月内", at(2026, 11, 30, 18), Grain.DAY),
        ("三个工作日内", at(2026, 11, 25, 18), Grain.DAY),
    ],
)
def test_deadline_family(text: str, when: datetime, grain: Grain) -> None:
    r = read(text)
    assert (r.kind, r.start, r.grain, r.is_deadline) == (Kind.INSTANT, when, grain, True), text


def test_deadline_in_a_sentence_keeps_its_day() -> None:
    r = primary_time("请于明天下班前提交材料", NOW)
    assert r is not None and (r.start, r.is_deadline) == (at(2026, 11, 23, 18), True)


def test_workdays_after_is_a_day_not_a_deadline() -> None:
    r = read("三个工作日后")
    assert (r.start, r.grain, r.is_deadline) == (at(2026, 11, 25), Grain.DAY, False)


# ----------------------------------------------------------------------------------------------
# A time already past today moves to the next occurrence, with a warning.


@pytest.mark.parametrize(
    ("text", "start", "moved"),
    [
        ("周三上午九点", at(2026, 12, 2, 9), True),  # this morning is over: next Wednesday
        ("星期三9:30", at(2026, 12, 2, 9, 30), True),
        ("周三下午五点", at(2026, 11, 25, 17), False),  # still ahead today
        ("两点", at(2026, 11, 26, 14), True),
        ("下周三上午九点", at(2026, 12, 2, 9), False),  # an explicit week is never moved
        ("2026年11月25日上午九点", at(2026, 11, 25, 9), False),  # nor an explicit date
    ],
)
def test_past_times_move_on(text: str, start: datetime, moved: bool) -> None:
    r = read_at(text, WED_PM)
    assert r.start == start, text
    assert (Warning.PAST_TIME_MOVED in r.warnings) is moved, text


def test_weekday_part_of_day_already_over_moves_to_next_week() -> None:
    r = read_at("周三上午", WED_PM)
    assert (r.kind, r.start, r.end) == (Kind.INTERVAL, at(2026, 12, 2, 9), at(2026, 12, 2, 11))
    assert Warning.PAST_TIME_MOVED in r.warnings
    r = read_at("周三下午", WED_PM)
    assert (r.start, r.warnings) == (at(2026, 11, 25, 14), ())


def test_bare_time_past_at_four_is_tomorrow() -> None:
    r = read_at("三点", datetime(2026, 11, 25, 16, 0, tzinfo=TZ))
    assert (r.start, r.warnings) == (at(2026, 11, 26, 15), (Warning.PAST_TIME_MOVED,))


# ----------------------------------------------------------------------------------------------
# Parts of day: the conventions' ones are intervals (last hour inside); the others name a day.


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("明天上午", at(2026, 11, 23, 9), at(2026, 11, 23, 11)),
        ("明天中午", at(2026, 11, 23, 12), at(2026, 11, 23, 13)),
        ("明天下午", at(2026, 11, 23, 14), at(2026, 11, 23, 17)),
        ("明天晚上", at(2026, 11, 23, 18), at(2026, 11, 23, 21)),
        ("明天傍晚", at(2026, 11, 23, 17), at(2026, 11, 23, 18)),
        ("明早", at(2026, 11, 23, 4), at(2026, 11, 23, 11)),
    ],
)
def test_defined_parts_of_day_end_at_their_last_hour(text: str, start: datetime, end: datetime) -> None:
    r = read(text)
    assert (r.kind, r.start, r.end, r.grain) == (Kind.INTERVAL, start, end, Grain.HOUR)


@pytest.mark.parametrize(
    ("text", "day"),
    [("凌晨", at(2026, 11, 22)), ("后天凌晨", at(2026, 11, 24)), ("今日夜晚", at(2026, 11, 22)),
     ("明天夜里", at(2026, 11, 23)), ("深夜", at(2026, 11, 22)), ("昨天半夜", at(2026, 11, 21))],
)
def test_undefined_parts_of_day_name_their_day(text: str, day: datetime) -> None:
    r = read(text)
    assert (r.kind, r.start, r.end, r.grain) == (Kind.INSTANT, day, None, Grain.DAY)


@pytest.mark.parametrize(
    ("text", "start"),
    [("明天凌晨两点", at(2026, 11, 23, 2)), ("深夜11点", at(2026, 11, 22, 23)), ("今天夜里十点", at(2026, 11, 22, 22))],
)
def test_undefined_parts_of_day_with_a_clock_time(text: str, start: datetime) -> None:
    r = read(text)
    assert (r.kind, r.start, r.grain) == (Kind.INSTANT, start, Grain.HOUR)


def test_historic_dates_keep_the_office_offset_in_any_language() -> None:
    r = primary_time("1789-01-29", NOW)
    assert r is not None and r.start is not None and r.start.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize("text,rrule,start", [
    ("每月第一个周五下午三点", "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=1", at(2026, 12, 4, 15)),
    ("每月第二个星期一上午九点", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=2", at(2026, 12, 14, 9)),
    ("每个月最后一个周五", "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1", at(2026, 11, 27)),
    ("每月第四个礼拜三", "FREQ=MONTHLY;BYDAY=WE;BYSETPOS=4", at(2026, 11, 25)),
])
def test_nth_weekday_of_each_month(text: str, rrule: str, start: datetime) -> None:
    reading = read(text)
    assert reading.kind is Kind.RECURRENCE
    assert reading.rrule == rrule and reading.start == start
