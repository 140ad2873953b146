"""Menu: a café or restaurant price list — categories of items with prices, marks and 품절."""

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from components import Component, Props, ui
from components._types import Price, Text
from components.menu.samples import SAMPLES

Mark = Literal["vegan", "vegetarian", "spicy", "gluten_free", "new", "best"]

MARK_LABELS = {
    "vegan": {"ko": "비건", "en": "Vegan", "ja": "ヴィーガン"},
    "vegetarian": {"ko": "채식", "en": "Vegetarian", "ja": "ベジタリアン"},
    "spicy": {"ko": "매운맛", "en": "Spicy", "ja": "辛口"},
    "gluten_free": {"ko": "글루텐 프리", "en": "Gluten-free", "ja": "グルテンフリー"},
    "new": {"ko": "신메뉴", "en": "New", "ja": "新メニュー"},
    "best": {"ko": "인기", "en": "Popular", "ja": "人気"},
}

STRINGS = {
    "market_price": {"ko": "시가", "en": "Market price", "ja": "時価"},
    "sold_out": {"ko": "품절", "en": "Sold out", "ja": "売り切れ"},
    "regular_price": {"ko": "원래 가격", "en": "Regular price", "ja": "通常価格"},
    "empty_hint": {"ko": "메뉴 분류와 메뉴를 추가하세요", "en": "Add menu categories and items",
                   "ja": "メニューの分類と品目を追加してください"},
    **{f"mark_{key}": labels for key, labels in MARK_LABELS.items()},
}


def _unique(marks: list[str]) -> list[str]:
    return list(dict.fromkeys(marks))


class MenuItem(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Text(60) = Field("", json_schema_extra=ui(
        {"ko": "메뉴 이름", "en": "Name", "ja": "メニュー名"}, "text"))
    description: Text(200) = Field("", json_schema_extra=ui(
        {"ko": "설명", "en": "Description", "ja": "説明"}, "textarea"))
    price: Price = Field(0, json_schema_extra=ui(
        {"ko": "가격 (원)", "en": "Price (KRW)", "ja": "価格（ウォン）"}, "number",
        help={"ko": "0으로 두면 '시가'로 표시돼요.", "en": "0 shows “Market price”.",
              "ja": "0にすると「時価」と表示されます。"}))
    sold_out: bool = Field(False, json_schema_extra=ui(
        {"ko": "품절", "en": "Sold out", "ja": "売り切れ"}, "toggle"))
    marks: Annotated[list[Mark], Field(max_length=6), AfterValidator(_unique)] = Field(
        default_factory=list, json_schema_extra=ui(
            {"ko": "표시", "en": "Labels", "ja": "表示"}, "select", options=MARK_LABELS,
            multiple=True))


class MenuCategory(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Text(40) = Field("", json_schema_extra=ui(
        {"ko": "분류 이름", "en": "Category", "ja": "分類名"}, "text"))
    items: Annotated[list[MenuItem], Field(max_length=60)] = Field(
        default_factory=list, json_schema_extra=ui(
            {"ko": "메뉴", "en": "Items", "ja": "メニュー"}, "items",
            item_label={"ko": "메뉴", "en": "Item", "ja": "メニュー"}))


class MenuProps(Props):
    heading: Text(80) = Field("", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    intro: Text(300) = Field("", json_schema_extra=ui(
        {"ko": "소개 글", "en": "Introduction", "ja": "紹介文"}, "textarea", inline=True))
    categories: Annotated[list[MenuCategory], Field(max_length=20)] = Field(
        default_factory=list, json_schema_extra=ui(
            {"ko": "메뉴 분류", "en": "Categories", "ja": "メニューの分類"}, "items",
            item_label={"ko": "분류", "en": "Category", "ja": "分類"}))
    anchor: Text(40) = Field("", pattern=r"^[a-z0-9-]*$", json_schema_extra=ui(
        {"ko": "바로가기 이름", "en": "Anchor name", "ja": "アンカー名"}, "text",
        help={"ko": "버튼에서 #이름 으로 메뉴판에 바로 올 수 있어요 (영문 소문자, 숫자, -).",
              "en": "Buttons can jump here with #name (lower-case letters, digits, -).",
              "ja": "ボタンから #名前 でここへ移動できます（英小文字・数字・-）。"}))


COMPONENT = Component(
    type="menu",
    props=MenuProps,
    labels={"ko": "메뉴판", "en": "Menu", "ja": "メニュー表"},
    description={"ko": "분류별 메뉴와 가격, 품절 표시", "en": "Menu items and prices by category",
                 "ja": "分類ごとのメニューと価格、売り切れ表示"},
    category="business",
    icon="M5 3h14v18H5zM8 8h8M8 12h8M8 16h5",
    samples=SAMPLES,
)
