"""Visitor cases (来访接待): who came, whom they saw, how the matter was routed and closed."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _utc(index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=True, index=index))


class VisitStatus(StrEnum):
    """Where a visitor case stands."""

    EXPECTED = "expected"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    ARRIVED = "arrived"
    LEFT = "left"
    ANSWERED = "answered"
    REFERRED = "referred"
    CLOSED = "closed"


class VisitCategory(StrEnum):
    """What the visitor came for."""

    BUSINESS = "办事"
    COMPLAINT = "反映问题"
    ENQUIRY = "咨询"
    HELP = "求助"
    OFFICIAL = "公务来访"
    INSPECTION = "检查"


class Visit(SQLModel, table=True):
    """One visit: the visitor's details, the host, the times, the routing and the outcome."""

    __table_args__ = (Index("ix_visit_name_org", "visitor", "org"),)
    id: int | None = Field(default=None, primary_key=True)
    visitor: str
    org: str = ""
    phone: str = Field(default="", index=True)
    id_number: str = ""
    purpose: str = ""
    category: str = ""
    host_text: str = ""
    host_person_id: int | None = Field(default=None, foreign_key="person.id")
    host_department_id: int | None = Field(default=None, foreign_key="department.id")
    # When the visit happens (expected or arrival time): what lists are ordered by.
    start_at: datetime | None = _utc(index=True)
    registered_at: datetime | None = _utc()
    expected_at: datetime | None = _utc()
    arrived_at: datetime | None = _utc()
    left_at: datetime | None = _utc()
    received_by_id: int | None = Field(default=None, foreign_key="person.id")
    status: str = Field(default=VisitStatus.ARRIVED, index=True)
    referral_department_id: int | None = Field(default=None, foreign_key="department.id")
    reply_due_at: datetime | None = _utc()
    next_chase_at: datetime | None = _utc(index=True)
    chase_count: int = 0
    outcome: str = ""
    closed_at: datetime | None = _utc()
    previous_visit_id: int | None = Field(default=None, foreign_key="visit.id")
    matter_id: int | None = Field(default=None, index=True)
    anonymised_at: datetime | None = _utc()
