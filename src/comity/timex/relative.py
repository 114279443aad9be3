"""Readers of expressions relative to the anchor: weekdays (with a bracketed date or without),
relative days and periods, "N units ago/since", durations and vague phrases."""

from __future__ import annotations

import re
from dataclasses import replace

from comity.timex.arithmetic import (
    add_days,
    date_or_none,
    day_of_anchor,
    in_calendar,
    is_month_day,
    month_day_of_anchor,
    month_of_anchor,
    shift_month,
    shift_yearless,
    weekday_date,
    year_for_month_day,
    year_of_anchor,
)
from comity.timex.patterns import look_back
from comity.timex.records import MatchContext, Timex, iso_day, make_timex
from comity.timex.vocabulary import months, number_words, phrase_key, relative_days, vague_phrases, weekdays


def read_weekday(match: re.Match[str], context: MatchContext) -> Timex | None:
    """ "on Monday", "last Monday", "Saturday [Sept.5.]"."""
    weekday = weekdays()[match["wd"].casefold()]
    if match["bmonth"]:
        return _read_bracketed_weekday(match, context, weekday)
    before = look_back("relation", context, match.start())
    relation, start = (before["rel"].lower(), before.start()) if before else (None, match.start())
    name = match["wd"].capitalize()
    basis = f"relative:{relation} {name}" if relation else f"relative:{name}"
    today = day_of_anchor(context.anchor)
    date = None if today is None else weekday_date(weekday, today, relation, context.prefer_future)
    if date is None:
        return make_timex(match, context, None, None, "weekday", basis, start=start)
    return make_timex(
        match, context, iso_day(date), "day", "weekday", basis, start=start, month=date.month, day=date.day
    )


def _read_bracketed_weekday(match: re.Match[str], context: MatchContext, weekday: int) -> Timex | None:
    """ "Saturday [Sept. 5]": the bracket gives the day; the weekday checks it when the year is known."""
    month, day = months()[match["bmonth"].casefold()], int(match["bday"])
    if not is_month_day(month, day):
        return None
    year = int(match["byear"]) if match["byear"] else None
    if year is None:
        year = year_for_month_day(month, day, context.anchor, context.prefer_future)
    date = None if year is None else date_or_none(year, month, day)
    if date is None:
        return make_timex(match, context, None, None, "weekday", "bracket", month=month, day=day)
    basis = "bracket" if date.weekday() == weekday else "bracket:weekday-mismatch"
    return make_timex(match, context, iso_day(date), "day", "weekday", basis, month=month, day=day)


def read_relative_day(match: re.Match[str], context: MatchContext) -> Timex | None:
    phrase = phrase_key(match["phrase"])
    offset = relative_days()[phrase]
    basis = f"relative:{phrase}"
    today = day_of_anchor(context.anchor)
    date = None if today is None else add_days(today, offset)
    if date is not None:
        return make_timex(
            match, context, iso_day(date), "day", "relative", basis, month=date.month, day=date.day
        )
    month_day = month_day_of_anchor(context.anchor)
    moved = None if month_day is None else shift_yearless(*month_day, offset)
    month, day = moved if moved else (None, None)
    return make_timex(match, context, None, None, "relative", basis, month=month, day=day)


_STEP = {"last": -1, "this": 0, "next": 1, "coming": 1}


def read_relative_period(match: re.Match[str], context: MatchContext) -> Timex | None:
    relation = phrase_key(match["rel"]).replace("the ", "")
    unit = match["unit"].lower()
    basis = "relative:" + phrase_key(match.group(0))
    step = _STEP[relation]
    anchor = context.anchor
    if unit == "week":
        today = day_of_anchor(anchor)
        moved = None if today is None else add_days(today, 7 * step)
        if moved is None:
            return make_timex(match, context, None, None, "relative", basis)
        iso = moved.isocalendar()
        return make_timex(match, context, f"{iso.year:04d}-W{iso.week:02d}", "week", "relative", basis)
    if unit == "month":
        return _relative_month(match, context, step, basis)
    year = year_of_anchor(anchor)
    if year is None or not in_calendar(year + step + 9):
        return make_timex(match, context, None, None, "relative", basis)
    if unit == "decade":
        return make_timex(match, context, f"{year // 10 + step:03d}", "decade", "relative", basis)
    return make_timex(match, context, f"{year + step:04d}", "year", "relative", basis)


def _relative_month(match: re.Match[str], context: MatchContext, step: int, basis: str) -> Timex:
    month_anchor = month_of_anchor(context.anchor)
    if month_anchor is not None and in_calendar(shift_month(*month_anchor, step)[0]):
        year, month = shift_month(*month_anchor, step)
        return make_timex(match, context, f"{year:04d}-{month:02d}", "month", "relative", basis, month=month)
    month_day = month_day_of_anchor(context.anchor)
    named = None if month_day is None else shift_month(2000, month_day[0], step)[1]
    return make_timex(match, context, None, None, "relative", basis, month=named)


def _count_value(words: str) -> int | None:
    words = phrase_key(words)
    if words.isdigit():
        return int(words)
    numbers = number_words()
    parts = words.split("-")
    if all(part in numbers for part in parts):
        return sum(numbers[part] for part in parts)
    return None  # "a few", "several"


#: unit → (count multiplier, ISO 8601 duration designator)
_ISO_UNITS = {
    "day": (1, "D"),
    "week": (1, "W"),
    "month": (1, "M"),
    "year": (1, "Y"),
    "decade": (10, "Y"),
    "century": (100, "Y"),
}


def _iso_duration(match: re.Match[str]) -> str | None:
    count = _count_value(match["n"])
    if count is None:
        return None
    factor, letter = _ISO_UNITS[match["unit"].lower().replace("centurie", "century")]
    return f"P{count * factor}{letter}"


def read_ago(match: re.Match[str], context: MatchContext) -> Timex | None:
    timex = _read_ago_value(match, context)
    return None if timex is None else replace(timex, duration=_iso_duration(match))


def _read_ago_value(match: re.Match[str], context: MatchContext) -> Timex | None:
    count = _count_value(match["n"])
    unit = match["unit"].lower().replace("centurie", "century")
    basis = "relative:ago" if match["ago"] else "relative:since"
    approximate = unit not in ("day", "month") or bool(match["since"])
    if count is None:
        return make_timex(match, context, None, None, "vague", basis, approximate=True)
    if unit in ("day", "week"):
        return _days_ago(match, context, count * (7 if unit == "week" else 1), basis, approximate)
    if unit == "month":
        month_anchor = month_of_anchor(context.anchor)
        if month_anchor is None or not in_calendar(shift_month(*month_anchor, -count)[0]):
            return make_timex(match, context, None, None, "relative", basis, approximate=approximate)
        year, month = shift_month(*month_anchor, -count)
        return make_timex(
            match,
            context,
            f"{year:04d}-{month:02d}",
            "month",
            "relative",
            basis,
            approximate=approximate,
            month=month,
        )
    years = count * {"year": 1, "decade": 10, "century": 100}[unit]
    anchor_year = year_of_anchor(context.anchor)
    value = (
        None if anchor_year is None or not in_calendar(anchor_year - years) else f"{anchor_year - years:04d}"
    )
    return make_timex(match, context, value, "year" if value else None, "relative", basis, approximate=True)


def _days_ago(match: re.Match[str], context: MatchContext, days: int, basis: str, approximate: bool) -> Timex:
    today = day_of_anchor(context.anchor)
    date = None if today is None else add_days(today, -days)
    if date is not None:
        return make_timex(
            match,
            context,
            iso_day(date),
            "day",
            "relative",
            basis,
            approximate=approximate,
            month=date.month,
            day=date.day,
        )
    month_day = month_day_of_anchor(context.anchor)
    moved = None if month_day is None else shift_yearless(*month_day, -days)
    month, day = moved if moved else (None, None)
    return make_timex(
        match, context, None, None, "relative", basis, approximate=approximate, month=month, day=day
    )


def read_duration(match: re.Match[str], context: MatchContext) -> Timex | None:
    if not (match["pre"] or match["plus"] or match["post"]):
        return None  # a bare "three years" is left to the ago/since reader or ignored
    timex = make_timex(match, context, None, None, "vague", "duration", is_duration=True)
    return replace(timex, duration=_iso_duration(match))


def read_vague(match: re.Match[str], context: MatchContext) -> Timex | None:
    basis = vague_phrases()[phrase_key(match["phrase"])]
    return make_timex(match, context, None, None, "vague", basis)
