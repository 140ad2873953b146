"""Billing fixtures: users made directly (sign-up trial or past it), on the suite's database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.accounts.operations import sign_up
from app.db import db, utcnow
from tests.conftest import IN_CI


@pytest.fixture
def make_user(app):
    """Factory: a committed user; ``days_old`` past the trial puts them on Free."""

    def _make(email="buyer@example.com", name="김사장", days_old=0, locale="ko", roles=()):
        from app.accounts.operations import grant_role

        with app.app_context():
            user = sign_up(email, "correct horse battery", display_name=name)
            user.created_at = utcnow() - timedelta(days=days_old)
            user.locale = locale
            for role in roles:
                grant_role(user, role)
            db.session.commit()
            return user.id

    return _make


def postgres_only(app) -> None:
    """Database behaviour that must be proven on PostgreSQL (CI always has it)."""
    if not app.config["DATABASE_URL"].startswith("postgresql"):
        if IN_CI:
            pytest.fail("TEST_DATABASE_URL must point at PostgreSQL in CI")
        pytest.skip("needs PostgreSQL (set TEST_DATABASE_URL)")
