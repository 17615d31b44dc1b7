"""Tables of reminders and leader digests: reminders, leaders' push preferences, and the digest log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _utc(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class ReminderStatus:
    """States of a reminder: active ones wait for next_at; a one-off one is sent, then done or snoozed."""

    ACTIVE = "active"
    SENT = "sent"
    DONE = "done"
    CANCELLED = "cancelled"


class Reminder(SQLModel, table=True):
    """A personal or group reminder: who set it, who hears it, what, when next, and how it recurs."""

    __table_args__ = (Index("ix_reminder_status_next", "status", "next_at"),)
    id: int | None = Field(default=None, primary_key=True)
    creator_id: int = Field(foreign_key="person.id", index=True)
    title: str
    audience_text: str = ""  # as written: "办公室全体", "me"
    person_ids: list[int] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    group_platform: str | None = None
    group_chat_id: str | None = None
    first_at: datetime = _utc(nullable=False)
    next_at: datetime | None = _utc()
    rrule: str | None = None
    status: str = Field(default=ReminderStatus.ACTIVE)
    snoozed: int = 0  # how many times it was put off
    parent_id: int | None = Field(default=None, foreign_key="reminder.id")  # a snoozed copy of a shared one
    created_at: datetime = _utc(nullable=False)
    last_sent_at: datetime | None = _utc()
    done_at: datetime | None = _utc()
    lang: str = "zh-Hans"


class LeaderPrefs(SQLModel, table=True):
    """How a leader wants pushes: brief time, urgent-only pushes with an evening summary, quiet hours."""

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    brief_time: str = "08:00"
    brief_enabled: bool = True
    urgent_only_push: bool = False
    summary_time: str | None = None  # when held non-urgent items and the summary go out
    quiet_start: str = "22:00"
    quiet_end: str = "07:00"


class DigestLog(SQLModel, table=True):
    """A digest that went out (or was found empty) for a person and day; person 0 is the whole office."""

    __table_args__ = (UniqueConstraint("person_id", "kind", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(index=True)
    kind: str  # brief, summary, weekly_plan
    day: date
    sent: bool = True
    at: datetime = _utc(nullable=False)
