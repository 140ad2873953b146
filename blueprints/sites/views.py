"""The sites dashboard: list, create, rename, delete/restore, business profile, pages."""

from __future__ import annotations

import posixpath

from flask import Blueprint, abort, flash, render_template, request, url_for
from flask_babel import get_locale, gettext as _
from flask_login import current_user, login_required

from app.assets.operations import assets_of
from app.db import db
from app.domain import Refused
from app.htmx import form_error, redirect_to, render
from app.i18n import LANGUAGES, in_language
from app.pages.operations import page_of_site, update_page_settings
from app.sites import operations as sites
from app.sites.profile import BUSINESS_TYPES, WEEKDAY_LABELS, WEEKDAYS, profile_from_form
from blueprints.access import own_site_or_404

bp = Blueprint("sites", __name__, url_prefix="/sites", template_folder="templates")


@bp.app_context_processor
def _new_site_choices():
    def starter_themes():
        from app.theming import bundled_themes

        return [t for t in bundled_themes() if t.get("starter")]

    # The create form appears on the dashboard (first site) and on its own page.
    return {"starter_themes": starter_themes, "site_business_types": BUSINESS_TYPES,
            "site_languages": {key: LANGUAGES[key] for key in sites.SITE_LOCALES}}


@bp.get("/")
@login_required
def index():
    return render_template(
        "sites/index.html",
        sites=sites.sites_of(current_user),
        deleted=sites.sites_of(current_user, deleted=True),
        restorable_until=sites.restorable_until,
        errors={},
        form={},
    )


@bp.post("/")
@login_required
def create():
    form = request.form
    try:
        site = sites.create_site(current_user, form.get("name", ""), form.get("slug") or None,
                                 form.get("starter") or sites.STARTERS_BLANK,
                                 locale=form.get("locale") or str(get_locale()),
                                 business_type=form.get("business_type") or "other")
    except Refused as exc:
        db.session.rollback()
        errors = {exc.field or "__all__": exc.message}
        return form_error("sites/new.html", "sites/_create_form.html", errors=errors, form=form)
    db.session.commit()
    flash(
        _("Your site %(name)s is ready. Fill in your business details next.", name=site.name),
        "success",
    )
    return redirect_to(url_for("sites.show", site_id=site.id))


@bp.get("/<int:site_id>/theme")
@login_required
def theme(site_id: int):
    site = own_site_or_404(site_id)
    return _theme_page(site)


def _theme_page(site, status: int = 200, error: str | None = None):
    from app.theme_store import operations as store

    current = store.site_theme(site)
    return render_template("sites/theme.html", site=site, themes=store.gallery(),
                           current=current.get("slug"), current_theme=current,
                           upgrade=store.upgrade_for(site), error=error), status


@bp.post("/<int:site_id>/theme")
@login_required
def apply_theme(site_id: int):
    from app.theme_store import operations as store

    site = own_site_or_404(site_id)
    try:
        entry = store.set_site_theme(site, request.form.get("theme", ""))
    except Refused as exc:
        db.session.rollback()
        return _theme_page(site, 422, exc.message)
    db.session.commit()
    flash(_("The theme %(name)s is applied. Your pages and blocks are unchanged; publish to "
            "show it to your customers.", name=in_language(entry["name"])), "success")
    return redirect_to(url_for("sites.theme", site_id=site.id))


@bp.post("/<int:site_id>/theme/upgrade")
@login_required
def upgrade_theme(site_id: int):
    """Moves the site to the newer approved version of its theme (after a preview)."""
    from app.theme_store import operations as store

    site = own_site_or_404(site_id)
    try:
        store.upgrade(site, request.form.get("version", ""))
    except Refused as exc:
        db.session.rollback()
        return _theme_page(site, 422, exc.message)
    db.session.commit()
    flash(_("Your site now uses version %(version)s of its theme. Publish to show it to your "
            "customers.", version=site.theme_version), "success")
    return redirect_to(url_for("sites.theme", site_id=site.id))


@bp.get("/<int:site_id>/theme/<slug>/preview")
@login_required
def preview_theme(site_id: int, slug: str):
    """The site's pages dressed in another theme (or a newer version of its own), compiled
    into a preview served from the sites origin and framed here at three widths."""
    from app.theme_store import operations as store

    site = own_site_or_404(site_id)
    entry = store.gallery_entry(slug)
    if entry is None:
        abort(404)
    upgrade = store.upgrade_for(site)
    is_upgrade = upgrade is not None and upgrade["slug"] == slug
    url = store.theme_preview_url(site, entry)
    return render_template("sites/theme_preview.html", site=site, theme=entry, url=url,
                           is_upgrade=is_upgrade,
                           in_use=slug == site.theme_slug and not is_upgrade)


def _theme_file(slug: str, version: str | None, path: str):
    """A file of a bundled theme or an approved theme version (read-only, confined)."""
    from pathlib import Path

    from flask import send_file
    from werkzeug.utils import safe_join

    from app.theme_store import operations as store
    from app.theming import is_bundled

    if is_bundled(slug):
        theme = store.theme_for(slug)
        if version is not None and version != theme.get("version"):
            abort(404)
    else:
        entry = store.gallery_entry(slug) if version is None else None
        theme = entry or store.theme_for(slug, version)
        if theme.get("slug") != slug:
            abort(404)
    target = safe_join(theme["_folder"], path)
    if target is None or not Path(target).is_file() or Path(target).is_symlink():
        abort(404)
    response = send_file(target, max_age=86400)
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@bp.get("/themes/<slug>/preview.png")
def theme_preview(slug: str):
    """A gallery picture: a bundled theme's, or an approved theme's newest version's."""
    return _theme_file(slug, None, "preview.png")


@bp.get("/themes/<slug>/<version>/<path:path>")
def theme_asset(slug: str, version: str, path: str):
    """A theme's own files (fonts, pictures) for the editor canvas: only under assets/, the
    path taken as written (assets/../layout.html would reach the templates and theme.json)."""
    if posixpath.normpath(path) != path or not path.startswith("assets/") \
            or path.endswith(".css") or "\\" in path or "\x00" in path:
        abort(404)
    return _theme_file(slug, version, path)


@bp.get("/new")
@login_required
def new():
    return render("sites/new.html", "sites/_create_form.html", errors={}, form={})


@bp.get("/<int:site_id>")
@login_required
def show(site_id: int):
    site = own_site_or_404(site_id)
    return render_template("sites/show.html", site=site, business_types=BUSINESS_TYPES)


@bp.get("/<int:site_id>/name")
@login_required
def rename_form(site_id: int):
    site = own_site_or_404(site_id)
    return render("sites/rename.html", "sites/_rename_form.html", site=site, errors={})


@bp.post("/<int:site_id>/name")
@login_required
def rename(site_id: int):
    site = own_site_or_404(site_id)
    try:
        sites.rename_site(site, request.form.get("name", ""))
    except Refused as exc:
        db.session.rollback()
        return form_error(
            "sites/rename.html",
            "sites/_rename_form.html",
            site=site,
            errors={"name": exc.message},
            value=request.form.get("name", ""),
        )
    db.session.commit()
    return render(
        "sites/show.html", "sites/_site_title.html", site=site, business_types=BUSINESS_TYPES
    )


@bp.route("/<int:site_id>/settings", methods=["GET", "POST"])
@login_required
def settings(site_id: int):
    site = own_site_or_404(site_id)
    errors: dict[str, str] = {}
    values = site.profile
    saved = False
    if request.method == "POST":
        values = profile_from_form(request.form)
        try:
            sites.update_profile(site, values)
        except sites.ProfileInvalid as exc:
            db.session.rollback()
            errors = exc.errors | {"__all__": exc.message}
        else:
            db.session.commit()
            values = site.profile
            saved = True
    context = dict(
        site=site,
        values=values,
        errors=errors,
        saved=saved,
        weekdays=WEEKDAYS,
        weekday_labels=WEEKDAY_LABELS,
        business_types=BUSINESS_TYPES,
    )
    if errors:
        return form_error("sites/settings.html", "sites/_profile_form.html", **context)
    if saved and not request.headers.get("HX-Request"):
        flash(_("Business details saved."), "success")
        return redirect_to(url_for("sites.settings", site_id=site.id))
    return render("sites/settings.html", "sites/_profile_form.html", **context)


@bp.get("/<int:site_id>/delete")
@login_required
def confirm_delete(site_id: int):
    site = own_site_or_404(site_id)
    return render_template("sites/delete.html", site=site)


@bp.post("/<int:site_id>/delete")
@login_required
def delete(site_id: int):
    site = own_site_or_404(site_id)
    sites.delete_site(site)
    db.session.commit()
    flash(
        _("%(name)s was deleted. You can restore it from the bin for 30 days.", name=site.name),
        "info",
    )
    return redirect_to(url_for("sites.index"))


@bp.post("/<int:site_id>/restore")
@login_required
def restore(site_id: int):
    site = own_site_or_404(site_id, include_deleted=True)
    try:
        sites.restore_site(site)
    except Refused as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect_to(url_for("sites.index"))
    db.session.commit()
    flash(_("%(name)s has been restored.", name=site.name), "success")
    return redirect_to(url_for("sites.show", site_id=site.id))


@bp.route("/<int:site_id>/pages/<int:page_id>", methods=["GET", "POST"])
@login_required
def page_settings(site_id: int, page_id: int):
    site = own_site_or_404(site_id)
    page = page_of_site(site.id, page_id)
    if page is None:
        abort(404)
    errors: dict[str, str] = {}
    if request.method == "POST":
        f = request.form
        errors = update_page_settings(
            page,
            f.get("title", ""),
            f.get("path", ""),
            f.get("seo_title", ""),
            f.get("seo_description", ""),
            f.get("social_image", ""),
        )
        if errors:
            db.session.rollback()
            return form_error(
                "sites/page.html",
                "sites/_page_form.html",
                site=site,
                page=page,
                errors=errors,
                form=f,
                images=assets_of(site),
            )
        db.session.commit()
        flash(_("Page settings saved."), "success")
        return redirect_to(url_for("sites.show", site_id=site.id))
    return render(
        "sites/page.html", "sites/_page_form.html", site=site, page=page, errors={}, form={},
        images=assets_of(site),
    )
