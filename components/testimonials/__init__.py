"""Testimonials: what customers say — quotes with author, source and an optional star rating."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from components import Component, Props, ui
from components._types import Text
from components.testimonials.samples import SAMPLES

STRINGS = {
    "rating": {"ko": "5점 만점에 {n}점", "en": "Rated {n} out of 5", "ja": "5点満点中{n}点"},
    "empty_hint": {"ko": "손님 후기를 추가하세요", "en": "Add customer reviews",
                   "ja": "お客様の声を追加してください"},
}


class Testimonial(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    quote: Text(400) = Field("", json_schema_extra=ui(
        {"ko": "후기 내용", "en": "Review", "ja": "口コミ"}, "textarea"))
    author: Text(40) = Field("", json_schema_extra=ui(
        {"ko": "작성자", "en": "Author", "ja": "投稿者"}, "text"))
    detail: Text(60) = Field("", json_schema_extra=ui(
        {"ko": "출처 (예: 네이버 리뷰)", "en": "Source (e.g. Google review)",
         "ja": "出典（例：NAVERレビュー）"}, "text"))
    rating: Annotated[int, Field(ge=0, le=5)] = Field(0, json_schema_extra=ui(
        {"ko": "별점", "en": "Stars", "ja": "星の数"}, "select",
        options={"0": {"ko": "표시 안 함", "en": "None", "ja": "表示しない"},
                 "1": {"ko": "★", "en": "★", "ja": "★"},
                 "2": {"ko": "★★", "en": "★★", "ja": "★★"},
                 "3": {"ko": "★★★", "en": "★★★", "ja": "★★★"},
                 "4": {"ko": "★★★★", "en": "★★★★", "ja": "★★★★"},
                 "5": {"ko": "★★★★★", "en": "★★★★★", "ja": "★★★★★"}}))


class TestimonialsProps(Props):
    heading: Text(80) = Field("", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    items: Annotated[list[Testimonial], Field(max_length=30)] = Field(
        default_factory=list, json_schema_extra=ui(
            {"ko": "후기", "en": "Reviews", "ja": "口コミ"}, "items",
            item_label={"ko": "후기", "en": "Review", "ja": "口コミ"}))


COMPONENT = Component(
    type="testimonials",
    props=TestimonialsProps,
    labels={"ko": "손님 후기", "en": "Testimonials", "ja": "お客様の声"},
    description={"ko": "손님들이 남긴 후기와 별점", "en": "Customer reviews with star ratings",
                 "ja": "お客様の口コミと星評価"},
    category="business",
    icon="M4 5h16v11H10l-5 4v-4H4zM8 9h8M8 12h5",
    samples=SAMPLES,
)
