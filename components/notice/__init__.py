"""Notice: an announcement banner — a holiday, a new menu, a changed opening time."""

from typing import Literal

from pydantic import Field

from components import Component, Props, ui
from components._types import Link, Text
from components.notice.samples import SAMPLES

STRINGS = {
    "label": {"ko": "공지", "en": "Notice", "ja": "お知らせ"},
    "tone_info": {"ko": "안내", "en": "Info", "ja": "ご案内"},
    "tone_important": {"ko": "중요", "en": "Important", "ja": "重要"},
    "tone_success": {"ko": "소식", "en": "News", "ja": "お知らせ"},
    "more": {"ko": "자세히 보기", "en": "Learn more", "ja": "詳しく見る"},
    "empty": {"ko": "공지 제목과 내용을 입력해 주세요", "en": "Add a title and a message",
              "ja": "タイトルと内容を入力してください"},
}


class NoticeProps(Props):
    title: Text(80) = Field("", json_schema_extra=ui(
        {"ko": "제목", "en": "Title", "ja": "タイトル"}, "text", inline=True))
    message: Text(400) = Field("", json_schema_extra=ui(
        {"ko": "내용", "en": "Message", "ja": "内容"}, "textarea", inline=True))
    tone: Literal["info", "important", "success"] = Field("info", json_schema_extra=ui(
        {"ko": "종류", "en": "Tone", "ja": "種類"}, "select",
        options={"info": {"ko": "안내", "en": "Information", "ja": "ご案内"},
                 "important": {"ko": "중요", "en": "Important", "ja": "重要"},
                 "success": {"ko": "좋은 소식", "en": "Good news", "ja": "うれしいお知らせ"}}))
    link: Link = Field("", json_schema_extra=ui(
        {"ko": "연결할 곳", "en": "Link", "ja": "リンク先"}, "link",
        help={"ko": "비워 두면 버튼이 나오지 않아요.", "en": "Leave empty for no button.",
              "ja": "空欄ならボタンは表示されません。"}))
    link_label: Text(30) = Field("", json_schema_extra=ui(
        {"ko": "버튼 글자", "en": "Button text", "ja": "ボタンの文字"}, "text",
        help={"ko": "비워 두면 '자세히 보기'로 나와요.", "en": "Defaults to 'Learn more'.",
              "ja": "空欄なら「詳しく見る」と表示されます。"}))


COMPONENT = Component(
    type="notice",
    props=NoticeProps,
    labels={"ko": "공지", "en": "Notice", "ja": "お知らせ"},
    description={"ko": "휴무일, 신메뉴 같은 알림 띠", "en": "An announcement banner",
                 "ja": "休業日や新メニューなどのお知らせ"},
    category="text",
    icon="M4 10v4h3l6 4V6l-6 4zM17 9.5a3.5 3.5 0 0 1 0 5",
    samples=SAMPLES,
)
