"""rooms: bookings and per-room lock rows

Revision ID: 0002_rooms
Revises: 0001
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0002_rooms"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create booking and roomlock."""
    op.create_table(
        "booking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("organizer_id", sa.Integer(), nullable=False),
        sa.Column("start", storage.types.UTCDateTime(), nullable=False),
        sa.Column("end", storage.types.UTCDateTime(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("attendees", sa.Integer(), nullable=True),
        sa.Column("chair", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("equipment", sa.JSON(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("series_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("checked_in_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("reminded_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("released_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("cancelled_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("notice_id", sa.Integer(), nullable=True),
        sa.Column("approval_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("approver_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("override", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["approver_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["organizer_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["room_id"], ["room.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.create_index("ix_booking_room_start", ["room_id", "start"], unique=False)
        batch_op.create_index("ix_booking_start", ["start"], unique=False)
        batch_op.create_index("ix_booking_organizer_start", ["organizer_id", "start"], unique=False)
        batch_op.create_index("ix_booking_series", ["series_id"], unique=False)
    op.create_table(
        "roomlock",
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("bumps", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("room_id"),
    )


def downgrade() -> None:
    """Drop booking and roomlock."""
    op.drop_table("roomlock")
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.drop_index("ix_booking_series")
        batch_op.drop_index("ix_booking_organizer_start")
        batch_op.drop_index("ix_booking_start")
        batch_op.drop_index("ix_booking_room_start")
    op.drop_table("booking")
