"""Reminders survive restarts: one that fell due while Mishu was down is sent once after the restart, late,
stating the original time, never skipped and never twice.

In process: a "restart" is a new engine and BotCore on the same database (what `mishu run` builds on start),
and `office.advance` ticks once at the end of the jump, like the first tick after a long outage.
tests/durability/test_multiprocess.py does the same with real `mishu run` processes.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import select

from adapters.fake import FakeOffice
from bot.bootstrap import build_app
from bot.config import Settings
from bot.messages import Platform
from storage.models import Outbox
from storage.uow import unit_of_work
from tests.conftest import MONDAY_MORNING
from tests.scenarios.rooms_helpers import Script, at
from tests.scenarios.test_notices_send import send_safety_notice


@pytest.fixture
def durable_office(settings: Settings, database_url: str) -> Iterator[tuple[FakeOffice, str]]:
    """The demo office on SQLite and PostgreSQL, with its URL, so a test can restart the core on it."""
    office = FakeOffice(settings, MONDAY_MORNING, database_url=database_url)
    yield office, database_url
    office.app.engine.dispose()


def restart(office: FakeOffice, url: str) -> None:
    """Throw the process away (engine, core, scheduler state) and start again on the same database."""
    office.app.engine.dispose()
    office.app = build_app(office.settings, frozenset({Platform.FAKE.value}), office.clock, database_url=url)


def outbox_keys(office: FakeOffice, fragment: str) -> list[str | None]:
    """Idempotency keys of the outbox rows whose text contains `fragment`."""
    with unit_of_work(office.app.engine) as session:
        return [r.idempotency_key for r in session.exec(select(Outbox)) if fragment in r.text]


async def test_room_reminder_due_during_an_outage_is_sent_once_late_with_the_time(
        durable_office: tuple[FakeOffice, str]) -> None:
    office, url = durable_office
    script = Script(office)
    wang = office.person("王志强")
    text = script.expect("订明天下午三点到四点的301", "room.book", room="301", start=at(11, 24, 15), end=at(11, 24, 16))
    await wang.says(text)
    await wang.press("确认")
    assert "已预订" in wang.last_reply
    await office.advance(hours=29, minutes=40)  # Tuesday 14:40; then the process dies
    assert not wang.received("分钟后")
    restart(office, url)
    await office.advance(minutes=12)  # back at 14:52: the 14:45 reminder is 7 minutes late
    [late] = wang.received("分钟后")
    assert "8 分钟后 301" in late.text and "15:00–16:00" in late.text, late.text
    assert [b.label for b in late.buttons] == ["签到"]
    await office.advance(minutes=1)
    restart(office, url)
    await office.advance(minutes=1)
    assert len(wang.received("分钟后")) == 1
    assert len(outbox_keys(office, "分钟后")) == 1


async def test_meeting_reminders_missed_during_an_outage_give_one_late_reminder(
        durable_office: tuple[FakeOffice, str]) -> None:
    office, url = durable_office
    await send_safety_notice(office)  # Monday 09:00; the meeting is Tuesday 15:00, reminders at -1 day and -30 min
    zhou = office.person("周涛")
    await office.advance(hours=5)  # Monday 14:00; the process dies before the day-before reminder
    restart(office, url)
    await office.advance(hours=24, minutes=50)  # Tuesday 14:50: both reminder times have passed
    reminders = zhou.received("会议提醒")
    assert len(reminders) == 1, [m.text for m in reminders]  # the nearest only, not both at once
    assert "11月24日(周二) 15:00" in reminders[0].text, reminders[0].text
    restart(office, url)
    await office.advance(minutes=5)
    assert len(zhou.received("会议提醒")) == 1
