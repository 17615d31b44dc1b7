"""Moving and cancelling bookings from words and buttons; permissions; people of a linked notice told."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from adapters.fake import FakeOffice
from bot.context import Context
from bot.directory import find_person
from bot.rooms import BookingChange, on_booking_changed
from bot.rooms.changes import BOOKING_CHANGE_HOOKS
from storage.models_rooms import Booking
from tests.scenarios.rooms_helpers import Script, at, audit_actions, book, bookings, set_notice


@pytest.fixture
def script(office: FakeOffice) -> Script:
    return Script(office)


async def _tuesday_301(office: FakeOffice, script: Script, name: str = "张敏") -> Booking:
    return await book(office, script, name, "订明天下午三点到四点的301", room="301",
                      start=at(11, 24, 15), end=at(11, 24, 16))


async def test_cancel_in_chinese_by_day(office: FakeOffice, script: Script) -> None:
    zhang = office.person("张敏")
    await book(office, script, "张敏", "订27号上午十点到十一点的301", room="301",
               start=at(11, 27, 10), end=at(11, 27, 11))
    await zhang.says(script.expect("取消我27号订的会议室", "room.cancel", start=at(11, 27)))
    assert "确认取消这条预订吗" in zhang.last_reply and "11月27日(周五) 10:00–11:00 301" in zhang.last_reply
    await zhang.press("确认")
    assert "已取消 301 11月27日(周五) 10:00–11:00 的预订" in zhang.last_reply
    assert [b.status for b in bookings(office)] == ["cancelled"]
    assert "booking.cancel" in audit_actions(office)


async def test_cancel_in_english_by_weekday(office: FakeOffice, script: Script) -> None:
    li = office.person("李伟")
    await book(office, script, "李伟", "book room 301 on Thursday 10-11am", room="room 301",
               start=at(11, 26, 10), end=at(11, 26, 11))
    await li.says(script.expect("cancel my booking on Thursday", "room.cancel", start=at(11, 26)))
    assert "Cancel this booking?" in li.last_reply
    await li.says("yes")
    assert li.last_reply.startswith("Cancelled 301 Thu 26 Nov 10:00–11:00")


async def test_move_keeps_the_length(office: FakeOffice, script: Script) -> None:
    zhang = office.person("张敏")
    await _tuesday_301(office, script)
    await zhang.says(script.expect("把明天下午三点那个会改到四点", "room.move", start=at(11, 24, 15),
                                   new_start=at(11, 24, 16)))
    assert "确认改期吗" in zhang.last_reply and "新:301 11月24日(周二) 16:00–17:00" in zhang.last_reply
    await zhang.press("确认")
    assert "已改到 301 11月24日(周二) 16:00–17:00" in zhang.last_reply
    [b] = bookings(office)
    assert (b.start, b.end) == (at(11, 24, 16), at(11, 24, 17))
    assert "booking.move" in audit_actions(office)


async def test_move_in_english_with_a_new_end(office: FakeOffice, script: Script) -> None:
    li = office.person("李伟")
    await book(office, script, "李伟", "book room 301 tomorrow 3-4pm", room="room 301",
               start=at(11, 24, 15), end=at(11, 24, 16))
    await li.says(script.expect("move my meeting tomorrow at 3pm to Wednesday 10-11:30am", "room.move",
                                start=at(11, 24, 15), new_start=at(11, 25, 10), new_end=at(11, 25, 11, 30)))
    assert "To: 301 Wed 25 Nov 10:00–11:30" in li.last_reply
    await li.press("Confirm")
    assert "Moved to 301 Wed 25 Nov 10:00–11:30" in li.last_reply


async def test_buttons_on_the_booking_move_and_cancel(office: FakeOffice, script: Script) -> None:
    zhang = office.person("张敏")
    await _tuesday_301(office, script)
    booked = zhang.last_with_buttons()
    await zhang.press("改时间", booked)
    assert "要把这条预订改到什么时间" in zhang.last_reply
    await zhang.says("下午五点")
    assert "新:301 11月24日(周二) 17:00–18:00" in zhang.last_reply
    await zhang.press("确认")
    await zhang.press("取消预订", booked)
    assert "已取消 301 11月24日(周二) 17:00–18:00" in zhang.last_reply
    await zhang.press("取消预订", booked)
    assert "已经取消或不存在" in zhang.last_reply
    assert [b.status for b in bookings(office)] == ["cancelled"]


async def test_only_organiser_director_or_admin_may_change(office: FakeOffice, script: Script) -> None:
    zhang, sun, wang = office.person("张敏"), office.person("孙丽"), office.person("王志强")
    await _tuesday_301(office, script)
    booked = zhang.last_with_buttons()
    await sun.press("取消预订", booked)
    assert "只有预订人、办公室主任或管理员" in sun.last_reply
    await sun.says(script.expect("取消明天下午三点的301", "room.cancel", room="301", start=at(11, 24, 15)))
    assert "没有找到您能修改的" in sun.last_reply
    assert [b.status for b in bookings(office)] == ["confirmed"]
    await wang.says("取消明天下午三点的301")
    await wang.press("确认")
    assert "已取消" in wang.last_reply
    assert zhang.received("已被 王志强 取消")


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
            ctx.notify(person, "room_moved_for_you", room="301", old="-", new=change.kind, by=ctx.person.name)
        return 2

    on_booking_changed(tell_recipients)
    yield seen
    BOOKING_CHANGE_HOOKS.remove(tell_recipients)


async def test_people_of_a_linked_notice_hear_of_a_move(office: FakeOffice, script: Script,
                                                        notice_hook: list[BookingChange]) -> None:
    zhang, zhou = office.person("张敏"), office.person("周涛")
    booking = await _tuesday_301(office, script)
    set_notice(office, booking.id, 7)
    await zhang.says(script.expect("把明天下午三点那个会改到四点", "room.move", start=at(11, 24, 15),
                                   new_start=at(11, 24, 16)))
    await zhang.press("确认")
    assert "已通知会议通知的 2 位收件人" in zhang.last_reply
    assert zhou.received("moved")
    assert [c.kind for c in notice_hook] == ["moved"] and notice_hook[0].old_start == at(11, 24, 15)


async def test_moving_into_a_taken_slot_is_refused(office: FakeOffice, script: Script) -> None:
    zhang = office.person("张敏")
    await _tuesday_301(office, script)
    await book(office, script, "孙丽", "订明天下午四点到五点的301", room="301", start=at(11, 24, 16), end=at(11, 24, 17))
    await zhang.says(script.expect("把明天下午三点那个会改到四点", "room.move", start=at(11, 24, 15),
                                   new_start=at(11, 24, 16)))
    assert "已被占用,不能改到这个时间" in zhang.last_reply
    assert bookings(office)[0].start == at(11, 24, 15)
