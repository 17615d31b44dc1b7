"""Repeats a platform or a second process can cause, and the unique keys that make them harmless.

Audit (what can repeat, and what stops it):
- an update/event delivered twice (Telegram re-sends, Slack retries, a webhook retry landing on another
  process, possibly at the same moment): `processedevent.event_id` is the primary key; the loser's insert
  fails and it answers nothing — tests/scenarios/test_core.py (one after the other), here at the same time
  in two cores and after a restart;
- a message queued twice by a due job that ran twice (two processes ticking while the timer lease changes
  hands): `outbox.idempotency_key` is unique; jobs mark their rows done in the same transaction — here two
  cores tick at the same instant;
- a job without an idempotency key (scheduled notices' fan-out): runs of one due job are serialised by a
  PostgreSQL transaction advisory lock per job (bot/jobs.py), so the second run sees the first one's work;
- a button pressed twice (acknowledgements, Confirm): the state decides — tests/scenarios (one after the
  other); here the same Confirm pressed twice at the same moment (a double tap gives two callback queries
  with two ids): the read-back is consumed by a DELETE whose row count tells the second press to do
  nothing (bot/dialog.py), on SQLite and PostgreSQL;
- an outbox row sent twice: claimed with a lease renewed by compare-and-set (test_outbox_lease.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from adapters.fake import FakeOffice
from bot.bootstrap import App, build_app
from bot.config import Settings
from bot.directory import find_person
from bot.messages import Incoming, Platform
from storage.models import Outbox, ProcessedEvent
from storage.models_notices import Notice, NoticeRecipient, NoticeStatus
from storage.uow import unit_of_work
from tests.conftest import MONDAY_MORNING
from tests.scenarios.rooms_helpers import Script, at
from tests.scenarios.test_notices_send import HEADS, SAFETY, link

Office = tuple[FakeOffice, str]


@pytest.fixture
def office_url(settings: Settings, database_url: str) -> Iterator[Office]:
    """The demo office on SQLite and PostgreSQL, with its URL for second processes."""
    office = FakeOffice(settings, MONDAY_MORNING, database_url=database_url)
    yield office, database_url
    office.app.engine.dispose()


def second_process(office: FakeOffice, url: str) -> App:
    """Another process's engine and core on the same database and instant."""
    return build_app(office.settings, frozenset({Platform.FAKE.value}), office.clock, database_url=url)


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        barrier.wait(timeout=10)
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


async def test_the_same_event_at_two_processes_at_once_is_handled_once(office_url: Office) -> None:
    office, url = office_url
    other = second_process(office, url)
    try:
        qian = office.person("钱峰")
        event = Incoming(event_id="tg:777", chat=qian.private_chat, user=qian.user, text="添加会议室 402 12人")
        first, second = at_once(lambda: office.core.handle(event), lambda: other.core.handle(event))
        assert sorted([len(first), len(second)]) == [0, 1], (first, second)
        restarted = second_process(office, url)
        assert restarted.core.handle(event) == []  # and after a restart
        restarted.engine.dispose()
        with unit_of_work(office.app.engine) as session:
            assert len(list(session.exec(select(ProcessedEvent)))) == 1
    finally:
        other.engine.dispose()


def test_an_idempotency_key_is_unique_in_the_database(office_url: Office) -> None:
    office, _url = office_url
    now = office.clock.now()
    with unit_of_work(office.app.engine) as session:
        session.add(Outbox(created_at=now, text="a", next_attempt_at=now, idempotency_key="k1"))
    with pytest.raises(IntegrityError), unit_of_work(office.app.engine) as session:
        session.add(Outbox(created_at=now, text="b", next_attempt_at=now, idempotency_key="k1"))


def schedule_notice(office: FakeOffice) -> None:
    """A notice to the department heads, scheduled for 10:00 (stored as the compose flow stores it)."""
    link(office, *HEADS)
    with unit_of_work(office.app.engine) as session:
        sender = find_person(session, "张敏")
        assert sender is not None
        notice = Notice(sender_id=sender.id or 0, title="季度总结", content="请于周五前提交季度总结。",
                        status=NoticeStatus.SCHEDULED, created_at=office.clock.now(), lang="zh-Hans",
                        send_at=office.clock.now() + timedelta(hours=1))
        session.add(notice)
        session.flush()
        for name in HEADS:
            person = find_person(session, name)
            assert person is not None
            session.add(NoticeRecipient(notice_id=notice.id or 0, person_id=person.id or 0))


async def test_two_processes_ticking_at_the_same_instant_do_each_due_thing_once(office_url: Office) -> None:
    office, url = office_url
    script = Script(office)
    wang = office.person("王志强")
    await wang.says(script.expect("订今天上午十点半到十一点的301", "room.book", room="301", start=at(11, 23, 10, 30),
                                  end=at(11, 23, 11)))
    await wang.press("确认")
    assert "已预订" in wang.last_reply
    schedule_notice(office)
    office.person("张敏")
    office.clock.advance(timedelta(hours=1, minutes=20))  # 10:20: the notice is due, the 10:15 reminder too
    other = second_process(office, url)
    try:
        for _ in range(3):  # three rounds of both at once, as if the lease changed hands mid-tick
            at_once(office.core.tick, other.core.tick)
    finally:
        other.engine.dispose()
    office.deliver()
    assert len(wang.received("分钟后")) == 1
    for name in HEADS:
        assert len(office.person(name).received("季度总结")) == 1, name
    assert len(office.person("张敏").received("季度总结")) == 1  # the sender's "sent" note, once


async def test_confirm_pressed_twice_at_the_same_moment_sends_the_notice_once(office_url: Office,
                                                                              request: pytest.FixtureRequest) -> None:
    office, url = office_url
    link(office, *HEADS)
    zhang = office.person("张敏")
    await zhang.says(SAFETY)
    readback = zhang.last_with_buttons()
    confirm = next(b for b in readback.buttons if b.label == "确认")
    other = second_process(office, url)
    try:
        presses = [Incoming(event_id=f"press:{i}", chat=readback.chat, user=zhang.user, action=confirm.action,
                            value=confirm.value) for i in range(2)]
        replies = at_once(lambda: office.core.handle(presses[0]), lambda: other.core.handle(presses[1]))
    finally:
        other.engine.dispose()
    texts = [r[0].text for r in replies if r]
    assert sum("已发出" in t for t in texts) == 1, texts
    office.deliver()
    for name in HEADS:
        assert len(office.person(name).received("安全生产工作会议")) == 1, name
    with unit_of_work(office.app.engine) as session:
        assert len(list(session.exec(select(Notice)))) == 1
