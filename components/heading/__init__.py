"""Heading: a title for a part of the page."""

from typing import Literal

from pydantic import Field

from components import Component, Props, ui
from components._types import Text
from components.heading.samples import SAMPLES


class HeadingProps(Props):
    text: Text(120) = Field("", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    level: Literal["h2", "h3"] = Field("h2", json_schema_extra=ui(
        {"ko": "크기", "en": "Size", "ja": "サイズ"}, "select",
        options={"h2": {"ko": "크게", "en": "Large", "ja": "大"},
                 "h3": {"ko": "작게", "en": "Small", "ja": "小"}}))
    align: Literal["left", "center"] = Field("left", json_schema_extra=ui(
        {"ko": "정렬", "en": "Alignment", "ja": "配置"}, "select",
        options={"left": {"ko": "왼쪽", "en": "Left", "ja": "左"},
                 "center": {"ko": "가운데", "en": "Centre", "ja": "中央"}}))


COMPONENT = Component(
    type="heading",
    props=HeadingProps,
    labels={"ko": "제목", "en": "Heading", "ja": "見出し"},
    description={"ko": "단락의 제목", "en": "A title for a part of the page",
                 "ja": "段落のタイトル"},
    category="text",
    icon="M5 4v16M19 4v16M5 12h14",
    samples=SAMPLES,
)
