"""Form submissions: reading what a published form posts, storing it, and the owner's inbox.

Published contact and reservation forms post to ``/f/<site id>`` (see components.contact_form
for the field names). The block is looked up by its id in the site's draft pages, so the labels
stored with each answer are the ones the owner configured. Operations flush and never commit:
the view or job commits once. Messages for visitors are translated in whatever locale is active,
so the public view wraps these calls in ``force_locale(site language)``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app
from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import func, select

from app.db import db, utcnow
from app.domain import Refused
from app.editor.tree import locate
from app.models import Deployment, FormSubmission, Page, Site, SiteMember, User
from app.publishing.compiler import page_url
from components.reservation_form import STRINGS as FORM_STRINGS

MAX_BODY_BYTES = 64 * 1024  # a form post is a few hundred bytes; anything near this is abuse
MAX_VALUE = 2000  # characters per answer (the textarea's maxlength)
MAX_FIELDS = 30  # posted answers per submission
PAGE_SIZE = 50  # inbox rows per page
SITE_LOCALES = ("ko", "en", "ja")
FORM_KINDS = {"contact_form": "contact", "reservation_form": "reservation"}
KIND_LABELS = {"contact": _l("Contact form"), "reservation": _l("Reservation")}
# Inputs every form posts besides the answers.
CONTROL_KEYS = frozenset({"block_id", "form_kind", "website", "privacy_consent"})
RESERVATION_KEYS = ("name", "phone", "date", "time", "party_size")
BLOCK_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,32}")
CONTROL_CHARS_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Cells starting with these are formulas to spreadsheet programs (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class FormRefused(Refused):
    """A post the visitor can correct. ``reason`` is stable (missing, consent, too_long,
    too_many, party_size); ``details`` are translated sentences saying what to fix."""

    def __init__(self, reason: str, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.details = details or []


@dataclass
class FormBlock:
    """A form block found in one of the site's pages."""

    page: Page
    node: dict[str, Any]

    @property
    def id(self) -> str:
        return self.node["id"]

    @property
    def kind(self) -> str:
        return FORM_KINDS[self.node["type"]]

    @property
    def props(self) -> dict[str, Any]:
        return self.node.get("props") or {}


# --- the public endpoint -----------------------------------------------------------------------


def site_locale(site: Site | None) -> str:
    """The language visitors of ``site`` read (Korean unless the site says otherwise)."""
    locale = site.locale if site is not None else None
    return locale if locale in SITE_LOCALES else "ko"


def form_text(key: str, locale: str) -> str:
    """A string of the form components (labels of fixed fields, consent) in ``locale``."""
    entry = FORM_STRINGS.get(key, {})
    return entry.get(locale) or entry.get("ko") or key


def public_site(site_id: int) -> Site | None:
    """The site visitors may post to: it exists and is not deleted."""
    return db.session.scalar(select(Site).where(Site.id == site_id, Site.deleted_at.is_(None)))


def find_form_block(site: Site, block_id: str) -> FormBlock | None:
    """The contact or reservation block ``block_id`` in the site's (draft) pages."""
    if not BLOCK_ID_RE.fullmatch(block_id or ""):
        return None
    pages = db.session.scalars(
        select(Page)
        .where(Page.site_id == site.id, Page.deleted_at.is_(None))
        .order_by(Page.position, Page.id)
    )
    for page in pages:
        where = locate(page.draft_tree or {}).get(block_id)
        if where is not None and where.node.get("type") in FORM_KINDS:
            return FormBlock(page, where.node)
    return None


def origin_of(url: str | None) -> str | None:
    """'https://Cafe.example.com:443/menu/' → 'https://cafe.example.com' (None if not http)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    default = 80 if parts.scheme == "http" else 443
    netloc = parts.hostname if port in (None, default) else f"{parts.hostname}:{port}"
    return f"{parts.scheme}://{netloc}"


def site_origins(site: Site) -> set[str]:
    """Where the site's pages are served: its SITES_URL host, and the live deployment's URL
    (a CDN such as Cloudflare Pages or Vercel)."""
    found = {origin_of(current_app.config["SITES_URL"].format(slug=site.slug))}
    live = db.session.scalars(
        select(Deployment.url).where(
            Deployment.site_id == site.id, Deployment.is_live.is_(True), Deployment.url != ""
        )
    )
    found.update(origin_of(url) for url in live)
    found.discard(None)
    return found  # type: ignore[return-value]


def site_home(site: Site | None) -> str | None:
    """The address of the site's home page: the live deployment's, else SITES_URL's."""
    if site is None:
        return None
    live = db.session.scalar(
        select(Deployment.url)
        .where(Deployment.site_id == site.id, Deployment.is_live.is_(True), Deployment.url != "")
        .order_by(Deployment.id.desc())
    )
    origin = origin_of(live) or origin_of(current_app.config["SITES_URL"].format(slug=site.slug))
    return f"{origin}/" if origin else None


def sent_target(
    site: Site, block: FormBlock | None, referer: str | None, origin: str | None
) -> tuple[str | None, str]:
    """Where to send the visitor after a post, and the page path to record.

    Back to the page they came from, with ``#ww-<block>-sent`` (the success message is shown
    by CSS), when that page is on one of the site's origins; None otherwise (the platform's
    thank-you page). Published pages send only their origin as Referer to other origins
    (Referrer-Policy: strict-origin-when-cross-origin), so a bare "/" is taken to mean the
    page the block is on.
    """
    allowed = site_origins(site)
    fragment = f"#ww-{block.id}-sent" if block else ""
    block_path = page_url(block.page.path) if block else "/"
    from_referer = origin_of(referer)
    if from_referer and from_referer in allowed:
        parts = urlsplit(referer or "")
        path = parts.path or "/"
        if path == "/" and not parts.query:
            path = block_path
        query = f"?{parts.query}" if parts.query else ""
        return f"{from_referer}{path}{query}{fragment}", path[:200]
    from_origin = origin_of(origin)
    if from_origin and from_origin in allowed:
        return f"{from_origin}{block_path}{fragment}", block_path
    return None, block_path if block else ""


def _clean(value: str | None, label: str) -> str:
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    value = CONTROL_CHARS_RE.sub("", value).strip()
    if len(value) > MAX_VALUE:
        raise FormRefused(
            "too_long",
            _("One answer is too long."),
            [_("Shorten “%(label)s” to at most %(n)d characters.", label=label, n=MAX_VALUE)],
        )
    return value


def read_answers(block: FormBlock, form: Mapping[str, str], locale: str) -> list[list[str]]:
    """The ordered [[label, value], …] of a post, checked against the block's configuration.

    Raises FormRefused when a required answer or the privacy consent is missing, an answer
    is too long, or the post carries more inputs than any form has.
    """
    answers = [key for key in form if key not in CONTROL_KEYS]
    if len(answers) > MAX_FIELDS:
        raise FormRefused(
            "too_many",
            _("This form could not be read."),
            [_("Reload the page and send the form again.")],
        )
    props = block.props
    pairs: list[list[str]] = []
    missing: list[str] = []
    if block.kind == "reservation":
        keys = list(RESERVATION_KEYS[:4])
        if props.get("show_party_size", True):
            keys.append("party_size")
        for key in keys:
            label = form_text(key, locale)
            value = _clean(form.get(key), label)
            if not value:
                missing.append(label)
            elif key == "party_size":
                value = _party_size(value, props)
            pairs.append([label, value])
    for index, field in enumerate(props.get("fields") or []):
        label = (field.get("label") or "").strip()
        if not label:
            continue  # unnamed fields are not shown on the published page
        value = _clean(form.get(f"f_{index}"), label)
        if field.get("required") and not value:
            missing.append(label)
        pairs.append([label, value])
    consent = bool(props.get("privacy_consent")) and bool(form.get("privacy_consent"))
    if missing or (props.get("privacy_consent") and not consent):
        details = [_("Fill in “%(label)s”.", label=label) for label in missing]
        if props.get("privacy_consent") and not consent:
            details.append(_("Tick “%(label)s”.", label=form_text("privacy_agree", locale)))
        raise FormRefused(
            "missing" if missing else "consent",
            _("Your message has not been sent yet."),
            details,
        )
    if consent:
        # The owner can show when and to what the visitor agreed (개인정보보호법 §15).
        pairs.append([form_text("privacy_agree", locale), form_text("yes", locale)])
    return pairs[:MAX_FIELDS]


def _party_size(value: str, props: dict[str, Any]) -> str:
    low, high = int(props.get("min_party") or 1), int(props.get("max_party") or 100)
    try:
        size = int(value)
    except ValueError:
        size = 0
    if not low <= size <= high:
        raise FormRefused(
            "party_size",
            _("Your message has not been sent yet."),
            [_("Choose a party size from %(low)d to %(high)d.", low=low, high=high)],
        )
    return str(size)


def store_submission(
    site: Site, block: FormBlock, page_path: str, fields: list[list[str]]
) -> FormSubmission:
    submission = FormSubmission(
        site_id=site.id, block_id=block.id, kind=block.kind, page_path=page_path[:200],
        fields=fields,
    )
    db.session.add(submission)
    db.session.flush()
    return submission


def owners_of(site_id: int) -> list[User]:
    """The people told about new submissions: the site's owners."""
    return list(
        db.session.scalars(
            select(User)
            .join(SiteMember, SiteMember.user_id == User.id)
            .where(SiteMember.site_id == site_id, SiteMember.role == "owner")
            .order_by(User.id)
        )
    )


# --- the inbox ---------------------------------------------------------------------------------


@dataclass
class InboxPage:
    items: list[FormSubmission]
    page: int
    pages: int
    total: int
    unread: int


def unread_count(site_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(FormSubmission)
        .where(FormSubmission.site_id == site_id, FormSubmission.read_at.is_(None))
    ) or 0


def inbox_page(site: Site, page: int = 1) -> InboxPage:
    """One page of the site's submissions, newest first."""
    total = db.session.scalar(
        select(func.count()).select_from(FormSubmission).where(FormSubmission.site_id == site.id)
    ) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    items = db.session.scalars(
        select(FormSubmission)
        .where(FormSubmission.site_id == site.id)
        .order_by(FormSubmission.created_at.desc(), FormSubmission.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return InboxPage(list(items), page, pages, total, unread_count(site.id))


def submission_of(site: Site, submission_id: int) -> FormSubmission | None:
    """The submission if it belongs to ``site`` (another site's id is None → 404)."""
    return db.session.scalar(
        select(FormSubmission).where(
            FormSubmission.id == submission_id, FormSubmission.site_id == site.id
        )
    )


def mark_read(submission: FormSubmission, read: bool = True) -> None:
    if read and submission.read_at is None:
        submission.read_at = utcnow()
    elif not read:
        submission.read_at = None
    db.session.flush()


def delete_submission(submission: FormSubmission) -> None:
    db.session.delete(submission)
    db.session.flush()


def summary(submission: FormSubmission, limit: int = 80) -> str:
    """The first two answers, for the inbox list."""
    values = [str(v) for _label, v in submission.fields or [] if v][:2]
    text = " · ".join(" ".join(v.split()) for v in values)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "Asia/Seoul")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Seoul")


def local_time(moment: datetime, zone: str | None) -> str:
    """'2025-03-01 14:05' in ``zone`` (the owner's time zone)."""
    return moment.astimezone(_zone(zone)).strftime("%Y-%m-%d %H:%M")


def _cell(value: Any) -> str:
    text = str(value if value is not None else "")
    return "'" + text if text.startswith(FORMULA_START) else text


def export_csv(site: Site, zone: str | None) -> bytes:
    """Every submission as CSV for Excel: UTF-8 with a BOM (so Korean shows), newest first;
    columns received, form, page, then every label in the order first met."""
    rows = db.session.scalars(
        select(FormSubmission)
        .where(FormSubmission.site_id == site.id)
        .order_by(FormSubmission.created_at.desc(), FormSubmission.id.desc())
    ).all()
    labels: list[str] = []
    for row in rows:
        for label, _value in row.fields or []:
            if label not in labels:
                labels.append(label)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_cell(h) for h in [_("Received"), _("Form"), _("Page"), *labels]])
    for row in rows:
        answers: dict[str, str] = {}
        for label, value in row.fields or []:
            answers.setdefault(label, value)
        writer.writerow(
            [_cell(local_time(row.created_at, zone)), _cell(kind_label(row.kind)),
             _cell(row.page_path)]
            + [_cell(answers.get(label, "")) for label in labels]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
