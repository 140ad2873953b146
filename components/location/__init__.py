"""Location (오시는 길): the address from the business profile, parking and transit notes, and
buttons that open Naver Map, Kakao Map or Google Maps (plain links: no map script, no iframe)."""

from pydantic import Field

from components import Component, Props, ui
from components._types import Text
from components.location.samples import SAMPLES

STRINGS = {
    "address": {"ko": "주소", "en": "Address", "ja": "住所"},
    "parking": {"ko": "주차", "en": "Parking", "ja": "駐車場"},
    "transit": {"ko": "대중교통", "en": "Public transport", "ja": "公共交通機関"},
    "maps": {"ko": "지도 앱에서 보기", "en": "Open in a map app", "ja": "地図アプリで見る"},
    "naver_map": {"ko": "네이버 지도", "en": "Naver Map", "ja": "NAVER地図"},
    "kakao_map": {"ko": "카카오맵", "en": "Kakao Map", "ja": "カカオマップ"},
    "google_map": {"ko": "구글 지도", "en": "Google Maps", "ja": "Googleマップ"},
    "empty_hint": {"ko": "사업장 정보에서 주소를 입력하세요",
                   "en": "Enter your address in the business profile",
                   "ja": "事業所情報で住所を入力してください"},
}


class LocationProps(Props):
    heading: Text(60) = Field("오시는 길", json_schema_extra=ui(
        {"ko": "제목", "en": "Heading", "ja": "見出し"}, "text", inline=True))
    address: Text(200) = Field("", json_schema_extra=ui(
        {"ko": "다른 주소 쓰기", "en": "Different address", "ja": "別の住所"}, "text",
        help={"ko": "비워 두면 사업장 정보의 주소를 보여 줘요.",
              "en": "Leave empty to use the address from your business profile.",
              "ja": "空欄にすると事業所情報の住所を表示します。"}))
    parking: Text(200) = Field("", json_schema_extra=ui(
        {"ko": "주차 안내", "en": "Parking", "ja": "駐車場の案内"}, "textarea", inline=True))
    transit: Text(300) = Field("", json_schema_extra=ui(
        {"ko": "대중교통 안내", "en": "Public transport", "ja": "公共交通機関の案内"}, "textarea",
        inline=True))
    show_naver: bool = Field(True, json_schema_extra=ui(
        {"ko": "네이버 지도 버튼", "en": "Naver Map button", "ja": "NAVER地図ボタン"}, "toggle"))
    show_kakao: bool = Field(True, json_schema_extra=ui(
        {"ko": "카카오맵 버튼", "en": "Kakao Map button", "ja": "カカオマップボタン"}, "toggle"))
    show_google: bool = Field(False, json_schema_extra=ui(
        {"ko": "구글 지도 버튼", "en": "Google Maps button", "ja": "Googleマップボタン"},
        "toggle"))
    anchor: Text(40) = Field("", pattern=r"^[a-z0-9-]*$", json_schema_extra=ui(
        {"ko": "바로가기 이름", "en": "Anchor name", "ja": "アンカー名"}, "text",
        help={"ko": "버튼에서 #이름 으로 이 부분에 바로 올 수 있어요 (영문 소문자, 숫자, -).",
              "en": "Buttons can jump here with #name (lower-case letters, digits, -).",
              "ja": "ボタンから #名前 でここへ移動できます（英小文字・数字・-）。"}))


COMPONENT = Component(
    type="location",
    props=LocationProps,
    labels={"ko": "오시는 길", "en": "Location", "ja": "アクセス"},
    description={"ko": "주소, 주차·대중교통 안내와 지도 앱 버튼",
                 "en": "Address, parking and transit notes, map app buttons",
                 "ja": "住所、駐車場・交通案内と地図アプリのボタン"},
    category="business",
    icon=("M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21z"
          "M12 7a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z"),
    uses_profile=True,
    samples=SAMPLES,
)
