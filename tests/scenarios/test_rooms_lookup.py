"""Which rooms are free, a room's or all rooms' schedule for a day or week, and my bookings."""

from __future__ import annotations

import pytest

from adapters.fake import FakeOffice
from tests.scenarios.rooms_helpers import Script, at, book


@pytest.fixture
def script(office: FakeOffice) -> Script:
    return Script(office)


async def _seed(office: FakeOffice, script: Script) -> None:
    await book(office, script, "张敏", "订后天上午九点到十点的第二会议室", room="第二会议室",
               start=at(11, 25, 9), end=at(11, 25, 10))
    await book(office, script, "孙丽", "订周五下午两点到三点的大会议室,预算会", room="大会议室",
               start=at(11, 27, 14), end=at(11, 27, 15), title="预算会")


async def test_free_rooms_for_twenty_people_in_chinese(office: FakeOffice, script: Script) -> None:
    await _seed(office, script)
    zhou = office.person("周涛")
    await zhou.says(script.expect("后天上午哪个会议室空着?要能坐二十人", "room.free", start=at(11, 25, 9),
                                  end=at(11, 25, 12), attendees=20))
    assert "没有空闲的会议室" in zhou.last_reply and "至少 20 座" in zhou.last_reply
    await zhou.says(script.expect("后天上午哪些会议室空着", "room.free", start=at(11, 25, 9), end=at(11, 25, 12)))
    assert "小会议室(6人)\n· 301(8人)\n· 第一会议室(10人)" in zhou.last_reply
    assert "第二会议室" not in zhou.last_reply


async def test_free_rooms_in_english_smallest_first(office: FakeOffice, script: Script) -> None:
    li = office.person("李伟")
    await li.says(script.expect("which rooms are free tomorrow afternoon for 9 people?", "room.free",
                                start=at(11, 24, 14), end=at(11, 24, 18), attendees=9))
    assert "Free Tue 24 Nov 14:00–18:00 (at least 9 seats), smallest first:" in li.last_reply
    assert li.last_reply.index("第一会议室") < li.last_reply.index("第二会议室")
    assert "301" not in li.last_reply


async def test_is_one_room_free(office: FakeOffice, script: Script) -> None:
    await _seed(office, script)
    li = office.person("李伟")
    await li.says(script.expect("is the big room free on Friday afternoon?", "room.free", room="big room",
                                start=at(11, 27, 14), end=at(11, 27, 18)))
    assert "第二会议室 is booked Fri 27 Nov 14:00–18:00" in li.last_reply
    assert "预算会" in li.last_reply and "Free rooms at that time: 小会议室 (6 seats)" in li.last_reply
    await li.says(script.expect("is room 301 free on Friday afternoon?", "room.free", room="room 301",
                                start=at(11, 27, 14), end=at(11, 27, 18)))
    assert "301 is free Fri 27 Nov 14:00–18:00" in li.last_reply


async def test_schedule_of_one_room_for_a_day(office: FakeOffice, script: Script) -> None:
    await _seed(office, script)
    wang = office.person("王志强")
    await wang.says(script.expect("周五大会议室有哪些安排", "room.schedule", room="大会议室", start=at(11, 27)))
    assert "第二会议室 11月27日(周五) 的安排" in wang.last_reply
    assert "14:00–15:00 第二会议室「预算会」孙丽" in wang.last_reply
    assert "09:00" not in wang.last_reply


async def test_schedule_of_all_rooms_for_the_week(office: FakeOffice, script: Script) -> None:
    await _seed(office, script)
    await book(office, script, "李伟", "book room 301 tomorrow 3-4pm", room="room 301",
               start=at(11, 24, 15), end=at(11, 24, 16))
    li = office.person("李伟")
    await li.says(script.expect("show this week's room schedule", "room.schedule", start=at(11, 23)))
    reply = li.last_reply
    assert reply.startswith("All rooms, Mon 23 Nov–Sun 29 Nov:")
    assert reply.index("Tue 24 Nov") < reply.index("Wed 25 Nov") < reply.index("Fri 27 Nov")
    assert "Li Wei" in reply and "Sun Li" in reply


async def test_schedule_of_a_free_day(office: FakeOffice, script: Script) -> None:
    zhang = office.person("张敏")
    await zhang.says(script.expect("今天大会议室有哪些安排", "room.schedule", room="大会议室", start=at(11, 23)))
    assert "第二会议室 11月23日(周一) 没有安排" in zhang.last_reply


async def test_my_bookings_in_both_languages(office: FakeOffice, script: Script) -> None:
    await _seed(office, script)
    sun, zhang, li = office.person("孙丽"), office.person("张敏"), office.person("李伟")
    await sun.says(script.expect("我的会议室预订", "room.mine"))
    assert "您的会议室预订(共 1 条)" in sun.last_reply and "预算会" in sun.last_reply
    assert "张敏" not in sun.last_reply
    await zhang.says("我的会议室预订")
    await zhang.press("✕1")
    assert "已取消 第二会议室" in zhang.last_reply
    await li.says(script.expect("my bookings", "room.mine"))
    assert li.last_reply == "You have no upcoming room bookings."
