"""Languages and trades in headless Chromium, acting like a person: the UI language switched
with the app's own switch, a site created with its language and business type chosen on the
form, blocks added from the palette.

- An English-speaking salon owner builds in English: the canvas frame names the block in
  English and the samples are a salon's, in English.
- A Japanese-speaking owner sees the themes' names in Japanese when creating a site.
- A Korean clinic owner's new hero has no button to a location the page does not have.

Run: .venv/bin/python -m pytest tests/test_editor_languages_browser.py -q
"""

from __future__ import annotations

import re

import pytest

from app.db import db
from app.models import Site
from tests.browser_support import DESKTOP, PHONE, sign_up_through_form, translated
from tests.test_editor_browser import add_block

pytestmark = pytest.mark.browser

HANGUL = re.compile(r"[\uac00-\ud7a3]")
CAFE_WORDS = re.compile(r"coffee|bakery|bread|café|cafe|croissant|latte|cake|커피|빵|카페", re.I)


def switch_language(page, locale: str) -> None:
    """Uses the language switch in the page footer, like a person would."""
    button = page.locator(f"form.langswitch button[name=locale][value={locale}]")
    button.scroll_into_view_if_needed()
    button.click()
    page.wait_for_function(f"() => document.documentElement.lang === '{locale}'")


def frame_label(page) -> str:
    """The name tag the canvas shows on the selected block (drawn by CSS)."""
    content = page.evaluate(
        "() => getComputedStyle(document.querySelector('.ed-block.is-selected'), '::before')"
        ".content")
    return content.strip('"')


def create_site(page, name: str, business_type_label: str) -> None:
    """Fills the dashboard's create form: name (typed), trade chip, blank start; submits."""
    form = page.locator("form#create-site")
    form.locator("input[name=name]").press_sequentially(name, delay=20)
    form.locator("label.chip", has_text=business_type_label).click()
    form.locator("input[name=starter][value=blank]").check(force=True)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sites/\d+$"))


def open_editor(page) -> None:
    page.get_by_test_id("open-editor").click()
    page.wait_for_url(re.compile(r"/editor/pages/\d+$"))
    page.wait_for_selector("#canvas-root")
    page.wait_for_load_state("load")


def site_of(app, page) -> Site:
    site_id = int(re.search(r"/sites/(\d+)", page.url).group(1))
    with app.app_context():
        site = db.session.get(Site, site_id)
        db.session.expunge(site)
        return site


def test_an_english_speaking_salon_owner_builds_in_english(app, browser_factory):
    from playwright.sync_api import expect

    b = browser_factory(DESKTOP, "languages-salon-en")
    page = b.page
    sign_up_through_form(page, "salon@example.com", "Kim")
    switch_language(page, "en")
    form = page.locator("form#create-site")
    # The site's language follows the UI language unless the owner picks another.
    expect(form.locator("input[name=locale][value=en]")).to_be_checked()
    expect(form.locator("input[name=business_type][value=other]")).to_be_checked()
    b.shot("new-site-form")
    create_site(page, "Blue Door Hair", "Beauty salon")
    site = site_of(app, page)
    assert site.locale == "en" and site.profile["business_type"] == "beauty"
    open_editor(page)

    # --- a hero from the palette (the palette speaks English) --------------------------------
    page.get_by_test_id("add-block").click()
    expect(page.get_by_test_id("palette-hero")).to_contain_text("Hero")
    page.keyboard.press("Escape")
    add_block(page, "hero", below=False)
    assert frame_label(page) == "Hero"
    hero = page.locator(".ed-block.is-selected .b-hero")
    expect(hero.locator(".b-hero__title")).to_have_text("Hair that's easy to live with")
    expect(page.locator("#panel h2").first).to_have_text("Hero")

    # --- a price list: a salon's, in English, short, priced in won the English way ---------
    add_block(page, "menu")
    assert frame_label(page) == "Menu"
    menu = page.locator(".ed-block.is-selected .b-menu")
    expect(menu).to_contain_text("Women's cut")
    expect(menu).to_contain_text("₩25,000")
    assert menu.locator("li").count() == 4  # two short categories, not a whole menu

    canvas = page.locator("#canvas-root").inner_text()
    assert not HANGUL.search(canvas), HANGUL.findall(canvas)[:10]
    assert not CAFE_WORDS.search(canvas), CAFE_WORDS.findall(canvas)
    assert "원" not in canvas
    # The hero's "Book an appointment" had nowhere to go; "See prices" had no menu yet.
    expect(page.locator(".b-hero__actions a")).to_have_count(0)
    b.shot("salon-in-english")

    # A second hero, now that the menu is on the page: its button goes to the menu.
    add_block(page, "hero")
    buttons = page.locator(".ed-block.is-selected .b-hero__actions a")
    expect(buttons).to_have_count(1)
    expect(buttons).to_have_text("See prices")
    expect(buttons).to_have_attribute("href", "#menu")
    expect(page.locator("#canvas-root #menu")).to_have_count(1)
    assert b.errors == [], "\n".join(b.errors)


def test_a_japanese_speaking_owner_sees_theme_names_in_japanese(app, browser_factory):
    from playwright.sync_api import expect

    b = browser_factory(DESKTOP, "languages-themes-ja")
    page = b.page
    sign_up_through_form(page, "tokyo@example.com", "Sato")
    switch_language(page, "ja")
    page.goto("/sites/new")
    starters = page.locator("form#create-site .starter-gallery")
    for name in ("やすらぎクリニック", "モダンショップ", "エディトリアル・ポートフォリオ"):
        expect(starters).to_contain_text(name)
    for korean in ("편안한 클리닉", "모던 숍", "에디토리얼 포트폴리오"):
        expect(starters).not_to_contain_text(korean)
    expect(starters).to_contain_text("商品が主役になる")  # the description too
    expect(page.locator("form#create-site input[name=locale][value=ja]")).to_be_checked()
    b.shot("new-site-ja")

    # Created in Japanese: the theme page names the themes in Japanese as well.
    form = page.locator("form#create-site")
    form.locator("input[name=name]").press_sequentially("そら歯科", delay=20)
    form.locator("label.chip", has_text=translated(app, "Clinic / health", "ja")).click()
    form.locator("input[name=starter][value=clinic]").check(force=True)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sites/\d+$"))
    site = site_of(app, page)
    assert site.locale == "ja" and site.theme_slug == "clinic"
    page.goto(f"/sites/{site.id}/theme")
    expect(page.locator("[data-theme=clinic] h2")).to_have_text("やすらぎクリニック")
    expect(page.locator("[data-theme=default] h2")).to_have_text("WindWalker ベーシック")
    b.shot("theme-page-ja")
    assert b.errors == [], "\n".join(b.errors)


def test_a_korean_clinics_new_hero_has_no_button_to_a_missing_location(app, browser_factory):
    from playwright.sync_api import expect

    b = browser_factory(PHONE, "languages-clinic-ko")
    page = b.page
    sign_up_through_form(page, "clinic@example.com", "강원장")
    b.shot("new-site-form-phone")
    create_site(page, "하늘내과의원", translated(app, "Clinic / health", "ko"))
    site = site_of(app, page)
    assert site.locale == "ko" and site.profile["business_type"] == "clinic"
    open_editor(page)

    add_block(page, "hero", below=False)
    assert frame_label(page) == "대표 배너"
    hero = page.locator(".ed-block.is-selected .b-hero")
    expect(hero.locator(".b-hero__title")).to_have_text("가까이에서 오래 만나는 동네 의원")
    expect(hero.locator("a[href='#location']")).to_have_count(0)
    expect(hero.locator(".b-hero__actions a")).to_have_count(0)
    b.shot("clinic-hero-blank-page")

    # Once the page has a location block, a new hero's "오시는 길" leads to it.
    add_block(page, "location")
    add_block(page, "hero")
    button = page.locator(".ed-block.is-selected .b-hero__actions a")
    expect(button).to_have_count(1)
    expect(button).to_have_text("오시는 길")
    expect(button).to_have_attribute("href", "#location")
    expect(page.locator("#canvas-root #location")).to_have_count(1)
    b.shot("clinic-hero-with-location")
    assert b.errors == [], "\n".join(b.errors)
