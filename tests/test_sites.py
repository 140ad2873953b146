"""The sites dashboard: create, rename, delete/restore, business profile, pages, isolation."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.db import db
from app.models import Page, Site, SiteMember
from app.sites.operations import purge_deleted_sites
from app.sites.profile import business_number_is_valid
from app.sites.slugs import slugify
from tests.conftest import Web, text_of

VALID_BRN = "220-81-62517"


def site_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Site))


def create(web: Web, name: str, slug: str = "", htmx: bool = False):
    return web.post("/sites/", {"name": name, "slug": slug}, htmx=htmx)


def site_id_from(response) -> int:
    location = response.headers.get("HX-Redirect") or response.location
    return int(re.search(r"/sites/(\d+)", location).group(1))


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("행복한 빵집", "haengbokhan-ppangjip"),
        ("바람길 카페", "baramgil-kape"),
        ("Café Olé!", "cafe-ole"),
        ("김밥천국 2호점", "gimbapcheonguk-2hojeom"),
        ("!!!", "site"),
    ],
)
def test_slugs_are_readable_ascii_even_for_korean_names(name, slug):
    assert slugify(name) == slug


def test_business_number_checksum():
    assert business_number_is_valid(VALID_BRN)
    assert business_number_is_valid("2208162517")
    assert not business_number_is_valid("220-81-62518")  # last digit off by one
    assert not business_number_is_valid("123-45-67890")
    assert business_number_is_valid("123-45-67891")  # the check digit works out here
    assert not business_number_is_valid("123-45-6789")  # nine digits
    assert not business_number_is_valid("220-81-6251a")


def test_create_site_with_a_korean_name_starts_with_a_home_page(owner, app):
    r = create(owner, "행복한 빵집")
    assert r.status_code == 303
    page = owner.get(r.location)
    assert "행복한 빵집" in text_of(page) and "haengbokhan-ppangjip" in text_of(page)
    with app.app_context():
        site = db.session.scalar(select(Site))
        assert site.slug == "haengbokhan-ppangjip"
        [home] = site.pages
        assert (home.path, home.is_home, home.seq) == ("/", True, 0)
        assert home.draft_tree == {
            "id": "root",
            "type": "page",
            "props": {},
            "slots": {"children": []},
        }
        [member] = site.members
        assert member.role == "owner" and member.user.email == "owner@example.com"


def test_same_name_twice_gets_a_unique_address(owner, app):
    create(owner, "행복한 빵집")
    create(owner, "행복한 빵집")
    with app.app_context():
        assert sorted(db.session.scalars(select(Site.slug))) == [
            "haengbokhan-ppangjip",
            "haengbokhan-ppangjip-2",
        ]


def test_explicit_address_that_is_taken_is_refused(owner, other_web, app):
    create(owner, "첫 가게", slug="my-shop")
    other_web.signup(email="second@example.com")
    r = create(other_web, "두 번째 가게", slug="my-shop")
    assert r.status_code == 422 and "이미 사용 중" in text_of(r)
    with app.app_context():
        assert site_count() == 1


@pytest.mark.parametrize("slug", ["Admin", "admin", "bad slug", "-dash", "a--b", "x" * 41])
def test_invalid_addresses_are_refused(owner, app, slug):
    r = create(owner, "가게", slug=slug)
    assert r.status_code == 422
    with app.app_context():
        assert site_count() == 0


def test_site_name_must_be_given_and_not_too_long(owner, app):
    r = create(owner, "   ")
    assert r.status_code == 422 and "사이트 이름을 입력해 주세요" in text_of(r)
    r = create(owner, "가" * 61)
    assert r.status_code == 422 and "60자 이하" in text_of(r)
    with app.app_context():
        assert site_count() == 0


def test_create_over_htmx_redirects_with_a_header_and_errors_come_as_a_fragment(owner):
    ok = create(owner, "htmx 가게", htmx=True)
    assert ok.status_code == 204 and ok.headers["HX-Redirect"].startswith("/sites/")
    bad = create(owner, "", htmx=True)
    assert bad.status_code == 422
    assert "<html" not in text_of(bad) and 'id="create-site"' in text_of(bad)
    full = create(owner, "")
    assert full.status_code == 422 and "<html" in text_of(full)
    assert full.headers["Vary"] and "HX-Request" in full.headers["Vary"]


def test_new_site_form_is_a_page_or_a_fragment(owner):
    assert "<html" in text_of(owner.get("/sites/new"))
    fragment = text_of(owner.get("/sites/new", htmx=True))
    assert "<html" not in fragment and 'id="create-site"' in fragment


def test_rename_in_place_over_htmx(owner, app):
    site_id = site_id_from(create(owner, "옛 이름"))
    form = owner.get(f"/sites/{site_id}/name", htmx=True)
    assert "<html" not in text_of(form) and 'name="name"' in text_of(form)
    r = owner.post(f"/sites/{site_id}/name", {"name": "새 이름"}, htmx=True)
    assert r.status_code == 200 and "<html" not in text_of(r) and "새 이름" in text_of(r)
    bad = owner.post(f"/sites/{site_id}/name", {"name": ""}, htmx=True)
    assert bad.status_code == 422 and "사이트 이름을 입력해 주세요" in text_of(bad)
    full = owner.post(f"/sites/{site_id}/name", {"name": "세 번째 이름"})
    assert full.status_code == 200 and "<html" in text_of(full)
    with app.app_context():
        assert db.session.get(Site, site_id).name == "세 번째 이름"


def test_delete_moves_to_the_bin_and_restore_brings_it_back(owner, app):
    site_id = site_id_from(create(owner, "지울 가게"))
    assert "지울 가게" in text_of(owner.get(f"/sites/{site_id}/delete"))
    r = owner.post(f"/sites/{site_id}/delete")
    assert r.status_code == 303
    listing = text_of(owner.get("/sites/"))
    assert "휴지통" in listing and "30일" in listing
    assert owner.get(f"/sites/{site_id}").status_code == 404
    r = owner.post(f"/sites/{site_id}/restore")
    assert r.status_code == 303
    assert owner.get(f"/sites/{site_id}").status_code == 200


def test_sites_deleted_over_30_days_ago_cannot_be_restored_and_are_purged(owner, app):
    site_id = site_id_from(create(owner, "오래된 가게"))
    owner.post(f"/sites/{site_id}/delete")
    with app.app_context():
        site = db.session.get(Site, site_id)
        site.deleted_at -= timedelta(days=31)
        db.session.commit()
    r = owner.post(f"/sites/{site_id}/restore")
    assert r.status_code == 303
    assert owner.get(f"/sites/{site_id}").status_code == 404
    with app.app_context():
        assert purge_deleted_sites() == 1
        db.session.commit()
        assert site_count() == 0
        assert db.session.scalar(select(func.count()).select_from(Page)) == 0


def profile_form(**overrides) -> dict[str, str]:
    form = {
        "business_name": "행복한 빵집",
        "business_type": "cafe",
        "representative": "김행복",
        "business_number": "2208162517",
        "mail_order_number": "제2024-서울마포-01234호",
        "address": "서울특별시 마포구 와우산로 94",
        "address_detail": "1층",
        "phone": "02-336-1234",
        "email": "hello@bakery.kr",
        "kakao_channel_url": "https://pf.kakao.com/_abcde",
        "naver_map_url": "https://naver.me/xyz",
        "kakao_map_url": "https://kko.to/abc",
        "instagram": "https://www.instagram.com/happy.bakery/",
        "hours_note": "명절 당일 휴무",
        "hours_mon_open": "09:00",
        "hours_mon_close": "21:00",
        "hours_mon_break_start": "15:00",
        "hours_mon_break_end": "16:00",
        "hours_sun_closed": "on",
    }
    form.update(overrides)
    return form


def test_business_profile_is_validated_and_saved(owner, app):
    site_id = site_id_from(create(owner, "행복한 빵집"))
    r = owner.post(f"/sites/{site_id}/settings", profile_form())
    assert r.status_code == 303
    with app.app_context():
        profile = db.session.get(Site, site_id).profile
    assert profile["business_number"] == "220-81-62517"  # normalised
    assert profile["instagram"] == "happy.bakery"
    assert profile["opening_hours"]["mon"] == {
        "closed": False,
        "open": "09:00",
        "close": "21:00",
        "break_start": "15:00",
        "break_end": "16:00",
    }
    assert profile["opening_hours"]["sun"]["closed"] is True
    page = text_of(owner.get(f"/sites/{site_id}/settings"))
    assert "220-81-62517" in page and "제2024-서울마포-01234호" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("business_number", "123-45-67890", "사업자등록번호가 올바르지 않습니다"),
        ("phone", "12345", None),
        ("email", "not-an-email", "올바른 이메일"),
        ("kakao_channel_url", "https://evil.example/_abc", None),
        ("naver_map_url", "https://maps.example.com/", None),
        ("hours_mon_open", "25:00", None),
        ("hours_tue_open", "09:00", None),  # opening without closing time
        ("representative", "가" * 51, "50자 이하"),
        ("business_type", "casino", None),
    ],
)
def test_invalid_business_details_are_refused_and_nothing_is_saved(
    owner, app, field, value, message
):
    site_id = site_id_from(create(owner, "행복한 빵집"))
    owner.post(f"/sites/{site_id}/settings", profile_form())
    with app.app_context():
        before = db.session.get(Site, site_id).profile
    r = owner.post(
        f"/sites/{site_id}/settings",
        profile_form(**{field: value, "business_name": "바뀐 이름"}),
        htmx=True,
    )
    assert r.status_code == 422
    body = text_of(r)
    assert "<html" not in body and 'class="error"' in body
    if message:
        assert message in body
    assert value in body or field.startswith("hours") or field == "business_type"  # kept
    with app.app_context():
        assert db.session.get(Site, site_id).profile == before


def test_page_settings_edit_title_address_and_seo(owner, app):
    site_id = site_id_from(create(owner, "가게"))
    with app.app_context():
        home = db.session.scalar(select(Page))
        extra = Page(
            site_id=site_id,
            path="/menu",
            title="메뉴",
            position=1,
            draft_tree={"id": "root", "type": "page", "props": {}, "slots": {"children": []}},
        )
        db.session.add(extra)
        db.session.commit()
        home_id, extra_id = home.id, extra.id
    r = owner.post(
        f"/sites/{site_id}/pages/{home_id}",
        {
            "title": "처음",
            "path": "/elsewhere",
            "seo_title": "가게 — 처음",
            "seo_description": "맛있는 빵",
        },
    )
    assert r.status_code == 303
    bad = owner.post(
        f"/sites/{site_id}/pages/{extra_id}",
        {"title": "메뉴", "path": "/", "seo_title": "", "seo_description": ""},
        htmx=True,
    )
    assert bad.status_code == 422 and "<html" not in text_of(bad)
    bad = owner.post(
        f"/sites/{site_id}/pages/{extra_id}",
        {"title": "", "path": "/Bad Path", "seo_title": "", "seo_description": "x" * 301},
    )
    assert bad.status_code == 422
    with app.app_context():
        home, extra = db.session.get(Page, home_id), db.session.get(Page, extra_id)
        assert (home.title, home.path, home.seo_description) == ("처음", "/", "맛있는 빵")
        assert (extra.title, extra.path) == ("메뉴", "/menu")


def test_another_tenants_site_is_404_on_every_site_route(owner, other_web, app):
    site_id = site_id_from(create(owner, "내 가게"))
    with app.app_context():
        page_id = db.session.scalar(select(Page.id))
    other_web.signup(email="intruder@example.com")
    rules = [r for r in app.url_map.iter_rules() if "site_id" in r.arguments]
    assert len(rules) >= 8
    checked = 0
    for rule in rules:
        url = rule.build({"site_id": site_id, "page_id": page_id, "block_id": "b0000000000",
                          "prop": "title", "asset_id": 1, "digest": "0" * 64, "width": 480,
                          "ext": "webp", "other_id": page_id, "action": "delete",
                          "revision_id": 1, "deployment_id": 1,
                          "submission_id": 1, "slug": "shop", "session_id": 1})[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method == "GET":
                r = other_web.get(url)
            else:
                r = other_web.post(url, {"name": "hijacked", "title": "hijacked"})
            assert r.status_code == 404, (method, url)
            checked += 1
    assert checked >= 10
    with app.app_context():
        site = db.session.get(Site, site_id)
        assert site.name == "내 가게" and site.deleted_at is None
        assert db.session.get(Page, page_id).title != "hijacked"
        assert db.session.scalar(select(func.count()).select_from(SiteMember)) == 1


def test_dashboard_lists_only_my_sites(owner, other_web):
    create(owner, "내 가게")
    other_web.signup(email="other@example.com")
    create(other_web, "남의 가게")
    mine = text_of(owner.get("/sites/"))
    assert "내 가게" in mine and "남의 가게" not in mine


def test_dashboard_needs_login(web):
    r = web.get("/sites/")
    assert r.status_code == 302 and "/login" in r.location


@pytest.mark.parametrize("starter", ["cafe", "shop", "clinic", "portfolio"])
def test_a_new_site_can_start_from_a_starter(owner, app, starter):
    r = owner.post("/sites/", {"name": "스타터 가게", "starter": starter})
    assert r.status_code == 303
    with app.app_context():
        site = db.session.scalar(select(Site))
        pages = sorted(site.pages, key=lambda p: p.position)
        assert len(pages) == 3 and pages[0].is_home
        assert all(p.draft_tree["slots"]["children"] for p in pages)
        assert site.theme_slug == (None if starter == "cafe" else starter)


def test_an_unknown_starter_is_refused(owner, app):
    r = owner.post("/sites/", {"name": "가게", "starter": "../../etc"})
    assert r.status_code == 422
    with app.app_context():
        assert site_count() == 0


def test_theme_previews_are_served_only_for_bundled_themes(web):
    assert web.get("/sites/themes/shop/preview.png").status_code == 200
    assert web.get("/sites/themes/..%2Fdefault/preview.png").status_code == 404


def test_switching_theme_keeps_the_content_and_previews_first(owner, app):
    site_id = site_id_from(create(owner, "테마 가게"))
    with app.app_context():
        before = [p.draft_tree for p in db.session.get(Site, site_id).pages]
    preview = owner.get(f"/sites/{site_id}/theme/clinic/preview")
    assert preview.status_code == 200
    # The preview is framed from the sites origin, never served by the editor's own origin.
    url = re.search(r'<iframe[^>]+src="([^"]+)"', text_of(preview)).group(1)
    assert ".sites.localhost" in url and "theme-previews" in url
    framed = owner.client.get(url)
    assert framed.status_code == 200 and "#1d6a80" in text_of(framed)  # clinic's primary
    assert "테마 가게" in text_of(framed)  # the owner's own site, not sample content
    with app.app_context():
        assert db.session.get(Site, site_id).theme_slug is None  # a preview changes nothing
    r = owner.post(f"/sites/{site_id}/theme", {"theme": "clinic"})
    assert r.status_code == 303
    with app.app_context():
        site = db.session.get(Site, site_id)
        assert site.theme_slug == "clinic" and [p.draft_tree for p in site.pages] == before
    assert 'data-theme="clinic"' in text_of(owner.get(f"/sites/{site_id}/theme"))


def test_an_unknown_theme_is_refused(owner, app):
    site_id = site_id_from(create(owner, "테마 가게"))
    r = owner.post(f"/sites/{site_id}/theme", {"theme": "../default"})
    assert r.status_code == 422
    assert owner.get(f"/sites/{site_id}/theme/nope/preview").status_code == 404
    with app.app_context():
        assert db.session.get(Site, site_id).theme_slug is None
