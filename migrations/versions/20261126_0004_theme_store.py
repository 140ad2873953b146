"""theme store: uploaded themes and their versions

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 09:27:46.609619
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import JSONType, UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=63), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("designer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["designer_id"], ["users.id"],
                                name=op.f("fk_themes_designer_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
        sa.UniqueConstraint("slug", name=op.f("uq_themes_slug")),
    )
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_themes_designer_id"), ["designer_id"], unique=False)

    op.create_table(
        "theme_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("designer_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("report", JSONType, nullable=False),
        sa.Column("manifest", JSONType, nullable=False),
        sa.Column("folder", sa.String(length=255), nullable=True),
        sa.Column("preview_key", sa.String(length=32), nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=True),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("validated_at", UTCDateTime(), nullable=True),
        sa.Column("submitted_at", UTCDateTime(), nullable=True),
        sa.Column("reviewed_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["designer_id"], ["users.id"],
                                name=op.f("fk_theme_versions_designer_id_users"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reviewer_id"], ["users.id"],
                                name=op.f("fk_theme_versions_reviewer_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["theme_id"], ["themes.id"],
                                name=op.f("fk_theme_versions_theme_id_themes"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_versions")),
    )
    with op.batch_alter_table("theme_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_theme_versions_designer_id"), ["designer_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_theme_versions_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_theme_versions_theme_id"), ["theme_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("theme_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_versions_theme_id"))
        batch_op.drop_index(batch_op.f("ix_theme_versions_status"))
        batch_op.drop_index(batch_op.f("ix_theme_versions_designer_id"))
    op.drop_table("theme_versions")
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_themes_designer_id"))
    op.drop_table("themes")
