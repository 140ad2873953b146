"""Sample content of a new video block, by business type and site language: a title and a
caption that wait for the owner's YouTube address."""


def _video(title: str, caption: str) -> dict:
    return {"url": "", "title": title, "caption": caption}


SAMPLES = {
    "cafe": {
        "ko": _video("작은 빵집의 하루", "새벽 반죽부터 첫 손님을 맞기까지, 우리 가게의 "
                     "아침을 담았어요."),
        "en": _video("A day at our bakery", "From the first dough before dawn to our first "
                     "customer of the morning."),
        "ja": _video("小さなパン屋の一日", "夜明け前の仕込みから最初のお客様をお迎えするまで、"
                     "お店の朝をまとめました。"),
    },
    "restaurant": {
        "ko": _video("반찬 만드는 아침", "시장에서 장 봐 온 재료로 그날 반찬을 만드는 "
                     "모습이에요."),
        "en": _video("Making the side dishes", "How the day's side dishes come together from "
                     "the morning market."),
        "ja": _video("おかずをつくる朝", "市場で仕入れた食材で、その日のおかずをつくる様子です。"),
    },
    "shop": {
        "ko": _video("그릇이 만들어지기까지", "함께 일하는 공방에서 그릇을 빚는 과정을 "
                     "담았어요."),
        "en": _video("How our bowls are made", "A visit to the potter's studio we work with."),
        "ja": _video("うつわができるまで", "お取引先の工房で、うつわを作る工程を撮影しました。"),
    },
    "beauty": {
        "ko": _video("집에서 하는 드라이 방법", "커트 후 집에서도 모양을 살리는 드라이 "
                     "방법을 알려 드려요."),
        "en": _video("Blow-drying at home", "How to keep the shape of your cut with a "
                     "simple blow-dry."),
        "ja": _video("おうちでのブローのしかた", "カットの形をおうちでもきれいに保つ、"
                     "ブローのコツをご紹介します。"),
    },
    "clinic": {
        "ko": _video("처음 오시는 분께", "접수부터 진료, 수납까지 어떻게 진행되는지 "
                     "안내해 드려요."),
        "en": _video("Your first visit", "What happens from registration to seeing the "
                     "doctor and paying."),
        "ja": _video("はじめての方へ", "受付から診察、お会計までの流れをご案内します。"),
    },
    "academy": {
        "ko": _video("수업 미리 보기", "여섯 명이 함께하는 리딩 수업의 한 장면이에요."),
        "en": _video("A peek at a class", "A few minutes from one of our reading classes."),
        "ja": _video("授業をのぞいてみよう", "6人で受けるリーディングの授業のひとこまです。"),
    },
    "office": {
        "ko": _video("종합소득세, 3분 정리", "사장님들이 가장 많이 물어보시는 것만 "
                     "짧게 정리했어요."),
        "en": _video("Income tax in three minutes", "The questions small business owners "
                     "ask us most, answered briefly."),
        "ja": _video("3分でわかる総合所得税", "事業主の方からよく聞かれることだけを、"
                     "短くまとめました。"),
    },
    "freelancer": {
        "ko": _video("촬영 현장 스케치", "편안한 분위기에서 진행되는 촬영 현장을 "
                     "담았어요."),
        "en": _video("Behind the scenes", "What a relaxed shoot with me looks like."),
        "ja": _video("撮影風景", "リラックスした雰囲気で進む撮影の様子です。"),
    },
    "other": {
        "ko": _video("우리 가게를 소개합니다", "어떤 곳인지 짧은 영상으로 만나 보세요."),
        "en": _video("Meet us", "A short film about who we are and what we do."),
        "ja": _video("わたしたちのご紹介", "どんなお店なのか、短い動画でご覧ください。"),
    },
}
