"""Validating a theme package — an uploaded zip or a folder — into a gscan-style report.

    report = validate_zip(data)
    if not report.ok: show report.to_dict() to the designer

Order: the archive (refused outright when hostile), then every file by type, the manifest, the
files the platform requires, and finally the templates (lint, compile, test render). A check
never raises on bad input: everything becomes a report entry.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.theme_packages import assets, limits
from app.theme_packages.archive import Package, extension, read_folder, read_zip
from app.theme_packages.manifest import check_manifest
from app.theme_packages.report import Report
from app.theme_packages.templates import check_templates

CSS_CODE_FOR_SIZE = {"css": "WW-CSS-TOO-LARGE"}


def validate_zip(data: bytes, *, render_timeout: float | None = None) -> Report:
    """The report for an uploaded theme zip (``data``: the uploaded bytes)."""
    report = Report()
    package = read_zip(data, report)
    if package is not None:
        _check_package(package, report, render_timeout)
    return report


def validate_folder(path: str | Path, *, render_timeout: float | None = None) -> Report:
    """The report for a theme folder (bundled themes, or a package already unpacked)."""
    report = Report()
    package = read_folder(Path(path), report)
    if package is not None:
        _check_package(package, report, render_timeout)
        manifest_slug = _slug_of(package)
        if manifest_slug and package.folder_name and manifest_slug != package.folder_name:
            report.add("WW-MANIFEST-SLUG-FOLDER", f"The folder is '{package.folder_name}' but "
                       f"the slug is '{manifest_slug}'.", "theme.json")
    return report


def _slug_of(package: Package) -> str | None:
    try:
        slug = json.loads(package.files.get("theme.json", b"{}")).get("slug")
    except (ValueError, AttributeError):
        return None
    return slug if isinstance(slug, str) else None


def _check_package(package: Package, report: Report, render_timeout: float | None) -> None:
    if not package.files:
        report.add("WW-ZIP-EMPTY", "The package holds no files.")
        return
    paths = set(package.files)
    texts: dict[str, str] = {}
    assets_bytes = 0
    for path in sorted(package.files):
        data = package.files[path]
        if not assets.check_name(path, report) or not assets.check_type(path, report):
            continue
        ext = extension(path)
        if path in package.oversized:
            code = CSS_CODE_FOR_SIZE.get(ext, "WW-FILE-TOO-LARGE")
            report.add(code, f"'{path}' is larger than {limits.FILE_LIMITS[ext] // limits.KB} KB "
                       f"(the limit for .{ext} files).", path)
            continue
        if path.startswith("assets/"):
            assets_bytes += len(data)
        _check_location(path, ext, report)
        if ext in assets.TEXT_TYPES:
            text = assets.decode_text(path, data, report)
            if text is not None:
                texts[path] = text
        else:
            assets.check_binary(path, data, report)
    if assets_bytes > limits.MAX_ASSETS_BYTES:
        report.add("WW-ASSETS-TOO-LARGE", f"assets/ holds {assets_bytes / limits.MB:.1f} MB.",
                   "assets/")
    for path, text in sorted(texts.items()):
        ext = extension(path)
        if ext == "css":
            assets.check_css(path, text, paths, report)
        elif ext == "svg":
            assets.check_svg(path, text, report)
        elif ext == "json" and path != "theme.json":
            assets.check_json(path, text, report)
    if "theme.json" in texts:
        check_manifest(texts["theme.json"], paths, report)
    elif "theme.json" not in package.files:
        report.add("WW-MANIFEST-MISSING", "There is no theme.json.")
    if "layout.html" not in package.files:
        report.add("WW-THEME-LAYOUT-MISSING", "There is no layout.html.")
    if "assets/base.css" not in package.files:
        report.add("WW-THEME-BASE-CSS-MISSING", "There is no assets/base.css.")
    if "preview.png" not in package.files:
        report.add("WW-THEME-PREVIEW-MISSING", "There is no preview.png.")
    templates = {path: text for path, text in texts.items() if extension(path) == "html"}
    check_templates(templates, paths, report,
                    render_timeout=limits.RENDER_TIMEOUT if render_timeout is None
                    else render_timeout, settings=_settings_of(texts.get("theme.json")))


def _settings_of(manifest_text: str | None) -> list[dict]:
    """The manifest's setting declarations (for the test renders), [] when unreadable."""
    try:
        settings = json.loads(manifest_text or "{}").get("settings")
    except (ValueError, AttributeError):
        return []
    return [s for s in settings if isinstance(s, dict)] if isinstance(settings, list) else []


def _check_location(path: str, ext: str, report: Report) -> None:
    """Files WindWalker will never read or publish (templates are placed by check_templates)."""
    top = path.split("/", 1)[0]
    if ext in ("css", "woff2", "svg") or ext in assets.IMAGE_TYPES:
        if top != "assets" and path != "preview.png":
            report.add("WW-FILE-UNUSED", f"'{path}' is outside assets/.", path)
    elif ext == "json" and path != "theme.json":
        report.add("WW-FILE-UNUSED", f"'{path}' is not read (only theme.json is).", path)
