"""booking exclusion: PostgreSQL itself refuses two active bookings of one room that overlap

Revision ID: 0007_booking_exclusion
Revises: 0002_rooms

The per-room lock row (bot/rooms/availability.lock_room) already serialises the service's writers; this
constraint is the database's own guarantee, so no other writer (a script, an admin's SQL, a future bug)
can store an overlap either. PostgreSQL only: SQLite has no exclusion constraints, and one SQLite
database is written by one process whose writers the lock row already orders.

Instants are stored as naive UTC (`timestamp without time zone`), so the range is a `tsrange`; its
default bounds `[)` match the service's half-open periods (a booking ending at 15:00 and one starting at
15:00 do not overlap). Only live bookings hold the room: pending approval and confirmed
(storage.models_rooms.BookingStatus.ACTIVE); cancelled and released ones do not.
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007_booking_exclusion"
down_revision: str | None = "0002_rooms"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONSTRAINT = "booking_room_no_overlap"
ACTIVE_STATUSES = ("pending_approval", "confirmed")  # BookingStatus.ACTIVE, spelled out: migrations are frozen


def upgrade() -> None:
    """On PostgreSQL: btree_gist (for `room_id WITH =` in a gist index) and the exclusion constraint."""
    if op.get_bind().dialect.name != "postgresql":
        return
    statuses = ", ".join(f"'{s}'" for s in ACTIVE_STATUSES)
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.execute(
        f'ALTER TABLE booking ADD CONSTRAINT {CONSTRAINT} '
        f'EXCLUDE USING gist (room_id WITH =, tsrange(start, "end") WITH &&) '
        f"WHERE (status IN ({statuses}))"
    )


def downgrade() -> None:
    """Drop the constraint (the extension stays: other objects may use it)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")
