"""The theme store: designers upload packages, the validator job reports, admins review,
owners choose approved themes and stay pinned to a version until they upgrade."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import uuid
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from redis import Redis
from sqlalchemy import select

from app.accounts.operations import find_user_by_email, grant_role, sign_up
from app.db import db
from app.editor import tree as T
from app.editor.render import RenderContext, Renderer
from app.jobs import enqueue, wait_for_jobs
from app.models import Site, Theme, ThemeVersion
from app.publishing.compiler import PageSnapshot, SiteSnapshot, compile_site
from app.theme_packages.output import html_tokens
from app.theme_store import operations as store
from app.theme_store.storage import export_zip, store_root
from app.theming import THEMES_ROOT, load_theme_folder
from tests.conftest import ROOT, TEST_ENV, TEST_REDIS_URL, Web, require_service, text_of

PASSWORD = "correct horse battery"


# Packages built by the tests -----------------------------------------------------------------

def package_files(base: str = "clinic", **manifest_changes) -> dict[str, bytes]:
    """A bundled theme's files with manifest changes (e.g. a new slug and version)."""
    folder = THEMES_ROOT / base
    files = {p.relative_to(folder).as_posix(): p.read_bytes()
             for p in sorted(folder.rglob("*")) if p.is_file()}
    manifest = json.loads(files["theme.json"])
    manifest.update(manifest_changes)
    files["theme.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    return files


def zip_of(files: dict[str, bytes], top: str = "theme") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(f"{top}/{name}", data)
    return buffer.getvalue()


def bad_zip() -> bytes:
    """A package with a template error (fatal, with its line) and a remote @import."""
    files = package_files(slug="haneul", name="하늘", version="1.0.0")
    files["layout.html"] = files["layout.html"].replace(b"{{ content }}", b"{{ content }")
    files["assets/base.css"] = b"@import url(https://fonts.example.com/a.css);\n" + \
        files["assets/base.css"]
    return zip_of(files)


SKY = {"ko": "하늘", "en": "Sky", "ja": "そら"}


def good_zip(version: str = "1.0.0", **changes) -> bytes:
    """A clean package (score 100): a new slug, named in the three languages."""
    return zip_of(package_files(**{"slug": "haneul", "name": SKY, "version": version,
                                   **changes}))


# People --------------------------------------------------------------------------------------

def person(app, email: str, role: str | None = None) -> Web:
    web = Web(app.test_client())
    web.signup(email=email, password=PASSWORD)
    if role:
        with app.app_context():
            grant_role(find_user_by_email(email), role)
            db.session.commit()
    return web


@pytest.fixture
def designer(app):
    return person(app, "designer@example.com", "designer")


@pytest.fixture
def admin(app):
    return person(app, "admin@example.com", "admin")


def upload(web: Web, data: bytes, name: str = "haneul.zip"):
    return web.post("/designer/upload", {"package": (io.BytesIO(data), name)},
                    content_type="multipart/form-data")


def uploaded(app, web: Web, data: bytes) -> int:
    """Uploads, waits for the validator job; returns the version id."""
    r = upload(web, data)
    assert r.status_code == 303, text_of(r)
    with app.app_context():
        wait_for_jobs()
    return int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def version_of(app, version_id: int) -> ThemeVersion:
    with app.app_context():
        v = db.session.get(ThemeVersion, version_id)
        db.session.expunge(v)
        return v


def approved(app, designer: Web, admin: Web, data: bytes) -> int:
    version_id = uploaded(app, designer, data)
    assert designer.post(f"/designer/versions/{version_id}/submit").status_code == 303
    assert admin.post(f"/designer/review/{version_id}",
                      {"decision": "approve", "comment": ""}).status_code == 303
    assert version_of(app, version_id).status == "approved"
    return version_id


def new_site(app, owner: Web, name: str = "하늘 꽃집") -> int:
    r = owner.post("/sites/", {"name": name, "starter": "cafe"})
    assert r.status_code == 303
    return int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])


# Upload, report, re-upload -------------------------------------------------------------------

def test_a_package_with_errors_gets_a_report_and_the_fixed_one_passes(app, designer):
    bad = uploaded(app, designer, bad_zip())
    v = version_of(app, bad)
    assert v.status == "invalid" and v.folder is None and v.preview_key is None
    codes = {e["code"] for e in v.report["entries"]}
    assert {"WW-TPL-SYNTAX", "WW-CSS-IMPORT"} <= codes, codes
    syntax = next(e for e in v.report["entries"] if e["code"] == "WW-TPL-SYNTAX")
    assert syntax["fatal"] and syntax["file"] == "layout.html" and syntax["line"]
    page = text_of(designer.get(f"/designer/versions/{bad}"))
    assert "WW-TPL-SYNTAX" in page and f"layout.html:{syntax['line']}" in page
    assert "submit-review" not in page and 'data-testid="reupload"' in page
    # The report's help is shown in the designer's language (Korean by default).
    assert "테마" in page

    good = uploaded(app, designer, good_zip())
    v = version_of(app, good)
    assert v.status == "valid" and v.report["ok"] and v.version == "1.0.0"
    page = text_of(designer.get(f"/designer/versions/{good}"))
    assert "submit-review" in page
    listing = text_of(designer.get("/designer/"))
    assert listing.count("/designer/versions/") >= 2


def test_refusals_before_validation_are_clear_and_translated(app, designer):
    r = upload(designer, b"", name="empty.zip")
    assert r.status_code == 422 and "올릴 테마 .zip 파일을 선택해 주세요." in text_of(r)
    r = upload(designer, b"not a zip at all", name="theme.zip")
    assert r.status_code == 303
    with app.app_context():
        wait_for_jobs()
        v = db.session.scalars(select(ThemeVersion)).one()
        assert v.status == "invalid"
        assert [e["code"] for e in v.report["entries"]] == ["WW-ZIP-NOT-ZIP"]


def test_hostile_archives_are_refused_and_write_nothing_outside_the_store(app, designer,
                                                                           tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../escaped.txt", "x")
        archive.writestr("theme/theme.json", "{}")
    version_id = uploaded(app, designer, buffer.getvalue())
    v = version_of(app, version_id)
    assert v.status == "invalid" and "WW-ZIP-SLIP" in {e["code"] for e in v.report["entries"]}
    assert not list(tmp_path.rglob("escaped.txt"))
    with app.app_context():
        assert not (store_root() / "packages").exists()


def test_designer_pages_are_for_designers_and_their_own_uploads(app, designer, owner):
    version_id = uploaded(app, designer, good_zip())
    assert owner.get("/designer/").status_code == 404
    assert owner.get(f"/designer/versions/{version_id}").status_code == 404
    other = person(app, "other-designer@example.com", "designer")
    assert other.get(f"/designer/versions/{version_id}").status_code == 404
    assert other.post(f"/designer/versions/{version_id}/submit").status_code == 404
    assert designer.get("/designer/review").status_code == 404  # reviewing is for admins


def test_the_private_preview_is_served_from_the_sites_origin_with_every_block(app, designer):
    import components

    version_id = uploaded(app, designer, good_zip())
    page = text_of(designer.get(f"/designer/versions/{version_id}"))
    url = re.search(r'<iframe[^>]+src="([^"]+)"', page).group(1)
    key = version_of(app, version_id).preview_key
    assert url == f"http://{key}--theme-previews.sites.localhost:5000/"
    home = designer.client.get(url)
    assert home.status_code == 200 and "#1d6a80" in text_of(home)  # the theme's own colour
    # Framed by the editor's origin only.
    assert "frame-ancestors http://localhost" in home.headers["Content-Security-Policy"]
    blocks = text_of(designer.client.get(url + "blocks/"))
    for type_name in components.registry():
        assert f'class="b-{type_name}' in blocks, type_name  # every block, with content
    assert blocks.count("<picture>") >= 6  # sample pictures in hero, image, gallery, video
    # Someone without the key finds nothing.
    assert designer.client.get(
        "http://0123456789abcdef0123456789abcdef--theme-previews.sites.localhost:5000/"
    ).status_code == 404


def test_the_validator_job_runs_on_a_real_rq_worker(make_app, migrated, tmp_path):
    redis_url = require_service("TEST_REDIS_URL", TEST_REDIS_URL)
    queue_name = f"test-{uuid.uuid4().hex[:8]}"
    assets, sites = tmp_path / "assets", tmp_path / "sites"
    app = make_app(REDIS_URL=redis_url, ASSET_DIR=str(assets), SITES_DIR=str(sites))
    # Made directly: with REDIS_URL the sign-up mail would wait on RQ for a worker.
    with app.app_context():
        grant_role(sign_up("rq-designer@example.com", PASSWORD), "designer")
        db.session.commit()
    designer = Web(app.test_client())
    assert designer.login("rq-designer@example.com", PASSWORD).status_code == 303
    with app.app_context():
        from rq import Queue

        app.extensions["rq_queue"] = Queue(queue_name, connection=Redis.from_url(redis_url))
    r = upload(designer, good_zip())
    version_id = int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    assert version_of(app, version_id).status == "validating"
    env = {**os.environ, **TEST_ENV, "DATABASE_URL": migrated, "REDIS_URL": redis_url,
           "ASSET_DIR": str(assets), "SITES_DIR": str(sites)}
    done = subprocess.run([sys.executable, "worker.py", "--burst", queue_name], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    v = version_of(app, version_id)
    assert v.status == "valid", v.report
    assert (assets / "themes" / v.folder / "theme.json").is_file()
    with app.app_context():  # running it again changes nothing
        assert enqueue is not None and store.validate_upload(version_id) == "valid"


# Review and the gallery ----------------------------------------------------------------------

def test_review_approves_into_the_gallery_and_rejections_need_a_comment(app, designer, admin,
                                                                        owner):
    first = uploaded(app, designer, good_zip())
    assert admin.get(f"/designer/review/{first}").status_code == 404  # not submitted yet
    assert designer.post(f"/designer/versions/{first}/submit").status_code == 303
    assert version_of(app, first).status == "in_review"
    assert f"/designer/review/{first}" in text_of(admin.get("/designer/review"))
    assert owner.get("/designer/review").status_code == 404

    r = admin.post(f"/designer/review/{first}", {"decision": "reject", "comment": "  "})
    assert r.status_code == 422 and "반려하려면 의견을 작성해야 합니다." in text_of(r)
    assert version_of(app, first).status == "in_review"  # nothing lost
    r = admin.post(f"/designer/review/{first}",
                   {"decision": "reject", "comment": "메뉴 글자가 너무 작아요."})
    assert r.status_code == 303
    v = version_of(app, first)
    assert v.status == "rejected" and v.review_comment == "메뉴 글자가 너무 작아요."
    assert "메뉴 글자가 너무 작아요." in text_of(designer.get(f"/designer/versions/{first}"))
    site_id = new_site(app, owner)
    assert 'data-theme="haneul"' not in text_of(owner.get(f"/sites/{site_id}/theme"))

    second = approved(app, designer, admin, good_zip("1.0.1"))
    gallery = text_of(owner.get(f"/sites/{site_id}/theme"))
    assert 'data-theme="haneul"' in gallery and "1.0.1" in gallery
    assert owner.get("/sites/themes/haneul/preview.png").status_code == 200
    assert second


def test_store_rules_slug_ownership_and_version_order(app, designer, admin):
    taken = uploaded(app, designer, zip_of(package_files(slug="clinic")))
    assert "WW-STORE-SLUG-TAKEN" in {e["code"] for e in version_of(app, taken).report["entries"]}
    approved(app, designer, admin, good_zip("1.2.0"))
    other = person(app, "copycat@example.com", "designer")
    stolen = uploaded(app, other, good_zip("9.0.0"))
    assert "WW-STORE-SLUG-TAKEN" in {e["code"] for e in version_of(app, stolen).report["entries"]}
    older = uploaded(app, designer, good_zip("1.1.9"))
    assert "WW-STORE-VERSION-OLDER" in {e["code"] for e in version_of(app, older).report["entries"]}
    same = uploaded(app, designer, good_zip("1.2.0"))
    assert "WW-STORE-VERSION-EXISTS" in {e["code"] for e in version_of(app, same).report["entries"]}
    assert all(version_of(app, v).status == "invalid" for v in (taken, stolen, older, same))


def test_owners_pin_a_version_and_choose_when_to_upgrade(app, designer, admin, owner):
    approved(app, designer, admin, good_zip("1.0.0"))
    site_id = new_site(app, owner)
    assert owner.post(f"/sites/{site_id}/theme", {"theme": "haneul"}).status_code == 303
    with app.app_context():
        site = db.session.get(Site, site_id)
        assert (site.theme_slug, site.theme_version) == ("haneul", "1.0.0")
    # Version 1.1.0 changes the primary colour.
    files = package_files(slug="haneul", name="하늘", version="1.1.0")
    manifest = json.loads(files["theme.json"])
    manifest["tokens"]["colors"]["primary"] = "#7a3e9d"
    files["theme.json"] = json.dumps(manifest).encode()
    approved(app, designer, admin, zip_of(files))

    page = text_of(owner.get(f"/sites/{site_id}/theme"))
    assert 'data-testid="theme-upgrade"' in page and "1.1.0" in page
    with app.app_context():  # still on the old version, which still renders as before
        site = db.session.get(Site, site_id)
        assert site.theme_version == "1.0.0"
        assert store.site_theme(site)["tokens"]["colors"]["primary"] == "#1d6a80"
    preview = text_of(owner.get(f"/sites/{site_id}/theme/haneul/preview"))
    assert "upgrade-theme" in preview
    framed = owner.client.get(re.search(r'<iframe[^>]+src="([^"]+)"', preview).group(1))
    assert "#7a3e9d" in text_of(framed)
    assert owner.post(f"/sites/{site_id}/theme/upgrade", {"version": "9.9.9"}).status_code == 422
    assert owner.post(f"/sites/{site_id}/theme/upgrade", {"version": "1.1.0"}).status_code == 303
    with app.app_context():
        site = db.session.get(Site, site_id)
        assert site.theme_version == "1.1.0"
        assert store.site_theme(site)["tokens"]["colors"]["primary"] == "#7a3e9d"
    assert 'data-testid="theme-upgrade"' not in text_of(owner.get(f"/sites/{site_id}/theme"))


# Round trip and rendering --------------------------------------------------------------------

def sample_snapshot(theme_slug: str, theme_folder: str = "") -> SiteSnapshot:
    tree = T.empty_tree()
    tree["slots"][T.ROOT_SLOT] = [T.make_node(t) for t in ("hero", "notice", "menu", "footer")]
    return SiteSnapshot(site_id=1, name="하늘 꽃집", slug="haneul", base_url="https://h.example",
                        pages=(PageSnapshot(id=1, path="/", title="홈", tree=tree,
                                            is_home=True),),
                        theme=theme_slug, theme_folder=theme_folder)


def test_round_trip_export_upload_validates_clean_and_renders_identically(app, designer):
    """A bundled theme exported as a zip and uploaded validates clean and publishes the same
    pages as the bundled original: the same elements, attributes and text as a parser reads
    them (the uploaded copy's output is re-serialised by the output allowlist, which writes
    e.g. <circle></circle> for <circle/>; nothing is removed)."""
    exported = export_zip(THEMES_ROOT / "portfolio")
    assert exported == export_zip(THEMES_ROOT / "portfolio")  # deterministic
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        files = {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(files["theme.json"])
    manifest["slug"] = "portfolio-copy"
    files["theme.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    version_id = uploaded(app, designer, zip_of(files, top="portfolio-copy"))
    v = version_of(app, version_id)
    assert v.status == "valid" and v.report["entries"] == [] and v.report["score"] == 100
    with app.app_context():
        folder = str(store_root() / v.folder)
    original = compile_site(sample_snapshot("portfolio"), lambda *a: b"")
    copy = compile_site(sample_snapshot("portfolio-copy", folder), lambda *a: b"")
    for page in ("index.html", "404.html"):
        assert html_tokens(original.files[page].decode()) == html_tokens(copy.files[page].decode())
        assert copy.files[page].decode().startswith('<!doctype html>\n<html lang="ko">\n<head>')


def theme_folder_with(tmp_path: Path, files: dict[str, bytes]) -> str:
    folder = tmp_path / "theme"
    for name, data in {**package_files(slug="haneul", version="1.0.0"), **files}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    load_theme_folder.cache_clear()
    return str(folder)


def test_component_overrides_come_first_then_the_block_then_a_placeholder(tmp_path):
    folder = theme_folder_with(tmp_path, {
        "components/notice.html": b'<aside class="haneul-notice">{{ props.message }}</aside>',
        # A runaway override: the renderer stops it and the block's own view stands in.
        "components/hero.html": b"{% for a in range(100000) %}{% for b in range(100000) %}"
                                b"xxxxxxxxxx{% endfor %}{% endfor %}",
    })
    tree = T.empty_tree()
    notice, hero = T.make_node("notice"), T.make_node("hero")
    unknown = {"id": "zz", "type": "no_such_block", "props": {}, "slots": {}}
    tree["slots"][T.ROOT_SLOT] = [notice, hero, unknown]
    html = str(Renderer(RenderContext(theme_folder=folder, locale="ko")).render_tree(tree))
    assert f'<aside class="haneul-notice">{notice["props"]["message"]}</aside>' in html
    assert 'class="b-hero' in html and "xxxxxxxxxx" not in html
    assert 'class="ww-unknown"' in html and "알 수 없는 블록: no_such_block" in html
    # Without the theme, the notice is the block's own view.
    plain = str(Renderer(RenderContext()).render_tree(tree))
    assert "haneul-notice" not in plain


def test_theme_fonts_are_published_with_the_site_and_served_to_the_editor(app, tmp_path):
    woff2 = b"wOF2" + bytes(60)
    css = (b'@font-face{font-family:"Haneul";src:url(fonts/haneul.woff2) format("woff2");'
           b"font-display:swap}\n") + package_files()["assets/base.css"]
    folder = theme_folder_with(tmp_path, {"assets/fonts/haneul.woff2": woff2,
                                          "assets/base.css": css})
    out = compile_site(sample_snapshot("haneul", folder), lambda *a: b"")
    assert out.files["_theme/haneul-1.0.0/assets/fonts/haneul.woff2"] == woff2
    assert 'url("/_theme/haneul-1.0.0/assets/fonts/haneul.woff2")' in \
        out.files["index.html"].decode()
    assert "font-src 'self'" in out.headers

    with app.app_context(), app.test_request_context():
        from app.editor.canvas import theme_css

        editor_css = theme_css(load_theme_folder(folder))
    assert 'url("/sites/themes/haneul/1.0.0/assets/fonts/haneul.woff2")' in editor_css


def test_a_pinned_site_publishes_with_its_version(app, designer, admin, owner):
    approved(app, designer, admin, good_zip("1.0.0"))
    site_id = new_site(app, owner)
    owner.post(f"/sites/{site_id}/theme", {"theme": "haneul"})
    with app.app_context():
        from app.publishing.snapshot import snapshot_site

        snap = snapshot_site(db.session.get(Site, site_id))
        assert snap.theme == "haneul" and snap.theme_folder.endswith(
            next(v.folder for v in db.session.scalars(select(ThemeVersion))
                 if v.status == "approved"))
        out = compile_site(replace(snap, assets={}), lambda *a: b"")
    assert "#1d6a80" in out.files["index.html"].decode()


def test_a_check_that_breaks_on_our_side_never_stays_checking(app, designer, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("app.theme_store.storage.unpack", broken)
    v = version_of(app, uploaded(app, designer, good_zip()))
    assert v.status == "invalid" and v.folder is None
    assert [e["code"] for e in v.report["entries"]] == ["WW-STORE-INTERNAL"]
    assert "WW-STORE-INTERNAL" in text_of(designer.get(f"/designer/versions/{v.id}"))


def test_an_uploaded_layout_that_runs_away_stops_the_build_instead_of_hanging(tmp_path):
    from app.theme_packages.sandbox import ThemeRenderError

    runaway = b"{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    folder = theme_folder_with(tmp_path, {"layout.html": runaway})
    with pytest.raises(ThemeRenderError) as caught:
        compile_site(sample_snapshot("haneul", folder), lambda *a: b"")
    assert caught.value.reason == "timeout"


def test_theme_names_show_in_each_persons_language(app, designer, admin, owner):
    names = SKY
    descriptions = {"ko": "맑은 하늘색 테마", "en": "A clear sky-blue theme",
                    "ja": "澄んだ空色のテーマ"}
    version_id = approved(app, designer, admin,
                          good_zip(name=names, description=descriptions))
    site_id = new_site(app, owner)
    for web in (owner, designer, admin):
        web.post("/language", {"locale": "en"})
    gallery = text_of(owner.get(f"/sites/{site_id}/theme"))
    assert "<h2>Sky</h2>" in gallery and "A clear sky-blue theme" in gallery
    assert "<h2>Calm Clinic</h2>" in gallery and "편안한 클리닉" not in gallery  # bundled too
    assert "Sky 1.0.0" in text_of(designer.get("/designer/"))
    assert "Sky" in text_of(admin.get(f"/designer/review/{version_id}"))
    owner.post("/language", {"locale": "ja"})
    gallery = text_of(owner.get(f"/sites/{site_id}/theme"))
    assert "<h2>そら</h2>" in gallery and "<h2>やすらぎクリニック</h2>" in gallery
    assert "そら" in text_of(owner.get(f"/sites/{site_id}/theme/haneul/preview"))
    with app.app_context():
        assert db.session.scalar(select(Theme.name).where(Theme.slug == "haneul")) == "하늘"


def test_a_theme_named_in_one_language_shows_that_name_everywhere(app, designer, admin,
                                                                   owner):
    approved(app, designer, admin, good_zip(name="하늘"))
    site_id = new_site(app, owner)
    owner.post("/language", {"locale": "en"})
    assert "<h2>하늘</h2>" in text_of(owner.get(f"/sites/{site_id}/theme"))
