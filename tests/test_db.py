"""The database wiring: each app owns its engine and session (no global re-pointing)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app import create_app
from app.db import Base, db
from app.models import User
from tests.conftest import TEST_ENV


def test_two_apps_in_one_process_each_use_their_own_database(tmp_path):
    """The app created last no longer takes over: inside app A's context the session is A's
    (a job runner, a test or a bench holding two apps never writes into the wrong one)."""
    a = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/a.db"}, environ=TEST_ENV)
    b = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/b.db"}, environ=TEST_ENV)
    for app in (a, b):
        Base.metadata.create_all(db.of(app).engine)
    with a.app_context():
        db.session.add(User(email="a@example.com", display_name="A", password_hash="x"))
        db.session.commit()
        assert str(db.engine.url).endswith("a.db")
    with b.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0
        assert str(db.engine.url).endswith("b.db")
    with a.app_context():
        assert db.session.scalar(select(User.email)) == "a@example.com"
    for app in (a, b):
        db.of(app).engine.dispose()


def test_the_database_outside_an_app_context_is_a_clear_error():
    with pytest.raises(RuntimeError, match="outside an app context"):
        db.session.scalar(select(1))
