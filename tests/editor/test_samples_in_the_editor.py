"""A block added in the editor arrives with sample content for the site's trade and language,
and its buttons go only where the site has something: the site's language and business type
are chosen when the site is created.

Run: .venv/bin/python -m pytest tests/editor/test_samples_in_the_editor.py -q
"""

from __future__ import annotations

import re

from sqlalchemy import select

from app.db import db
from app.editor.samples import build_context, profile_links
from app.models import Page, Site
from tests.conftest import text_of
from tests.editor.conftest import EditorClient


def new_site(owner, app, name: str = "우리 가게", **form) -> EditorClient:
    r = owner.post("/sites/", {"name": name, "starter": "blank", **form})
    assert r.status_code == 303, text_of(r)[:500]
    site_id = int(re.search(r"/sites/(\d+)", r.location).group(1))
    with app.app_context():
        page_id = db.session.scalar(select(Page.id).where(Page.site_id == site_id))
    return EditorClient(owner, app, site_id, page_id)


def block(editor: EditorClient, type_name: str) -> dict:
    return [b for b in editor.blocks() if b["type"] == type_name][-1]


def add_page(editor: EditorClient, title: str) -> EditorClient:
    editor.web.post(f"{editor.base}/pages", {"title": title}, htmx=True)
    with editor.app.app_context():
        page_id = db.session.scalar(select(Page.id).where(
            Page.site_id == editor.site_id, Page.title == title))
    return EditorClient(editor.web, editor.app, editor.site_id, page_id)


# --- the context ------------------------------------------------------------------------------

def test_links_come_from_anchors_here_then_other_pages_then_the_profile():
    here = {"id": "root", "type": "page", "props": {}, "slots": {"children": [
        {"id": "b1", "type": "section", "props": {"anchor": "visit"}, "slots": {"children": [
            {"id": "b2", "type": "location", "props": {"anchor": "visit"}, "slots": {}}]}},
        {"id": "b3", "type": "menu", "props": {"anchor": ""}, "slots": {}}]}}
    other = {"id": "root", "type": "page", "props": {}, "slots": {"children": [
        {"id": "b4", "type": "menu", "props": {"anchor": "menu"}, "slots": {}},
        {"id": "b5", "type": "reservation_form", "props": {}, "slots": {}}]}}
    ctx = build_context("beauty", "ja", here, [(7, other)],
                        {"phone": "02-336-1234", "instagram": "our.salon"})
    assert (ctx.business_type, ctx.locale) == ("beauty", "ja")
    assert ctx.links["section"] == "#visit"  # the first block carrying the anchor
    assert ctx.links["menu"] == "page:7"  # no anchor here: the page that has one
    assert ctx.links["reservation_form"] == "page:7"
    assert ctx.links["phone"] == "tel:02-336-1234"
    assert ctx.links["instagram"] == "https://www.instagram.com/our.salon/"
    assert "kakao" not in ctx.links and "location" not in ctx.links
    assert ctx.anchors == frozenset({"visit"})


def test_an_unknown_trade_or_language_falls_back_to_generic_korean():
    ctx = build_context("casino", "fr", {"slots": {"children": []}})
    assert (ctx.business_type, ctx.locale, dict(ctx.links)) == ("other", "ko", {})


def test_only_real_profile_contacts_become_links():
    assert profile_links({}) == {}
    assert profile_links({"phone": "(02) 336.1234", "kakao_channel_url": "javascript:x",
                          "instagram": "bad handle!"}) == {"phone": "tel:023361234"}


# --- creating a site --------------------------------------------------------------------------

def test_a_site_is_created_in_the_chosen_language_and_trade(owner, app):
    editor = new_site(owner, app, "Blue Door Hair", locale="en", business_type="beauty")
    with app.app_context():
        site = db.session.get(Site, editor.site_id)
        assert site.locale == "en" and site.profile["business_type"] == "beauty"
        assert db.session.get(Page, editor.page_id).title == "Home"


def test_the_site_language_defaults_to_the_owners_language(owner, app):
    owner.post("/language", {"locale": "ja"})
    editor = new_site(owner, app, "青い扉")
    with app.app_context():
        site = db.session.get(Site, editor.site_id)
        assert site.locale == "ja" and site.profile["business_type"] == "other"


def test_an_unknown_language_or_trade_is_refused_with_a_message(owner, app):
    r = owner.post("/sites/", {"name": "가게", "locale": "fr"}, htmx=True)
    assert r.status_code == 422 and "보이는 언어 중에서 골라 주세요." in text_of(r)
    r = owner.post("/sites/", {"name": "가게", "business_type": "casino"}, htmx=True)
    assert r.status_code == 422 and "업종" in text_of(r)
    with app.app_context():
        assert db.session.scalar(select(Site.id)) is None


def test_the_new_site_form_offers_trades_and_languages_with_the_ui_language_chosen(owner):
    page = text_of(owner.get("/sites/new"))
    assert 'name="business_type" value="academy"' in page
    assert re.search(r'value="ko" lang="ko" checked', page)  # the Korean UI's language
    assert 'name="business_type" value="other" checked' in page


def test_the_cafe_sample_is_written_in_the_sites_language_with_working_buttons(owner, app):
    r = owner.post("/sites/", {"name": "Morning Loaf", "starter": "cafe", "locale": "en"})
    site_id = int(re.search(r"/sites/(\d+)", r.location).group(1))
    with app.app_context():
        site = db.session.get(Site, site_id)
        assert site.profile["business_type"] == "cafe"
        pages = {p.path: p for p in site.pages}
        assert [pages[p].title for p in ("/", "/menu", "/location")] == ["Home", "Menu",
                                                                          "Find us"]
        home = pages["/"].draft_tree["slots"]["children"]
        hero = next(b for b in home if b["type"] == "hero")
        assert hero["props"]["title"] == "Bread baked fresh every morning"
        assert [b["link"] for b in hero["props"]["buttons"]] == ["#menu", "#location"]
        # The menu page's own menu keeps its anchor (its first round made it, not another).
        menu_page = pages["/menu"].draft_tree["slots"]["children"]
        assert next(b for b in menu_page if b["type"] == "menu")["props"]["anchor"] == "menu"


# --- adding blocks ----------------------------------------------------------------------------

def test_a_salon_in_english_gets_an_english_salon_menu_and_hero(owner, app):
    editor = new_site(owner, app, "Blue Door Hair", locale="en", business_type="beauty")
    editor.insert("menu")
    menu = block(editor, "menu")["props"]
    assert menu["heading"] == "Prices" and menu["anchor"] == "menu"
    assert [c["name"] for c in menu["categories"]] == ["Cuts", "Perms and colour"]
    editor.insert("hero")
    hero = block(editor, "hero")["props"]
    # "Book an appointment" has nowhere to go yet; "See prices" goes to the menu above.
    assert hero["buttons"] == [{"label": "See prices", "link": "#menu", "style": "primary"}]


def test_a_clinics_new_hero_has_no_button_to_a_location_the_page_lacks(owner, app):
    editor = new_site(owner, app, "하늘내과의원", business_type="clinic")
    editor.insert("hero")
    assert block(editor, "hero")["props"]["buttons"] == []
    editor.insert("location")
    editor.insert("hero")
    assert block(editor, "hero")["props"]["buttons"] == [
        {"label": "오시는 길", "link": "#location", "style": "primary"}]


def test_a_button_leads_to_the_page_holding_the_target(owner, app):
    editor = new_site(owner, app, "하늘내과의원", business_type="clinic")
    booking = add_page(editor, "진료 예약")
    booking.insert("reservation_form")
    editor.insert("hero")
    assert [b["link"] for b in block(editor, "hero")["props"]["buttons"]] == [
        f"page:{booking.page_id}"]
    editor.insert("cta")
    assert block(editor, "cta")["props"]["button_link"] == f"page:{booking.page_id}"


def test_the_profiles_phone_makes_the_call_buttons_work(owner, app):
    editor = new_site(owner, app, "바람길 카페", business_type="cafe")
    owner.post(f"/sites/{editor.site_id}/settings", {
        "business_name": "바람길 카페", "business_type": "cafe", "phone": "02-336-1234"})
    editor.insert("products")
    assert {p["button_link"] for p in block(editor, "products")["props"]["items"]} == {
        "tel:02-336-1234"}


def test_a_second_menu_does_not_take_the_first_ones_anchor(owner, app):
    editor = new_site(owner, app, "바람길 카페", business_type="cafe")
    editor.insert("menu")
    editor.insert("menu")
    assert [b["props"]["anchor"] for b in editor.blocks()] == ["menu", ""]
