"""support sessions: the agent's site-level changes can be undone

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 12:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("support_events") as batch:
        batch.add_column(sa.Column("undone_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("support_events") as batch:
        batch.drop_column("undone_at")
