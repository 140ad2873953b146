"""Divider: a thin line, a row of dots or plain empty space between blocks."""

from typing import Literal

from pydantic import Field

from components import Component, Props, ui

STRINGS = {
    "spacer": {"ko": "여백", "en": "Space", "ja": "余白"},
}


class DividerProps(Props):
    style: Literal["line", "dots", "space"] = Field("line", json_schema_extra=ui(
        {"ko": "모양", "en": "Style", "ja": "スタイル"}, "select",
        options={"line": {"ko": "가는 선", "en": "Line", "ja": "線"},
                 "dots": {"ko": "점 세 개", "en": "Dots", "ja": "点"},
                 "space": {"ko": "빈 여백", "en": "Empty space", "ja": "空白のみ"}}))
    size: Literal["small", "medium", "large"] = Field("medium", json_schema_extra=ui(
        {"ko": "위아래 여백", "en": "Spacing", "ja": "上下の余白"}, "select",
        options={"small": {"ko": "좁게", "en": "Small", "ja": "狭い"},
                 "medium": {"ko": "보통", "en": "Medium", "ja": "普通"},
                 "large": {"ko": "넓게", "en": "Large", "ja": "広い"}}))


COMPONENT = Component(
    type="divider",
    props=DividerProps,
    labels={"ko": "구분선", "en": "Divider", "ja": "区切り線"},
    description={"ko": "블록 사이를 나누는 선이나 여백", "en": "A line or space between blocks",
                 "ja": "ブロックの間の線や余白"},
    category="layout",
    icon="M3 12h4M10 12h4M17 12h4M5 5h14M5 19h14",
    defaults=lambda: {"style": "line", "size": "medium"},
)
