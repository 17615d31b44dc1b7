"""Delivering outbox rows: pick due rows, send through the platform's sender, record the outcome."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlalchemy.orm import object_session
from sqlmodel import Session, select

from bot import i18n
from bot.messages import Attachment, Button, ChatKind, ChatRef, Outgoing, Platform
from bot.outbox import enqueue_for_person, load_attachments
from storage.models import Outbox, OutboxStatus, Person
from storage.uow import unit_of_work

log = logging.getLogger("mishu.delivery")

MAX_ATTEMPTS = 8


class DeliveryError(Exception):
    """A message could not be delivered."""


class PermanentDeliveryError(DeliveryError):
    """Retrying will not help: the user blocked the bot, never started it, or left."""

    def __init__(self, message: str, *, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


class RetryableDeliveryError(DeliveryError):
    """Try again later: rate limited (429), server error (5xx) or a network problem."""

    def __init__(self, message: str = "", *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


SyncSender = Callable[[Outgoing], str]


def outgoing_of(row: Outbox, session: Session | None = None) -> Outgoing:
    """The neutral message an outbox row stands for, with its files.

    Files are read (one query) only for a row marked `has_attachments`, through `session` or else the
    session the row belongs to; a detached row with files needs the session passed.
    """
    chat = ChatRef(platform=Platform(row.platform or "fake"), chat_id=row.chat_id or "",
                   kind=ChatKind.PRIVATE if row.person_id else ChatKind.GROUP)
    buttons = tuple(Button(label=b["label"], action=b["action"], value=b.get("value", ""))
                    for b in row.buttons or [])
    attachments: tuple[Attachment, ...] = ()
    if row.has_attachments and row.id is not None:
        owner = session if session is not None else object_session(row)
        if owner is None:
            raise ValueError(f"outbox row {row.id} has attachments: pass a session to load them")
        attachments = load_attachments(owner, row.id)  # type: ignore[arg-type]
    return Outgoing(chat=chat, text=row.text, buttons=buttons, attachments=attachments)


def record_sent(row: Outbox, message_id: str, now: datetime) -> None:
    """The platform took the message."""
    row.attempts += 1
    row.status, row.sent_at, row.platform_message_id = OutboxStatus.SENT, now, message_id


def record_retry(session: Session, row: Outbox, err: RetryableDeliveryError, now: datetime,
                 platforms: frozenset[str]) -> float | None:
    """Schedule another try (honouring retry_after, else exponential backoff); returns the delay, or None
    when the row has used up its attempts and was given up."""
    row.attempts += 1
    delay = err.retry_after if err.retry_after is not None else min(2.0 ** row.attempts, 300.0)
    row.status, row.next_attempt_at = OutboxStatus.PENDING, now + timedelta(seconds=delay)
    row.error = str(err)[:500]
    if row.attempts >= MAX_ATTEMPTS:
        give_up(session, row, f"gave up after {row.attempts} attempts: {err}", now, platforms)
        return None
    session.add(row)
    return delay


def record_failure(session: Session, row: Outbox, reason: str, now: datetime, platforms: frozenset[str]) -> None:
    """The platform will never take this message."""
    row.attempts += 1
    give_up(session, row, reason, now, platforms)


def give_up(session: Session, row: Outbox, reason: str, now: datetime, platforms: frozenset[str]) -> None:
    """Record a permanent failure and tell the sender once (not for failures of such notes)."""
    row.status, row.error = OutboxStatus.FAILED, reason[:500]
    session.add(row)
    if row.sender_id is None or row.source_type == "delivery_failed" or row.person_id is None:
        return
    sender = session.get(Person, row.sender_id)
    recipient = session.get(Person, row.person_id)
    if sender is None or recipient is None or sender.id == recipient.id:
        return
    lang = sender.language or "zh-Hans"
    enqueue_for_person(session, sender, platforms, now,
                       text=i18n.render("delivery_failed", lang, name=recipient.name), buttons=[],
                       sender_id=None, source=("delivery_failed", str(row.id)),
                       idempotency_key=f"delivery_failed:{row.id}")


def deliver_due(engine: Engine, senders: dict[str, SyncSender], now: datetime, limit: int = 500) -> int:
    """Send due rows through synchronous senders (console, tests); returns how many were sent."""
    sent = 0
    platforms = frozenset(senders)
    with unit_of_work(engine) as session:
        rows = list(session.exec(select(Outbox).where(Outbox.status == OutboxStatus.PENDING,
                                                      Outbox.next_attempt_at <= now)
                                 .order_by(Outbox.id).limit(limit)))  # type: ignore[arg-type]
        for row in rows:
            sender = senders.get(row.platform or "")
            if sender is None:
                continue
            try:
                record_sent(row, sender(outgoing_of(row, session)), now)
                session.add(row)
                sent += 1
            except PermanentDeliveryError as err:
                record_failure(session, row, str(err), now, platforms)
            except RetryableDeliveryError as err:
                record_retry(session, row, err, now, platforms)
    return sent
