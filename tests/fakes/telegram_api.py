"""A fake Telegram Bot API server on loopback (aiohttp) that records calls and can misbehave."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest_asyncio
from aiohttp import web

from tests.fakes.common import FaultyFake, Limit

SEND_METHODS = frozenset(
    {"sendMessage", "editMessageText", "editMessageReplyMarkup", "sendPhoto", "sendDocument"}
)
BLOCKED = "Forbidden: bot was blocked by the user"
CHAT_NOT_FOUND = "Bad Request: chat not found"


@dataclass
class Call:
    """One API call the fake received."""

    method: str
    params: dict[str, Any]
    at: float
    files: dict[str, bytes] = field(default_factory=dict)

    def json(self, key: str) -> Any:
        """A parameter PTB sent JSON-encoded (reply_markup, entities), decoded."""
        value = self.params.get(key)
        return json.loads(value) if isinstance(value, str) else value


@dataclass
class _Failure:
    method: str
    status: int
    description: str
    remaining: int




class FakeTelegramAPI(FaultyFake):
    """In-memory Telegram Bot API: updates queue, sent messages, call log, rate limits, failures."""

    send_methods = SEND_METHODS

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        bot_id: int = 123456,
        bot_username: str = "mishu_bot",
        clock: Callable[[], float] = time.monotonic,
        max_poll_wait: float = 0.5,
    ) -> None:
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.clock = clock
        self.max_poll_wait = max_poll_wait
        self.calls: list[Call] = []
        self.messages: dict[tuple[str, int], dict[str, Any]] = {}
        self.files: dict[str, bytes] = {}
        self.webhook: dict[str, Any] | None = None
        self._updates: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._new_update = asyncio.Event()
        self._blocked: set[str] = set()
        self._missing: set[str] = set()
        self._failures: list[_Failure] = []
        self._per_chat: Limit | None = None
        self._global: Limit | None = None
        self._sent_at: dict[str, deque[float]] = {}
        self._global_sent_at: deque[float] = deque()
        self._init_faults()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -----------------------------------------------------------------------
    @property
    def root(self) -> str:
        """http://127.0.0.1:<port>."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The value for ApplicationBuilder.base_url (PTB appends the token)."""
        return f"{self.root}/bot"

    @property
    def base_file_url(self) -> str:
        """The value for ApplicationBuilder.base_file_url."""
        return f"{self.root}/file/bot"

    async def start(self) -> None:
        """Listen on a random loopback port."""
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        """Stop listening and release pollers."""
        self._new_update.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- test controls ------------------------------------------------------------------
    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates (assigns update_id if missing); returns its id."""
        if "update_id" not in update:
            update = {"update_id": next(self._update_ids), **update}
        self._updates.append(update)
        self._new_update.set()
        return int(update["update_id"])

    def block_chat(self, chat_id: int | str) -> None:
        """Sends to this chat fail with 403 "bot was blocked by the user"."""
        self._blocked.add(str(chat_id))

    def forget_chat(self, chat_id: int | str) -> None:
        """Sends to this chat fail with 400 "chat not found"."""
        self._missing.add(str(chat_id))

    def fail_next(self, method: str, status: int = 500, description: str = "Internal Server Error",
                  times: int = 1) -> None:
        """The next `times` calls of `method` answer with this HTTP status."""
        self._failures.append(_Failure(method, status, description, times))

    def rate_limit(self, *, per_chat: tuple[int, float] | None = None,
                   global_: tuple[int, float] | None = None, retry_after: int = 3) -> None:
        """Answer 429 beyond `count` sends per `window` seconds, per chat and/or overall."""
        self._per_chat = Limit(per_chat[0], per_chat[1], retry_after) if per_chat else None
        self._global = Limit(global_[0], global_[1], retry_after) if global_ else None

    def sent_texts(self, chat_id: int | str | None = None) -> list[str]:
        """Texts of successful sendMessage calls (optionally to one chat)."""
        return [
            m["text"] for (chat, _), m in self.messages.items()
            if "text" in m and (chat_id is None or chat == str(chat_id))
        ]

    async def post_to_webhook(self, update: dict[str, Any], secret: str | None = "use-registered",
                              url: str | None = None) -> int:
        """Deliver an update like Telegram does to the registered webhook; return the HTTP status."""
        assert url or self.webhook, "no webhook registered"
        target = url or str(self.webhook["url"])  # type: ignore[index]
        headers = {"Content-Type": "application/json"}
        if secret == "use-registered":
            secret = (self.webhook or {}).get("secret_token")
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        if "update_id" not in update:
            update = {"update_id": next(self._update_ids), **update}
        async with aiohttp.ClientSession() as session, session.post(
            target, data=json.dumps(update), headers=headers
        ) as resp:
            return resp.status

    # -- server ------------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await _read_params(request)
        self.calls.append(Call(method, params, self.clock(), files))
        await self._pause(method)
        for failure in self._failures:
            if failure.method == method and failure.remaining > 0:
                failure.remaining -= 1
                return _error(failure.status, failure.description)
        chaos = self._random_failure(method)
        if chaos is not None:
            return chaos
        chat = str(params.get("chat_id", ""))
        if method in SEND_METHODS:
            if chat in self._blocked:
                return _error(403, BLOCKED)
            if chat in self._missing:
                return _error(400, CHAT_NOT_FOUND)
            limited = self._check_rate(chat)
            if limited is not None:
                return limited
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        result = await handler(params, files)
        return web.json_response({"ok": True, "result": result})

    def _random_failure(self, method: str) -> web.Response | None:
        roll = self._chaos_roll(method)
        if roll == "429":
            return _too_many(self._chaos.retry_after if self._chaos else 1)
        if roll == "500":
            return _error(500, "Internal Server Error")
        return None

    def _check_rate(self, chat: str) -> web.Response | None:
        now = self.clock()
        for limit, stamps in ((self._per_chat, self._sent_at.setdefault(chat, deque())),
                              (self._global, self._global_sent_at)):
            if limit is None:
                continue
            while stamps and now - stamps[0] >= limit.window:
                stamps.popleft()
            if len(stamps) >= limit.count:
                return _too_many(limit.retry_after)
        self._sent_at[chat].append(now)
        self._global_sent_at.append(now)
        return None

    async def _file(self, request: web.Request) -> web.Response:
        data = self.files.get(request.match_info["path"])
        return web.Response(body=data) if data is not None else web.Response(status=404)

    def _bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Mishu", "username": self.bot_username,
                "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        chat_id = str(params["chat_id"])
        message_id = next(self._message_ids)
        chat_type = "private" if not chat_id.startswith("-") else "supergroup"
        msg: dict[str, Any] = {"message_id": message_id, "date": int(time.time()),
                               "chat": {"id": int(chat_id), "type": chat_type},
                               "from": self._bot_user(), **extra}
        if "reply_markup" in params:
            msg["reply_markup"] = json.loads(params["reply_markup"])
        self.messages[(chat_id, message_id)] = msg
        return msg

    async def _m_getMe(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        return self._bot_user()

    async def _m_getUpdates(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        timeout = min(float(params.get("timeout", 0) or 0), self.max_poll_wait)
        if not self._updates and timeout > 0:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), timeout)
            except TimeoutError:
                pass
        limit = int(params.get("limit", 100) or 100)
        batch: list[dict[str, Any]] = []
        while self._updates and len(batch) < limit:
            batch.append(self._updates.popleft())
        return batch

    async def _m_setWebhook(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        self.webhook = {"url": params["url"], "secret_token": params.get("secret_token")}
        return True

    async def _m_deleteWebhook(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        self.webhook = None
        return True

    async def _m_answerCallbackQuery(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        return True

    async def _m_sendMessage(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        return self._message(params, text=params["text"])

    async def _m_editMessageText(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        key = (str(params["chat_id"]), int(params["message_id"]))
        msg = self.messages.get(key)
        if msg is None:
            raise web.HTTPBadRequest(text=json.dumps(
                {"ok": False, "error_code": 400, "description": "Bad Request: message to edit not found"}),
                content_type="application/json")
        msg["text"] = params["text"]
        msg["edit_date"] = int(time.time())
        if "reply_markup" in params:
            msg["reply_markup"] = json.loads(params["reply_markup"])
        return msg

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        msg = self.messages.get((str(params["chat_id"]), int(params["message_id"])))
        if msg is None:
            return True
        msg["reply_markup"] = json.loads(params.get("reply_markup", "{}") or "{}")
        return msg

    async def _m_sendPhoto(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        file_id = f"photo{len(self.files) + 1}"
        self.files[file_id] = files.get("photo", b"")
        photo = [{"file_id": file_id, "file_unique_id": file_id, "width": 1, "height": 1,
                  "file_size": len(self.files[file_id])}]
        extra: dict[str, Any] = {"photo": photo}
        if "caption" in params:
            extra["caption"] = params["caption"]
        return self._message(params, **extra)

    async def _m_sendDocument(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        file_id = f"doc{len(self.files) + 1}"
        self.files[file_id] = files.get("document", b"")
        document = {"file_id": file_id, "file_unique_id": file_id, "file_size": len(self.files[file_id])}
        extra: dict[str, Any] = {"document": document}
        if "caption" in params:
            extra["caption"] = params["caption"]
        return self._message(params, **extra)


def _too_many(retry_after: int) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {retry_after}",
         "parameters": {"retry_after": retry_after}},
        status=429,
    )


def _error(status: int, description: str) -> web.Response:
    return web.json_response({"ok": False, "error_code": status, "description": description}, status=status)


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
    params: dict[str, Any] = dict(request.query)
    files: dict[str, bytes] = {}
    if request.content_type == "application/json":
        body = await request.json()
        params.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()})
        return params, files
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            files[key] = value.file.read()
        else:
            params[key] = value
    # PTB sends attachments as "attach://<name>" pointing at a multipart part
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            files[key] = files.get(value.removeprefix("attach://"), b"")
    return params, files


# -- update builders ---------------------------------------------------------------------
def _user(user_id: int, name: str, username: str | None = None) -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": name, "language_code": "zh-hans"}
    if username:
        user["username"] = username
    return user


def private_message(chat_id: int, text: str, *, name: str = "Alice", message_id: int = 1,
                    update_id: int | None = None) -> dict[str, Any]:
    """An update with a text message in a private chat with the bot."""
    update: dict[str, Any] = {"message": {
        "message_id": message_id, "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": name},
        "from": _user(chat_id, name), "text": text,
        **_command_entities(text),
    }}
    if update_id is not None:
        update["update_id"] = update_id
    return update


def group_message(chat_id: int, user_id: int, text: str, *, name: str = "Bob", message_id: int = 1,
                  reply_to: dict[str, Any] | None = None, title: str = "Office") -> dict[str, Any]:
    """An update with a text message in a supergroup (mentions and commands get their entities)."""
    message: dict[str, Any] = {
        "message_id": message_id, "date": int(time.time()),
        "chat": {"id": chat_id, "type": "supergroup", "title": title},
        "from": _user(user_id, name), "text": text, **_command_entities(text),
    }
    mentions = [
        {"type": "mention", "offset": i, "length": len(word)}
        for i, word in _words(text) if word.startswith("@")
    ]
    if mentions:
        message.setdefault("entities", []).extend(mentions)
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return {"message": message}


def callback_query(chat_id: int, user_id: int, data: str, *, message_id: int = 1, name: str = "Alice",
                   query_id: str = "cbq1", update_id: int | None = None) -> dict[str, Any]:
    """An update for a pressed inline-keyboard button under a bot message."""
    update: dict[str, Any] = {"callback_query": {
        "id": query_id, "from": _user(user_id, name), "chat_instance": "ci1", "data": data,
        "message": {"message_id": message_id, "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                    "from": {"id": 123456, "is_bot": True, "first_name": "Mishu", "username": "mishu_bot"},
                    "text": "…"},
    }}
    if update_id is not None:
        update["update_id"] = update_id
    return update


def _words(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    start = 0
    for word in text.split(" "):
        out.append((start, word))
        start += len(word) + 1
    return out


def _command_entities(text: str) -> dict[str, Any]:
    if not text.startswith("/"):
        return {}
    return {"entities": [{"type": "bot_command", "offset": 0, "length": len(text.split(" ")[0])}]}


@pytest_asyncio.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegramAPI]:
    """A started FakeTelegramAPI, stopped after the test."""
    api = FakeTelegramAPI()
    await api.start()
    try:
        yield api
    finally:
        await api.stop()
