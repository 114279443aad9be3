"""Temporal expressions: find them in English news text and normalise them.

`find_timexes` finds every temporal expression in a text ("on Monday", "in
March 1986", "Saturday [Sept. 5]", "Juche 49 (1960)", "last month", "six
decades ago", "59 years of rule"…) and `normalize` reads a single one. Each is
resolved against an `Anchor`, the publication date the text is relative to,
and reported as a `Timex`: an ISO value cut to its precision, what kind of
expression it is and the basis of its value. Attaching timexes to events is a
later stage's work.

The recogniser is a set of regular expressions over the vocabulary in
`comity/data/time/` (months, weekdays, number words, relative-day and vague
phrases, calendar eras), with the date arithmetic written in this package. dateparser is
used only by `normalize` as a fallback for single expressions outside this
grammar (chiefly non-English dates such as "29 août 2023"), and its answer is
cut to the period it reports, because it fills missing parts from its base
date ("in November 2018" comes back as the base date's day of November).
`find_timexes` never calls it: a recogniser runs only when a cheap trigger
(a digit, a month or weekday name, a unit word) is present.

Kinds: "absolute" (calendar dates, with or without a year), "weekday",
"relative" (to the publication date), "calendar" (Juche, Minguo, Buddhist,
Hijri eras) and "vague" (no value of its own: "recent", "later in the day",
and durations, which also carry `is_duration`).

Resolution rules, all deterministic:
- A date without a year ("Sept. 5"), a month alone ("in December") and a bare
  weekday ("on Monday") take the latest such date on or before the anchor, or
  the earliest on or after it when `prefer_future` is set: tense is not seen
  here. A date without a year up to a week after the anchor keeps the anchor's
  year (a dateline a day ahead of the recorded publication, "talks on Sept. 5"
  announced on the 1st), rather than jumping a year back. "last"/"next"
  exclude the anchor's own day or month.
- An expression finer than the anchor stays unresolved: with no anchor, or a
  yearless "month-day" anchor, values are None but month and day are kept.
- Weeks are ISO weeks ("2021-W15", precision "week"); decades are given as
  their first three digits ("196", precision "decade"); a clock time after a
  full date gives precision "minute" ("2021-04-20T10:08"); a day range
  ("March 3-4, 2021") is dated by its first day (basis "…:range-start").
- Numeric dates: "19.04.2021" is day-first, "04/19/2021" month-first; when
  both readings are valid the basis says "explicit:numeric-order-guessed".
- "N years ago"/"N years since" (and weeks, decades, centuries) are
  approximate; "N years of", "for N years", "N years old" are durations.
- Hijri years are converted by mean-year arithmetic to the Gregorian year that
  holds most of the Hijri year, and marked approximate.

The package: `find` runs the `recognisers` (regular expressions built in `patterns` over
the `vocabulary`, one reader each in `dates` or `relative`) and keeps the longest
expressions; `arithmetic` and `calendars` turn what a reader found into a value against
the anchor; `records` holds `Anchor` and `Timex`; `fallback` is dateparser for `normalize`.
"""

from comity.timex.arithmetic import YEARLESS_GRACE_DAYS
from comity.timex.fallback import DATEPARSER_LANGUAGES
from comity.timex.find import find_timexes, normalize
from comity.timex.records import ANCHOR_PRECISIONS, KINDS, YEARLESS_PLACEHOLDER_YEAR, Anchor, Timex
from comity.timex.vocabulary import TIME_DATA, same_time_words

__all__ = [
    "ANCHOR_PRECISIONS",
    "DATEPARSER_LANGUAGES",
    "KINDS",
    "TIME_DATA",
    "YEARLESS_GRACE_DAYS",
    "YEARLESS_PLACEHOLDER_YEAR",
    "Anchor",
    "Timex",
    "find_timexes",
    "normalize",
    "same_time_words",
]
