"""Hero: the big first impression — title, subtitle, picture and call-to-action buttons."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from components import Component, Follow, Props, ui
from components._types import Image, ImageWithAlt, Link, Text
from components.hero.samples import SAMPLES


class HeroButton(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    label: Text(30) = Field("", json_schema_extra=ui(
        {"ko": "버튼 글자", "en": "Button text", "ja": "ボタンの文字"}, "text"))
    link: Link = Field("", json_schema_extra=ui(
        {"ko": "연결할 곳", "en": "Link", "ja": "リンク先"}, "link"))
    style: Literal["primary", "secondary"] = Field("primary", json_schema_extra=ui(
        {"ko": "모양", "en": "Style", "ja": "スタイル"}, "select",
        options={"primary": {"ko": "강조", "en": "Filled", "ja": "強調"},
                 "secondary": {"ko": "테두리", "en": "Outline", "ja": "枠線"}}))


class HeroProps(Props):
    title: Text(80) = Field("", json_schema_extra=ui(
        {"ko": "제목", "en": "Title", "ja": "タイトル"}, "text", inline=True))
    subtitle: Text(200) = Field("", json_schema_extra=ui(
        {"ko": "부제목", "en": "Subtitle", "ja": "サブタイトル"}, "textarea", inline=True))
    image: ImageWithAlt = Field(default_factory=Image, json_schema_extra=ui(
        {"ko": "배경 사진", "en": "Picture", "ja": "写真"}, "image"))
    layout: Literal["overlay", "split", "plain"] = Field("overlay", json_schema_extra=ui(
        {"ko": "배치", "en": "Layout", "ja": "レイアウト"}, "select",
        options={"overlay": {"ko": "사진 위에 글자", "en": "Text on picture", "ja": "写真に重ねる"},
                 "split": {"ko": "글자와 사진 나란히", "en": "Side by side", "ja": "横並び"},
                 "plain": {"ko": "글자만", "en": "Text only", "ja": "文字のみ"}}))
    buttons: Annotated[list[HeroButton], Field(max_length=2)] = Field(
        default_factory=list, json_schema_extra=ui(
            {"ko": "버튼", "en": "Buttons", "ja": "ボタン"}, "items",
            item_label={"ko": "버튼", "en": "Button", "ja": "ボタン"}))


# The layout a picture chosen for a text-only hero switches to: side by side keeps the title
# readable on every theme (no text over an unknown photo) and still shows the picture large.
PICTURE_LAYOUT = "split"


def show_the_picture(prop: str, before: dict, after: dict) -> Follow | None:
    """A picture newly chosen while the layout is "text only" would not show at all: switch to
    a layout that shows it, and say so (undo takes both back)."""
    if prop != "image" or after.get("layout") != "plain":
        return None
    chosen = (after.get("image") or {}).get("asset") if isinstance(after.get("image"), dict) \
        else None
    previous = (before.get("image") or {}).get("asset")
    if not chosen or chosen == previous:
        return None  # no picture, or the same one (its alt text edited): the layout stays
    return Follow({"layout": PICTURE_LAYOUT}, note={
        "ko": "사진이 보이도록 배치를 ‘글자와 사진 나란히’로 바꿨어요.",
        "en": "To show the picture, the layout is now “Side by side”.",
        "ja": "写真が見えるように、レイアウトを「横並び」に変えました。",
    })


def _filled_first(sample: dict) -> dict:
    """When a sample button was left out, the one that stays is the filled one."""
    buttons = sample.get("buttons") or []
    if buttons and all(b.get("style") != "primary" for b in buttons):
        buttons[0]["style"] = "primary"
    return sample


COMPONENT = Component(
    type="hero",
    props=HeroProps,
    labels={"ko": "대표 배너", "en": "Hero", "ja": "メインバナー"},
    description={"ko": "첫 화면의 큰 제목과 사진, 버튼", "en": "Big title, picture and buttons",
                 "ja": "最初に目に入る大きなタイトルと写真"},
    category="business",
    icon="M3 5h18v14H3zM7 10h10M9 14h6",
    on_prop_change=show_the_picture,
    defaults=lambda: {"layout": "plain"},
    samples=SAMPLES,
    finish_sample=_filled_first,
)
