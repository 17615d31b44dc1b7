"""A queued message with a file goes out through the worker and the real TelegramSender as a photo."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlmodel import select
from telegram import Bot

from adapters.telegram import TelegramSender
from bot.clock import SystemClock
from bot.directory import link_identity
from bot.messages import Attachment
from bot.outbox import enqueue_for_person
from bot.ratelimit import RateLimiter
from bot.worker import DeliveryWorker
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import Outbox, OutboxAttachment, OutboxStatus, Person
from storage.uow import unit_of_work
from tests.fakes.telegram_api import FakeTelegramAPI

CHAT = "510001"
# Not a real picture: the fake server and the sender pass bytes through untouched.
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture
async def tg_sender(fake_telegram: FakeTelegramAPI) -> AsyncIterator[TelegramSender]:
    """A TelegramSender on a real PTB Bot pointed at the fake."""
    async with Bot(fake_telegram.token, base_url=fake_telegram.base_url,
                   base_file_url=fake_telegram.base_file_url) as bot:
        yield TelegramSender(bot)


async def test_an_outbox_row_with_a_chart_arrives_as_a_photo_with_the_same_bytes(
        fake_telegram: FakeTelegramAPI, tg_sender: TelegramSender, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'office.db'}")
    upgrade(engine)
    now = SystemClock().now()
    with unit_of_work(engine) as session:
        leader = Person(name="刘建国", roles="leader")
        session.add(leader)
        session.flush()
        link_identity(session, leader, "telegram", CHAT, CHAT, now)
        assert enqueue_for_person(session, leader, frozenset({"telegram"}), now, text="督办周通报", buttons=[],
                                  sender_id=None, source=("task_report", "W2026-11-23"),
                                  attachments=(Attachment("supervision.png", PNG, "image/png"),))

    worker = DeliveryWorker(engine, {"telegram": tg_sender.send}, SystemClock(), RateLimiter())
    assert await worker.deliver_once() == 1

    assert fake_telegram.sent_texts(CHAT) == ["督办周通报"]
    [photo] = fake_telegram.calls_to("sendPhoto")
    assert photo.params["chat_id"] == CHAT and photo.files["photo"] == PNG
    assert fake_telegram.calls_to("sendDocument") == []
    with unit_of_work(engine) as session:
        row = session.exec(select(Outbox)).one()
        assert row.status == OutboxStatus.SENT and row.has_attachments
        stored = session.exec(select(OutboxAttachment)).one()
        assert (stored.outbox_id, stored.filename, stored.mime_type) == (row.id, "supervision.png", "image/png")
    engine.dispose()
