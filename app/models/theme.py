"""Uploaded themes and their versions (bundled themes live in ``themes/`` and need no rows).

A designer uploads a zip; it becomes a ``ThemeVersion`` that the validator job fills in. Once
valid it can be submitted; an admin approves or rejects it. Only approved versions appear in the
gallery, and a site pins the version it uses (``Site.theme_slug`` + ``Site.theme_version``).
An approved version's files never change, so a pinned site keeps looking the same.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, JSONType, UTCDateTime, utcnow

if TYPE_CHECKING:
    from app.models.user import User

# validating → invalid | valid;  valid → in_review → approved | rejected
VERSION_STATES = ("validating", "invalid", "valid", "in_review", "approved", "rejected")


class Theme(Base):
    """An uploaded theme: its slug belongs to the designer who first uploaded it."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    designer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    designer: Mapped[User | None] = relationship()
    versions: Mapped[list[ThemeVersion]] = relationship(
        back_populates="theme", order_by="ThemeVersion.id"
    )


class ThemeVersion(Base):
    """One uploaded package: its report, its files once valid, and its review."""

    __tablename__ = "theme_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    designer_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # Known once the manifest has been read.
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="validating", index=True)
    filename: Mapped[str] = mapped_column(String(255), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    report: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    manifest: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # The unpacked package, relative to the theme store (set once valid; never changed after).
    folder: Mapped[str | None] = mapped_column(String(255))
    # A secret key: the private preview is served at <key>--theme-previews.<sites host>.
    preview_key: Mapped[str | None] = mapped_column(String(32))
    review_comment: Mapped[str | None] = mapped_column(Text)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    validated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    theme: Mapped[Theme | None] = relationship(back_populates="versions")
    designer: Mapped[User] = relationship(foreign_keys=[designer_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])

    @property
    def name(self) -> str | dict[str, str]:
        """The theme's name as theme.json gives it: one string, or one per language
        (show it with ``app.i18n.in_language`` / the ``in_language`` template filter)."""
        return (self.manifest or {}).get("name") or self.filename
