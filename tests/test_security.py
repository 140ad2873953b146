"""HTTP-level protections every response carries."""

from __future__ import annotations

from tests.conftest import text_of


def test_security_headers_and_csp_nonce(web):
    r = web.get("/login")
    csp = r.headers["Content-Security-Policy"]
    assert "object-src 'none'" in csp and "base-uri 'none'" in csp
    assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert r.headers["Cache-Control"] == "no-store"
    assert "HX-Request" in r.headers["Vary"]


def test_htmx_is_served_by_the_app_with_safe_settings(web):
    page = text_of(web.get("/login"))
    assert '<script src="/static/vendor/htmx.min.js"' in page
    assert '"allowEval":false' in page and '"selfRequestsOnly":true' in page
    assert "hx-on" not in page
    js = web.get("/static/vendor/htmx.min.js")
    assert js.status_code == 200 and b"htmx" in js.data


def test_session_cookie_is_httponly_and_lax(web):
    web.signup()
    cookie = web.client.get_cookie("ww_session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


def test_errors_for_htmx_go_to_the_alert_area(owner):
    r = owner.get("/sites/999999", htmx=True)
    assert r.status_code == 404
    assert r.headers["HX-Retarget"] == "#alerts" and "<html" not in text_of(r)


def test_health_check(web):
    assert web.get("/healthz").get_json() == {"status": "ok"}
