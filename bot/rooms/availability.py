"""Who holds a room when: conflicts, free rooms, the nearest free slot, and the per-room write lock."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.models import Room
from storage.models_rooms import Booking, BookingStatus, RoomLock

# No booking is longer than this (policy caps far below); lets range queries use the start index.
MAX_SPAN = timedelta(hours=24)


def lock_room(session: Session, room_id: int) -> None:
    """Write the room's lock row first, so concurrent bookings of one room run one after another.

    On SQLite the write takes the database's write lock (waiting out the busy timeout) before anything
    is read; on PostgreSQL the row lock queues writers of this room until the transaction ends.
    """
    bind = session.get_bind()
    insert = pg_insert if bind.dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(RoomLock).values(room_id=room_id, bumps=1).on_conflict_do_update(
        index_elements=[col(RoomLock.room_id)], set_={"bumps": RoomLock.bumps + 1}))


def overlapping(session: Session, start: datetime, end: datetime, room_ids: Iterable[int] | None = None,
                exclude_id: int | None = None) -> list[Booking]:
    """Active bookings that overlap [start, end), optionally of some rooms only."""
    query = select(Booking).where(
        col(Booking.start) > start - MAX_SPAN, col(Booking.start) < end, col(Booking.end) > start,
        col(Booking.status).in_(BookingStatus.ACTIVE))
    if room_ids is not None:
        query = query.where(col(Booking.room_id).in_(list(room_ids)))
    if exclude_id is not None:
        query = query.where(col(Booking.id) != exclude_id)
    return list(session.exec(query.order_by(col(Booking.start))))


def conflicts(session: Session, room_id: int, start: datetime, end: datetime,
              exclude_id: int | None = None) -> list[Booking]:
    """Active bookings of the room overlapping [start, end)."""
    return overlapping(session, start, end, [room_id], exclude_id)


def free_rooms(session: Session, start: datetime, end: datetime, seats: int = 0,
               exclude_room: int | None = None) -> list[Room]:
    """Active rooms free for all of [start, end) with at least `seats` seats, smallest first."""
    busy = {b.room_id for b in overlapping(session, start, end)}
    rooms = session.exec(select(Room).where(Room.active == True, col(Room.capacity) >= seats))  # noqa: E712
    return sorted((r for r in rooms if r.id not in busy and r.id != exclude_room), key=lambda r: (r.capacity, r.name))


def nearest_free_slot(session: Session, room_id: int, start: datetime, end: datetime, day_open: datetime,
                      day_close: datetime, not_before: datetime, exclude_id: int | None = None) -> datetime | None:
    """The start of the free slot of the same length nearest to `start` that day, within office hours."""
    length = end - start
    taken = [b for b in overlapping(session, day_open, day_close, [room_id], exclude_id)]
    candidates = {day_open, *(b.end for b in taken), *(b.start - length for b in taken)}
    best: datetime | None = None
    for cand in sorted(candidates):
        if cand < day_open or cand < not_before or cand + length > day_close or cand == start:
            continue
        if any(b.start < cand + length and b.end > cand for b in taken):
            continue
        if best is None or abs(cand - start) < abs(best - start):
            best = cand
    return best
