"""editor assets clipboard

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 06:46:53.090506
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import JSONType, UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("mime", sa.String(length=40), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("alt", sa.String(length=300), server_default="", nullable=False),
        sa.Column("original_name", sa.String(length=200), server_default="", nullable=False),
        sa.Column("variants", JSONType, nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_assets_site_id_sites"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["users.id"],
            name=op.f("fk_assets_uploaded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assets")),
        sa.UniqueConstraint("site_id", "hash", name=op.f("uq_assets_site_id_hash")),
    )
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assets_hash"), ["hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_assets_site_id"), ["site_id"], unique=False)

    op.create_table(
        "clipboards",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("node", JSONType, nullable=False),
        sa.Column("source_site_id", sa.Integer(), nullable=True),
        sa.Column("copied_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_site_id"],
            ["sites.id"],
            name=op.f("fk_clipboards_source_site_id_sites"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_clipboards_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_clipboards")),
    )
    with op.batch_alter_table("page_ops", schema=None) as batch_op:
        batch_op.add_column(sa.Column("block_id", sa.String(length=32), nullable=True))

    with op.batch_alter_table("page_revisions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name", sa.String(length=80), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("summary", sa.String(length=300), server_default="", nullable=False)
        )

    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ops_since_snapshot", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("deleted_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pages", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")
        batch_op.drop_column("ops_since_snapshot")

    with op.batch_alter_table("page_revisions", schema=None) as batch_op:
        batch_op.drop_column("summary")
        batch_op.drop_column("name")

    with op.batch_alter_table("page_ops", schema=None) as batch_op:
        batch_op.drop_column("block_id")

    op.drop_table("clipboards")
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assets_site_id"))
        batch_op.drop_index(batch_op.f("ix_assets_hash"))

    op.drop_table("assets")
