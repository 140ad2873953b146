"""Where a site is published, its deployments, and what visitors send through its forms."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, JSONType, UTCDateTime, utcnow

PROVIDERS = ("local", "cloudflare_pages", "vercel")
FINAL_STATES = ("live", "ready", "failed", "superseded")


class PublishTarget(Base):
    """A site's publishing settings. The API token is stored encrypted (Fernet) and only its
    last four characters are ever shown."""

    __tablename__ = "publish_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), unique=True)
    provider: Mapped[str] = mapped_column(String(24), default="local")
    settings: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    token_encrypted: Mapped[str | None] = mapped_column(Text)
    token_hint: Mapped[str] = mapped_column(String(8), default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Deployment(Base):
    """One publish of a site: its state machine, timings, manifest and provider ids.

    state: queued → building → uploading → processing → live (production) | ready (preview)
    | failed. ``is_live`` marks the production deployment visitors currently get."""

    __tablename__ = "deployments"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    provider: Mapped[str] = mapped_column(String(24))
    production: Mapped[bool] = mapped_column(Boolean, default=True)
    state: Mapped[str] = mapped_column(String(16), default="queued")
    is_live: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    stages: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    manifest: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    provider_id: Mapped[str] = mapped_column(String(100), default="", server_default="")
    url: Mapped[str] = mapped_column(String(500), default="", server_default="")
    files_total: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    files_uploaded: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    bytes_uploaded: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    pages_touched: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    message: Mapped[str] = mapped_column(String(384), default="", server_default="")
    error: Mapped[str | None] = mapped_column(Text)
    rollback_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("deployments.id", ondelete="SET NULL")
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def done(self) -> bool:
        return self.state in FINAL_STATES


class FormSubmission(Base):
    """What a visitor sent through a contact or reservation form on a published page."""

    __tablename__ = "form_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    block_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(24), default="contact")
    page_path: Mapped[str] = mapped_column(String(200), default="", server_default="")
    fields: Mapped[list[Any]] = mapped_column(JSONType, default=list)  # [[label, value], …]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
