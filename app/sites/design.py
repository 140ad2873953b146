"""Saving the owner's design choices (``Site.theme_settings``). Flush, never commit."""

from __future__ import annotations

from typing import Any

from app.assets.operations import asset_index
from app.db import db
from app.models import Site
from app.theme_settings import DesignSettings, load_settings, validate_design
from app.theme_store.operations import site_theme

__all__ = ["design_of", "reset_design", "save_design", "site_theme"]


def design_of(site: Site) -> DesignSettings:
    return load_settings(site.theme_settings)


def save_design(site: Site, data: dict[str, Any]) -> DesignSettings:
    """Checks ``data`` against the site's theme and picture library and stores it. Raises
    ``DesignInvalid`` (nothing changed) when a field is refused."""
    theme, assets = site_theme(site), set(asset_index(site))
    data = _forget_deleted_pictures(theme, design_of(site), data, assets)
    design = validate_design(theme, data, assets=assets)
    # A new dict: JSON columns notice reassignment, not in-place changes.
    site.theme_settings = design.stored()
    db.session.flush()
    return design


def _forget_deleted_pictures(theme: dict[str, Any], saved: DesignSettings,
                             data: dict[str, Any], assets: set[str]) -> dict[str, Any]:
    """A saved picture removed from the library since is dropped, not refused: the panel
    still sends its hash, and a colour change must not fail because of it."""
    data = {**data, "values": dict(data.get("values") or {})}
    for name in ("logo", "favicon"):
        if data.get(name) and data[name] not in assets and data[name] == getattr(saved, name):
            data[name] = ""
    for setting in theme.get("settings") or []:
        key = setting.get("key")
        value = data["values"].get(key)
        if setting.get("type") == "image" and value and value not in assets \
                and value == saved.values.get(key):
            data["values"][key] = ""
    return data


def reset_design(site: Site) -> DesignSettings:
    """Back to the theme's own look (the pictures stay in the library)."""
    site.theme_settings = {}
    db.session.flush()
    return DesignSettings()
