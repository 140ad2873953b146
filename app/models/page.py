"""Pages (component trees), their revisions and the operation log."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, JSONType, UTCDateTime, utcnow

if TYPE_CHECKING:
    from app.models.site import Site


class Page(Base):
    """One page of a site. ``draft_tree`` is the component tree; ``seq`` counts applied ops."""

    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("site_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(120))
    seo_title: Mapped[str] = mapped_column(String(120), default="", server_default="")
    seo_description: Mapped[str] = mapped_column(String(300), default="", server_default="")
    social_image: Mapped[str] = mapped_column(String(500), default="", server_default="")
    is_home: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    draft_tree: Mapped[dict[str, Any]] = mapped_column(JSONType)
    seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    ops_since_snapshot: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Automatic versions (app.editor.operations.record_versions): when the latest edit was
    # made, and since when the edits have run without a pause (or since the latest automatic
    # version made during that run).
    last_edit_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    burst_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    site: Mapped[Site] = relationship(back_populates="pages")


class PageRevision(Base):
    """A snapshot of a page's tree at a given ``seq`` (history, restore)."""

    __tablename__ = "page_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(120))
    tree: Mapped[dict[str, Any]] = mapped_column(JSONType)
    # auto (after a pause, or during long editing) | named | publish (before publishing) |
    # restore (before a version was restored). ``created_at`` is when the page was in this state.
    reason: Mapped[str] = mapped_column(String(40), default="auto")
    name: Mapped[str] = mapped_column(String(80), default="", server_default="")
    summary: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PageOp(Base):
    """One applied (or refused) editing operation: the log behind undo, history and co-editing.

    ``(page_id, idempotency_key)`` is unique, so a retried or double-clicked op is applied once.
    """

    __tablename__ = "page_ops"
    __table_args__ = (UniqueConstraint("page_id", "idempotency_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    base_seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(24))
    block_id: Mapped[str | None] = mapped_column(String(32))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    support_session_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # The browser tab that sent the op: live updates are not echoed back to it.
    client_session_id: Mapped[str | None] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    previous: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    outcome: Mapped[str] = mapped_column(String(24), default="applied")
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
