"""Tables of notices: the notice itself and one row per recipient with their confirmation."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _utc(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _json() -> Any:
    return Field(default=None, sa_column=Column(JSON, nullable=True))


class NoticeStatus(StrEnum):
    """Where a notice is in its life."""

    SCHEDULED = "scheduled"  # waits for send_at
    RECURRING = "recurring"  # a template: each occurrence is sent as its own notice
    SENT = "sent"
    CANCELLED = "cancelled"


class RecipientStatus(StrEnum):
    """A recipient's answer to a notice."""

    PENDING = "pending"
    RECEIVED = "received"
    ATTENDING = "attending"
    EXCUSED = "excused"
    UNREACHABLE = "unreachable"


class Notice(SQLModel, table=True):
    """A notice (通知) or meeting notice; `content` is the approved text, sent word for word."""

    __table_args__ = (Index("ix_notice_status_send_at", "status", "send_at"),)
    id: int | None = Field(default=None, primary_key=True)
    sender_id: int = Field(foreign_key="person.id", index=True)
    title: str = ""
    content: str = Field(default="", sa_column=Column(Text, nullable=False))
    is_meeting: bool = False
    start: datetime | None = _utc()
    end: datetime | None = _utc()
    place: str = ""
    room_id: int | None = Field(default=None, foreign_key="room.id")
    materials: str = ""
    audience: list[str] | None = _json()  # as written by the sender
    due: datetime | None = _utc()
    rrule: str | None = None
    status: str = Field(default=NoticeStatus.SENT)
    created_at: datetime = _utc(nullable=False)
    send_at: datetime | None = _utc()
    sent_at: datetime | None = _utc()
    cutoff: datetime | None = _utc()
    chase_interval_minutes: int = 30
    max_chases: int = 3
    chase_round: int = 0
    next_chase_at: datetime | None = _utc(index=True)
    summary_sent_at: datetime | None = _utc()
    reminders_done: list[int] | None = _json()  # minutes-before offsets already reminded
    next_reminder_at: datetime | None = _utc(index=True)
    group_platform: str | None = None
    group_chat_id: str | None = None
    parent_id: int | None = Field(default=None, foreign_key="notice.id")
    version: int = 1
    lang: str = "zh-Hans"


class NoticeRecipient(SQLModel, table=True):
    """One person a notice went to, and how they answered."""

    __table_args__ = (UniqueConstraint("notice_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    notice_id: int = Field(foreign_key="notice.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    status: str = Field(default=RecipientStatus.PENDING)
    reason: str = ""
    responded_at: datetime | None = _utc()
    chase_count: int = 0
    last_chased_at: datetime | None = _utc()
