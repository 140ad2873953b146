"""The owner's activity list in words: which block, which setting (down to the item field that
changed inside a list) and a short excerpt of the new value."""

from __future__ import annotations

import copy

from flask_babel import force_locale

import components
from app.models import Page, PageOp
from app.support.operations import describe_block_change


def _page_with(node: dict) -> Page:
    return Page(title="홈", draft_tree={"id": "root", "type": "root", "props": {},
                                        "slots": {"children": [node]}})


def _set_prop(node: dict, prop: str, before, after) -> PageOp:
    return PageOp(kind="set_prop", block_id=node["id"],
                  payload={"kind": "set_prop", "block": node["id"], "prop": prop, "value": after},
                  previous={"kind": "set_prop", "block": node["id"], "prop": prop,
                            "value": before})


def _node(type_name: str) -> dict:
    return {"id": "b1", "type": type_name, "props": components.get(type_name).default_props(),
            "slots": {}}


def test_a_changed_text_names_the_block_the_field_and_the_new_words(app):
    node = _node("heading")
    op = _set_prop(node, "text", "우리 가게 이야기", "오늘의 원두와 갓 구운 빵")
    with app.test_request_context(), force_locale("ko"):
        assert describe_block_change(_page_with(node), op, "ko") == (
            "제목 블록 › 제목 → “오늘의 원두와 갓 구운 빵”")
    with app.test_request_context(), force_locale("en"):
        assert describe_block_change(_page_with(node), op, "en") == (
            "Heading block › Heading → “오늘의 원두와 갓 구운 빵”")


def test_a_long_rich_text_is_cut_to_a_few_words_without_its_markup(app):
    node = _node("rich_text")
    prop = next(iter(components.get("rich_text").props.model_fields))
    html = ("<p><strong>봄 신메뉴</strong> 딸기 라떼와 딸기 케이크가 나왔습니다. "
            "매장에서 꼭 드셔 보세요!</p>")
    with app.test_request_context(), force_locale("ko"):
        text = describe_block_change(_page_with(node), _set_prop(node, prop, "", html), "ko")
    assert "<" not in text and "봄 신메뉴 딸기 라떼와" in text and text.endswith("…”")


def test_a_price_changed_inside_the_menu_names_the_item_field(app):
    node = _node("menu")
    before = node["props"]["categories"]
    after = copy.deepcopy(before)
    after[0]["items"][0]["price"] = 5500
    op = _set_prop(node, "categories", before, after)
    with app.test_request_context(), force_locale("ko"):
        assert describe_block_change(_page_with(node), op, "ko") == (
            "메뉴판 블록 › 메뉴 분류 › 메뉴 › 가격 (원) → “5,500”")


def test_a_choice_shows_its_label_and_a_block_that_is_gone_is_left_unnamed(app):
    node = _node("heading")
    op = _set_prop(node, "level", "h2", "h3")
    with app.test_request_context(), force_locale("ja"):
        described = describe_block_change(_page_with(node), op, "ja")
        assert described == "見出しブロック › サイズ →「小」"
        empty = _page_with(node)
        empty.draft_tree["slots"]["children"] = []
        assert describe_block_change(empty, op, "ja") == ""
