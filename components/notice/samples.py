"""Sample content of a new notice, by business type and site language (no dates that go
stale, no link: the owner adds one when there is somewhere to send people)."""


def _notice(title: str, message: str, tone: str = "info") -> dict:
    return {"title": title, "message": message, "tone": tone}


SAMPLES = {
    "cafe": {
        "ko": _notice("이번 주 일요일은 쉬어 갑니다", "가족 행사로 일요일 하루 문을 닫아요. "
                      "월요일 아침, 갓 구운 빵으로 다시 찾아뵐게요.", "important"),
        "en": _notice("Closed this Sunday", "We're taking Sunday off for a family event. "
                      "Fresh bread will be waiting on Monday morning.", "important"),
        "ja": _notice("今週の日曜日はお休みします", "家族の用事のため、日曜日は一日お休みを"
                      "いただきます。月曜日の朝、焼きたてのパンでお待ちしています。", "important"),
    },
    "restaurant": {
        "ko": _notice("점심 특선을 시작했어요", "평일 점심에는 그날 반찬으로 차린 백반 정식을 "
                      "준비해요. 재료가 떨어지면 일찍 마감해요.", "success"),
        "en": _notice("Weekday lunch set is here", "On weekdays we serve a lunch set with the "
                      "day's side dishes, until it runs out.", "success"),
        "ja": _notice("ランチ定食はじめました", "平日のお昼は、その日のおかずでつくる定食を"
                      "ご用意しています。なくなり次第終了です。", "success"),
    },
    "shop": {
        "ko": _notice("연휴 택배 마감 안내", "연휴 전 마지막 발송은 연휴 이틀 전 오후 2시 "
                      "주문까지예요. 매장은 연휴에도 문을 열어요.", "important"),
        "en": _notice("Holiday shipping deadline", "Orders placed by 2 p.m. two days before "
                      "the holiday ship in time. The shop stays open over the holiday.",
                      "important"),
        "ja": _notice("連休前の発送について", "連休前の最終発送は、連休2日前の午後2時までの"
                      "ご注文分です。店舗は連休中も営業します。", "important"),
    },
    "beauty": {
        "ko": _notice("새 디자이너가 함께해요", "펌과 염색을 오래 해 온 디자이너가 합류했어요. "
                      "첫 방문 고객님께는 두피 케어를 함께 해 드려요.", "success"),
        "en": _notice("A new stylist has joined us", "An experienced perm and colour stylist "
                      "is now on the team. First-time clients get a free scalp treatment.",
                      "success"),
        "ja": _notice("新しいスタイリストが加わりました", "パーマとカラーを長く手がけてきた"
                      "スタイリストが仲間入りしました。はじめての方には頭皮ケアをサービスします。",
                      "success"),
    },
    "clinic": {
        "ko": _notice("독감 예방접종을 시작합니다", "올해 독감 백신이 들어왔어요. 예약 없이 "
                      "진료 시간 안에 오시면 접종해 드려요.", "info"),
        "en": _notice("Flu vaccinations have started", "This year's flu vaccine has arrived. "
                      "Come in any time during opening hours, no appointment needed.", "info"),
        "ja": _notice("インフルエンザ予防接種を始めました", "今年のワクチンが入荷しました。"
                      "診療時間内であれば予約なしで接種できます。", "info"),
    },
    "academy": {
        "ko": _notice("새 학기 반 편성 상담을 받아요", "새 학기 반 편성 전에 레벨 테스트와 "
                      "상담을 진행해요. 원하시는 시간을 미리 알려 주세요.", "info"),
        "en": _notice("New term placement meetings", "Before classes are set for the new term "
                      "we meet every family for a placement test. Tell us what time suits you.",
                      "info"),
        "ja": _notice("新学期のクラス分け面談を受け付けています", "新学期のクラス分けの前に、"
                      "レベルチェックと面談を行います。ご希望の時間をお知らせください。", "info"),
    },
    "office": {
        "ko": _notice("종합소득세 신고 기간입니다", "5월은 종합소득세 신고 달이에요. 자료를 "
                      "미리 보내 주시면 여유 있게 준비할 수 있어요.", "important"),
        "en": _notice("Income tax season", "May is income tax return month. Send us your "
                      "papers early and we'll have time to get everything right.", "important"),
        "ja": _notice("総合所得税の申告時期です", "5月は総合所得税の申告月です。資料を早めに"
                      "お送りいただければ、余裕をもって準備できます。", "important"),
    },
    "freelancer": {
        "ko": _notice("가을 야외 촬영 예약을 받아요", "단풍이 드는 계절에 맞춰 주말 야외 "
                      "촬영 날짜를 열었어요. 주말은 일찍 마감돼요.", "success"),
        "en": _notice("Autumn outdoor sessions are open", "Weekend dates for the autumn "
                      "colours are open now. Weekends fill up fast.", "success"),
        "ja": _notice("秋のロケーション撮影の予約受付中", "紅葉の季節に合わせて、週末の屋外"
                      "撮影の日程を公開しました。週末は早めに埋まります。", "success"),
    },
    "other": {
        "ko": _notice("휴무 안내", "공휴일에는 쉬어요. 다른 날 바뀌는 영업시간은 여기에서 "
                      "먼저 알려 드릴게요.", "info"),
        "en": _notice("Holiday closing", "We're closed on public holidays. Any other change "
                      "to our hours will be posted here first.", "info"),
        "ja": _notice("休業のお知らせ", "祝日はお休みです。そのほかの営業時間の変更も、"
                      "まずここでお知らせします。", "info"),
    },
}
