"""Products: cards with a picture, name, price and an order/inquiry button."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from components import Component, Props, ui
from components._types import Image, ImageWithAlt, Link, Price, Text
from components.products.samples import SAMPLES

STRINGS = {
    "price": {"ko": "가격", "en": "Price", "ja": "価格"},
    "empty_hint": {"ko": "상품을 추가하세요", "en": "Add products", "ja": "商品を追加してください"},
}


class ProductItem(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    image: ImageWithAlt = Field(default_factory=Image, json_schema_extra=ui(
        {"ko": "사진", "en": "Picture", "ja": "写真"}, "image"))
    name: Text(60) = Field("", json_schema_extra=ui(
        {"ko": "상품 이름", "en": "Name", "ja": "商品名"}, "text"))
    description: Text(300) = Field("", json_schema_extra=ui(
        {"ko": "설명", "en": "Description", "ja": "説明"}, "textarea"))
    price: Price = Field(0, json_schema_extra=ui(
        {"ko": "가격 (원)", "en": "Price (KRW)", "ja": "価格（ウォン）"}, "number",
        help={"ko": "0으로 두면 가격을 표시하지 않아요.", "en": "0 hides the price.",
              "ja": "0にすると価格を表示しません。"}))
    badge: Text(20) = Field("", json_schema_extra=ui(
        {"ko": "딱지 (예: 인기, 신상품)", "en": "Badge (e.g. New)", "ja": "バッジ（例：人気）"},
        "text"))
    button_label: Text(30) = Field("주문 문의", json_schema_extra=ui(
        {"ko": "버튼 글자", "en": "Button text", "ja": "ボタンの文字"}, "text"))
    button_link: Link = Field("", json_schema_extra=ui(
        {"ko": "버튼 연결", "en": "Button link", "ja": "ボタンのリンク先"}, "link",
        help={"ko": "비워 두면 버튼이 보이지 않아요.", "en": "Leave empty to hide the button.",
              "ja": "空欄にするとボタンは表示されません。"}))


class ProductsProps(Props):
    heading: Text(80) = Field("", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    items: Annotated[list[ProductItem], Field(max_length=48)] = Field(
        default_factory=list, json_schema_extra=ui(
            {"ko": "상품", "en": "Products", "ja": "商品"}, "items",
            item_label={"ko": "상품", "en": "Product", "ja": "商品"}))
    columns: Literal[2, 3, 4] = Field(3, json_schema_extra=ui(
        {"ko": "한 줄에 몇 개", "en": "Per row", "ja": "1行の数"}, "select",
        options={"2": {"ko": "2개", "en": "2", "ja": "2つ"},
                 "3": {"ko": "3개", "en": "3", "ja": "3つ"},
                 "4": {"ko": "4개", "en": "4", "ja": "4つ"}}))


COMPONENT = Component(
    type="products",
    props=ProductsProps,
    labels={"ko": "상품 소개", "en": "Products", "ja": "商品紹介"},
    description={"ko": "사진과 가격이 있는 상품 카드", "en": "Product cards with picture and price",
                 "ja": "写真と価格のある商品カード"},
    category="business",
    icon="M4 7l8-4 8 4v10l-8 4-8-4zM4 7l8 4 8-4M12 11v10",
    samples=SAMPLES,
)
