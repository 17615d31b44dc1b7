"""The Telegram adapter against the fake Bot API: real python-telegram-bot code over loopback HTTP."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

import pytest

from adapters.telegram import TelegramAdapter, TelegramConfig
from bot.messages import ChatKind, Platform
from tests.adapters.cores import DedupingCore, EchoCore
from tests.fakes.telegram_api import FakeTelegramAPI, callback_query, group_message, private_message

AdapterFactory = Callable[..., Coroutine[Any, Any, TelegramAdapter]]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def start_adapter(fake_telegram: FakeTelegramAPI) -> AsyncIterator[AdapterFactory]:
    """Start TelegramAdapters pointed at the fake; stop them after the test."""
    started: list[TelegramAdapter] = []

    async def start(core: Any, **overrides: Any) -> TelegramAdapter:
        config = TelegramConfig(token=fake_telegram.token, base_url=fake_telegram.base_url,
                                base_file_url=fake_telegram.base_file_url, poll_timeout=1.0, **overrides)
        adapter = TelegramAdapter(config, core)
        await adapter.start()
        started.append(adapter)
        return adapter

    yield start
    for adapter in started:
        await adapter.stop()


async def test_private_message_round_trip(fake_telegram: FakeTelegramAPI, start_adapter: AdapterFactory) -> None:
    core = EchoCore()
    await start_adapter(core)
    fake_telegram.push_update(private_message(1001, "订明天下午三点的301", name="Alice"))

    [call] = await fake_telegram.wait_for("sendMessage")
    assert call.params["chat_id"] == "1001"
    assert call.params["text"] == "echo: 订明天下午三点的301"
    keyboard = call.json("reply_markup")["inline_keyboard"]
    assert [[b["callback_data"] for b in row] for row in keyboard] == [["confirm:b42", "cancel:b42"]]
    [incoming] = core.seen
    assert incoming.chat.platform is Platform.TELEGRAM and incoming.chat.kind is ChatKind.PRIVATE
    assert incoming.user.user_id == "1001" and incoming.user.display_name == "Alice"
    assert incoming.event_id.startswith("tg:") and incoming.lang_hint == "zh-hans"


async def test_deep_link_start_code_arrives_as_text(fake_telegram: FakeTelegramAPI,
                                                    start_adapter: AdapterFactory) -> None:
    core = EchoCore()
    await start_adapter(core)
    fake_telegram.push_update(private_message(1001, "/start LINK-7Q2"))
    await fake_telegram.wait_for("sendMessage")
    assert core.seen[0].text == "/start LINK-7Q2"


async def test_button_press_is_answered_then_handled(fake_telegram: FakeTelegramAPI,
                                                     start_adapter: AdapterFactory) -> None:
    core = EchoCore(delay=0.8)
    await start_adapter(core)
    fake_telegram.push_update(callback_query(1001, 1001, "confirm:b42", message_id=7, query_id="q9"))

    [answer] = await fake_telegram.wait_for("answerCallbackQuery", timeout=0.5)  # before the core is done
    assert answer.params["callback_query_id"] == "q9"
    assert not fake_telegram.calls_to("sendMessage")
    [reply] = await fake_telegram.wait_for("sendMessage")
    assert reply.params["text"] == "pressed confirm=b42"
    [incoming] = core.seen
    assert (incoming.action, incoming.value, incoming.reply_to_message_id) == ("confirm", "b42", "7")


async def test_group_chatter_is_ignored_but_addressed_messages_are_handled(
        fake_telegram: FakeTelegramAPI, start_adapter: AdapterFactory) -> None:
    core = EchoCore()
    await start_adapter(core)
    bot_message = {"message_id": 50, "date": 0, "chat": {"id": -100, "type": "supergroup"},
                   "from": {"id": fake_telegram.bot_id, "is_bot": True, "first_name": "Mishu"}, "text": "…"}
    fake_telegram.push_update(group_message(-100, 2002, "lunch anyone?"))
    fake_telegram.push_update(group_message(-100, 2002, "/help@other_bot"))
    fake_telegram.push_update(group_message(-100, 2002, "@mishu_bot 订301"))
    fake_telegram.push_update(group_message(-100, 2002, "/book@mishu_bot 301 3pm"))
    fake_telegram.push_update(group_message(-100, 2002, "好的", reply_to=bot_message))

    await fake_telegram.wait_for("sendMessage", 3)
    assert [i.text for i in core.seen] == ["订301", "/book 301 3pm", "好的"]
    assert all(i.chat.kind is ChatKind.GROUP and i.mentions_bot for i in core.seen)
    assert core.seen[2].reply_to_message_id == "50"


async def test_duplicate_update_gets_the_same_event_id_and_one_reply(
        fake_telegram: FakeTelegramAPI, start_adapter: AdapterFactory) -> None:
    core = DedupingCore()
    await start_adapter(core)
    fake_telegram.push_update(private_message(1001, "hi", update_id=555))
    fake_telegram.push_update(private_message(1001, "hi", update_id=555))
    fake_telegram.push_update(private_message(1001, "next", update_id=556))

    await fake_telegram.wait_for("sendMessage", 2)
    assert [i.event_id for i in core.seen] == ["tg:555", "tg:555", "tg:556"]
    assert fake_telegram.sent_texts(1001) == ["echo: hi", "echo: next"]


async def test_long_reply_is_split_at_line_boundaries(fake_telegram: FakeTelegramAPI,
                                                      start_adapter: AdapterFactory) -> None:
    lines = [f"{i:03d} " + "x" * 45 for i in range(100)]  # 100 lines of 50 chars = 5,099 characters
    core = EchoCore(reply_text="\n".join(lines))
    await start_adapter(core)
    fake_telegram.push_update(private_message(1001, "report"))

    first, second = await fake_telegram.wait_for("sendMessage", 2)
    assert len(first.params["text"]) <= 4096 and len(second.params["text"]) <= 4096
    assert (first.params["text"] + "\n" + second.params["text"]).split("\n") == lines
    assert "reply_markup" not in first.params and "reply_markup" in second.params


async def test_webhook_requires_the_secret_token(fake_telegram: FakeTelegramAPI,
                                                 start_adapter: AdapterFactory) -> None:
    core = EchoCore()
    port = _free_port()
    url = f"http://127.0.0.1:{port}/tg-hook"
    await start_adapter(core, mode="webhook", webhook_listen="127.0.0.1", webhook_port=port,
                        webhook_path="tg-hook", webhook_url=url, webhook_secret="s3cret")
    assert fake_telegram.webhook == {"url": url, "secret_token": "s3cret"}

    assert await fake_telegram.post_to_webhook(private_message(1001, "forged"), secret="wrong") == 403
    assert await fake_telegram.post_to_webhook(private_message(1001, "forged"), secret=None) == 403
    assert await fake_telegram.post_to_webhook(private_message(1001, "real")) == 200

    [call] = await fake_telegram.wait_for("sendMessage")
    assert call.params["text"] == "echo: real"
    assert [i.text for i in core.seen] == ["real"]
