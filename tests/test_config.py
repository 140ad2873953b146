"""Configuration: the embedded default needs nothing; production refuses to start without
secrets."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from app import ConfigError, create_app
from app.config import load_settings


def test_embedded_default_needs_no_configuration(tmp_path):
    settings = load_settings({}, tmp_path)
    assert settings.database_url == f"sqlite:///{tmp_path / 'windwalker.db'}"
    assert settings.redis_url is None
    assert settings.mail_backend == "console"
    assert settings.secret_is_generated
    # The generated secret is labelled as development-only on disk and survives restarts.
    assert (tmp_path / "DEVELOPMENT-ONLY-secret-key").exists()
    assert load_settings({}, tmp_path).secret_key == settings.secret_key
    Fernet(settings.encryption_key)  # a usable key


BILLING_ENV = {
    "BILLING_SELLER_NAME": "바람길 주식회사",
    "BILLING_SELLER_REPRESENTATIVE": "홍길동",
    "BILLING_SELLER_BUSINESS_NUMBER": "220-81-62517",
    "BILLING_SELLER_MAIL_ORDER_NUMBER": "제2026-서울마포-0123호",
    "BILLING_SELLER_ADDRESS": "서울특별시 마포구 와우산로 94",
    "BILLING_SELLER_PHONE": "02-336-1234",
    "BILLING_SELLER_EMAIL": "billing@windwalker.kr",
    "BILLING_BANK_NAME": "국민은행",
    "BILLING_BANK_ACCOUNT": "123456-01-234567",
    "BILLING_BANK_HOLDER": "바람길 주식회사",
}


def test_production_names_every_missing_setting(tmp_path):
    with pytest.raises(ConfigError) as exc:
        load_settings({"WINDWALKER_ENV": "production"}, tmp_path)
    message = str(exc.value)
    for name in (
        "DATABASE_URL",
        "REDIS_URL",
        "SECRET_KEY",
        "ENCRYPTION_KEY",
        "PUBLIC_URL",
        "SMTP_HOST",
        "BILLING_SELLER_BUSINESS_NUMBER",
        "BILLING_BANK_ACCOUNT",
    ):
        assert name in message
    assert not list(tmp_path.iterdir()), "production must not generate secrets"


def test_production_refuses_weak_secret_and_bad_fernet_key(tmp_path):
    env = {
        "WINDWALKER_ENV": "production",
        "DATABASE_URL": "postgresql://db/ww",
        "REDIS_URL": "redis://localhost:6379/0",
        "SECRET_KEY": "dev",
        "ENCRYPTION_KEY": "not-a-key",
        "PUBLIC_URL": "https://windwalker.kr",
        "SMTP_HOST": "smtp.example.com",
    }
    with pytest.raises(ConfigError) as exc:
        load_settings(env, tmp_path)
    assert "SECRET_KEY is too weak" in str(exc.value)
    assert "ENCRYPTION_KEY is not a Fernet key" in str(exc.value)


def test_production_starts_with_real_secrets_and_secure_cookies(tmp_path):
    env = {
        "WINDWALKER_ENV": "production",
        "DATABASE_URL": "postgres://user@db.internal/ww",
        "REDIS_URL": "redis://localhost:6379/0",
        "SECRET_KEY": "x" * 40,
        "ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "PUBLIC_URL": "https://windwalker.kr",
        "SMTP_HOST": "smtp.example.com",
        **BILLING_ENV,
    }
    app = create_app(environ=env)
    assert app.config["DATABASE_URL"].startswith("postgresql+psycopg://")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://localhost:6379/0"
    assert app.config["BILLING"]["seller_business_number"] == "220-81-62517"


def test_unknown_environment_name_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="WINDWALKER_ENV"):
        load_settings({"WINDWALKER_ENV": "prod"}, tmp_path)
