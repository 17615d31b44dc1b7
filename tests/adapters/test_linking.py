"""Linking chat accounts end to end: `mishu directory invite`, then the real adapters and the real BotCore."""

from __future__ import annotations

import asyncio
import re
import socket
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from adapters.slack import SlackAdapter, SlackConfig
from adapters.telegram import TelegramAdapter, TelegramConfig
from bot import i18n
from bot.bootstrap import App, build_app
from bot.clock import FrozenClock, SystemClock
from bot.config import load_settings
from storage.models import Identity, InviteCode, Person
from storage.uow import unit_of_work
from tests.fakes.slack_api import FakeSlackAPI, event_callback, im_message
from tests.fakes.telegram_api import FakeTelegramAPI, private_message

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "config.example.toml"
LANGS = ("zh-Hans", "zh-Hant", "en")


async def invite(url: str, name: str) -> str:
    """`mishu directory invite NAME` in a subprocess; returns the code it printed."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "directory", "invite", name, "--config", str(CONFIG), "--db", url,
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), timeout=25)
    assert proc.returncode == 0, err.decode()
    match = re.search(rf"code for {name}: ([A-Za-z0-9]+) ", out.decode())
    assert match, out.decode()
    assert f"link {match.group(1)}" in out.decode()
    return match.group(1)


def rendered(key: str, **params: str) -> set[str]:
    """The reply `key` in every language Mishu answers in."""
    return {i18n.render(key, lang, **params) for lang in LANGS}


def linked_person(app: App, platform: str, user_id: str) -> str | None:
    """The name of the person a platform account is linked to."""
    with unit_of_work(app.engine) as session:
        identity = session.exec(select(Identity).where(Identity.platform == platform,
                                                       Identity.platform_user_id == user_id)).first()
        person = session.get(Person, identity.person_id) if identity else None
        return person.name if person else None


@pytest.fixture
def clock() -> FrozenClock:
    """A frozen clock at the real present (the CLI's invite codes are dated by the wall clock)."""
    return FrozenClock(SystemClock().now())


@pytest.fixture
async def telegram_app(fake_telegram: FakeTelegramAPI, tmp_path: Path,
                       clock: FrozenClock) -> AsyncIterator[tuple[App, str]]:
    """The real core on a temp SQLite database behind the Telegram adapter; yields it with its URL."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    app = build_app(load_settings(str(CONFIG)), frozenset({"telegram"}), clock, database_url=url)
    adapter = TelegramAdapter(TelegramConfig(token=fake_telegram.token, base_url=fake_telegram.base_url,
                                             base_file_url=fake_telegram.base_file_url, poll_timeout=1.0),
                              app.core)
    await adapter.start()
    try:
        yield app, url
    finally:
        await adapter.stop()
        app.engine.dispose()


async def reply_to(api: FakeTelegramAPI, chat_id: int, text: str) -> str:
    """Send a private message from chat_id and return the bot's answer."""
    before = len(api.sent_texts(chat_id))
    api.push_update(private_message(chat_id, text, name=f"user{chat_id}"))
    deadline = asyncio.get_running_loop().time() + 15
    while len(api.sent_texts(chat_id)) == before:
        assert asyncio.get_running_loop().time() < deadline, f"no reply to {text!r}"
        await asyncio.sleep(0.02)
    return api.sent_texts(chat_id)[-1]


async def test_telegram_deep_link_links_once_and_refuses_reuse_and_expiry(
        fake_telegram: FakeTelegramAPI, telegram_app: tuple[App, str], clock: FrozenClock) -> None:
    app, url = telegram_app
    code, late_code = await asyncio.gather(invite(url, "王志强"), invite(url, "李伟"))

    answer = await reply_to(fake_telegram, 6001, f"/start {code}")
    assert "王志强" in answer and answer in rendered("linked", name="王志强")
    assert linked_person(app, "telegram", "6001") == "王志强"
    assert "王志强" not in await reply_to(fake_telegram, 6001, "help")  # now known: an ordinary answer

    assert await reply_to(fake_telegram, 6002, f"/start {code}") in rendered("link_bad_code")
    assert linked_person(app, "telegram", "6002") is None

    clock.advance(timedelta(days=8))  # codes live seven days
    assert await reply_to(fake_telegram, 6003, f"/start {late_code}") in rendered("link_bad_code")
    assert linked_person(app, "telegram", "6003") is None
    with unit_of_work(app.engine) as session:
        expired = session.get(InviteCode, late_code)
        assert expired is not None and expired.used_at is None
    assert await reply_to(fake_telegram, 6004, "你好") in rendered("link_prompt")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def slack_app(fake_slack: FakeSlackAPI, tmp_path: Path,
                    clock: FrozenClock) -> AsyncIterator[tuple[App, str, str]]:
    """The real core behind the Slack adapter (HTTP mode); yields it with its DB URL and events URL."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    app = build_app(load_settings(str(CONFIG)), frozenset({"slack"}), clock, database_url=url)
    config = SlackConfig(bot_token=fake_slack.bot_token, signing_secret=fake_slack.signing_secret,
                         base_url=fake_slack.base_url, mode="http", http_host="127.0.0.1", http_port=_free_port())
    adapter = SlackAdapter(config, app.core)
    await adapter.start()
    try:
        yield app, url, f"http://127.0.0.1:{config.http_port}{config.http_path}"
    finally:
        await adapter.stop()
        app.engine.dispose()


async def slack_reply(api: FakeSlackAPI, events_url: str, user: str, text: str, event_id: str) -> str:
    """A DM from `user`, delivered signed like Slack does; returns the bot's answer in that DM."""
    before = len(api.posted_texts(f"D{user}"))
    delivery = await api.deliver(events_url, event_callback(im_message(user, text), event_id))
    assert delivery.status == 200
    deadline = asyncio.get_running_loop().time() + 15
    while len(api.posted_texts(f"D{user}")) == before:
        assert asyncio.get_running_loop().time() < deadline, f"no reply to {text!r}"
        await asyncio.sleep(0.02)
    return api.posted_texts(f"D{user}")[-1]


async def test_slack_links_by_directory_email_and_by_code(fake_slack: FakeSlackAPI,
                                                          slack_app: tuple[App, str, str]) -> None:
    app, url, events = slack_app
    fake_slack.add_user("ULIU", "Liu Jianguo", "liu.jianguo@example.org")
    fake_slack.add_user("UZHANG", "Zhang Min")  # no e-mail in the profile: needs a code
    fake_slack.add_user("UNEW", "Newcomer", "new@example.org")  # e-mail not in the directory

    answer = await slack_reply(fake_slack, events, "ULIU", "帮助", "Ev1")
    assert "刘建国" in answer
    assert linked_person(app, "slack", "ULIU") == "刘建国"

    assert await slack_reply(fake_slack, events, "UZHANG", "hello", "Ev2") in rendered("link_prompt")
    code = await invite(url, "张敏")
    answer = await slack_reply(fake_slack, events, "UZHANG", f"link {code}", "Ev3")
    assert "张敏" in answer and answer in rendered("linked", name="张敏")
    assert linked_person(app, "slack", "UZHANG") == "张敏"

    assert await slack_reply(fake_slack, events, "UNEW", f"link {code}", "Ev4") in rendered("link_bad_code")
    assert linked_person(app, "slack", "UNEW") is None


async def test_slack_email_match_ignores_case(fake_slack: FakeSlackAPI, slack_app: tuple[App, str, str]) -> None:
    app, _url, events = slack_app
    fake_slack.add_user("UWANG", "Wang Zhiqiang", "Wang.Zhiqiang@Example.org")
    assert "王志强" in await slack_reply(fake_slack, events, "UWANG", "help", "Ev9")
    assert linked_person(app, "slack", "UWANG") == "王志强"
