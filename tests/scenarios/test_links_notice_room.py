"""Notice ↔ room: a meeting notice books its room; moving or cancelling that booking tells the attendees."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from adapters.fake import FakeOffice, FakePerson
from bot.config import Settings
from storage.models import AuditLog, Room
from storage.models_notices import Notice
from storage.models_rooms import Booking
from storage.uow import unit_of_work
from tests.conftest import MONDAY_MORNING
from tests.scenarios.digest_helpers import book
from tests.scenarios.rooms_helpers import with_booking_policy

SH = ZoneInfo("Asia/Shanghai")
HEADS = ("王志强", "周涛", "吴刚", "郑华")
SAFETY = "发会议通知:明天下午三点在第二会议室召开安全生产工作会议,各科室负责人参加,请带本部门第三季度安全检查情况"
BUDGET_EN = "notify Zhou Tao and Wu Gang: budget review meeting tomorrow 3-4pm in room 2, bring the draft budget"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SH)


def rows(office: FakeOffice) -> list[tuple[Booking, str]]:
    with unit_of_work(office.app.engine) as session:
        found = session.exec(select(Booking, Room).join(Room)).all()  # type: ignore[call-overload]
        return [(b, r.name) for b, r in found]


def notice(office: FakeOffice) -> Notice:
    with unit_of_work(office.app.engine) as session:
        return session.exec(select(Notice)).one()


def audit(office: FakeOffice) -> list[str]:
    with unit_of_work(office.app.engine) as session:
        return [a.action for a in session.exec(select(AuditLog))]


async def send_safety(office: FakeOffice) -> FakePerson:
    for name in HEADS:
        office.person(name)
    zhang = office.person("张敏")
    await zhang.says(SAFETY)
    await zhang.press("确认")
    return zhang


async def test_meeting_notice_books_the_room_it_names(office: FakeOffice) -> None:
    zhang = await send_safety(office)
    assert "已发出,共 4 人" in zhang.last_reply
    assert "已为本次会议预订 第二会议室 11月24日(周二) 15:00–16:00" in zhang.last_reply
    [(booking, room)] = rows(office)
    assert room == "第二会议室" and booking.status == "confirmed"
    assert booking.notice_id == notice(office).id and booking.title == "安全生产工作会议"
    assert booking.start == at(24, 15) and booking.end == at(24, 16) and booking.attendees == 5
    assert {"booking.create", "notice.book_room", "notice.send"} <= set(audit(office))
    await zhang.says("订明天下午三点半到四点的第二会议室")
    assert "已被「安全生产工作会议」占用" in zhang.last_reply


async def test_moving_the_booking_tells_the_attendees_and_moves_the_meeting(office: FakeOffice) -> None:
    zhang = await send_safety(office)
    await zhang.says("把明天下午三点那个会改到四点")
    await zhang.press("确认")
    assert "已通知会议通知的 4 位收件人" in zhang.last_reply
    told = office.person("周涛").received("【会议室变更】《安全生产工作会议》")
    assert len(told) == 1
    assert "由 第二会议室 11月24日(周二) 15:00-16:00 改为 第二会议室 11月24日(周二) 16:00-17:00" in told[0].text
    moved = notice(office)
    assert moved.start == at(24, 16) and moved.end == at(24, 17)
    assert "notice.follow_booking" in audit(office) and "notice.room_changed" in audit(office)


async def test_cancelling_the_booking_tells_the_attendees(office: FakeOffice) -> None:
    zhang = await send_safety(office)
    await zhang.says("取消明天下午三点的会议室")
    await zhang.press("确认")
    assert "已取消" in zhang.last_reply and "已通知会议通知的 4 位收件人" in zhang.last_reply
    for name in HEADS:
        assert office.person(name).received("【会议室取消】《安全生产工作会议》原定 第二会议室")
    assert notice(office).status == "sent"  # the meeting itself is not cancelled by losing its room


async def test_english_notice_books_room_2_and_a_move_reaches_english_readers(office: FakeOffice) -> None:
    zhou, wu = office.person("周涛"), office.person("吴刚")
    li_na = office.person("李娜")
    await li_na.says(BUDGET_EN)
    await li_na.press(1)
    assert "sent to 2 people" in li_na.last_reply
    assert "Booked 第二会议室 Tue 24 Nov 15:00–16:00 for the meeting." in li_na.last_reply
    await li_na.says("move tomorrow's 3pm meeting to 4pm")
    await li_na.press(1)
    assert "The 2 recipients of the linked notice were told." in li_na.last_reply
    assert zhou.received("【会议室变更】") and wu.received("16:00-17:00")


async def test_a_taken_room_is_reported_and_the_notice_still_goes_out(office: FakeOffice) -> None:
    book(office, "第二会议室", "孙丽", at(24, 14), at(24, 17), "财务培训")
    zhang = await send_safety(office)
    assert "已发出,共 4 人" in zhang.last_reply
    assert "第二会议室在 11月24日(周二) 14:00–17:00 已被「财务培训」占用" in zhang.last_reply
    assert "第一会议室" in zhang.last_reply  # a free room of enough seats is proposed
    assert office.person("周涛").received("安全生产工作会议")
    assert len(rows(office)) == 1


async def test_the_sender_s_own_booking_is_linked_not_doubled(office: FakeOffice) -> None:
    book(office, "第二会议室", "张敏", at(24, 14, 30), at(24, 16, 30), "安全会")
    zhang = await send_safety(office)
    assert "已把您预订的 第二会议室 11月24日(周二) 14:30–16:30 关联到本通知" in zhang.last_reply
    [(booking, _)] = rows(office)
    assert booking.notice_id == notice(office).id


async def test_correcting_the_place_moves_and_cancelling_the_notice_frees_the_room(office: FakeOffice) -> None:
    zhang = await send_safety(office)
    await zhang.says("通知更正:地点改为第一会议室,时间不变")
    await zhang.press("确认")
    assert "会议室预订已随通知改为 第一会议室 11月24日(周二) 15:00–16:00" in zhang.last_reply
    assert [name for _, name in rows(office)] == ["第一会议室"]
    await zhang.says("取消安全生产工作会议通知")
    await zhang.press("确认")
    [(booking, _)] = rows(office)
    assert booking.status == "cancelled"
    assert not office.person("周涛").received("【会议室取消】")  # they heard of the notice's cancellation instead


@pytest.fixture
def releasing_office(settings: Settings, tmp_path: Path) -> Iterator[FakeOffice]:
    office = FakeOffice(with_booking_policy(settings, auto_release=True), MONDAY_MORNING,
                        database_url=f"sqlite:///{tmp_path / 'release.db'}")
    yield office
    office.app.engine.dispose()


async def test_auto_released_room_is_announced_to_the_attendees(releasing_office: FakeOffice) -> None:
    office = releasing_office
    await send_safety(office)
    await office.advance(days=1, hours=6)  # Tuesday 15:00, the meeting starts
    await office.advance(minutes=15)  # nobody checked in within 10 minutes
    assert office.person("吴刚").received("【会议室释放】《安全生产工作会议》的 第二会议室")
    [(booking, _)] = rows(office)
    assert booking.status == "released"
