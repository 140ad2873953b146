"""HTTP-level protections every response carries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.db import db
from app.models import Asset
from app.theming import load_theme
from tests.conftest import Web, text_of
from tests.editor.conftest import make_editor
from tests.test_assets import encode, make_site, upload
from tests.test_publishing import publish, site_client

PASSWORD = "correct horse battery"


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


# The review's smaller holes ---------------------------------------------------------------------

RICH_PAYLOAD = ('<p>ok</p><img src=x onerror="alert(1)"><script>alert(2)</script>'
                '<a href="javascript:alert(3)">x</a>'
                '<div hx-get="/account" hx-trigger="load">y</div>')
ACTIVE = re.compile(r"<script|<img|\son[a-z]+\s*=|javascript:|hx-get=\"/account", re.I)


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(SITES_DIR=str(tmp_path / "sites"), SITES_URL="http://{slug}.sites.localhost",
                    ASSET_DIR=str(tmp_path / "assets"))


def test_the_rich_text_panel_echoes_only_the_sanitised_text(owner, app):
    editor = make_editor(owner, app)
    [block] = editor.insert("rich_text")
    stored = editor.set_prop(block["id"], "body", {"value": RICH_PAYLOAD})
    assert stored.status_code == 200
    echoes = {
        "unchanged (200)": editor.set_prop(block["id"], "body", {"value": RICH_PAYLOAD}),
        "too long (422)": editor.set_prop(block["id"], "body", {
            "value": RICH_PAYLOAD + "<p>" + "가" * 20_001 + "</p>"}),
    }
    faq = editor.insert("faq")[-1]
    echoes["a FAQ answer, list item added (200)"] = editor.set_prop(faq["id"], "items", {
        "value.count": "1", "value.0.question": "주차 되나요?", "value.0.answer": RICH_PAYLOAD,
        "action": "add@value"})
    assert [r.status_code for r in echoes.values()] == [200, 422, 200]
    for what, response in echoes.items():
        body = text_of(response)
        found = ACTIVE.search(body)
        assert found is None, (what, body[max(0, found.start() - 120):found.end() + 80])
        if what.startswith("unchanged"):
            # Nothing to save: the answer carries no field at all (what the owner typed since
            # stays on screen), so nothing of the payload comes back.
            assert "ed-rich-area" not in body and "ok</p>" not in body, what
            continue
        assert "ed-rich-area" in body, what
        assert "<p>ok</p>" in body or "&lt;p&gt;ok&lt;/p&gt;" in body, what


def test_the_site_host_confines_paths_before_looking_and_keeps_its_own_files(app, owner):
    editor = make_editor(owner, app, name="바람길 카페")
    editor.insert("heading")
    deployment = publish(app, editor.site_id)
    sites = Path(app.config["SITES_DIR"])
    (sites / "probe").mkdir()
    (sites / "probe" / "index.html").write_text("outside")
    client, headers = site_client(app, "baramgil-kape")
    assert client.get("/", headers=headers).status_code == 200
    missing = client.get("/..%2f..%2f..%2fno-such-folder", headers=headers)
    assert missing.status_code == 404
    for probe in ("/..%2f..%2f..%2fprobe", "/../../../probe", "/..%2f..%2f..%2fprobe%2f",
                  f"/..%2f..%2fdeployments%2f{deployment.provider_id}",
                  "/..%2f..%2f..%2f..%2f..%2f..%2f..%2fusr%2fshare%2fdoc", "/%00"):
        r = client.get(probe, headers=headers)
        assert (r.status_code, r.headers.get("Location")) == (404, None), probe
        assert r.get_data() == missing.get_data(), probe  # the site's own 404 page
    for own in ("/_headers", "/_redirects"):
        assert client.get(own, headers=headers).status_code == 404, own


def test_theme_templates_cannot_be_downloaded_through_the_asset_route(web):
    version = load_theme("default")["version"]
    for path in ("assets/../layout.html", "assets/../theme.json", "assets//../layout.html",
                 "assets/./../components/heading.html", "assets/%2e%2e/layout.html",
                 "assets/..%2flayout.html", "assets/base.css"):
        r = web.get(f"/sites/themes/default/{version}/{path}")
        assert r.status_code == 404, path
        assert b"{{" not in r.get_data(), path


def test_logging_out_ends_the_session_for_every_copy_of_its_cookies(app):
    owner = Web(app.test_client())
    owner.signup()
    owner.logout()
    owner.get("/login")
    owner.post("/login", {"email": "owner@example.com", "password": PASSWORD, "remember": "on"})
    owner.get("/sites/")  # a page of the new session (and its CSRF token)
    session_copy, remember_copy = Web(app.test_client()), Web(app.test_client())
    session_copy.client.set_cookie("ww_session", owner.client.get_cookie("ww_session").value)
    remember_copy.client.set_cookie("remember_token",
                                    owner.client.get_cookie("remember_token").value)
    assert session_copy.get("/sites/").status_code == 200
    assert remember_copy.get("/sites/").status_code == 200
    owner.logout()
    for name, copy in (("session", session_copy), ("remember", remember_copy)):
        r = copy.get("/sites/")
        assert r.status_code == 302 and "/login" in r.location, name
    # Another device's session is its own: logging out here does not end it.
    laptop = Web(app.test_client())
    laptop.login()
    owner.login()
    owner.logout()
    assert laptop.get("/sites/").status_code == 200


def at(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


WRONG = {"email": "owner@example.com", "password": "wrong guess!!"}
RIGHT = {"email": "owner@example.com", "password": PASSWORD}


def test_a_stranger_guessing_cannot_lock_the_owner_out(app):
    Web(app.test_client()).signup()
    stranger = Web(app.test_client())
    for _ in range(5):
        assert stranger.post("/login", WRONG, **at("203.0.113.9")).status_code == 422
    assert stranger.post("/login", RIGHT, **at("203.0.113.9")).status_code == 429
    # The owner, on a device never used before, from another address, gets in.
    owner = Web(app.test_client())
    assert owner.post("/login", RIGHT, **at("198.51.100.7")).status_code == 303


def test_guesses_from_many_addresses_meet_an_account_ceiling_a_known_device_passes(app):
    phone = Web(app.test_client())
    phone.signup()  # this browser has signed in to the account: a known device
    phone.logout()
    for i in range(10):
        guess = Web(app.test_client()).post("/login", WRONG, **at(f"203.0.113.{i + 1}"))
        assert guess.status_code == 422
    # The account as a whole has had enough: a new device is turned away, right password or
    # not (brute force stays slow however many addresses it uses) ...
    new_device = Web(app.test_client())
    assert new_device.post("/login", RIGHT, **at("198.51.100.1")).status_code == 429
    # ... while the owner's own phone is not.
    assert phone.post("/login", RIGHT, **at("198.51.100.2")).status_code == 303
    # A known-device cookie counts only for its own account.
    phone.logout()
    other = {"email": "other@example.com", "password": "wrong guess!!"}
    for i in range(10):
        Web(app.test_client()).post("/login", other, **at(f"192.0.2.{i + 1}"))
    assert phone.post("/login", other, **at("198.51.100.3")).status_code == 429


def test_a_picture_longer_than_webp_allows_is_refused_and_leaves_no_files(owner, app):
    site_id = make_site(owner)
    strip = encode(Image.new("RGB", (100_000, 10), (200, 120, 40)), "PNG")
    r = upload(owner, site_id, strip, "strip.png")
    assert r.status_code == 422
    assert "100000 × 10" in text_of(r) and "16383" in text_of(r)
    assert [p for p in Path(app.config["ASSET_DIR"]).rglob("*") if p.is_file()] == []


def test_a_picture_that_fails_while_stored_leaves_no_files(owner, app, monkeypatch):
    from app.assets import operations

    real = operations._encode

    def webp_breaks(image, fmt, options, icc):
        if fmt == "WEBP":
            raise OSError("encoder error -2")
        return real(image, fmt, options, icc)

    monkeypatch.setattr(operations, "_encode", webp_breaks)
    site_id = make_site(owner)
    r = upload(owner, site_id, encode(Image.new("RGB", (1200, 800), (10, 90, 160)), "JPEG"),
               "photo.jpg")
    assert r.status_code == 422 and "처리할 수 없습니다" in text_of(r)
    assert [p for p in Path(app.config["ASSET_DIR"]).rglob("*")] == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Asset)) == 0


@pytest.mark.parametrize("target", ["/sites/\r\nSet-Cookie: x=1", "/\r\n", "/\\evil.example",
                                    "/\t/evil.example", "//evil.example", "https://evil.example"])
def test_the_language_switch_never_follows_an_unsafe_next(web, target):
    r = web.post("/language", {"locale": "en", "next": target})
    assert r.status_code == 303 and r.headers["Location"] == "/"
