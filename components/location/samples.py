"""Sample content of a new location block, by site language (the address comes from the
business profile). It offers the anchor ``#location`` for buttons, unless the page already
has one."""

from components import anchor_if_free

SAMPLES = {
    "other": {
        "ko": {"heading": "오시는 길", "anchor": anchor_if_free("location"),
               "parking": "건물 뒤편 공영주차장을 이용해 주세요.",
               "transit": "가까운 지하철역에서 걸어서 5분 거리예요.",
               "show_naver": True, "show_kakao": True, "show_google": False},
        "en": {"heading": "Find us", "anchor": anchor_if_free("location"),
               "parking": "Please use the public car park behind the building.",
               "transit": "A five-minute walk from the nearest subway station.",
               "show_naver": True, "show_kakao": True, "show_google": True},
        "ja": {"heading": "アクセス", "anchor": anchor_if_free("location"),
               "parking": "建物裏の公営駐車場をご利用ください。",
               "transit": "最寄りの地下鉄駅から徒歩5分です。",
               "show_naver": True, "show_kakao": True, "show_google": True},
    },
}
