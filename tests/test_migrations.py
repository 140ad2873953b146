"""Migrations run up, down and up again on SQLite and PostgreSQL, and match the models."""

from __future__ import annotations

import uuid

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from app import create_app
from app.cli import alembic_config
from app.db import Base
from tests.conftest import IN_CI, TEST_DATABASE_URL, TEST_ENV

EXPECTED_TABLES = {
    "users",
    "user_roles",
    "sites",
    "site_members",
    "pages",
    "page_revisions",
    "page_ops",
    "alembic_version",
}


def _round_trip(url: str) -> None:
    app = create_app({"DATABASE_URL": url}, environ=TEST_ENV)
    with app.app_context():
        cfg = alembic_config()
        cfg.attributes["skip_logging"] = True
        command.upgrade(cfg, "head")
        engine = create_engine(url)
        assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
        with engine.connect() as conn:  # the schema the migrations built is the models' schema
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            assert diff == []
        command.downgrade(cfg, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        command.upgrade(cfg, "head")
        assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
        engine.dispose()


def test_migrations_round_trip_on_sqlite(tmp_path):
    _round_trip(f"sqlite:///{tmp_path / 'm.db'}")


def test_migrations_round_trip_on_postgresql():
    if not TEST_DATABASE_URL:
        if IN_CI:
            pytest.fail("TEST_DATABASE_URL must be set in CI")
        pytest.skip("TEST_DATABASE_URL is not set")
    from app.config import normalise_database_url

    server = normalise_database_url(TEST_DATABASE_URL)
    name = f"ww_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _round_trip(server.rsplit("/", 1)[0] + "/" + name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
