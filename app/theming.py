"""Theme loading and the CSS every rendered page needs.

A theme is a folder in the package format (``docs/themes.md``): bundled themes live in
``themes/<slug>/``; approved uploads are unpacked into the theme store (``app.theme_store``),
which resolves a site's pinned version to its folder. Everything here works on folders, so both
kinds take the same path.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

import components

THEMES_ROOT = Path(__file__).resolve().parent.parent / "themes"
DEFAULT_THEME = "default"
# Where a theme's own files (fonts, pictures) are published inside a site.
PUBLISHED_THEME_PREFIX = "_theme"
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


@cache
def load_theme_folder(folder: str) -> dict[str, Any]:
    """The manifest of the theme in ``folder`` plus ``_folder`` and ``_key`` (slug-version,
    unique per package, used in published asset paths). Folders never change once loaded:
    bundled themes ship with the code and approved uploads are immutable."""
    manifest = json.loads((Path(folder) / "theme.json").read_text(encoding="utf-8"))
    manifest["_folder"] = str(folder)
    manifest["_key"] = f"{manifest.get('slug', 'theme')}-{manifest.get('version', '0')}"
    manifest["_bundled"] = Path(folder).parent == THEMES_ROOT
    return manifest


def is_bundled(slug: str | None) -> bool:
    return bool(slug) and slug in {p.name for p in THEMES_ROOT.iterdir()
                                   if (p / "theme.json").is_file()}


def load_theme(slug: str = DEFAULT_THEME) -> dict[str, Any]:
    """The manifest of a bundled theme (unknown slugs fall back to the default theme)."""
    folder = THEMES_ROOT / slug
    if not (folder / "theme.json").is_file():
        folder = THEMES_ROOT / DEFAULT_THEME
    return load_theme_folder(str(folder))


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


@cache
def _base_css(folder: str, asset_base: str | None) -> str:
    """The theme's assets/base.css; url()s to the theme's own files point at ``asset_base``
    (where those files are served: the published site's /_theme/<key>, or the editor's
    theme-asset route). The validator already refused url()s leaving the package."""
    css = (Path(folder) / "assets" / "base.css").read_text(encoding="utf-8")
    if asset_base is None:
        return css

    def rewrite(match: re.Match[str]) -> str:
        target = match.group(2).strip()
        if target.startswith(("data:", "#")):
            return match.group(0)
        path = posixpath.normpath(posixpath.join("assets", target.split("#")[0].split("?")[0]))
        return f'url("{asset_base.rstrip("/")}/{path}")'

    return _CSS_URL.sub(rewrite, css)


def theme_asset_files(theme: dict[str, Any]) -> list[str]:
    """The theme's own files a site needs besides CSS (fonts, pictures), package-relative."""
    root = Path(theme["_folder"]) / "assets"
    if not root.is_dir():
        return []
    return sorted(
        p.relative_to(Path(theme["_folder"])).as_posix() for p in root.rglob("*")
        if p.is_file() and not p.is_symlink() and p.suffix.lower() != ".css"
    )


def design_css(theme: str | dict[str, Any], settings: Mapping[str, Any] | None = None) -> str:
    """The theme's tokens with the owner's design settings applied, as CSS custom properties
    (plus the theme's own colour/number/font settings). The editor swaps just this part when
    the owner changes a colour; ``site_css`` starts with it. ``theme`` is a bundled theme's
    slug or a loaded manifest."""
    from app.theme_settings import effective_tokens, setting_css

    manifest = load_theme(theme) if isinstance(theme, str) else theme
    css = token_css(effective_tokens(manifest, settings))
    extra = setting_css(manifest, settings)
    return css + ("\n" + extra if extra else "")


def style_markup(css: str) -> Markup:
    """``css`` ready to sit inside a ``<style>`` element of a page.

    A <style> element's text is raw: HTML entities are not decoded there, so CSS put through
    the template's autoescape breaks (``content: "·"`` becomes ``content: &#34;·&#34;`` and the
    rule is dropped). The one thing that must not appear is the element's end tag. The editor
    canvas, its previews and the published pages all embed their CSS through this, so the
    canvas shows exactly what is published."""
    return Markup(css.replace("</", "<\\/"))  # noqa: S704 - our own CSS, no closing tag


def site_css(theme: str | dict[str, Any], used_types: set[str] | None = None, *,
             asset_base: str | None = None, settings: Mapping[str, Any] | None = None) -> str:
    """Tokens (with the owner's ``settings`` from ``Site.theme_settings`` applied) + base + the
    CSS of the components in use (all of them when None). ``theme`` is a bundled theme's slug
    or a loaded manifest; ``asset_base`` is where the theme's own files are served."""
    manifest = load_theme(theme) if isinstance(theme, str) else theme
    base = _base_css(manifest["_folder"], asset_base)
    types = sorted(used_types if used_types is not None else components.registry())
    return "\n".join([design_css(manifest, settings), base,
                      *(component_css(t) for t in types)])


def bundled_themes() -> list[dict[str, Any]]:
    """Every bundled theme's manifest (default first)."""
    slugs = sorted(p.name for p in THEMES_ROOT.iterdir() if (p / "theme.json").is_file())
    slugs.sort(key=lambda slug: slug != DEFAULT_THEME)
    return [load_theme(slug) for slug in slugs]
