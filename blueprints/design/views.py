"""The editor's Design panel: the owner's colours, fonts, spacing, corners, logo, favicon and
the theme's own settings, saved as they change, with the canvas restyled in place.

Views parse the form, check the site is the user's (another tenant's id is a 404), call
``app.sites.design`` and answer with out-of-band fragments: the canvas's token <style> (its
text only, so the element keeps the page's CSP nonce), the contrast advice, the field errors
and the save state.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup

from app.assets.operations import asset_by_hash, assets_of
from app.coedit import notify
from app.db import db
from app.htmx import is_htmx
from app.models import Site
from app.sites import design as operations
from app.theme_settings import (
    COLOR_KEYS,
    COLOR_LABELS,
    FONT_KEYS,
    FONT_LABELS,
    FONT_ROLES,
    FONT_STACKS,
    RADIUS_LABELS,
    SPACE_LABELS,
    DesignInvalid,
    DesignSettings,
    contrast_warnings,
    effective_tokens,
    form_data,
    normal_hex,
    setting_values,
)
from app.theming import design_css, style_markup
from blueprints.access import editable_site_or_404

bp = Blueprint("design", __name__, url_prefix="/sites/<int:site_id>/design",
               template_folder="templates")


def editor_css(site: Site) -> Markup:
    """What the canvas's design <style> holds: the effective tokens and the font samples the
    panel shows. Our own CSS from validated values (hex colours, curated font keys)."""
    theme = operations.site_theme(site)
    css = design_css(theme, site.theme_settings)
    stacks = {**FONT_STACKS, **{f"theme-{role}": stack
                                for role, stack in (theme["tokens"].get("fonts") or {}).items()
                                if role in FONT_ROLES}}
    samples = "".join(f".ed-font-{key}{{font-family:{stack}}}" for key, stack in stacks.items())
    return style_markup(css + "\n" + samples)


def brand(site: Site) -> dict[str, Any]:
    """The canvas header's logo and announcement line: ``{"logo": url or None, "with_name":
    bool, "announcement": text}``."""
    design = operations.design_of(site)
    logo = None
    if design.logo and asset_by_hash(site, design.logo) is not None:
        logo = url_for("assets.variant", site_id=site.id, digest=design.logo, width=480,
                       ext="webp")
    announcement = setting_values(operations.site_theme(site), design).get("announcement")
    return {"logo": logo, "with_name": design.logo_with_name,
            "announcement": announcement if isinstance(announcement, str) else ""}


@bp.app_context_processor
def _design_helpers() -> dict[str, Any]:
    return {"design_editor_css": editor_css, "design_brand": brand}


def _panel_context(site: Site, design: DesignSettings | None = None,
                   errors: dict[str, str] | None = None) -> dict[str, Any]:
    theme = operations.site_theme(site)
    design = design or operations.design_of(site)
    tokens = effective_tokens(theme, design)
    pictures = {a.hash: a for a in assets_of(site)}
    return {
        "site": site, "theme": theme, "design": design, "errors": errors or {},
        "colours": [(key, COLOR_LABELS[key],
                     normal_hex(str(tokens["colors"].get(key, ""))) or "#000000")
                    for key in COLOR_KEYS],
        "font_roles": FONT_ROLES, "font_labels": FONT_LABELS, "font_keys": FONT_KEYS,
        "space_labels": SPACE_LABELS, "radius_labels": RADIUS_LABELS,
        "warnings": contrast_warnings(tokens),
        "settings": theme.get("settings") or [],
        "values": setting_values(theme, design), "raw_values": design.values,
        "pictures": pictures, "error_fields": _error_fields(theme),
    }


def _error_fields(theme: dict[str, Any]) -> list[str]:
    """Every field that has an error slot in the panel (each is refreshed after a save)."""
    fields = [f"colors.{key}" for key in COLOR_KEYS]
    fields += [f"fonts.{role}" for role in FONT_ROLES]
    fields += ["space", "radius", "logo", "favicon"]
    fields += [f"values.{s['key']}" for s in theme.get("settings") or []]
    return fields


def _log_agent(kind: str, fields: list[str], before: dict, site) -> None:
    """A support agent works on the design through their session: it goes in its log, with
    the design before and after (the owner can undo it)."""
    from flask import g

    from app.support.operations import log_change

    session = g.get("support_session")
    if session is not None:
        log_change(session, current_user, kind, fields=sorted(fields), before=before,
                   after=dict(site.theme_settings or {}))


@bp.get("")
@login_required
def panel(site_id: int):
    site = editable_site_or_404(site_id)
    if not is_htmx():
        return redirect(url_for("editor.index", site_id=site.id))
    return render_template("design/_panel.html", **_panel_context(site))


@bp.post("")
@login_required
def save(site_id: int):
    site = editable_site_or_404(site_id)
    data = form_data(operations.site_theme(site), request.form)
    before = dict(site.theme_settings or {})
    try:
        design = operations.save_design(site, data)
    except DesignInvalid as exc:
        db.session.rollback()
        return render_template("design/_saved.html", refused=True,
                               **_panel_context(site, errors=exc.errors)), 422
    _log_agent("design", sorted(design.stored()), before, site)
    db.session.commit()
    notify.design_changed(site)
    return render_template("design/_saved.html", refresh=bool(request.form.get("refresh")),
                           **_panel_context(site, design))


@bp.post("/reset")
@login_required
def reset(site_id: int):
    site = editable_site_or_404(site_id)
    before = dict(site.theme_settings or {})
    design = operations.reset_design(site)
    _log_agent("design_reset", [], before, site)
    db.session.commit()
    notify.design_changed(site)
    return render_template("design/_saved.html", refresh=True, **_panel_context(site, design))
