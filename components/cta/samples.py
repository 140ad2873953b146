"""Sample content of a new call-to-action band, by business type and site language. The
button calls the profile's phone or opens the page with the right form; without either the
link stays empty (the editor shows the button as "to be linked"; visitors see none)."""

from components import link_to

BOOK = link_to("reservation_form", "phone", "contact_form")
ASK = link_to("contact_form", "phone", "reservation_form")


def _cta(title: str, text: str, label: str, link) -> dict:
    return {"title": title, "text": text, "button_label": label, "button_link": link,
            "background": "primary"}


SAMPLES = {
    "cafe": {
        "ko": _cta("케이크 예약은 이틀 전까지 받아요", "생일·기념일 케이크, 편하게 주문하세요.",
                   "케이크 주문하기", link_to("phone", "reservation_form", "contact_form")),
        "en": _cta("Order your cake two days ahead", "Birthdays, anniversaries: we'd love to "
                   "bake yours.", "Order a cake", link_to("phone", "reservation_form",
                                                          "contact_form")),
        "ja": _cta("ケーキのご予約は2日前まで", "誕生日や記念日のケーキ、お気軽にご注文ください。",
                   "ケーキを注文する", link_to("phone", "reservation_form", "contact_form")),
    },
    "restaurant": {
        "ko": _cta("모임 자리, 미리 잡아 드려요", "여섯 분 이상이면 예약해 주세요. 코스와 "
                   "반찬을 인원에 맞춰 준비해요.", "예약하기", BOOK),
        "en": _cta("Planning a get-together?", "For six or more, book ahead and we'll "
                   "prepare for your group.", "Book a table", BOOK),
        "ja": _cta("ご宴会の席、ご用意します", "6名様以上はご予約ください。人数に合わせて"
                   "お料理を準備します。", "予約する", BOOK),
    },
    "shop": {
        "ko": _cta("선물할 곳이 있으신가요?", "받는 분과 예산을 알려 주시면 골라서 "
                   "예쁘게 포장해 드려요.", "선물 상담하기", ASK),
        "en": _cta("Looking for a gift?", "Tell us who it's for and your budget, and we'll "
                   "pick and wrap something lovely.", "Ask for gift ideas", ASK),
        "ja": _cta("贈りものをお探しですか？", "贈る相手とご予算を教えていただければ、"
                   "選んできれいにお包みします。", "ギフトの相談をする", ASK),
    },
    "beauty": {
        "ko": _cta("원하는 시간에 편하게 예약하세요", "첫 방문이면 상담 시간을 넉넉히 "
                   "잡아 드려요.", "예약하기", BOOK),
        "en": _cta("Book a time that suits you", "First visit? We'll allow extra time for a "
                   "proper consultation.", "Book now", BOOK),
        "ja": _cta("ご都合のいい時間にご予約を", "はじめての方はカウンセリングの時間を"
                   "ゆったりとお取りします。", "予約する", BOOK),
    },
    "clinic": {
        "ko": _cta("기다리지 않고 진료받으세요", "미리 예약하시면 도착하자마자 진료실로 "
                   "안내해 드려요.", "진료 예약", BOOK),
        "en": _cta("See the doctor without the wait", "Book ahead and we'll take you in as "
                   "soon as you arrive.", "Book an appointment", BOOK),
        "ja": _cta("待たずに診察を受けられます", "事前にご予約いただくと、到着後すぐに"
                   "診察室へご案内します。", "診療を予約", BOOK),
    },
    "academy": {
        "ko": _cta("무료 레벨 테스트와 상담", "아이에게 맞는 반을 함께 찾아봐요. 상담은 "
                   "30분 정도 걸려요.", "상담 신청하기", BOOK),
        "en": _cta("Free placement test and consultation", "Let's find the right class for "
                   "your child together. It takes about 30 minutes.", "Book a consultation",
                   BOOK),
        "ja": _cta("無料のレベルチェックと面談", "お子さまに合ったクラスを一緒に探しましょう。"
                   "面談は30分ほどです。", "面談を申し込む", BOOK),
    },
    "office": {
        "ko": _cta("첫 상담은 무료예요", "지금 장부 상태 그대로 가져오셔도 괜찮아요. "
                   "무엇부터 하면 될지 알려 드릴게요.", "상담 신청하기", ASK),
        "en": _cta("Your first consultation is free", "Bring your books as they are. We'll "
                   "tell you where to start.", "Book a consultation", ASK),
        "ja": _cta("初回のご相談は無料です", "帳簿はいまの状態のままで大丈夫です。何から"
                   "始めればいいかお伝えします。", "相談を申し込む", ASK),
    },
    "freelancer": {
        "ko": _cta("촬영 날짜를 잡아 볼까요?", "원하시는 분위기와 날짜를 알려 주시면 "
                   "하루 안에 답장드려요.", "촬영 문의하기",
                   link_to("reservation_form", "contact_form", "phone")),
        "en": _cta("Shall we plan your shoot?", "Tell me the mood and the date you have in "
                   "mind, and I'll reply within a day.", "Ask about a shoot",
                   link_to("reservation_form", "contact_form", "phone")),
        "ja": _cta("撮影の日程を決めましょう", "ご希望の雰囲気と日にちを教えていただければ、"
                   "1日以内にお返事します。", "撮影について相談する",
                   link_to("reservation_form", "contact_form", "phone")),
    },
    "other": {
        "ko": _cta("궁금한 점이 있으신가요?", "편하게 물어봐 주세요. 빠르게 답해 드릴게요.",
                   "문의하기", ASK),
        "en": _cta("Any questions?", "Just ask, and we'll get back to you quickly.",
                   "Get in touch", ASK),
        "ja": _cta("気になることはありませんか？", "お気軽にお尋ねください。すぐにお返事します。",
                   "お問い合わせ", ASK),
    },
}
