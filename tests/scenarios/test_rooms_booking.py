"""Booking a room from one message: read-back, follow-up questions, refusals, conflicts and alternatives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.fake import FakeOffice
from bot.config import Settings
from tests.conftest import MONDAY_MORNING
from tests.scenarios.rooms_helpers import Script, at, audit_actions, bookings, room_names, with_booking_policy


@pytest.fixture
def script(office: FakeOffice) -> Script:
    return Script(office)


@pytest.fixture
def quick_office(settings: Settings, tmp_path: Path) -> Iterator[FakeOffice]:
    """The demo office configured to book complete, unambiguous requests without a read-back."""
    office = FakeOffice(with_booking_policy(settings, dialog_skip=True), MONDAY_MORNING,
                        database_url=f"sqlite:///{tmp_path / 'quick.db'}")
    yield office
    office.app.engine.dispose()


async def test_book_in_chinese_reads_back_then_books(office: FakeOffice, script: Script) -> None:
    zhang = office.person("张敏")
    await zhang.says(script.expect("订明天下午三点到四点的301", "room.book", room="301",
                                   start=at(11, 24, 15), end=at(11, 24, 16)))
    assert "请确认预订:301 11月24日(周二) 15:00–16:00" in zhang.last_reply
    assert bookings(office) == []
    await zhang.press("确认")
    assert "已预订 301 11月24日(周二) 15:00–16:00" in zhang.last_reply
    [b] = bookings(office)
    assert (b.start, b.end, b.status) == (at(11, 24, 15), at(11, 24, 16), "confirmed")
    assert "booking.create" in audit_actions(office)


async def test_book_in_english_with_topic(office: FakeOffice, script: Script) -> None:
    li = office.person("李伟")
    await li.says(script.expect("book room 301 tomorrow 3-4pm for the budget review", "room.book", room="room 301",
                                start=at(11, 24, 15), end=at(11, 24, 16), title="budget review"))
    assert "Please confirm the booking: 301 Tue 24 Nov 15:00–16:00" in li.last_reply
    assert "Topic: budget review" in li.last_reply
    await li.says("yes")
    assert li.last_reply.startswith("Booked 301 for Tue 24 Nov 15:00–16:00")
    assert [b.title for b in bookings(office)] == ["budget review"]


async def test_full_example_with_attendees_and_topic(office: FakeOffice, script: Script) -> None:
    wang = office.person("王志强")
    await wang.says(script.expect("帮我订下周三下午两点到四点的第二会议室,院长办公会,十二个人左右", "room.book",
                                  room="第二会议室", start=at(12, 2, 14), end=at(12, 2, 16), attendees=12,
                                  title="院长办公会"))
    assert "第二会议室 12月2日(周三) 14:00–16:00" in wang.last_reply
    assert "人数:12 人" in wang.last_reply and "院长办公会" in wang.last_reply
    await wang.press("确认")
    [b] = bookings(office)
    assert (b.attendees, b.title) == (12, "院长办公会")


async def test_complete_request_skips_the_read_back_when_configured(quick_office: FakeOffice) -> None:
    script = Script(quick_office)
    zhang = quick_office.person("张敏")
    await zhang.says(script.expect("订明天下午三点到四点的301", "room.book", room="301",
                                   start=at(11, 24, 15), end=at(11, 24, 16)))
    assert "已预订 301" in zhang.last_reply
    assert len(bookings(quick_office)) == 1


async def test_missing_end_is_asked_for(office: FakeOffice, script: Script) -> None:
    sun = office.person("孙丽")
    await sun.says(script.expect("明早九点半用一下三楼会议室", "room.book", missing=("end",), room="三楼会议室",
                                 start=at(11, 24, 9, 30)))
    assert "到几点结束" in sun.last_reply
    await sun.says("一个小时")
    assert "第一会议室 11月24日(周二) 09:30–10:30" in sun.last_reply
    await sun.says("确认")
    assert [(b.start, b.end) for b in bookings(office)] == [(at(11, 24, 9, 30), at(11, 24, 10, 30))]


async def test_missing_room_is_asked_for_and_answered_loosely(office: FakeOffice, script: Script) -> None:
    sun = office.person("孙丽")
    await sun.says(script.expect("订明天下午三点到四点的会议室", "room.book", missing=("room",),
                                 start=at(11, 24, 15), end=at(11, 24, 16)))
    assert "请问用哪一间会议室" in sun.last_reply and "小会议室(6人)" in sun.last_reply
    await sun.says("2号")
    assert "第二会议室 11月24日(周二) 15:00–16:00" in sun.last_reply


async def test_missing_time_is_asked_for_in_english(office: FakeOffice, script: Script) -> None:
    li = office.person("李伟")
    await li.says(script.expect("book the small room", "room.book", missing=("start",), room="small room"))
    assert "which day and time" in li.last_reply
    await li.says("tomorrow 10-11am")
    assert "小会议室 Tue 24 Nov 10:00–11:00" in li.last_reply


@pytest.mark.parametrize("words", ["room 2", "big room", "第二会议室", "二号会议室", "大会议室", "2号"])
async def test_rooms_are_found_by_looser_names(office: FakeOffice, words: str) -> None:
    from bot.rooms.resolve import match_room
    from storage.uow import unit_of_work

    with unit_of_work(office.app.engine) as session:
        match = match_room(session, words)
        assert match is not None and match.room.name == "第二会议室"


async def test_unknown_room_is_refused_and_asked_again(office: FakeOffice, script: Script) -> None:
    li = office.person("李伟")
    await li.says(script.expect("book room 999 tomorrow 10-11am", "room.book", room="room 999",
                                start=at(11, 24, 10), end=at(11, 24, 11)))
    assert 'I found no room called "room 999"' in li.last_reply
    assert bookings(office) == []
    await li.says("room 301")
    assert "301 Tue 24 Nov 10:00–11:00" in li.last_reply


async def test_a_date_in_the_past_is_refused(office: FakeOffice, script: Script) -> None:
    zhang = office.person("张敏")
    await zhang.says(script.expect("订上周五下午三点到四点的301", "room.book", room="301",
                                   start=at(11, 20, 15), end=at(11, 20, 16)))
    assert "已经过去了" in zhang.last_reply
    assert bookings(office) == []


async def test_end_before_start_is_refused(office: FakeOffice, script: Script) -> None:
    li = office.person("李伟")
    await li.says(script.expect("book room 301 tomorrow from 4pm to 3pm", "room.book",
                                warnings=("end_before_start",), room="room 301", start=at(11, 24, 16)))
    assert "The end is before the start" in li.last_reply
    assert bookings(office) == []


async def test_a_floor_that_contradicts_the_room_is_asked_about(quick_office: FakeOffice) -> None:
    script = Script(quick_office)
    zhang = quick_office.person("张敏")
    await zhang.says(script.expect("订明天下午三点到四点的三楼第二会议室", "room.book", room="三楼第二会议室",
                                   start=at(11, 24, 15), end=at(11, 24, 16)))
    assert "请确认预订" in zhang.last_reply  # not booked silently, even with the read-back switched off
    assert "第二会议室在 2 楼" in zhang.last_reply
    assert bookings(quick_office) == []


async def test_conflict_offers_free_rooms_and_the_nearest_slot(office: FakeOffice, script: Script) -> None:
    zhang, sun = office.person("张敏"), office.person("孙丽")
    text = script.expect("订明天下午三点到四点的301", "room.book", room="301", start=at(11, 24, 15), end=at(11, 24, 16))
    await zhang.says(text)
    await zhang.press("确认")
    await sun.says(text)
    reply = sun.last_reply
    assert "301在 11月24日(周二) 15:00–16:00 已被「会议」占用" in reply
    assert "小会议室(6人)、第一会议室(10人)、第二会议室(40人)" in reply  # smallest first
    assert "当天最近的空档:11月24日(周二) 14:00–15:00" in reply
    await sun.press("小会议室")
    assert "请确认预订:小会议室 11月24日(周二) 15:00–16:00" in sun.last_reply
    await sun.press("确认")
    assert sorted(room_names(office)[b.room_id] for b in bookings(office)) == ["301", "小会议室"]


async def test_conflict_in_english_counts_seats_and_offers_the_slot(office: FakeOffice, script: Script) -> None:
    zhang, li = office.person("张敏"), office.person("李伟")
    await zhang.says(script.expect("订明天下午三点到四点的301", "room.book", room="301",
                                   start=at(11, 24, 15), end=at(11, 24, 16)))
    await zhang.press("确认")
    await li.says(script.expect("book room 301 tomorrow 3-4pm for 7 people", "room.book", room="room 301",
                                start=at(11, 24, 15), end=at(11, 24, 16), attendees=7))
    assert "301 is taken" in li.last_reply
    assert "第一会议室 (10 seats), 第二会议室 (40 seats)" in li.last_reply and "小会议室" not in li.last_reply
    await li.press("14:00–15:00")
    assert "301 Tue 24 Nov 14:00–15:00" in li.last_reply
    await li.press("Confirm")
    assert len(bookings(office)) == 2


async def test_a_room_too_small_is_refused_with_a_bigger_one(office: FakeOffice, script: Script) -> None:
    sun = office.person("孙丽")
    await sun.says(script.expect("订明天下午三点到四点的301,十二个人", "room.book", room="301",
                                 start=at(11, 24, 15), end=at(11, 24, 16), attendees=12))
    assert "301只能坐 8 人,不够 12 人用" in sun.last_reply
    assert "第二会议室(40人)" in sun.last_reply and "第一会议室" not in sun.last_reply
    assert bookings(office) == []
    await sun.press("第二会议室")
    await sun.press("确认")
    assert [room_names(office)[b.room_id] for b in bookings(office)] == ["第二会议室"]


async def test_policy_limits_refuse_staff_and_director_overrides_are_audited(office: FakeOffice,
                                                                             script: Script) -> None:
    text = script.expect("订明天上午九点到晚上九点的第二会议室", "room.book", room="第二会议室",
                         start=at(11, 24, 9), end=at(11, 24, 21))
    sun, wang = office.person("孙丽"), office.person("王志强")
    await sun.says(text)
    assert "一次最多预订 8 小时" in sun.last_reply
    await wang.says(text)
    assert "超过单次时长上限" in wang.last_reply
    await wang.press("确认")
    assert "已预订" in wang.last_reply
    assert "booking.override" in audit_actions(office)


async def test_too_far_ahead_is_refused(office: FakeOffice, script: Script) -> None:
    li = office.person("李伟")
    await li.says(script.expect("book room 301 on 2027-03-01 10-11am", "room.book", room="room 301",
                                start=at(3, 1, 10, year=2027), end=at(3, 1, 11, year=2027)))
    assert "at most 60 days ahead" in li.last_reply
    assert bookings(office) == []


async def test_confirm_pressed_twice_books_once(office: FakeOffice, script: Script) -> None:
    zhang = office.person("张敏")
    await zhang.says(script.expect("订明天下午三点到四点的301", "room.book", room="301",
                                   start=at(11, 24, 15), end=at(11, 24, 16)))
    readback = zhang.last_with_buttons()
    await zhang.press("确认", readback)
    await zhang.press("确认", readback)
    assert "已经处理过了" in zhang.last_reply
    assert len(bookings(office)) == 1


async def test_a_time_already_past_today_is_read_back_with_a_note(office: FakeOffice, script: Script) -> None:
    zhang = office.person("张敏")
    await zhang.says(script.expect("订八点到九点的301", "room.book", warnings=("past_time_moved",), room="301",
                                   start=at(11, 24, 8), end=at(11, 24, 9)))
    assert "今天已经过了" in zhang.last_reply
