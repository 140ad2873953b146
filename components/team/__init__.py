"""Team: the people behind the shop — photo, name, role and a short introduction."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from components import Component, Props, ui
from components._types import Image, ImageWithAlt, Text
from components.team.samples import SAMPLES

STRINGS = {
    "empty_hint": {"ko": "함께 일하는 사람을 추가하세요", "en": "Add the people of your team",
                   "ja": "スタッフを追加してください"},
}


class TeamMember(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    photo: ImageWithAlt = Field(default_factory=Image, json_schema_extra=ui(
        {"ko": "사진", "en": "Photo", "ja": "写真"}, "image"))
    name: Text(40) = Field("", json_schema_extra=ui(
        {"ko": "이름", "en": "Name", "ja": "名前"}, "text"))
    role: Text(60) = Field("", json_schema_extra=ui(
        {"ko": "하는 일 (예: 대표 파티시에)", "en": "Role (e.g. Head baker)",
         "ja": "役割（例：オーナーパティシエ）"}, "text"))
    bio: Text(300) = Field("", json_schema_extra=ui(
        {"ko": "소개", "en": "About", "ja": "紹介"}, "textarea"))


class TeamProps(Props):
    heading: Text(80) = Field("", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    items: Annotated[list[TeamMember], Field(max_length=24)] = Field(
        default_factory=list, json_schema_extra=ui(
            {"ko": "사람", "en": "People", "ja": "スタッフ"}, "items",
            item_label={"ko": "사람", "en": "Person", "ja": "スタッフ"}))


COMPONENT = Component(
    type="team",
    props=TeamProps,
    labels={"ko": "함께하는 사람들", "en": "Team", "ja": "スタッフ紹介"},
    description={"ko": "사장님과 직원 소개", "en": "Introduce the owner and staff",
                 "ja": "オーナーとスタッフの紹介"},
    category="business",
    icon=("M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20a7 7 0 0 1 14 0"
          "M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14a6 6 0 0 1 4 6"),
    samples=SAMPLES,
)
