"""Footer: the business information every Korean commercial site shows at the bottom.

상호, 대표자, 사업자등록번호, 통신판매업 신고번호, address, phone and email come from the business
profile (fields missing there are left out), with a link to the Fair Trade Commission's
사업자정보확인 page, optional page links, a compact opening-hours summary, an extra line and a
copyright notice. The copyright text may use ``{year}`` and ``{business_name}``; templates get
plain data only, so the year is a prop (empty = left out).
"""

from pydantic import Field

from components import Component, Props, ui
from components._types import Text

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

STRINGS = {
    "business_name": {"ko": "상호", "en": "Business", "ja": "商号"},
    "representative": {"ko": "대표자", "en": "Representative", "ja": "代表者"},
    "business_number": {"ko": "사업자등록번호", "en": "Business registration no.",
                        "ja": "事業者登録番号"},
    "mail_order_number": {"ko": "통신판매업 신고번호", "en": "Mail-order business no.",
                          "ja": "通信販売業申告番号"},
    "address": {"ko": "주소", "en": "Address", "ja": "住所"},
    "phone": {"ko": "전화", "en": "Phone", "ja": "電話"},
    "email": {"ko": "이메일", "en": "Email", "ja": "メール"},
    "verify": {"ko": "사업자정보확인", "en": "Verify business information",
               "ja": "事業者情報の確認"},
    "new_window": {"ko": "(새 창)", "en": "(opens in a new window)", "ja": "（新しいウィンドウ）"},
    "hours": {"ko": "영업시간", "en": "Opening hours", "ja": "営業時間"},
    "closed": {"ko": "휴무", "en": "Closed", "ja": "定休日"},
    "break": {"ko": "브레이크 타임", "en": "break", "ja": "休憩"},
    "everyday": {"ko": "매일", "en": "Daily", "ja": "毎日"},
    "range": {"ko": "~", "en": "–", "ja": "〜"},
    "mon": {"ko": "월", "en": "Mon", "ja": "月"},
    "tue": {"ko": "화", "en": "Tue", "ja": "火"},
    "wed": {"ko": "수", "en": "Wed", "ja": "水"},
    "thu": {"ko": "목", "en": "Thu", "ja": "木"},
    "fri": {"ko": "금", "en": "Fri", "ja": "金"},
    "sat": {"ko": "토", "en": "Sat", "ja": "土"},
    "sun": {"ko": "일", "en": "Sun", "ja": "日"},
    "site_menu": {"ko": "바닥글 메뉴", "en": "Footer menu", "ja": "フッターメニュー"},
    "social": {"ko": "SNS", "en": "Social media", "ja": "SNS"},
    "instagram": {"ko": "인스타그램", "en": "Instagram", "ja": "Instagram"},
    "kakao": {"ko": "카카오톡 채널", "en": "KakaoTalk channel", "ja": "カカオトークチャンネル"},
    "extra_hint": {"ko": "추가 문구 (선택)", "en": "Extra line (optional)",
                   "ja": "追加の一文（任意）"},
    "empty_hint": {"ko": "사업장 정보를 입력하면 여기에 표시됩니다",
                   "en": "Your business information will appear here once you fill it in",
                   "ja": "事業所の情報を入力するとここに表示されます"},
}


class FooterProps(Props):
    show_nav: bool = Field(True, json_schema_extra=ui(
        {"ko": "페이지 메뉴 보이기", "en": "Show page links", "ja": "ページリンクを表示"},
        "toggle"))
    show_hours: bool = Field(True, json_schema_extra=ui(
        {"ko": "영업시간 보이기", "en": "Show opening hours", "ja": "営業時間を表示"}, "toggle"))
    show_social: bool = Field(True, json_schema_extra=ui(
        {"ko": "인스타그램·카카오톡 채널 보이기", "en": "Show Instagram and KakaoTalk links",
         "ja": "Instagram・カカオトークを表示"}, "toggle"))
    extra_line: Text(200) = Field("", json_schema_extra=ui(
        {"ko": "추가 문구", "en": "Extra line", "ja": "追加の一文"}, "text", inline=True,
        help={"ko": "예: 호스팅 제공자, 개인정보 보호책임자 등",
              "en": "E.g. hosting provider, privacy officer",
              "ja": "例: ホスティング事業者、個人情報保護責任者など"}))
    copyright: Text(120) = Field("© {year} {business_name}", json_schema_extra=ui(
        {"ko": "저작권 표시", "en": "Copyright", "ja": "著作権表示"}, "text",
        help={"ko": "{year}는 아래 연도로, {business_name}은 상호로 바뀌어요.",
              "en": "{year} becomes the year below, {business_name} your business name.",
              "ja": "{year} は下の年に、{business_name} は商号に置き換わります。"}))
    year: Text(4) = Field("", pattern=r"^(\d{4})?$", json_schema_extra=ui(
        {"ko": "연도", "en": "Year", "ja": "年"}, "text",
        help={"ko": "예: 2025 (비워 두면 연도를 표시하지 않아요)",
              "en": "E.g. 2025 (empty: no year)", "ja": "例: 2025（空欄なら年を表示しません）"}))


COMPONENT = Component(
    type="footer",
    props=FooterProps,
    labels={"ko": "사업자 정보 (바닥글)", "en": "Footer", "ja": "フッター"},
    description={"ko": "상호·대표자·사업자등록번호 등 사이트 맨 아래 사업자 정보",
                 "en": "Business details required at the bottom of Korean sites",
                 "ja": "商号・代表者・事業者登録番号などのフッター情報"},
    category="site",
    icon="M3 4h18v16H3zM3 15h18M6 17.5h7",
    singleton=True,
    uses_profile=True,
    defaults=lambda: {
        "show_nav": True,
        "show_hours": True,
        "show_social": True,
        "extra_line": "",
        "copyright": "© {year} {business_name}",
        "year": "",
    },
)
