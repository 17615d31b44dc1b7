"""Slack adapter (slack-bolt, Socket Mode or HTTP): events -> Incoming, Outgoing -> Web API calls."""

from __future__ import annotations

import asyncio
import html
import logging
import re
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError, SlackClientError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.base import (
    Core,
    DeliveryError,
    LruCache,
    PermanentDeliveryError,
    RetryableDeliveryError,
    split_text,
)
from bot.messages import Button, ChatKind, ChatRef, Incoming, Outgoing, Platform, UserRef

if TYPE_CHECKING:
    from bot.config import SlackSettings

log = logging.getLogger(__name__)

SECTION_LIMIT = 3000  # characters of mrkdwn per section block
TEXT_LIMIT = 39000  # chat.postMessage truncates `text` beyond 40,000
MAX_BLOCKS = 50
_PERMANENT = frozenset({
    "account_inactive", "user_not_found", "users_not_found", "channel_not_found", "not_in_channel",
    "is_archived", "user_disabled", "cannot_dm_bot", "messages_tab_disabled", "restricted_action",
    "invalid_blocks", "msg_too_long", "no_text", "message_not_found", "cant_update_message",
})
_RETRYABLE = frozenset({"ratelimited", "internal_error", "fatal_error", "service_unavailable",
                        "request_timeout", "team_not_found"})
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")

HomeView = Callable[[UserRef], list[str]]


@dataclass(frozen=True)
class SlackConfig:
    """Settings for the Slack adapter (filled from the bot's config)."""

    bot_token: str
    signing_secret: str = ""
    app_token: str | None = None  # xapp-… for Socket Mode
    base_url: str = "https://slack.com/api/"
    mode: Literal["socket", "http"] = "socket"
    http_host: str = "0.0.0.0"
    http_port: int = 3000
    http_path: str = "/slack/events"
    slash_command: str = "/mishu"

    @classmethod
    def from_settings(cls, settings: SlackSettings) -> SlackConfig:
        """Build from bot.config's [slack] settings."""
        mode: Literal["socket", "http"] = "http" if settings.mode == "http" else "socket"
        return cls(bot_token=settings.bot_token, signing_secret=settings.signing_secret,
                   app_token=settings.app_token or None, base_url=settings.api_base_url, mode=mode,
                   http_port=settings.http_port)


# -- Outgoing -> Slack ------------------------------------------------------------------------
def escape(text: str) -> str:
    """Escape &, < and > as Slack's mrkdwn requires for literal text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def action_ids(buttons: Sequence[Button]) -> list[str]:
    """Block Kit action_ids: the action, plus "#n" when an action repeats (ids must be unique)."""
    seen: dict[str, int] = {}
    ids = []
    for button in buttons:
        n = seen.get(button.action, 0)
        seen[button.action] = n + 1
        ids.append(button.action if n == 0 else f"{button.action}#{n}")
    return ids


def blocks_for(text: str, buttons: Sequence[Button]) -> list[dict[str, Any]]:
    """Section blocks for the text (≤3,000 characters each) and actions blocks for the buttons."""
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(chunk)}}
        for chunk in split_text(text, SECTION_LIMIT) if chunk.strip()
    ]
    elements = [
        {"type": "button", "text": {"type": "plain_text", "text": button.label[:75], "emoji": True},
         "action_id": action_id, "value": button.value}
        for button, action_id in zip(buttons, action_ids(buttons), strict=True)
    ]
    actions = [{"type": "actions", "elements": elements[i:i + 25]} for i in range(0, len(elements), 25)]
    return blocks[: MAX_BLOCKS - len(actions)] + actions


def map_slack_error(exc: Exception) -> DeliveryError:
    """Classify a Slack failure: permanent (user or channel gone) or retryable (429, 5xx, network)."""
    if isinstance(exc, DeliveryError):
        return exc
    if isinstance(exc, SlackApiError):
        status = exc.response.status_code
        data = exc.response.data if isinstance(exc.response.data, dict) else {}
        error = str(data.get("error", ""))
        if status == 429 or error == "ratelimited":
            header = exc.response.headers.get("Retry-After") or exc.response.headers.get("retry-after")
            return RetryableDeliveryError(f"slack rate limit ({error or status})",
                                          retry_after=float(header) if header else None)
        if status >= 500 or error in _RETRYABLE:
            return RetryableDeliveryError(f"slack error {status} {error}".strip())
        return PermanentDeliveryError(f"slack error: {error or status}", reason=error or str(status))
    if isinstance(exc, SlackRequestError | SlackClientError | aiohttp.ClientError | TimeoutError | OSError):
        return RetryableDeliveryError(f"slack request failed: {exc}")
    raise exc


class SlackSender:
    """Sends Outgoing messages through the Web API; implements adapters.base.Sender."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self._dm_channels: LruCache[str, str] = LruCache()

    async def send(self, out: Outgoing) -> str:
        """Post or update one message (and upload its files); returns the message ts."""
        try:
            return await self._send(out)
        except Exception as exc:  # translate library errors into delivery errors
            raise map_slack_error(exc) from exc

    async def channel_for(self, chat: ChatRef) -> str:
        """The conversation id to post in: a user id (U…/W…) is opened as a DM first."""
        chat_id = chat.chat_id
        if not chat_id.startswith(("U", "W")):
            return chat_id
        cached = self._dm_channels.get(chat_id)
        if cached is None:
            resp = await self.client.conversations_open(users=chat_id)
            cached = str(resp["channel"]["id"])
            self._dm_channels.put(chat_id, cached)
        return cached

    async def _send(self, out: Outgoing) -> str:
        channel = await self.channel_for(out.chat)
        blocks = blocks_for(out.text, out.buttons)
        text = escape(out.text[:TEXT_LIMIT])
        if out.edit_message_id is not None:
            await self.client.chat_update(channel=channel, ts=out.edit_message_id, text=text, blocks=blocks)
            return out.edit_message_id
        ts = ""
        if out.text or out.buttons:
            resp = await self.client.chat_postMessage(channel=channel, text=text, blocks=blocks)
            ts = str(resp["ts"])
        for attachment in out.attachments:
            await self.client.files_upload_v2(channel=channel, content=attachment.content,
                                              filename=attachment.filename, title=attachment.filename)
        return ts


class SlackUsers:
    """users.info lookups (display name, e-mail, locale), cached per user id."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self._cache: LruCache[str, tuple[UserRef, str | None]] = LruCache()

    async def lookup(self, user_id: str) -> tuple[UserRef, str | None]:
        """The user's UserRef (with e-mail when the users:read.email scope allows) and locale."""
        cached = self._cache.get(user_id)
        if cached is not None:
            return cached
        try:
            resp = await self.client.users_info(user=user_id, include_locale=True)
        except (SlackApiError, SlackClientError, aiohttp.ClientError, TimeoutError) as exc:
            log.warning("users.info %s failed: %s", user_id, exc)
            return UserRef(Platform.SLACK, user_id), None  # not cached: try again next time
        user = resp["user"]
        profile = user.get("profile") or {}
        name = profile.get("display_name") or profile.get("real_name") or user.get("real_name") or user.get("name", "")
        result = (UserRef(Platform.SLACK, user_id, display_name=name, email=profile.get("email")),
                  user.get("locale"))
        self._cache.put(user_id, result)
        return result


def _clean_text(text: str, bot_user_id: str | None) -> str:
    """Message text without the bot's <@mention>, with Slack's &amp;/&lt;/&gt; unescaped."""
    if bot_user_id:
        text = _MENTION.sub(lambda m: "" if m.group(1) == bot_user_id else m.group(0), text)
    return " ".join(html.unescape(text).split())


def _chat(channel_id: str, kind: ChatKind | None = None) -> ChatRef:
    if kind is None:
        kind = ChatKind.PRIVATE if channel_id.startswith("D") else ChatKind.GROUP
    return ChatRef(Platform.SLACK, channel_id, kind)


class SlackAdapter:
    """A bolt AsyncApp (Socket Mode or HTTP) that feeds the core and sends its replies."""

    def __init__(self, config: SlackConfig, core: Core, home_view: HomeView | None = None) -> None:
        self.config = config
        self.core = core
        self.home_view = home_view
        self.client = AsyncWebClient(token=config.bot_token, base_url=config.base_url)
        self.app = AsyncApp(client=self.client, signing_secret=config.signing_secret)
        self.sender = SlackSender(self.client)
        self.users = SlackUsers(self.client)
        self._socket: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None
        # Per-chat locks live only while some event of that chat is being handled.
        self._chat_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
        self._register()

    def _register(self) -> None:
        self.app.event("message")(self._on_message)
        self.app.event("app_mention")(self._on_mention)
        self.app.event("app_home_opened")(self._on_home)
        self.app.command(self.config.slash_command)(self._on_command)
        self.app.action(re.compile(r".+"))(self._on_action)
        self.app.error(self._on_error)

    # -- lifecycle -----------------------------------------------------------------------
    def web_app(self) -> web.Application:
        """An aiohttp application serving Slack's HTTP requests at config.http_path."""
        app = web.Application()
        app.router.add_post(self.config.http_path, self._http_handler)
        return app

    async def start(self) -> None:
        """Connect over Socket Mode, or start the HTTP receiver."""
        if self.config.mode == "socket":
            if not self.config.app_token:
                raise ValueError("Socket Mode needs an app-level token (xapp-…)")
            self._socket = AsyncSocketModeHandler(self.app, self.config.app_token)
            await self._socket.connect_async()
        else:
            self._runner = web.AppRunner(self.web_app(), access_log=None)
            await self._runner.setup()
            await web.TCPSite(self._runner, self.config.http_host, self.config.http_port).start()

    async def stop(self) -> None:
        """Disconnect and stop serving; close the Web API session."""
        if self._socket is not None:
            await self._socket.close_async()
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _http_handler(self, request: web.Request) -> web.Response:
        bolt_response = await self.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    # -- listeners (bolt passes arguments by name) ---------------------------------------
    async def _on_message(self, event: dict[str, Any], body: dict[str, Any], context: Any) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        user, locale = await self.users.lookup(str(event["user"]))
        incoming = Incoming(
            event_id=f"slack:{body.get('event_id') or event.get('ts')}",
            chat=_chat(str(event["channel"]), ChatKind.PRIVATE), user=user,
            text=_clean_text(str(event.get("text", "")), context.bot_user_id),
            mentions_bot=True, lang_hint=locale, reply_to_message_id=event.get("thread_ts"),
        )
        await self._handle(incoming)

    async def _on_mention(self, event: dict[str, Any], body: dict[str, Any], context: Any) -> None:
        if event.get("bot_id") or "user" not in event:
            return
        user, locale = await self.users.lookup(str(event["user"]))
        incoming = Incoming(
            event_id=f"slack:{body.get('event_id') or event.get('ts')}",
            chat=_chat(str(event["channel"])), user=user,
            text=_clean_text(str(event.get("text", "")), context.bot_user_id),
            mentions_bot=True, lang_hint=locale, reply_to_message_id=event.get("thread_ts"),
        )
        await self._handle(incoming)

    async def _on_command(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        channel = str(command.get("channel_id", ""))
        user, locale = await self.users.lookup(str(command["user_id"]))
        incoming = Incoming(
            event_id=f"slack:cmd:{command.get('trigger_id')}", chat=_chat(channel), user=user,
            text=" ".join(str(command.get("text", "")).split()), mentions_bot=True, lang_hint=locale,
        )
        replies = await self._core(incoming)
        for out in replies:
            if out.chat.chat_id == channel and out.edit_message_id is None and not out.attachments:
                # The response_url reaches the user even where the bot is not a channel member.
                await respond(text=escape(out.text[:TEXT_LIMIT]), blocks=blocks_for(out.text, out.buttons),
                              response_type="in_channel" if channel.startswith("D") else "ephemeral")
            else:
                await self._deliver(out)

    async def _on_action(self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()  # within Slack's 3 seconds; the core runs afterwards
        user_id = str(body["user"]["id"])
        container = body.get("container") or {}
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
        chat = _chat(str(channel)) if channel else ChatRef(Platform.SLACK, user_id, ChatKind.PRIVATE)
        user, locale = await self.users.lookup(user_id)
        action_name = str(action.get("action_id", "")).partition("#")[0]
        incoming = Incoming(
            event_id=f"slack:act:{body.get('trigger_id') or action.get('action_ts')}",
            chat=chat, user=user, action=action_name, value=str(action.get("value", "")),
            mentions_bot=True, lang_hint=locale, reply_to_message_id=container.get("message_ts"),
        )
        await self._handle(incoming)

    async def _on_home(self, event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        user, _ = await self.users.lookup(str(event["user"]))
        lines = await asyncio.to_thread(self.home_view, user) if self.home_view else ["Mishu 秘书"]
        blocks = blocks_for("\n".join(lines), ())
        await client.views_publish(user_id=user.user_id, view={"type": "home", "blocks": blocks})

    async def _on_error(self, error: Exception, body: dict[str, Any]) -> None:
        log.error("error while handling a Slack request", exc_info=error)

    # -- core and replies ----------------------------------------------------------------
    async def _core(self, incoming: Incoming) -> list[Outgoing]:
        lock = self._chat_locks.get(incoming.chat.chat_id)
        if lock is None:
            lock = self._chat_locks[incoming.chat.chat_id] = asyncio.Lock()
        async with lock:  # one chat's events keep their order
            return await asyncio.to_thread(self.core.handle, incoming)

    async def _handle(self, incoming: Incoming) -> None:
        for out in await self._core(incoming):
            await self._deliver(out)

    async def _deliver(self, out: Outgoing) -> None:
        try:
            await self.sender.send(out)
        except DeliveryError as exc:
            log.warning("reply to %s not delivered: %s", out.chat.chat_id, exc)
