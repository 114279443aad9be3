"""Readers of dates the text states: ISO and numeric dates, month-day-year in either order,
month and year, era years, a month after a cue word, and a year standing alone."""

from __future__ import annotations

import datetime as dt
import re

from comity.timex.arithmetic import (
    date_or_none,
    in_calendar,
    is_month_day,
    month_of_anchor,
    year_for_month,
    year_for_month_day,
)
from comity.timex.calendars import era_reading, slot_year
from comity.timex.patterns import LOOK_BACK, look_back
from comity.timex.records import MatchContext, Timex, iso_day, make_timex
from comity.timex.vocabulary import months, weekdays


def _clock(match: re.Match[str]) -> tuple[int, int] | None:
    if not match.groupdict().get("hh"):
        return None
    hour, minute = int(match["hh"]), int(match["mm"])
    meridiem = (match.groupdict().get("ampm") or "").lower()
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    return (hour, minute) if hour < 24 else None


def _dated(
    match: re.Match[str],
    context: MatchContext,
    date: dt.date,
    kind: str,
    basis: str,
    approximate: bool = False,
    start: int | None = None,
) -> Timex:
    """A full date, to the minute when a clock time follows it."""
    clock = _clock(match)
    value, precision = iso_day(date), "day"
    if clock is not None:
        value, precision = f"{value}T{clock[0]:02d}:{clock[1]:02d}", "minute"
    return make_timex(
        match,
        context,
        value,
        precision,
        kind,
        basis,
        start=start,
        approximate=approximate,
        month=date.month,
        day=date.day,
    )


def read_iso(match: re.Match[str], context: MatchContext) -> Timex | None:
    date = date_or_none(int(match["year"]), int(match["month"]), int(match["day"]))
    return None if date is None else _dated(match, context, date, "absolute", "explicit")


def read_numeric(match: re.Match[str], context: MatchContext) -> Timex | None:
    first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
    if first > 12 or (match["sep"] == "." and second <= 12):
        day, month, basis = first, second, "explicit:numeric"
    else:
        month, day, basis = first, second, "explicit:numeric"
    if first <= 12 and second <= 12 and first != second:
        basis = "explicit:numeric-order-guessed"
    date = date_or_none(year, month, day)
    return None if date is None else _dated(match, context, date, "absolute", basis)


def read_numeric_ymd(match: re.Match[str], context: MatchContext) -> Timex | None:
    date = date_or_none(int(match["year"]), int(match["b"]), int(match["a"]))
    return None if date is None else _dated(match, context, date, "absolute", "explicit")


def _weekday_note(weekday: str | None, date: dt.date, basis: str) -> str:
    if weekday and weekdays()[weekday.casefold()] != date.weekday():
        return f"{basis}:weekday-mismatch"
    return basis


def read_calendar_date(match: re.Match[str], context: MatchContext) -> Timex | None:
    """ "August 29, 2023", "Sept. 5", "29 August 1960", "Monday, April 19, 2021"."""
    month, day = months()[match["month"].casefold()], int(match["day"])
    if not is_month_day(month, day):
        return None
    prefix = look_back("weekday", context, match.start())
    weekday, start = (prefix["wd"], prefix.start()) if prefix else (None, match.start())
    stated = slot_year(match)
    if stated is not None:
        date = date_or_none(stated.year, month, day)
        if date is None:
            return None
        basis = _range_note(match, _weekday_note(weekday, date, stated.basis))
        return _dated(match, context, date, stated.kind, basis, stated.approximate, start)
    year = year_for_month_day(month, day, context.anchor, context.prefer_future)
    if year is None:
        basis = _range_note(match, "explicit:no-year")
        return make_timex(match, context, None, None, "absolute", basis, start=start, month=month, day=day)
    date = dt.date(year, month, day)
    basis = _range_note(match, _weekday_note(weekday, date, "explicit:anchor-year"))
    return make_timex(match, context, iso_day(date), "day", "absolute", basis, start=start, month=month, day=day)


def _range_note(match: re.Match[str], basis: str) -> str:
    """ "March 3-4, 2021" is dated by its first day; the basis says so."""
    return f"{basis}:range-start" if match.groupdict().get("day_end") else basis


def read_month_year(match: re.Match[str], context: MatchContext) -> Timex | None:
    month = months()[match["month"].casefold()]
    stated = slot_year(match)
    if stated is None:
        return None
    return make_timex(
        match,
        context,
        f"{stated.year:04d}-{month:02d}",
        "month",
        stated.kind,
        stated.basis,
        approximate=stated.approximate,
        month=month,
    )


def read_era(match: re.Match[str], context: MatchContext) -> Timex | None:
    stated = era_reading(match.groupdict())
    if stated is None:
        return None
    return make_timex(
        match, context, f"{stated.year:04d}", "year", "calendar", stated.basis, approximate=stated.approximate
    )


def read_month(match: re.Match[str], context: MatchContext) -> Timex | None:
    """A month name alone, after a cue word: "in April", "last April", "mid-March"."""
    found_cue = look_back("month-cue", context, match.start())
    if found_cue is None:
        return None  # "the Long March": a month name needs a cue to be a date
    cue = found_cue["cue"].lower()
    form = match["month"]
    if form.casefold() == "may" and cue in ("of", "to", "and", "or"):
        return None  # "Johnson and May": too often a name
    month = months()[form.casefold()]
    if cue == "that":
        return _that_month(match, context, found_cue.start(), month)
    relation = cue if cue in ("last", "this", "next") else None
    start = found_cue.start() if relation else match.start()
    kind = "relative" if relation else "absolute"
    month_anchor = month_of_anchor(context.anchor)
    if month_anchor is None:
        basis = f"relative:{relation} {form}" if relation else "explicit:no-year"
        return make_timex(match, context, None, None, kind, basis, start=start, month=month)
    year = year_for_month(month, month_anchor, context.prefer_future, relation)
    if not in_calendar(year):
        return make_timex(match, context, None, None, kind, "explicit:no-year", start=start, month=month)
    basis = f"relative:{relation} {form}" if relation else "explicit:anchor-year"
    return make_timex(match, context, f"{year:04d}-{month:02d}", "month", kind, basis, start=start, month=month)


def _that_month(match: re.Match[str], context: MatchContext, start: int, month: int) -> Timex | None:
    """ "That March" means the March of the year the text named last: the time stage resolves it."""
    if match["month"].casefold() == "may":
        return None  # "said that May …": a name or a modal more often than a month
    return make_timex(match, context, None, None, "vague", "same-year", start=start, month=month)


#: Words that may stand around a bare year in a phrase given to `normalize` ("in 1960").
YEAR_CUES = frozenset(
    "in since from to until till by before after of during between and or around circa early late "
    "mid the its their his her our year back".split()
)
#: Words after which a number followed by a lowercase word is still a year ("in 2000 people
#: marched"); "by 2000 people" or "of 2000 people" is taken for a count.
_YEAR_CUES_BEFORE_WORD = frozenset(
    "in since until till during before after around circa early late mid the its their his her our "
    "year back".split()
)
#: Function words that follow a year but never a count ("by 2030 the plant", "in 1976 when").
_WORDS_AFTER_A_YEAR = frozenset(
    "the a an it he she they we i you its his her their this that these those there when while as and "
    "but or so if because after before until since at in on for with which who whose".split()
)
_YEAR_LIST_CONTINUES = re.compile(r"[12]\d{3}(?:[^\S\n]*[-–][^\S\n]*|[^\S\n]+(?:and|or|to)[^\S\n]+)$")


def read_year(match: re.Match[str], context: MatchContext) -> Timex | None:
    if not _year_stands_alone(match, context):
        return None
    year = int(match["year"])
    if match["decade"]:
        if year % 10:
            return None
        return make_timex(match, context, f"{year // 10:03d}", "decade", "absolute", "explicit")
    return make_timex(match, context, f"{year:04d}", "year", "absolute", "explicit")


def _year_stands_alone(match: re.Match[str], context: MatchContext) -> bool:
    """Tell "in 2000" and "the 2018 summit" from "2000 people"."""
    text, start, end = context.text, match.start(), match.end()
    before = text[max(0, start - 24) : start]
    if before.endswith("-") and not re.search(r"(?i)\bmid-$|\d-$", before):
        return False
    if text[end : end + 1] == "-" and not re.match(r"-\d", text[end : min(end + 2, context.limit)]):
        return False
    next_word = re.match(r"[^\S\n]+([a-z]\w*)", text[end : min(end + LOOK_BACK, context.limit)])
    if next_word is None or match["decade"] or next_word.group(1) in _WORDS_AFTER_A_YEAR:
        return True  # "by 2030 the plant…": a count is followed by what it counts, not by "the"
    if _YEAR_LIST_CONTINUES.search(before):
        return True  # "1950-1953 ended", "in 2015 and 2018 they met"
    previous = re.search(r"([A-Za-z]+)[^\S\n]*-?$", before)
    return previous is not None and previous.group(1).lower() in _YEAR_CUES_BEFORE_WORD
