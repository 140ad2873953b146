"""Contact (연락하기): big buttons to call, text, KakaoTalk, Instagram and e-mail — from the
business profile, each overridable."""

from pydantic import Field, field_validator

from components import Component, Props, ui
from components._types import Link, Text
from components.contact.samples import SAMPLES

STRINGS = {
    "call": {"ko": "전화하기", "en": "Call", "ja": "電話する"},
    "sms": {"ko": "문자 보내기", "en": "Send a text", "ja": "SMSを送る"},
    "kakao": {"ko": "카카오톡 문의", "en": "KakaoTalk", "ja": "カカオトーク"},
    "kakao_detail": {"ko": "카카오톡 채널", "en": "KakaoTalk channel",
                     "ja": "カカオトークチャンネル"},
    "instagram": {"ko": "인스타그램", "en": "Instagram", "ja": "インスタグラム"},
    "email": {"ko": "이메일 보내기", "en": "Send an e-mail", "ja": "メールを送る"},
    "empty_hint": {"ko": "사업장 정보에서 전화번호나 연락처를 입력하세요",
                   "en": "Enter a phone number or other contacts in the business profile",
                   "ja": "事業所情報で電話番号などの連絡先を入力してください"},
}

_PHONE_RE = r"^$|^\+?[0-9][0-9 ().-]{6,18}$"
_EMAIL_RE = r"^$|^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"


class ContactProps(Props):
    heading: Text(60) = Field("연락하기", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    text: Text(200) = Field("", json_schema_extra=ui(
        {"ko": "안내 글", "en": "Text", "ja": "案内文"}, "textarea", inline=True))
    phone: Text(20) = Field("", pattern=_PHONE_RE, json_schema_extra=ui(
        {"ko": "다른 전화번호", "en": "Different phone number", "ja": "別の電話番号"}, "tel",
        help={"ko": "비워 두면 사업장 정보의 번호를 써요.",
              "en": "Leave empty to use the number from your business profile.",
              "ja": "空欄にすると事業所情報の番号を使います。"}))
    kakao_channel_url: Link = Field("", json_schema_extra=ui(
        {"ko": "다른 카카오톡 채널 주소", "en": "Different KakaoTalk channel",
         "ja": "別のカカオトークチャンネル"}, "url",
        help={"ko": "예: https://pf.kakao.com/_abcde", "en": "E.g. https://pf.kakao.com/_abcde",
              "ja": "例：https://pf.kakao.com/_abcde"}))
    instagram: Text(31) = Field("", pattern=r"^@?[A-Za-z0-9._]{0,30}$", json_schema_extra=ui(
        {"ko": "다른 인스타그램 계정", "en": "Different Instagram account",
         "ja": "別のインスタグラムアカウント"}, "text",
        help={"ko": "예: @mycafe", "en": "E.g. @mycafe", "ja": "例：@mycafe"}))
    email: Text(120) = Field("", pattern=_EMAIL_RE, json_schema_extra=ui(
        {"ko": "다른 이메일", "en": "Different e-mail", "ja": "別のメールアドレス"}, "email"))
    show_phone: bool = Field(True, json_schema_extra=ui(
        {"ko": "전화 버튼", "en": "Call button", "ja": "電話ボタン"}, "toggle"))
    show_sms: bool = Field(True, json_schema_extra=ui(
        {"ko": "문자 버튼", "en": "Text message button", "ja": "SMSボタン"}, "toggle"))
    show_kakao: bool = Field(True, json_schema_extra=ui(
        {"ko": "카카오톡 버튼", "en": "KakaoTalk button", "ja": "カカオトークボタン"}, "toggle"))
    show_instagram: bool = Field(True, json_schema_extra=ui(
        {"ko": "인스타그램 버튼", "en": "Instagram button", "ja": "インスタグラムボタン"},
        "toggle"))
    show_email: bool = Field(True, json_schema_extra=ui(
        {"ko": "이메일 버튼", "en": "E-mail button", "ja": "メールボタン"}, "toggle"))

    @field_validator("kakao_channel_url")
    @classmethod
    def _kakao(cls, v: str) -> str:
        if v and not v.startswith("https://"):
            raise ValueError("kakao_channel_url")
        return v

    @field_validator("instagram")
    @classmethod
    def _instagram(cls, v: str) -> str:
        return v.lstrip("@")


COMPONENT = Component(
    type="contact",
    props=ContactProps,
    labels={"ko": "연락하기", "en": "Contact", "ja": "お問い合わせ"},
    description={"ko": "전화·문자·카카오톡·인스타그램·이메일 버튼",
                 "en": "Call, text, KakaoTalk, Instagram and e-mail buttons",
                 "ja": "電話・SMS・カカオトーク・インスタグラム・メールのボタン"},
    category="business",
    icon=("M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2"
          "A16 16 0 0 1 3 6a2 2 0 0 1 2-2"),
    uses_profile=True,
    samples=SAMPLES,
)
