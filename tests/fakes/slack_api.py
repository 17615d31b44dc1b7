"""A fake Slack Web API (plus Socket Mode websocket) on loopback that records calls and can misbehave."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest_asyncio
from aiohttp import web

from tests.fakes.common import FaultyFake, Limit

SEND_METHODS = frozenset({"chat.postMessage", "chat.update", "chat.postEphemeral"})


@dataclass
class Call:
    """One Web API call the fake received."""

    method: str
    params: dict[str, Any]
    at: float
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class _Failure:
    method: str
    status: int
    error: str
    remaining: int




@dataclass
class Delivery:
    """What the app answered when the fake delivered an HTTP request to it."""

    status: int
    body: str
    elapsed: float


class FakeSlackAPI(FaultyFake):
    """In-memory Slack: users, posted messages, views, uploads, call log, rate limits, failures."""

    send_methods = SEND_METHODS

    def __init__(self, bot_token: str = "xoxb-test", app_token: str = "xapp-test",
                 signing_secret: str = "test-signing-secret", clock: Callable[[], float] = time.monotonic) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.signing_secret = signing_secret
        self.clock = clock
        self.team_id = "T0001"
        self.bot_user_id = "UBOT"
        self.bot_id = "BBOT"
        self.calls: list[Call] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.messages: dict[tuple[str, str], dict[str, Any]] = {}
        self.ephemeral: list[dict[str, Any]] = []
        self.views: dict[str, dict[str, Any]] = {}
        self.files: dict[str, bytes] = {}
        self.responses: list[dict[str, Any]] = []
        self.socket_acks: list[dict[str, Any]] = []
        self._ts = itertools.count(1)
        self._failures: list[_Failure] = []
        self._channel_errors: dict[str, str] = {}
        self._per_channel: Limit | None = None
        self._global: Limit | None = None
        self._sent_at: dict[str, deque[float]] = {}
        self._global_sent_at: deque[float] = deque()
        self._init_faults()
        self._sockets: list[web.WebSocketResponse] = []
        self._socket_ready = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -----------------------------------------------------------------------
    @property
    def root(self) -> str:
        """http://127.0.0.1:<port>."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The value for AsyncWebClient(base_url=...)."""
        return f"{self.root}/api/"

    def response_url(self, name: str = "r1") -> str:
        """A response_url (for slash commands and buttons) that lands in self.responses."""
        return f"{self.root}/response/{name}"

    async def start(self) -> None:
        """Listen on a random loopback port."""
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._dispatch)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/response/{name}", self._response)
        app.router.add_get("/link", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        """Close websockets and stop listening."""
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- test controls ------------------------------------------------------------------
    def add_user(self, user_id: str, name: str, email: str | None = None, *, deleted: bool = False) -> None:
        """Register a workspace member (users.info, users.lookupByEmail)."""
        profile: dict[str, Any] = {"display_name": name, "real_name": name}
        if email:
            profile["email"] = email
        self.users[user_id] = {"id": user_id, "team_id": self.team_id, "name": name.lower(), "real_name": name,
                               "deleted": deleted, "is_bot": False, "tz": "Asia/Shanghai", "profile": profile}

    def fail_next(self, method: str, *, status: int = 200, error: str = "internal_error", times: int = 1) -> None:
        """The next `times` calls of `method` fail: HTTP `status` with {"ok": false, "error": error}."""
        self._failures.append(_Failure(method, status, error, times))

    def fail_channel(self, channel: str, error: str) -> None:
        """Every send to this channel fails with `error` (channel_not_found, not_in_channel, ...)."""
        self._channel_errors[channel] = error

    def rate_limit(self, *, per_channel: tuple[int, float] | None = None,
                   global_: tuple[int, float] | None = None, retry_after: int = 3) -> None:
        """Answer HTTP 429 + Retry-After beyond `count` sends per `window` seconds."""
        self._per_channel = Limit(per_channel[0], per_channel[1], retry_after) if per_channel else None
        self._global = Limit(global_[0], global_[1], retry_after) if global_ else None

    def posted_texts(self, channel: str | None = None) -> list[str]:
        """Texts of messages posted (optionally in one channel)."""
        return [m.get("text", "") for (ch, _), m in self.messages.items() if channel is None or ch == channel]

    def sign(self, body: str, timestamp: int | None = None) -> dict[str, str]:
        """Headers Slack adds to a request: timestamp and v0 HMAC signature."""
        ts = str(int(time.time()) if timestamp is None else timestamp)
        digest = hmac.new(self.signing_secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
        return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}

    async def deliver(self, url: str, body: str, *, content_type: str = "application/json",
                      timestamp: int | None = None, signature: str | None = None,
                      retry_num: int | None = None) -> Delivery:
        """POST a signed request to the app, like Slack does; override signature/timestamp to forge."""
        headers = {"Content-Type": content_type, **self.sign(body, timestamp)}
        if signature is not None:
            headers["X-Slack-Signature"] = signature
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        started = asyncio.get_running_loop().time()
        async with aiohttp.ClientSession() as session, session.post(url, data=body.encode(),
                                                                    headers=headers) as resp:
            text = await resp.text()
            return Delivery(resp.status, text, asyncio.get_running_loop().time() - started)

    async def wait_for_socket(self, timeout: float = 5.0) -> None:
        """Wait until a Socket Mode client has connected."""
        await asyncio.wait_for(self._socket_ready.wait(), timeout)

    async def send_envelope(self, kind: str, payload: dict[str, Any], *, retry_attempt: int = 0) -> str:
        """Push a Socket Mode envelope (events_api, interactive, slash_commands); returns its id."""
        envelope_id = str(uuid.uuid4())
        message = {"envelope_id": envelope_id, "type": kind, "payload": payload,
                   "accepts_response_payload": kind != "events_api",
                   "retry_attempt": retry_attempt, "retry_reason": "timeout" if retry_attempt else ""}
        await self._sockets[-1].send_str(json.dumps(message))
        return envelope_id

    async def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """Wait for the app's Socket Mode acknowledgement of one envelope."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for ack in self.socket_acks:
                if ack.get("envelope_id") == envelope_id:
                    return ack
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"envelope {envelope_id} not acknowledged")
            await asyncio.sleep(0.01)

    # -- server ------------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _read_params(request)
        headers = {k: v for k, v in request.headers.items() if k.lower() == "authorization"}
        self.calls.append(Call(method, params, self.clock(), headers))
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or params.get("token", "")
        expected = self.app_token if method == "apps.connections.open" else self.bot_token
        if token != expected:
            return _fail("invalid_auth")
        await self._pause(method)
        for failure in self._failures:
            if failure.method == method and failure.remaining > 0:
                failure.remaining -= 1
                if failure.status >= 500:
                    return web.Response(status=failure.status, text="upstream failure", content_type="text/html")
                return _fail(failure.error, failure.status)
        chaos = self._random_failure(method)
        if chaos is not None:
            return chaos
        if method in SEND_METHODS:
            channel = str(params.get("channel", ""))
            if channel in self._channel_errors:
                return _fail(self._channel_errors[channel])
            limited = self._check_rate(channel)
            if limited is not None:
                return limited
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return _fail("unknown_method")
        result = await handler(params)
        if isinstance(result, web.Response):
            return result
        return web.json_response({"ok": True, **result})

    def _random_failure(self, method: str) -> web.Response | None:
        roll = self._chaos_roll(method)
        if roll == "429":
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                     headers={"Retry-After": str(self._chaos.retry_after if self._chaos else 1)})
        if roll == "500":
            return web.Response(status=500, text="upstream failure", content_type="text/html")
        return None

    def _check_rate(self, channel: str) -> web.Response | None:
        now = self.clock()
        for limit, stamps in ((self._per_channel, self._sent_at.setdefault(channel, deque())),
                              (self._global, self._global_sent_at)):
            if limit is None:
                continue
            while stamps and now - stamps[0] >= limit.window:
                stamps.popleft()
            if len(stamps) >= limit.count:
                return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                         headers={"Retry-After": str(limit.retry_after)})
        self._sent_at[channel].append(now)
        self._global_sent_at.append(now)
        return None

    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    def _dm_owner(self, channel: str) -> dict[str, Any] | None:
        return self.users.get(channel[1:]) if channel.startswith("D") else self.users.get(channel)

    async def _m_auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": "https://fake.slack.com/", "team": "Office", "user": "mishu", "team_id": self.team_id,
                "user_id": self.bot_user_id, "bot_id": self.bot_id, "is_enterprise_install": False}

    async def _m_apps_connections_open(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": f"ws://127.0.0.1:{self.port}/link"}

    async def _m_chat_postMessage(self, params: dict[str, Any]) -> Any:
        channel = str(params["channel"])
        owner = self._dm_owner(channel)
        if owner is not None and owner["deleted"]:
            return _fail("account_inactive")
        if channel.startswith("U") and owner is None:
            return _fail("user_not_found")
        ts = self._next_ts()
        message = {"type": "message", "ts": ts, "text": params.get("text", ""), "bot_id": self.bot_id,
                   "blocks": params.get("blocks") or [], "user": self.bot_user_id}
        self.messages[(channel, ts)] = message
        return {"channel": channel, "ts": ts, "message": message}

    async def _m_chat_update(self, params: dict[str, Any]) -> Any:
        key = (str(params["channel"]), str(params["ts"]))
        if key not in self.messages:
            return _fail("message_not_found")
        self.messages[key].update(text=params.get("text", ""), blocks=params.get("blocks") or [])
        return {"channel": key[0], "ts": key[1], "text": params.get("text", "")}

    async def _m_chat_postEphemeral(self, params: dict[str, Any]) -> Any:
        self.ephemeral.append(params)
        return {"message_ts": self._next_ts()}

    async def _m_conversations_open(self, params: dict[str, Any]) -> Any:
        users = str(params.get("users", ""))
        user = self.users.get(users)
        if user is None:
            return _fail("user_not_found")
        if user["deleted"]:
            return _fail("account_inactive")
        return {"channel": {"id": f"D{users}"}}

    async def _m_users_info(self, params: dict[str, Any]) -> Any:
        user = self.users.get(str(params.get("user", "")))
        return {"user": user} if user is not None else _fail("user_not_found")

    async def _m_users_lookupByEmail(self, params: dict[str, Any]) -> Any:
        email = str(params.get("email", "")).lower()
        for user in self.users.values():
            if str(user["profile"].get("email", "")).lower() == email:
                return {"user": user}
        return _fail("users_not_found")

    async def _m_views_publish(self, params: dict[str, Any]) -> Any:
        view = params["view"]
        view = json.loads(view) if isinstance(view, str) else view
        self.views[str(params["user_id"])] = view
        return {"view": {"id": "V1", **view}}

    async def _m_files_getUploadURLExternal(self, params: dict[str, Any]) -> Any:
        file_id = f"F{len(self.files) + 1:04d}"
        self.files[file_id] = b""
        return {"upload_url": f"{self.root}/upload/{file_id}", "file_id": file_id}

    async def _m_files_completeUploadExternal(self, params: dict[str, Any]) -> Any:
        files = params.get("files")
        files = json.loads(files) if isinstance(files, str) else files or []
        return {"files": [{"id": f["id"], "title": f.get("title", "")} for f in files]}

    async def _upload(self, request: web.Request) -> web.Response:
        data = await request.read()
        self.files[request.match_info["file_id"]] = data
        return web.Response(text=f"OK - {len(data)}", content_type="text/plain")

    async def _response(self, request: web.Request) -> web.Response:
        payload = await request.json()
        self.responses.append({"name": request.match_info["name"], **payload})
        return web.Response(text="ok", content_type="text/plain")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1,
                                      "connection_info": {"app_id": "A1"}}))
        self._socket_ready.set()
        async for msg in ws:
            if msg.type == aiohttp.WSMsgType.TEXT:
                self.socket_acks.append(json.loads(msg.data))
        self._sockets.remove(ws)
        return ws


def _fail(error: str, status: int = 200) -> web.Response:
    return web.json_response({"ok": False, "error": error}, status=status)


async def _read_params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        params.update(body)
    elif request.can_read_body:
        form = await request.post()
        params.update({k: v for k, v in form.items() if isinstance(v, str)})
    return params


# -- request builders (what Slack sends to the app) ------------------------------------------
def event_callback(event: dict[str, Any], event_id: str = "Ev001", team_id: str = "T0001") -> str:
    """An Events API envelope (JSON body) wrapping one event."""
    return json.dumps({"token": "legacy", "team_id": team_id, "api_app_id": "A1", "event": event,
                       "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
                       "authorizations": [{"team_id": team_id, "user_id": "UBOT", "is_bot": True}]})


def im_message(user: str, text: str, channel: str | None = None, ts: str = "1700000100.000100") -> dict[str, Any]:
    """A `message` event in the user's DM with the bot."""
    return {"type": "message", "channel_type": "im", "channel": channel or f"D{user}", "user": user,
            "text": text, "ts": ts, "event_ts": ts}


def app_mention(user: str, channel: str, text: str, ts: str = "1700000100.000200") -> dict[str, Any]:
    """An `app_mention` event in a channel (text includes <@UBOT>)."""
    return {"type": "app_mention", "channel": channel, "user": user, "text": text, "ts": ts, "event_ts": ts}


def block_action(user: str, channel: str, action_id: str, value: str, *, message_ts: str = "1700000000.000001",
                 response_url: str = "https://hooks.invalid/none") -> str:
    """A form body (payload=...) for a Block Kit button press."""
    payload = {"type": "block_actions", "team": {"id": "T0001"}, "api_app_id": "A1",
               "user": {"id": user, "team_id": "T0001", "name": user.lower()},
               "channel": {"id": channel}, "container": {"type": "message", "message_ts": message_ts,
                                                        "channel_id": channel},
               "message": {"ts": message_ts, "text": "…"}, "trigger_id": "trig1", "response_url": response_url,
               "actions": [{"type": "button", "action_id": action_id, "block_id": "b1", "value": value,
                            "action_ts": "1700000200.000100"}]}
    return urlencode({"payload": json.dumps(payload)})


def slash_command(user: str, channel: str, text: str, *, response_url: str,
                  command: str = "/mishu") -> str:
    """A form body for a slash command."""
    return urlencode({"token": "legacy", "team_id": "T0001", "channel_id": channel, "user_id": user,
                      "user_name": user.lower(), "command": command, "text": text, "api_app_id": "A1",
                      "response_url": response_url, "trigger_id": "trig2"})


def home_opened(user: str) -> dict[str, Any]:
    """An `app_home_opened` event for the Home tab."""
    return {"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": "home",
            "event_ts": "1700000300.000100"}


@pytest_asyncio.fixture
async def fake_slack() -> AsyncIterator[FakeSlackAPI]:
    """A started FakeSlackAPI with two users (Alice, Bob), stopped after the test."""
    api = FakeSlackAPI()
    await api.start()
    api.add_user("UALICE", "Alice", "alice@example.com")
    api.add_user("UBOB", "Bob", "bob@example.com")
    try:
        yield api
    finally:
        await api.stop()
