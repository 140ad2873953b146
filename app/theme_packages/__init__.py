"""Theme packages: validating designers' uploads and rendering their templates safely.

* ``validate_zip`` / ``validate_folder`` → a ``Report`` (gscan-style codes, levels, score).
* ``theme_environment`` / ``render_limited`` → the sandbox theme templates render in.

The package format and the rules follow the shared theme reference (themes.md); every limit
lives in ``limits.py`` and every report code, with its level and help, in ``report.RULES``.
"""

from app.theme_packages.manifest import ThemeManifest, manifest_json_schema
from app.theme_packages.report import RULES, Entry, Report
from app.theme_packages.sandbox import ThemeRenderError, render_limited, theme_environment
from app.theme_packages.validator import validate_folder, validate_zip

__all__ = ["RULES", "Entry", "Report", "ThemeManifest", "ThemeRenderError",
           "manifest_json_schema", "render_limited", "theme_environment", "validate_folder",
           "validate_zip"]
