"""Outbox delivery through the real SlackSender to the fake Web API, and the choice of platform per person."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import select
from telegram import Bot

from adapters.slack import SlackSender
from adapters.telegram import TelegramSender
from bench.delivery import deliver_all, office_database
from bot.clock import SystemClock
from bot.directory import link_identity
from bot.outbox import enqueue_for_person
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import Outbox, OutboxStatus, Person
from storage.uow import unit_of_work
from tests.fakes.slack_api import SEND_METHODS, FakeSlackAPI
from tests.fakes.telegram_api import FakeTelegramAPI

RECIPIENTS = 12
EACH = 3


def slack_user(i: int) -> str:
    """The Slack user id of recipient i."""
    return f"U{i:07d}"


def slack_sender(api: FakeSlackAPI) -> SlackSender:
    """A SlackSender on a real AsyncWebClient pointed at the fake."""
    return SlackSender(AsyncWebClient(token=api.bot_token, base_url=api.base_url))


async def test_slack_pushes_arrive_once_each_within_the_per_channel_limit(fake_slack: FakeSlackAPI,
                                                                          tmp_path: Path) -> None:
    for i in range(RECIPIENTS):
        fake_slack.add_user(slack_user(i), f"Recipient {i:04d}")
    fake_slack.rate_limit(per_channel=(1, 1.0), retry_after=2)
    fake_slack.inject_failures(rate_429=0.05, rate_500=0.05, retry_after=1, seed=7,
                               methods=SEND_METHODS | {"conversations.open"})
    url = f"sqlite:///{tmp_path / 'office.db'}"
    # Each person's three pushes one after the other: the worst order for a per-channel limit.
    made = office_database(url, RECIPIENTS, platform="slack", messages_each=EACH, user_id=slack_user,
                           back_to_back=True)
    engine = make_engine(url)

    elapsed = await deliver_all(engine, {"slack": slack_sender(fake_slack).send}, timeout=25)

    posted = Counter((channel, message["text"]) for (channel, _), message in fake_slack.messages.items())
    assert set(posted.values()) == {1}
    assert sorted(posted) == sorted((f"D{r.chat_id}", r.text) for r in made)
    for i in range(RECIPIENTS):  # each person's pushes in the order they were queued
        channel = f"D{slack_user(i)}"
        texts = [m["text"] for (ch, _), m in sorted(fake_slack.messages.items()) if ch == channel]
        assert [t.split("#")[1][0] for t in texts] == ["0", "1", "2"]
    with unit_of_work(engine) as session:
        rows = list(session.exec(select(Outbox)))
    assert {row.status for row in rows} == {OutboxStatus.SENT}
    # Every attempt is recorded: each post, and each failed conversations.open (one success per person).
    failed_opens = len(fake_slack.calls_to("conversations.open")) - RECIPIENTS
    assert sum(row.attempts for row in rows) == len(fake_slack.calls_to("chat.postMessage")) + failed_opens
    assert any(row.attempts > 1 for row in rows)
    # Three messages per channel need two seconds at 1/s; other channels must not wait behind a busy one
    # (before the worker deferred such rows this took RECIPIENTS * 2 s); 500s back off 2, 4, 8 s.
    assert 2.0 <= elapsed < 20
    engine.dispose()


async def test_a_person_linked_on_both_platforms_gets_the_push_on_their_preferred_one(
        fake_slack: FakeSlackAPI, fake_telegram: FakeTelegramAPI, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'office.db'}")
    upgrade(engine)
    now = SystemClock().now()
    both = frozenset({"telegram", "slack"})
    # name -> (preferred platform, platforms the service runs, where the push must land)
    cases = {"甲": ("slack", both, "slack"), "乙": ("telegram", both, "telegram"), "丙": (None, both, "telegram"),
             "丁": ("slack", frozenset({"telegram"}), "telegram")}
    with unit_of_work(engine) as session:
        for n, (name, (preferred, active, _)) in enumerate(cases.items()):
            person = Person(name=name, preferred_platform=preferred)
            session.add(person)
            session.flush()
            fake_slack.add_user(f"UP{n}", name)
            link_identity(session, person, "slack", f"UP{n}", f"UP{n}", now)
            link_identity(session, person, "telegram", str(8000 + n), str(8000 + n), now)
            assert enqueue_for_person(session, person, active, now, text=f"push for {name}", buttons=[],
                                      sender_id=None, source=("test", name))

    async with Bot(fake_telegram.token, base_url=fake_telegram.base_url) as bot:
        await deliver_all(engine, {"telegram": TelegramSender(bot).send, "slack": slack_sender(fake_slack).send},
                          timeout=10)

    on_slack = set(fake_slack.posted_texts())
    on_telegram = set(fake_telegram.sent_texts())
    for name, (_, _, expected) in cases.items():
        assert (f"push for {name}" in on_slack, f"push for {name}" in on_telegram) == (
            expected == "slack", expected == "telegram"), name
    engine.dispose()

