"""HTTP security: CSP with nonces, security headers, and an Origin check on writes."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import Flask, Response, abort, g, request

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Blueprints whose POSTs legitimately come from other origins (the form endpoint that published
# sites post to). They carry no session state and have their own spam and size defences.
CROSS_ORIGIN_BLUEPRINTS = {"public_forms"}


def csp_nonce() -> str:
    """A per-response nonce for the few inline scripts/styles we allow."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.before_request
    def _check_origin():
        # Defence in depth next to the CSRF token: a browser always sends Origin on a
        # cross-site POST, so a foreign Origin is refused outright.
        if request.method in SAFE_METHODS:
            return None
        if request.blueprint in CROSS_ORIGIN_BLUEPRINTS:
            return None  # posted from published sites on other origins, by design
        origin = request.headers.get("Origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.host:
            abort(403)
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        nonce = csp_nonce()
        # Theme previews are framed from the sites origin (never served by the editor's).
        sites = urlsplit(app.config["SITES_URL"].replace("{slug}", "x"))
        sites_frames = f"{sites.scheme}://*.{sites.netloc.split('.', 1)[-1]}"
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; "
            f"script-src 'self' 'nonce-{nonce}'; "
            f"style-src 'self' 'nonce-{nonce}'; "
            "img-src 'self' data:; "
            f"frame-src 'self' {sites_frames}; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if app.config["ENV_NAME"] == "production":
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        if request.endpoint and request.endpoint != "static":
            # Pages carry per-user data and CSRF tokens: never store them in shared caches.
            response.headers.setdefault("Cache-Control", "no-store")
        return response
