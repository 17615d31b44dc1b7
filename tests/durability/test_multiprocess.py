"""Several real `mishu run` processes on one PostgreSQL database, against the fake Telegram Bot API.

(a) exactly one process runs the timers (the advisory lock); SIGKILL it and another takes over within
    seconds, reminders keep coming and none is sent twice;
(b) SIGKILL during the delivery of a notice to 200 people, start again: everyone gets it, nobody twice
    except at most the one message in flight at the kill;
and a reminder that fell due while the only process was down is sent once after the restart.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlmodel import func, select

from bot.bootstrap import build_app
from bot.clock import SystemClock
from bot.config import load_settings
from bot.notices.send import send_now
from storage.models import Outbox, OutboxStatus, Person, Room
from storage.models_notices import Notice, NoticeRecipient
from storage.models_rooms import Booking
from storage.uow import unit_of_work
from tests.conftest import SHANGHAI
from tests.durability.conftest import (
    Services,
    prepare,
    sends_per_chat,
    service_config,
    timer_holders,
    wait_until,
)
from tests.fakes.telegram_api import FakeTelegramAPI

REMINDER = "分钟后"  # in every room reminder: "提醒:15 分钟后 301 有您预订的…"


def book_soon(engine, people: list[tuple[int, str]], first_due_s: float, spacing_s: float) -> None:  # type: ignore[no-untyped-def]
    """One confirmed booking of 301 per person, back to back (PostgreSQL refuses overlaps), so their
    15-minute reminders fall due one by one from now on."""
    now = SystemClock().now()
    with unit_of_work(engine) as session:
        room = session.exec(select(Room).where(Room.name == "301")).one()
        for i, (person_id, _chat) in enumerate(people):
            start = now + timedelta(minutes=15, seconds=first_due_s + i * spacing_s)
            session.add(Booking(room_id=room.id or 0, organizer_id=person_id, start=start,
                                end=start + timedelta(seconds=spacing_s or 60), title=f"会{i}", created_at=now))


def open_rows(engine) -> int:  # type: ignore[no-untyped-def]
    """Outbox rows not yet sent (pending or claimed)."""
    with unit_of_work(engine) as session:
        return int(session.exec(select(func.count()).select_from(Outbox).where(
            Outbox.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING)))).one())  # type: ignore[attr-defined]


async def test_one_timer_process_and_a_standby_takes_over_after_sigkill(
        fake_telegram: FakeTelegramAPI, postgres_url: str, tmp_path: Path, services: Services) -> None:
    config = service_config(tmp_path, fake_telegram, postgres_url, tick_seconds=0.5, lease_seconds=3)
    engine, people = prepare(config, people=12, first_chat=71_000)
    book_soon(engine, people, first_due_s=6, spacing_s=2)  # due at +6 s, +8 s … +28 s
    a, b = services.make("mishu-a", config, postgres_url), services.make("mishu-b", config, postgres_url)
    seen: list[list[str]] = []

    async def watch() -> None:
        while True:
            seen.append(await asyncio.to_thread(timer_holders, engine))
            await asyncio.sleep(0.1)

    watcher = asyncio.create_task(watch())
    try:
        await a.start()
        await wait_until(lambda: timer_holders(engine) == ["mishu-a"], timeout=15)
        await b.start()
        await wait_until(lambda: sum(sends_per_chat(fake_telegram, REMINDER).values()) >= 3, timeout=25)
        # Kill between two due times, with nothing in flight: a message cut off mid-send is (b)'s subject.
        await wait_until(lambda: open_rows(engine) == 0, timeout=5, step=0.02)
        await a.kill()
        took = await wait_until(lambda: timer_holders(engine) == ["mishu-b"], timeout=10)
        await wait_until(lambda: len(sends_per_chat(fake_telegram, REMINDER)) == len(people), timeout=40)
        a2 = services.make("mishu-a2", config, postgres_url)
        await a2.start()  # back as a standby: b keeps the timers
        await asyncio.sleep(3)
        assert timer_holders(engine) == ["mishu-b"]
    finally:
        watcher.cancel()
    assert took < 10
    assert all(len(holders) <= 1 for holders in seen), "two processes held the timer lock at once"
    assert {"mishu-a", "mishu-b"} <= {h for holders in seen for h in holders}
    per_chat = sends_per_chat(fake_telegram, REMINDER)
    assert per_chat == Counter({chat: 1 for _pid, chat in people}), per_chat  # every reminder, none twice
    for service in (b, a2):
        assert await service.stop() == 0, service.log[-3000:]
        assert "Traceback" not in service.log, service.log[-3000:]
    with unit_of_work(engine) as session:
        rows = list(session.exec(select(Outbox)))
        assert len(rows) == len(people) and {r.status for r in rows} == {OutboxStatus.SENT}
        assert all(b.reminded_at is not None for b in session.exec(select(Booking)))
    engine.dispose()


def queue_notice(config: Path, recipients: list[tuple[int, str]]) -> int:
    """A notice to every recipient through the notices service's own fan-out (send_now); returns its id."""
    settings = load_settings(str(config))
    clock = SystemClock()
    app = build_app(settings, frozenset({"telegram"}), clock)
    with unit_of_work(app.engine) as session:
        sender = session.exec(select(Person).where(Person.name == "张敏")).one()
        notice = Notice(sender_id=sender.id or 0, title="消防演练", content="周五下午三点全体消防演练,请准时参加。",
                        created_at=clock.now(), lang="zh-Hans")
        session.add(notice)
        session.flush()
        for person_id, _chat in recipients:
            session.add(NoticeRecipient(notice_id=notice.id or 0, person_id=person_id))
        session.flush()
        ctx = app.core.job_context(session, clock.now(), actor=sender)
        send_now(ctx, notice)
        notice_id = notice.id or 0
    app.engine.dispose()
    return notice_id


async def test_sigkill_mid_notice_everyone_gets_it_at_most_the_one_in_flight_twice(
        fake_telegram: FakeTelegramAPI, postgres_url: str, tmp_path: Path, services: Services) -> None:
    config = service_config(tmp_path, fake_telegram, postgres_url, tick_seconds=1, lease_seconds=3)
    engine, people = prepare(config, people=200, first_chat=72_000)
    queue_notice(config, people)
    fake_telegram.slow_down(0.03, frozenset({"sendMessage"}))
    first = services.make("mishu-1", config, postgres_url)
    await first.start()
    await fake_telegram.wait_for("sendMessage", count=60, timeout=30)
    await first.kill()
    killed_after = len(fake_telegram.calls_to("sendMessage"))
    assert killed_after < len(people), "the kill came too late to test anything"
    second = services.make("mishu-2", config, postgres_url)
    await second.start()
    await wait_until(lambda: len(sends_per_chat(fake_telegram, "消防演练")) == len(people), timeout=40)
    await wait_until(lambda: open_rows(engine) == 0, timeout=10)
    assert await second.stop() == 0, second.log[-3000:]
    assert "Traceback" not in second.log, second.log[-3000:]

    per_chat = sends_per_chat(fake_telegram, "消防演练")
    assert set(per_chat) == {chat for _pid, chat in people}  # everyone
    twice = {chat: n for chat, n in per_chat.items() if n > 1}
    assert len(twice) <= 1 and all(n == 2 for n in twice.values()), twice  # only the one in flight, once more
    with unit_of_work(engine) as session:
        rows = list(session.exec(select(Outbox).where(Outbox.source_type == "notice")))
    assert len(rows) == len(people) and {r.status for r in rows} == {OutboxStatus.SENT}
    engine.dispose()


async def test_a_reminder_due_while_down_is_sent_once_after_restart(
        fake_telegram: FakeTelegramAPI, tmp_path: Path, services: Services) -> None:
    url = f"sqlite:///{tmp_path / 'run.db'}"
    config = service_config(tmp_path, fake_telegram, url, tick_seconds=0.5)
    engine, people = prepare(config, people=1, first_chat=73_000)
    chat = people[0][1]
    book_soon(engine, people, first_due_s=0.5, spacing_s=0)
    await asyncio.sleep(2)  # it falls due while no process runs
    service = services.make("mishu", config, url)
    await service.start()
    await wait_until(lambda: bool(fake_telegram.sent_texts(chat)), timeout=20)
    assert await service.stop() == 0, service.log[-3000:]
    again = services.make("mishu-again", config, url)
    await again.start()
    await asyncio.sleep(3)  # several ticks of a fresh process
    assert await again.stop() == 0, again.log[-3000:]
    [text] = fake_telegram.sent_texts(chat)
    with unit_of_work(engine) as session:
        start = session.exec(select(Booking)).one().start
    assert REMINDER in text and f"{start.astimezone(SHANGHAI):%H:%M}–" in text, text  # the booking's own time
    engine.dispose()
