"""SQLModel tables of the foundation: directory, identities, dialog, audit, outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, LargeBinary, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _utc(nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _json() -> Any:
    return Field(default=None, sa_column=Column(JSON, nullable=True))


class Department(SQLModel, table=True):
    """An organisational unit; its head receives what is addressed to the department."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    aliases: list[str] | None = _json()
    # No foreign key: person.department_id already points here, and a cycle would break table ordering.
    head_id: int | None = None


class Person(SQLModel, table=True):
    """Someone in the directory, with roles and a preferred language and platform."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    name_en: str = ""
    title: str = ""
    aliases: list[str] | None = _json()
    roles: str = "staff"  # comma-separated: admin, director, leader, secretary, reception, staff
    department_id: int | None = Field(default=None, foreign_key="department.id")
    email: str | None = Field(default=None, index=True)
    language: str | None = None
    preferred_platform: str | None = None
    active: bool = True

    def role_set(self) -> set[str]:
        """The person's roles as a set."""
        return {r for r in self.roles.split(",") if r}


class Identity(SQLModel, table=True):
    """A platform account linked to a directory person."""

    __table_args__ = (UniqueConstraint("platform", "platform_user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    platform: str
    platform_user_id: str
    private_chat_id: str | None = None
    linked_at: datetime | None = _utc(nullable=True)


class InviteCode(SQLModel, table=True):
    """A single-use code that links a chat account to a person."""

    code: str = Field(primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    expires_at: datetime = _utc()
    used_at: datetime | None = _utc(nullable=True)


class Room(SQLModel, table=True):
    """A meeting room."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    aliases: list[str] | None = _json()
    building: str = ""
    floor: int | None = None
    capacity: int = 0
    equipment: list[str] | None = _json()
    needs_approval: bool = False
    active: bool = True


class GroupChat(SQLModel, table=True):
    """A group chat or channel Mishu has seen, so notices and schedules can be posted to it."""

    __table_args__ = (UniqueConstraint("platform", "chat_id"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str
    chat_id: str
    title: str = ""


class ProcessedEvent(SQLModel, table=True):
    """An event id already handled; a platform's repeat of it is dropped."""

    event_id: str = Field(primary_key=True)
    received_at: datetime = _utc()


class DialogState(SQLModel, table=True):
    """A pending follow-up question or read-back for one person in one chat."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)  # platform:chat_id:user_id
    person_id: int = Field(foreign_key="person.id")
    kind: str  # "confirm" or "ask"
    intent: str
    payload: dict[str, Any] | None = _json()
    lang: str = "zh-Hans"
    expires_at: datetime = _utc()


class AuditLog(SQLModel, table=True):
    """One state change: who did what to which object, and when."""

    __table_args__ = (Index("ix_auditlog_at", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _utc()
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    action: str
    object_type: str = ""
    object_id: str = ""
    detail: dict[str, Any] | None = _json()


class OutboxStatus:
    """States of an outbox row."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # permanent: not retried
    UNREACHABLE = "unreachable"  # the person has no linked platform


class Outbox(SQLModel, table=True):
    """A message for someone other than the sender, delivered by the worker."""

    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _utc()
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    platform: str | None = None
    chat_id: str | None = None
    text: str
    buttons: list[dict[str, str]] | None = _json()
    status: str = Field(default=OutboxStatus.PENDING)
    attempts: int = 0
    next_attempt_at: datetime = _utc()
    sent_at: datetime | None = _utc(nullable=True)
    platform_message_id: str | None = None
    error: str | None = None
    sender_id: int | None = Field(default=None, foreign_key="person.id")
    source_type: str = ""
    source_id: str = ""
    idempotency_key: str | None = Field(default=None, unique=True)
    # True when OutboxAttachment rows belong to this message; rows without any are sent with no extra query.
    has_attachments: bool = Field(default=False, sa_column_kwargs={"server_default": false()})


class OutboxAttachment(SQLModel, table=True):
    """A file (a PNG chart, an .ics calendar) sent with an outbox message, in the order it was added."""

    id: int | None = Field(default=None, primary_key=True)
    outbox_id: int = Field(foreign_key="outbox.id", index=True)
    filename: str
    mime_type: str = "application/octet-stream"
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
