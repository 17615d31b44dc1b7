"""notices: the notice and its recipients' confirmations

Revision ID: 0003_notices
Revises: 0001
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0003_notices"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sender_id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('is_meeting', sa.Boolean(), nullable=False),
    sa.Column('start', storage.types.UTCDateTime(), nullable=True),
    sa.Column('end', storage.types.UTCDateTime(), nullable=True),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('materials', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('audience', sa.JSON(), nullable=True),
    sa.Column('due', storage.types.UTCDateTime(), nullable=True),
    sa.Column('rrule', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('send_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('sent_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('cutoff', storage.types.UTCDateTime(), nullable=True),
    sa.Column('chase_interval_minutes', sa.Integer(), nullable=False),
    sa.Column('max_chases', sa.Integer(), nullable=False),
    sa.Column('chase_round', sa.Integer(), nullable=False),
    sa.Column('next_chase_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('summary_sent_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('reminders_done', sa.JSON(), nullable=True),
    sa.Column('next_reminder_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('group_platform', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('group_chat_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['notice.id'], ),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], ),
    sa.ForeignKeyConstraint(['sender_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_next_chase_at'), ['next_chase_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_next_reminder_at'), ['next_reminder_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_sender_id'), ['sender_id'], unique=False)
        batch_op.create_index('ix_notice_status_send_at', ['status', 'send_at'], unique=False)

    op.create_table('noticerecipient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notice_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('responded_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('chase_count', sa.Integer(), nullable=False),
    sa.Column('last_chased_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('notice_id', 'person_id')
    )
    with op.batch_alter_table('noticerecipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_noticerecipient_notice_id'), ['notice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_noticerecipient_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('noticerecipient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_noticerecipient_person_id'))
        batch_op.drop_index(batch_op.f('ix_noticerecipient_notice_id'))

    op.drop_table('noticerecipient')
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index('ix_notice_status_send_at')
        batch_op.drop_index(batch_op.f('ix_notice_sender_id'))
        batch_op.drop_index(batch_op.f('ix_notice_next_reminder_at'))
        batch_op.drop_index(batch_op.f('ix_notice_next_chase_at'))

    op.drop_table('notice')
