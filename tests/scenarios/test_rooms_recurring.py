"""Recurring bookings: every instance checked, conflicts listed, the rest booked after confirmation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.fake import FakeOffice
from bot.rooms.recurrence import expand
from tests.scenarios.rooms_helpers import SH, Script, at, book, bookings


@pytest.fixture
def script(office: FakeOffice) -> Script:
    return Script(office)


async def test_weekly_until_year_end_lists_conflicts_and_books_the_rest(office: FakeOffice, script: Script) -> None:
    await book(office, script, "孙丽", "订12月7日上午九点到十点的第一会议室", room="第一会议室",
               start=at(12, 7, 9), end=at(12, 7, 10))
    wang = office.person("王志强")
    await wang.says(script.expect("每周一上午九点到十点半党政联席会,固定用第一会议室,一直到年底", "room.book",
                                  room="第一会议室", start=at(11, 23, 9), end=at(11, 23, 10, 30),
                                  rrule="FREQ=WEEKLY;BYDAY=MO", until=at(12, 31, 23, 59), title="党政联席会"))
    reply = wang.last_reply
    assert "请确认周期预订:第一会议室" in reply and "共 5 次" in reply
    assert "其中 1 次已被占用,不预订:12月7日(周一)" in reply
    assert len(bookings(office)) == 1  # nothing booked before confirmation
    await wang.press("确认")
    assert "已预订 第一会议室 周期会议 5 次" in wang.last_reply
    series = [b for b in bookings(office) if b.series_id]
    assert [b.start.astimezone(SH).day for b in series] == [23, 30, 14, 21, 28]
    assert len({b.series_id for b in series}) == 1
    assert all(b.end - b.start == timedelta(minutes=90) for b in series)


async def test_every_other_week_in_english_stops_at_the_horizon(office: FakeOffice, script: Script) -> None:
    li = office.person("李伟")
    await li.says(script.expect("every other Wednesday 2-3pm book room 301", "room.book", room="room 301",
                                start=at(11, 25, 14), end=at(11, 25, 15), rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"))
    assert "13 times from Wed 25 Nov to Wed 12 May" in li.last_reply
    assert "at most 6 months" in li.last_reply
    await li.press("Confirm")
    starts = [b.start for b in bookings(office)]
    assert len(starts) == 13 and all(b - a == timedelta(days=14) for a, b in zip(starts, starts[1:], strict=False))


async def test_a_series_with_every_instance_taken_books_nothing(office: FakeOffice, script: Script) -> None:
    wang = office.person("王志强")
    text = script.expect("每周二下午三点到四点订301,到12月8日", "room.book", room="301", start=at(11, 24, 15),
                         end=at(11, 24, 16), rrule="FREQ=WEEKLY;BYDAY=TU", until=at(12, 8, 23, 59))
    await wang.says(text)
    await wang.press("确认")
    assert "周期会议 3 次" in wang.last_reply
    zhang = office.person("张敏")
    await zhang.says(text)
    assert "全部已被占用,什么都没有预订" in zhang.last_reply
    assert len(bookings(office)) == 3


def test_monthly_rules_expand_within_the_horizon() -> None:
    first = at(12, 4, 15)
    instances, last = expand("FREQ=MONTHLY;BYDAY=1FR", first, first + timedelta(hours=1), None, 6, SH)
    assert [s.date().isoformat() for s, _ in instances] == [
        "2026-12-04", "2027-01-01", "2027-02-05", "2027-03-05", "2027-04-02", "2027-05-07", "2027-06-04"]
    assert last.date().isoformat() == "2027-06-04"
