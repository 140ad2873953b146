"""Uploaded files of a site (images), stored under their content hash."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, JSONType, UTCDateTime, utcnow


class Asset(Base):
    """An image in a site's library. ``hash`` is the SHA-256 of the normalised original;
    variants (resized WebP + JPEG/PNG fallback) live on disk under the hash."""

    __tablename__ = "assets"
    __table_args__ = (UniqueConstraint("site_id", "hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    hash: Mapped[str] = mapped_column(String(64), index=True)
    mime: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)  # bytes of the stored original
    alt: Mapped[str] = mapped_column(String(300), default="", server_default="")
    original_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    variants: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Clipboard(Base):
    """A user's copied block (with its children): pasted into any page of any of their sites."""

    __tablename__ = "clipboards"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    node: Mapped[dict[str, Any]] = mapped_column(JSONType)
    source_site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"))
    copied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
