"""Gallery: a grid of pictures with short captions."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from components import Component, Props, ui
from components._types import Image, ImageWithAlt, Text
from components.gallery.samples import SAMPLES

STRINGS = {
    "empty": {"ko": "사진을 추가해 주세요", "en": "Add pictures", "ja": "写真を追加してください"},
}


class GalleryItem(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    image: ImageWithAlt = Field(default_factory=Image, json_schema_extra=ui(
        {"ko": "사진", "en": "Picture", "ja": "写真"}, "image"))
    caption: Text(150) = Field("", json_schema_extra=ui(
        {"ko": "설명글", "en": "Caption", "ja": "キャプション"}, "text"))


class GalleryProps(Props):
    heading: Text(80) = Field("", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    items: Annotated[list[GalleryItem], Field(max_length=30)] = Field(
        default_factory=list, json_schema_extra=ui(
            {"ko": "사진들", "en": "Pictures", "ja": "写真"}, "items",
            item_label={"ko": "사진", "en": "Picture", "ja": "写真"}))
    columns: Literal[2, 3, 4] = Field(3, json_schema_extra=ui(
        {"ko": "한 줄에 몇 장", "en": "Columns", "ja": "1行の枚数"}, "select",
        options={"2": {"ko": "2장", "en": "2", "ja": "2枚"},
                 "3": {"ko": "3장", "en": "3", "ja": "3枚"},
                 "4": {"ko": "4장", "en": "4", "ja": "4枚"}},
        help={"ko": "휴대폰에서는 한 줄에 2장씩 보여요.", "en": "Phones show two per row.",
              "ja": "スマホでは1行に2枚です。"}))
    aspect: Literal["square", "landscape", "original"] = Field("square", json_schema_extra=ui(
        {"ko": "사진 비율", "en": "Shape", "ja": "写真の比率"}, "select",
        options={"square": {"ko": "정사각형", "en": "Square", "ja": "正方形"},
                 "landscape": {"ko": "가로로 긴 사진", "en": "Landscape", "ja": "横長"},
                 "original": {"ko": "원본 그대로", "en": "Original", "ja": "元の比率"}}))


COMPONENT = Component(
    type="gallery",
    props=GalleryProps,
    labels={"ko": "사진 모음", "en": "Gallery", "ja": "ギャラリー"},
    description={"ko": "여러 장의 사진을 바둑판으로", "en": "A grid of pictures",
                 "ja": "複数の写真をタイル状に"},
    category="media",
    icon="M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z",
    samples=SAMPLES,
)
