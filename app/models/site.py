"""Sites and who may work on them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, JSONType, UTCDateTime, utcnow

if TYPE_CHECKING:
    from app.models.page import Page
    from app.models.user import User

# How long a deleted site can be restored before it is purged.
DELETE_GRACE_DAYS = 30


class Site(Base):
    """A website. ``profile`` holds the business profile (validated by BusinessProfile)."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    locale: Mapped[str] = mapped_column(String(8), default="ko", server_default="ko")
    profile: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    theme_slug: Mapped[str | None] = mapped_column(String(63))
    theme_version: Mapped[str | None] = mapped_column(String(32))
    theme_settings: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # Old page addresses that moved: [[from, to], …] → _redirects of the published site.
    redirects: Mapped[list[Any]] = mapped_column(
        JSONType, default=list, server_default=text("'[]'")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    members: Mapped[list[SiteMember]] = relationship(
        back_populates="site", cascade="all, delete-orphan"
    )
    pages: Mapped[list[Page]] = relationship(
        back_populates="site", cascade="all, delete-orphan", order_by="Page.position"
    )


class SiteMember(Base):
    """Membership of a user in a site: ``owner`` (full control) or ``editor``."""

    __tablename__ = "site_members"

    site_id: Mapped[int] = mapped_column(
        ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16), default="owner")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    site: Mapped[Site] = relationship(back_populates="members")
    user: Mapped[User] = relationship(back_populates="memberships")
