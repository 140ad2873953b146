"""co-editing and support sessions

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 09:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import JSONType, UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "support_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("code_expires_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("can_publish", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("accepted_at", UTCDateTime(), nullable=True),
        sa.Column("expires_at", UTCDateTime(), nullable=True),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["agent_id"], ["users.id"],
                                name=op.f("fk_support_sessions_agent_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"],
                                name=op.f("fk_support_sessions_owner_id_users"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"],
                                name=op.f("fk_support_sessions_site_id_sites"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_sessions")),
    )
    with op.batch_alter_table("support_sessions") as batch_op:
        batch_op.create_index(batch_op.f("ix_support_sessions_site_id"), ["site_id"])
        batch_op.create_index(batch_op.f("ix_support_sessions_agent_id"), ["agent_id"])
        batch_op.create_index(batch_op.f("ix_support_sessions_code_hash"), ["code_hash"])
    for table, person in (("support_events", "actor_id"), ("chat_messages", "author_id")):
        columns = [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("session_id", sa.Integer(), nullable=False),
        ]
        if table == "support_events":
            columns += [sa.Column("kind", sa.String(length=16), nullable=False),
                        sa.Column(person, sa.Integer(), nullable=True),
                        sa.Column("detail", JSONType, nullable=False)]
        else:
            columns += [sa.Column(person, sa.Integer(), nullable=True),
                        sa.Column("body", sa.Text(), nullable=False)]
        op.create_table(
            table, *columns,
            sa.Column("created_at", UTCDateTime(), nullable=False),
            sa.ForeignKeyConstraint([person], ["users.id"],
                                    name=op.f(f"fk_{table}_{person}_users"), ondelete="SET NULL"),
            sa.ForeignKeyConstraint(["session_id"], ["support_sessions.id"],
                                    name=op.f(f"fk_{table}_session_id_support_sessions"),
                                    ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        )
        with op.batch_alter_table(table) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_session_id"), ["session_id"])
    with op.batch_alter_table("page_ops") as batch_op:
        batch_op.add_column(sa.Column("client_session_id", sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f("ix_page_ops_support_session_id"),
                              ["support_session_id"])


def downgrade() -> None:
    with op.batch_alter_table("page_ops") as batch_op:
        batch_op.drop_index(batch_op.f("ix_page_ops_support_session_id"))
        batch_op.drop_column("client_session_id")
    for table in ("chat_messages", "support_events"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_session_id"))
        op.drop_table(table)
    with op.batch_alter_table("support_sessions") as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_sessions_code_hash"))
        batch_op.drop_index(batch_op.f("ix_support_sessions_agent_id"))
        batch_op.drop_index(batch_op.f("ix_support_sessions_site_id"))
    op.drop_table("support_sessions")
