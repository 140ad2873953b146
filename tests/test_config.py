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


def test_embedded_default_public_url_follows_the_port_the_app_runs_on(tmp_path):
    # Published forms post to PUBLIC_URL and previews allow framing only from it: with
    # PORT=5301 and no PUBLIC_URL, :5000 would point at nothing (or at another app).
    assert load_settings({"PORT": "5301"}, tmp_path).public_url == "http://127.0.0.1:5301"
    assert load_settings({}, tmp_path).public_url == "http://127.0.0.1:5000"
    on_all = load_settings({"HOST": "0.0.0.0", "PORT": "8080"}, tmp_path)  # noqa: S104
    assert on_all.public_url == "http://127.0.0.1:8080"
    named = load_settings({"HOST": "localhost", "PORT": "5301"}, tmp_path)
    assert named.public_url == "http://localhost:5301"
    assert load_settings({"HOST": "::1", "PORT": "5301"}, tmp_path).public_url == (
        "http://[::1]:5301")
    # An explicit PUBLIC_URL always wins.
    given = load_settings({"PORT": "5301", "PUBLIC_URL": "https://ww.example"}, tmp_path)
    assert given.public_url == "https://ww.example"
    app = create_app(environ={"PORT": "5301", "SECRET_KEY": "k" * 40,
                              "ENCRYPTION_KEY": Fernet.generate_key().decode(),
                              "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"})
    assert app.config["PUBLIC_URL"] == "http://127.0.0.1:5301"


def test_scripts_run_gives_the_app_its_port_before_anything_starts_it(tmp_path):
    """scripts/run with PORT=5301: every app start it makes (migrations, the demo site's
    publish, the server) sees PORT and HOST, so the derived PUBLIC_URL is :5301 throughout.
    Run for real in a copy whose setup step and flask are stand-ins that record what they got."""
    import os
    import shutil
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    (tmp_path / "scripts").mkdir()
    shutil.copy(root / "scripts" / "run", tmp_path / "scripts" / "run")
    (tmp_path / "scripts" / "setup").write_text("#!/usr/bin/env bash\nexit 0\n")
    (tmp_path / "scripts" / "setup").chmod(0o755)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    log = tmp_path / "flask.log"
    flask = tmp_path / ".venv" / "bin" / "flask"
    flask.write_text(f'#!/usr/bin/env bash\necho "$1 PORT=$PORT HOST=$HOST" >> "{log}"\n')
    flask.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in {"PORT", "HOST", "PUBLIC_URL"}}
    subprocess.run(["bash", str(tmp_path / "scripts" / "run")], env={**env, "PORT": "5301"},
                   check=True, capture_output=True, timeout=60)
    calls = log.read_text().splitlines()
    assert [c.split()[0] for c in calls] == ["db", "demo", "run"]
    assert all(c.endswith("PORT=5301 HOST=127.0.0.1") for c in calls), calls
    seen = {"PORT": "5301", "HOST": "127.0.0.1"}
    assert load_settings(seen, tmp_path).public_url == "http://127.0.0.1:5301"


def _client_address(app, headers: dict) -> str:
    from flask import request

    @app.get("/_whoami")
    def _whoami():
        return request.remote_addr or ""

    return app.test_client().get("/_whoami", headers=headers,
                                 environ_base={"REMOTE_ADDR": "10.0.0.7"}).get_data(as_text=True)


def test_forwarded_addresses_are_believed_only_from_trusted_proxies(tmp_path):
    """Rate limits key on the client's address: behind one proxy it is the one the proxy saw;
    with no proxy configured, a client cannot claim another address with a header."""
    env = {"WINDWALKER_ENV": "testing", "SECRET_KEY": "x" * 40,
           "ENCRYPTION_KEY": Fernet.generate_key().decode(),
           "DATABASE_URL": f"sqlite:///{tmp_path}/t.db"}
    spoof = {"X-Forwarded-For": "203.0.113.9"}
    assert _client_address(create_app(environ=env), spoof) == "10.0.0.7"
    behind = create_app(environ={**env, "TRUSTED_PROXIES": "1"})
    assert _client_address(behind, spoof) == "203.0.113.9"
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        create_app(environ={**env, "TRUSTED_PROXIES": "lots"})
