"""A given publication date (a date, a datetime, a year, or a string in ISO 8601 or written out)
as an ISO value and its precision."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from comity.stages.metadata import parse_date_text

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def normalize_published(value: Any) -> tuple[str, str] | None:
    """An ISO value and its precision for a given publication date, or None if unreadable."""
    if isinstance(value, dt.datetime):
        return _datetime_iso(value)
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value), "year"
    if not isinstance(value, str):
        return None
    return _parse_published_string(value.strip())


def _datetime_iso(value: dt.datetime) -> tuple[str, str]:
    if value.second or value.microsecond:
        return value.isoformat(timespec="seconds"), "second"
    return value.isoformat(timespec="minutes"), "minute"


def _parse_published_string(value: str) -> tuple[str, str] | None:
    iso_date = _ISO_DATE.match(value)
    if iso_date:
        return _iso_date_parts(iso_date)
    try:
        return _datetime_iso(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        pass
    parsed = parse_date_text(value)
    return (parsed.value, parsed.precision) if parsed is not None else None


def _iso_date_parts(match: re.Match[str]) -> tuple[str, str] | None:
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat(), "day"
        if month:
            return (f"{year}-{month}", "month") if 1 <= int(month) <= 12 else None
    except ValueError:
        return None
    return year, "year"
