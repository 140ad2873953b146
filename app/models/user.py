"""Accounts and their roles."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from app.models.site import SiteMember

# Everyone is an owner of the sites they create; the other roles are granted.
ROLES = ("owner", "designer", "support", "admin")
GRANTABLE_ROLES = ("designer", "support", "admin")


class User(UserMixin, Base):
    """A person who signs in. Email is stored lower-cased and unique."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(8), default="ko", server_default="ko")
    timezone: Mapped[str] = mapped_column(
        String(64), default="Asia/Seoul", server_default="Asia/Seoul"
    )
    # Bumped on password change or "sign out everywhere": every session carrying an older
    # value is refused, which ends all sessions at once without a server-side session store.
    auth_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )
    sessions: Mapped[list[UserSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )
    memberships: Mapped[list[SiteMember]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def roles(self) -> set[str]:
        """Every role this user holds; ``owner`` is implicit for everyone."""
        return {"owner", *(r.role for r in self.role_rows)}

    def has_role(self, *roles: str) -> bool:
        """True when the user holds any of ``roles`` (admin holds every role)."""
        mine = self.roles
        return "admin" in mine or bool(mine.intersection(roles))

    # The signed-in session this object was loaded for (a str, set by app.auth); not a column,
    # so not annotated (SQLAlchemy maps annotated attributes).
    session_token = None

    def get_id(self) -> str:
        # Flask-Login stores this in the session (and the remember cookie): the epoch part ends
        # every session at once, the session token this one (see UserSession).
        return f"{self.id}:{self.auth_epoch}:{self.session_token or ''}"


class UserRole(Base):
    """A granted role (designer, support, admin)."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="role_rows")


class UserSession(Base):
    """One signed-in session (a browser after login). The cookie carries a random token; only
    its SHA-256 is stored. Logging out deletes the row, so a copy of the cookie stops working at
    once, not when its idle or absolute limit runs out."""

    __tablename__ = "user_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="sessions")
