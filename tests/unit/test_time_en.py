"""Unit tests of the English time resolver, against Sunday 2026-11-22 10:00 in Shanghai."""

from __future__ import annotations

import time as clock
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.understanding.conventions import DEFAULT_CONVENTIONS
from bot.understanding.time_en import extract
from bot.understanding.time_en_lex import compile_all
from bot.understanding.types import Grain, Kind, TimeReading, Warning

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=TZ)


def dt(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=TZ)


def main(text: str, now: datetime = NOW) -> TimeReading:
    readings = extract(text, now, DEFAULT_CONVENTIONS)
    assert readings, f"nothing read in {text!r}"
    return max(readings, key=lambda r: r.text_length)


def instant(text: str, start: datetime, grain: Grain) -> TimeReading:
    r = main(text)
    assert (r.kind, r.start, r.grain) == (Kind.INSTANT, start, grain), r
    return r


def interval(text: str, start: datetime | None, end: datetime | None, grain: Grain | None = None) -> TimeReading:
    r = main(text)
    assert (r.kind, r.start, r.end) == (Kind.INTERVAL, start, end), r
    if grain is not None:
        assert r.grain == grain
    return r


@pytest.mark.parametrize(("text", "start", "grain"), [
    ("Dec 3rd", dt(2026, 12, 3), Grain.DAY),
    ("December 3", dt(2026, 12, 3), Grain.DAY),
    ("3 Dec 2026", dt(2026, 12, 3), Grain.DAY),
    ("2026-03-05", dt(2026, 3, 5), Grain.DAY),
    ("3/5", dt(2027, 3, 5), Grain.DAY),
    ("10/31/1974", dt(1974, 10, 31), Grain.DAY),
    ("the 2nd of August", dt(2027, 8, 2), Grain.DAY),
    ("on 2/15", dt(2027, 2, 15), Grain.DAY),
    ("March 2026", dt(2026, 3, 1), Grain.MONTH),
    ("2027", dt(2027, 1, 1), Grain.YEAR),
    ("in 1999", dt(1999, 1, 1), Grain.YEAR),
    ("I'll go back 02nd Jan 2019.", dt(2019, 1, 2), Grain.DAY),
    ("i'll go back 2020/Sep/23", dt(2020, 9, 23), Grain.DAY),
])
def test_absolute_dates(text: str, start: datetime, grain: Grain) -> None:
    instant(text, start, grain)


@pytest.mark.parametrize(("text", "start", "grain"), [
    ("today", dt(2026, 11, 22), Grain.DAY),
    ("I'll go back tomorrow", dt(2026, 11, 23), Grain.DAY),
    ("yesterday", dt(2026, 11, 21), Grain.DAY),
    ("the day after tomorrow", dt(2026, 11, 24), Grain.DAY),
    ("day before yesterday", dt(2026, 11, 20), Grain.DAY),
    ("next Tuesday", dt(2026, 11, 24), Grain.DAY),
    ("this Friday", dt(2026, 11, 27), Grain.DAY),
    ("Friday", dt(2026, 11, 27), Grain.DAY),
    ("last Monday", dt(2026, 11, 16), Grain.DAY),
    ("next week", dt(2026, 11, 23), Grain.WEEK),
    ("this month", dt(2026, 11, 1), Grain.MONTH),
    ("next month", dt(2026, 12, 1), Grain.MONTH),
    ("next year", dt(2027, 1, 1), Grain.YEAR),
    ("last quarter", dt(2026, 7, 1), Grain.QUARTER),
    ("in two hours", dt(2026, 11, 22, 12), Grain.SECOND),
    ("in 3 days", dt(2026, 11, 25, 10), Grain.HOUR),  # days from now keep the hour
    ("2 weeks ago", dt(2026, 11, 8), Grain.DAY),
    ("a week from today", dt(2026, 11, 29), Grain.DAY),
    ("3 days from now", dt(2026, 11, 25, 10), Grain.HOUR),
    ("the coming Friday", dt(2026, 11, 27), Grain.DAY),
    ("wednesday of next week", dt(2026, 11, 25), Grain.DAY),
    ("first tuesday of october", dt(2027, 10, 5), Grain.DAY),
    ("christmas", dt(2026, 12, 25), Grain.DAY),
])
def test_relative_dates(text: str, start: datetime, grain: Grain) -> None:
    instant(text, start, grain)


def test_sunday_weekday_alone_is_the_coming_one() -> None:
    # On Sunday "Monday" is tomorrow and "Sunday" is today.
    instant("Monday", dt(2026, 11, 23), Grain.DAY)
    instant("on Sunday", dt(2026, 11, 22), Grain.DAY)


@pytest.mark.parametrize(("text", "start", "grain"), [
    ("3pm", dt(2026, 11, 22, 15), Grain.HOUR),
    ("3:30 pm", dt(2026, 11, 22, 15, 30), Grain.MINUTE),
    ("15:30", dt(2026, 11, 22, 15, 30), Grain.MINUTE),
    ("noon", dt(2026, 11, 22, 12), Grain.HOUR),
    ("midnight", dt(2026, 11, 23), Grain.HOUR),
    ("quarter past 3", dt(2026, 11, 22, 15, 15), Grain.MINUTE),
    ("half past 10", dt(2026, 11, 22, 10, 30), Grain.MINUTE),
    ("at 3", dt(2026, 11, 22, 15), Grain.HOUR),
    ("10 o'clock", dt(2026, 11, 22, 10), Grain.HOUR),
    ("tomorrow 3pm", dt(2026, 11, 23, 15), Grain.HOUR),
    ("tomorrow at 11", dt(2026, 11, 23, 11), Grain.HOUR),
    ("now", dt(2026, 11, 22, 10), Grain.SECOND),
    ("right now", dt(2026, 11, 22, 10), Grain.SECOND),
    ("20 minutes to 2pm tomorrow", dt(2026, 11, 23, 13, 40), Grain.MINUTE),
    ("4pm CET", dt(2026, 11, 22, 23), Grain.HOUR),
])
def test_clock_times(text: str, start: datetime, grain: Grain) -> None:
    instant(text, start, grain)


def test_past_time_moves_to_next_day() -> None:
    r = instant("at 9", dt(2026, 11, 23, 9), Grain.HOUR)
    assert Warning.PAST_TIME_MOVED in r.warnings
    assert not instant("at 11", dt(2026, 11, 22, 11), Grain.HOUR).warnings


def test_bare_hours_follow_office_conventions() -> None:
    instant("at 2", dt(2026, 11, 22, 14), Grain.HOUR)
    instant("at 6", dt(2026, 11, 22, 18), Grain.HOUR)
    instant("tomorrow at 7", dt(2026, 11, 23, 7), Grain.HOUR)
    instant("tomorrow at 12", dt(2026, 11, 23, 12), Grain.HOUR)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("tonight", dt(2026, 11, 22, 18), dt(2026, 11, 22, 22)),
    ("this morning", dt(2026, 11, 22, 9), dt(2026, 11, 22, 12)),
    ("this afternoon", dt(2026, 11, 22, 14), dt(2026, 11, 22, 18)),
    ("this evening", dt(2026, 11, 22, 18), dt(2026, 11, 22, 22)),
    ("tomorrow morning", dt(2026, 11, 23, 9), dt(2026, 11, 23, 12)),
    ("is the big room free on Friday afternoon?", dt(2026, 11, 27, 14), dt(2026, 11, 27, 18)),
])
def test_parts_of_day(text: str, start: datetime, end: datetime) -> None:
    interval(text, start, end, Grain.HOUR)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2-4pm", dt(2026, 11, 22, 14), dt(2026, 11, 22, 16)),
    ("from 2 to 3:30pm", dt(2026, 11, 22, 14), dt(2026, 11, 22, 15, 30)),
    ("between 9 and 11am tomorrow", dt(2026, 11, 23, 9), dt(2026, 11, 23, 11)),
    ("10-11:30", dt(2026, 11, 22, 10), dt(2026, 11, 22, 11, 30)),
    ("Book it for next Tuesday 10-11:30 please", dt(2026, 11, 24, 10), dt(2026, 11, 24, 11, 30)),
    ("Monday to Wednesday", dt(2026, 11, 23), dt(2026, 11, 25)),
    ("July 13-15", dt(2027, 7, 13), dt(2027, 7, 15)),
    ("from 13th to the 15th of July", dt(2027, 7, 13), dt(2027, 7, 15)),
    ("from tomorrow until Friday", dt(2026, 11, 23), dt(2026, 11, 27)),
    ("Thursday from 9:30 to 11:00", dt(2026, 11, 26, 9, 30), dt(2026, 11, 26, 11)),
    ("book room 301 tomorrow 3-4pm for the budget review", dt(2026, 11, 23, 15), dt(2026, 11, 23, 16)),
    ("10pm-2am", dt(2026, 11, 22, 22), dt(2026, 11, 23, 2)),
    ("4pm for 30 mins", dt(2026, 11, 22, 16), dt(2026, 11, 22, 16, 30)),
    ("next 3 days", dt(2026, 11, 23), dt(2026, 11, 25)),
    ("this weekend", dt(2026, 11, 21), dt(2026, 11, 22)),
    ("next weekend", dt(2026, 11, 28), dt(2026, 11, 29)),
])
def test_ranges(text: str, start: datetime, end: datetime) -> None:
    interval(text, start, end)


def test_open_ranges() -> None:
    interval("after 5pm", dt(2026, 11, 22, 17), None)
    interval("until Friday", None, dt(2026, 11, 27))
    interval("since tomorrow", dt(2026, 11, 23), None)


def test_range_warnings() -> None:
    assert Warning.END_BEFORE_START in interval("4pm-2pm", dt(2026, 11, 22, 16), dt(2026, 11, 22, 14)).warnings
    r = instant("Thursday March 5 2027", dt(2027, 3, 5), Grain.DAY)
    assert Warning.WEEKDAY_MISMATCH in r.warnings
    assert not instant("Friday March 5 2027", dt(2027, 3, 5), Grain.DAY).warnings


@pytest.mark.parametrize(("text", "minutes"), [
    ("45 minutes", 45), ("an hour", 60), ("2 hours", 120), ("an hour and a half", 90), ("1.5 hours", 90),
    ("half an hour", 30),
])
def test_durations(text: str, minutes: int) -> None:
    r = main(text)
    assert (r.kind, r.start, r.duration) == (Kind.DURATION, None, timedelta(minutes=minutes))


@pytest.mark.parametrize(("text", "when"), [
    ("by Friday", dt(2026, 11, 27, 18)),
    ("by end of month", dt(2026, 11, 30, 18)),
    ("by EOD", dt(2026, 11, 22, 18)),
    ("by end of day", dt(2026, 11, 22, 18)),
    ("by end of year", dt(2026, 12, 31, 18)),
    ("by Friday EOD", dt(2026, 11, 27, 18)),
    ("within 3 business days", dt(2026, 11, 25, 18)),
    ("assign Li Wei to draft the visitor policy by next Friday", dt(2026, 11, 27, 18)),
])
def test_deadlines(text: str, when: datetime) -> None:
    r = main(text)
    assert (r.kind, r.start, r.is_deadline) == (Kind.INSTANT, when, True), r


@pytest.mark.parametrize(("text", "rrule", "start", "end"), [
    ("every Monday at 9am", "FREQ=WEEKLY;BYDAY=MO", dt(2026, 11, 23, 9), None),
    ("every other Monday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", dt(2026, 11, 23), None),
    ("every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", dt(2026, 11, 23), None),
    ("every day at 8:30", "FREQ=DAILY", dt(2026, 11, 23, 8, 30), None),
    ("every day at 11", "FREQ=DAILY", dt(2026, 11, 22, 11), None),
    ("monthly on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15", dt(2026, 12, 15), None),
    ("every last working day of the month", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", dt(2026, 11, 30), None),
    ("every Monday until year end", "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T155959Z", dt(2026, 11, 23), None),
    ("every Friday 3-4pm until Dec 31", "FREQ=WEEKLY;BYDAY=FR;UNTIL=20261231T155959Z",
     dt(2026, 11, 27, 15), dt(2026, 11, 27, 16)),
])
def test_recurrences(text: str, rrule: str, start: datetime, end: datetime | None) -> None:
    r = main(text)
    assert (r.kind, r.rrule, r.start, r.end) == (Kind.RECURRENCE, rrule, start, end), r


def test_spans_point_into_the_sentence() -> None:
    text = "Book it for next Tuesday 10-11:30 please"
    r = main(text)
    assert text[r.span[0]:r.span[1]] == "next Tuesday 10-11:30"


@pytest.mark.parametrize("text", [
    "book room 301 please", "we are 12 people", "call 13800001111", "version 2.5 is out",
    "I may come", "we sat down", "schedule me a 1:1", "page 3 of 10",
])
def test_numbers_in_running_text_are_not_times(text: str) -> None:
    assert [r for r in extract(text, NOW, DEFAULT_CONVENTIONS) if r.kind is not Kind.DURATION] == []


@pytest.mark.parametrize("text", [
    "' OR 1=1; DROP TABLE rooms; --" * 100, "\x00\x07\x1b" * 1300, "😀🎉" * 2000, "1-" * 2048,
    "9:30 - " * 580, "every " * 680, "the 1st of " * 370, "", " ",
    "may " * 1024, "diwali " * 585, "rosh hashana " * 315, "8h " * 1365, "lunch " * 682, "h1 2020 " * 512,
])
def test_odd_input_is_fast_and_safe(text: str) -> None:
    compile_all()  # atoms compile on first use and the calendar packages load once: not what is timed here
    extract("diwali 2019, yom kippur 2019", NOW, DEFAULT_CONVENTIONS)
    took = []
    for _ in range(3):  # the best of three: the work, not a busy machine's scheduling
        started = clock.perf_counter()
        extract(text[:4096], NOW, DEFAULT_CONVENTIONS)
        took.append(clock.perf_counter() - started)
    assert min(took) < 0.2


# ---- named feasts computed by calendar packages -------------------------------------------

@pytest.mark.parametrize(("text", "day"), [
    ("yom kippur 2018", dt(2018, 9, 18)),  # Jewish days are given from their eve
    ("tisha b'av 2018", dt(2018, 7, 21)),  # 9 Av on a Saturday is kept on Sunday: eve Saturday
    ("yom haatzmaut 2018", dt(2018, 4, 18)),  # 5 Iyar on a Friday moves to Thursday
    ("Holocaust Day 2018", dt(2018, 4, 11)),
    ("tu bishvat 2018", dt(2018, 1, 30)),
    ("Shushan Purim 2013", dt(2013, 2, 24)),
    ("diwali 2019", dt(2019, 10, 27)),
    ("dhanteras 2019", dt(2019, 10, 25)),
    ("chhoti holi 2019", dt(2019, 3, 20)),
    ("holi 2019", dt(2019, 3, 21)),
    ("bogi pandigai 2018", dt(2018, 1, 13)),
    ("maattu pongal 2018", dt(2018, 1, 15)),
    ("Ugadi 2018", dt(2018, 3, 18)),
    ("guru nanak jayanti 2018", dt(2018, 11, 23)),
    ("pargat diwas 2019", dt(2019, 10, 13)),
    ("rabindra jayanti 2019", dt(2019, 5, 9)),
    ("jamshedi Navroz 2022", dt(2022, 8, 16)),
    ("vesak 2013", dt(2013, 5, 24)),
    ("orthodox shrove monday two thousand eighteen", dt(2018, 2, 19)),
])
def test_feasts_with_years(text: str, day: datetime) -> None:
    instant(text, day, Grain.DAY)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("rosh hashana 2018", dt(2018, 9, 9), dt(2018, 9, 11)),
    ("hannukkah 2018", dt(2018, 12, 2), dt(2018, 12, 9)),
    ("shavuot 2018", dt(2018, 5, 19), dt(2018, 5, 21)),
    ("passover 2019", dt(2019, 4, 19), dt(2019, 4, 27)),
])
def test_feasts_of_several_days(text: str, start: datetime, end: datetime) -> None:
    interval(text, start, end)


def test_feasts_relative_years_and_closest() -> None:
    then = dt(2013, 2, 12, 4, 30)
    assert main("vijayadashami in five years", then).start == dt(2018, 10, 19)
    assert main("Lakshmi Puja six years hence", then).start == dt(2019, 10, 27)
    assert main("christmas 3 years ago", then).start == dt(2010, 12, 25)
    assert main("the closest xmas to today", then).start == dt(2012, 12, 25)
    assert main("the 3rd closest xmas to today", then).start == dt(2011, 12, 25)
    assert main("next yom kippur").start == dt(2027, 10, 10)


# ---- structural families -------------------------------------------------------------------

def test_month_with_a_relative_year() -> None:
    instant("March in 1 year", dt(2027, 3, 1), Grain.MONTH)
    instant("March after next", dt(2028, 3, 1), Grain.MONTH)
    instant("December after next", dt(2027, 12, 1), Grain.MONTH)


def test_weekday_picks_the_year_of_a_yearless_date() -> None:
    then = dt(2013, 2, 12, 4, 30)
    assert main("Fri, Jul 18", then).start == dt(2014, 7, 18)
    assert main("Jul 18, Fri", then).start == dt(2014, 7, 18)
    r = main("Tue May 9", dt(2018, 1, 7))  # no Tuesday May 9 next year either: the date stays, warned
    assert r.start == dt(2018, 5, 9) and Warning.WEEKDAY_MISMATCH in r.warnings
    assert main("on tues the 4th 7pm", dt(2019, 6, 17)).start == dt(2019, 6, 4, 19)


def test_days_from_now_keep_the_hour() -> None:
    instant("7 days hence", dt(2026, 11, 29, 10), Grain.HOUR)
    instant("a fortnight ago", dt(2026, 11, 8, 10), Grain.HOUR)
    instant("1 week hence", dt(2026, 11, 29), Grain.DAY)
    instant("3 days from today", dt(2026, 11, 25), Grain.DAY)
    instant("in 3 years at 5pm", dt(2029, 11, 22, 17), Grain.HOUR)
    instant("at 7 in 2 days", dt(2026, 11, 24, 7), Grain.HOUR)


def test_duration_after_a_start_and_two_bounds() -> None:
    interval("for 30' starting from 4pm", dt(2026, 11, 22, 16), dt(2026, 11, 22, 16, 30))
    interval("later than 9:30 but before 11:00 on Thursday", dt(2026, 11, 26, 9, 30), dt(2026, 11, 26, 11))
    interval("later than 3:30pm but before 6pm", dt(2026, 11, 22, 15, 30), dt(2026, 11, 22, 18))
    interval("sales for year greater than 2012", dt(2013, 1, 1), None)


def test_part_of_day_today_moves_when_past() -> None:
    r = instant("this morning at 3", dt(2026, 11, 23, 3), Grain.HOUR)
    assert Warning.PAST_TIME_MOVED in r.warnings
    instant("this afternoon at 3", dt(2026, 11, 22, 15), Grain.HOUR)


def test_h_form_with_zone_or_day() -> None:
    instant("Thursday 8h GMT", dt(2026, 11, 26, 16), Grain.MINUTE)
    instant("Thursday 8h pst", dt(2026, 11, 27), Grain.MINUTE)
    assert [r.kind for r in extract("I worked 8h on it", NOW, DEFAULT_CONVENTIONS)] == [Kind.DURATION]


def test_edges_of_periods_and_halves() -> None:
    interval("at the beginning of around next week", dt(2026, 11, 23), dt(2026, 11, 25))
    interval("at the end of around next week", dt(2026, 11, 27), dt(2026, 11, 29))
    interval("earlier in the week", dt(2026, 11, 16), dt(2026, 11, 18))
    interval("2019 H2 will bring challenges", dt(2019, 7, 1), dt(2019, 12, 31))
    interval("the first half of next year", dt(2027, 1, 1), dt(2027, 6, 30))
    interval("down 20% in the year to date", dt(2026, 1, 1), dt(2026, 11, 21))
    interval("last week-end in October", dt(2027, 10, 30), dt(2027, 10, 31))
    instant("1st week of Oct. on Friday", dt(2027, 10, 1), Grain.DAY)


def test_nth_weekday_after_a_day() -> None:
    instant("third tuesday after christmas 2014", dt(2015, 1, 13), Grain.DAY)
    instant("the first monday before new year's day 2027", dt(2026, 12, 28), Grain.DAY)


def test_meals_only_next_to_a_day_or_connector() -> None:
    interval("tomorrow lunch", dt(2026, 11, 23, 12), dt(2026, 11, 23, 14))
    interval("let's meet after lunch", dt(2026, 11, 22, 14), None)
    interval("let's meet after breakfast", dt(2026, 11, 22, 12), None)
    assert [r for r in extract("Book this lunch in my calendar", NOW, DEFAULT_CONVENTIONS)] == []
    instant("I'll be back at 7ampm", dt(2026, 11, 23, 7), Grain.HOUR)


def test_until_a_period_runs_through_its_last_day() -> None:
    from bot.understanding.timeparse import primary_time

    now = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    reading = primary_time("until the end of January", now)
    assert reading is not None and reading.start is None
    assert reading.end is not None and reading.end.date().isoformat() == "2027-01-31"
    before = primary_time("before Friday", now)
    assert before is not None and before.end is not None and before.end.date().isoformat() == "2026-11-27"
