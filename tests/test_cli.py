"""Operator commands."""

from __future__ import annotations

from sqlalchemy import func, select

from app.accounts.operations import find_user_by_email
from app.cli import DEMO_EMAIL, DEMO_PASSWORD
from app.db import db
from app.models import Site, User


def test_demo_is_idempotent_and_can_log_in(app, web):
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["demo"])
        assert result.exit_code == 0, result.output
        assert DEMO_EMAIL in result.output
    with app.app_context():
        # The owner, plus a demo designer, admin and support agent.
        assert db.session.scalar(select(func.count()).select_from(User)) == 4
        assert "support" in find_user_by_email("support@windwalker.kr").roles
        assert "designer" in find_user_by_email("designer@windwalker.kr").roles
        assert "admin" in find_user_by_email("admin@windwalker.kr").roles
        assert find_user_by_email(DEMO_EMAIL).roles == {"owner"}
        site = db.session.scalar(select(Site).where(Site.slug == "demo"))
        assert site.profile["business_number"] == "220-81-62517"
    assert web.login(DEMO_EMAIL, DEMO_PASSWORD).status_code == 303


def test_make_admin_and_revoke(app, web):
    web.signup(email="boss@example.com")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "make-admin", "boss@example.com"])
    assert result.exit_code == 0 and "admin" in result.output
    with app.app_context():
        assert "admin" in find_user_by_email("boss@example.com").roles
    result = runner.invoke(args=["users", "list"])
    assert "boss@example.com" in result.output and "admin" in result.output
    runner.invoke(args=["users", "revoke", "boss@example.com", "admin"])
    with app.app_context():
        assert find_user_by_email("boss@example.com").roles == {"owner"}


def test_unknown_user_and_role_are_clear_errors(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "make-admin", "ghost@example.com"])
    assert result.exit_code != 0 and "No user with the email ghost@example.com" in result.output
    result = runner.invoke(args=["users", "grant", "ghost@example.com", "king"])
    assert result.exit_code != 0 and "king" in result.output
