"""Sample content of a new opening-hours block, by business type and site language (the hours
themselves come from the business profile; the sample is the heading and a note)."""

SAMPLES = {
    "cafe": {
        "ko": {"heading": "영업시간", "note": "빵이 다 팔리면 조금 일찍 문을 닫을 수 있어요."},
        "en": {"heading": "Opening hours", "note": "We may close a little early when the "
               "bread sells out."},
        "ja": {"heading": "営業時間", "note": "パンが売り切れ次第、早めに閉店することがあります。"},
    },
    "restaurant": {
        "ko": {"heading": "영업시간", "note": "마지막 주문은 마감 30분 전까지 받아요."},
        "en": {"heading": "Opening hours", "note": "Last orders 30 minutes before closing."},
        "ja": {"heading": "営業時間", "note": "ラストオーダーは閉店30分前です。"},
    },
    "shop": {
        "ko": {"heading": "영업시간", "note": "온라인 주문은 영업시간과 관계없이 받아요."},
        "en": {"heading": "Opening hours", "note": "Online orders are welcome at any time."},
        "ja": {"heading": "営業時間", "note": "オンラインのご注文は営業時間外も受け付けています。"},
    },
    "beauty": {
        "ko": {"heading": "영업시간", "note": "펌·염색은 마감 두 시간 전까지 예약해 주세요."},
        "en": {"heading": "Opening hours", "note": "Please book perms and colour at least two "
               "hours before closing."},
        "ja": {"heading": "営業時間", "note": "パーマ・カラーは閉店2時間前までにご予約ください。"},
    },
    "clinic": {
        "ko": {"heading": "진료 시간", "note": "접수는 진료 마감 30분 전까지 해 주세요. "
               "점심시간에는 접수하지 않아요."},
        "en": {"heading": "Surgery hours", "note": "Please register at least 30 minutes "
               "before closing. Reception is closed over lunch."},
        "ja": {"heading": "診療時間", "note": "受付は診療終了の30分前までです。"
               "昼休みの間は受付をしていません。"},
    },
    "academy": {
        "ko": {"heading": "운영 시간", "note": "수업 시간표는 반마다 달라요. 상담은 미리 "
               "예약해 주세요."},
        "en": {"heading": "Opening hours", "note": "Each class has its own timetable. Please "
               "book consultations ahead."},
        "ja": {"heading": "教室の時間", "note": "授業の時間割はクラスごとに異なります。"
               "面談は事前にご予約ください。"},
    },
    "office": {
        "ko": {"heading": "업무 시간", "note": "방문 상담은 미리 예약해 주시면 기다리지 "
               "않으셔도 돼요."},
        "en": {"heading": "Office hours", "note": "Book a meeting ahead and you won't have "
               "to wait."},
        "ja": {"heading": "業務時間", "note": "ご来所の際は事前にご予約いただければ、"
               "お待たせしません。"},
    },
    "freelancer": {
        "ko": {"heading": "작업실 운영 시간", "note": "촬영은 예약제로 운영해요. 주말 "
               "촬영도 가능해요."},
        "en": {"heading": "Studio hours", "note": "Shoots are by appointment only, weekends "
               "included."},
        "ja": {"heading": "スタジオの営業時間", "note": "撮影は予約制です。週末の撮影も"
               "できます。"},
    },
    "other": {
        "ko": {"heading": "영업시간", "note": "공휴일 영업 여부는 공지를 확인해 주세요."},
        "en": {"heading": "Opening hours", "note": "See our notices for public holiday hours."},
        "ja": {"heading": "営業時間", "note": "祝日の営業はお知らせをご確認ください。"},
    },
}
