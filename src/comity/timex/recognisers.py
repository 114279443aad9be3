"""The recognisers: one regular expression and one reader per form, in order of preference, each
tried only when a cheap trigger (a digit, a month or weekday name, a unit word) is in the text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from comity.timex.dates import (
    read_calendar_date,
    read_era,
    read_iso,
    read_month,
    read_month_year,
    read_numeric,
    read_numeric_ymd,
    read_year,
)
from comity.timex.patterns import (
    ORD,
    WS,
    WS0,
    alternation,
    count_pattern,
    era_group,
    month_group,
    weekday_forms,
    year_slot,
)
from comity.timex.records import MatchContext, Timex
from comity.timex.relative import (
    read_ago,
    read_duration,
    read_relative_day,
    read_relative_period,
    read_vague,
    read_weekday,
)
from comity.timex.vocabulary import era_forms, table_rows


@dataclass(slots=True, frozen=True)
class _Recogniser:
    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str], MatchContext], Timex | None]
    lowered: bool  # runs on the ASCII-lowercased text: case-insensitive regexes are slow in `re`
    triggers: frozenset[str]  # what the text must hold for the pattern to be tried (see `_TRIGGERS`)


@cache
def recognisers() -> tuple[_Recogniser, ...]:
    month_to_day = rf"(?:\.{WS0}|{WS})"
    specs: list[tuple[str, str, Callable[[re.Match[str], MatchContext], Timex | None]]] = [
        (
            "iso",
            r"(?<![\w-])(?P<year>[12]\d{3})-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
            r"(?:[T ](?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?(?![\w-])",
            read_iso,
        ),
        (
            "numeric",
            r"(?<![\w./-])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>[12]\d{3})(?![\w/]|\.\d)",
            read_numeric,
        ),
        (
            "numeric-ymd",
            r"(?<![\w./-])(?P<year>[12]\d{3})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<a>\d{1,2})(?![\w/]|\.\d)",
            read_numeric_ymd,
        ),
        (
            "month-day-year",
            rf"{month_group('month')}"
            rf"(?:(?<=\.){WS0}|{WS})(?P<day>[0-3]?\d){ORD}(?![\d:])"
            rf"(?:{WS0}[-–]{WS0}(?P<day_end>[0-3]?\d){ORD}(?![\d:]))?(?:{year_slot(False)})",
            read_calendar_date,
        ),
        (
            "day-month-year",
            rf"(?<![\d.,])(?P<day>[0-3]?\d){ORD}{WS}(?:of{WS})?"
            rf"{month_group('month')}(?:{year_slot(False)})",
            read_calendar_date,
        ),
        ("month-year", rf"{month_group('month')}{year_slot(True, with_time=False)}", read_month_year),
        ("era", era_group(), read_era),
        (
            "weekday",
            rf"\b(?P<wd>{weekday_forms()})\b"
            rf"(?:{WS}(?P<part>(?i:morning|afternoon|evening|night))\b)?"
            rf"(?:{WS0}[\[(]{WS0}{month_group('bmonth')}{month_to_day}(?P<bday>[0-3]?\d){ORD}"
            rf"(?:,?{WS}(?P<byear>[12]\d{{3}}))?\.?{WS0}[\])])?",
            read_weekday,
        ),
        (
            "month",
            rf"{month_group('month')}(?!{WS0}\d)",
            read_month,
        ),
        (
            "year",
            r"(?<![\w$£€#/.,'’])(?P<year>1[5-9]\d\d|20\d\d)(?P<decade>s)?(?![\w%/]|[.,]\d|\+)",
            read_year,
        ),
        (
            "relative-day",
            rf"\b(?P<phrase>{alternation([p.lower() for p, _ in table_rows('relative_days.tsv', 2)])})\b",
            read_relative_day,
        ),
        (
            "relative-period",
            rf"\b(?:(?P<mod>earlier|later|early|late|mid|the{WS}end{WS}of|the{WS}beginning{WS}of"
            rf"|the{WS}start{WS}of|the{WS}middle{WS}of)(?:-|{WS}))?"
            rf"(?P<rel>last|this|next|the{WS}coming|coming)(?:-|{WS})(?P<unit>week|month|year|decade)\b",
            read_relative_period,
        ),
        (
            "ago",
            rf"\b(?P<n>{count_pattern()}){WS}(?P<unit>day|week|month|year|decade|century|centurie)s?{WS}"
            rf"(?:(?P<ago>ago)|(?:(?:have|has){WS}(?:passed|elapsed|gone{WS}by){WS})?(?P<since>since))\b",
            read_ago,
        ),
        (
            "duration",
            rf"\b(?:(?P<pre>for|another|over|nearly|almost|about|more{WS}than|the{WS}(?:past|last|next|first))"
            rf"{WS})?(?P<n>{count_pattern()})(?P<plus>\+)?(?:-|{WS})(?P<unit>day|week|month|year|decade|century|centurie)s?\b"
            rf"(?:{WS}(?P<post>of|old|long)\b)?(?!{WS}(?:ago|since)\b)",  # "more than four years ago" is a date
            read_duration,
        ),
        (
            "vague",
            rf"\b(?P<phrase>{alternation([p.lower() for p, _ in table_rows('vague.tsv', 2)])})\b",
            read_vague,
        ),
    ]
    return tuple(
        _Recogniser(name, re.compile(pattern), read, name in _LOWERED, frozenset(_TRIGGERS[name]))
        for name, pattern, read in specs
    )


#: Recognisers whose patterns are written in lower case and run on the lowercased text.
_LOWERED = frozenset({"relative-day", "relative-period", "ago", "duration", "vague"})


#: Which triggers each recogniser needs: "digit", "era", or a word list of `_trigger_words`.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "iso": ("digit",),
    "numeric": ("digit",),
    "numeric-ymd": ("digit",),
    "month-day-year": ("digit", "month"),
    "day-month-year": ("digit", "month"),
    "month-year": ("digit", "month"),
    "era": ("digit", "era"),
    "weekday": ("weekday",),
    "month": ("month",),
    "year": ("digit",),
    "relative-day": ("relative-day",),
    "relative-period": ("unit",),
    "ago": ("ago", "unit"),
    "duration": ("unit",),
    "vague": ("vague",),
}
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")
_UNITS = ("day", "week", "month", "year", "decade")
#: Words that mark a phrase of the relative-day or vague lists (a phrase without one: all its words).
_TIME_WORDS = frozenset(
    {*_UNITS, *(unit + "s" for unit in _UNITS), "century", "centuries", "today", "tonight", "yesterday"}
    | {"tomorrow", "morning", "afternoon", "evening", "night", "recent", "recently", "nowadays"}
)


@cache
def _trigger_words() -> dict[str, frozenset[str]]:
    """Trigger name → lowercase words, one of which the text must hold for the recogniser to run."""
    return {
        "month": frozenset(form.lower() for form, _ in table_rows("months.tsv", 2)),
        "weekday": frozenset(form.lower() for form, _ in table_rows("weekdays.tsv", 2)),
        "unit": frozenset({*_UNITS, *(unit + "s" for unit in _UNITS), "century", "centuries"}),
        "ago": frozenset({"ago", "since"}),
        "relative-day": _phrase_words(table_rows("relative_days.tsv", 2)),
        "vague": _phrase_words(table_rows("vague.tsv", 2)),
    }


def _phrase_words(rows: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    words: set[str] = set()
    for phrase, *_ in rows:
        phrase_words = set(_WORD.findall(phrase.lower()))
        words |= (phrase_words & _TIME_WORDS) or phrase_words
    return frozenset(words)


@cache
def _era_trigger() -> re.Pattern[str]:
    return re.compile(alternation([form for form, _ in era_forms()] + ["Republic"]))


def fired_triggers(text: str, start: int, end: int) -> frozenset[str]:
    """Names of the triggers (see `_TRIGGERS`) the range holds: a digit, or words of the time vocabulary."""
    fired = set()
    if _DIGIT.search(text, start, end):
        fired.add("digit")
        if _era_trigger().search(text, start, end):
            fired.add("era")
    words = set(_WORD.findall(text[start:end].lower()))
    for name, cues in _trigger_words().items():
        if not words.isdisjoint(cues):
            fired.add(name)
    return frozenset(fired)
