"""Sample content of a new team block, by business type and site language (two people)."""


def _team(heading: str, *people: tuple[str, str, str]) -> dict:
    return {"heading": heading,
            "items": [{"name": name, "role": role, "bio": bio} for name, role, bio in people]}


SAMPLES = {
    "cafe": {
        "ko": _team("빵 굽는 사람들",
                    ("김하늘", "대표 · 제빵사", "제과학교를 마치고 동네 빵집에서 10년 일한 뒤 "
                     "이 가게를 열었어요. 매일 새벽 네 시에 첫 반죽을 시작합니다."),
                    ("이다정", "바리스타", "원두를 직접 볶고 내려요. 오늘의 커피가 궁금하면 "
                     "언제든 물어봐 주세요.")),
        "en": _team("The people behind the bread",
                    ("Haneul Kim", "Owner and baker", "After ten years in other people's "
                     "bakeries, I opened this one. The first dough goes in at 4 a.m."),
                    ("Dajeong Lee", "Barista", "I roast and brew our coffee. Ask me what "
                     "today's beans are.")),
        "ja": _team("パンを焼く人たち",
                    ("キム・ハヌル", "オーナー・パン職人", "製菓学校を出て街のパン屋で10年働いた"
                     "あと、このお店を開きました。毎朝4時に最初の生地を仕込みます。"),
                    ("イ・ダジョン", "バリスタ", "豆の焙煎と抽出を担当しています。"
                     "今日のコーヒーが気になったら、いつでも聞いてください。")),
    },
    "restaurant": {
        "ko": _team("주방과 홀의 사람들",
                    ("박정순", "대표 · 주방", "어머니께 배운 손맛 그대로, 간은 조금 슴슴하게 "
                     "해요. 반찬은 매일 아침 새로 무칩니다."),
                    ("박민호", "홀 · 예약", "자리 안내와 예약을 맡고 있어요. 단체 손님이나 "
                     "아이 동반 손님은 미리 말씀해 주세요.")),
        "en": _team("In the kitchen and out front",
                    ("Jeongsun Park", "Owner and cook", "I cook the way my mother taught me, "
                     "seasoned lightly. The side dishes are made fresh every morning."),
                    ("Minho Park", "Front of house", "I look after seating and bookings. Let "
                     "me know ahead if you're coming as a group or with little ones.")),
        "ja": _team("厨房とホールのスタッフ",
                    ("パク・ジョンスン", "店主・厨房", "母に教わった味そのままに、少し薄味に"
                     "仕上げています。おかずは毎朝手づくりです。"),
                    ("パク・ミノ", "ホール・ご予約", "ご案内とご予約を担当しています。"
                     "団体やお子さま連れの方は事前にお知らせください。")),
    },
    "shop": {
        "ko": _team("가게를 꾸리는 사람들",
                    ("정유진", "대표 · 바이어", "직접 써 보고 오래 쓸 수 있겠다 싶은 물건만 "
                     "들여와요. 공방에도 자주 찾아가 만드는 과정을 봅니다."),
                    ("한소라", "매장 · 포장", "선물 포장과 택배를 맡고 있어요. 받는 분 취향을 "
                     "알려 주시면 포장지를 골라 드려요.")),
        "en": _team("Who runs the shop",
                    ("Yujin Jung", "Owner and buyer", "I only stock things I've used myself "
                     "and know will last, and I visit the makers' studios often."),
                    ("Sora Han", "Shop floor and wrapping", "I do the gift wrapping and "
                     "shipping. Tell me about the person it's for and I'll pick the paper.")),
        "ja": _team("お店のスタッフ",
                    ("チョン・ユジン", "店主・バイヤー", "自分で使ってみて、長く使えると思えた"
                     "ものだけを仕入れています。工房にもよく足を運びます。"),
                    ("ハン・ソラ", "店頭・ラッピング", "ギフトラッピングと発送を担当しています。"
                     "贈る相手の好みを教えていただければ、包装紙をお選びします。")),
    },
    "beauty": {
        "ko": _team("디자이너 소개",
                    ("윤서연", "원장", "15년째 가위를 들고 있어요. 얼굴형과 머리결에 맞춰 "
                     "손질하기 쉬운 커트를 좋아합니다."),
                    ("최지훈", "디자이너", "펌과 염색을 주로 맡아요. 모발이 덜 상하도록 "
                     "시술 전에 꼼꼼히 상담해 드려요.")),
        "en": _team("Meet the stylists",
                    ("Seoyeon Yoon", "Owner and stylist", "Fifteen years with the scissors. I "
                     "love cuts that suit your face and hair and are easy to look after."),
                    ("Jihoon Choi", "Stylist", "Perms and colour are my thing. We talk it "
                     "through first so your hair stays healthy.")),
        "ja": _team("スタイリスト紹介",
                    ("ユン・ソヨン", "オーナー", "ハサミを握って15年。顔立ちと髪質に合った、"
                     "扱いやすいカットが得意です。"),
                    ("チェ・ジフン", "スタイリスト", "パーマとカラーを主に担当しています。"
                     "髪が傷みにくいよう、施術前にしっかりカウンセリングします。")),
    },
    "clinic": {
        "ko": _team("의료진 소개",
                    ("강민준", "대표원장 · 가정의학과 전문의", "증상만이 아니라 생활 습관까지 "
                     "함께 살펴요. 궁금한 점은 진료실에서 편하게 물어봐 주세요."),
                    ("오수진", "간호사", "접수와 예방접종을 맡고 있어요. 처음 오시는 분도 "
                     "헤매지 않게 안내해 드릴게요.")),
        "en": _team("Our doctors and nurses",
                    ("Minjun Kang", "Lead doctor, family medicine", "I look at your daily "
                     "habits, not only your symptoms. Ask me anything in the consulting room."),
                    ("Sujin Oh", "Nurse", "I take care of reception and vaccinations, and "
                     "make sure first-time patients find their way.")),
        "ja": _team("医師・スタッフ紹介",
                    ("カン・ミンジュン", "院長・家庭医療専門医", "症状だけでなく生活習慣まで"
                     "一緒に見ていきます。気になることは診察室で気軽にお尋ねください。"),
                    ("オ・スジン", "看護師", "受付と予防接種を担当しています。はじめての方も"
                     "迷わないようにご案内します。")),
    },
    "academy": {
        "ko": _team("선생님 소개",
                    ("임지현", "원장 · 초등 리딩", "아이들이 영어책을 스스로 펴는 순간을 "
                     "제일 좋아해요. 수업 뒤에는 부모님께 그날 배운 내용을 보내 드립니다."),
                    ("Daniel Park", "말하기 · 원어민 선생님", "틀려도 괜찮다는 분위기에서 "
                     "아이들이 먼저 말을 꺼내도록 도와요.")),
        "en": _team("Our teachers",
                    ("Jihyun Lim", "Head teacher, primary reading", "My favourite moment is "
                     "when a child opens an English book on their own. Parents get a note "
                     "after every class."),
                    ("Daniel Park", "Speaking, native teacher", "Mistakes are welcome here, "
                     "so children start talking first.")),
        "ja": _team("講師紹介",
                    ("イム・ジヒョン", "教室長・小学生リーディング", "子どもが自分から英語の本を"
                     "開く瞬間がいちばん好きです。授業のあとは保護者の方にその日の内容を"
                     "お送りします。"),
                    ("ダニエル・パク", "スピーキング・ネイティブ講師", "間違えても大丈夫という"
                     "雰囲気の中で、子どもたちが自分から話せるようにサポートします。")),
    },
    "office": {
        "ko": _team("함께 일하는 사람들",
                    ("서정훈", "대표 세무사", "작은 가게와 1인 사업자를 주로 도와 왔어요. "
                     "절세보다 먼저, 사장님이 숫자를 이해하시도록 설명해 드립니다."),
                    ("문지은", "실장 · 기장 담당", "매달 장부를 정리하고 신고 일정을 미리 "
                     "알려 드려요. 영수증 정리 방법도 알려 드릴게요.")),
        "en": _team("Who you'll work with",
                    ("Junghoon Seo", "Tax accountant and owner", "I mostly help small shops and "
                     "sole traders, and I make sure you understand your numbers first."),
                    ("Jieun Moon", "Bookkeeping manager", "I keep your monthly books and "
                     "remind you of filing dates ahead of time.")),
        "ja": _team("スタッフ紹介",
                    ("ソ・ジョンフン", "代表税理士", "小さなお店や個人事業主を中心にお手伝い"
                     "してきました。節税の前に、まず数字をご理解いただけるよう説明します。"),
                    ("ムン・ジウン", "記帳担当", "毎月の帳簿を整理し、申告の日程を早めに"
                     "お知らせします。領収書の整理のしかたもお伝えします。")),
    },
    "freelancer": {
        "ko": _team("찍는 사람",
                    ("한도윤", "사진가", "잡지사에서 8년 일하고 작은 작업실을 열었어요. "
                     "긴장을 풀고 웃는 순간을 기다렸다가 찍습니다."),
                    ("배수아", "보정 · 일정 관리", "촬영 일정과 보정을 맡고 있어요. 원하시는 "
                     "느낌의 사진을 보내 주시면 참고할게요.")),
        "en": _team("Behind the camera",
                    ("Doyun Han", "Photographer", "Eight years at a magazine, then my own "
                     "small studio. I wait for the moment you relax and smile."),
                    ("Sua Bae", "Editing and bookings", "I look after bookings and editing. "
                     "Send me photos you like and I'll match the feel.")),
        "ja": _team("撮影するひと",
                    ("ハン・ドユン", "フォトグラファー", "雑誌社で8年働いたあと、小さな"
                     "スタジオを開きました。緊張がほどけて笑顔がこぼれる瞬間を待って撮ります。"),
                    ("ペ・スア", "レタッチ・スケジュール", "撮影日程とレタッチを担当しています。"
                     "お好みの雰囲気の写真を送っていただければ参考にします。")),
    },
    "other": {
        "ko": _team("함께하는 사람들",
                    ("김민지", "대표", "처음 문을 연 날의 마음으로 손님 한 분 한 분을 "
                     "맞이하고 있어요."),
                    ("이준호", "매니저", "예약과 문의를 맡고 있어요. 궁금한 점은 편하게 "
                     "물어봐 주세요.")),
        "en": _team("Who we are",
                    ("Minji Kim", "Owner", "I still welcome every customer the way I did on "
                     "the day we opened."),
                    ("Junho Lee", "Manager", "I look after bookings and questions, so just "
                     "ask.")),
        "ja": _team("スタッフ紹介",
                    ("キム・ミンジ", "代表", "お店を開いた日の気持ちのまま、おひとりおひとりを"
                     "お迎えしています。"),
                    ("イ・ジュノ", "マネージャー", "ご予約とお問い合わせを担当しています。"
                     "気になることはお気軽にどうぞ。")),
    },
}
