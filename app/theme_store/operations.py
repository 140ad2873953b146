"""Theme store operations: upload, validation (a job), review, the gallery and site pinning.

Views call these and commit; the validation job commits itself. States of a ThemeVersion:
validating → invalid | valid → in_review → approved | rejected. Approved packages never
change, so a site pinned to one keeps looking the same until its owner upgrades.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app.db import db, utcnow
from app.domain import Refused
from app.i18n import in_language
from app.jobs import enqueue, job
from app.models import Site, Theme, ThemeVersion, User
from app.theme_packages import limits
from app.theme_packages.archive import Package, read_zip
from app.theme_packages.report import Report
from app.theme_packages.validator import validate_zip
from app.theme_store import preview, storage
from app.theming import (
    DEFAULT_THEME,
    bundled_themes,
    is_bundled,
    load_theme,
    load_theme_folder,
)

log = logging.getLogger(__name__)
MAX_COMMENT = 2000


# Versions ------------------------------------------------------------------------------------

def semver_key(version: str | None) -> tuple[int, int, int, int, str]:
    """Sortable semver: 1.2.10 > 1.2.9; a pre-release sorts before its release."""
    core, _sep, pre = (version or "0.0.0").partition("-")
    parts = (core.split("+")[0].split(".") + ["0", "0", "0"])[:3]
    try:
        major, minor, patch = (int(p) for p in parts)
    except ValueError:
        return (0, 0, 0, 0, "")
    return (major, minor, patch, 0 if pre else 1, pre)


# Upload and validation -----------------------------------------------------------------------

def upload(designer: User, filename: str, data: bytes) -> ThemeVersion:
    """Stores an uploaded zip and queues its validation. Refuses only what cannot be a theme
    at all (nothing, or too big); everything else becomes report entries."""
    if not data:
        raise Refused(_("Choose a theme .zip file to upload."), "package")
    if len(data) > limits.MAX_ARCHIVE_BYTES:
        raise Refused(_("The file is larger than 50 MB. Compress pictures and remove unused "
                        "files, then upload again."), "package")
    version = ThemeVersion(designer_id=designer.id, filename=(filename or "theme.zip")[:255],
                           size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                           status="validating", report={}, manifest={})
    db.session.add(version)
    db.session.flush()
    storage.save_upload(version.id, data)
    return version


def queue_validation(version: ThemeVersion) -> None:
    """Call after the upload is committed."""
    enqueue(validate_upload, version.id)


@job
def validate_upload(version_id: int) -> str | None:
    """Validates an uploaded package, unpacks it when clean and builds its private preview.
    Idempotent: a version already validated is left as it is. Returns the new status. If
    anything unexpected fails, the version says so (it never stays "checking" for ever)."""
    version = db.session.get(ThemeVersion, version_id)
    if version is None or version.status != "validating":
        return version.status if version else None
    try:
        return _validate(version)
    except Exception:
        log.exception("validating theme version %s failed", version_id)
        db.session.rollback()
        version = db.session.get(ThemeVersion, version_id)
        report = Report()
        report.add("WW-STORE-INTERNAL", "The check stopped on our side.")
        version.report = report.to_dict()
        version.status = "invalid"
        version.validated_at = utcnow()
        db.session.commit()
        return version.status


def _validate(version: ThemeVersion) -> str:
    data = storage.upload_path(version.id).read_bytes()
    report = validate_zip(data)
    package = read_zip(data, Report())  # the same checks again; its report is already above
    manifest = _manifest_of(package)
    if manifest:
        _check_store_rules(version, manifest, report)
    version.report = report.to_dict()
    version.manifest = {k: v for k, v in manifest.items() if k != "starter"} if manifest else {}
    version.version = str(manifest.get("version", ""))[:32] or None if manifest else None
    version.validated_at = utcnow()
    if report.ok and manifest:
        theme = db.session.scalar(select(Theme).where(Theme.slug == manifest["slug"]))
        if theme is None:
            theme = Theme(slug=manifest["slug"], name=in_language(manifest.get("name"), "ko")[:100],
                          designer_id=version.designer_id)
            db.session.add(theme)
            db.session.flush()
        version.theme_id = theme.id
        version.folder = storage.unpack(version.id, package)
        version.preview_key = secrets.token_hex(16)
        preview.write_preview(version.preview_key, preview.sample_snapshot(
            manifest_of(version), version.preview_key))
        version.status = "valid"
    else:
        version.status = "invalid"
    db.session.commit()
    return version.status


def _manifest_of(package: Package | None) -> dict[str, Any]:
    """The package's theme.json when it parses as an object (the validator says the rest)."""
    if package is None or "theme.json" not in package.files:
        return {}
    try:
        manifest = json.loads(package.files["theme.json"].decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return {}
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("slug"), str) \
        else {}


def _check_store_rules(version: ThemeVersion, manifest: dict[str, Any], report: Report) -> None:
    """Rules of the store rather than the package: who owns a slug, and version order."""
    slug = manifest["slug"]
    if is_bundled(slug):
        report.add("WW-STORE-SLUG-TAKEN", f"'{slug}' is the name of a built-in theme.",
                   "theme.json")
        return
    theme = db.session.scalar(select(Theme).where(Theme.slug == slug))
    if theme is None:
        return
    if theme.designer_id != version.designer_id:
        report.add("WW-STORE-SLUG-TAKEN", f"Another designer's theme is called '{slug}'.",
                   "theme.json")
        return
    number = str(manifest.get("version", ""))
    for other in theme.versions:
        if other.id == version.id:
            continue
        if other.status in ("approved", "in_review") and other.version == number:
            report.add("WW-STORE-VERSION-EXISTS",
                       f"Version {number} was already submitted ({other.status}).",
                       "theme.json")
            return
    latest = latest_approved(theme)
    if latest is not None and semver_key(number) <= semver_key(latest.version):
        report.add("WW-STORE-VERSION-OLDER",
                   f"Version {number} is not newer than the approved {latest.version}.",
                   "theme.json")


# Review --------------------------------------------------------------------------------------

def designer_versions(designer: User) -> list[ThemeVersion]:
    return list(db.session.scalars(
        select(ThemeVersion).where(ThemeVersion.designer_id == designer.id)
        .order_by(ThemeVersion.id.desc())))


def own_version(designer: User, version_id: int) -> ThemeVersion | None:
    version = db.session.get(ThemeVersion, version_id)
    if version is None or version.designer_id != designer.id:
        return None
    return version


def submit(version: ThemeVersion) -> None:
    """Sends a valid version to review."""
    if version.status != "valid":
        raise Refused(_("Only a theme that passed every check can be submitted. Fix the "
                        "errors in the report and upload it again."))
    pending = [v for v in version.theme.versions if v.status == "in_review" and v.id != version.id]
    if pending:
        raise Refused(_("Version %(version)s of this theme is already waiting for review.",
                        version=pending[0].version))
    if any(v.status == "approved" and v.version == version.version
           for v in version.theme.versions):
        raise Refused(_("Version %(version)s is already approved. Raise the version number in "
                        "theme.json and upload again.", version=version.version))
    version.status = "in_review"
    version.submitted_at = utcnow()


def review_queue() -> list[ThemeVersion]:
    return list(db.session.scalars(
        select(ThemeVersion).where(ThemeVersion.status == "in_review")
        .order_by(ThemeVersion.submitted_at)))


def reviewed() -> list[ThemeVersion]:
    return list(db.session.scalars(
        select(ThemeVersion).where(ThemeVersion.status.in_(("approved", "rejected")))
        .order_by(ThemeVersion.reviewed_at.desc()).limit(50)))


def review(version: ThemeVersion, reviewer: User, decision: str, comment: str) -> None:
    """An admin approves or rejects a version in review (a rejection needs a comment)."""
    comment = (comment or "").strip()
    if version.status != "in_review":
        raise Refused(_("This version is not waiting for review any more."))
    if decision not in ("approve", "reject"):
        raise Refused(_("Choose approve or reject."), "decision")
    if decision == "reject" and not comment:
        raise Refused(_("Tell the designer what to change: a rejection needs a comment."),
                      "comment")
    if len(comment) > MAX_COMMENT:
        raise Refused(_("Keep the comment under %(count)s characters.", count=MAX_COMMENT),
                      "comment")
    version.status = "approved" if decision == "approve" else "rejected"
    version.review_comment = comment or None
    version.reviewer_id = reviewer.id
    version.reviewed_at = utcnow()
    if version.status == "approved" and version.theme is not None:
        version.theme.name = (in_language(version.manifest.get("name"), "ko")
                              or version.theme.name)[:100]


# Resolving themes ----------------------------------------------------------------------------

def manifest_of(version: ThemeVersion) -> dict[str, Any]:
    """A stored version's full manifest (with its folder), loaded from its package."""
    return load_theme_folder(str(storage.package_folder(version.folder)))


def latest_approved(theme: Theme) -> ThemeVersion | None:
    approved = [v for v in theme.versions if v.status == "approved"]
    return max(approved, key=lambda v: semver_key(v.version)) if approved else None


_APPROVED: dict[tuple[str, str, str], str] = {}


def _approved_folder(store: str, slug: str, version: str) -> str | None:
    """Approved packages never change, so where one lives is remembered once found."""
    key = (store, slug, version)
    if key not in _APPROVED:
        found = db.session.scalar(
            select(ThemeVersion.folder).join(Theme, Theme.id == ThemeVersion.theme_id)
            .where(Theme.slug == slug, ThemeVersion.version == version,
                   ThemeVersion.status == "approved"))
        if not found:
            return None
        _APPROVED[key] = f"{store}/{found}"
    return _APPROVED[key]


def theme_for(slug: str | None, version: str | None = None) -> dict[str, Any]:
    """The manifest a site with this pin renders with: a bundled theme, an approved upload's
    pinned version, or (when that is gone) the default theme."""
    if not slug or is_bundled(slug):
        return load_theme(slug or DEFAULT_THEME)
    if version:
        folder = _approved_folder(str(storage.store_root()), slug, version)
        if folder:
            return load_theme_folder(folder)
    return load_theme(DEFAULT_THEME)


def site_theme(site: Site) -> dict[str, Any]:
    return theme_for(site.theme_slug, site.theme_version)


def gallery() -> list[dict[str, Any]]:
    """Every theme an owner can choose: the bundled ones, then each uploaded theme's newest
    approved version (its manifest, with ``_version_id``)."""
    themes = list(bundled_themes())
    for theme in db.session.scalars(select(Theme).order_by(Theme.name)):
        latest = latest_approved(theme)
        if latest is not None:
            themes.append({**manifest_of(latest), "_version_id": latest.id})
    return themes


def gallery_entry(slug: str) -> dict[str, Any] | None:
    return next((t for t in gallery() if t["slug"] == slug), None)


def set_site_theme(site: Site, slug: str) -> dict[str, Any]:
    """Switches the site to a theme from the gallery, pinned to its newest approved version
    (bundled themes follow the code and pin nothing). Pages and blocks stay as they are."""
    entry = gallery_entry(slug)
    if entry is None:
        raise Refused(_("Choose one of the themes shown."), "theme")
    site.theme_slug = slug
    site.theme_version = None if entry.get("_bundled") else entry.get("version")
    return entry


def upgrade_for(site: Site) -> dict[str, Any] | None:
    """A newer approved version of the site's uploaded theme, when there is one."""
    if not site.theme_slug or is_bundled(site.theme_slug):
        return None
    entry = gallery_entry(site.theme_slug)
    if entry is None or semver_key(entry.get("version")) <= semver_key(site.theme_version):
        return None
    return entry


def upgrade(site: Site, version: str) -> None:
    """Moves the site to the offered newer version (the owner chose it after a preview)."""
    entry = upgrade_for(site)
    if entry is None or entry.get("version") != version:
        raise Refused(_("That version is not available for this site."), "version")
    site.theme_version = version


def theme_preview_url(site: Site, manifest: dict[str, Any]) -> str:
    """Compiles the site's current draft in ``manifest``'s theme into an owner preview on the
    sites origin and returns its address."""
    from dataclasses import replace

    from app.publishing.snapshot import snapshot_site

    key = preview.owner_preview_key(site.id, manifest["_key"])
    snap = snapshot_site(site, base_url=preview.preview_url(key))
    snap = replace(snap, theme=manifest.get("slug", DEFAULT_THEME),
                   theme_folder="" if manifest.get("_bundled") else manifest["_folder"])
    return preview.write_preview(key, snap)
