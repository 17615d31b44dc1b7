"""The delivery worker: claims due outbox rows, sends them within rate limits, records the outcome."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import col, or_, select

from bot.clock import Clock
from bot.delivery import (
    PermanentDeliveryError,
    RetryableDeliveryError,
    outgoing_of,
    record_failure,
    record_retry,
    record_sent,
)
from bot.messages import Outgoing
from bot.ratelimit import RateLimiter
from storage.db import is_sqlite
from storage.models import Outbox, OutboxStatus
from storage.uow import unit_of_work

log = logging.getLogger("mishu.worker")

AsyncSender = Callable[[Outgoing], Awaitable[str]]
# A claimed row is leased for this long; if its process dies, another may send it after the lease. The lease
# is renewed (compare-and-set on the lease's end) just before each send, so a slow batch whose lease ran out
# and was claimed by another process is skipped here rather than sent twice. [delivery] lease_seconds.
CLAIM_LEASE = timedelta(seconds=60)
# A row whose own chat must wait longer than this goes back to the queue for that long, so one busy chat
# (several pushes to one person, a group at 20/min) never holds up the others or outlives its lease.
DEFER_OVER_SECONDS = 0.05


def claim_due(engine: Engine, now: datetime, platforms: frozenset[str], limit: int = 50,
              lease: timedelta = CLAIM_LEASE) -> list[int]:
    """Mark up to `limit` due rows as being sent by this process (until now + lease) and return their ids."""
    with unit_of_work(engine) as session:
        query = (select(Outbox).where(Outbox.platform.in_(platforms))  # type: ignore[union-attr]
                 .where(or_(Outbox.status == OutboxStatus.PENDING, Outbox.status == OutboxStatus.SENDING))
                 .where(Outbox.next_attempt_at <= now).order_by(Outbox.id).limit(limit))  # type: ignore[arg-type]
        if not is_sqlite(engine):
            query = query.with_for_update(skip_locked=True)
        rows = list(session.exec(query))
        for row in rows:
            row.status = OutboxStatus.SENDING
            row.next_attempt_at = now + lease
            session.add(row)
        return [row.id for row in rows if row.id is not None]


def take_claimed(engine: Engine, row_id: int, claimed_until: datetime, now: datetime,
                 lease: timedelta = CLAIM_LEASE) -> Outbox | None:
    """Renew this process's claim on a row just before sending it: the row, or None when its lease ran out
    and another process claimed it since (its claim changed next_attempt_at), or it is no longer being sent."""
    with unit_of_work(engine) as session:
        renewed = session.execute(
            update(Outbox).where(col(Outbox.id) == row_id, col(Outbox.status) == OutboxStatus.SENDING,
                                 col(Outbox.next_attempt_at) == claimed_until)
            .values(next_attempt_at=now + lease))
        if renewed.rowcount != 1:  # type: ignore[attr-defined]
            return None
        return session.get(Outbox, row_id)


class DeliveryWorker:
    """Sends outbox rows through the platform senders until stopped."""

    def __init__(self, engine: Engine, senders: dict[str, AsyncSender], clock: Clock,
                 limiter: RateLimiter | None = None, poll_seconds: float = 0.5,
                 lease: timedelta = CLAIM_LEASE) -> None:
        self.engine = engine
        self.senders = senders
        self.clock = clock
        self.limiter = limiter or RateLimiter()
        self.poll_seconds = poll_seconds
        self.lease = lease
        self._stopping = asyncio.Event()
        # chat -> the instant (self.clock) before which its rows stay deferred, to keep one chat's order
        self._held: dict[tuple[str, str], datetime] = {}
        self._wake_at: float | None = None  # the earliest instant a row this worker put off becomes due

    def stop(self) -> None:
        """Finish the message in hand and stop; undelivered rows stay for the next start."""
        self._stopping.set()

    async def run(self) -> None:
        """Deliver until stopped."""
        while not self._stopping.is_set():
            handled = await self.deliver_once()
            if handled == 0:
                try:
                    await asyncio.wait_for(self._stopping.wait(), timeout=self._idle_seconds())
                except TimeoutError:
                    pass

    def _idle_seconds(self) -> float:
        """How long to wait for new rows: the poll interval, or less when a put-off row is due sooner."""
        wake_at, self._wake_at = self._wake_at, None
        if wake_at is None:
            return self.poll_seconds
        return min(self.poll_seconds, max(0.01, wake_at - time.monotonic() + 0.01))

    def _wake_in(self, seconds: float) -> None:
        at = time.monotonic() + seconds
        self._wake_at = at if self._wake_at is None else min(self._wake_at, at)

    async def deliver_once(self) -> int:
        """Claim a batch of due rows and send them; returns how many were handled."""
        now = self.clock.now()
        ids = await asyncio.to_thread(claim_due, self.engine, now, frozenset(self.senders), 50, self.lease)
        claimed_until = now + self.lease
        if len(self._held) > 1024:
            now = self.clock.now()
            self._held = {chat: until for chat, until in self._held.items() if until > now}
        for row_id in ids:
            if self._stopping.is_set():
                await asyncio.to_thread(self._release, row_id)
                continue
            await self._deliver(row_id, claimed_until)
        return len(ids)

    async def _deliver(self, row_id: int, claimed_until: datetime) -> None:
        row = await asyncio.to_thread(take_claimed, self.engine, row_id, claimed_until, self.clock.now(),
                                      self.lease)
        if row is None:
            log.info("outbox row %s was taken over by another process; not sending it here", row_id)
            return
        out = outgoing_of(row) if not row.has_attachments else await asyncio.to_thread(self._with_files, row)
        platform, chat_id = row.platform or "", row.chat_id or ""
        wait = self.limiter.wait_time(platform, chat_id, out.chat.is_group)
        chat_wait = max(self._hold_left((platform, chat_id)), wait)
        if chat_wait > max(DEFER_OVER_SECONDS, self.limiter.platform_wait(platform)):
            await asyncio.to_thread(self._defer, row_id, chat_wait)
            return
        while wait > 0:
            await asyncio.sleep(wait)
            wait = self.limiter.wait_time(platform, chat_id, out.chat.is_group)
        try:
            message_id = await self.senders[platform](out)
        except PermanentDeliveryError as err:
            await asyncio.to_thread(self._failed, row_id, str(err))
        except RetryableDeliveryError as err:
            await asyncio.to_thread(self._retry_later, row_id, err)
        except Exception as err:  # noqa: BLE001 - an unknown failure is retried, never fatal
            log.exception("delivery of outbox row %s failed", row_id)
            await asyncio.to_thread(self._retry_later, row_id, RetryableDeliveryError(str(err)))
        else:
            await asyncio.to_thread(self._sent, row_id, message_id)
        finally:
            # Counted when the call is over: the platform counted it on arrival, which is earlier, so the
            # window never lets the next message reach the platform within its window.
            self.limiter.record(platform, chat_id, out.chat.is_group)

    def _with_files(self, row: Outbox) -> Outgoing:
        """The message of a row that has attachments, its files read in a session of their own."""
        with unit_of_work(self.engine) as session:
            return outgoing_of(row, session)

    def _hold_left(self, chat: tuple[str, str]) -> float:
        """Seconds this chat's rows stay deferred because an earlier one of them was."""
        until = self._held.get(chat)
        if until is None:
            return 0.0
        left = (until - self.clock.now()).total_seconds()
        if left <= 0:
            del self._held[chat]
            return 0.0
        return left

    def _defer(self, row_id: int, seconds: float) -> None:
        """Put a row back for `seconds` (its chat is at its limit); not an attempt."""
        with unit_of_work(self.engine) as session:
            row = session.get(Outbox, row_id)
            if row is None or row.status != OutboxStatus.SENDING:
                return
            row.status, row.next_attempt_at = OutboxStatus.PENDING, self.clock.now() + timedelta(seconds=seconds)
            self._held[(row.platform or "", row.chat_id or "")] = row.next_attempt_at
        self._wake_in(seconds)

    def _release(self, row_id: int) -> None:
        with unit_of_work(self.engine) as session:
            row = session.get(Outbox, row_id)
            if row is not None and row.status == OutboxStatus.SENDING:
                row.status, row.next_attempt_at = OutboxStatus.PENDING, self.clock.now()

    def _sent(self, row_id: int, message_id: str) -> None:
        with unit_of_work(self.engine) as session:
            row = session.get(Outbox, row_id)
            if row is not None:
                record_sent(row, message_id, self.clock.now())

    def _retry_later(self, row_id: int, err: RetryableDeliveryError) -> None:
        with unit_of_work(self.engine) as session:
            row = session.get(Outbox, row_id)
            if row is None:
                return
            delay = record_retry(session, row, err, self.clock.now(), frozenset(self.senders))
            if delay is None:
                return
            # The chat's later rows wait behind this one, so a retry does not reorder a conversation.
            self._held[(row.platform or "", row.chat_id or "")] = row.next_attempt_at
        self._wake_in(delay)

    def _failed(self, row_id: int, reason: str) -> None:
        with unit_of_work(self.engine) as session:
            row = session.get(Outbox, row_id)
            if row is not None:
                record_failure(session, row, reason, self.clock.now(), frozenset(self.senders))
