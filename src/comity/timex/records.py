"""The records: `Anchor`, the publication date a text is relative to, read from ISO 8601; `Timex`,
an expression found and normalised; and `MatchContext`, what a reader needs to turn a match into one."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from comity.model import Span

ANCHOR_PRECISIONS = frozenset({"minute", "day", "month", "year", "month-day"})
KINDS = frozenset({"absolute", "relative", "weekday", "calendar", "vague"})

#: Year stored in `Anchor.date` for a "month-day" anchor; never read as a year.
YEARLESS_PLACEHOLDER_YEAR = 4


@dataclass(slots=True, frozen=True)
class Anchor:
    """The publication date a text is relative to.

    `precision` is "minute" or "day" (usable for every relative expression),
    "month" or "year" (usable for coarser ones), "month-day" (year unknown:
    only yearless month-day reasoning; the year of `date` is a placeholder) or
    None when there is no publication date.
    """

    date: dt.date | None
    precision: str | None

    def __post_init__(self) -> None:
        if (self.date is None) != (self.precision is None):
            raise ValueError("Anchor needs both a date and a precision, or neither")
        if self.precision is not None and self.precision not in ANCHOR_PRECISIONS:
            raise ValueError(f"Anchor precision {self.precision!r} is not one of {sorted(ANCHOR_PRECISIONS)}")

    @classmethod
    def none(cls) -> Anchor:
        return cls(None, None)

    @classmethod
    def from_iso(cls, value: str | None) -> Anchor:
        """Read a publication date as `Metadata.published` holds it.

        "2021-04-20T10:08" (minute), "2023-08-29" (day), "2021-03" (month),
        "2021" (year), "--03-24" (month-day), None or "" (no anchor).
        """
        if not value:
            return cls.none()
        for pattern, precision in _anchor_forms():
            match = pattern.match(value.strip())
            if match:
                return cls(_anchor_date(match, precision), precision)
        raise ValueError(
            f"publication date {value!r} is not ISO 8601 "
            "(expected 2021-04-20T10:08, 2021-04-20, 2021-04, 2021 or --04-20)"
        )


@dataclass(slots=True, frozen=True)
class Timex:
    """A temporal expression found in a text, normalised against an anchor.

    `value` is ISO 8601 cut to `precision` ("1986-03", "2021-04-19", "1960",
    "2021-W15", "2021-04-20T10:08", decade "196"), or None when it cannot be
    resolved. `month` and `day` keep what the text names even when the year is
    unknown. `duration` is the ISO 8601 length an "ago", "since" or duration
    expression states ("P60Y" for "six decades ago", "P59Y" for "59 years of
    rule"). `basis` says how the value was found: "explicit",
    "explicit:anchor-year", "relative:Monday", "relative:last month",
    "relative:ago", "bracket", "juche", "same-day", "duration"…
    """

    span: Span
    text: str
    value: str | None
    precision: str | None
    kind: str
    basis: str
    approximate: bool = False
    is_duration: bool = False
    month: int | None = None
    day: int | None = None
    duration: str | None = None


@dataclass(slots=True, frozen=True)
class MatchContext:
    text: str
    anchor: Anchor
    prefer_future: bool
    limit: int
    offset: int = 0  # added to match positions: lowercased patterns run on a window starting here


@cache
def _anchor_forms() -> tuple[tuple[re.Pattern[str], str], ...]:
    return (
        (re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})"), "minute"),
        (re.compile(r"(\d{4})-(\d{2})-(\d{2})$"), "day"),
        (re.compile(r"--(\d{2})-(\d{2})$"), "month-day"),
        (re.compile(r"(\d{4})-(\d{2})$"), "month"),
        (re.compile(r"(\d{4})$"), "year"),
    )


def _anchor_date(match: re.Match[str], precision: str) -> dt.date:
    numbers = [int(group) for group in match.groups()]
    try:
        if precision == "month-day":
            return dt.date(YEARLESS_PLACEHOLDER_YEAR, numbers[0], numbers[1])
        if precision == "month":
            return dt.date(numbers[0], numbers[1], 1)
        if precision == "year":
            return dt.date(numbers[0], 1, 1)
        return dt.date(numbers[0], numbers[1], numbers[2])
    except ValueError as exc:
        raise ValueError(f"publication date {match.string!r} is not a calendar date ({exc})") from exc


def make_timex(
    match: re.Match[str],
    context: MatchContext,
    value: str | None,
    precision: str | None,
    kind: str,
    basis: str,
    *,
    start: int | None = None,
    approximate: bool = False,
    is_duration: bool = False,
    month: int | None = None,
    day: int | None = None,
) -> Timex:
    span = Span(context.offset + (match.start() if start is None else start), context.offset + match.end())
    return Timex(
        span,
        context.text[span.start : span.end],
        value,
        precision,
        kind,
        basis,
        approximate,
        is_duration,
        month,
        day,
    )


def iso_day(date: dt.date) -> str:
    return date.isoformat()
