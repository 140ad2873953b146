"""Sample content of a new menu (price list), by business type and site language: two short
categories the owner overwrites, not a full menu to delete item by item."""

from components import anchor_if_free


def _menu(heading: str, intro: str, *categories: tuple[str, list[dict]]) -> dict:
    return {"heading": heading, "intro": intro, "anchor": anchor_if_free("menu"),
            "categories": [{"name": name, "items": items} for name, items in categories]}


SAMPLES = {
    "cafe": {
        "ko": _menu("메뉴", "매일 아침 직접 굽는 빵과 정성껏 내린 커피를 준비합니다.",
                    ("커피", [
                        {"name": "아메리카노", "description": "고소한 블렌드 원두, 따뜻하게 또는 "
                         "차갑게", "price": 4500, "marks": ["best"]},
                        {"name": "카페라테", "description": "부드러운 우유와 에스프레소",
                         "price": 5000}]),
                    ("빵·디저트", [
                        {"name": "버터 크루아상", "description": "프랑스산 버터로 겹겹이",
                         "price": 3800, "marks": ["best"]},
                        {"name": "통밀 깜빠뉴", "description": "천연 발효종, 하루 10개 한정",
                         "price": 7000, "marks": ["vegan"]}])),
        "en": _menu("Menu", "Bread we bake every morning and coffee made with care.",
                    ("Coffee", [
                        {"name": "Americano", "description": "Our house blend, hot or iced",
                         "price": 4500, "marks": ["best"]},
                        {"name": "Café latte", "description": "Espresso with silky milk",
                         "price": 5000}]),
                    ("Bread and pastries", [
                        {"name": "Butter croissant", "description": "Layer upon layer of French "
                         "butter", "price": 3800, "marks": ["best"]},
                        {"name": "Wholewheat country loaf", "description": "Natural leaven, ten "
                         "loaves a day", "price": 7000, "marks": ["vegan"]}])),
        "ja": _menu("メニュー", "毎朝焼くパンと、ていねいに淹れるコーヒーをご用意しています。",
                    ("コーヒー", [
                        {"name": "アメリカーノ", "description": "香ばしいブレンド豆。"
                         "ホットまたはアイス", "price": 4500, "marks": ["best"]},
                        {"name": "カフェラテ", "description": "エスプレッソとなめらかなミルク",
                         "price": 5000}]),
                    ("パン・スイーツ", [
                        {"name": "バタークロワッサン", "description": "フランス産バターを"
                         "何層にも", "price": 3800, "marks": ["best"]},
                        {"name": "全粒粉のカンパーニュ", "description": "天然酵母、1日10個限定",
                         "price": 7000, "marks": ["vegan"]}])),
    },
    "restaurant": {
        "ko": _menu("메뉴", "반찬은 매일 아침 새로 만들고, 밥은 주문이 들어오면 솥에 지어요.",
                    ("식사", [
                        {"name": "된장찌개 정식", "description": "집된장으로 끓인 찌개와 "
                         "제철 반찬 다섯 가지", "price": 9000, "marks": ["best"]},
                        {"name": "제육볶음 정식", "description": "국내산 앞다리살, 넉넉한 쌈 채소",
                         "price": 10000, "marks": ["spicy"]}]),
                    ("곁들임·술", [
                        {"name": "해물파전", "description": "오징어와 새우를 듬뿍",
                         "price": 15000},
                        {"name": "지역 막걸리", "description": "그날그날 들어오는 막걸리",
                         "price": 6000}])),
        "en": _menu("Menu", "Side dishes made fresh every morning, rice cooked to order in "
                    "a stone pot.",
                    ("Meals", [
                        {"name": "Soybean paste stew set", "description": "Doenjang stew with "
                         "five seasonal side dishes", "price": 9000, "marks": ["best"]},
                        {"name": "Spicy pork set", "description": "Stir-fried Korean pork with "
                         "fresh lettuce wraps", "price": 10000, "marks": ["spicy"]}]),
                    ("To share and to drink", [
                        {"name": "Seafood pancake", "description": "Generous squid and prawns",
                         "price": 15000},
                        {"name": "Local makgeolli", "description": "Rice wine, changes with "
                         "the season", "price": 6000}])),
        "ja": _menu("メニュー", "おかずは毎朝手づくり、ごはんは注文を受けてから釜で炊きます。",
                    ("お食事", [
                        {"name": "テンジャンチゲ定食", "description": "自家製味噌のチゲと"
                         "旬のおかず5品", "price": 9000, "marks": ["best"]},
                        {"name": "豚肉炒め定食", "description": "国産豚の甘辛炒め、"
                         "たっぷりの包み野菜", "price": 10000, "marks": ["spicy"]}]),
                    ("一品・お酒", [
                        {"name": "海鮮チヂミ", "description": "イカとエビをたっぷり",
                         "price": 15000},
                        {"name": "地元のマッコリ", "description": "日替わりでご用意",
                         "price": 6000}])),
    },
    "shop": {
        "ko": _menu("가격 안내", "자주 찾으시는 물건과 포장 서비스 가격이에요.",
                    ("주방", [
                        {"name": "유리 밀폐 용기 3종", "description": "오븐·전자레인지 사용 가능",
                         "price": 24000, "marks": ["best"]},
                        {"name": "원목 도마 (중)", "description": "호두나무 통원목",
                         "price": 38000}]),
                    ("선물 포장", [
                        {"name": "기본 포장", "description": "종이 상자와 리본",
                         "price": 2000},
                        {"name": "메시지 카드", "description": "손글씨로 적어 드려요",
                         "price": 1000}])),
        "en": _menu("Prices", "Our most asked-for items, and what gift wrapping costs.",
                    ("Kitchen", [
                        {"name": "Glass storage set of 3", "description": "Oven and microwave "
                         "safe", "price": 24000, "marks": ["best"]},
                        {"name": "Walnut chopping board (M)", "description": "Cut from one "
                         "piece of walnut", "price": 38000}]),
                    ("Gift wrapping", [
                        {"name": "Gift box", "description": "Paper box with a ribbon",
                         "price": 2000},
                        {"name": "Message card", "description": "Handwritten by us",
                         "price": 1000}])),
        "ja": _menu("価格のご案内", "よくお問い合わせいただく商品とラッピングの料金です。",
                    ("キッチン", [
                        {"name": "ガラス保存容器 3点セット", "description": "オーブン・電子レンジ"
                         "対応", "price": 24000, "marks": ["best"]},
                        {"name": "ウォールナットのまな板（M）", "description": "一枚板から"
                         "切り出しました", "price": 38000}]),
                    ("ギフトラッピング", [
                        {"name": "ギフトボックス", "description": "紙箱とリボン",
                         "price": 2000},
                        {"name": "メッセージカード", "description": "手書きでお書きします",
                         "price": 1000}])),
    },
    "beauty": {
        "ko": _menu("시술 가격", "기장과 모발 상태에 따라 가격이 달라질 수 있어요. 상담 때 "
                    "미리 안내해 드려요.",
                    ("커트", [
                        {"name": "여성 커트", "description": "샴푸와 드라이 포함",
                         "price": 25000},
                        {"name": "남성 커트", "description": "샴푸와 스타일링 포함",
                         "price": 18000, "marks": ["best"]}]),
                    ("펌·염색", [
                        {"name": "셋팅 펌", "description": "커트 포함, 어깨 기장 기준",
                         "price": 120000},
                        {"name": "뿌리 염색", "description": "두피 자극이 적은 약제 사용",
                         "price": 50000}])),
        "en": _menu("Prices", "Prices depend on length and hair condition; we'll tell you "
                    "before we start.",
                    ("Cuts", [
                        {"name": "Women's cut", "description": "Includes wash and blow-dry",
                         "price": 25000},
                        {"name": "Men's cut", "description": "Includes wash and styling",
                         "price": 18000, "marks": ["best"]}]),
                    ("Perms and colour", [
                        {"name": "Setting perm", "description": "Includes a cut, "
                         "shoulder length", "price": 120000},
                        {"name": "Root colour", "description": "Gentle on the scalp",
                         "price": 50000}])),
        "ja": _menu("メニュー・料金", "長さや髪の状態によって料金が変わることがあります。"
                    "カウンセリングの際に事前にご案内します。",
                    ("カット", [
                        {"name": "レディースカット", "description": "シャンプー・ブロー込み",
                         "price": 25000},
                        {"name": "メンズカット", "description": "シャンプー・スタイリング込み",
                         "price": 18000, "marks": ["best"]}]),
                    ("パーマ・カラー", [
                        {"name": "デジタルパーマ", "description": "カット込み・肩までの長さ",
                         "price": 120000},
                        {"name": "リタッチカラー", "description": "頭皮にやさしい薬剤を使用",
                         "price": 50000}])),
    },
    "clinic": {
        "ko": _menu("비급여 진료비 안내", "건강보험이 적용되지 않는 항목의 가격이에요. "
                    "궁금한 점은 접수처에 물어봐 주세요.",
                    ("예방접종", [
                        {"name": "독감 예방접종 (4가)", "description": "매년 10월부터 접종해요",
                         "price": 40000},
                        {"name": "A형 간염 예방접종", "description": "1회 기준, 총 2회 접종",
                         "price": 70000}]),
                    ("제증명", [
                        {"name": "일반 진단서", "price": 20000},
                        {"name": "진료확인서", "price": 3000}])),
        "en": _menu("Fees not covered by insurance", "What we charge for items National "
                    "Health Insurance does not cover. Ask at reception if anything is unclear.",
                    ("Vaccinations", [
                        {"name": "Flu vaccine (quadrivalent)", "description": "Available from "
                         "October each year", "price": 40000},
                        {"name": "Hepatitis A vaccine", "description": "Per dose, two doses "
                         "in all", "price": 70000}]),
                    ("Certificates", [
                        {"name": "Medical certificate", "price": 20000},
                        {"name": "Confirmation of visit", "price": 3000}])),
        "ja": _menu("自費診療の料金", "健康保険が適用されない項目の料金です。"
                    "ご不明な点は受付でお尋ねください。",
                    ("予防接種", [
                        {"name": "インフルエンザ予防接種（4価）", "description": "毎年10月から"
                         "接種できます", "price": 40000},
                        {"name": "A型肝炎ワクチン", "description": "1回あたり・全2回",
                         "price": 70000}]),
                    ("証明書", [
                        {"name": "診断書", "price": 20000},
                        {"name": "受診証明書", "price": 3000}])),
    },
    "academy": {
        "ko": _menu("수업·수강료", "교재비는 따로 받지 않아요. 형제가 함께 다니면 수강료를 "
                    "10% 덜 받아요.",
                    ("초등반", [
                        {"name": "파닉스반 (1~2학년)", "description": "주 3회, 50분",
                         "price": 220000},
                        {"name": "리딩반 (3~6학년)", "description": "주 3회, 80분",
                         "price": 260000, "marks": ["best"]}]),
                    ("중등반", [
                        {"name": "내신·문법반", "description": "주 3회, 90분",
                         "price": 300000},
                        {"name": "말하기반", "description": "주 2회, 60분, 원어민 선생님",
                         "price": 200000, "marks": ["new"]}])),
        "en": _menu("Classes and fees", "No extra charge for books. Brothers and sisters "
                    "get 10% off.",
                    ("Primary", [
                        {"name": "Phonics (grades 1–2)", "description": "3 times a week, "
                         "50 minutes", "price": 220000},
                        {"name": "Reading (grades 3–6)", "description": "3 times a week, "
                         "80 minutes", "price": 260000, "marks": ["best"]}]),
                    ("Middle school", [
                        {"name": "Grammar and school tests", "description": "3 times a week, "
                         "90 minutes", "price": 300000},
                        {"name": "Speaking", "description": "Twice a week, 60 minutes, with a "
                         "native teacher", "price": 200000, "marks": ["new"]}])),
        "ja": _menu("コースと月謝", "教材費はいただいていません。ごきょうだいで通われる場合は"
                    "月謝を10%割引します。",
                    ("小学生クラス", [
                        {"name": "フォニックス（1〜2年生）", "description": "週3回・50分",
                         "price": 220000},
                        {"name": "リーディング（3〜6年生）", "description": "週3回・80分",
                         "price": 260000, "marks": ["best"]}]),
                    ("中学生クラス", [
                        {"name": "文法・定期テスト対策", "description": "週3回・90分",
                         "price": 300000},
                        {"name": "スピーキング", "description": "週2回・60分、ネイティブ講師",
                         "price": 200000, "marks": ["new"]}])),
    },
    "office": {
        "ko": _menu("업무와 수수료", "사업 규모에 따라 달라질 수 있어요. 첫 상담 때 정확한 "
                    "금액을 알려 드려요.",
                    ("기장", [
                        {"name": "개인사업자 기장", "description": "월 단위, 매출 3억 원 이하",
                         "price": 100000},
                        {"name": "법인 기장", "description": "월 단위, 급여 신고 포함",
                         "price": 200000}]),
                    ("신고 대행", [
                        {"name": "부가가치세 신고", "description": "간이과세자 기준",
                         "price": 50000},
                        {"name": "종합소득세 신고", "description": "단순경비율 대상자 기준",
                         "price": 100000, "marks": ["best"]}])),
        "en": _menu("Services and fees", "Fees depend on the size of your business; we "
                    "confirm the exact amount at the first meeting.",
                    ("Bookkeeping", [
                        {"name": "Sole trader bookkeeping", "description": "Per month, sales "
                         "up to 300 million won", "price": 100000},
                        {"name": "Company bookkeeping", "description": "Per month, payroll "
                         "filings included", "price": 200000}]),
                    ("Tax returns", [
                        {"name": "VAT return", "description": "Simplified taxpayers",
                         "price": 50000},
                        {"name": "Income tax return", "description": "Simple expense rate "
                         "filers", "price": 100000, "marks": ["best"]}])),
        "ja": _menu("業務内容と報酬", "事業の規模によって変わります。正確な金額は"
                    "初回のご相談時にお伝えします。",
                    ("記帳代行", [
                        {"name": "個人事業主の記帳", "description": "月額・売上3億ウォン以下",
                         "price": 100000},
                        {"name": "法人の記帳", "description": "月額・給与申告込み",
                         "price": 200000}]),
                    ("申告代行", [
                        {"name": "付加価値税の申告", "description": "簡易課税事業者の場合",
                         "price": 50000},
                        {"name": "総合所得税の申告", "description": "単純経費率の対象者の場合",
                         "price": 100000, "marks": ["best"]}])),
    },
    "freelancer": {
        "ko": _menu("촬영 안내", "보정본은 촬영 후 일주일 안에 보내 드려요. 원본도 모두 "
                    "드립니다.",
                    ("인물", [
                        {"name": "프로필 촬영", "description": "1시간, 보정본 5장",
                         "price": 150000, "marks": ["best"]},
                        {"name": "가족사진", "description": "2시간, 야외 또는 스튜디오, "
                         "보정본 10장", "price": 300000}]),
                    ("제품", [
                        {"name": "제품 사진 (10컷)", "description": "흰 배경 또는 연출 컷",
                         "price": 200000},
                        {"name": "추가 보정", "description": "1장 기준", "price": 10000}])),
        "en": _menu("Sessions and prices", "Edited photos arrive within a week, and you "
                    "get every original too.",
                    ("Portraits", [
                        {"name": "Profile session", "description": "1 hour, 5 edited photos",
                         "price": 150000, "marks": ["best"]},
                        {"name": "Family session", "description": "2 hours, outdoors or in "
                         "the studio, 10 edited photos", "price": 300000}]),
                    ("Products", [
                        {"name": "Product photos (10 shots)", "description": "White "
                         "background or styled", "price": 200000},
                        {"name": "Extra retouching", "description": "Per photo",
                         "price": 10000}])),
        "ja": _menu("撮影メニュー", "レタッチ済みの写真は撮影から1週間以内にお届けします。"
                    "元データもすべてお渡しします。",
                    ("人物", [
                        {"name": "プロフィール撮影", "description": "1時間・レタッチ5枚",
                         "price": 150000, "marks": ["best"]},
                        {"name": "家族写真", "description": "2時間・屋外またはスタジオ・"
                         "レタッチ10枚", "price": 300000}]),
                    ("商品", [
                        {"name": "商品撮影（10カット）", "description": "白背景または"
                         "イメージカット", "price": 200000},
                        {"name": "追加レタッチ", "description": "1枚あたり", "price": 10000}])),
    },
    "other": {
        "ko": _menu("가격 안내", "자주 찾으시는 것부터 적어 두었어요. 궁금한 점은 편하게 "
                    "물어봐 주세요.",
                    ("기본", [
                        {"name": "기본 서비스", "description": "가장 많이 찾으시는 구성",
                         "price": 30000, "marks": ["best"]},
                        {"name": "프리미엄 서비스", "description": "기본에 한 가지를 더했어요",
                         "price": 50000}]),
                    ("추가", [
                        {"name": "추가 옵션", "description": "필요하실 때만 더해요",
                         "price": 10000},
                        {"name": "출장 방문", "description": "시내 기준", "price": 20000}])),
        "en": _menu("Prices", "Our most popular options first. If anything is unclear, "
                    "just ask.",
                    ("Basics", [
                        {"name": "Standard", "description": "What most customers choose",
                         "price": 30000, "marks": ["best"]},
                        {"name": "Premium", "description": "The standard, plus one extra",
                         "price": 50000}]),
                    ("Extras", [
                        {"name": "Add-on", "description": "Only when you need it",
                         "price": 10000},
                        {"name": "Home visit", "description": "Within the city",
                         "price": 20000}])),
        "ja": _menu("料金のご案内", "よくご利用いただくものから順に載せています。"
                    "ご不明な点はお気軽にお尋ねください。",
                    ("基本", [
                        {"name": "スタンダード", "description": "いちばん人気の内容です",
                         "price": 30000, "marks": ["best"]},
                        {"name": "プレミアム", "description": "スタンダードにひとつプラス",
                         "price": 50000}]),
                    ("オプション", [
                        {"name": "追加オプション", "description": "必要なときだけ",
                         "price": 10000},
                        {"name": "出張", "description": "市内の場合", "price": 20000}])),
    },
}
