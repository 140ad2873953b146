"""Saving the owner's design choices (``Site.theme_settings``). Flush, never commit."""

from __future__ import annotations

from typing import Any

from app.assets.operations import asset_index
from app.db import db
from app.models import Site
from app.theme_settings import DesignSettings, load_settings, validate_design
from app.theming import DEFAULT_THEME, load_theme


def site_theme(site: Site) -> dict[str, Any]:
    """The manifest of the site's theme."""
    return load_theme(site.theme_slug or DEFAULT_THEME)


def design_of(site: Site) -> DesignSettings:
    return load_settings(site.theme_settings)


def save_design(site: Site, data: dict[str, Any]) -> DesignSettings:
    """Checks ``data`` against the site's theme and picture library and stores it. Raises
    ``DesignInvalid`` (nothing changed) when a field is refused."""
    design = validate_design(site_theme(site), data, assets=set(asset_index(site)))
    # A new dict: JSON columns notice reassignment, not in-place changes.
    site.theme_settings = design.stored()
    db.session.flush()
    return design


def reset_design(site: Site) -> DesignSettings:
    """Back to the theme's own look (the pictures stay in the library)."""
    site.theme_settings = {}
    db.session.flush()
    return DesignSettings()
