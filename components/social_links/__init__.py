"""Social links: icon buttons to Instagram, Naver Blog, KakaoTalk, YouTube, Facebook, website."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from components import Component, Props, ui
from components._types import Link, Text
from components.social_links.samples import SAMPLES

KIND_LABELS = {
    "instagram": {"ko": "인스타그램", "en": "Instagram", "ja": "インスタグラム"},
    "naver_blog": {"ko": "네이버 블로그", "en": "Naver Blog", "ja": "NAVERブログ"},
    "kakao": {"ko": "카카오톡 채널", "en": "KakaoTalk channel", "ja": "カカオトークチャンネル"},
    "youtube": {"ko": "유튜브", "en": "YouTube", "ja": "YouTube"},
    "facebook": {"ko": "페이스북", "en": "Facebook", "ja": "Facebook"},
    "website": {"ko": "홈페이지", "en": "Website", "ja": "ウェブサイト"},
}

STRINGS = {
    "nav": {"ko": "소셜 미디어", "en": "Social media", "ja": "ソーシャルメディア"},
    "empty_hint": {"ko": "SNS 주소를 추가하세요", "en": "Add your social media links",
                   "ja": "SNSのリンクを追加してください"},
    **{f"kind_{key}": labels for key, labels in KIND_LABELS.items()},
}


class SocialLink(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Literal["instagram", "naver_blog", "kakao", "youtube", "facebook", "website"] = Field(
        "instagram", json_schema_extra=ui(
            {"ko": "종류", "en": "Kind", "ja": "種類"}, "select", options=KIND_LABELS))
    url: Link = Field("", json_schema_extra=ui(
        {"ko": "주소", "en": "Address (URL)", "ja": "URL"}, "url"))


class SocialLinksProps(Props):
    heading: Text(60) = Field("", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    items: Annotated[list[SocialLink], Field(max_length=12)] = Field(
        default_factory=list, json_schema_extra=ui(
            {"ko": "링크", "en": "Links", "ja": "リンク"}, "items",
            item_label={"ko": "링크", "en": "Link", "ja": "リンク"}))
    show_labels: bool = Field(False, json_schema_extra=ui(
        {"ko": "이름도 함께 보이기", "en": "Show names next to icons",
         "ja": "アイコンの横に名前を表示"}, "toggle"))
    align: Literal["left", "center"] = Field("center", json_schema_extra=ui(
        {"ko": "정렬", "en": "Alignment", "ja": "配置"}, "select",
        options={"left": {"ko": "왼쪽", "en": "Left", "ja": "左"},
                 "center": {"ko": "가운데", "en": "Centre", "ja": "中央"}}))


COMPONENT = Component(
    type="social_links",
    props=SocialLinksProps,
    labels={"ko": "SNS 링크", "en": "Social links", "ja": "SNSリンク"},
    description={"ko": "인스타그램·블로그·유튜브 등 SNS 아이콘 링크",
                 "en": "Icon links to Instagram, blog, YouTube and more",
                 "ja": "インスタグラム・ブログ・YouTubeなどへのアイコンリンク"},
    category="site",
    icon=("M6 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM18 3a3 3 0 1 0 0 6 3 3 0 0 0 0-6z"
          "M18 15a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM8.6 10.5l6.8-3.5M8.6 13.5l6.8 3.5"),
    samples=SAMPLES,
)
