"""outbox attachments: files (PNG charts, .ics) sent with queued messages

Revision ID: 0008_outbox_attachments
Revises: 0001
Create Date: 2026-11-22 15:57:49.159411

`outbox.has_attachments` (false for every existing row) lets the sender skip the attachment query for the
usual message without files.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0008_outbox_attachments'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('outboxattachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('outbox_id', sa.Integer(), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('mime_type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['outbox_id'], ['outbox.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outboxattachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outboxattachment_outbox_id'), ['outbox_id'], unique=False)

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('has_attachments', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('has_attachments')

    with op.batch_alter_table('outboxattachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outboxattachment_outbox_id'))

    op.drop_table('outboxattachment')
