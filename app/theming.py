"""Theme loading (bundled themes for now) and the CSS every rendered page needs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import components

THEMES_ROOT = Path(__file__).resolve().parent.parent / "themes"
DEFAULT_THEME = "default"


@cache
def load_theme(slug: str = DEFAULT_THEME) -> dict[str, Any]:
    """The manifest of a bundled theme (unknown slugs fall back to the default theme)."""
    folder = THEMES_ROOT / slug
    if not (folder / "theme.json").is_file():
        folder = THEMES_ROOT / DEFAULT_THEME
    manifest = json.loads((folder / "theme.json").read_text(encoding="utf-8"))
    manifest["_folder"] = str(folder)
    return manifest


def token_css(tokens: dict[str, Any]) -> str:
    """Design tokens as CSS custom properties: colors.primary → --ww-color-primary."""
    lines = []
    for name, value in tokens.get("colors", {}).items():
        lines.append(f"--ww-color-{name}:{value}")
    for name, value in tokens.get("fonts", {}).items():
        lines.append(f"--ww-font-{name}:{value}")
    for name, value in tokens.items():
        if not isinstance(value, dict):
            lines.append(f"--ww-{name}:{value}")
    return ".ww-site{" + ";".join(lines) + "}"


@cache
def component_css(type_name: str) -> str:
    path = components.ROOT / type_name / "style.css"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def design_css(theme_slug: str, settings: Mapping[str, Any] | None = None) -> str:
    """The theme's tokens with the owner's design settings applied, as CSS custom properties
    (plus the theme's own colour/number/font settings). The editor swaps just this part when
    the owner changes a colour; ``site_css`` starts with it."""
    from app.theme_settings import effective_tokens, setting_css

    theme = load_theme(theme_slug)
    css = token_css(effective_tokens(theme, settings))
    extra = setting_css(theme, settings)
    return css + ("\n" + extra if extra else "")


def _base_css(folder: str) -> str:
    return (Path(folder) / "assets" / "base.css").read_text(encoding="utf-8")


def site_css(theme_slug: str, used_types: set[str] | None = None, *,
             settings: Mapping[str, Any] | None = None) -> str:
    """Tokens (with the owner's ``settings`` from ``Site.theme_settings`` applied) + base + the
    CSS of the components in use (all of them when None)."""
    theme = load_theme(theme_slug)
    types = sorted(used_types if used_types is not None else components.registry())
    return "\n".join([design_css(theme_slug, settings), _base_css(theme["_folder"]),
                      *(component_css(t) for t in types)])


def bundled_themes() -> list[dict[str, Any]]:
    """Every bundled theme's manifest (default first)."""
    slugs = sorted(p.name for p in THEMES_ROOT.iterdir() if (p / "theme.json").is_file())
    slugs.sort(key=lambda slug: slug != DEFAULT_THEME)
    return [load_theme(slug) for slug in slugs]
