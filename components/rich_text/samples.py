"""Sample content of a new text block, by business type and site language: a short story in
the owner's voice, ready to be rewritten."""


def _text(*paragraphs: str) -> dict:
    return {"body": "".join(f"<p>{p}</p>" for p in paragraphs)}


SAMPLES = {
    "cafe": {
        "ko": _text("골목 안 작은 빵집에서 시작했어요. 매일 새벽 천연 발효종으로 반죽을 "
                    "시작해 아침 아홉 시에 첫 빵을 꺼냅니다.",
                    "<strong>국산 밀가루와 무염 버터</strong>만 쓰고, 그날 구운 빵은 그날 "
                    "다 팔아요. 남은 빵은 저녁에 이웃과 나눕니다."),
        "en": _text("We started as a tiny bakery down a side street. Every morning the "
                    "natural-leaven dough goes in before dawn, and the first loaves come out "
                    "at nine.",
                    "We bake only with <strong>Korean flour and unsalted butter</strong>, and "
                    "sell each day's bread the same day. Whatever's left goes to our "
                    "neighbours in the evening."),
        "ja": _text("路地裏の小さなパン屋から始まりました。毎朝夜明け前に天然酵母の生地を"
                    "仕込み、9時に最初のパンが焼きあがります。",
                    "使うのは<strong>国産小麦と無塩バター</strong>だけ。その日に焼いたパンは"
                    "その日のうちに売りきり、残ったパンは夕方にご近所へおすそ分けしています。"),
    },
    "restaurant": {
        "ko": _text("어머니가 차려 주시던 밥상을 떠올리며 문을 열었어요. 반찬은 매일 "
                    "아침 새로 만들고, 밥은 주문이 들어오면 솥에 짓습니다.",
                    "<strong>조미료는 줄이고 제철 재료</strong>로 맛을 내요. 혼자 오셔도, "
                    "가족과 함께 오셔도 편하게 드시고 가세요."),
        "en": _text("We opened thinking of the meals our mother used to make. Side dishes "
                    "are made fresh every morning, and rice is cooked to order in a stone pot.",
                    "We use <strong>less seasoning and more of what's in season</strong>. "
                    "Come on your own or with the whole family, and take your time."),
        "ja": _text("母がつくってくれた食卓を思い出しながら、お店を開きました。おかずは毎朝"
                    "手づくりし、ごはんは注文を受けてから釜で炊きます。",
                    "<strong>調味料は控えめに、旬の食材</strong>で味をつけています。"
                    "おひとりでも、ご家族とでも、ゆっくり召し上がってください。"),
    },
    "shop": {
        "ko": _text("오래 쓸수록 정이 드는 물건을 좋아해서 작은 가게를 열었어요. 매장에 "
                    "있는 물건은 대부분 직접 써 보고 골랐습니다.",
                    "<strong>작은 공방과 동네 작가</strong>들의 물건을 소개하고 있어요. "
                    "만든 사람의 이야기가 궁금하시면 언제든 물어봐 주세요."),
        "en": _text("I opened this little shop because I love things that grow on you with "
                    "use. I've used almost everything on our shelves myself.",
                    "Most of it comes from <strong>small studios and local makers</strong>. "
                    "Ask me about the people who made it, I'm always happy to tell."),
        "ja": _text("使うほどに愛着がわく道具が好きで、小さなお店を開きました。"
                    "店内の品物のほとんどは、自分で使ってみて選んだものです。",
                    "<strong>小さな工房や地元の作家</strong>の作品をご紹介しています。"
                    "作り手のお話が気になったら、いつでも聞いてください。"),
    },
    "beauty": {
        "ko": _text("동네에서 오래 머리를 맡길 수 있는 미용실이 되고 싶어요. 상담부터 "
                    "마무리까지 한 디자이너가 끝까지 책임집니다.",
                    "<strong>손질이 쉬운 스타일</strong>을 가장 중요하게 생각해요. 미용실에서 "
                    "나간 다음 날에도 예쁘도록, 집에서 하는 방법까지 알려 드려요."),
        "en": _text("We want to be the salon you keep coming back to for years. One stylist "
                    "looks after you from the first chat to the final touch.",
                    "What matters most to us is <strong>hair that's easy to style</strong>, "
                    "so it still looks good the day after, and we'll show you how."),
        "ja": _text("長く通っていただける街の美容室でありたいと思っています。カウンセリング"
                    "から仕上げまで、ひとりのスタイリストが責任をもって担当します。",
                    "いちばん大切にしているのは<strong>扱いやすいスタイル</strong>。サロンを"
                    "出た翌日もきれいでいられるよう、おうちでのコツもお伝えします。"),
    },
    "clinic": {
        "ko": _text("가까운 곳에서 오래 믿고 찾을 수 있는 동네 의원이 되고자 합니다. "
                    "증상만이 아니라 생활 습관까지 함께 살펴요.",
                    "<strong>충분히 설명드리는 진료</strong>를 원칙으로 해요. 검사 결과와 "
                    "약에 대해 궁금한 점은 언제든 물어봐 주세요."),
        "en": _text("We want to be the local clinic you can trust for years to come. We look "
                    "at your everyday habits, not only your symptoms.",
                    "We always <strong>take the time to explain</strong>. Ask us anything "
                    "about your results or your medicines."),
        "ja": _text("身近で長く頼っていただける、地域のクリニックを目指しています。症状だけで"
                    "なく、生活習慣まで一緒に見ていきます。",
                    "<strong>しっかりご説明する診療</strong>を大切にしています。検査結果や"
                    "お薬について、気になることはいつでもお尋ねください。"),
    },
    "academy": {
        "ko": _text("영어를 시험 과목이 아니라 재미있는 책으로 먼저 만나게 해 주고 싶어서 "
                    "작은 교습소를 열었어요.",
                    "한 반은 <strong>여섯 명까지</strong>만 받아요. 아이 한 명 한 명의 "
                    "속도를 살피고, 매주 수업 내용을 부모님께 알려 드립니다."),
        "en": _text("I opened this small school so children meet English through good books "
                    "first, not as a test subject.",
                    "Classes are capped at <strong>six students</strong>. We follow each "
                    "child's pace and tell parents what we covered every week."),
        "ja": _text("英語を試験科目としてではなく、まず楽しい本として出会ってほしくて、"
                    "小さな教室を開きました。",
                    "1クラスは<strong>6名まで</strong>。一人ひとりのペースを見ながら、"
                    "毎週の授業内容を保護者の方にお伝えしています。"),
    },
    "office": {
        "ko": _text("작은 가게와 1인 사업자분들의 세금을 주로 도와 왔어요. 처음 사업을 "
                    "시작하면 모르는 게 당연하니까요.",
                    "<strong>어려운 말 없이</strong> 설명드리는 것을 원칙으로 해요. 신고 "
                    "일정은 저희가 먼저 챙겨서 미리 연락드립니다."),
        "en": _text("We mostly help small shops and sole traders with their taxes. When "
                    "you've just started out, not knowing is normal.",
                    "We explain things <strong>without the jargon</strong>, and we keep track "
                    "of your deadlines and call you before they come."),
        "ja": _text("小さなお店や個人事業主の方の税務を中心にお手伝いしてきました。"
                    "事業を始めたばかりなら、わからないことがあって当然です。",
                    "<strong>専門用語を使わずに</strong>ご説明することを大切にしています。"
                    "申告の日程はこちらで管理し、前もってご連絡します。"),
    },
    "freelancer": {
        "ko": _text("잡지 사진을 찍다가 사람들의 자연스러운 표정을 더 가까이 담고 싶어 "
                    "작업실을 열었어요.",
                    "촬영 전에 <strong>충분히 이야기를 나누고</strong> 시작해요. 어색해도 "
                    "괜찮아요, 편안해지는 순간을 기다렸다가 찍습니다."),
        "en": _text("After years shooting for magazines, I opened my own studio to get closer "
                    "to people's natural expressions.",
                    "We always <strong>talk before we shoot</strong>. Feeling awkward is fine: "
                    "I wait for the moment you relax."),
        "ja": _text("雑誌の撮影を続けるうちに、人の自然な表情をもっと近くで残したくなり、"
                    "スタジオを開きました。",
                    "撮影の前には<strong>ゆっくりお話し</strong>してから始めます。緊張しても"
                    "大丈夫、ほぐれる瞬間を待って撮ります。"),
    },
    "other": {
        "ko": _text("작은 곳이지만 찾아 주시는 분 한 분 한 분을 정성껏 맞이하고 있어요.",
                    "<strong>처음 오신 분도 편하게</strong> 이용하실 수 있도록 늘 "
                    "고민합니다. 궁금한 점은 언제든 물어봐 주세요."),
        "en": _text("We're small, and we welcome every visitor with care.",
                    "We want <strong>first-timers to feel at home</strong>, so if anything "
                    "is unclear, just ask."),
        "ja": _text("小さなお店ですが、お越しいただく方おひとりおひとりを心をこめてお迎えして"
                    "います。",
                    "<strong>はじめての方にも気軽に</strong>ご利用いただけるよう心がけています。"
                    "わからないことはいつでもお尋ねください。"),
    },
}
