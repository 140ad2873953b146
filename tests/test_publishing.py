"""Compiling and publishing to the local provider: determinism, incremental builds and uploads,
atomic go-live, previews, rollback, failure safety, serving on the site's own origin."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import db
from app.jobs import wait_for_jobs
from app.models import Deployment, Site
from app.publishing.compiler import PageCache, compile_site, page_file
from app.publishing.jobs import run_publish
from app.publishing.operations import start_publish
from app.publishing.serve import parse_headers_file
from app.publishing.snapshot import read_asset, snapshot_site
from tests.conftest import text_of
from tests.editor.conftest import make_editor


@pytest.fixture
def sites_dir(tmp_path):
    return tmp_path / "sites"


@pytest.fixture
def app(make_app, tmp_path, sites_dir):
    return make_app(SITES_DIR=str(sites_dir), SITES_URL="http://{slug}.sites.localhost",
                    ASSET_DIR=str(tmp_path / "assets"))


@pytest.fixture
def cafe(owner, app):
    """A site with a hero, a menu, opening hours and a second page."""
    editor = make_editor(owner, app, name="바람길 카페")
    # A café: new blocks arrive with a café's sample content.
    owner.post(f"/sites/{editor.site_id}/settings", {
        "business_name": "바람길 카페", "business_type": "cafe", "phone": "02-336-1234",
        "address": "서울 마포구 와우산로 94", "hours_mon_open": "09:00",
        "hours_mon_close": "21:00"})
    editor.insert("hero")
    editor.insert("menu")
    editor.insert("opening_hours")
    editor.insert("footer")
    owner.post(f"{editor.base}/pages", {"title": "오시는 길"}, htmx=True)
    return editor


def build(app, site_id, cache=None):
    with app.app_context():
        site = db.session.get(Site, site_id)
        return compile_site(snapshot_site(site), read_asset, cache)


def site_client(app, slug, key=None):
    host = f"{key}--{slug}.sites.localhost" if key else f"{slug}.sites.localhost"
    return app.test_client(), {"Host": host}


def publish(app, site_id, production=True):
    with app.app_context():
        site = db.session.get(Site, site_id)
        deployment = start_publish(site, None, production=production)
        db.session.commit()
        deployment_id = deployment.id
    with app.app_context():
        run_publish(deployment_id)
    with app.app_context():
        d = db.session.get(Deployment, deployment_id)
        db.session.expunge(d)
        return d


def test_compiling_is_deterministic_and_complete(app, cafe):
    first, second = build(app, cafe.site_id), build(app, cafe.site_id)
    assert first.files == second.files and first.headers == second.headers
    assert {"index.html", "osineun-gil/index.html", "404.html", "sitemap.xml", "robots.txt",
            "favicon.svg"} <= set(first.files)
    home = first.files["index.html"].decode()
    assert home.startswith("<!doctype html>") and '<html lang="ko">' in home
    assert "<script" not in home.replace('<script type="application/ld+json">', "")
    assert '<link rel="canonical" href="http://baramgil-kape.sites.localhost/">' in home
    assert 'property="og:title"' in home and "4,500원" in home
    jsonld = json.loads(re.search(r'application/ld\+json">(.*?)</script>', home).group(1))
    assert jsonld["@type"] == "CafeOrCoffeeShop" and jsonld["telephone"] == "02-336-1234"
    assert jsonld["openingHoursSpecification"][0]["dayOfWeek"] == "Monday"
    assert jsonld["hasMenu"]["hasMenuSection"]
    assert 'class="ed-block' not in home and "data-inline" not in home  # no editor markup
    assert len(gzip.compress(first.files["index.html"])) <= 14 * 1024
    sitemap = first.files["sitemap.xml"].decode()
    assert "http://baramgil-kape.sites.localhost/osineun-gil/" in sitemap
    rules = dict(parse_headers_file(first.headers))
    assert ("Cache-Control", "public, max-age=31536000, immutable") in rules["/assets/*"]
    assert ("Cache-Control", "public, max-age=0, must-revalidate") in rules["/"]


def test_rebuild_after_one_edit_renders_only_that_page(app, cafe):
    cache = PageCache()
    build(app, cafe.site_id, cache)
    assert cache.misses == 2
    hero = cafe.blocks()[0]
    cafe.set_prop(hero["id"], "title", {"value": "새 제목"})
    out = build(app, cafe.site_id, cache)
    assert cache.misses == 3 and cache.hits == 1
    assert "새 제목" in out.files["index.html"].decode()


def test_publish_goes_live_atomically_and_is_served_on_its_own_origin(app, cafe, sites_dir):
    d = publish(app, cafe.site_id)
    assert d.state == "live" and d.is_live and d.files_uploaded == d.files_total > 0
    assert set(d.stages) >= {"queued", "building", "uploading", "processing", "live"}
    client, host = site_client(app, "baramgil-kape")
    page = client.get("/", headers=host)
    assert page.status_code == 200 and "바람길 카페" in text_of(page)
    assert page.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert client.get("/osineun-gil", headers=host).status_code == 301
    assert client.get("/osineun-gil/", headers=host).status_code == 200
    missing = client.get("/nope", headers=host)
    assert missing.status_code == 404 and "페이지를 찾을 수 없습니다" in text_of(missing)
    # The editor's origin does not serve the site, and the site's origin has no editor.
    assert client.get("/login", headers=host).status_code == 404
    live = (sites_dir / "baramgil-kape" / "live")
    assert live.is_symlink() and live.resolve().name == d.provider_id


def test_republish_after_one_edit_uploads_only_what_changed(app, cafe):
    first = publish(app, cafe.site_id)
    hero = cafe.blocks()[0]
    cafe.set_prop(hero["id"], "title", {"value": "오늘의 원두"})
    second = publish(app, cafe.site_id)
    assert second.files_uploaded == 1 and second.files_total == first.files_total
    assert second.pages_touched == ["index.html"]
    client, host = site_client(app, "baramgil-kape")
    assert "오늘의 원두" in text_of(client.get("/", headers=host))
    with app.app_context():
        assert db.session.get(Deployment, first.id).is_live is False


def test_preview_does_not_touch_the_live_site(app, cafe):
    publish(app, cafe.site_id)
    hero = cafe.blocks()[0]
    cafe.set_prop(hero["id"], "title", {"value": "미리보기 제목"})
    preview = publish(app, cafe.site_id, production=False)
    assert preview.state == "ready" and not preview.is_live
    assert preview.url == f"http://{preview.provider_id}--baramgil-kape.sites.localhost"
    client, host = site_client(app, "baramgil-kape")
    assert "미리보기 제목" not in text_of(client.get("/", headers=host))
    client, host = site_client(app, "baramgil-kape", key=preview.provider_id)
    assert "미리보기 제목" in text_of(client.get("/", headers=host))


def test_rollback_serves_the_old_version_without_rebuilding(app, cafe, owner):
    first = publish(app, cafe.site_id)
    hero = cafe.blocks()[0]
    cafe.set_prop(hero["id"], "title", {"value": "바뀐 제목"})
    publish(app, cafe.site_id)
    r = owner.post(f"/sites/{cafe.site_id}/publish/deployments/{first.id}/rollback")
    assert r.status_code == 303
    client, host = site_client(app, "baramgil-kape")
    body = text_of(client.get("/", headers=host))
    assert "바뀐 제목" not in body and "매일 아침 굽는 빵" in body
    with app.app_context():
        live = db.session.scalar(select(Deployment).where(Deployment.is_live.is_(True)))
        assert live.rollback_of_id == first.id and live.provider_id == first.provider_id


def test_a_failed_publish_keeps_the_live_version(app, cafe, monkeypatch):
    good = publish(app, cafe.site_id)
    hero = cafe.blocks()[0]
    cafe.set_prop(hero["id"], "title", {"value": "실패할 제목"})

    from app.publishing import local

    def broken_link(src, dst):  # the disk fails halfway through writing the deployment
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(local.os, "link", broken_link)
    failed = publish(app, cafe.site_id)
    assert failed.state == "failed" and "storage_error" in failed.error
    monkeypatch.undo()
    client, host = site_client(app, "baramgil-kape")
    assert "실패할 제목" not in text_of(client.get("/", headers=host))
    with app.app_context():
        assert db.session.get(Deployment, good.id).is_live


def test_a_retried_job_never_deploys_twice(app, cafe):
    d = publish(app, cafe.site_id)
    with app.app_context():
        assert run_publish(d.id) == "live"
        assert db.session.scalars(select(Deployment)).all()[-1].id == d.id


def test_an_interrupted_publish_is_finished_by_running_it_again(app, cafe):
    with app.app_context():
        site = db.session.get(Site, cafe.site_id)
        d = start_publish(site, None)
        d.state = "uploading"  # the worker was killed here
        db.session.commit()
        deployment_id = d.id
    with app.app_context():
        assert run_publish(deployment_id) == "live"


def test_publish_from_the_ui_shows_progress_and_history(app, cafe, owner):
    page = owner.get(f"/sites/{cafe.site_id}/publish")
    assert page.status_code == 200 and "publish" in text_of(page)
    r = owner.post(f"/sites/{cafe.site_id}/publish", {}, htmx=True)
    assert r.status_code == 200 and 'data-testid="deploy-progress"' in text_of(r)
    deployment_id = int(re.search(r"/deployments/(\d+)", text_of(r)).group(1))
    with app.app_context():
        wait_for_jobs()
    r = owner.get(f"/sites/{cafe.site_id}/publish/deployments/{deployment_id}", htmx=True)
    assert 'data-state="live"' in text_of(r) and r.headers.get("HX-Trigger")
    history = owner.get(f"/sites/{cafe.site_id}/publish/history", htmx=True)
    assert "<html" not in text_of(history) and f"#{deployment_id}" in text_of(history)
    assert "http://baramgil-kape.sites.localhost" in text_of(
        owner.get(f"/sites/{cafe.site_id}/publish"))


def test_publish_settings_keep_tokens_encrypted_and_masked(app, cafe, owner):
    url = f"/sites/{cafe.site_id}/publish/settings"
    token = "cf-token-" + "x" * 30 + "abcd"
    r = owner.post(url, {"provider": "cloudflare_pages", "account_id": "0" * 31,
                         "project": "Bad Name!", "token": token})
    assert r.status_code == 422
    r = owner.post(url, {"provider": "cloudflare_pages", "account_id": "a" * 32,
                         "project": "baramgil", "token": token})
    assert r.status_code == 303
    from app.models import PublishTarget

    with app.app_context():
        target = db.session.scalar(select(PublishTarget))
        assert token not in (target.token_encrypted or "") and target.token_hint == "abcd"
    page = text_of(owner.get(url))
    assert token not in page and "abcd" in page


def test_export_writes_the_site_to_a_folder(app, cafe, tmp_path):
    runner = app.test_cli_runner()
    out = tmp_path / "export"
    result = runner.invoke(args=["sites", "export", "baramgil-kape", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file() and (out / "_headers").is_file()
    assert Path(out / page_file("/osineun-gil")).is_file()


def test_cli_publish_prints_state_and_url(app, cafe):
    result = app.test_cli_runner().invoke(args=["sites", "publish", "baramgil-kape"])
    assert result.exit_code == 0, result.output
    assert "live http://baramgil-kape.sites.localhost" in result.output


def test_renamed_page_redirects_from_its_old_address(app, cafe, owner):
    with app.app_context():
        from app.models import Page

        page = db.session.scalar(select(Page).where(Page.path == "/osineun-gil"))
        page_id = page.id
    r = owner.post(f"/sites/{cafe.site_id}/pages/{page_id}",
                   {"title": "오시는 길", "path": "/location"})
    assert r.status_code == 303
    publish(app, cafe.site_id)
    client, host = site_client(app, "baramgil-kape")
    moved = client.get("/osineun-gil/", headers=host)
    assert moved.status_code == 301 and moved.headers["Location"] == "/location/"


def test_another_tenant_cannot_publish_or_roll_back(app, cafe, other_web):
    d = publish(app, cafe.site_id)
    other_web.signup(email="intruder@example.com")
    for method, url in [("get", f"/sites/{cafe.site_id}/publish"),
                        ("post", f"/sites/{cafe.site_id}/publish"),
                        ("get", f"/sites/{cafe.site_id}/publish/deployments/{d.id}"),
                        ("post", f"/sites/{cafe.site_id}/publish/deployments/{d.id}/rollback"),
                        ("get", f"/sites/{cafe.site_id}/publish/settings"),
                        ("post", f"/sites/{cafe.site_id}/publish/settings/test")]:
        r = getattr(other_web, method)(url) if method == "get" else other_web.post(url, {})
        assert r.status_code == 404, url


def test_odd_site_host_names_never_reach_the_file_system(app, cafe):
    publish(app, cafe.site_id)
    client = app.test_client()
    for host in ("...sites.localhost", "..--x.sites.localhost", "a_b.sites.localhost",
                 "%2e%2e.sites.localhost"):
        assert client.get("/", headers={"Host": host}).status_code == 404, host
