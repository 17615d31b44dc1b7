"""A whole booking conversation in Chinese on each platform: the real adapters, the real core, a button press."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import select

from adapters.slack import SlackAdapter, SlackConfig
from adapters.telegram import TelegramAdapter, TelegramConfig
from bot.bootstrap import App, build_app
from bot.clock import FrozenClock
from bot.config import load_settings
from bot.directory import find_person, link_identity
from storage.models_rooms import Booking
from storage.uow import unit_of_work
from tests.adapters.test_linking import _free_port
from tests.conftest import MONDAY_MORNING
from tests.fakes.slack_api import FakeSlackAPI, block_action, event_callback, im_message
from tests.fakes.telegram_api import FakeTelegramAPI, callback_query, private_message

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "config.example.toml"
ASK = "订明天下午三点到四点的301,预算评审"
FORM = "application/x-www-form-urlencoded"


def office(tmp_path: Path, platform: str, user_id: str, chat_id: str) -> App:
    """The demo office on a fresh database, Monday 09:00, with 张敏 linked on the platform."""
    app = build_app(load_settings(str(CONFIG)), frozenset({platform}), FrozenClock(MONDAY_MORNING),
                    database_url=f"sqlite:///{tmp_path / 'office.db'}")
    with unit_of_work(app.engine) as session:
        zhang = find_person(session, "张敏")
        assert zhang is not None
        link_identity(session, zhang, platform, user_id, chat_id, MONDAY_MORNING)
    return app


def bookings(app: App) -> list[tuple[str, datetime, datetime]]:
    """(title, start, end) of every booking in the database."""
    with unit_of_work(app.engine) as session:
        return [(b.title, b.start, b.end) for b in session.exec(select(Booking))]


async def until(predicate: object, what: str, timeout: float = 15) -> None:
    """Wait for the fake server to have seen something."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.02)


@pytest.fixture
async def telegram_office(fake_telegram: FakeTelegramAPI, tmp_path: Path) -> AsyncIterator[App]:
    """The real core behind the real Telegram adapter, polling the fake Bot API."""
    app = office(tmp_path, "telegram", "7001", "7001")
    adapter = TelegramAdapter(TelegramConfig(token=fake_telegram.token, base_url=fake_telegram.base_url,
                                             base_file_url=fake_telegram.base_file_url, poll_timeout=1.0), app.core)
    await adapter.start()
    try:
        yield app
    finally:
        await adapter.stop()
        app.engine.dispose()


async def test_booking_on_telegram_with_a_button_press(fake_telegram: FakeTelegramAPI, telegram_office: App) -> None:
    fake_telegram.push_update(private_message(7001, ASK, name="Zhang Min"))
    [readback] = await fake_telegram.wait_for("sendMessage", timeout=15)
    assert "301" in readback.params["text"] and "确认" in readback.params["text"]
    keyboard = readback.json("reply_markup")["inline_keyboard"]
    confirm = next(b for row in keyboard for b in row if b["text"] == "确认")
    assert len(confirm["callback_data"].encode()) <= 64
    assert bookings(telegram_office) == []  # nothing before the press

    fake_telegram.push_update(callback_query(7001, 7001, confirm["callback_data"], query_id="q1"))
    await fake_telegram.wait_for("answerCallbackQuery", timeout=15)
    await until(lambda: len(fake_telegram.sent_texts(7001)) >= 2, "the booking confirmation")
    assert "已预订" in fake_telegram.sent_texts(7001)[-1]
    [(title, start, end)] = bookings(telegram_office)
    assert title == "预算评审" and (start.hour, end.hour) == (7, 8)  # 15:00-16:00 in Shanghai, stored in UTC


@pytest.fixture
async def slack_office(fake_slack: FakeSlackAPI, tmp_path: Path) -> AsyncIterator[tuple[App, str]]:
    """The real core behind the real Slack adapter (HTTP mode, signed requests)."""
    app = office(tmp_path, "slack", "UZHANG", "DUZHANG")
    fake_slack.add_user("UZHANG", "Zhang Min")
    config = SlackConfig(bot_token=fake_slack.bot_token, signing_secret=fake_slack.signing_secret,
                         base_url=fake_slack.base_url, mode="http", http_host="127.0.0.1", http_port=_free_port())
    adapter = SlackAdapter(config, app.core)
    await adapter.start()
    try:
        yield app, f"http://127.0.0.1:{config.http_port}{config.http_path}"
    finally:
        await adapter.stop()
        app.engine.dispose()


async def test_booking_on_slack_with_a_button_press(fake_slack: FakeSlackAPI,
                                                    slack_office: tuple[App, str]) -> None:
    app, events = slack_office
    delivery = await fake_slack.deliver(events, event_callback(im_message("UZHANG", ASK), "EvBook1"))
    assert delivery.status == 200
    [readback] = await fake_slack.wait_for("chat.postMessage", timeout=15)
    assert "301" in readback.params["text"]
    buttons = readback.params["blocks"][-1]["elements"]
    confirm = next(b for b in buttons if b["text"]["text"] == "确认")
    assert bookings(app) == []

    press = block_action("UZHANG", "DUZHANG", confirm["action_id"], confirm["value"])
    delivery = await fake_slack.deliver(events, press, content_type=FORM)
    assert delivery.status == 200 and delivery.elapsed < 3.0  # acknowledged within Slack's 3 s
    await fake_slack.wait_for("chat.postMessage", count=2, timeout=15)
    assert "已预订" in fake_slack.posted_texts()[-1]
    [(title, _start, _end)] = bookings(app)
    assert title == "预算评审"
