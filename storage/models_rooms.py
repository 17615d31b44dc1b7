"""Tables of the meeting-rooms capability: bookings and the per-room lock row that serialises writers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _utc(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable))


class BookingStatus:
    """States of a booking; pending and confirmed ones hold the room."""

    PENDING_APPROVAL = "pending_approval"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    RELEASED = "released"
    ACTIVE = ("pending_approval", "confirmed")


class Booking(SQLModel, table=True):
    """One booking of one room for one period (a recurring series shares a series_id)."""

    __table_args__ = (
        Index("ix_booking_room_start", "room_id", "start"),
        Index("ix_booking_start", "start"),
        Index("ix_booking_organizer_start", "organizer_id", "start"),
        Index("ix_booking_series", "series_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    room_id: int = Field(foreign_key="room.id")
    organizer_id: int = Field(foreign_key="person.id")
    start: datetime = _utc()
    end: datetime = _utc()
    title: str = ""
    attendees: int | None = None
    chair: str = ""
    equipment: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    status: str = BookingStatus.CONFIRMED
    series_id: str | None = None
    created_at: datetime = _utc()
    checked_in_at: datetime | None = _utc(nullable=True)
    reminded_at: datetime | None = _utc(nullable=True)
    released_at: datetime | None = _utc(nullable=True)
    cancelled_at: datetime | None = _utc(nullable=True)
    notice_id: int | None = None  # a notice may link to this booking later
    approval_reason: str = ""  # why approval is needed: urgent, room, equipment
    approver_id: int | None = Field(default=None, foreign_key="person.id")
    decided_at: datetime | None = _utc(nullable=True)
    override: bool = False  # a director/admin booked past the policy


class RoomLock(SQLModel, table=True):
    """A row per room written first in every booking transaction, so writers of one room queue up."""

    room_id: int = Field(primary_key=True)
    bumps: int = 0
