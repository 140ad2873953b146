"""Plan limits where they matter: a clear, translated refusal with the way to upgrade, and
nothing lost or half-made."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import func, select, update

from app.billing import subscriptions
from app.billing.limits import LimitReached, check_limit, require
from app.db import db, utcnow
from app.models import Asset, Page, Site, User
from tests.conftest import text_of

PAST_TRIAL = utcnow() - timedelta(days=30)


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(ASSET_DIR=str(tmp_path / "assets"))


@pytest.fixture
def free_owner(owner, app):
    """The signed-up owner, past the sign-up trial: on the Free plan."""
    with app.app_context():
        db.session.execute(update(User).values(created_at=PAST_TRIAL))
        db.session.commit()
    return owner


def _site_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Site.id)))


def _make_site(web, name="첫 가게") -> int:
    r = web.post("/sites/", {"name": name})
    assert r.status_code == 303, text_of(r)
    return int(re.search(r"/sites/(\d+)", r.location).group(1))


def test_free_allows_one_site_and_says_how_to_get_more(app, free_owner):
    _make_site(free_owner)
    r = free_owner.post("/sites/", {"name": "두 번째 가게"})
    assert r.status_code == 422
    body = text_of(r)
    assert "무료 요금제는 사이트 1개까지" in body and "업그레이드" in body
    assert _site_count(app) == 1


def test_the_trial_allows_what_pro_allows(app, owner):
    for n in range(3):
        _make_site(owner, f"가게 {n}")
    assert _site_count(app) == 3


def test_upgrading_lifts_the_limit_and_nothing_was_lost(app, free_owner):
    _make_site(free_owner)
    assert free_owner.post("/sites/", {"name": "두 번째 가게"}).status_code == 422
    r = free_owner.post("/billing/plan", {"plan": "starter"})
    assert r.status_code == 303
    _make_site(free_owner, "두 번째 가게")
    assert _site_count(app) == 2


def test_pages_per_site_follow_the_owners_plan(app, free_owner):
    site_id = _make_site(free_owner)
    from app.editor.pages import add_page

    with app.app_context():
        site = db.session.get(Site, site_id)
        for n in range(9):
            add_page(site, f"페이지 {n}")
        db.session.commit()
        page_id = site.pages[0].id
    r = free_owner.post(f"/sites/{site_id}/editor/pages/{page_id}/pages", {"title": "열한 번째"},
                        htmx=True)
    assert r.status_code == 422
    assert "사이트당 페이지 10개" in text_of(r)
    with app.app_context():
        assert db.session.scalar(select(func.count(Page.id))
                                 .where(Page.site_id == site_id)) == 10


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()


def test_uploads_past_the_storage_limit_are_refused_before_anything_is_written(
        app, free_owner, tmp_path):
    site_id = _make_site(free_owner)
    with app.app_context():
        db.session.add(Asset(site_id=site_id, hash="a" * 64, mime="image/jpeg", width=10,
                             height=10, size=100 * 1024 * 1024 - 10, alt="", original_name="x",
                             variants={}))
        db.session.commit()
    r = free_owner.post(f"/sites/{site_id}/assets", {"file": (io.BytesIO(_png()), "빨강.png"),
                                                     "alt": ""},
                        content_type="multipart/form-data")
    assert r.status_code == 422
    assert "사진 저장 공간 100 MB" in text_of(r)
    with app.app_context():
        assert db.session.scalar(select(func.count(Asset.id))) == 1
    assert not (tmp_path / "assets").exists() or not any((tmp_path / "assets").rglob("*.png"))


def test_publish_providers_follow_the_plan(app, free_owner):
    site_id = _make_site(free_owner)
    url = f"/sites/{site_id}/publish/settings"
    r = free_owner.post(url, {"provider": "vercel", "project": "baramgil",
                              "token": "v" * 30})
    assert r.status_code == 422
    assert "이 서비스에 게시할 수 없습니다" in text_of(r)
    assert free_owner.post(url, {"provider": "local"}).status_code == 303


def test_future_features_use_the_same_api(app, make_user):
    uid = make_user(days_old=30)
    with app.app_context():
        user = db.session.get(User, uid)
        assert check_limit(user, "ai_credits", used=29).ok
        assert not check_limit(user, "custom_domains", used=0).ok  # Free has none
        with pytest.raises(LimitReached) as exc:
            require(user, "dev_workspaces", used=0)
        assert exc.value.limit == "dev_workspaces"
        with pytest.raises(KeyError):
            check_limit(user, "teleporters", used=0)
        subscriptions.change_plan(user, "pro")
        assert require(user, "dev_workspaces", used=0).allowed == 1
