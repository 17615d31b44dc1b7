"""The Slack adapter against the fake Web API: real bolt and slack_sdk code, signed HTTP and Socket Mode."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

import pytest

from adapters.slack import SlackAdapter, SlackConfig
from bot.messages import ChatKind, Platform, UserRef
from tests.adapters.cores import DedupingCore, EchoCore
from tests.fakes.slack_api import (
    FakeSlackAPI,
    app_mention,
    block_action,
    event_callback,
    home_opened,
    im_message,
    slash_command,
)

AdapterFactory = Callable[..., Coroutine[Any, Any, SlackAdapter]]
FORM = "application/x-www-form-urlencoded"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def start_adapter(fake_slack: FakeSlackAPI) -> AsyncIterator[AdapterFactory]:
    """Start SlackAdapters (HTTP mode unless told otherwise) pointed at the fake; stop them afterwards."""
    started: list[SlackAdapter] = []

    async def start(core: Any, home_view: Any = None, **overrides: Any) -> SlackAdapter:
        settings: dict[str, Any] = {"bot_token": fake_slack.bot_token, "signing_secret": fake_slack.signing_secret,
                                    "app_token": fake_slack.app_token, "base_url": fake_slack.base_url,
                                    "mode": "http", "http_host": "127.0.0.1", "http_port": _free_port()}
        settings.update(overrides)
        adapter = SlackAdapter(SlackConfig(**settings), core, home_view=home_view)
        await adapter.start()
        started.append(adapter)
        return adapter

    yield start
    for adapter in started:
        await adapter.stop()


def _url(adapter: SlackAdapter) -> str:
    return f"http://127.0.0.1:{adapter.config.http_port}{adapter.config.http_path}"


async def test_direct_message_round_trip(fake_slack: FakeSlackAPI, start_adapter: AdapterFactory) -> None:
    core = EchoCore()
    adapter = await start_adapter(core)
    delivery = await fake_slack.deliver(_url(adapter), event_callback(im_message("UALICE", "订 301 & 302"), "Ev1"))
    assert delivery.status == 200

    [post] = await fake_slack.wait_for("chat.postMessage")
    assert post.params["channel"] == "DUALICE"
    assert post.params["text"] == "echo: 订 301 &amp; 302"
    actions = post.params["blocks"][-1]
    assert [(e["action_id"], e["value"]) for e in actions["elements"]] == [("confirm", "b42"), ("cancel", "b42")]
    [incoming] = core.seen
    assert incoming.event_id == "slack:Ev1" and incoming.text == "订 301 & 302"
    assert incoming.chat.kind is ChatKind.PRIVATE and incoming.chat.platform is Platform.SLACK
    assert incoming.user == UserRef(Platform.SLACK, "UALICE", "Alice", "alice@example.com")


async def test_user_info_is_cached(fake_slack: FakeSlackAPI, start_adapter: AdapterFactory) -> None:
    adapter = await start_adapter(EchoCore())
    for n in range(3):
        await fake_slack.deliver(_url(adapter), event_callback(im_message("UALICE", f"m{n}"), f"Ev{n}"))
    await fake_slack.wait_for("chat.postMessage", 3)
    assert len(fake_slack.calls_to("users.info")) == 1


async def test_channel_mention_is_stripped_and_other_messages_ignored(
        fake_slack: FakeSlackAPI, start_adapter: AdapterFactory) -> None:
    core = EchoCore()
    adapter = await start_adapter(core)
    channel_chatter = {**im_message("UBOB", "lunch?"), "channel_type": "channel", "channel": "C1"}
    await fake_slack.deliver(_url(adapter), event_callback(channel_chatter, "Ev10"))
    await fake_slack.deliver(_url(adapter), event_callback(app_mention("UBOB", "C1", "<@UBOT> 订301 <@UALICE>"),
                                                           "Ev11"))
    [post] = await fake_slack.wait_for("chat.postMessage")
    assert post.params["channel"] == "C1"
    [incoming] = core.seen
    assert incoming.text == "订301 <@UALICE>" and incoming.chat.kind is ChatKind.GROUP and incoming.mentions_bot


async def test_button_is_acked_before_the_slow_core_runs(fake_slack: FakeSlackAPI,
                                                         start_adapter: AdapterFactory) -> None:
    core = EchoCore(delay=1.0)
    adapter = await start_adapter(core)
    body = block_action("UALICE", "DUALICE", "confirm", "b42", message_ts="1700000000.000009")

    delivery = await fake_slack.deliver(_url(adapter), body, content_type=FORM)
    assert delivery.status == 200 and delivery.elapsed < 1.0  # Slack wants the ack within 3 s
    assert not fake_slack.calls_to("chat.postMessage")

    [post] = await fake_slack.wait_for("chat.postMessage")
    assert post.params["text"] == "pressed confirm=b42"
    [incoming] = core.seen
    assert (incoming.action, incoming.value, incoming.reply_to_message_id) == ("confirm", "b42", "1700000000.000009")


async def test_repeated_action_ids_are_made_unique_and_parsed_back(fake_slack: FakeSlackAPI,
                                                                   start_adapter: AdapterFactory) -> None:
    core = EchoCore()
    adapter = await start_adapter(core)
    await fake_slack.deliver(_url(adapter), block_action("UALICE", "DUALICE", "pick#1", "r302"), content_type=FORM)
    await fake_slack.wait_for("chat.postMessage")
    assert (core.seen[0].action, core.seen[0].value) == ("pick", "r302")


async def test_retried_event_keeps_its_event_id_and_is_answered_once(
        fake_slack: FakeSlackAPI, start_adapter: AdapterFactory) -> None:
    core = DedupingCore()
    adapter = await start_adapter(core)
    body = event_callback(im_message("UALICE", "hi"), "Ev42")
    assert (await fake_slack.deliver(_url(adapter), body)).status == 200
    assert (await fake_slack.deliver(_url(adapter), body, retry_num=1)).status == 200
    await fake_slack.deliver(_url(adapter), event_callback(im_message("UALICE", "next"), "Ev43"))

    await fake_slack.wait_for("chat.postMessage", 2)
    assert [i.event_id for i in core.seen] == ["slack:Ev42", "slack:Ev42", "slack:Ev43"]
    assert fake_slack.posted_texts("DUALICE") == ["echo: hi", "echo: next"]


async def test_forged_signature_and_stale_timestamp_are_rejected(fake_slack: FakeSlackAPI,
                                                                 start_adapter: AdapterFactory) -> None:
    core = EchoCore()
    adapter = await start_adapter(core)
    body = event_callback(im_message("UALICE", "forged"), "Ev66")

    forged = await fake_slack.deliver(_url(adapter), body, signature="v0=" + "0" * 64)
    stale = await fake_slack.deliver(_url(adapter), body, timestamp=int(time.time()) - 600)  # correctly signed

    assert (forged.status, stale.status) == (401, 401)
    assert core.seen == [] and not fake_slack.calls_to("chat.postMessage")


async def test_slash_command_answers_through_the_response_url(fake_slack: FakeSlackAPI,
                                                              start_adapter: AdapterFactory) -> None:
    core = EchoCore()
    adapter = await start_adapter(core)
    body = slash_command("UBOB", "C1", "book 301 3pm", response_url=fake_slack.response_url("cmd1"))
    delivery = await fake_slack.deliver(_url(adapter), body, content_type=FORM)
    assert delivery.status == 200

    for _ in range(200):
        if fake_slack.responses:
            break
        await _tick()
    [response] = fake_slack.responses
    assert response["text"] == "echo: book 301 3pm" and response["response_type"] == "ephemeral"
    assert core.seen[0].text == "book 301 3pm" and core.seen[0].chat.chat_id == "C1"


async def test_app_home_is_published_from_the_home_view(fake_slack: FakeSlackAPI,
                                                        start_adapter: AdapterFactory) -> None:
    def home_view(user: UserRef) -> list[str]:
        return [f"Hello {user.display_name}", "Next: 15:00 room 301"]

    adapter = await start_adapter(EchoCore(), home_view=home_view)
    await fake_slack.deliver(_url(adapter), event_callback(home_opened("UALICE"), "Ev70"))

    [call] = await fake_slack.wait_for("views.publish")
    assert call.params["user_id"] == "UALICE"
    view = fake_slack.views["UALICE"]
    assert view["type"] == "home"
    assert view["blocks"][0]["text"]["text"] == "Hello Alice\nNext: 15:00 room 301"


async def test_socket_mode_round_trip(fake_slack: FakeSlackAPI, start_adapter: AdapterFactory) -> None:
    core = EchoCore()
    await start_adapter(core, mode="socket")
    await fake_slack.wait_for_socket()

    envelope = await fake_slack.send_envelope("events_api", _payload(im_message("UALICE", "hello"), "Ev90"))
    await fake_slack.wait_for_ack(envelope)
    [post] = await fake_slack.wait_for("chat.postMessage")
    assert post.params["text"] == "echo: hello"
    assert core.seen[0].event_id == "slack:Ev90"


async def test_socket_mode_retry_keeps_the_event_id(fake_slack: FakeSlackAPI,
                                                     start_adapter: AdapterFactory) -> None:
    core = DedupingCore()
    await start_adapter(core, mode="socket")
    await fake_slack.wait_for_socket()

    payload = _payload(im_message("UALICE", "hi"), "Ev91")
    first = await fake_slack.send_envelope("events_api", payload)
    retry = await fake_slack.send_envelope("events_api", payload, retry_attempt=1)
    await fake_slack.wait_for_ack(first)
    await fake_slack.wait_for_ack(retry)
    await fake_slack.wait_for("chat.postMessage")
    for _ in range(50):
        if len(core.seen) == 2:
            break
        await _tick()
    assert [i.event_id for i in core.seen] == ["slack:Ev91", "slack:Ev91"]
    assert fake_slack.posted_texts() == ["echo: hi"]


def _payload(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    return dict(json.loads(event_callback(event, event_id)))


async def _tick() -> None:
    await asyncio.sleep(0.01)
