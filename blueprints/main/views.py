"""The start page, the language switcher and the health check."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import text

from app.db import db
from app.i18n import LANGUAGES

bp = Blueprint("main", __name__, template_folder="templates")


def safe_next(target: str | None, fallback: str) -> str:
    """Only same-site relative paths are followed (no open redirects)."""
    if not target:
        return fallback
    # Control characters (CR/LF would split the Location header) and backslashes (browsers
    # read "/\\evil.example" as "//evil.example") are never part of our own paths.
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in target) or "\\" in target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


@bp.get("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("sites.index"))
    return render_template("main/index.html")


@bp.post("/language")
def set_language():
    locale = request.form.get("locale", "")
    if locale in LANGUAGES:
        session["locale"] = locale
        if current_user.is_authenticated:
            current_user.locale = locale
            db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("main.index")), code=303)


@bp.get("/healthz")
def healthz():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
