"""Delivering outbox rows: pick due rows, send through the platform's sender, record the outcome."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlalchemy.orm import object_session
from sqlmodel import Session, select

from bot.messages import Attachment, Button, ChatKind, ChatRef, Outgoing, Platform
from bot.outbox import load_attachments
from storage.models import Outbox, OutboxStatus
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


def deliver_due(engine: Engine, senders: dict[str, SyncSender], now: datetime, limit: int = 500) -> int:
    """Send due rows through synchronous senders (console, tests); returns how many were sent."""
    sent = 0
    with unit_of_work(engine) as session:
        rows = list(session.exec(select(Outbox).where(Outbox.status == OutboxStatus.PENDING,
                                                      Outbox.next_attempt_at <= now)
                                 .order_by(Outbox.id).limit(limit)))  # type: ignore[arg-type]
        for row in rows:
            sender = senders.get(row.platform or "")
            if sender is None:
                continue
            row.attempts += 1
            try:
                row.platform_message_id = sender(outgoing_of(row, session))
                row.status, row.sent_at = OutboxStatus.SENT, now
                sent += 1
            except PermanentDeliveryError as err:
                row.status, row.error = OutboxStatus.FAILED, str(err)[:500]
            except RetryableDeliveryError as err:
                delay = err.retry_after if err.retry_after is not None else min(2 ** row.attempts, 300)
                row.next_attempt_at = now + timedelta(seconds=delay)
                if row.attempts >= MAX_ATTEMPTS:
                    row.status, row.error = OutboxStatus.FAILED, str(err)[:500]
            session.add(row)
    return sent
