"""Opening hours: the week's hours from the business profile, with breaks and closed days."""

from pydantic import Field

from components import Component, Props, ui
from components._types import Text
from components.opening_hours.samples import SAMPLES

STRINGS = {
    "day_mon": {"ko": "월요일", "en": "Monday", "ja": "月曜日"},
    "day_tue": {"ko": "화요일", "en": "Tuesday", "ja": "火曜日"},
    "day_wed": {"ko": "수요일", "en": "Wednesday", "ja": "水曜日"},
    "day_thu": {"ko": "목요일", "en": "Thursday", "ja": "木曜日"},
    "day_fri": {"ko": "금요일", "en": "Friday", "ja": "金曜日"},
    "day_sat": {"ko": "토요일", "en": "Saturday", "ja": "土曜日"},
    "day_sun": {"ko": "일요일", "en": "Sunday", "ja": "日曜日"},
    "short_mon": {"ko": "월", "en": "Mon", "ja": "月"},
    "short_tue": {"ko": "화", "en": "Tue", "ja": "火"},
    "short_wed": {"ko": "수", "en": "Wed", "ja": "水"},
    "short_thu": {"ko": "목", "en": "Thu", "ja": "木"},
    "short_fri": {"ko": "금", "en": "Fri", "ja": "金"},
    "short_sat": {"ko": "토", "en": "Sat", "ja": "土"},
    "short_sun": {"ko": "일", "en": "Sun", "ja": "日"},
    "day_range": {"ko": "{start}부터 {end}까지", "en": "{start} to {end}",
                  "ja": "{start}から{end}まで"},
    "every_day": {"ko": "매일", "en": "Every day", "ja": "毎日"},
    "closed": {"ko": "휴무", "en": "Closed", "ja": "定休日"},
    "break": {"ko": "브레이크 타임", "en": "Break", "ja": "休憩時間"},
    "no_data": {"ko": "정보 없음", "en": "Not set", "ja": "未設定"},
    "empty_hint": {"ko": "사업장 정보에서 영업시간을 입력하세요",
                   "en": "Enter your opening hours in the business profile",
                   "ja": "事業所情報で営業時間を入力してください"},
}


class OpeningHoursProps(Props):
    heading: Text(60) = Field("영업시간", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    show_break: bool = Field(True, json_schema_extra=ui(
        {"ko": "브레이크 타임 보이기", "en": "Show breaks", "ja": "休憩時間を表示"}, "toggle"))
    group_days: bool = Field(True, json_schema_extra=ui(
        {"ko": "같은 시간인 요일 묶기 (월–금)", "en": "Group days with the same hours (Mon–Fri)",
         "ja": "同じ時間の曜日をまとめる（月〜金）"}, "toggle"))
    note: Text(200) = Field("", json_schema_extra=ui(
        {"ko": "추가 안내", "en": "Extra note", "ja": "追加のお知らせ"}, "textarea", inline=True,
        help={"ko": "예: 재료 소진 시 일찍 마감할 수 있어요.",
              "en": "E.g. We may close early when sold out.",
              "ja": "例：材料がなくなり次第閉店することがあります。"}))


COMPONENT = Component(
    type="opening_hours",
    props=OpeningHoursProps,
    labels={"ko": "영업시간", "en": "Opening hours", "ja": "営業時間"},
    description={"ko": "사업장 정보의 요일별 영업시간과 휴무일",
                 "en": "Weekly hours and closed days from your business profile",
                 "ja": "事業所情報の曜日別営業時間と定休日"},
    category="business",
    icon="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 2",
    uses_profile=True,
    samples=SAMPLES,
)
