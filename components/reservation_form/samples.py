"""Sample content of a new reservation form, by business type and site language: what a
booking of that trade needs (a table for four, a haircut, a consultation …)."""

COMMON = {
    "ko": {"submit_label": "예약 요청하기",
           "success_message": "예약 요청이 접수되었어요. 확인 후 문자로 연락드릴게요."},
    "en": {"submit_label": "Request a booking",
           "success_message": "Thank you! We'll confirm your booking by message shortly."},
    "ja": {"submit_label": "予約をリクエスト",
           "success_message": "ご予約のリクエストを受け付けました。確認のうえご連絡します。"},
}


def _booking(locale: str, heading: str, intro: str, slots: str, note: str,
             party: tuple[int, int] | None, *fields: dict) -> dict:
    low, high = party or (1, 10)
    return {**COMMON[locale], "heading": heading, "intro": intro, "time_slots": slots,
            "note": note, "show_party_size": party is not None, "min_party": low,
            "max_party": high, "fields": list(fields), "privacy_consent": True}


def _ask(label: str, hint: str = "") -> dict:
    return {"label": label, "kind": "textarea", "placeholder": hint}


def _choose(label: str, options: str) -> dict:
    return {"label": label, "kind": "select", "required": True, "options": options}


SAMPLES = {
    "cafe": {
        "ko": _booking("ko", "단체·케이크 예약", "원하시는 날짜와 시간을 남겨 주시면 확인 후 "
                       "문자로 연락드릴게요.", "10:00, 12:00, 14:00, 16:00",
                       "케이크는 받으시기 이틀 전까지 예약해 주세요.", (1, 12),
                       _ask("요청 사항", "케이크 레터링, 단체 좌석 등 필요한 것을 적어 주세요.")),
        "en": _booking("en", "Groups and cakes", "Choose a date and time and we'll confirm by "
                       "message.", "10:00, 12:00, 14:00, 16:00",
                       "Please book cakes at least two days ahead.", (1, 12),
                       _ask("Anything else?", "Writing on the cake, seating for a group…")),
        "ja": _booking("ja", "団体・ケーキのご予約", "ご希望の日時をお知らせください。確認のうえ"
                       "ご連絡します。", "10:00, 12:00, 14:00, 16:00",
                       "ケーキはお受け取りの2日前までにご予約ください。", (1, 12),
                       _ask("ご要望", "ケーキのメッセージ、団体席など")),
    },
    "restaurant": {
        "ko": _booking("ko", "자리 예약", "원하시는 날짜와 시간을 남겨 주시면 확인 후 문자로 "
                       "연락드릴게요.", "11:30, 12:30, 17:30, 18:30, 19:30",
                       "예약은 확정 문자를 받으시면 완료돼요. 아홉 분 이상은 전화로 "
                       "문의해 주세요.", (1, 8),
                       _ask("요청 사항", "아기 의자, 기념일 등 필요한 것을 적어 주세요.")),
        "en": _booking("en", "Book a table", "Choose a date and time and we'll confirm by "
                       "message.", "11:30, 12:30, 17:30, 18:30, 19:30",
                       "Your table is booked once you get our confirmation. For nine or "
                       "more, please call us.", (1, 8),
                       _ask("Anything else?", "A high chair, a birthday…")),
        "ja": _booking("ja", "お席のご予約", "ご希望の日時をお知らせください。確認のうえ"
                       "ご連絡します。", "11:30, 12:30, 17:30, 18:30, 19:30",
                       "確認のご連絡をもってご予約完了です。9名様以上はお電話でお問い合わせ"
                       "ください。", (1, 8),
                       _ask("ご要望", "子ども用の椅子、記念日など")),
    },
    "shop": {
        "ko": _booking("ko", "방문 예약", "천천히 둘러보고 싶으시면 방문 시간을 예약해 "
                       "주세요. 예약 시간에는 한 팀만 모셔요.", "11:00, 13:00, 15:00, 17:00",
                       "예약 없이 오셔도 구경하실 수 있어요.", (1, 4),
                       _ask("보고 싶은 상품", "미리 알려 주시면 꺼내 둘게요.")),
        "en": _booking("en", "Book a visit", "Want to browse at your own pace? Book a time "
                       "and the shop is yours alone.", "11:00, 13:00, 15:00, 17:00",
                       "You're always welcome to drop in without booking too.", (1, 4),
                       _ask("Anything you'd like to see?", "Tell us and we'll have it "
                            "ready.")),
        "ja": _booking("ja", "来店のご予約", "ゆっくりご覧になりたい方は来店時間をご予約"
                       "ください。その時間は1組様だけをご案内します。",
                       "11:00, 13:00, 15:00, 17:00", "予約なしでもご覧いただけます。", (1, 4),
                       _ask("ご覧になりたい商品", "事前にお知らせいただければご用意します。")),
    },
    "beauty": {
        "ko": _booking("ko", "시술 예약", "원하시는 시술과 시간을 고르시면 확인 후 문자로 "
                       "연락드릴게요.", "10:00, 11:00, 13:00, 14:00, 15:00, 16:00, 17:00",
                       "예약 변경은 하루 전까지 연락 주세요.", None,
                       _choose("원하시는 시술", "커트, 펌, 염색, 클리닉"),
                       _ask("요청 사항", "원하시는 스타일이나 지금 머리 상태를 적어 주세요.")),
        "en": _booking("en", "Book an appointment", "Choose a service and a time, and we'll "
                       "confirm by message.", "10:00, 11:00, 13:00, 14:00, 15:00, 16:00, 17:00",
                       "Please let us know a day ahead if you need to change it.", None,
                       _choose("Service", "Cut, Perm, Colour, Treatment"),
                       _ask("Anything else?", "The style you'd like, or how your hair is "
                            "now.")),
        "ja": _booking("ja", "施術のご予約", "ご希望のメニューと時間をお選びください。確認の"
                       "うえご連絡します。", "10:00, 11:00, 13:00, 14:00, 15:00, 16:00, 17:00",
                       "予約の変更は前日までにご連絡ください。", None,
                       _choose("ご希望のメニュー", "カット, パーマ, カラー, トリートメント"),
                       _ask("ご要望", "ご希望のスタイルや、いまの髪の状態")),
    },
    "clinic": {
        "ko": _booking("ko", "진료 예약", "원하시는 날짜와 시간을 남겨 주시면 확인 후 "
                       "연락드려요.", "09:30, 10:30, 11:30, 14:00, 15:00, 16:00, 17:00",
                       "예약은 확정 연락을 받으시면 완료돼요. 급하실 때는 바로 내원해 "
                       "주세요.", None,
                       _choose("방문 목적", "일반 진료, 예방접종, 건강검진, 기타")),
        "en": _booking("en", "Book an appointment", "Choose a date and time and we'll "
                       "confirm.", "09:30, 10:30, 11:30, 14:00, 15:00, 16:00, 17:00",
                       "Your appointment is booked once we confirm it. If it's urgent, just "
                       "come in.", None,
                       _choose("Reason for visit", "General consultation, Vaccination, "
                               "Check-up, Other")),
        "ja": _booking("ja", "診療のご予約", "ご希望の日時をお知らせください。確認のうえ"
                       "ご連絡します。", "09:30, 10:30, 11:30, 14:00, 15:00, 16:00, 17:00",
                       "確認のご連絡をもってご予約完了です。お急ぎの場合はそのままご来院"
                       "ください。", None,
                       _choose("ご来院の目的", "一般診療, 予防接種, 健康診断, その他")),
    },
    "academy": {
        "ko": _booking("ko", "상담 예약", "레벨 테스트와 상담 시간을 예약해 주세요. 30분 "
                       "정도 걸려요.", "14:00, 15:00, 16:00, 17:00, 19:00",
                       "아이와 함께 와 주세요.", None,
                       _choose("학생 학년", "초등 1~2학년, 초등 3~4학년, 초등 5~6학년, 중학생"),
                       _ask("궁금한 점", "지금 영어 공부를 어떻게 하고 있는지 적어 주세요.")),
        "en": _booking("en", "Book a consultation", "Book a placement test and a chat with "
                       "us. It takes about 30 minutes.", "14:00, 15:00, 16:00, 17:00, 19:00",
                       "Please come with your child.", None,
                       _choose("Your child's grade", "Grades 1–2, Grades 3–4, Grades 5–6, "
                               "Middle school"),
                       _ask("Questions", "How does your child study English now?")),
        "ja": _booking("ja", "面談のご予約", "レベルチェックと面談の時間をご予約ください。"
                       "30分ほどかかります。", "14:00, 15:00, 16:00, 17:00, 19:00",
                       "お子さまとご一緒にお越しください。", None,
                       _choose("お子さまの学年", "小学1〜2年生, 小学3〜4年生, 小学5〜6年生, "
                               "中学生"),
                       _ask("ご質問", "いまの英語の学び方を書いてください。")),
    },
    "office": {
        "ko": _booking("ko", "상담 예약", "방문 상담 시간을 예약해 주세요. 전화 상담도 "
                       "가능해요.", "10:00, 11:00, 14:00, 15:00, 16:00",
                       "상담 전날 확인 연락을 드려요.", None,
                       _choose("상담 분야", "종합소득세, 부가가치세, 기장, 창업, 기타")),
        "en": _booking("en", "Book a consultation", "Book a time to meet us. We can also "
                       "talk on the phone.", "10:00, 11:00, 14:00, 15:00, 16:00",
                       "We'll confirm the day before.", None,
                       _choose("Topic", "Income tax, VAT, Bookkeeping, Starting a business, "
                               "Other")),
        "ja": _booking("ja", "相談のご予約", "ご来所の時間をご予約ください。お電話での"
                       "ご相談もできます。", "10:00, 11:00, 14:00, 15:00, 16:00",
                       "前日に確認のご連絡をします。", None,
                       _choose("ご相談の内容", "総合所得税, 付加価値税, 記帳, 開業, その他")),
    },
    "freelancer": {
        "ko": _booking("ko", "촬영 예약", "원하시는 날짜와 시간을 남겨 주시면 확인 후 "
                       "연락드려요.", "10:00, 13:00, 16:00", "야외 촬영은 날씨에 따라 날짜를 "
                       "바꿀 수 있어요.", (1, 10),
                       _choose("촬영 종류", "프로필, 가족사진, 제품 사진, 기타")),
        "en": _booking("en", "Book a shoot", "Choose a date and time and I'll confirm.",
                       "10:00, 13:00, 16:00", "Outdoor shoots can move if the weather "
                       "turns.", (1, 10),
                       _choose("Kind of shoot", "Profile, Family, Products, Other")),
        "ja": _booking("ja", "撮影のご予約", "ご希望の日時をお知らせください。確認のうえ"
                       "ご連絡します。", "10:00, 13:00, 16:00", "屋外撮影は天候によって"
                       "日程を変更できます。", (1, 10),
                       _choose("撮影の種類", "プロフィール, 家族写真, 商品撮影, その他")),
    },
    "other": {
        "ko": _booking("ko", "예약 문의", "원하시는 날짜와 시간을 남겨 주시면 확인 후 문자로 "
                       "연락드릴게요.", "10:00, 11:00, 13:00, 14:00, 15:00, 16:00",
                       "예약은 확정 문자를 받으시면 완료돼요.", (1, 6),
                       _ask("요청 사항", "필요한 것이 있으면 적어 주세요.")),
        "en": _booking("en", "Make a booking", "Choose a date and time and we'll confirm by "
                       "message.", "10:00, 11:00, 13:00, 14:00, 15:00, 16:00",
                       "Your booking is confirmed once you hear from us.", (1, 6),
                       _ask("Anything else?", "Let us know if you need anything.")),
        "ja": _booking("ja", "ご予約", "ご希望の日時をお知らせください。確認のうえご連絡"
                       "します。", "10:00, 11:00, 13:00, 14:00, 15:00, 16:00",
                       "確認のご連絡をもってご予約完了です。", (1, 6),
                       _ask("ご要望", "必要なことがあればお書きください。")),
    },
}
