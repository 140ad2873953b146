"""Publishing operations: settings (with encrypted tokens), starting a publish, rollback.

Operations flush and never commit; the view or job commits."""

from __future__ import annotations

import re
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from app.billing.limits import provider_refusal
from app.db import db, utcnow
from app.domain import Refused
from app.editor.operations import version_before_publish
from app.models import Deployment, PublishTarget, Site, User
from app.models.publishing import PROVIDERS
from app.publishing.base import Publisher
from app.publishing.local import LocalPublisher

IN_FLIGHT = ("queued", "building", "uploading", "processing")
PROJECT_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,56}[a-z0-9])?$")


def _fernet() -> Fernet:
    return Fernet(current_app.config["ENCRYPTION_KEY"])


def get_target(site: Site) -> PublishTarget:
    """The site's publish settings (the local provider until the owner picks another)."""
    target = db.session.scalar(select(PublishTarget).where(PublishTarget.site_id == site.id))
    if target is None:
        target = PublishTarget(site_id=site.id, provider="local", settings={})
        db.session.add(target)
        db.session.flush()
    return target


def decrypt_token(target: PublishTarget) -> str:
    if not target.token_encrypted:
        return ""
    try:
        return _fernet().decrypt(target.token_encrypted.encode()).decode()
    except InvalidToken:
        return ""


def save_target(site: Site, provider: str, settings: dict[str, str], token: str | None) -> dict:
    """Validates and stores publish settings. ``token=None`` keeps the stored token.

    Returns field errors (nothing saved when there are any)."""
    errors: dict[str, str] = {}
    if provider not in PROVIDERS:
        return {"provider": _("Choose where to publish.")}
    if refusal := provider_refusal(site, provider):  # the owner's plan (app/billing)
        return {"provider": refusal}
    clean: dict[str, Any] = {}
    if provider == "cloudflare_pages":
        account = settings.get("account_id", "").strip()
        if not re.fullmatch(r"[0-9a-f]{32}", account):
            errors["account_id"] = _("Enter your Cloudflare account ID (32 letters and digits, "
                                     "shown on the right of the Cloudflare dashboard).")
        clean["account_id"] = account
    if provider in {"cloudflare_pages", "vercel"}:
        project = settings.get("project", "").strip().lower()
        if not PROJECT_RE.match(project):
            errors["project"] = _("Use lower-case letters, digits and hyphens for the project "
                                  "name.")
        clean["project"] = project
    if provider == "vercel":
        team = settings.get("team_id", "").strip()
        if team and not re.fullmatch(r"team_[A-Za-z0-9]{6,40}", team):
            errors["team_id"] = _("A Vercel team ID starts with team_.")
        clean["team_id"] = team
    target = get_target(site)
    if provider != "local" and token is None and not target.token_encrypted:
        errors["token"] = _("Enter an API token.")
    if token is not None and provider != "local":
        token = token.strip()
        if len(token) < 20 or len(token) > 400 or any(c.isspace() for c in token):
            errors["token"] = _("This does not look like an API token. Copy it again from "
                                "your provider.")
    if errors:
        return errors
    target.provider = provider
    target.settings = clean
    if provider == "local":
        target.token_encrypted, target.token_hint = None, ""
    elif token:
        # Stored encrypted; only the last four characters are ever shown again.
        target.token_encrypted = _fernet().encrypt(token.encode()).decode()
        target.token_hint = token[-4:]
    db.session.flush()
    return {}


def publisher_for(site: Site, target: PublishTarget | None = None) -> Publisher:
    target = target or get_target(site)
    config = current_app.config
    # Tests (and staging) shorten the provider's polling; production keeps the defaults.
    polling = {"poll_schedule": config["PUBLISH_POLL_SCHEDULE"]} \
        if config.get("PUBLISH_POLL_SCHEDULE") else {}
    if target.provider == "cloudflare_pages":
        from app.integrations.cloudflare import CloudflarePagesPublisher

        return CloudflarePagesPublisher(
            account_id=target.settings["account_id"], project_name=target.settings["project"],
            api_token=decrypt_token(target), base_url=config.get("CLOUDFLARE_BASE_URL"),
            **polling)
    if target.provider == "vercel":
        from app.integrations.vercel import VercelPublisher

        return VercelPublisher(token=decrypt_token(target), project=target.settings["project"],
                               team_id=target.settings.get("team_id") or None,
                               api_url=config.get("VERCEL_API_URL"), **polling)
    from app.publishing.snapshot import site_base_url

    preview = config["SITES_URL"].format(slug="{key}--" + site.slug)
    return LocalPublisher(config["SITES_DIR"], site.slug, site_base_url(site), preview)


def production_base_url(site: Site, target: PublishTarget) -> str:
    """The address visitors use (canonical URLs, sitemap): what the provider reported on the
    last production publish, else its usual address for the project."""
    if target.provider != "local" and target.settings.get("site_url"):
        return target.settings["site_url"]
    if target.provider == "cloudflare_pages":
        return f"https://{target.settings['project']}.pages.dev"
    if target.provider == "vercel":
        return f"https://{target.settings['project']}.vercel.app"
    from app.publishing.snapshot import site_base_url

    return site_base_url(site)


def start_publish(site: Site, user: User | None, production: bool = True,
                  message: str = "") -> Deployment:
    """Creates a queued deployment (the caller enqueues the job after committing). A publish
    already in flight for the site is returned instead of starting a second one."""
    running = db.session.scalar(select(Deployment).where(
        Deployment.site_id == site.id, Deployment.state.in_(IN_FLIGHT),
        Deployment.production == production).order_by(Deployment.id.desc()).limit(1))
    if running is not None:
        return running
    target = get_target(site)
    deployment = Deployment(site_id=site.id, provider=target.provider, production=production,
                            state="queued", stages={"queued": utcnow().isoformat()},
                            message=message[:384], created_by_id=user.id if user else None)
    db.session.add(deployment)
    db.session.flush()
    if production:
        version_before_publish(site.id, user)
    return deployment


def live_deployment(site: Site) -> Deployment | None:
    return db.session.scalar(select(Deployment).where(Deployment.site_id == site.id,
                                                      Deployment.is_live.is_(True)))


def deployments_of(site: Site, limit: int = 50) -> list[Deployment]:
    return list(db.session.scalars(select(Deployment).where(Deployment.site_id == site.id)
                                   .order_by(Deployment.id.desc()).limit(limit)))


def deployment_of(site: Site, deployment_id: int) -> Deployment | None:
    return db.session.scalar(select(Deployment).where(Deployment.id == deployment_id,
                                                      Deployment.site_id == site.id))


def make_live(site: Site, deployment: Deployment) -> None:
    db.session.execute(update(Deployment).where(Deployment.site_id == site.id,
                                                Deployment.id != deployment.id)
                       .values(is_live=False))
    deployment.is_live = True


def rollback(site: Site, target: Deployment, user: User | None) -> Deployment:
    """Makes an earlier successful production deployment live again (no rebuild)."""
    if not target.production or target.state != "live" or not target.provider_id:
        raise Refused(_("Only a deployment that was live can be brought back."))
    if target.is_live:
        raise Refused(_("This version is already live."))
    settings = get_target(site)
    if settings.provider != target.provider:
        raise Refused(_("This version was published to another provider and cannot be "
                        "brought back here."))
    publisher = publisher_for(site, settings)
    result = publisher.rollback(target.provider_id)
    now = utcnow()
    record = Deployment(site_id=site.id, provider=target.provider, production=True,
                        state="live", stages={"live": now.isoformat()},
                        manifest=target.manifest, provider_id=target.provider_id,
                        url=result.url or target.url, files_total=target.files_total,
                        message=_("Back to the version of %(when)s",
                                  when=target.created_at.strftime("%Y-%m-%d %H:%M")),
                        rollback_of_id=target.id, created_by_id=user.id if user else None,
                        finished_at=now)
    db.session.add(record)
    db.session.flush()
    make_live(site, record)
    db.session.flush()
    return record
