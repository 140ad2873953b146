"""The business profile of a site: it later feeds blocks, the footer and structured data."""

from __future__ import annotations

import re
from typing import Annotated, Any

from flask_babel import gettext as _, lazy_gettext as _l
from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_LABELS = {
    "mon": _l("Monday"),
    "tue": _l("Tuesday"),
    "wed": _l("Wednesday"),
    "thu": _l("Thursday"),
    "fri": _l("Friday"),
    "sat": _l("Saturday"),
    "sun": _l("Sunday"),
}
BUSINESS_TYPES = {
    "cafe": _l("Café / bakery"),
    "restaurant": _l("Restaurant / bar"),
    "shop": _l("Shop"),
    "beauty": _l("Beauty salon"),
    "clinic": _l("Clinic / health"),
    "academy": _l("Academy / tutoring"),
    "office": _l("Office / professional services"),
    "freelancer": _l("Freelancer / portfolio"),
    "other": _l("Other"),
}

Text = Annotated[str, StringConstraints(strip_whitespace=True)]
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")


def business_number_is_valid(number: str) -> bool:
    """Checks a 사업자등록번호 (10 digits) against its check digit (National Tax Service rule)."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) != 10 or len(re.sub(r"[\d\s-]", "", number)) > 0:
        return False
    weights = (1, 3, 7, 1, 3, 7, 1, 3, 5)
    total = sum(d * w for d, w in zip(digits[:9], weights, strict=True))
    total += (digits[8] * 5) // 10
    return (10 - total % 10) % 10 == digits[9]


def format_business_number(number: str) -> str:
    d = "".join(c for c in number if c.isdigit())
    return f"{d[:3]}-{d[3:5]}-{d[5:]}"


def _https_url(value: str, hosts: tuple[str, ...], message: str) -> str:
    if not value:
        return ""
    if not value.startswith(("http://", "https://")):
        value = "https://" + value
    value = "https://" + value.split("://", 1)[1]
    host = value.split("/", 3)[2].lower()
    if not any(host == h or host.endswith("." + h) for h in hosts):
        raise ValueError(message)
    return value


class DayHours(BaseModel):
    """Opening hours of one weekday; an optional break (브레이크 타임)."""

    model_config = ConfigDict(extra="forbid")

    closed: bool = False
    open: Text = ""
    close: Text = ""
    break_start: Text = ""
    break_end: Text = ""

    @field_validator("open", "close", "break_start", "break_end")
    @classmethod
    def _time(cls, v: str) -> str:
        if v and not TIME_RE.match(v):
            raise ValueError(_("Enter a time like 09:30."))
        return v

    @model_validator(mode="after")
    def _consistent(self) -> DayHours:
        if self.closed:
            return self
        if bool(self.open) != bool(self.close):
            raise ValueError(
                _("Enter both the opening and the closing time, or mark the day closed.")
            )
        if bool(self.break_start) != bool(self.break_end):
            raise ValueError(_("Enter both the start and the end of the break."))
        return self


class BusinessProfile(BaseModel):
    """Every field is optional; what is given must be valid."""

    model_config = ConfigDict(extra="forbid")

    business_name: Annotated[Text, Field(max_length=100)] = ""
    business_type: str = "other"
    representative: Annotated[Text, Field(max_length=50)] = ""
    business_number: Annotated[Text, Field(max_length=20)] = ""
    mail_order_number: Annotated[Text, Field(max_length=60)] = ""
    address: Annotated[Text, Field(max_length=200)] = ""
    address_detail: Annotated[Text, Field(max_length=100)] = ""
    phone: Annotated[Text, Field(max_length=20)] = ""
    email: EmailStr | None = None
    opening_hours: dict[str, DayHours] = Field(default_factory=dict)
    hours_note: Annotated[Text, Field(max_length=200)] = ""
    kakao_channel_url: Annotated[Text, Field(max_length=200)] = ""
    naver_map_url: Annotated[Text, Field(max_length=300)] = ""
    kakao_map_url: Annotated[Text, Field(max_length=300)] = ""
    instagram: Annotated[Text, Field(max_length=100)] = ""

    @field_validator("email", mode="before")
    @classmethod
    def _empty_email(cls, v: Any) -> Any:
        return v.strip() or None if isinstance(v, str) else v

    @field_validator("business_type")
    @classmethod
    def _type(cls, v: str) -> str:
        if v not in BUSINESS_TYPES:
            raise ValueError(_("Choose a business type from the list."))
        return v

    @field_validator("business_number")
    @classmethod
    def _brn(cls, v: str) -> str:
        if not v:
            return ""
        if not business_number_is_valid(v):
            raise ValueError(
                _(
                    "This business registration number is not valid. Check the 10 digits "
                    "(e.g. 123-45-67890) on your registration certificate."
                )
            )
        return format_business_number(v)

    @field_validator("phone")
    @classmethod
    def _phone(cls, v: str) -> str:
        if not v:
            return ""
        digits = re.sub(r"[\s.()-]", "", v)
        if digits.startswith("+82"):
            digits = "0" + digits[3:]
        if not re.fullmatch(r"0\d{8,10}|1[5-9]\d{6}", digits):
            raise ValueError(_("Enter a Korean phone number like 02-123-4567 or 010-1234-5678."))
        return v

    @field_validator("opening_hours")
    @classmethod
    def _days(cls, v: dict[str, DayHours]) -> dict[str, DayHours]:
        unknown = set(v) - set(WEEKDAYS)
        if unknown:
            raise ValueError(_("Unknown weekday."))
        return v

    @field_validator("kakao_channel_url")
    @classmethod
    def _kakao_channel(cls, v: str) -> str:
        return _https_url(
            v, ("pf.kakao.com",), _("Enter your channel address, e.g. https://pf.kakao.com/_abcde.")
        )

    @field_validator("naver_map_url")
    @classmethod
    def _naver(cls, v: str) -> str:
        return _https_url(
            v,
            ("naver.me", "map.naver.com", "m.place.naver.com", "place.naver.com"),
            _("Enter a Naver Map link (naver.me or map.naver.com)."),
        )

    @field_validator("kakao_map_url")
    @classmethod
    def _kakao_map(cls, v: str) -> str:
        return _https_url(
            v,
            ("kko.to", "map.kakao.com", "place.map.kakao.com"),
            _("Enter a Kakao Map link (kko.to or map.kakao.com)."),
        )

    @field_validator("instagram")
    @classmethod
    def _instagram(cls, v: str) -> str:
        if not v:
            return ""
        m = re.fullmatch(
            r"(?:https?://)?(?:www\.)?(?:instagram\.com/)?@?([A-Za-z0-9._]{1,30})/?", v
        )
        if not m:
            raise ValueError(_("Enter your Instagram account, e.g. @mycafe."))
        return m.group(1)


def translate_errors(exc: ValidationError) -> dict[str, str]:
    """Pydantic errors as {field: translated message} (first error per field)."""
    errors: dict[str, str] = {}
    for err in exc.errors():
        loc = err["loc"]
        field = str(loc[0]) if loc else "__all__"
        if field == "opening_hours" and len(loc) > 1:
            field = f"hours_{loc[1]}"
        if field in errors:
            continue
        kind = err["type"]
        if field == "email":
            errors[field] = _("Enter a valid email address, like name@example.com.")
        elif kind == "string_too_long":
            errors[field] = _("Use at most %(n)d characters.", n=err["ctx"]["max_length"])
        elif kind == "value_error" and "error" in err.get("ctx", {}):
            errors[field] = str(err["ctx"]["error"])
        else:
            errors[field] = _("This value is not valid.")
    return errors


def parse_profile(data: dict[str, Any]) -> BusinessProfile:
    """Validates a profile (raises pydantic.ValidationError)."""
    return BusinessProfile.model_validate(data)


def profile_from_form(form) -> dict[str, Any]:
    """Turns the settings form's flat fields into the profile's shape."""
    fields = {
        name: form.get(name, "")
        for name in BusinessProfile.model_fields
        if name not in {"opening_hours"}
    }
    hours = {}
    for day in WEEKDAYS:
        hours[day] = {
            "closed": form.get(f"hours_{day}_closed") == "on",
            "open": form.get(f"hours_{day}_open", ""),
            "close": form.get(f"hours_{day}_close", ""),
            "break_start": form.get(f"hours_{day}_break_start", ""),
            "break_end": form.get(f"hours_{day}_break_end", ""),
        }
    fields["opening_hours"] = hours
    return fields
