"""Delivery benchmark: 300 pushes through the real TelegramSender to the fake Bot API, under its limits.

The fake enforces Telegram's published limits (1 message/s per chat, 30/s overall) and answers a random
share of sends with 429 (retry_after) or 500. The DeliveryWorker must get every message through exactly
once; the figure is the elapsed time against the floor set by the global limit (300 at 30/s = 10 s).

    .venv/bin/python bench/delivery.py [--recipients 300] [--rate-429 0.03] [--rate-500 0.03] [--seed 8]

tests/adapters/test_delivery_telegram.py runs the same scenario and checks the call log and the rows.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/delivery.py` puts bench/ first, not the project
    sys.path.insert(0, str(ROOT))

from sqlalchemy.engine import Engine  # noqa: E402
from sqlmodel import func, select  # noqa: E402
from telegram import Bot  # noqa: E402

from adapters.telegram import TelegramSender  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.directory import link_identity  # noqa: E402
from bot.messages import Outgoing  # noqa: E402
from bot.outbox import enqueue_for_person  # noqa: E402
from bot.ratelimit import PLATFORM_LIMITS, RateLimiter  # noqa: E402
from bot.worker import DeliveryWorker  # noqa: E402
from storage.db import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Outbox, OutboxStatus, Person  # noqa: E402
from storage.uow import unit_of_work  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402

AsyncSender = Callable[[Outgoing], Awaitable[str]]
FIRST_TELEGRAM_ID = 500_000
SENDER_NAME = "发件人"
OPEN = (OutboxStatus.PENDING, OutboxStatus.SENDING)


@dataclass(frozen=True)
class Recipient:
    """A directory person who gets one push, and the chat it goes to."""

    person_id: int
    chat_id: str
    text: str


def office_database(url: str, recipients: int, platform: str = "telegram", first_id: int = FIRST_TELEGRAM_ID,
                    messages_each: int = 1, user_id: Callable[[int], str] | None = None,
                    back_to_back: bool = False) -> list[Recipient]:
    """Migrate a fresh database, create a sender and `recipients` people linked on `platform`, and queue
    `messages_each` pushes to each: in rounds (everyone's first, then everyone's second...), or with
    `back_to_back` each person's pushes one after the other."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        now = SystemClock().now()
        made: list[Recipient] = []
        with unit_of_work(engine) as session:
            sender = Person(name=SENDER_NAME, roles="secretary")
            session.add(sender)
            people = [(Person(name=f"收件人{i:04d}", name_en=f"Recipient {i:04d}"),
                       user_id(i) if user_id else str(first_id + i)) for i in range(recipients)]
            session.add_all([person for person, _ in people])
            session.flush()
            for person, account in people:
                link_identity(session, person, platform, account, account, now)
            session.flush()
            order = [(r, p) for p in people for r in range(messages_each)] if back_to_back else \
                [(r, p) for r in range(messages_each) for p in people]
            for round_, (person, account) in order:
                text = f"会议通知 #{round_} for {person.name_en}"
                enqueue_for_person(session, person, frozenset({platform}), now, text=text, buttons=[],
                                   sender_id=sender.id, source=("bench", f"{round_}"))
                made.append(Recipient(person.id or 0, account, text))
        return made
    finally:
        engine.dispose()


def open_rows(engine: Engine) -> int:
    """How many outbox rows are still waiting (pending or being sent)."""
    with unit_of_work(engine) as session:
        return int(session.exec(select(func.count()).select_from(Outbox)
                                .where(Outbox.status.in_(OPEN))).one())  # type: ignore[attr-defined]


async def deliver_all(engine: Engine, senders: dict[str, AsyncSender], timeout: float = 60.0,
                      limiter: RateLimiter | None = None) -> float:
    """Run a DeliveryWorker (as `mishu run` does) until no row is open; returns the elapsed seconds."""
    worker = DeliveryWorker(engine, senders, SystemClock(), limiter or RateLimiter())
    started = time.monotonic()
    task = asyncio.create_task(worker.run())
    try:
        while await asyncio.to_thread(open_rows, engine):
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"rows still open after {timeout:.0f} s")
            if task.done():
                task.result()  # the worker died: raise its error
            await asyncio.sleep(0.05)
        return time.monotonic() - started
    finally:
        worker.stop()
        await task


def limit_fake(api: FakeTelegramAPI, rate_429: float, rate_500: float, seed: int) -> None:
    """Telegram's limits (1/s per chat, 30/s overall) and random 429/500 answers on the fake."""
    api.rate_limit(per_chat=(1, 1.0), global_=(30, 1.0), retry_after=3)
    api.inject_failures(rate_429=rate_429, rate_500=rate_500, retry_after=1, seed=seed)


def floor_seconds(messages: int) -> float:
    """The least time Telegram's global limit allows for this many messages."""
    limit = PLATFORM_LIMITS["telegram"]["global"]
    return messages / limit.count * limit.seconds


@dataclass(frozen=True)
class BenchResult:
    """What one run measured."""

    messages: int
    elapsed: float
    send_calls: int
    delivered: int

    @property
    def floor(self) -> float:
        """Seconds the global limit needs at the least."""
        return floor_seconds(self.messages)

    @property
    def ratio(self) -> float:
        """Elapsed over floor."""
        return self.elapsed / self.floor


async def telegram_bench(recipients: int = 300, rate_429: float = 0.03, rate_500: float = 0.03,
                         seed: int = 8) -> BenchResult:
    """Run the scenario once in a temporary directory."""
    api = FakeTelegramAPI()
    await api.start()
    try:
        limit_fake(api, rate_429, rate_500, seed)
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'bench.db'}"
            made = office_database(url, recipients)
            engine = make_engine(url)
            try:
                async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as bot:
                    elapsed = await deliver_all(engine, {"telegram": TelegramSender(bot).send})
            finally:
                engine.dispose()
        return BenchResult(len(made), elapsed, len(api.calls_to("sendMessage")), len(api.sent_texts()))
    finally:
        await api.stop()


def main(argv: list[str] | None = None) -> int:
    """Print the figure."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--recipients", type=int, default=300)
    p.add_argument("--rate-429", type=float, default=0.03)
    p.add_argument("--rate-500", type=float, default=0.03)
    p.add_argument("--seed", type=int, default=8)
    args = p.parse_args(argv)
    result = asyncio.run(telegram_bench(args.recipients, args.rate_429, args.rate_500, args.seed))
    print(f"telegram delivery: {result.messages} messages to {args.recipients} chats, limits 1/s per chat and "
          f"30/s overall, random 429 {args.rate_429:.0%} / 500 {args.rate_500:.0%}")
    print(f"  delivered {result.delivered} in {result.elapsed:.2f} s with {result.send_calls} sendMessage calls; "
          f"floor {result.floor:.1f} s; ratio {result.ratio:.2f}")
    return 0 if result.delivered == result.messages else 1


if __name__ == "__main__":
    sys.exit(main())
