"""Sample content of new testimonials, by business type and site language (three reviews).

A clinic's samples speak about the visit (waiting, explanations), never about a treatment's
result: Korean medical law (의료법 제56조) forbids patient testimonials of treatment effects."""

SOURCES = {
    "ko": ("네이버 리뷰", "카카오맵 리뷰", "단골 손님"),
    "en": ("Google review", "Naver review", "Regular customer"),
    "ja": ("Googleの口コミ", "NAVERの口コミ", "常連のお客様"),
}


def _reviews(locale: str, heading: str, *items: tuple[str, str, int]) -> dict:
    return {"heading": heading, "items": [
        {"quote": quote, "author": author, "detail": SOURCES[locale][i % 3], "rating": rating}
        for i, (quote, author, rating) in enumerate(items)]}


SAMPLES = {
    "cafe": {
        "ko": _reviews("ko", "손님들의 이야기",
                       ("크루아상이 정말 바삭하고 버터 향이 가득해요. 출근길에 꼭 들르게 돼요.",
                        "김지은", 5),
                       ("조용하고 따뜻한 분위기라 혼자 책 읽기 좋아요. 라테도 맛있어요!",
                        "박서준", 4),
                       ("아이 생일 케이크를 주문했는데 예쁘고 달지 않아서 모두 좋아했어요.",
                        "이하나", 5)),
        "en": _reviews("en", "What our customers say",
                       ("The croissants are flaky and full of butter. I stop by every morning "
                        "on my way to work.", "Emma W.", 5),
                       ("Quiet and cosy, perfect for reading on my own. Great lattes too!",
                        "James P.", 4),
                       ("We ordered a birthday cake for our daughter: beautiful and not too "
                        "sweet. Everyone loved it.", "Sophie L.", 5)),
        "ja": _reviews("ja", "お客様の声",
                       ("クロワッサンがサクサクでバターの香りがたっぷり。出勤前に必ず寄ります。",
                        "M.K.さま", 5),
                       ("静かであたたかい雰囲気で、ひとりで本を読むのにぴったり。ラテもおいしいです！",
                        "S.T.さま", 4),
                       ("子どもの誕生日ケーキを注文しました。かわいくて甘すぎず、家族みんな大喜び"
                        "でした。", "Y.N.さま", 5)),
    },
    "restaurant": {
        "ko": _reviews("ko", "다녀가신 분들의 이야기",
                       ("반찬 하나하나가 집에서 먹는 것처럼 정갈해요. 된장찌개는 꼭 드셔 보세요.",
                        "정우성", 5),
                       ("점심시간에 혼자 가도 눈치 안 보이고 음식이 빨리 나와요.", "한지민", 5),
                       ("부모님 모시고 갔는데 간이 세지 않아서 좋아하셨어요. 주차는 조금 "
                        "불편해요.", "오세훈", 4)),
        "en": _reviews("en", "What our guests say",
                       ("Every side dish tastes homemade. Don't leave without trying the "
                        "soybean stew.", "Daniel K.", 5),
                       ("Easy to come alone at lunchtime, and the food comes quickly.",
                        "Grace H.", 5),
                       ("Took my parents and they liked that nothing was too salty. Parking "
                        "is a little tricky.", "Michael O.", 4)),
        "ja": _reviews("ja", "ご来店いただいた方の声",
                       ("おかずのひとつひとつが家庭の味でていねい。テンジャンチゲはぜひ。",
                        "K.S.さま", 5),
                       ("お昼にひとりでも入りやすく、料理が出てくるのも早いです。", "A.H.さま", 5),
                       ("両親を連れて行きましたが、味付けがやさしくて喜んでいました。駐車場は"
                        "少し不便です。", "T.O.さま", 4)),
    },
    "shop": {
        "ko": _reviews("ko", "구매하신 분들의 이야기",
                       ("린넨 앞치마를 1년째 쓰는데 빨수록 부드러워져요. 색도 그대로예요.",
                        "최유리", 5),
                       ("선물 포장을 부탁드렸는데 받는 사람이 포장부터 감동했대요.", "강태오", 5),
                       ("머그 모양이 사진과 조금 달랐지만 손으로 만든 느낌이라 오히려 좋아요.",
                        "윤아름", 4)),
        "en": _reviews("en", "What our customers say",
                       ("I've used the linen apron for a year and it only gets softer. The "
                        "colour hasn't faded at all.", "Lucy C.", 5),
                       ("I asked for gift wrapping and my friend said the wrapping alone made "
                        "her day.", "Tom K.", 5),
                       ("The mug looked a little different from the photo, but that's the "
                        "charm of handmade.", "Anna Y.", 4)),
        "ja": _reviews("ja", "お買いものをされた方の声",
                       ("リネンのエプロンを1年使っていますが、洗うほどやわらかくなります。"
                        "色あせもありません。", "R.C.さま", 5),
                       ("ギフトラッピングをお願いしたら、包みを開ける前から喜んでもらえました。",
                        "T.K.さま", 5),
                       ("マグの形が写真と少し違いましたが、手づくりらしくてかえって気に入って"
                        "います。", "A.Y.さま", 4)),
    },
    "beauty": {
        "ko": _reviews("ko", "고객님들의 이야기",
                       ("집에서 드라이만 해도 모양이 잡혀요. 손질법까지 알려 주셔서 좋았어요.",
                        "서지우", 5),
                       ("상담을 꼼꼼히 해 주셔서 처음 가는 미용실인데도 마음이 놓였어요.",
                        "김도현", 5),
                       ("염색 후에도 머리가 덜 상했어요. 예약 시간도 잘 지켜 주세요.",
                        "이수빈", 4)),
        "en": _reviews("en", "What our clients say",
                       ("Just a quick blow-dry at home and it falls into place. Thanks for the "
                        "styling tips!", "Chloe S.", 5),
                       ("A careful consultation put me at ease, even on my first visit.",
                        "Ryan K.", 5),
                       ("My hair felt healthy even after colouring, and they're always on "
                        "time.", "Mia L.", 4)),
        "ja": _reviews("ja", "お客様の声",
                       ("家でドライヤーで乾かすだけで形が決まります。スタイリングのコツも教えて"
                        "もらえてうれしかったです。", "J.S.さま", 5),
                       ("カウンセリングがていねいで、はじめてのサロンでも安心できました。",
                        "D.K.さま", 5),
                       ("カラーのあとも髪が傷みにくかったです。予約時間もきっちり守って"
                        "くれます。", "S.L.さま", 4)),
    },
    "clinic": {
        "ko": _reviews("ko", "다녀가신 분들의 이야기",
                       ("예약하고 갔더니 오래 기다리지 않았어요. 접수하시는 분도 친절하세요.",
                        "박지영", 5),
                       ("검사 결과를 그림까지 그려 가며 차근차근 설명해 주셨어요.", "이상민", 5),
                       ("주차 공간은 좁지만 건물 안이 깨끗하고 대기실이 편안해요.", "최은비", 4)),
        "en": _reviews("en", "What our patients say",
                       ("I booked ahead and hardly waited. The reception staff are lovely.",
                        "Hannah P.", 5),
                       ("The doctor took the time to explain my results, even drawing a "
                        "diagram.", "Sam L.", 5),
                       ("Parking is tight, but the clinic is spotless and the waiting room "
                        "is comfortable.", "Olivia C.", 4)),
        "ja": _reviews("ja", "ご来院いただいた方の声",
                       ("予約して行ったので、ほとんど待ちませんでした。受付の方も親切です。",
                        "J.P.さま", 5),
                       ("検査結果を図を描きながら、ていねいに説明してくださいました。",
                        "S.L.さま", 5),
                       ("駐車場はせまいですが、院内は清潔で待合室も落ち着きます。",
                        "E.C.さま", 4)),
    },
    "academy": {
        "ko": _reviews("ko", "학부모님들의 이야기",
                       ("아이가 영어책을 먼저 들고 와서 읽어 달라고 해요. 매주 보내 주시는 "
                        "수업 메모도 큰 도움이 돼요.", "초등 3학년 학부모", 5),
                       ("소수 정예라 선생님이 아이 약한 부분을 정확히 알고 계세요.",
                        "중학교 1학년 학부모", 5),
                       ("숙제 양이 적당하고 상담 연락이 빨라서 믿고 보내요.",
                        "초등 5학년 학부모", 4)),
        "en": _reviews("en", "What parents say",
                       ("My son now brings me English books to read together. The weekly "
                        "class notes help a lot.", "Parent of a grade 3 pupil", 5),
                       ("With small classes, the teacher knows exactly where my daughter "
                        "needs help.", "Parent of a grade 7 pupil", 5),
                       ("Just the right amount of homework, and they answer quickly when I "
                        "have a question.", "Parent of a grade 5 pupil", 4)),
        "ja": _reviews("ja", "保護者の方の声",
                       ("子どもが自分から英語の本を持ってきて、読んでとせがむようになりました。"
                        "毎週の授業メモも助かります。", "小学3年生の保護者", 5),
                       ("少人数なので、先生が子どもの苦手なところをよく分かってくださいます。",
                        "中学1年生の保護者", 5),
                       ("宿題の量がちょうどよく、相談への返事も早いので安心して通わせています。",
                        "小学5年生の保護者", 4)),
    },
    "office": {
        "ko": _reviews("ko", "맡겨 주신 분들의 이야기",
                       ("처음 창업해서 아무것도 몰랐는데 신고 일정을 미리 챙겨 주셔서 "
                        "가산세 걱정이 없어졌어요.", "음식점 사장님", 5),
                       ("어려운 세금 용어를 쉽게 풀어서 설명해 주세요.", "온라인 쇼핑몰 대표님", 5),
                       ("카톡으로 영수증만 보내면 정리해 주셔서 편해요.",
                        "인테리어 업체 대표님", 4)),
        "en": _reviews("en", "What our clients say",
                       ("I knew nothing when I started out. They remind me of every deadline, "
                        "so no more late-filing penalties.", "Restaurant owner", 5),
                       ("They explain tax jargon in words I actually understand.",
                        "Online shop owner", 5),
                       ("I just send photos of my receipts and they sort out the rest.",
                        "Interior design studio", 4)),
        "ja": _reviews("ja", "ご依頼いただいた方の声",
                       ("開業したばかりで何もわからなかったのですが、申告の日程を前もって"
                        "知らせてもらえるので安心です。", "飲食店経営の方", 5),
                       ("難しい税金の言葉をわかりやすく説明してくださいます。",
                        "ネットショップ代表の方", 5),
                       ("領収書を写真で送るだけで整理してもらえるので楽です。",
                        "内装会社代表の方", 4)),
    },
    "freelancer": {
        "ko": _reviews("ko", "함께 작업한 분들의 이야기",
                       ("사진 찍히는 걸 어색해하는데 대화하다 보니 자연스러운 표정이 "
                        "나왔어요.", "프로필 촬영 고객", 5),
                       ("아이가 계속 움직였는데도 예쁜 순간을 다 담아 주셨어요.",
                        "가족사진 고객", 5),
                       ("제품 사진 덕분에 온라인 판매 페이지가 훨씬 좋아졌어요.",
                        "수제 캔들 공방", 4)),
        "en": _reviews("en", "What clients say",
                       ("I'm awkward in front of a camera, but we just talked and the photos "
                        "came out natural.", "Profile session", 5),
                       ("Our toddler never stopped moving, and still every lovely moment was "
                        "caught.", "Family session", 5),
                       ("The product photos made our online shop look so much better.",
                        "Candle studio", 4)),
        "ja": _reviews("ja", "撮影したお客様の声",
                       ("写真を撮られるのが苦手でしたが、話しているうちに自然な表情に"
                        "なっていました。", "プロフィール撮影のお客様", 5),
                       ("子どもがずっと動き回っていたのに、かわいい瞬間をすべて残して"
                        "くれました。", "家族写真のお客様", 5),
                       ("商品写真のおかげで、ネットショップのページがぐっと良くなりました。",
                        "キャンドル工房", 4)),
    },
    "other": {
        "ko": _reviews("ko", "손님들의 이야기",
                       ("처음 방문했는데 친절하게 설명해 주셔서 좋았어요.", "김지은", 5),
                       ("꼼꼼하게 챙겨 주셔서 믿고 다시 찾게 돼요.", "박서준", 5),
                       ("예약 시간도 잘 지켜 주시고 분위기가 편안해요.", "이하나", 4)),
        "en": _reviews("en", "What our customers say",
                       ("My first visit, and everything was explained so kindly.", "Emma W.", 5),
                       ("They take care over every detail. I'll be back.", "James P.", 5),
                       ("Always on time, and such a relaxed atmosphere.", "Sophie L.", 4)),
        "ja": _reviews("ja", "お客様の声",
                       ("はじめての利用でしたが、ていねいに説明してもらえてよかったです。",
                        "M.K.さま", 5),
                       ("細かいところまで気を配ってくれるので、また利用したいです。",
                        "S.T.さま", 5),
                       ("予約の時間もきちんと守ってくれて、雰囲気も落ち着いています。",
                        "Y.N.さま", 4)),
    },
}
