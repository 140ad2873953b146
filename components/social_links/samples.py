"""Sample content of a new social-links block, by site language: the accounts the owner
entered in the business profile, and empty rows for the rest (never invented addresses; an
empty row shows nothing to visitors)."""

from components import link_to

INSTAGRAM = {"kind": "instagram", "url": link_to("instagram")}
KAKAO = {"kind": "kakao", "url": link_to("kakao")}

SAMPLES = {
    "other": {
        "ko": {"items": [INSTAGRAM, {"kind": "naver_blog", "url": ""}, KAKAO]},
        "en": {"items": [INSTAGRAM, {"kind": "facebook", "url": ""},
                         {"kind": "youtube", "url": ""}]},
        "ja": {"items": [INSTAGRAM, {"kind": "youtube", "url": ""},
                         {"kind": "website", "url": ""}]},
    },
}
