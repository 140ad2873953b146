"""Image: one picture with an optional caption and link."""

from typing import Literal

from pydantic import Field

from components import Component, Props, ui
from components._types import ImageWithAlt, Link, Text
from components.image.samples import SAMPLES

STRINGS = {
    "empty": {"ko": "사진을 골라 주세요", "en": "Choose a picture", "ja": "写真を選んでください"},
}


class ImageProps(Props):
    image: ImageWithAlt = Field(default_factory=dict, json_schema_extra=ui(
        {"ko": "사진", "en": "Picture", "ja": "写真"}, "image",
        help={"ko": "사진을 고르면 설명(대체 텍스트)도 꼭 적어 주세요.",
              "en": "Describe the picture for people who can't see it.",
              "ja": "写真を選んだら説明（代替テキスト）も入力してください。"}))
    caption: Text(200) = Field("", json_schema_extra=ui(
        {"ko": "사진 설명글", "en": "Caption", "ja": "キャプション"}, "text", inline=True))
    width: Literal["content", "wide", "full"] = Field("content", json_schema_extra=ui(
        {"ko": "크기", "en": "Width", "ja": "幅"}, "select",
        options={"content": {"ko": "본문 폭", "en": "Content width", "ja": "本文の幅"},
                 "wide": {"ko": "넓게", "en": "Wide", "ja": "広め"},
                 "full": {"ko": "화면 가득", "en": "Full width", "ja": "画面いっぱい"}}))
    link: Link = Field("", json_schema_extra=ui(
        {"ko": "누르면 갈 곳", "en": "Link", "ja": "リンク先"}, "link"))


COMPONENT = Component(
    type="image",
    props=ImageProps,
    labels={"ko": "사진", "en": "Image", "ja": "写真"},
    description={"ko": "사진 한 장과 설명글", "en": "One picture with a caption",
                 "ja": "写真1枚とキャプション"},
    category="media",
    icon="M4 5h16v14H4zM4 16l4.5-4.5 4 4 3-3L20 17M15.5 9h.01",
    samples=SAMPLES,
)
