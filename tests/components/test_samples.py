"""The sample content every new block arrives with: one per business type and site language,
valid, in the site's language, short lists, and never a link or a contact that does not exist.

Run: .venv/bin/python -m pytest tests/components/test_samples.py -q
"""

from __future__ import annotations

import re
from typing import Any

import pytest

import components
from components import (
    BUSINESS_TYPES,
    SAMPLE_LOCALES,
    LinkTo,
    SampleContext,
    anchor_if_free,
    button_to,
    link_to,
    pick_sample,
)
from components._types import _LINK_RE

WITH_SAMPLES = sorted(t for t, c in components.registry().items() if c.samples)
# Blocks whose words do not depend on the trade (the address, the networks …) declare only the
# generic sample; every other block speaks each trade's language.
TRADE_NEUTRAL = {"location", "social_links"}
EVERY_CASE = [(t, b, loc) for t in WITH_SAMPLES for b in BUSINESS_TYPES for loc in SAMPLE_LOCALES]
# Every link target a real site could offer, so each sample link resolves to something.
ALL_LINKS = {
    "menu": "#menu", "location": "#location", "products": "page:2", "gallery": "page:3",
    "contact_form": "page:4", "reservation_form": "page:5", "phone": "tel:02-336-1234",
    "instagram": "https://www.instagram.com/our.shop/", "kakao": "https://pf.kakao.com/_ours",
}
# The block's main list and how long it may be when it arrives.
MAIN_LISTS = {"menu": "categories", "products": "items", "team": "items",
              "testimonials": "items", "faq": "items", "gallery": "items",
              "social_links": "items", "contact_form": "fields"}
HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA = re.compile(r"[\u3040-\u30ff]")
CAFE_WORDS = re.compile(r"커피|빵|카페|라테|케이크|coffee|bakery|bread|café|cafe|croissant|"
                        r"latte|cake|コーヒー|パン|カフェ|ラテ|ケーキ", re.I)
# Not a sample's business: invented contacts (a tel:/mailto: link, an address, a number, an
# account). A placeholder like 010-0000-0000 only shows the format.
INVENTED = [re.compile(p, re.I) for p in (
    r"tel:", r"sms:", r"mailto:", r"kakao\.com", r"instagram\.com", r"youtube\.com",
    r"blog\.naver", r"facebook\.com", r"[\w.+-]+@[\w-]+\.[\w.]+",
    r"\b0\d{1,2}-?(?!0{3,4}\b)\d{3,4}-?\d{4}\b", r"https?://")]


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def lists(value: Any, where: str = "") -> list[tuple[str, list]]:
    found = []
    if isinstance(value, dict):
        for k, v in value.items():
            found += lists(v, f"{where}.{k}")
    elif isinstance(value, list):
        found.append((where, value))
        for i, v in enumerate(value):
            found += lists(v, f"{where}[{i}]")
    return found


def links(value: Any) -> list[str]:
    """Every value that the Link type would read as a link."""
    return [s for s in strings(value) if s and _LINK_RE.match(s)]


@pytest.mark.parametrize("type_name, trade, locale", EVERY_CASE)
def test_every_sample_validates_against_its_blocks_props(type_name, trade, locale):
    component = components.get(type_name)
    for ctx in (SampleContext(trade, locale), SampleContext(trade, locale, links=ALL_LINKS)):
        props = component.default_props(ctx)
        assert component.validate_props(props) == props  # stored props validate unchanged


@pytest.mark.parametrize("type_name", WITH_SAMPLES)
def test_each_block_has_its_own_words_for_every_trade_and_language(type_name):
    samples = components.get(type_name).samples
    trades = ["other"] if type_name in TRADE_NEUTRAL else BUSINESS_TYPES
    assert set(samples) == set(trades), type_name
    for trade in trades:
        assert set(samples[trade]) == set(SAMPLE_LOCALES), (type_name, trade)


@pytest.mark.parametrize("type_name, trade, locale", EVERY_CASE)
def test_a_sample_is_written_in_the_sites_language(type_name, trade, locale):
    texts = strings(components.get(type_name).default_props(SampleContext(trade, locale)))
    # Words people read (not option values such as "instagram" or times such as "10:00").
    words = " ".join(t for t in texts if not re.fullmatch(r"[a-z_0-9:,\s]*", t))
    if locale == "ko" and words:
        assert HANGUL.search(words), (type_name, trade, words[:80])
    else:
        assert not HANGUL.search(words), (type_name, trade, HANGUL.findall(words)[:5])
    if locale == "ja":
        assert KANA.search(words) or not words, (type_name, trade)
    if locale == "en":
        assert not KANA.search(words), (type_name, trade)


@pytest.mark.parametrize("trade", [b for b in BUSINESS_TYPES if b not in {"cafe", "restaurant"}])
@pytest.mark.parametrize("locale", SAMPLE_LOCALES)
def test_other_trades_get_no_cafe_words(trade, locale):
    for type_name in WITH_SAMPLES:
        texts = strings(components.get(type_name).default_props(SampleContext(trade, locale)))
        found = [t for t in texts if CAFE_WORDS.search(t)]
        assert not found, (type_name, trade, found)


@pytest.mark.parametrize("type_name, trade, locale", EVERY_CASE)
def test_list_blocks_start_short(type_name, trade, locale):
    props = components.get(type_name).default_props(SampleContext(trade, locale, links=ALL_LINKS))
    for where, items in lists(props):
        assert len(items) <= 3, (type_name, trade, where, len(items))
    if type_name in MAIN_LISTS:
        assert 2 <= len(props[MAIN_LISTS[type_name]]) <= 3, (type_name, trade)
    if type_name == "menu":
        assert all(2 <= len(c["items"]) <= 3 for c in props["categories"])


@pytest.mark.parametrize("type_name, trade, locale", EVERY_CASE)
def test_no_sample_link_points_nowhere(type_name, trade, locale):
    component = components.get(type_name)
    # A blank site: nothing to link to, so no link at all (and no button that goes nowhere).
    bare = component.default_props(SampleContext(trade, locale))
    assert links(bare) == [], (type_name, trade, links(bare))
    if type_name == "hero":
        assert bare["buttons"] == []
    # A site with everything: each link is one the site really has.
    full = component.default_props(SampleContext(trade, locale, links=ALL_LINKS))
    assert set(links(full)) <= set(ALL_LINKS.values()), (type_name, trade, links(full))


@pytest.mark.parametrize("type_name, trade, locale", EVERY_CASE)
def test_samples_invent_no_phone_numbers_addresses_or_accounts(type_name, trade, locale):
    texts = strings(components.get(type_name).default_props(SampleContext(trade, locale)))
    for text in texts:
        for pattern in INVENTED:
            assert not pattern.search(text), (type_name, trade, locale, text)


def test_the_language_matters_more_than_the_trade_when_a_sample_is_missing():
    samples = {"other": {"ko": {"t": "일반"}, "en": {"t": "generic"}},
               "beauty": {"ko": {"t": "미용실"}}}
    assert pick_sample(samples, "beauty", "ko") == {"t": "미용실"}
    assert pick_sample(samples, "beauty", "en") == {"t": "generic"}  # English, not Korean
    assert pick_sample(samples, "beauty", "ja") == {"t": "미용실"}  # no Japanese: Korean
    assert pick_sample(samples, "casino", "en") == {"t": "generic"}
    assert pick_sample({}, "beauty", "ko") == {}


def test_a_button_is_left_out_and_a_link_emptied_when_the_site_lacks_the_target():
    from components import resolve_sample

    raw = {"buttons": [{"label": "메뉴", "link": button_to("menu")},
                       {"label": "전화", "link": button_to("reservation_form", "phone")}],
           "button_link": link_to("contact_form"), "anchor": anchor_if_free("menu")}
    assert resolve_sample(raw, SampleContext()) == {
        "buttons": [], "button_link": "", "anchor": "menu"}
    ctx = SampleContext(links={"phone": "tel:02-1", "menu": "#menu"},
                        anchors=frozenset({"menu"}))
    assert resolve_sample(raw, ctx) == {
        "buttons": [{"label": "메뉴", "link": "#menu"}, {"label": "전화", "link": "tel:02-1"}],
        "button_link": "", "anchor": ""}  # a second menu on the page does not take "#menu"
    assert not any(isinstance(v, LinkTo) for v in resolve_sample(raw, ctx).values())


def test_the_hero_keeps_a_filled_button_when_the_first_one_goes():
    props = components.get("hero").default_props(
        SampleContext("cafe", "en", links={"location": "#location"}))
    assert props["buttons"] == [{"label": "Find us", "link": "#location", "style": "primary"}]


def test_every_business_type_of_the_profile_has_samples():
    from app.sites.profile import BUSINESS_TYPES as PROFILE_TYPES

    assert list(PROFILE_TYPES) == list(BUSINESS_TYPES)


def test_without_a_context_a_new_block_gets_the_generic_korean_sample():
    props = components.get("hero").default_props()
    assert props["title"] == components.get("hero").default_props(
        SampleContext("other", "ko"))["title"]
    assert props["buttons"] == []
