"""Reservation request form: name, phone, date, time and party size, plus optional extra fields.

Posts like the contact form (see components.contact_form): hidden ``block_id`` and
``form_kind=reservation``, fixed fields ``name``, ``phone``, ``date``, ``time``, ``party_size``,
extra fields ``f_0``, ``f_1``, … (index into ``props.fields``), ``privacy_consent`` and the
``website`` honeypot. The field/consent markup is shared with the contact form's partials.
"""

import re
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from components import Component, Props, ui
from components._types import Text
from components.contact_form import (
    PRIVACY_CONSENT_UI,
    PRIVACY_RETENTION_UI,
    STRINGS as FORM_STRINGS,
    FormField,
    option_lines,
)
from components.reservation_form.samples import SAMPLES

MAX_EXTRA_FIELDS = 8
PARTY_SELECT_MAX = 30  # up to this many choices the party size is a <select>, else a number box

STRINGS = FORM_STRINGS | {
    "name": {"ko": "이름", "en": "Name", "ja": "お名前"},
    "name_placeholder": {"ko": "홍길동", "en": "Your name", "ja": "山田 花子"},
    "phone": {"ko": "연락처", "en": "Phone", "ja": "電話番号"},
    "date": {"ko": "방문 날짜", "en": "Date", "ja": "来店日"},
    "time": {"ko": "방문 시간", "en": "Time", "ja": "来店時間"},
    "party_size": {"ko": "인원", "en": "Party size", "ja": "人数"},
    "people": {"ko": "{n}명", "en": "{n}", "ja": "{n}名"},
    "notice_hint": {"ko": "안내 사항 (선택)", "en": "Note (optional)", "ja": "注意事項（任意）"},
    "submit": {"ko": "예약 요청하기", "en": "Request a booking", "ja": "予約をリクエスト"},
    "privacy_purpose": {"ko": "예약 확인 및 안내 연락", "en": "To confirm your booking and "
                        "contact you about it", "ja": "予約の確認とご連絡"},
    "privacy_refuse": {"ko": "동의를 거부하실 수 있으며, 거부하시면 예약을 요청하실 수 없습니다.",
                       "en": "You may refuse, but then the booking request cannot be sent.",
                       "ja": "同意を拒否することもできますが、"
                             "その場合は予約をリクエストできません。"},
    "privacy_retention": {"ko": "예약일로부터 1년간 보관 후 파기",
                          "en": "Kept for one year after the booking date, then deleted",
                          "ja": "予約日から1年間保管し、その後破棄"},
}


def slot_lines(value: str) -> str:
    """'11:00, 12:00\n18:00' → one slot per line (a slot never contains a comma)."""
    return option_lines(re.sub(r"[,\n]+", "\n", value))


TimeSlots = Annotated[Text(300), AfterValidator(slot_lines)]


class ReservationFormProps(Props):
    heading: Text(60) = Field("예약 문의", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    intro: Text(300) = Field("", json_schema_extra=ui(
        {"ko": "안내 문구", "en": "Introduction", "ja": "案内文"}, "textarea", inline=True))
    time_slots: TimeSlots = Field("", json_schema_extra=ui(
        {"ko": "예약 가능 시간", "en": "Time slots", "ja": "予約できる時間"}, "textarea",
        help={"ko": "예: 11:00, 12:00, 13:00 — 쉼표나 줄바꿈으로 나눠 적으면 손님이 그중에서 "
                    "골라요. 비워 두면 시간을 직접 입력해요.",
              "en": "E.g. 11:00, 12:00, 13:00 — guests pick one. Empty: guests type a time.",
              "ja": "例: 11:00, 12:00, 13:00 — お客様がその中から選びます。"
                    "空欄なら時間を入力します。"}))
    show_party_size: bool = Field(True, json_schema_extra=ui(
        {"ko": "인원 묻기", "en": "Ask for party size", "ja": "人数を聞く"}, "toggle"))
    min_party: int = Field(1, ge=1, le=100, json_schema_extra=ui(
        {"ko": "최소 인원", "en": "Minimum party size", "ja": "最少人数"}, "number"))
    max_party: int = Field(10, ge=1, le=100, json_schema_extra=ui(
        {"ko": "최대 인원", "en": "Maximum party size", "ja": "最大人数"}, "number"))
    fields: Annotated[list[FormField], Field(max_length=MAX_EXTRA_FIELDS)] = Field(
        default_factory=list, json_schema_extra=ui(
            {"ko": "추가 입력 항목", "en": "Extra fields", "ja": "追加の入力項目"}, "items",
            item_label={"ko": "항목", "en": "Field", "ja": "項目"},
            help={"ko": "이름·연락처·날짜·시간·인원 외에 더 물어볼 것이 있으면 추가하세요.",
                  "en": "Anything to ask besides name, phone, date, time and party size.",
                  "ja": "名前・連絡先・日付・時間・人数のほかに聞きたいことがあれば追加します。"}))
    note: Text(200) = Field("", json_schema_extra=ui(
        {"ko": "안내 사항", "en": "Note", "ja": "注意事項"}, "textarea", inline=True,
        help={"ko": "예: 예약은 확정 문자를 받으신 후 완료됩니다.",
              "en": "E.g. Your booking is confirmed once you receive our text message.",
              "ja": "例: 確定のショートメッセージをもって予約完了となります。"}))
    submit_label: Text(30) = Field("예약 요청하기", json_schema_extra=ui(
        {"ko": "보내기 버튼 글자", "en": "Button text", "ja": "送信ボタンの文字"}, "text",
        inline=True))
    success_message: Text(200) = Field(
        "예약 요청이 접수되었습니다. 확인 후 문자로 연락드릴게요.", json_schema_extra=ui(
            {"ko": "보낸 뒤 안내", "en": "Message after sending", "ja": "送信後のメッセージ"},
            "textarea", inline=True))
    privacy_consent: bool = Field(True, json_schema_extra=PRIVACY_CONSENT_UI)
    privacy_retention: Text(80) = Field("", json_schema_extra=PRIVACY_RETENTION_UI)

    @model_validator(mode="after")
    def _party_range(self) -> "ReservationFormProps":
        if self.min_party > self.max_party:
            raise ValueError("min_party must not exceed max_party")
        return self


COMPONENT = Component(
    type="reservation_form",
    props=ReservationFormProps,
    labels={"ko": "예약 문의 양식", "en": "Reservation form", "ja": "予約フォーム"},
    description={"ko": "손님이 날짜·시간·인원을 골라 예약을 요청하는 양식",
                 "en": "Guests request a booking with date, time and party size",
                 "ja": "お客様が日付・時間・人数を選んで予約をリクエストするフォーム"},
    category="forms",
    icon="M4 5h16v15H4zM4 10h16M8 3v4M16 3v4M8 14h3v3H8z",
    samples=SAMPLES,
)
