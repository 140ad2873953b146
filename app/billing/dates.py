"""Billing days are Korean calendar days (Asia/Seoul), whatever the server's zone."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")


def today() -> date:
    return datetime.now(SEOUL).date()


def local_day(moment: datetime) -> date:
    return moment.astimezone(SEOUL).date()


def add_month(day: date, anchor_day: int | None = None) -> date:
    """The same day next month, clamped to the month's end (Jan 31 → Feb 28 → Mar 31 with an
    anchor of 31, so a period never drifts)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    wanted = anchor_day or day.day
    return date(year, month, min(wanted, calendar.monthrange(year, month)[1]))
