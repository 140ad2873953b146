"""Columns: two to four blocks side by side, stacked on a phone."""

from typing import Literal

from pydantic import Field

from components import Component, Props, ui


class ColumnsProps(Props):
    count: Literal[2, 3, 4] = Field(2, json_schema_extra=ui(
        {"ko": "칸 수", "en": "Columns", "ja": "列の数"}, "select",
        options={"2": {"ko": "2칸", "en": "2", "ja": "2列"},
                 "3": {"ko": "3칸", "en": "3", "ja": "3列"},
                 "4": {"ko": "4칸", "en": "4", "ja": "4列"}}))
    gap: Literal["small", "medium", "large"] = Field("medium", json_schema_extra=ui(
        {"ko": "칸 사이 간격", "en": "Gap", "ja": "列の間隔"}, "select",
        options={"small": {"ko": "좁게", "en": "Small", "ja": "狭い"},
                 "medium": {"ko": "보통", "en": "Medium", "ja": "普通"},
                 "large": {"ko": "넓게", "en": "Large", "ja": "広い"}}))


COMPONENT = Component(
    type="columns",
    props=ColumnsProps,
    labels={"ko": "여러 칸", "en": "Columns", "ja": "段組み"},
    description={"ko": "블록을 2~4칸으로 나란히 (휴대폰에서는 세로로)",
                 "en": "2–4 blocks side by side, stacked on phones",
                 "ja": "2〜4列に並べる（スマホでは縦並び）"},
    category="layout",
    icon="M3 5h8v14H3zM13 5h8v14h-8z",
    slot_count=lambda props: int(props.get("count", 2)),
)
