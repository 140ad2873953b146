"""Call to action: a coloured band with a title, a line of text and one button."""

from pydantic import Field

from components import Component, Props, ui
from components._types import PALETTE_LABELS, Link, PaletteColor, Text
from components.cta.samples import SAMPLES


class CtaProps(Props):
    title: Text(80) = Field("", json_schema_extra=ui(
        {"ko": "제목", "en": "Title", "ja": "タイトル"}, "text", inline=True))
    text: Text(200) = Field("", json_schema_extra=ui(
        {"ko": "설명", "en": "Text", "ja": "説明"}, "textarea", inline=True))
    button_label: Text(30) = Field("", json_schema_extra=ui(
        {"ko": "버튼 글자", "en": "Button text", "ja": "ボタンの文字"}, "text", inline=True))
    button_link: Link = Field("", json_schema_extra=ui(
        {"ko": "버튼 연결", "en": "Button link", "ja": "ボタンのリンク先"}, "link"))
    background: PaletteColor = Field("primary", json_schema_extra=ui(
        {"ko": "배경색", "en": "Background", "ja": "背景色"}, "color", options=PALETTE_LABELS))


COMPONENT = Component(
    type="cta",
    props=CtaProps,
    labels={"ko": "행동 유도 띠", "en": "Call to action", "ja": "行動を促す帯"},
    description={"ko": "눈에 띄는 색 띠에 제목과 버튼 하나",
                 "en": "A coloured band with a title and one button",
                 "ja": "目立つ色の帯にタイトルとボタン"},
    category="business",
    icon="M3 7h18v10H3zM8 12h8M13 9.5l3 2.5-3 2.5",
    samples=SAMPLES,
)
