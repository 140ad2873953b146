"""pages: when the latest edit was made and when the run of edits began (automatic versions)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pages") as batch:
        batch.add_column(sa.Column("last_edit_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("burst_started_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pages") as batch:
        batch.drop_column("burst_started_at")
        batch.drop_column("last_edit_at")
