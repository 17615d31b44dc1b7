"""Writing messages for other people into the outbox, in the sender's transaction."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from bot.messages import Attachment
from storage.models import Identity, Outbox, OutboxAttachment, OutboxStatus, Person

# When a person is linked on several platforms and has no preference, try them in this order.
PLATFORM_PREFERENCE = ("telegram", "slack", "console", "fake")


def choose_identity(session: Session, person: Person, active_platforms: frozenset[str]) -> Identity | None:
    """The account to reach a person on: their preferred platform, else the first active one."""
    identities = {i.platform: i for i in session.exec(select(Identity).where(Identity.person_id == person.id))
                  if i.platform in active_platforms}
    if person.preferred_platform in identities:
        return identities[person.preferred_platform]
    for platform in PLATFORM_PREFERENCE:
        if platform in identities:
            return identities[platform]
    return None


def enqueue_for_person(session: Session, person: Person, active_platforms: frozenset[str], now: datetime,
                       text: str, buttons: list[dict[str, str]], sender_id: int | None,
                       source: tuple[str, str], idempotency_key: str | None = None,
                       attachments: tuple[Attachment, ...] = ()) -> bool:
    """Queue a private message; an unreachable person gets a row marked so, and False is returned."""
    if idempotency_key and session.exec(select(Outbox.id).where(Outbox.idempotency_key == idempotency_key)).first():
        return True
    identity = choose_identity(session, person, active_platforms)
    row = Outbox(created_at=now, person_id=person.id, text=text, buttons=buttons or None, next_attempt_at=now,
                 sender_id=sender_id, source_type=source[0], source_id=source[1],
                 idempotency_key=idempotency_key)
    if identity is None:
        row.status = OutboxStatus.UNREACHABLE
        row.error = "not linked to any active platform"
    else:
        row.platform = identity.platform
        row.chat_id = identity.private_chat_id or identity.platform_user_id
    session.add(row)
    if identity is not None:  # an unreachable row is never sent: its files are not kept
        _add_attachments(session, row, attachments)
    return identity is not None


def enqueue_for_chat(session: Session, platform: str, chat_id: str, now: datetime, text: str,
                     buttons: list[dict[str, str]], sender_id: int | None, source: tuple[str, str],
                     attachments: tuple[Attachment, ...] = ()) -> None:
    """Queue a message to a group chat or channel."""
    row = Outbox(created_at=now, platform=platform, chat_id=chat_id, text=text, buttons=buttons or None,
                 next_attempt_at=now, sender_id=sender_id, source_type=source[0], source_id=source[1])
    session.add(row)
    _add_attachments(session, row, attachments)


def _add_attachments(session: Session, row: Outbox, attachments: tuple[Attachment, ...]) -> None:
    """Store a message's files with it (the row is flushed first for its id); nothing to do without files."""
    if not attachments:
        return
    row.has_attachments = True
    session.flush()
    assert row.id is not None
    for attachment in attachments:
        session.add(OutboxAttachment(outbox_id=row.id, filename=attachment.filename,
                                     mime_type=attachment.mime_type, content=attachment.content))


def load_attachments(session: Session, outbox_id: int) -> tuple[Attachment, ...]:
    """The files of an outbox message, in the order they were queued."""
    rows = session.exec(select(OutboxAttachment).where(OutboxAttachment.outbox_id == outbox_id)
                        .order_by(OutboxAttachment.id))  # type: ignore[arg-type]
    return tuple(Attachment(filename=a.filename, content=a.content, mime_type=a.mime_type) for a in rows)
