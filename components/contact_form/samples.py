"""Sample content of a new contact form, by business type and site language: name, a way to
reply (a phone number on Korean sites, an e-mail address on English and Japanese ones) and
the message, with a trade's own introduction and hint."""

FIELDS = {
    "ko": (("이름", "text", "홍길동"), ("연락처", "tel", "010-0000-0000"),
           ("문의 내용", "textarea")),
    "en": (("Name", "text", ""), ("E-mail", "email", ""), ("Message", "textarea")),
    "ja": (("お名前", "text", "山田 花子"), ("メールアドレス", "email", ""),
           ("お問い合わせ内容", "textarea")),
}
COMMON = {
    "ko": {"heading": "문의하기", "submit_label": "보내기",
           "success_message": "문의가 잘 접수되었어요. 확인하고 곧 연락드릴게요."},
    "en": {"heading": "Send us a message", "submit_label": "Send",
           "success_message": "Thank you, we've got your message and will reply soon."},
    "ja": {"heading": "お問い合わせ", "submit_label": "送信する",
           "success_message": "お問い合わせを受け付けました。確認のうえ、折り返しご連絡します。"},
}


def _form(locale: str, intro: str, hint: str, **extra: str) -> dict:
    (name, name_kind, name_hint), (reply, reply_kind, reply_hint), (message, message_kind) = \
        FIELDS[locale]
    return {**COMMON[locale], "intro": intro, "privacy_consent": True, "fields": [
        {"label": name, "kind": name_kind, "required": True, "placeholder": name_hint},
        {"label": reply, "kind": reply_kind, "required": True, "placeholder": reply_hint},
        {"label": message, "kind": message_kind, "required": True, "placeholder": hint},
    ], **extra}


SAMPLES = {
    "cafe": {
        "ko": _form("ko", "단체 주문, 케이크 예약, 대관 문의 무엇이든 남겨 주세요.",
                    "받으실 날짜와 수량을 적어 주시면 빨리 안내해 드려요."),
        "en": _form("en", "Group orders, cakes, booking the café for an event: ask us "
                    "anything.", "Tell us the date and how many, and we'll reply quickly."),
        "ja": _form("ja", "団体のご注文、ケーキのご予約、貸し切りのご相談など、"
                    "なんでもお寄せください。", "受け取り日と数量を書いていただくと、"
                    "早くご案内できます。"),
    },
    "restaurant": {
        "ko": _form("ko", "단체 예약, 도시락 주문, 대관 문의를 남겨 주세요.",
                    "날짜, 인원, 원하시는 메뉴를 적어 주세요."),
        "en": _form("en", "Group bookings, lunch-box orders or hiring the room: leave us a "
                    "note.", "The date, how many people and what you'd like to eat."),
        "ja": _form("ja", "団体予約、お弁当のご注文、貸し切りのご相談をお寄せください。",
                    "日にち、人数、ご希望のお料理を書いてください。"),
    },
    "shop": {
        "ko": _form("ko", "재고, 배송, 단체 선물 주문이 궁금하시면 남겨 주세요.",
                    "궁금한 상품 이름과 수량을 적어 주세요."),
        "en": _form("en", "Questions about stock, delivery or corporate gifts? Leave us a "
                    "message.", "Which product, and how many?"),
        "ja": _form("ja", "在庫や配送、まとまった数のギフトのご相談はこちらから。",
                    "気になる商品名と数量を書いてください。"),
    },
    "beauty": {
        "ko": _form("ko", "시술 상담이나 예약 변경을 남겨 주시면 확인 후 연락드려요.",
                    "원하시는 스타일이나 지금 머리 상태를 적어 주세요."),
        "en": _form("en", "Ask about a new look or change a booking, and we'll get back to "
                    "you.", "The style you'd like, or how your hair is now."),
        "ja": _form("ja", "施術のご相談や予約の変更はこちらから。確認してご連絡します。",
                    "ご希望のスタイルや、いまの髪の状態を書いてください。"),
    },
    "clinic": {
        "ko": _form("ko", "진료 시간, 예방접종, 건강검진에 대해 궁금한 점을 남겨 주세요. "
                    "증상에 대한 상담은 진료실에서 해 드려요.",
                    "궁금하신 내용을 적어 주세요."),
        "en": _form("en", "Questions about opening hours, vaccinations or check-ups? Ask "
                    "here. We discuss symptoms in person at the clinic.",
                    "What would you like to know?"),
        "ja": _form("ja", "診療時間や予防接種、健康診断についてのご質問はこちらから。"
                    "症状のご相談は診察室でうかがいます。", "お問い合わせ内容を書いてください。"),
    },
    "academy": {
        "ko": _form("ko", "수업 상담을 원하시면 남겨 주세요. 하루 안에 연락드려요.",
                    "아이 학년과 지금 영어 공부를 어떻게 하고 있는지 적어 주세요."),
        "en": _form("en", "Want to talk about classes? Leave a message and we'll be in "
                    "touch within a day.", "Your child's grade and how they study English "
                    "now."),
        "ja": _form("ja", "授業のご相談はこちらから。1日以内にご連絡します。",
                    "お子さまの学年と、いまの英語の学び方を書いてください。"),
    },
    "office": {
        "ko": _form("ko", "세금, 기장, 창업 준비 무엇이든 남겨 주세요. 첫 상담은 무료예요.",
                    "업종과 궁금하신 내용을 간단히 적어 주세요."),
        "en": _form("en", "Tax, bookkeeping or starting a business: ask us anything. The "
                    "first consultation is free.", "Your type of business and your question, "
                    "in a few words."),
        "ja": _form("ja", "税金、記帳、開業準備など、なんでもご相談ください。"
                    "初回のご相談は無料です。", "業種とご質問を簡単に書いてください。"),
    },
    "freelancer": {
        "ko": _form("ko", "촬영 문의를 남겨 주시면 하루 안에 답장드려요.",
                    "촬영 종류, 원하시는 날짜와 장소를 적어 주세요."),
        "en": _form("en", "Tell me about your shoot and I'll reply within a day.",
                    "What kind of shoot, and the date and place you have in mind."),
        "ja": _form("ja", "撮影のご相談はこちらから。1日以内にお返事します。",
                    "撮影の種類、ご希望の日にちと場所を書いてください。"),
    },
    "other": {
        "ko": _form("ko", "궁금한 점을 남겨 주시면 확인하고 연락드릴게요.",
                    "궁금하신 내용을 자유롭게 적어 주세요."),
        "en": _form("en", "Leave us a message and we'll get back to you.",
                    "What would you like to ask?"),
        "ja": _form("ja", "お問い合わせ内容をお送りください。確認してご連絡します。",
                    "ご自由にお書きください。"),
    },
}
