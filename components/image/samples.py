"""Sample content of a new picture block, by business type and site language: a caption that
waits for the owner's picture."""

SAMPLES = {
    "cafe": {"ko": {"caption": "매일 아침, 오븐에서 막 꺼낸 크루아상"},
             "en": {"caption": "Croissants straight from the oven, every morning"},
             "ja": {"caption": "毎朝オーブンから出したばかりのクロワッサン"}},
    "restaurant": {"ko": {"caption": "오늘의 점심 정식"}, "en": {"caption": "Today's lunch set"},
                   "ja": {"caption": "本日のランチ定食"}},
    "shop": {"ko": {"caption": "이번 주에 새로 들어온 그릇"},
             "en": {"caption": "New bowls in this week"},
             "ja": {"caption": "今週入荷したうつわ"}},
    "beauty": {"ko": {"caption": "가볍게 떨어지는 레이어드 컷"},
               "en": {"caption": "A light layered cut"},
               "ja": {"caption": "軽やかなレイヤーカット"}},
    "clinic": {"ko": {"caption": "밝고 넓은 대기실"}, "en": {"caption": "Our bright waiting room"},
               "ja": {"caption": "明るく広い待合室"}},
    "academy": {"ko": {"caption": "여섯 명이 함께하는 리딩 수업"},
                "en": {"caption": "A reading class of six"},
                "ja": {"caption": "6人で受けるリーディングの授業"}},
    "office": {"ko": {"caption": "편하게 이야기 나누는 상담실"},
               "en": {"caption": "Our meeting room"},
               "ja": {"caption": "ゆっくりお話しできる相談室"}},
    "freelancer": {"ko": {"caption": "늦은 오후 햇빛으로 찍은 프로필"},
                   "en": {"caption": "A portrait in the late afternoon light"},
                   "ja": {"caption": "午後の光で撮ったプロフィール写真"}},
    "other": {"ko": {"caption": "우리 가게의 하루"}, "en": {"caption": "A day with us"},
              "ja": {"caption": "わたしたちの一日"}},
}
