"""SQLAlchemy 2 wiring: declarative base with a naming convention, and the app's session.

Plain SQLAlchemy (no Flask-SQLAlchemy): one engine per app, a scoped session removed at the end
of every app context; ``db`` reaches the current app's. Operations ``flush()``; views and jobs
``commit()`` once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask
from sqlalchemy import JSON, DateTime, MetaData, create_engine, event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# JSONB on PostgreSQL (indexable, compact), plain JSON text elsewhere.
JSONType = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC timestamps on every backend (SQLite drops the zone on the way out)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use datetime.now(UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Clock:
    """The app's one clock, read through ``utcnow()`` (and so by every model's timestamps).

    Rules that depend on time passing — automatic page versions after a pause in editing,
    retention of old versions — are tested by moving this clock (``clock.travel(minutes=20)``)
    instead of waiting or patching each module. It is a process-wide offset, so the app served
    to a browser from a test thread sees it too. Nothing moves it outside the tests."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def travel(self, delta: timedelta | None = None, **parts: float) -> None:
        """Moves the clock forward (or back) by ``delta`` or ``timedelta(**parts)``."""
        self.offset += delta if delta is not None else timedelta(**parts)

    def reset(self) -> None:
        self.offset = timedelta(0)


clock = Clock()


def utcnow() -> datetime:
    """The current time, timezone-aware UTC (from ``clock``)."""
    return clock.now()


class Base(DeclarativeBase):
    """Base of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def make_engine(url: str) -> Engine:
    """An engine with the settings each backend needs."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            # Foreign keys are off by default in SQLite; WAL lets the job thread read while a
            # request writes.
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


class AppDatabase:
    """The engine and the scoped session of one app (kept in ``app.extensions``)."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = make_engine(url)
        self.session: scoped_session[Session] = scoped_session(
            sessionmaker(bind=self.engine, expire_on_commit=False))


class Database:
    """``db.session`` / ``db.engine``: those of the app whose context is active.

    Each app owns its engine and session (two apps in one process — a test, a bench, a job
    runner beside the web app — never share or steal each other's database); code reaches the
    current one through this object, inside an app context."""

    def init_app(self, app: Flask) -> None:
        state = AppDatabase(app.config["DATABASE_URL"])
        app.extensions["windwalker_db"] = state

        @app.teardown_appcontext
        def _remove_session(_exc):
            state.session.remove()

    @staticmethod
    def of(app: Flask) -> AppDatabase:
        """The database of ``app`` (no app context needed)."""
        return app.extensions["windwalker_db"]

    @property
    def _state(self) -> AppDatabase:
        from flask import current_app

        try:
            return current_app.extensions["windwalker_db"]
        except RuntimeError:
            raise RuntimeError("db is used outside an app context: wrap the code in "
                               "`with app.app_context():` or use db.of(app)") from None

    @property
    def session(self) -> scoped_session[Session]:
        return self._state.session

    @property
    def engine(self) -> Engine:
        return self._state.engine


db = Database()
