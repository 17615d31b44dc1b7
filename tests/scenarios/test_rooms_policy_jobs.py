"""Approvals (late requests, rooms, equipment), reminders, check-in, auto-release and the weekly schedule."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from adapters.fake import FakeOffice
from bot.config import Settings
from tests.conftest import MONDAY_MORNING
from tests.scenarios.rooms_helpers import Script, at, audit_actions, book, bookings, with_booking_policy


def _office(settings: Settings, tmp_path: Path, **booking: Any) -> FakeOffice:
    return FakeOffice(with_booking_policy(settings, **booking), MONDAY_MORNING,
                      database_url=f"sqlite:///{tmp_path / 'policy.db'}")


@pytest.fixture
def script(office: FakeOffice) -> Script:
    return Script(office)


@pytest.fixture
def strict_office(settings: Settings, tmp_path: Path) -> Iterator[FakeOffice]:
    """Room 2 needs approval, nobody-checked-in rooms are released, the schedule goes to 办公室群."""
    office = _office(settings, tmp_path, rooms_needing_approval=["第二会议室"], auto_release=True,
                     weekly_schedule_chat="办公室群")
    yield office
    office.app.engine.dispose()


async def test_late_request_for_next_week_needs_the_directors_approval(office: FakeOffice, script: Script) -> None:
    office.clock.advance(at(11, 27, 18) - MONDAY_MORNING)  # Friday after the 17:00 cut-off
    sun, wang = office.person("孙丽"), office.person("王志强")
    await sun.says(script.expect("订下周一上午十点到十一点的301", "room.book", room="301",
                                 start=at(11, 30, 10), end=at(11, 30, 11)))
    await sun.press("确认")
    assert "需要审批(临时申请,已过本周截止时间)" in sun.last_reply
    assert [b.status for b in bookings(office)] == ["pending_approval"]
    request = wang.last_with_buttons()
    assert "孙丽 申请 301 11月30日(周一) 10:00–11:00" in request.text
    await sun.press("同意", request)
    assert "您的角色不能做这件事" in sun.last_reply
    await wang.press("同意", request)
    assert "已同意 孙丽 的 301" in wang.last_reply
    assert sun.received("已获 王志强 同意")
    assert [b.status for b in bookings(office)] == ["confirmed"]
    await wang.press("同意", request)
    assert "已经处理过了" in wang.last_reply
    assert "booking.approve" in audit_actions(office)


async def test_equipment_needing_approval_declined_in_english(office: FakeOffice, script: Script) -> None:
    li, wang = office.person("李伟"), office.person("王志强")
    await li.says(script.expect("book room 301 tomorrow 3-4pm, we need microphones", "room.book", room="room 301",
                                start=at(11, 24, 15), end=at(11, 24, 16)))
    assert "Equipment: microphones" in li.last_reply
    await li.press("Confirm")
    assert "needs approval (the equipment needs approval)" in li.last_reply
    await wang.press("不同意")
    assert li.received("was declined by Director Wang")
    assert [b.status for b in bookings(office)] == ["cancelled"]


async def test_room_needing_approval_and_the_director_override(strict_office: FakeOffice) -> None:
    script = Script(strict_office)
    text = script.expect("订明天下午三点到四点的第二会议室", "room.book", room="第二会议室",
                         start=at(11, 24, 15), end=at(11, 24, 16))
    wang = strict_office.person("王志强")
    await wang.says(text)
    assert "该会议室本应审批" in wang.last_reply
    await wang.press("确认")
    assert "已预订 第二会议室" in wang.last_reply
    assert "booking.override" in audit_actions(strict_office)
    await book(strict_office, script, "孙丽", "订后天下午三点到四点的第二会议室", room="第二会议室",
               start=at(11, 25, 15), end=at(11, 25, 16))
    assert bookings(strict_office)[-1].status == "pending_approval"


async def test_reminder_then_check_in_by_button(office: FakeOffice, script: Script) -> None:
    zhang = office.person("张敏")
    await book(office, script, "张敏", "订明天下午三点到四点的301", room="301", start=at(11, 24, 15), end=at(11, 24, 16))
    await office.advance(hours=29, minutes=40)
    assert not zhang.received("提醒")
    await office.advance(minutes=5)
    [reminder] = zhang.received("提醒:15 分钟后 301")
    await office.advance(minutes=5)
    assert len(zhang.received("提醒")) == 1  # once
    await zhang.press("签到", reminder)
    assert "已签到:301" in zhang.last_reply
    assert bookings(office)[0].checked_in_at is not None


async def test_check_in_by_message_and_auto_release(strict_office: FakeOffice) -> None:
    script = Script(strict_office)
    li, zhang = strict_office.person("李伟"), strict_office.person("张敏")
    await book(strict_office, script, "李伟", "book room 301 tomorrow 3-4pm", room="room 301",
               start=at(11, 24, 15), end=at(11, 24, 16))
    await book(strict_office, script, "张敏", "订明天下午三点到四点的小会议室", room="小会议室",
               start=at(11, 24, 15), end=at(11, 24, 16))
    await li.says("check in")
    assert "no booking of yours to check in" in li.last_reply
    await strict_office.advance(hours=30, minutes=2)
    await li.says("check in")
    assert li.last_reply == "Checked in: 301."
    await strict_office.advance(minutes=10)
    assert zhang.received("无人签到,已自动释放")
    assert [b.status for b in bookings(strict_office)] == ["confirmed", "released"]
    await zhang.says("签到")
    assert "没有需要您签到" in zhang.last_reply


async def test_weekly_schedule_is_posted_to_the_group_on_friday_once(strict_office: FakeOffice) -> None:
    script = Script(strict_office)
    zhang = strict_office.person("张敏")
    await zhang.says("我的会议室预订", in_group="办公室群")  # Mishu learns the group
    await book(strict_office, script, "张敏", "订下周二上午十点到十一点的301,科务会", room="301",
               start=at(12, 1, 10), end=at(12, 1, 11), title="科务会")
    await strict_office.advance(days=4, hours=6)  # Friday 15:00
    assert not any("下周会议室安排" in m.text for m in strict_office.groups["办公室群"])
    await strict_office.advance(hours=1)
    await strict_office.advance(hours=1)
    posts = [m.text for m in strict_office.groups["办公室群"] if "下周会议室安排" in m.text]
    assert len(posts) == 1
    assert "11月30日(周一)–12月4日(周五)" in posts[0] and "10:00–11:00 301「科务会」张敏" in posts[0]
