"""Outbox delivery through the real TelegramSender to the fake Bot API, under Telegram's limits and faults."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select
from telegram import Bot

from adapters.telegram import TelegramSender
from bench.delivery import SENDER_NAME, deliver_all, floor_seconds, limit_fake, office_database
from bot.clock import SystemClock
from bot.directory import find_person, link_identity
from bot.ratelimit import RateLimiter
from bot.worker import DeliveryWorker, claim_due
from storage.db import make_engine
from storage.models import Outbox, OutboxStatus
from storage.uow import unit_of_work
from tests.fakes.telegram_api import FakeTelegramAPI

SENDER_CHAT = "499999"


@pytest.fixture
async def tg_sender(fake_telegram: FakeTelegramAPI) -> AsyncIterator[TelegramSender]:
    """A TelegramSender on a real PTB Bot pointed at the fake."""
    async with Bot(fake_telegram.token, base_url=fake_telegram.base_url,
                   base_file_url=fake_telegram.base_file_url) as bot:
        yield TelegramSender(bot)


def outbox_rows(engine: Engine) -> list[Outbox]:
    """Every outbox row, oldest first."""
    with unit_of_work(engine) as session:
        rows = list(session.exec(select(Outbox).order_by(Outbox.id)))  # type: ignore[arg-type]
        session.expunge_all()
        return rows


def successes_per_chat(api: FakeTelegramAPI) -> Counter[str]:
    """How many messages the fake accepted per chat."""
    return Counter(chat for chat, _ in api.messages)


async def test_300_recipients_each_get_the_push_exactly_once_despite_limits_and_faults(
        fake_telegram: FakeTelegramAPI, tg_sender: TelegramSender, tmp_path: Path) -> None:
    limit_fake(fake_telegram, rate_429=0.04, rate_500=0.04, seed=300)
    url = f"sqlite:///{tmp_path / 'office.db'}"
    made = office_database(url, 300)
    engine = make_engine(url)

    elapsed = await deliver_all(engine, {"telegram": tg_sender.send}, timeout=28)

    per_chat = successes_per_chat(fake_telegram)
    assert len(per_chat) == 300 and set(per_chat.values()) == {1}
    for recipient in made:
        assert fake_telegram.sent_texts(recipient.chat_id) == [recipient.text]
    rows = outbox_rows(engine)
    assert {row.status for row in rows} == {OutboxStatus.SENT}
    assert all(row.sent_at is not None and row.attempts >= 1 for row in rows)
    # Every sendMessage call is one recorded attempt; the injected faults made some rows try again.
    calls = fake_telegram.calls_to("sendMessage")
    assert sum(row.attempts for row in rows) == len(calls)
    assert any(row.attempts > 1 for row in rows)
    ids = {(chat, str(message_id)) for chat, message_id in fake_telegram.messages}
    assert {(row.chat_id, row.platform_message_id) for row in rows} == ids
    # 30/s overall is the floor; the limiter keeps to it instead of hammering the server.
    assert floor_seconds(300) * 0.9 <= elapsed < 28
    engine.dispose()


async def test_a_blocked_recipient_fails_once_and_the_sender_is_told_once(
        fake_telegram: FakeTelegramAPI, tg_sender: TelegramSender, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    made = office_database(url, 3)
    engine = make_engine(url)
    with unit_of_work(engine) as session:
        sender = find_person(session, SENDER_NAME)
        assert sender is not None
        link_identity(session, sender, "telegram", SENDER_CHAT, SENDER_CHAT, SystemClock().now())
    blocked = made[1]
    fake_telegram.block_chat(blocked.chat_id)

    await deliver_all(engine, {"telegram": tg_sender.send}, timeout=10)
    worker = DeliveryWorker(engine, {"telegram": tg_sender.send}, SystemClock(), RateLimiter())
    for _ in range(3):  # later passes leave the failed row alone
        assert await worker.deliver_once() == 0

    to_blocked = [c for c in fake_telegram.calls_to("sendMessage") if c.params["chat_id"] == blocked.chat_id]
    assert len(to_blocked) == 1
    [note] = fake_telegram.sent_texts(SENDER_CHAT)
    assert "没能送达" in note and "收件人0001" in note
    rows = {row.person_id: row for row in outbox_rows(engine)}
    failed = rows[blocked.person_id]
    assert failed.status == OutboxStatus.FAILED and failed.attempts == 1 and "blocked" in (failed.error or "")
    assert [r.status for r in rows.values()].count(OutboxStatus.SENT) == 3  # two recipients and the note
    later = SystemClock().now() + timedelta(days=1)
    assert claim_due(engine, later, frozenset({"telegram"})) == []
    engine.dispose()
