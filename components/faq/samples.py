"""Sample content of a new FAQ, by business type and site language (three questions)."""

HEADING = {"ko": "자주 묻는 질문", "en": "Frequently asked questions", "ja": "よくある質問"}


def _faq(locale: str, *items: tuple[str, str]) -> dict:
    return {"heading": HEADING[locale],
            "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in items]}


SAMPLES = {
    "cafe": {
        "ko": _faq("ko",
                   ("주차할 수 있나요?", "가게 앞에 두 대까지 세울 수 있어요. 자리가 없으면 "
                    "가까운 <strong>공영주차장</strong>을 이용해 주세요."),
                   ("케이크 예약은 언제까지 해야 하나요?", "받으시기 <strong>이틀 전</strong>까지 "
                    "예약해 주세요. 레터링은 한 줄까지 가능해요."),
                   ("반려동물과 함께 들어갈 수 있나요?", "네, 목줄을 한 반려동물은 함께 들어오실 "
                    "수 있어요. 테라스 자리를 추천드려요.")),
        "en": _faq("en",
                   ("Can I park nearby?", "There's room for two cars in front of the café. "
                    "If it's full, please use the nearby <strong>public car park</strong>."),
                   ("How far ahead should I order a cake?", "Please order at least "
                    "<strong>two days</strong> before. We can write one line on it."),
                   ("Can I bring my dog?", "Yes, dogs on a lead are welcome. The terrace is "
                    "the comfiest spot for them.")),
        "ja": _faq("ja",
                   ("駐車場はありますか？", "店の前に2台まで停められます。満車の場合は近くの"
                    "<strong>公営駐車場</strong>をご利用ください。"),
                   ("ケーキの予約はいつまでですか？", "お受け取りの<strong>2日前</strong>までに"
                    "ご予約ください。メッセージは1行まで書けます。"),
                   ("ペットと一緒に入れますか？", "はい、リードをつけたペットはご一緒に入店"
                    "いただけます。テラス席がおすすめです。")),
    },
    "restaurant": {
        "ko": _faq("ko",
                   ("예약해야 하나요?", "점심은 예약 없이 오셔도 돼요. 저녁에 "
                    "<strong>6명 이상</strong> 오시면 미리 예약해 주세요."),
                   ("아이와 함께 가도 되나요?", "물론이에요. 아기 의자와 아이용 수저가 있어요. "
                    "맵지 않은 반찬도 따로 드려요."),
                   ("포장도 되나요?", "모든 식사 메뉴를 포장할 수 있어요. 전화로 미리 주문하시면 "
                    "기다리지 않으셔도 돼요.")),
        "en": _faq("en",
                   ("Do I need to book?", "Not for lunch. For dinner with <strong>six or more"
                    "</strong>, please book ahead."),
                   ("Can I bring children?", "Of course. We have high chairs and children's "
                    "cutlery, and we'll bring side dishes that aren't spicy."),
                   ("Can I take food away?", "Every meal on the menu can be packed to take "
                    "away. Call ahead and it will be ready when you arrive.")),
        "ja": _faq("ja",
                   ("予約は必要ですか？", "お昼は予約なしでどうぞ。夜に<strong>6名以上</strong>"
                    "でお越しの場合は事前にご予約ください。"),
                   ("子ども連れでも大丈夫ですか？", "もちろんです。子ども用の椅子とカトラリーが"
                    "あります。辛くないおかずもお出しします。"),
                   ("持ち帰りはできますか？", "お食事メニューはすべてお持ち帰りいただけます。"
                    "お電話で先にご注文いただくと待たずに受け取れます。")),
    },
    "shop": {
        "ko": _faq("ko",
                   ("택배로도 받을 수 있나요?", "네, 전국 택배로 보내 드려요. 오후 2시 전 "
                    "주문은 <strong>당일 발송</strong>해요."),
                   ("교환이나 환불이 되나요?", "받으신 날부터 <strong>7일 안에</strong> "
                    "사용하지 않은 상품은 교환·환불해 드려요."),
                   ("선물 포장을 해 주시나요?", "매장과 택배 주문 모두 포장해 드려요. 메시지 "
                    "카드도 함께 넣을 수 있어요.")),
        "en": _faq("en",
                   ("Do you ship?", "Yes, anywhere in Korea. Orders placed before 2 p.m. "
                    "<strong>leave the same day</strong>."),
                   ("Can I return or exchange something?", "Unused items can be returned "
                    "or exchanged <strong>within 7 days</strong> of delivery."),
                   ("Do you gift-wrap?", "Yes, in the shop and for deliveries. We can add a "
                    "message card too.")),
        "ja": _faq("ja",
                   ("配送はできますか？", "はい、全国に発送します。午後2時までのご注文は"
                    "<strong>当日発送</strong>です。"),
                   ("交換や返品はできますか？", "お受け取りから<strong>7日以内</strong>の"
                    "未使用品は交換・返品を承ります。"),
                   ("ギフトラッピングはできますか？", "店頭でも配送でも承ります。メッセージ"
                    "カードもお付けできます。")),
    },
    "beauty": {
        "ko": _faq("ko",
                   ("예약 없이 가도 되나요?", "빈자리가 있으면 바로 해 드려요. 다만 펌·염색은 "
                    "시간이 걸려서 <strong>예약</strong>을 권해 드려요."),
                   ("시술 시간은 얼마나 걸리나요?", "커트는 30~40분, 펌이나 염색은 "
                    "<strong>2시간 안팎</strong> 걸려요."),
                   ("예약을 바꾸거나 취소하려면요?", "<strong>하루 전</strong>까지 연락 주시면 "
                    "편하게 바꿔 드려요.")),
        "en": _faq("en",
                   ("Can I walk in?", "If a chair is free, yes. Perms and colour take time, "
                    "so we recommend <strong>booking</strong>."),
                   ("How long does it take?", "A cut takes 30–40 minutes; a perm or colour "
                    "<strong>about two hours</strong>."),
                   ("How do I change or cancel?", "Let us know <strong>a day ahead</strong> "
                    "and we'll move it for you.")),
        "ja": _faq("ja",
                   ("予約なしでも大丈夫ですか？", "空きがあればすぐにご案内します。パーマや"
                    "カラーは時間がかかるので<strong>ご予約</strong>をおすすめします。"),
                   ("施術時間はどのくらいですか？", "カットは30〜40分、パーマやカラーは"
                    "<strong>2時間前後</strong>です。"),
                   ("予約の変更やキャンセルは？", "<strong>前日まで</strong>にご連絡いただければ"
                    "変更できます。")),
    },
    "clinic": {
        "ko": _faq("ko",
                   ("처음 가는데 무엇을 챙겨야 하나요?", "<strong>신분증</strong>을 꼭 가져와 "
                    "주세요. 드시는 약이 있으면 약 봉투나 처방전을 함께 보여 주세요."),
                   ("예약하지 않아도 진료받을 수 있나요?", "네, 오신 순서대로 진료해요. 예약하신 "
                    "분이 먼저 들어가실 수 있어 조금 기다리실 수 있어요."),
                   ("주차할 수 있나요?", "건물 주차장을 이용하실 수 있어요. 진료받으신 분은 "
                    "<strong>접수처에서 주차 등록</strong>을 해 드려요.")),
        "en": _faq("en",
                   ("What should I bring on my first visit?", "Please bring <strong>your ID"
                    "</strong>, and any medicines you take or their prescriptions."),
                   ("Can I come without an appointment?", "Yes, we see walk-in patients in "
                    "order of arrival. Booked patients may go first, so you might wait a "
                    "little."),
                   ("Is there parking?", "Use the building's car park, and "
                    "<strong>register your car at reception</strong> after your visit.")),
        "ja": _faq("ja",
                   ("初診のときは何を持っていけばいいですか？", "<strong>身分証</strong>を必ず"
                    "お持ちください。服用中のお薬があれば、お薬の袋や処方せんもお見せください。"),
                   ("予約なしでも診てもらえますか？", "はい、受付順に診察します。ご予約の方が"
                    "先になるため、少しお待ちいただくことがあります。"),
                   ("駐車場はありますか？", "建物の駐車場をご利用いただけます。受診された方は"
                    "<strong>受付で駐車登録</strong>をいたします。")),
    },
    "academy": {
        "ko": _faq("ko",
                   ("레벨 테스트가 있나요?", "네, 첫 상담 때 <strong>20분 정도</strong> 읽기와 "
                    "말하기를 간단히 봐요. 결과는 바로 설명해 드려요."),
                   ("수업에 빠지면 보강해 주시나요?", "미리 말씀해 주시면 같은 주 안에 "
                    "<strong>보강</strong>을 잡아 드려요."),
                   ("수업 내용은 어떻게 알 수 있나요?", "매주 수업 메모와 숙제를 문자로 보내 "
                    "드리고, 한 달에 한 번 전화 상담을 해요.")),
        "en": _faq("en",
                   ("Is there a placement test?", "Yes, at the first meeting we spend "
                    "<strong>about 20 minutes</strong> on reading and speaking, and explain "
                    "the results straight away."),
                   ("What if my child misses a class?", "Tell us ahead and we'll arrange a "
                    "<strong>make-up class</strong> the same week."),
                   ("How will I know what they're learning?", "We send class notes and "
                    "homework every week, and call once a month to talk it through.")),
        "ja": _faq("ja",
                   ("レベルチェックはありますか？", "はい、初回の面談で<strong>20分ほど</strong>"
                    "リーディングとスピーキングを確認し、結果はその場でご説明します。"),
                   ("欠席したら振替はできますか？", "事前にご連絡いただければ、同じ週のうちに"
                    "<strong>振替授業</strong>をご用意します。"),
                   ("授業の内容はどうやってわかりますか？", "毎週、授業メモと宿題をメッセージで"
                    "お送りし、月に一度お電話で面談します。")),
    },
    "office": {
        "ko": _faq("ko",
                   ("상담 비용이 있나요?", "첫 상담은 <strong>무료</strong>예요. 기장을 맡기시면 "
                    "이후 상담도 따로 받지 않아요."),
                   ("어떤 서류를 준비하면 되나요?", "사업자등록증과 최근 세금 신고서가 있으면 "
                    "좋아요. 없으셔도 괜찮아요, 함께 찾아 드릴게요."),
                   ("직접 찾아가야 하나요?", "아니요. 서류는 <strong>사진이나 파일</strong>로 "
                    "보내 주셔도 돼요. 필요하면 저희가 찾아뵙니다.")),
        "en": _faq("en",
                   ("Is there a fee for a consultation?", "The first one is <strong>free"
                    "</strong>. If we keep your books, later questions are included too."),
                   ("What should I bring?", "Your business registration and your latest tax "
                    "return help. If you don't have them, we'll find them together."),
                   ("Do I have to come in?", "No. You can send documents as <strong>photos "
                    "or files</strong>, and we can come to you if needed.")),
        "ja": _faq("ja",
                   ("相談料はかかりますか？", "初回のご相談は<strong>無料</strong>です。"
                    "記帳をお任せいただければ、その後のご相談も無料です。"),
                   ("どんな書類を用意すればいいですか？", "事業者登録証と直近の申告書があると"
                    "スムーズです。なくても大丈夫、一緒に探します。"),
                   ("事務所に行かないといけませんか？", "いいえ。書類は<strong>写真やファイル"
                    "</strong>で送っていただけます。必要ならこちらから伺います。")),
    },
    "freelancer": {
        "ko": _faq("ko",
                   ("원본 사진도 받을 수 있나요?", "네, 보정본과 함께 <strong>원본 전체</strong>를 "
                    "온라인 앨범으로 보내 드려요."),
                   ("촬영 장소는 어디인가요?", "작업실이나 원하시는 야외 장소 어디든 괜찮아요. "
                    "시외는 출장비가 조금 더해져요."),
                   ("비 오는 날은 어떻게 하나요?", "야외 촬영은 <strong>날짜를 무료로 "
                    "바꿔</strong> 드려요.")),
        "en": _faq("en",
                   ("Do I get the original photos?", "Yes, <strong>every original</strong> "
                    "comes with the edited ones in an online album."),
                   ("Where do we shoot?", "In the studio or any outdoor spot you like. "
                    "There's a small travel fee outside the city."),
                   ("What if it rains?", "For outdoor sessions we <strong>move the date "
                    "free of charge</strong>.")),
        "ja": _faq("ja",
                   ("元データももらえますか？", "はい、レタッチ済みの写真と一緒に"
                    "<strong>元データすべて</strong>をオンラインアルバムでお渡しします。"),
                   ("撮影場所はどこですか？", "スタジオでも、ご希望の屋外でも大丈夫です。"
                    "市外の場合は出張費が少しかかります。"),
                   ("雨の日はどうなりますか？", "屋外撮影は<strong>無料で日程を変更</strong>"
                    "できます。")),
    },
    "other": {
        "ko": _faq("ko",
                   ("예약해야 하나요?", "예약 없이 오셔도 되지만, 미리 연락 주시면 "
                    "<strong>기다리지 않으셔도</strong> 돼요."),
                   ("주차할 수 있나요?", "건물 주차장을 이용하실 수 있어요. 자리가 없을 때는 "
                    "가까운 공영주차장을 이용해 주세요."),
                   ("카드 결제가 되나요?", "네, 카드와 계좌이체 모두 가능해요.")),
        "en": _faq("en",
                   ("Do I need to book?", "You can just drop in, but if you let us know "
                    "ahead <strong>you won't have to wait</strong>."),
                   ("Is there parking?", "You can use the building's car park, or the "
                    "public car park nearby when it's full."),
                   ("Do you take cards?", "Yes, cards and bank transfers are both fine.")),
        "ja": _faq("ja",
                   ("予約は必要ですか？", "予約なしでも大丈夫ですが、事前にご連絡いただければ"
                    "<strong>お待たせしません</strong>。"),
                   ("駐車場はありますか？", "建物の駐車場をご利用いただけます。満車の場合は"
                    "近くの公営駐車場をご利用ください。"),
                   ("カードは使えますか？", "はい、カードと銀行振込のどちらも"
                    "ご利用いただけます。")),
    },
}
