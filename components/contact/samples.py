"""Sample content of a new contact block, by business type and site language (the buttons
themselves come from the business profile)."""

HEADING = {"ko": "연락하기", "en": "Get in touch", "ja": "お問い合わせ"}


def _contact(locale: str, text: str) -> dict:
    return {"heading": HEADING[locale], "text": text}


SAMPLES = {
    "cafe": {"ko": _contact("ko", "단체 주문이나 케이크 예약은 편하게 연락 주세요."),
             "en": _contact("en", "Group orders, or a cake for a special day? We'd love to hear "
                             "from you."),
             "ja": _contact("ja", "団体のご注文やケーキのご予約は、お気軽にご連絡ください。")},
    "restaurant": {"ko": _contact("ko", "예약이나 포장 주문은 전화로 받아요."),
                   "en": _contact("en", "Call us to book a table or order food to take away."),
                   "ja": _contact("ja", "ご予約やお持ち帰りのご注文はお電話で承ります。")},
    "shop": {"ko": _contact("ko", "재고나 배송이 궁금하시면 언제든 물어봐 주세요."),
             "en": _contact("en", "Questions about stock or delivery? Just ask."),
             "ja": _contact("ja", "在庫や配送について、いつでもお問い合わせください。")},
    "beauty": {"ko": _contact("ko", "예약 변경이나 시술 상담은 편하게 연락 주세요."),
               "en": _contact("en", "Need to change a booking, or thinking about a new "
                              "look? Call or message us."),
               "ja": _contact("ja", "予約の変更や施術のご相談はお気軽にどうぞ。")},
    "clinic": {"ko": _contact("ko", "진료 예약이나 검진 문의는 진료 시간에 전화 주세요."),
               "en": _contact("en", "Call during surgery hours to book or ask about "
                              "check-ups."),
               "ja": _contact("ja", "診療のご予約や健診のお問い合わせは、診療時間内にお電話"
                              "ください。")},
    "academy": {"ko": _contact("ko", "수업 상담이나 레벨 테스트 예약은 편하게 연락 주세요."),
                "en": _contact("en", "Want to book a placement test or talk about classes? "
                               "We're happy to help."),
                "ja": _contact("ja", "授業のご相談やレベルチェックのご予約はお気軽にどうぞ。")},
    "office": {"ko": _contact("ko", "세금이나 기장 문의는 전화나 카카오톡으로 편하게 남겨 "
                              "주세요."),
               "en": _contact("en", "Questions about tax or bookkeeping? Call or message us."),
               "ja": _contact("ja", "税金や記帳のご相談は、お電話やメッセージでお気軽に。")},
    "freelancer": {"ko": _contact("ko", "촬영 일정이나 견적이 궁금하시면 연락 주세요."),
                   "en": _contact("en", "Ask me about dates and prices for your shoot."),
                   "ja": _contact("ja", "撮影の日程やお見積もりはお気軽にお問い合わせください。")},
    "other": {"ko": _contact("ko", "궁금한 점은 언제든 편하게 연락 주세요."),
              "en": _contact("en", "If you have any questions, we'd love to hear from you."),
              "ja": _contact("ja", "気になることがあれば、いつでもお気軽にご連絡ください。")},
}
