"""Sample content of a new gallery, by business type and site language: three captions that
wait for the owner's pictures."""


def _gallery(heading: str, *captions: str) -> dict:
    return {"heading": heading, "columns": 3, "aspect": "square",
            "items": [{"caption": caption} for caption in captions]}


SAMPLES = {
    "cafe": {
        "ko": _gallery("빵집 풍경", "새벽 네 시, 반죽을 시작해요", "갓 구운 소금빵",
                       "햇살 드는 창가 자리"),
        "en": _gallery("Around the bakery", "4 a.m., the first dough", "Salt bread fresh "
                       "from the oven", "The sunny window seat"),
        "ja": _gallery("お店の風景", "朝4時、生地の仕込み", "焼きたての塩パン",
                       "日の当たる窓際の席"),
    },
    "restaurant": {
        "ko": _gallery("오늘의 상차림", "매일 새로 무치는 반찬", "솥에서 막 지은 밥",
                       "여럿이 앉기 좋은 안쪽 자리"),
        "en": _gallery("On the table today", "Side dishes made every morning",
                       "Rice straight from the stone pot", "The big table at the back"),
        "ja": _gallery("今日の食卓", "毎朝つくるおかず", "釜で炊きたてのごはん",
                       "大人数でも座れる奥の席"),
    },
    "shop": {
        "ko": _gallery("매장 둘러보기", "주방 도구 코너", "공방에서 온 그릇들", "선물 포장대"),
        "en": _gallery("Inside the shop", "Kitchen corner", "Bowls from the potter's studio",
                       "The gift-wrapping table"),
        "ja": _gallery("店内のようす", "キッチン用品のコーナー", "工房から届いたうつわ",
                       "ラッピングカウンター"),
    },
    "beauty": {
        "ko": _gallery("스타일 모음", "어깨 기장 레이어드 컷", "자연스러운 셋팅 펌",
                       "차분한 브라운 염색"),
        "en": _gallery("Our work", "Shoulder-length layered cut", "Soft setting perm",
                       "Warm brown colour"),
        "ja": _gallery("スタイル集", "肩までのレイヤーカット", "ナチュラルなデジタルパーマ",
                       "落ち着いたブラウンカラー"),
    },
    "clinic": {
        "ko": _gallery("의원 둘러보기", "밝고 넓은 대기실", "진료실", "예방접종실"),
        "en": _gallery("Inside the clinic", "Bright, roomy waiting area", "Consulting room",
                       "Vaccination room"),
        "ja": _gallery("院内のご案内", "明るく広い待合室", "診察室", "予防接種室"),
    },
    "academy": {
        "ko": _gallery("교실 풍경", "여섯 명이 둘러앉는 수업", "영어책 가득한 책장",
                       "발표 수업 시간"),
        "en": _gallery("In the classroom", "Six around one table", "Shelves full of English "
                       "books", "Show-and-tell time"),
        "ja": _gallery("教室のようす", "6人で囲むテーブル", "英語の本でいっぱいの本棚",
                       "発表の時間"),
    },
    "office": {
        "ko": _gallery("사무소 모습", "조용한 상담실", "자료를 정리하는 업무 공간",
                       "건물 입구"),
        "en": _gallery("Our office", "A quiet meeting room", "Where we keep your books",
                       "The entrance"),
        "ja": _gallery("事務所のようす", "静かな相談室", "書類を整理する執務スペース",
                       "建物の入口"),
    },
    "freelancer": {
        "ko": _gallery("작업 모음", "햇빛 좋은 날의 프로필", "공원에서 찍은 가족사진",
                       "작은 공방의 제품 사진"),
        "en": _gallery("Selected work", "A profile in the afternoon sun", "Family photos in "
                       "the park", "Products for a small studio"),
        "ja": _gallery("作品集", "午後の光で撮ったプロフィール", "公園での家族写真",
                       "小さな工房の商品写真"),
    },
    "other": {
        "ko": _gallery("둘러보기", "가게 입구", "안쪽 모습", "자랑하고 싶은 한 장면"),
        "en": _gallery("Take a look", "The entrance", "Inside", "A favourite corner"),
        "ja": _gallery("ギャラリー", "入口", "店内", "お気に入りの一角"),
    },
}
