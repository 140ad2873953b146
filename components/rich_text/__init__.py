"""Rich text: paragraphs with bold, italic, links and lists, kept to a comfortable line length."""

from typing import Literal

from pydantic import Field

from components import Component, Props, ui
from components._types import RichText
from components.rich_text.samples import SAMPLES

STRINGS = {
    "empty": {"ko": "여기에 글을 써 주세요", "en": "Write your text here",
              "ja": "ここに文章を入力してください"},
}


class RichTextProps(Props):
    body: RichText = Field("", json_schema_extra=ui(
        {"ko": "본문", "en": "Text", "ja": "本文"}, "richtext",
        help={"ko": "굵게, 기울임, 링크, 목록을 쓸 수 있어요.",
              "en": "Bold, italic, links and lists are available.",
              "ja": "太字・斜体・リンク・リストが使えます。"}))
    align: Literal["left", "center"] = Field("left", json_schema_extra=ui(
        {"ko": "정렬", "en": "Alignment", "ja": "配置"}, "select",
        options={"left": {"ko": "왼쪽", "en": "Left", "ja": "左"},
                 "center": {"ko": "가운데", "en": "Centre", "ja": "中央"}}))
    width: Literal["readable", "wide"] = Field("readable", json_schema_extra=ui(
        {"ko": "글 폭", "en": "Text width", "ja": "文章の幅"}, "select",
        options={"readable": {"ko": "읽기 좋은 폭", "en": "Comfortable", "ja": "読みやすい幅"},
                 "wide": {"ko": "넓게", "en": "Wide", "ja": "広い"}}))


COMPONENT = Component(
    type="rich_text",
    props=RichTextProps,
    labels={"ko": "글", "en": "Text", "ja": "文章"},
    description={"ko": "굵게·링크·목록을 쓸 수 있는 본문",
                 "en": "Paragraphs with bold, links and lists",
                 "ja": "太字・リンク・リストが使える本文"},
    category="text",
    icon="M4 6h16M4 10h16M4 14h16M4 18h10",
    samples=SAMPLES,
)
