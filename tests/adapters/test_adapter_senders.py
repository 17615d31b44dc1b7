"""TelegramSender and SlackSender against the fakes: sends, edits, files, and the delivery-error mapping."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient
from telegram import Bot

from adapters.base import PermanentDeliveryError, RetryableDeliveryError, Sender, split_text
from adapters.slack import SlackSender
from adapters.telegram import TelegramSender
from bot.messages import Attachment, Button, ChatKind, ChatRef, Outgoing, Platform
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.telegram_api import FakeTelegramAPI

PNG = b"\x89PNG\r\n\x1a\n fake chart"
ICS = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


@pytest.fixture
async def tg_sender(fake_telegram: FakeTelegramAPI) -> AsyncIterator[TelegramSender]:
    """A TelegramSender on a real PTB Bot pointed at the fake."""
    bot = Bot(fake_telegram.token, base_url=fake_telegram.base_url, base_file_url=fake_telegram.base_file_url)
    async with bot:
        yield TelegramSender(bot)


@pytest.fixture
def slack_sender(fake_slack: FakeSlackAPI) -> SlackSender:
    """A SlackSender on a real AsyncWebClient pointed at the fake."""
    return SlackSender(AsyncWebClient(token=fake_slack.bot_token, base_url=fake_slack.base_url))


def tg_chat(chat_id: int) -> ChatRef:
    """A private Telegram chat."""
    return ChatRef(Platform.TELEGRAM, str(chat_id))


def slack_chat(chat_id: str) -> ChatRef:
    """A Slack conversation (or a user id, opened as a DM)."""
    return ChatRef(Platform.SLACK, chat_id, ChatKind.PRIVATE)


def test_both_senders_satisfy_the_protocol(tg_sender: TelegramSender, slack_sender: SlackSender) -> None:
    assert isinstance(tg_sender, Sender) and isinstance(slack_sender, Sender)


def test_split_text_prefers_line_boundaries_and_cuts_overlong_lines() -> None:
    assert split_text("aaa\nbbb\nccc", 7) == ["aaa\nbbb", "ccc"]
    assert split_text("x" * 10, 4) == ["xxxx", "xxxx", "xx"]
    assert split_text("short", 10) == ["short"]


# -- Telegram ------------------------------------------------------------------------------
async def test_telegram_send_edit_and_files(fake_telegram: FakeTelegramAPI, tg_sender: TelegramSender) -> None:
    message_id = await tg_sender.send(Outgoing(tg_chat(1001), "Book 301?", buttons=(Button("Yes", "ok", "7"),)))
    edited = await tg_sender.send(Outgoing(tg_chat(1001), "Booked 301 ✓", edit_message_id=message_id))
    await tg_sender.send(Outgoing(tg_chat(1001), "", attachments=(
        Attachment("chart.png", PNG, "image/png"), Attachment("room.ics", ICS, "text/calendar"))))

    assert edited == message_id
    [edit] = fake_telegram.calls_to("editMessageText")
    assert edit.params["message_id"] == message_id and edit.params["text"] == "Booked 301 ✓"
    assert fake_telegram.messages[("1001", int(message_id))]["text"] == "Booked 301 ✓"
    assert fake_telegram.calls_to("sendPhoto")[0].files["photo"] == PNG
    assert fake_telegram.calls_to("sendDocument")[0].files["document"] == ICS


async def test_telegram_callback_data_over_64_bytes_is_refused(tg_sender: TelegramSender) -> None:
    with pytest.raises(PermanentDeliveryError) as err:
        await tg_sender.send(Outgoing(tg_chat(1001), "?", buttons=(Button("x", "act", "v" * 64),)))
    assert err.value.reason == "callback_data_too_long"


async def test_telegram_429_is_retryable_with_retry_after(fake_telegram: FakeTelegramAPI,
                                                          tg_sender: TelegramSender) -> None:
    fake_telegram.rate_limit(per_chat=(1, 60.0), retry_after=7)
    await tg_sender.send(Outgoing(tg_chat(1001), "one"))
    with pytest.raises(RetryableDeliveryError) as err:
        await tg_sender.send(Outgoing(tg_chat(1001), "two"))
    assert err.value.retry_after == 7.0
    await tg_sender.send(Outgoing(tg_chat(1002), "another chat is fine"))


async def test_telegram_global_rate_limit(fake_telegram: FakeTelegramAPI, tg_sender: TelegramSender) -> None:
    fake_telegram.rate_limit(global_=(2, 60.0), retry_after=1)
    await tg_sender.send(Outgoing(tg_chat(1), "a"))
    await tg_sender.send(Outgoing(tg_chat(2), "b"))
    with pytest.raises(RetryableDeliveryError) as err:
        await tg_sender.send(Outgoing(tg_chat(3), "c"))
    assert err.value.retry_after == 1.0


async def test_telegram_500_is_retryable(fake_telegram: FakeTelegramAPI, tg_sender: TelegramSender) -> None:
    fake_telegram.fail_next("sendMessage", 500)
    with pytest.raises(RetryableDeliveryError) as err:
        await tg_sender.send(Outgoing(tg_chat(1001), "hi"))
    assert err.value.retry_after is None
    assert await tg_sender.send(Outgoing(tg_chat(1001), "hi"))  # the next try goes through


async def test_telegram_blocked_user_and_missing_chat_are_permanent(fake_telegram: FakeTelegramAPI,
                                                                    tg_sender: TelegramSender) -> None:
    fake_telegram.block_chat(1001)
    fake_telegram.forget_chat(1003)
    with pytest.raises(PermanentDeliveryError) as blocked:
        await tg_sender.send(Outgoing(tg_chat(1001), "hi"))
    with pytest.raises(PermanentDeliveryError) as missing:
        await tg_sender.send(Outgoing(tg_chat(1003), "hi"))
    assert blocked.value.reason == "forbidden" and "blocked" in str(blocked.value)
    assert missing.value.reason == "chat_not_found"


# -- Slack ---------------------------------------------------------------------------------
async def test_slack_send_to_user_opens_dm_once_then_edits_and_uploads(fake_slack: FakeSlackAPI,
                                                                       slack_sender: SlackSender) -> None:
    ts = await slack_sender.send(Outgoing(slack_chat("UALICE"), "Book 301?", buttons=(Button("Yes", "ok", "7"),)))
    await slack_sender.send(Outgoing(slack_chat("UALICE"), "Booked 301", edit_message_id=ts))
    await slack_sender.send(Outgoing(slack_chat("UALICE"), "Your week", attachments=(
        Attachment("chart.png", PNG, "image/png"),)))

    assert len(fake_slack.calls_to("conversations.open")) == 1
    assert fake_slack.messages[("DUALICE", ts)]["text"] == "Booked 301"
    [complete] = fake_slack.calls_to("files.completeUploadExternal")
    assert complete.params["channel_id"] == "DUALICE"
    assert list(fake_slack.files.values()) == [PNG]


async def test_slack_429_is_retryable_with_retry_after(fake_slack: FakeSlackAPI, slack_sender: SlackSender) -> None:
    fake_slack.rate_limit(per_channel=(1, 60.0), retry_after=5)
    await slack_sender.send(Outgoing(slack_chat("C1"), "one"))
    with pytest.raises(RetryableDeliveryError) as err:
        await slack_sender.send(Outgoing(slack_chat("C1"), "two"))
    assert err.value.retry_after == 5.0


async def test_slack_500_is_retryable(fake_slack: FakeSlackAPI, slack_sender: SlackSender) -> None:
    fake_slack.fail_next("chat.postMessage", status=503)
    with pytest.raises(RetryableDeliveryError):
        await slack_sender.send(Outgoing(slack_chat("C1"), "hi"))
    assert await slack_sender.send(Outgoing(slack_chat("C1"), "hi"))


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "account_inactive"])
async def test_slack_gone_recipients_are_permanent(fake_slack: FakeSlackAPI, slack_sender: SlackSender,
                                                   error: str) -> None:
    fake_slack.fail_channel("C9", error)
    with pytest.raises(PermanentDeliveryError) as err:
        await slack_sender.send(Outgoing(slack_chat("C9"), "hi"))
    assert err.value.reason == error


async def test_slack_deactivated_and_unknown_users_are_permanent(fake_slack: FakeSlackAPI,
                                                                 slack_sender: SlackSender) -> None:
    fake_slack.add_user("UGONE", "Gone", deleted=True)
    with pytest.raises(PermanentDeliveryError) as inactive:
        await slack_sender.send(Outgoing(slack_chat("UGONE"), "hi"))
    with pytest.raises(PermanentDeliveryError) as unknown:
        await slack_sender.send(Outgoing(slack_chat("UNOBODY"), "hi"))
    assert (inactive.value.reason, unknown.value.reason) == ("account_inactive", "user_not_found")


async def test_slack_network_failure_is_retryable() -> None:
    sender = SlackSender(AsyncWebClient(token="xoxb-test", base_url="http://127.0.0.1:9/api/", timeout=2))
    with pytest.raises(RetryableDeliveryError):
        await sender.send(Outgoing(slack_chat("C1"), "hi"))


def test_configs_are_built_from_the_bot_settings() -> None:
    from adapters.slack import SlackConfig
    from adapters.telegram import TelegramConfig
    from bot.config import SlackSettings, TelegramSettings

    tg = TelegramConfig.from_settings(TelegramSettings(
        token="t", mode="webhook", base_url="http://127.0.0.1:81/bot", webhook_url="https://x.example/tg/hook",
        webhook_secret="s"))
    assert (tg.base_file_url, tg.mode, tg.webhook_path, tg.webhook_secret) == (
        "http://127.0.0.1:81/file/bot", "webhook", "tg/hook", "s")
    sl = SlackConfig.from_settings(SlackSettings(bot_token="b", mode="http", api_base_url="http://h/api/"))
    assert (sl.mode, sl.base_url, sl.app_token) == ("http", "http://h/api/", None)
