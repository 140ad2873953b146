"""Sample content of a new heading, by business type and site language."""

SAMPLES = {
    "cafe": {"ko": {"text": "우리 가게 이야기"}, "en": {"text": "Our story"},
             "ja": {"text": "お店のこと"}},
    "restaurant": {"ko": {"text": "정성으로 차린 한 상"}, "en": {"text": "Cooked with care"},
                   "ja": {"text": "心をこめた食卓"}},
    "shop": {"ko": {"text": "이번 달 새로 들어온 물건"}, "en": {"text": "New this month"},
             "ja": {"text": "今月の新入荷"}},
    "beauty": {"ko": {"text": "스타일 상담부터 마무리까지"},
               "en": {"text": "From consultation to finish"},
               "ja": {"text": "カウンセリングから仕上げまで"}},
    "clinic": {"ko": {"text": "진료 안내"}, "en": {"text": "Our services"},
               "ja": {"text": "診療のご案内"}},
    "academy": {"ko": {"text": "수업 안내"}, "en": {"text": "Our classes"},
                "ja": {"text": "授業のご案内"}},
    "office": {"ko": {"text": "도와드리는 일"}, "en": {"text": "How we help"},
               "ja": {"text": "業務のご案内"}},
    "freelancer": {"ko": {"text": "작업 소개"}, "en": {"text": "About my work"},
                   "ja": {"text": "仕事について"}},
    "other": {"ko": {"text": "우리 가게 이야기"}, "en": {"text": "About us"},
              "ja": {"text": "私たちについて"}},
}
