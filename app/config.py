"""Configuration from the environment, with an embedded default that needs nothing.

The embedded default (no ``WINDWALKER_ENV``) runs on SQLite in ``instance/``, runs jobs in a
background thread, publishes locally and prints mail to the console. ``WINDWALKER_ENV=production``
reads everything from the environment and refuses to start without real secrets.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet


class ConfigError(RuntimeError):
    """The configuration cannot work; the message says exactly what to set."""


@dataclass
class Settings:
    """Everything the app reads from its environment, resolved once in ``create_app``."""

    env: str = "development"
    database_url: str = ""
    redis_url: str | None = None
    secret_key: str = ""
    encryption_key: str = ""
    secret_is_generated: bool = False
    mail_backend: str = "console"
    mail_from: str = "WindWalker <no-reply@windwalker.kr>"
    smtp: dict = field(default_factory=dict)
    mail_file_dir: str | None = None
    public_url: str | None = None
    asset_dir: str = ""
    sites_url: str = ""
    sites_dir: str = ""
    cloudflare_base_url: str | None = None
    vercel_api_url: str | None = None
    trusted_proxies: int = 0
    billing: dict = field(default_factory=dict)

    def flask_config(self) -> dict:
        """The Flask config keys derived from these settings."""
        production = self.env == "production"
        return {
            "ENV_NAME": self.env,
            "SECRET_KEY": self.secret_key,
            "SECRET_IS_GENERATED": self.secret_is_generated,
            "ENCRYPTION_KEY": self.encryption_key,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "MAIL_BACKEND": self.mail_backend,
            "MAIL_FROM": self.mail_from,
            "MAIL_SMTP": self.smtp,
            "MAIL_FILE_DIR": self.mail_file_dir,
            "ASSET_DIR": self.asset_dir,
            # Published sites live on their own origin (never the editor's): {slug} is filled.
            "SITES_URL": self.sites_url,
            "SITES_DIR": self.sites_dir,
            # Provider API endpoints (a staging API or a test fake can stand in).
            "CLOUDFLARE_BASE_URL": self.cloudflare_base_url,
            "VERCEL_API_URL": self.vercel_api_url,
            # Proxies in front of the app whose X-Forwarded-For/-Proto/-Host are believed (the
            # client's address is what rate limits key on; 0: none, the socket's address).
            "TRUSTED_PROXIES": self.trusted_proxies,
            # The seller printed on invoices (상호, 대표자, 등록번호 …) and the bank account.
            "BILLING": self.billing,
            "PUBLISH_POLL_SCHEDULE": None,
            # The editor's save queue (tests shorten the waits; see docs/editor.md).
            "EDITOR_SAVE_DELAY_MS": 700,  # after the last keystroke
            "EDITOR_RETRY_MS": 1000,  # first retry of an unanswered edit; doubles each time
            "EDITOR_RETRY_MAX_MS": 15000,
            "EDITOR_REQUEST_TIMEOUT_MS": 20000,
            # Automatic page versions (docs/editor.md): a pause of ``idle_minutes`` ends a run
            # of edits, a long run is versioned every ``every_minutes``; automatic versions
            # older than ``keep_all_days`` are thinned to the last one of each day.
            "EDITOR_VERSIONS": {"idle_minutes": 5, "every_minutes": 15, "keep_all_days": 30},
            "ASSET_MAX_BYTES": 10 * 1024 * 1024,
            "ASSET_MAX_PIXELS": 40_000_000,
            "PUBLIC_URL": self.public_url,
            # Cookies: __Host- prefix + Secure only over HTTPS in production.
            "SESSION_COOKIE_NAME": "__Host-ww_session" if production else "ww_session",
            "SESSION_COOKIE_SECURE": production,
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "REMEMBER_COOKIE_SECURE": production,
            "REMEMBER_COOKIE_HTTPONLY": True,
            "REMEMBER_COOKIE_SAMESITE": "Lax",
            "PREFERRED_URL_SCHEME": "https" if production else "http",
            "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
            "MAX_CONTENT_LENGTH": 12 * 1024 * 1024,  # a 10 MB image plus form overhead
            "RATELIMIT_STORAGE_URI": self.redis_url or "memory://",
            "RATELIMIT_HEADERS_ENABLED": True,
            "BABEL_DEFAULT_LOCALE": "ko",
            "BABEL_DEFAULT_TIMEZONE": "Asia/Seoul",
            "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
            # Session lifetimes (security.md: idle and absolute timeouts).
            "SESSION_IDLE_TIMEOUT_SECONDS": 2 * 60 * 60,
            "SESSION_ABSOLUTE_TIMEOUT_SECONDS": 14 * 24 * 60 * 60,
        }


# The seller block of every invoice (Korean e-commerce law) and the account customers pay into.
# The embedded default prints clearly fictional demo details; production must set them all.
BILLING_SETTINGS = {
    "BILLING_SELLER_NAME": ("seller_name", "바람길 주식회사 (데모)"),
    "BILLING_SELLER_REPRESENTATIVE": ("seller_representative", "홍길동"),
    "BILLING_SELLER_BUSINESS_NUMBER": ("seller_business_number", "000-00-00000"),
    "BILLING_SELLER_MAIL_ORDER_NUMBER": ("seller_mail_order_number", "제0000-서울마포-0000호"),
    "BILLING_SELLER_ADDRESS": ("seller_address", "서울특별시 마포구 (데모 주소)"),
    "BILLING_SELLER_PHONE": ("seller_phone", "02-000-0000"),
    "BILLING_SELLER_EMAIL": ("seller_email", "billing@windwalker.kr"),
    "BILLING_BANK_NAME": ("bank_name", "데모은행"),
    "BILLING_BANK_ACCOUNT": ("bank_account", "000-000000-00-000"),
    "BILLING_BANK_HOLDER": ("bank_holder", "바람길 주식회사"),
}


def _billing(environ: dict[str, str], production: bool) -> tuple[dict, list[str]]:
    """The billing settings and, in production, the names of those that are missing."""
    values, missing = {}, []
    for name, (key, demo) in BILLING_SETTINGS.items():
        value = environ.get(name, "").strip()
        if not value and production:
            missing.append(name)
        values[key] = value or demo
    return values, missing


def _dev_secret(instance: Path, name: str, make) -> str:
    """A generated development secret kept in instance/ so sessions survive restarts."""
    path = instance / name
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


def load_settings(environ: dict[str, str], instance_path: Path) -> Settings:
    """Resolves settings from ``environ``; raises ConfigError listing every missing variable."""
    env = environ.get("WINDWALKER_ENV", "development")
    if env not in {"development", "production", "testing"}:
        raise ConfigError(
            f"WINDWALKER_ENV must be development, production or testing, not {env!r}."
        )
    s = Settings(env=env)
    s.redis_url = environ.get("REDIS_URL") or None
    s.public_url = environ.get("PUBLIC_URL") or None
    s.mail_from = environ.get("MAIL_FROM", s.mail_from)
    s.mail_file_dir = environ.get("MAIL_FILE_DIR") or None
    s.asset_dir = environ.get("ASSET_DIR") or str(instance_path / "assets")
    s.sites_dir = environ.get("SITES_DIR") or str(instance_path / "sites")
    s.cloudflare_base_url = environ.get("CLOUDFLARE_BASE_URL") or None
    s.vercel_api_url = environ.get("VERCEL_API_URL") or None
    proxies = environ.get("TRUSTED_PROXIES", "0").strip() or "0"
    if not proxies.isdigit() or int(proxies) > 5:
        raise ConfigError("TRUSTED_PROXIES must be the number of proxies in front of the app "
                          f"(0 to 5), not {proxies!r}.")
    s.trusted_proxies = int(proxies)
    port = environ.get("PORT") or "5000"
    s.sites_url = environ.get("SITES_URL") or f"http://{{slug}}.sites.localhost:{port}"
    if environ.get("SMTP_HOST"):
        s.mail_backend = "smtp"
        s.smtp = {
            "host": environ["SMTP_HOST"],
            "port": int(environ.get("SMTP_PORT", "587")),
            "username": environ.get("SMTP_USERNAME", ""),
            "password": environ.get("SMTP_PASSWORD", ""),
            "starttls": environ.get("SMTP_STARTTLS", "true").lower() != "false",
        }
    s.mail_backend = environ.get("MAIL_BACKEND", s.mail_backend)

    if env == "production":
        missing = [
            name
            for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ENCRYPTION_KEY", "PUBLIC_URL")
            if not environ.get(name)
        ]
        s.billing, billing_missing = _billing(environ, production=True)
        missing += billing_missing
        problems = [f"{name} is not set" for name in missing]
        secret = environ.get("SECRET_KEY", "")
        if secret and (len(secret) < 32 or secret.lower() in {"dev", "secret", "changeme"}):
            problems.append("SECRET_KEY is too weak (use at least 32 random characters)")
        key = environ.get("ENCRYPTION_KEY", "")
        if key:
            try:
                Fernet(key)
            except ValueError:
                problems.append(
                    "ENCRYPTION_KEY is not a Fernet key "
                    "(make one with: python -c 'from cryptography.fernet import Fernet; "
                    "print(Fernet.generate_key().decode())')"
                )
        if s.mail_backend == "console":
            problems.append("SMTP_HOST is not set (production mail cannot go to the console)")
        if problems:
            raise ConfigError(
                "WindWalker refuses to start in production: " + "; ".join(problems) + "."
            )
        s.database_url = environ["DATABASE_URL"]
        s.secret_key = secret
        s.encryption_key = key
        return s

    s.public_url = s.public_url or local_public_url(environ)
    s.billing, _missing = _billing(environ, production=False)
    s.database_url = environ.get("DATABASE_URL") or f"sqlite:///{instance_path / 'windwalker.db'}"
    if environ.get("SECRET_KEY"):
        s.secret_key = environ["SECRET_KEY"]
    else:
        s.secret_key = _dev_secret(
            instance_path, "DEVELOPMENT-ONLY-secret-key", lambda: secrets.token_urlsafe(48)
        )
        s.secret_is_generated = True
    s.encryption_key = environ.get("ENCRYPTION_KEY") or _dev_secret(
        instance_path, "DEVELOPMENT-ONLY-encryption-key", lambda: Fernet.generate_key().decode()
    )
    return s


def local_public_url(environ: dict[str, str]) -> str:
    """Where the app is reached when PUBLIC_URL is not set: the host and port it runs on
    (``scripts/run`` exports both). Published forms post here and previews allow framing only
    from here, so a port other than 5000 must not leave them pointing at :5000."""
    host = environ.get("HOST") or "127.0.0.1"
    # Listening on every interface: the browser on this machine still comes in on loopback.
    if host in {"0.0.0.0", "::", "[::]"}:  # noqa: S104 - recognising it, not binding to it
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address in a URL
    return f"http://{host}:{environ.get('PORT') or '5000'}"


def normalise_database_url(url: str) -> str:
    """Uses psycopg 3 for PostgreSQL URLs given in the common ``postgres://`` spellings."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
