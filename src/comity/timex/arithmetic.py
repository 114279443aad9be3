"""Date arithmetic against the anchor: what the anchor tells at each precision, the year of a
yearless date or month, shifts by months and days, and the date of a weekday."""

from __future__ import annotations

import calendar
import datetime as dt

from comity.timex.records import Anchor

_DAY_LEVEL = frozenset({"minute", "day"})
_MONTH_LEVEL = _DAY_LEVEL | {"month"}
_YEAR_LEVEL = _MONTH_LEVEL | {"year"}


def day_of_anchor(anchor: Anchor) -> dt.date | None:
    return anchor.date if anchor.precision in _DAY_LEVEL else None


def month_of_anchor(anchor: Anchor) -> tuple[int, int] | None:
    if anchor.date is None or anchor.precision not in _MONTH_LEVEL:
        return None
    return anchor.date.year, anchor.date.month


def year_of_anchor(anchor: Anchor) -> int | None:
    if anchor.date is None or anchor.precision not in _YEAR_LEVEL:
        return None
    return anchor.date.year


def month_day_of_anchor(anchor: Anchor) -> tuple[int, int] | None:
    if anchor.date is None or anchor.precision not in _DAY_LEVEL | {"month-day"}:
        return None
    return anchor.date.month, anchor.date.day


def is_month_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2004, month)[1]


#: A yearless date this many days after the anchor still falls in the anchor's year: a wire
#: story's dateline may run a day or two ahead of its recorded publication date.
YEARLESS_GRACE_DAYS = 7


def year_for_month_day(month: int, day: int, anchor: Anchor, prefer_future: bool) -> int | None:
    """The year of a yearless date: latest on/before the anchor (or within a few days after it),
    or earliest on/after it."""
    today = day_of_anchor(anchor)
    if today is not None:
        latest = today + dt.timedelta(days=YEARLESS_GRACE_DAYS)
        for offset in range(0, 9):  # 29 February may be up to eight years away
            year = today.year + offset if prefer_future else today.year - offset
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                continue
            if (candidate >= today) if prefer_future else (candidate <= latest):
                return year
        return None
    month_anchor = month_of_anchor(anchor)
    if month_anchor is None:
        return None
    year = year_for_month(month, month_anchor, prefer_future, relation=None)
    return year if in_calendar(year) and date_or_none(year, month, day) else None


def year_for_month(
    month: int, anchor_month: tuple[int, int], prefer_future: bool, relation: str | None
) -> int:
    year, current = anchor_month
    if relation == "this":
        return year
    if relation == "last":
        return year if month < current else year - 1
    if relation == "next":
        return year if month > current else year + 1
    if prefer_future:
        return year if month >= current else year + 1
    return year if month <= current else year - 1


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def shift_yearless(month: int, day: int, days: int) -> tuple[int, int] | None:
    """Shift a yearless date; None when the answer depends on a leap year."""
    answers = set()
    for year in (2001, 2004):
        start = date_or_none(year, month, day)
        moved = None if start is None else add_days(start, days)
        if moved is None:
            return None
        answers.add((moved.month, moved.day))
    return answers.pop() if len(answers) == 1 else None


def add_days(date: dt.date, days: int) -> dt.date | None:
    """`date` moved by `days`; None past the ends of the calendar ("99999999 days ago")."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def in_calendar(year: int) -> bool:
    return dt.MINYEAR <= year <= dt.MAXYEAR


def weekday_date(weekday: int, today: dt.date, relation: str | None, prefer_future: bool) -> dt.date | None:
    back = (today.weekday() - weekday) % 7
    ahead = (weekday - today.weekday()) % 7
    if relation == "last":
        return add_days(today, -(back or 7))
    if relation in ("next", "coming"):
        return add_days(today, ahead or 7)
    return add_days(today, ahead) if prefer_future else add_days(today, -back)


def date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
