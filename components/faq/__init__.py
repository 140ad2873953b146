"""FAQ: questions that open to show their answers (plain <details>, no JavaScript)."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from components import Component, Props, ui
from components._types import RichText, Text
from components.faq.samples import SAMPLES

STRINGS = {
    "empty": {"ko": "질문을 추가해 주세요", "en": "Add a question",
              "ja": "質問を追加してください"},
    "no_answer": {"ko": "답변을 입력해 주세요", "en": "Write the answer",
                  "ja": "回答を入力してください"},
}


class FaqItem(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    question: Text(200) = Field("", json_schema_extra=ui(
        {"ko": "질문", "en": "Question", "ja": "質問"}, "text"))
    answer: RichText = Field("", json_schema_extra=ui(
        {"ko": "답변", "en": "Answer", "ja": "回答"}, "richtext"))


class FaqProps(Props):
    heading: Text(80) = Field("", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    items: Annotated[list[FaqItem], Field(max_length=30)] = Field(
        default_factory=list, json_schema_extra=ui(
            {"ko": "질문과 답변", "en": "Questions", "ja": "質問と回答"}, "items",
            item_label={"ko": "질문", "en": "Question", "ja": "質問"}))


COMPONENT = Component(
    type="faq",
    props=FaqProps,
    labels={"ko": "자주 묻는 질문", "en": "FAQ", "ja": "よくある質問"},
    description={"ko": "누르면 답이 펼쳐지는 질문 목록",
                 "en": "Questions that open to show answers",
                 "ja": "押すと回答が開く質問の一覧"},
    category="text",
    icon=("M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3"
          "c-.6.3-1 .8-1 1.5v.2M12 17h.01"),
    samples=SAMPLES,
)
