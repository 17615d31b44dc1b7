"""The chair of a meeting (read, resolved, shown, exported) and cancelling a whole recurring series."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from adapters.fake import FakeOffice
from bot.context import Context
from bot.directory import find_person
from bot.exports import EXPORTERS, ExportRequest
from bot.rooms import BookingChange, on_booking_changed
from bot.rooms.changes import BOOKING_CHANGE_HOOKS
from bot.rooms.export import calendar_of
from storage.models_rooms import Booking
from storage.uow import unit_of_work
from tests.scenarios.rooms_helpers import Script, at, audit_actions, bookings, set_notice


@pytest.fixture
def script(office: FakeOffice) -> Script:
    return Script(office)


@pytest.fixture
def notice_hook() -> Iterator[list[BookingChange]]:
    """A stand-in for the notices capability: tells two recipients of a linked notice."""
    seen: list[BookingChange] = []

    def tell_recipients(ctx: Context, booking: Booking, change: BookingChange) -> int:
        if booking.notice_id is None:
            return 0
        seen.append(change)
        for name in ("周涛", "吴刚"):
            person = find_person(ctx.session, name)
            assert person is not None
            ctx.notify(person, "room_cancelled_for_you", room="301", old="-", by=ctx.person.name)
        return 2

    on_booking_changed(tell_recipients)
    yield seen
    BOOKING_CHANGE_HOOKS.remove(tell_recipients)


async def test_chair_in_chinese_is_resolved_shown_and_exported(office: FakeOffice, script: Script) -> None:
    wang = office.person("王志强")
    await wang.says(script.expect("订明天下午三点到五点的第一会议室开党政联席会,刘院长主持", "room.book",
                                  room="第一会议室", start=at(11, 24, 15), end=at(11, 24, 17),
                                  title="党政联席会", chair="刘院长"))
    assert "主持:刘建国" in wang.last_reply and "议题:党政联席会" in wang.last_reply
    await wang.press("确认")
    assert "已预订 第一会议室" in wang.last_reply and "主持:刘建国" in wang.last_reply
    [b] = bookings(office)
    assert (b.chair, b.title, b.organizer_id != 0) == ("刘建国", "党政联席会", True)
    await wang.says("明天的会议室安排")
    assert "「党政联席会」(主持:刘建国)" in wang.last_reply
    with unit_of_work(office.app.engine) as session:
        rows = EXPORTERS["bookings"](session, ExportRequest())
        assert rows[0]["chair"] == "刘建国" and rows[0]["organizer"] == "王志强"
        ics = calendar_of(session, bookings(office), "test").decode()
    assert "Chair: 刘建国" in ics.replace("\r\n ", "") and "mailto:wang.zhiqiang@example.org" in ics
    json.dumps(rows)


async def test_unknown_chair_keeps_the_words(office: FakeOffice, script: Script) -> None:
    zhang = office.person("张敏")
    await zhang.says(script.expect("订明天上午十点到十一点301,主持人:赵教授", "room.book", room="301",
                                   start=at(11, 24, 10), end=at(11, 24, 11), chair="赵教授"))
    assert "主持:赵教授" in zhang.last_reply
    await zhang.press("确认")
    assert [b.chair for b in bookings(office)] == ["赵教授"]


async def test_chair_in_english(office: FakeOffice, script: Script) -> None:
    li = office.person("李伟")
    await li.says(script.expect("book room 301 tomorrow 3-4pm for the budget review chaired by Director Wang",
                                "room.book", room="room 301", start=at(11, 24, 15), end=at(11, 24, 16),
                                title="budget review", chair="Director Wang"))
    assert "Chair: Director Wang" in li.last_reply and "Topic: budget review" in li.last_reply
    await li.press("Confirm")
    assert li.last_reply.startswith("Booked 301") and "Chair: Director Wang" in li.last_reply
    assert [(b.chair, b.title) for b in bookings(office)] == [("王志强", "budget review")]
    await li.says("my bookings")
    assert "\"budget review\" (chair: Director Wang)" in li.last_reply


async def test_cancel_a_whole_series_in_chinese(office: FakeOffice, script: Script,
                                                notice_hook: list[BookingChange]) -> None:
    wang, zhang = office.person("王志强"), office.person("张敏")
    await zhang.says(script.expect("每周一下午三点到四点半党政联席会,固定用第一会议室,一直到年底", "room.book",
                                   room="第一会议室", start=at(11, 23, 15), end=at(11, 23, 16, 30),
                                   rrule="FREQ=WEEKLY;BYDAY=MO", title="党政联席会"))
    await zhang.press("确认")
    assert "周期会议 6 次" in zhang.last_reply
    assert "取消整个系列" in [b.label for b in zhang.last_with_buttons().buttons]
    await office.advance(days=8)  # Tuesday 1 December: the first two Mondays are past
    before = {b.id: b.status for b in bookings(office)}
    future = [b for b in bookings(office) if b.start > at(12, 1, 9)]
    set_notice(office, future[1].id, 7)
    # Someone else's series: refused.
    zhou = office.person("周涛")
    await zhou.says("取消每周一的党政联席会")
    assert "没有找到" in zhou.last_reply
    await zhang.says(script.expect("取消每周一的党政联席会", "room.cancel", rrule="FREQ=WEEKLY;BYDAY=MO",
                                   series=True, title="党政联席会"))
    assert "确认取消整个系列吗" in zhang.last_reply and "今后的 4 次" in zhang.last_reply
    assert all(b.status == before[b.id] for b in bookings(office))  # nothing before confirmation
    await zhang.says("确认")
    assert "已取消 第一会议室「党政联席会」整个系列今后的 4 次" in zhang.last_reply
    assert "已通知会议通知的 2 位收件人" in zhang.last_reply
    after = bookings(office)
    assert [b.status for b in after if b.start > at(12, 1, 9)] == ["cancelled"] * 4
    assert [b.status for b in after if b.start < at(12, 1, 9)] == [before[b.id] for b in after
                                                                   if b.start < at(12, 1, 9)]
    assert [c.kind for c in notice_hook] == ["cancelled"]
    assert "booking.series_cancel" in audit_actions(office)
    await zhang.says("确认")  # a second confirmation changes nothing
    del wang


async def test_only_organiser_or_director_cancels_a_series(office: FakeOffice, script: Script) -> None:
    zhang, wang = office.person("张敏"), office.person("王志强")
    await zhang.says(script.expect("每周二下午三点到四点订301,到12月8日", "room.book", room="301",
                                   start=at(11, 24, 15), end=at(11, 24, 16), rrule="FREQ=WEEKLY;BYDAY=TU"))
    await zhang.press("确认")
    first = bookings(office)[0]
    zhou = office.person("周涛")
    await zhou.press("取消整个系列", zhang.last_with_buttons())
    assert "只有预订人、办公室主任或管理员可以修改" in zhou.last_reply
    await wang.says(script.expect("取消每周二301的会议系列", "room.cancel", room="301", series=True,
                                  rrule="FREQ=WEEKLY;BYDAY=TU"))
    assert "今后的 3 次" in wang.last_reply
    await wang.says("确认")
    assert "整个系列今后的 3 次" in wang.last_reply
    assert {b.status for b in bookings(office)} == {"cancelled"}
    assert zhang.received("已被 王志强 取消") and first.series_id


async def test_cancel_a_whole_series_in_english(office: FakeOffice, script: Script) -> None:
    li = office.person("李伟")
    await li.says(script.expect("every other Wednesday 2-3pm book room 301", "room.book", room="room 301",
                                start=at(11, 25, 14), end=at(11, 25, 15), rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"))
    await li.press("Confirm")
    assert "13 times" in li.last_reply
    await li.says(script.expect("cancel the whole series", "room.cancel", series=True))
    assert "Cancel the whole series?" in li.last_reply and "13 upcoming" in li.last_reply
    await li.says("no")
    assert {b.status for b in bookings(office)} == {"confirmed"}
    await li.says("my bookings")
    await li.press("Cancel series")
    assert "13 upcoming" in li.last_reply
    await li.says("yes")
    assert li.last_reply.startswith("Cancelled the whole series: 13 upcoming bookings of 301")
    assert {b.status for b in bookings(office)} == {"cancelled"}
    assert audit_actions(office).count("booking.cancel") == 13
