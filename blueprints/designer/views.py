"""Designers upload theme packages and read the validator's report; admins review them.

Everything a designer sees is their own (other designers' uploads are 404). Previews are
compiled into the sites origin and framed here, never served by this origin.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import role_required
from app.db import db
from app.domain import Refused
from app.htmx import redirect_to, render
from app.i18n import in_language
from app.theme_store import operations as store, preview
from app.theming import bundled_themes, is_bundled, load_theme

bp = Blueprint("designer", __name__, url_prefix="/designer", template_folder="templates")


@bp.app_template_filter("report_help")
def report_help(text: str) -> str:
    """A report entry's help, in the reader's language (the rules' help strings are
    extracted for translation; the specific message stays as the validator wrote it)."""
    return _(text) if text else ""


def _version_or_404(version_id: int):
    version = store.own_version(current_user, version_id)
    if version is None:
        abort(404)
    return version


@bp.get("/")
@role_required("designer")
def index(error: str | None = None, status: int = 200):
    return render_template("designer/index.html", versions=store.designer_versions(current_user),
                           starters=bundled_themes(), error=error), status


@bp.post("/upload")
@role_required("designer")
def upload():
    file = request.files.get("package")
    data = file.read(store.limits.MAX_ARCHIVE_BYTES + 1) if file else b""
    try:
        version = store.upload(current_user, file.filename if file else "", data)
    except Refused as exc:
        db.session.rollback()
        return index(error=exc.message, status=422)
    db.session.commit()
    store.queue_validation(version)
    return redirect_to(url_for("designer.version", version_id=version.id))


@bp.get("/versions/<int:version_id>")
@role_required("designer")
def version(version_id: int):
    v = _version_or_404(version_id)
    return render("designer/version.html", "designer/_status.html", version=v,
                  preview_url=preview.preview_url(v.preview_key) if v.preview_key else None)


@bp.post("/versions/<int:version_id>/submit")
@role_required("designer")
def submit(version_id: int):
    v = _version_or_404(version_id)
    try:
        store.submit(v)
    except Refused as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect_to(url_for("designer.version", version_id=v.id))
    db.session.commit()
    flash(_("Submitted for review. You will see the decision here."), "success")
    return redirect_to(url_for("designer.version", version_id=v.id))


@bp.get("/starters/<slug>.zip")
@role_required("designer")
def starter_zip(slug: str):
    """A built-in theme as a package zip: a designer's starting point."""
    from app.theme_store.storage import export_zip

    if not is_bundled(slug):
        abort(404)
    data = export_zip(load_theme(slug)["_folder"])
    return Response(data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{slug}.zip"'})


# Review (admins) -----------------------------------------------------------------------------

@bp.get("/review")
@role_required("admin")
def review_queue():
    return render_template("designer/review_queue.html", queue=store.review_queue(),
                           done=store.reviewed())


def _reviewable_or_404(version_id: int):
    from app.models import ThemeVersion

    v = db.session.get(ThemeVersion, version_id)
    if v is None or v.status not in ("in_review", "approved", "rejected"):
        abort(404)
    return v


@bp.get("/review/<int:version_id>")
@role_required("admin")
def review(version_id: int, error: str | None = None, status: int = 200):
    v = _reviewable_or_404(version_id)
    return render_template("designer/review.html", version=v, error=error,
                           comment=request.form.get("comment", ""),
                           preview_url=preview.preview_url(v.preview_key)), status


@bp.post("/review/<int:version_id>")
@role_required("admin")
def decide(version_id: int):
    v = _reviewable_or_404(version_id)
    try:
        store.review(v, current_user, request.form.get("decision", ""),
                     request.form.get("comment", ""))
    except Refused as exc:
        db.session.rollback()
        return review(version_id, error=exc.message, status=422)
    db.session.commit()
    if v.status == "approved":
        flash(_("%(theme)s %(version)s is approved and now in the theme gallery.",
                theme=in_language(v.name), version=v.version), "success")
    else:
        flash(_("%(theme)s %(version)s is rejected; the designer sees your comment.",
                theme=in_language(v.name), version=v.version), "success")
    return redirect_to(url_for("designer.review_queue"))
