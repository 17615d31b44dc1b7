"""The worker under per-chat limits: a busy chat waits alone, and a chat's messages keep their order."""

from __future__ import annotations

from pathlib import Path

from bench.delivery import deliver_all, office_database
from bot.clock import SystemClock
from bot.delivery import RetryableDeliveryError
from bot.messages import Outgoing
from bot.ratelimit import Limit, RateLimiter
from bot.worker import DeliveryWorker
from storage.db import make_engine

# One message a second per chat, no platform-wide limit to speak of.
LIMITS = {"slack": {"chat": Limit(1, 1.0), "group": Limit(1, 1.0), "global": Limit(1000, 1.0)}}


def user(i: int) -> str:
    """Slack user id of recipient i."""
    return f"U{i:04d}"


async def test_a_chat_at_its_limit_does_not_hold_up_the_others(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    # Three recipients, each with three pushes queued back to back.
    made = office_database(url, 3, platform="slack", messages_each=3, user_id=user, back_to_back=True)
    engine = make_engine(url)
    sent: list[str] = []

    async def send(out: Outgoing) -> str:
        sent.append(out.text)
        return str(len(sent))

    worker = DeliveryWorker(engine, {"slack": send}, SystemClock(), RateLimiter(LIMITS))
    await worker.deliver_once()
    # The first pass sends one message per chat: recipient 0's second and third wait their turn alone.
    assert sent == [made[0].text, made[3].text, made[6].text]
    await deliver_all(engine, {"slack": send}, timeout=10, limiter=worker.limiter)
    for first in (0, 3, 6):
        mine = [r.text for r in made[first:first + 3]]
        assert [t for t in sent if t in mine] == mine  # each chat in the order queued
    engine.dispose()


async def test_a_retry_keeps_the_chat_in_order(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    made = office_database(url, 1, platform="slack", messages_each=3, user_id=user, back_to_back=True)
    engine = make_engine(url)
    sent: list[str] = []
    failed_once: set[str] = set()

    async def send(out: Outgoing) -> str:
        if out.text == made[0].text and out.text not in failed_once:
            failed_once.add(out.text)
            raise RetryableDeliveryError("429", retry_after=0.3)
        sent.append(out.text)
        return str(len(sent))

    await deliver_all(engine, {"slack": send}, timeout=10, limiter=RateLimiter({}))
    assert sent == [r.text for r in made]
    engine.dispose()
