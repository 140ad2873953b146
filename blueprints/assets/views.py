"""The image library of a site: upload, list, pick, describe (alt text), remove, serve."""

from __future__ import annotations

import re

from flask import Blueprint, abort, flash, g, request, send_file, url_for
from flask_babel import format_decimal, gettext as _
from flask_login import current_user, login_required

from app.assets import operations as assets
from app.db import db
from app.domain import Refused
from app.htmx import form_error, is_htmx, redirect_to, render
from blueprints.access import editable_site_or_404, own_site_or_404

bp = Blueprint(
    "assets", __name__, url_prefix="/sites/<int:site_id>/assets", template_folder="templates"
)

# The editor names the field a picked image goes to (an element id such as "p-b1f2e3-image";
# rendered escaped in a data attribute, and the character set keeps it boring anyway).
PICK_RE = re.compile(r"[A-Za-z0-9_.:\-]{1,200}")
IMMUTABLE = "public, max-age=31536000, immutable"




@bp.errorhandler(413)
def _upload_too_large(_e):
    """A file larger than any request we take: said inside the upload form (in the editor it
    is a picker dialog, and an alert behind the dialog would be invisible)."""
    site = editable_site_or_404(request.view_args["site_id"])
    pick = request.args.get("pick", "")
    return render(
        "assets/library.html", "assets/_library.html", status=413,
        **_context(site, pick if PICK_RE.fullmatch(pick) else None, form={},
                   errors={"file": assets.too_large().message}))


def _asset_or_404(site, asset_id: int):
    asset = assets.asset_of_site(site, asset_id)
    if asset is None:
        abort(404)
    return asset


def _pick_target() -> str | None:
    pick = request.values.get("pick", "")
    if not pick:
        return None
    if not PICK_RE.fullmatch(pick):
        abort(400)
    return pick


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{format_decimal(n / (1024 * 1024), format='#,##0.#')} MB"
    return f"{format_decimal(max(1, round(n / 1024)), format='#,##0')} KB"


def _library_url(site, pick: str | None) -> str:
    if pick:
        return url_for("assets.library", site_id=site.id, pick=pick)
    return url_for("assets.library", site_id=site.id)


def _context(site, pick: str | None, **extra) -> dict:
    context = {
        "site": site,
        "assets": assets.assets_of(site),
        "pick": pick,
        "errors": {},
        "form": {},
        "alt_errors": {},
        "alt_values": {},
        "message": None,
        "human_size": human_size,
        "library_url": _library_url(site, pick),
    }
    context.update(extra)
    return context


def _show(site, pick: str | None, status: int = 200, **extra):
    return render(
        "assets/library.html",
        "assets/_library.html",
        status=status,
        **_context(site, pick, **extra),
    )


@bp.get("")
@login_required
def library(site_id: int):
    site = editable_site_or_404(site_id)
    return _show(site, _pick_target())


@bp.post("")
@login_required
def upload(site_id: int):
    site = editable_site_or_404(site_id)
    pick = _pick_target()
    try:
        asset = assets.store_upload(
            site, request.files.get("file"), current_user, request.form.get("alt", ""),
            alt_required=pick is not None,
        )
    except Refused as exc:
        db.session.rollback()
        return form_error(
            "assets/library.html",
            "assets/_library.html",
            **_context(site, pick, errors={exc.field or "__all__": exc.message}, form=request.form),
        )
    session = g.get("support_session")
    if session is not None:  # a support agent's upload goes in the session's activity list
        from app.support.operations import log_change

        log_change(session, current_user, "picture_add", asset_id=asset.id,
                   title=asset.original_name or asset.hash[:12])
    db.session.commit()
    message = _("The picture was added to the library.")
    if is_htmx():
        return _show(site, pick, message=message, added=asset.id)
    flash(message, "success")
    return redirect_to(_library_url(site, pick))


@bp.get("/<digest>/<int:width>.<ext>")
@login_required
def variant(site_id: int, digest: str, width: int, ext: str):
    site = editable_site_or_404(site_id)
    asset = assets.asset_by_hash(site, digest)
    if asset is None or ext not in assets.SERVED_EXTS:
        abort(404)
    variants = asset.variants or {}
    if ext not in ("webp", variants.get("fallback")):
        abort(404)
    widths = sorted(variants.get("widths", []))
    if not widths:
        abort(404)
    if width not in widths:
        # A picture narrower than the asked width has no such variant: serve the nearest
        # larger one (or the largest), so a URL never breaks on a small picture.
        width = next((w for w in widths if w >= width), widths[-1])
    path = assets.asset_file(asset.hash, width, ext)
    if not path.is_file():
        abort(404)
    response = send_file(
        path, mimetype=assets.SERVED_EXTS[ext], conditional=True, etag=True, max_age=31536000
    )
    response.headers["Cache-Control"] = IMMUTABLE
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.post("/<int:asset_id>/alt")
@login_required
def alt(site_id: int, asset_id: int):
    site = own_site_or_404(site_id)
    asset = _asset_or_404(site, asset_id)
    value = request.form.get("alt", "")
    try:
        assets.set_alt(asset, value)
    except Refused as exc:
        db.session.rollback()
        return form_error(
            "assets/library.html",
            "assets/_library.html",
            **_context(
                site, None, alt_errors={asset.id: exc.message}, alt_values={asset.id: value}
            ),
        )
    db.session.commit()
    message = _("Description saved.")
    if is_htmx():
        return _show(site, None, message=message)
    flash(message, "success")
    return redirect_to(_library_url(site, None))


@bp.post("/<int:asset_id>/delete")
@login_required
def delete(site_id: int, asset_id: int):
    site = own_site_or_404(site_id)
    asset = _asset_or_404(site, asset_id)
    assets.delete_asset(asset)
    db.session.commit()
    message = _("The picture was removed from the library.")
    if is_htmx():
        return _show(site, None, message=message)
    flash(message, "info")
    return redirect_to(_library_url(site, None))
