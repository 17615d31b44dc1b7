"""The main rooms paths on SQLite and PostgreSQL: book, conflict, free rooms, move, cancel, series."""

from __future__ import annotations

from adapters.fake import FakeOffice
from tests.scenarios.rooms_helpers import Script, at, book, bookings


async def test_rooms_work_the_same_on_every_database(any_office: FakeOffice) -> None:
    script = Script(any_office)
    zhang, li = any_office.person("张敏"), any_office.person("李伟")
    await book(any_office, script, "张敏", "订明天下午三点到四点的301", room="301",
               start=at(11, 24, 15), end=at(11, 24, 16))
    await li.says(script.expect("book room 301 tomorrow 3-4pm", "room.book", room="room 301",
                                start=at(11, 24, 15), end=at(11, 24, 16)))
    assert "301 is taken" in li.last_reply
    await li.says(script.expect("which rooms are free tomorrow afternoon?", "room.free",
                                start=at(11, 24, 14), end=at(11, 24, 18)))
    assert "小会议室" in li.last_reply and "· 301" not in li.last_reply
    await zhang.says(script.expect("把明天下午三点那个会改到四点", "room.move", start=at(11, 24, 15),
                                   new_start=at(11, 24, 16)))
    await zhang.press("确认")
    assert "已改到 301 11月24日(周二) 16:00–17:00" in zhang.last_reply
    await book(any_office, script, "李伟", "book room 301 tomorrow 3-4pm", room="room 301",
               start=at(11, 24, 15), end=at(11, 24, 16))
    await zhang.says(script.expect("取消明天下午四点的301", "room.cancel", room="301", start=at(11, 24, 16)))
    await zhang.press("确认")
    assert [b.status for b in bookings(any_office)] == ["cancelled", "confirmed"]
    wang = any_office.person("王志强")
    await wang.says(script.expect("每周三上午十点到十一点订小会议室,到12月16日", "room.book", room="小会议室",
                                  start=at(11, 25, 10), end=at(11, 25, 11), rrule="FREQ=WEEKLY;BYDAY=WE",
                                  until=at(12, 16, 23, 59)))
    await wang.press("确认")
    assert "周期会议 4 次" in wang.last_reply
