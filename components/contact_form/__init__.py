"""Contact form: a few labelled fields, a privacy-consent checkbox and a submit button.

Published pages have no JavaScript: the form posts to the platform's form endpoint
(``form_action``) with hidden ``block_id`` and ``form_kind`` inputs, field values under the names
``f_0``, ``f_1``, … (index into ``props.fields``), ``privacy_consent`` and a honeypot ``website``
that people never fill in. After a successful post the endpoint can redirect back to
``<page>#ww-<block id>-sent``: the success message is shown with ``:target``.

The markup of one field (``_field.html``), the honeypot and the consent box (``_privacy.html``)
are shared with the reservation form, which imports ``FormField`` and ``STRINGS`` from here.
"""

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from components import Component, Props, ui
from components._types import Text
from components.contact_form.samples import SAMPLES

MAX_FIELDS = 12

STRINGS = {
    "required_note": {"ko": "표시는 꼭 입력해 주세요.", "en": "marks a required field.",
                      "ja": "は必須項目です。"},
    "choose": {"ko": "선택해 주세요", "en": "Please choose", "ja": "選択してください"},
    "yes": {"ko": "예", "en": "Yes", "ja": "はい"},
    "honeypot": {"ko": "웹사이트 (비워 두세요)", "en": "Website (leave empty)",
                 "ja": "ウェブサイト（空欄のまま）"},
    "privacy_agree": {"ko": "개인정보 수집·이용에 동의합니다", "en": "I agree to the collection "
                      "and use of my personal information",
                      "ja": "個人情報の収集・利用に同意します"},
    "privacy_required": {"ko": "(필수)", "en": "(required)", "ja": "（必須）"},
    "privacy_more": {"ko": "자세히 보기", "en": "Details", "ja": "詳しく見る"},
    "privacy_purpose_label": {"ko": "수집·이용 목적", "en": "Purpose", "ja": "利用目的"},
    "privacy_purpose": {"ko": "문의 내용 확인 및 답변", "en": "To read and answer your enquiry",
                        "ja": "お問い合わせ内容の確認と回答"},
    "privacy_items_label": {"ko": "수집 항목", "en": "Information collected",
                            "ja": "収集する項目"},
    "privacy_retention_label": {"ko": "보유·이용 기간", "en": "Retention", "ja": "保有・利用期間"},
    "privacy_retention": {"ko": "문의 처리 후 1년간 보관 후 파기",
                          "en": "Kept for one year after your enquiry is handled, then deleted",
                          "ja": "対応完了後1年間保管し、その後破棄"},
    "privacy_refuse": {"ko": "동의를 거부하실 수 있으며, 거부하시면 문의를 보내실 수 없습니다.",
                       "en": "You may refuse, but then the form cannot be sent.",
                       "ja": "同意を拒否することもできますが、その場合は送信できません。"},
    "sent_preview": {"ko": "보낸 뒤 보이는 안내", "en": "Shown after sending",
                     "ja": "送信後に表示される案内"},
    "empty_hint": {"ko": "입력 항목을 추가해 주세요", "en": "Add some fields",
                   "ja": "入力項目を追加してください"},
    "intro_hint": {"ko": "안내 문구 (선택)", "en": "Introduction (optional)",
                   "ja": "案内文（任意）"},
    "heading_hint": {"ko": "제목 (선택)", "en": "Heading (optional)", "ja": "見出し（任意）"},
    "submit": {"ko": "보내기", "en": "Send", "ja": "送信する"},
    "unnamed_field": {"ko": "이름 없는 항목", "en": "Untitled field", "ja": "名前のない項目"},
}

FIELD_KINDS = {
    "text": {"ko": "짧은 글", "en": "Short text", "ja": "短い文章"},
    "email": {"ko": "이메일", "en": "Email", "ja": "メール"},
    "tel": {"ko": "전화번호", "en": "Phone", "ja": "電話番号"},
    "textarea": {"ko": "긴 글", "en": "Long text", "ja": "長い文章"},
    "select": {"ko": "고르기", "en": "Choice", "ja": "選択"},
    "date": {"ko": "날짜", "en": "Date", "ja": "日付"},
    "time": {"ko": "시간", "en": "Time", "ja": "時間"},
    "number": {"ko": "숫자", "en": "Number", "ja": "数字"},
    "checkbox": {"ko": "체크 상자", "en": "Checkbox", "ja": "チェックボックス"},
}


def option_lines(value: str) -> str:
    """'A, B\\nC' → 'A\\nB\\nC': one option per line (split on lines, else on commas)."""
    parts = value.splitlines() if "\n" in value else value.split(",")
    seen: list[str] = []
    for part in parts:
        part = re.sub(r"\s+", " ", part).strip()
        if part and part not in seen:
            seen.append(part)
    return "\n".join(seen)


Options = Annotated[Text(300), AfterValidator(option_lines)]


class FormField(BaseModel):
    """One input of a form."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    label: Text(40) = Field("", json_schema_extra=ui(
        {"ko": "항목 이름", "en": "Label", "ja": "項目名"}, "text"))
    kind: Literal["text", "email", "tel", "textarea", "select", "date", "time", "number",
                  "checkbox"] = Field("text", json_schema_extra=ui(
                      {"ko": "입력 방식", "en": "Type", "ja": "入力方法"}, "select",
                      options=FIELD_KINDS))
    required: bool = Field(False, json_schema_extra=ui(
        {"ko": "꼭 입력", "en": "Required", "ja": "必須"}, "toggle"))
    options: Options = Field("", json_schema_extra=ui(
        {"ko": "고를 수 있는 것", "en": "Choices", "ja": "選択肢"}, "textarea",
        help={"ko": "'고르기' 방식일 때만 써요. 한 줄에 하나씩, 또는 쉼표로 나눠 적어 주세요.",
              "en": "For 'Choice' only: one per line, or separated by commas.",
              "ja": "「選択」のときだけ使います。1行に1つ、またはカンマ区切りで。"}))
    placeholder: Text(80) = Field("", json_schema_extra=ui(
        {"ko": "입력 예시", "en": "Placeholder", "ja": "入力例"}, "text",
        help={"ko": "칸 안에 흐리게 보이는 예시예요.", "en": "Greyed-out example inside the box.",
              "ja": "入力欄に薄く表示される例です。"}))


def default_fields() -> list[dict]:
    return [
        {"label": "이름", "kind": "text", "required": True, "placeholder": "홍길동"},
        {"label": "연락처", "kind": "tel", "required": True, "placeholder": "010-1234-5678"},
        {"label": "이메일", "kind": "email", "placeholder": "example@email.com"},
        {"label": "문의 내용", "kind": "textarea", "required": True,
         "placeholder": "궁금하신 내용을 자유롭게 적어 주세요."},
    ]


PRIVACY_CONSENT_UI = ui(
    {"ko": "개인정보 동의 받기", "en": "Ask for privacy consent", "ja": "個人情報の同意を取る"},
    "toggle",
    help={"ko": "개인정보보호법에 따라 이름·연락처를 받을 때는 동의를 받아야 해요.",
          "en": "Korean privacy law requires consent when collecting names and phone numbers.",
          "ja": "韓国の個人情報保護法では、氏名や連絡先を集める際に同意が必要です。"})
PRIVACY_RETENTION_UI = ui(
    {"ko": "보관 기간", "en": "Retention period", "ja": "保管期間"}, "text",
    help={"ko": "비워 두면 '문의 처리 후 1년간 보관 후 파기'로 안내해요.",
          "en": "Empty: 'kept for one year after handling, then deleted'.",
          "ja": "空欄の場合「対応完了後1年間保管し、その後破棄」と表示します。"})


class ContactFormProps(Props):
    heading: Text(60) = Field("문의하기", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    intro: Text(300) = Field("", json_schema_extra=ui(
        {"ko": "안내 문구", "en": "Introduction", "ja": "案内文"}, "textarea", inline=True))
    fields: Annotated[list[FormField], Field(max_length=MAX_FIELDS)] = Field(
        default_factory=default_fields, json_schema_extra=ui(
            {"ko": "입력 항목", "en": "Fields", "ja": "入力項目"}, "items",
            item_label={"ko": "항목", "en": "Field", "ja": "項目"}))
    submit_label: Text(30) = Field("보내기", json_schema_extra=ui(
        {"ko": "보내기 버튼 글자", "en": "Button text", "ja": "送信ボタンの文字"}, "text",
        inline=True))
    success_message: Text(200) = Field("문의가 접수되었습니다. 곧 연락드릴게요.",
                                       json_schema_extra=ui(
        {"ko": "보낸 뒤 안내", "en": "Message after sending", "ja": "送信後のメッセージ"},
        "textarea", inline=True))
    privacy_consent: bool = Field(True, json_schema_extra=PRIVACY_CONSENT_UI)
    privacy_retention: Text(80) = Field("", json_schema_extra=PRIVACY_RETENTION_UI)


COMPONENT = Component(
    type="contact_form",
    props=ContactFormProps,
    labels={"ko": "문의 양식", "en": "Contact form", "ja": "お問い合わせフォーム"},
    description={"ko": "손님이 이름·연락처·문의 내용을 남기는 양식",
                 "en": "Visitors leave their name, phone and a message",
                 "ja": "お客様が名前・連絡先・お問い合わせ内容を送れるフォーム"},
    category="forms",
    icon="M4 5h16v14H4zM4 7l8 6 8-6",
    samples=SAMPLES,
)
