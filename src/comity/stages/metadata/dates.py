"""Dates written out in full ("August 29, 2023", "Dec. 30", "April 20, 2021 - 10:08"); without a
year the result is a month-day, never a guessed year."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH = r"(?P<month>" + MONTH_NAME + r")\.?"
# Spelled out rather than taken from `calendar`, whose names follow the process locale.
_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_TIME = (
    r"(?:\s*(?:[-–—,|@T]|\bat\b)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?P<ampm>[ap])\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?)?"
)
_DATE_FORMS = (
    _WEEKDAY + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + ")?" + _TIME,
    _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?(?:\s+" + _YEAR + ")?" + _TIME,
    _MONTH + r",?\s+" + _YEAR,
    _YEAR + r"[-/.](?P<month_number>\d{1,2})[-/.]" + _DAY + _TIME,
)
_DATE_PATTERNS = tuple(re.compile(form, re.IGNORECASE) for form in _DATE_FORMS)


@dataclass(slots=True, frozen=True)
class ParsedDate:
    value: str  # ISO cut to its precision; "--MM-DD" when the year is unknown
    precision: str  # "second" | "minute" | "day" | "month" | "month-day"


def parse_date_text(text: str) -> ParsedDate | None:
    """A date written out in full ("August 29, 2023", "Dec. 30", "April 20, 2021 - 10:08").

    The whole string must be the date. Without a year the result is a month-day
    ("--12-30"): the year is never guessed.
    """
    candidate = text.strip().rstrip(".")
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(candidate)
        if match is not None:
            return _parsed_date(match)
    return None


def _parsed_date(match: re.Match[str]) -> ParsedDate | None:
    parts = match.groupdict()
    month = _month_number(parts)
    year = int(parts["year"]) if parts.get("year") else None
    if parts.get("day") is None:
        return ParsedDate(f"{year:04d}-{month:02d}", "month") if year and month else None
    day = int(parts["day"])
    if month is None or not _valid_day(year, month, day):
        return None
    if year is None:
        return ParsedDate(f"--{month:02d}-{day:02d}", "month-day")
    date = dt.date(year, month, day)
    if parts.get("hour") is None:
        return ParsedDate(date.isoformat(), "day")
    return _with_time(date, parts)


def _month_number(parts: dict[str, Any]) -> int | None:
    if parts.get("month_number"):
        number = int(parts["month_number"])
        return number if 1 <= number <= 12 else None
    if not parts.get("month"):
        return None
    return _MONTH_NUMBERS[parts["month"].lower()[:3]]


def _valid_day(year: int | None, month: int, day: int) -> bool:
    # 2000 is a leap year, so "Feb 29" without a year is allowed.
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return False
    return True


def _with_time(date: dt.date, parts: dict[str, Any]) -> ParsedDate | None:
    hour, minute = int(parts["hour"]), int(parts["minute"])
    if parts.get("ampm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if parts["ampm"].lower() == "p" else 0)
    second = int(parts["second"]) if parts.get("second") else None
    try:
        moment = dt.datetime(date.year, date.month, date.day, hour, minute, second or 0)
    except ValueError:
        return None
    if second is None:
        return ParsedDate(moment.isoformat(timespec="minutes"), "minute")
    return ParsedDate(moment.isoformat(timespec="seconds"), "second")
