"""Section: a band of the page with its own background and spacing; holds other blocks."""

from typing import Literal

from pydantic import Field

from components import Component, Props, ui
from components._types import PALETTE_LABELS, PaletteColor, Text


class SectionProps(Props):
    anchor: Text(40) = Field("", pattern=r"^[a-z0-9-]*$", json_schema_extra=ui(
        {"ko": "바로가기 이름", "en": "Anchor name", "ja": "アンカー名"}, "text",
        help={"ko": "메뉴 버튼에서 #이름 으로 이 부분에 바로 올 수 있어요 (영문 소문자, 숫자, -).",
              "en": "Buttons can jump here with #name (lower-case letters, digits, -).",
              "ja": "ボタンから #名前 でここへ移動できます（英小文字・数字・-）。"}))
    background: PaletteColor = Field("", json_schema_extra=ui(
        {"ko": "배경색", "en": "Background", "ja": "背景色"}, "color", options=PALETTE_LABELS))
    spacing: Literal["small", "medium", "large"] = Field("medium", json_schema_extra=ui(
        {"ko": "위아래 여백", "en": "Spacing", "ja": "上下の余白"}, "select",
        options={"small": {"ko": "좁게", "en": "Small", "ja": "狭い"},
                 "medium": {"ko": "보통", "en": "Medium", "ja": "普通"},
                 "large": {"ko": "넓게", "en": "Large", "ja": "広い"}}))


COMPONENT = Component(
    type="section",
    props=SectionProps,
    labels={"ko": "구역", "en": "Section", "ja": "セクション"},
    description={"ko": "배경색과 여백이 있는 묶음", "en": "A band with background and spacing",
                 "ja": "背景色と余白のあるまとまり"},
    category="layout",
    icon="M3 6h18v12H3z",
    slots=("children",),
    defaults=lambda: {"background": "surface"},
)
