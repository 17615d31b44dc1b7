"""SQLModel tables of supervised assignments (督办): tasks and their recorded updates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _utc(nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _json() -> Any:
    return Field(default=None, sa_column=Column(JSON, nullable=True))


class TaskStatus:
    """States of an assignment; the open ones are still being chased."""

    ASSIGNED = "assigned"
    ACCEPTED = "accepted"
    DONE_REPORTED = "done_reported"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    OPEN = (ASSIGNED, ACCEPTED)


class TaskUpdateKind:
    """Kinds of recorded updates on an assignment."""

    PROGRESS = "progress"
    EXTENSION_REQUEST = "extension_request"
    TRANSFER = "transfer"
    DONE = "done"
    ACCEPT = "accept"
    SEND_BACK = "send_back"
    CHASE = "chase"
    ESCALATION = "escalation"
    QUESTION = "question"


class Task(SQLModel, table=True):
    """A supervised assignment: who gave it, who owns it, by when, and how the chasing stands."""

    __table_args__ = (
        # Covering indexes: the overdue list, the report's per-department counts and at-risk count read only these.
        Index("ix_task_status_due", "status", "due", "owner_department_id"),
        Index("ix_task_status_risk", "status", "risk_at", "due"),
        Index("ix_task_status_closed", "status", "closed_at"),
        Index("ix_task_owner_status", "owner_id", "status"),
        Index("ix_task_assigner_status", "assigner_id", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    title: str
    created_at: datetime = _utc()
    assigner_id: int = Field(foreign_key="person.id")
    # A department owner means its head; the department is kept for lists and reports.
    owner_id: int = Field(foreign_key="person.id")
    owner_department_id: int | None = Field(default=None, foreign_key="department.id")
    cooperators: dict[str, Any] | None = _json()  # {"people": [ids], "departments": [ids]}
    due: datetime = _utc()
    priority: str = "normal"  # urgent (急) / important (重要) / normal (一般)
    source: str = "leader"  # leader / meeting / higher / referral
    progress_rrule: str | None = None
    next_progress_at: datetime | None = _utc(nullable=True, index=True)
    status: str = Field(default=TaskStatus.ASSIGNED)
    percent: int | None = None
    last_progress_at: datetime | None = _utc(nullable=True)
    # When the item counts as at risk if nobody reports progress before then.
    risk_at: datetime | None = _utc(nullable=True)
    chase_count: int = 0
    unanswered_chases: int = 0
    escalation_level: int = 0
    last_chased_at: datetime | None = _utc(nullable=True)
    reminders_sent: list[str] | None = _json()
    done_at: datetime | None = _utc(nullable=True)
    closed_at: datetime | None = _utc(nullable=True)
    result: str = ""


class TaskUpdate(SQLModel, table=True):
    """One recorded event on an assignment: progress, a request, a decision, a chase."""

    __table_args__ = (Index("ix_taskupdate_task_at", "task_id", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id")
    author_id: int | None = Field(default=None, foreign_key="person.id")
    at: datetime = _utc()
    kind: str
    percent: int | None = None
    note: str = ""
    eta: datetime | None = _utc(nullable=True)
    detail: dict[str, Any] | None = _json()
