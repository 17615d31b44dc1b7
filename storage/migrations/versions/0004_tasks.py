"""supervised assignments (督办): task and taskupdate

Revision ID: 0004_tasks
Revises: 0001
Create Date: 2026-11-22 14:40:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0004_tasks"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('assigner_id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('owner_department_id', sa.Integer(), nullable=True),
    sa.Column('cooperators', sa.JSON(), nullable=True),
    sa.Column('due', storage.types.UTCDateTime(), nullable=False),
    sa.Column('priority', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('progress_rrule', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('next_progress_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=True),
    sa.Column('last_progress_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('risk_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('chase_count', sa.Integer(), nullable=False),
    sa.Column('unanswered_chases', sa.Integer(), nullable=False),
    sa.Column('escalation_level', sa.Integer(), nullable=False),
    sa.Column('last_chased_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('reminders_sent', sa.JSON(), nullable=True),
    sa.Column('done_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('closed_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('result', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['assigner_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['owner_department_id'], ['department.id'], ),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index('ix_task_assigner_status', ['assigner_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_next_progress_at'), ['next_progress_at'], unique=False)
        batch_op.create_index('ix_task_owner_status', ['owner_id', 'status'], unique=False)
        batch_op.create_index('ix_task_status_closed', ['status', 'closed_at'], unique=False)
        batch_op.create_index('ix_task_status_due', ['status', 'due', 'owner_department_id'], unique=False)
        batch_op.create_index('ix_task_status_risk', ['status', 'risk_at', 'due'], unique=False)

    op.create_table('taskupdate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('eta', storage.types.UTCDateTime(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('taskupdate', schema=None) as batch_op:
        batch_op.create_index('ix_taskupdate_task_at', ['task_id', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('taskupdate', schema=None) as batch_op:
        batch_op.drop_index('ix_taskupdate_task_at')
    op.drop_table('taskupdate')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index('ix_task_status_risk')
        batch_op.drop_index('ix_task_status_due')
        batch_op.drop_index('ix_task_status_closed')
        batch_op.drop_index('ix_task_owner_status')
        batch_op.drop_index(batch_op.f('ix_task_next_progress_at'))
        batch_op.drop_index('ix_task_assigner_status')
    op.drop_table('task')
