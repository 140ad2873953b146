"""Sample content of a new hero, by business type and site language.

Buttons are ``button_to(...)``: a button appears only when the site has where it leads (the
menu's anchor on this page, a page with a reservation form, the profile's phone …)."""

from components import button_to


def _buttons(first: tuple[str, tuple[str, ...]], second: tuple[str, tuple[str, ...]]) -> list:
    return [{"label": first[0], "link": button_to(*first[1]), "style": "primary"},
            {"label": second[0], "link": button_to(*second[1]), "style": "secondary"}]


BOOK = ("reservation_form", "phone")
ASK = ("contact_form", "phone")

SAMPLES = {
    "cafe": {
        "ko": {"title": "매일 아침 굽는 빵",
               "subtitle": "동네 사랑방 같은 작은 빵집이에요. 갓 구운 빵과 따뜻한 커피를 "
                           "준비해 두고 기다릴게요.",
               "buttons": _buttons(("메뉴 보기", ("menu",)), ("오시는 길", ("location",)))},
        "en": {"title": "Bread baked fresh every morning",
               "subtitle": "A small neighbourhood bakery and café. Come in for warm bread, "
                           "good coffee and a quiet seat by the window.",
               "buttons": _buttons(("See the menu", ("menu",)), ("Find us", ("location",)))},
        "ja": {"title": "毎朝焼きあげるパン",
               "subtitle": "街の小さなベーカリーカフェです。焼きたてのパンとあたたかいコーヒーを"
                           "用意してお待ちしています。",
               "buttons": _buttons(("メニューを見る", ("menu",)), ("アクセス", ("location",)))},
    },
    "restaurant": {
        "ko": {"title": "제철 재료로 차리는 집밥 한 상",
               "subtitle": "새벽 시장에서 장 본 재료로 매일 반찬을 새로 만들어요. 점심 한 끼도 "
                           "저녁 한잔도 편하게 들르세요.",
               "buttons": _buttons(("메뉴 보기", ("menu",)), ("예약하기", BOOK))},
        "en": {"title": "Home-style Korean cooking, made with what's in season",
               "subtitle": "We shop at the market every morning and make our side dishes fresh "
                           "each day. Drop in for lunch, or stay for dinner and a drink.",
               "buttons": _buttons(("See the menu", ("menu",)), ("Book a table", BOOK))},
        "ja": {"title": "旬の食材でつくる、家庭の味",
               "subtitle": "毎朝市場で仕入れた食材で、おかずを毎日手づくりしています。"
                           "お昼ごはんにも、夜の一杯にも気軽にどうぞ。",
               "buttons": _buttons(("メニューを見る", ("menu",)), ("予約する", BOOK))},
    },
    "shop": {
        "ko": {"title": "오래 곁에 두고 쓰는 물건들",
               "subtitle": "손에 익을수록 좋아지는 생활 소품을 골라 왔어요. 선물 포장도 "
                           "정성껏 해 드려요.",
               "buttons": _buttons(("상품 보기", ("products",)), ("오시는 길", ("location",)))},
        "en": {"title": "Everyday things made to last",
               "subtitle": "Homeware we chose because it gets better with use. Ask us to "
                           "gift-wrap anything you pick.",
               "buttons": _buttons(("Browse products", ("products",)),
                                   ("Visit the shop", ("location",)))},
        "ja": {"title": "長く使いたくなる暮らしの道具",
               "subtitle": "使うほどに手になじむ生活雑貨をセレクトしています。"
                           "ギフトラッピングも心をこめてお包みします。",
               "buttons": _buttons(("商品を見る", ("products",)), ("アクセス", ("location",)))},
    },
    "beauty": {
        "ko": {"title": "손질이 쉬운 머리, 오래가는 스타일",
               "subtitle": "상담부터 마무리까지 한 디자이너가 끝까지 맡아요. 집에서도 쉽게 "
                           "만질 수 있게 알려 드릴게요.",
               "buttons": _buttons(("예약하기", BOOK), ("가격 보기", ("menu",)))},
        "en": {"title": "Hair that's easy to live with",
               "subtitle": "One stylist looks after you from consultation to finish, and shows "
                           "you how to style it at home.",
               "buttons": _buttons(("Book an appointment", BOOK), ("See prices", ("menu",)))},
        "ja": {"title": "扱いやすくて長持ちするスタイルを",
               "subtitle": "カウンセリングから仕上げまで、ひとりのスタイリストが担当します。"
                           "おうちでのスタイリングのコツもお伝えします。",
               "buttons": _buttons(("予約する", BOOK), ("料金を見る", ("menu",)))},
    },
    "clinic": {
        "ko": {"title": "가까이에서 오래 만나는 동네 의원",
               "subtitle": "감기부터 만성질환 관리, 예방접종과 건강검진까지 우리 가족 건강을 "
                           "차근차근 살펴 드립니다.",
               "buttons": _buttons(("진료 예약", BOOK), ("오시는 길", ("location",)))},
        "en": {"title": "Your family doctor, just around the corner",
               "subtitle": "From colds to long-term conditions, vaccinations and health "
                           "check-ups, we take the time to look after the whole family.",
               "buttons": _buttons(("Book an appointment", BOOK), ("Find us", ("location",)))},
        "ja": {"title": "地域のかかりつけクリニック",
               "subtitle": "かぜから持病の管理、予防接種や健康診断まで。ご家族の健康を"
                           "ていねいに診ていきます。",
               "buttons": _buttons(("診療を予約", BOOK), ("アクセス", ("location",)))},
    },
    "academy": {
        "ko": {"title": "한 반에 여섯 명, 한 명 한 명 챙기는 영어 수업",
               "subtitle": "초등학생부터 중학생까지, 아이의 속도에 맞춰 읽고 말하고 쓰는 힘을 "
                           "기릅니다.",
               "buttons": _buttons(("상담 신청", ("reservation_form", "contact_form", "phone")),
                                   ("수업 안내", ("menu",)))},
        "en": {"title": "Small English classes where every child is seen",
               "subtitle": "Six students per class, from primary to middle school. Reading, "
                           "speaking and writing at your child's own pace.",
               "buttons": _buttons(("Book a consultation",
                                    ("reservation_form", "contact_form", "phone")),
                                   ("Classes and fees", ("menu",)))},
        "ja": {"title": "少人数だから、一人ひとりに目が届く英語教室",
               "subtitle": "1クラス6名まで。小学生から中学生まで、お子さまのペースで"
                           "読む・話す・書く力を育てます。",
               "buttons": _buttons(("面談を申し込む",
                                    ("reservation_form", "contact_form", "phone")),
                                   ("コースと料金", ("menu",)))},
    },
    "office": {
        "ko": {"title": "사장님의 세금, 처음부터 끝까지 함께합니다",
               "subtitle": "기장부터 부가세·종합소득세 신고까지, 어려운 말 없이 쉽게 설명해 "
                           "드려요.",
               "buttons": _buttons(("상담 문의", ASK), ("업무 안내", ("menu",)))},
        "en": {"title": "Tax and bookkeeping for small business owners",
               "subtitle": "From monthly bookkeeping to VAT and income tax returns, explained "
                           "in plain words.",
               "buttons": _buttons(("Ask us", ASK), ("Services and fees", ("menu",)))},
        "ja": {"title": "個人事業主と小さな会社の税務パートナー",
               "subtitle": "記帳代行から消費税・所得税の申告まで、専門用語を使わずに"
                           "わかりやすくご説明します。",
               "buttons": _buttons(("相談する", ASK), ("業務と料金", ("menu",)))},
    },
    "freelancer": {
        "ko": {"title": "자연스러운 순간을 담는 사진",
               "subtitle": "프로필, 가족사진, 작은 가게의 제품 사진까지. 편안한 분위기에서 "
                           "천천히 찍어요.",
               "buttons": _buttons(("작업 보기", ("gallery",)),
                                   ("촬영 문의", ("reservation_form", "contact_form")))},
        "en": {"title": "Photographs that feel like you",
               "subtitle": "Portraits, family sessions and product photos for small brands, "
                           "taken slowly and in a relaxed atmosphere.",
               "buttons": _buttons(("See my work", ("gallery",)),
                                   ("Book a shoot", ("reservation_form", "contact_form")))},
        "ja": {"title": "自然な瞬間を残す写真",
               "subtitle": "プロフィール写真、家族写真、小さなお店の商品写真まで。"
                           "リラックスした雰囲気でゆっくり撮影します。",
               "buttons": _buttons(("作品を見る", ("gallery",)),
                                   ("撮影のご相談", ("reservation_form", "contact_form")))},
    },
    "other": {
        "ko": {"title": "작은 곳이지만, 하나하나 정성껏",
               "subtitle": "처음 오신 분도 편하게 둘러보세요. 궁금한 점은 언제든 물어봐 주시면 "
                           "친절하게 안내해 드릴게요.",
               "buttons": _buttons(("문의하기", ASK), ("오시는 길", ("location",)))},
        "en": {"title": "Small, and careful about every detail",
               "subtitle": "First time here? Have a look around, and if anything is unclear, "
                           "just ask: we're happy to help.",
               "buttons": _buttons(("Get in touch", ASK), ("Find us", ("location",)))},
        "ja": {"title": "小さなお店だから、ひとつひとつ丁寧に",
               "subtitle": "はじめての方もお気軽にどうぞ。わからないことがあれば、"
                           "いつでもお声がけください。",
               "buttons": _buttons(("お問い合わせ", ASK), ("アクセス", ("location",)))},
    },
}
