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
phrases, calendar eras), with the date arithmetic written here. dateparser is
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
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from comity.config import DATA_DIR
from comity.errors import KnowledgeError
from comity.model import Span

TIME_DATA = DATA_DIR / "time"

ANCHOR_PRECISIONS = frozenset({"minute", "day", "month", "year", "month-day"})
KINDS = frozenset({"absolute", "relative", "weekday", "calendar", "vague"})

#: Year stored in `Anchor.date` for a "month-day" anchor; never read as a year.
YEARLESS_PLACEHOLDER_YEAR = 4

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
#: Characters before `start` that look-behinds and look-backs may see.
_LOOK_BACK = 40

_DAY_LEVEL = frozenset({"minute", "day"})
_MONTH_LEVEL = _DAY_LEVEL | {"month"}
_YEAR_LEVEL = _MONTH_LEVEL | {"year"}

# One or more blanks holding at most one line break: expressions may wrap, never cross paragraphs.
_WS = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
_WS0 = rf"(?:{_WS})?"
_ORD = r"(?:st|nd|rd|th)?"
_HIJRI_YEAR_DAYS = 10631 / 30  # mean year of the tabular Islamic calendar
_GREGORIAN_YEAR_DAYS = 365.2425
_HIJRI_EPOCH = 622 + 199 / 365  # 1 Muharram 1 AH = 19 July 622 (proleptic Gregorian)


# ---------------------------------------------------------------- records


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
class _Context:
    text: str
    anchor: Anchor
    prefer_future: bool
    limit: int
    offset: int = 0  # added to match positions: lowercased patterns run on a window starting here


@dataclass(slots=True, frozen=True)
class _Recogniser:
    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str], _Context], Timex | None]
    lowered: bool  # runs on the ASCII-lowercased text: case-insensitive regexes are slow in `re`
    triggers: frozenset[str]  # what the text must hold for the pattern to be tried (see `_TRIGGERS`)


# ---------------------------------------------------------------- public API


def find_timexes(
    text: str,
    anchor: Anchor,
    start: int = 0,
    end: int | None = None,
    *,
    prefer_future: bool = False,
) -> list[Timex]:
    """Every temporal expression in `text[start:end]`, in text order, with spans into `text`."""
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"range [{start}, {end}) is outside a text of {len(text)} characters")
    fired = _fired_triggers(text, start, end)
    if not fired:
        return []
    base = max(0, start - _LOOK_BACK)
    lowered = text[base:end].translate(_ASCII_LOWER)  # same length as the text, unlike str.lower
    as_is = _Context(text, anchor, prefer_future, end)
    in_lowered = _Context(text, anchor, prefer_future, end, offset=base)
    candidates: list[tuple[Timex, int]] = []
    for order, recogniser in enumerate(_recognisers()):
        if not recogniser.triggers <= fired:
            continue
        if recogniser.lowered:
            matches, context = recogniser.pattern.finditer(lowered, start - base), in_lowered
        else:
            matches, context = recogniser.pattern.finditer(text, start, end), as_is
        for match in matches:
            timex = recogniser.read(match, context)
            if timex is not None:
                candidates.append((timex, order))
    return _without_overlaps(candidates)


def normalize(expression: str, anchor: Anchor, *, prefer_future: bool = False) -> Timex | None:
    """Read one temporal expression ("on Monday", "in March 1986"); None when it is not one.

    A phrase holding several expressions gives the first. Forms outside the
    grammar that carry a year or a numeric date are tried with dateparser.
    """
    found = find_timexes(expression, anchor, prefer_future=prefer_future)
    if found and not _only_a_year_of_more(found[0], expression):
        return found[0]
    fallback = _dateparser_reading(expression, anchor, prefer_future)
    if fallback is not None and (not found or _finer_in_same_year(fallback, found[0])):
        return fallback
    return found[0] if found else None


def _only_a_year_of_more(timex: Timex, expression: str) -> bool:
    """A bare year among a few other words ("29 août 2023"): a foreign date the grammar only half read."""
    words = expression.split()
    is_sentence = len(words) > _SHORT_PHRASE_WORDS or expression.rstrip().endswith((".", "!", "?"))
    if timex.precision != "year" or timex.kind != "absolute" or is_sentence:
        return False
    rest = (expression[: timex.span.start] + " " + expression[timex.span.end :]).split()
    return any(word.strip("-–,;:()").casefold() not in _YEAR_CUES for word in rest)


def _finer_in_same_year(candidate: Timex, found: Timex) -> bool:
    return (
        candidate.precision in ("month", "day")
        and candidate.value is not None
        and found.value is not None
        and candidate.value[:4] == found.value[:4]
    )


def _fired_triggers(text: str, start: int, end: int) -> frozenset[str]:
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


# ---------------------------------------------------------------- selection


def _without_overlaps(candidates: list[tuple[Timex, int]]) -> list[Timex]:
    """Longest expressions win; on equal length the earlier recogniser wins."""
    ranked = sorted(candidates, key=lambda c: (-(c[0].span.end - c[0].span.start), c[1], c[0].span.start))
    starts: list[int] = []  # kept spans are disjoint, so sorted by start they are sorted by end too
    kept: list[Timex] = []
    for timex, _ in ranked:
        index = bisect.bisect_left(starts, timex.span.end)
        if index and kept[index - 1].span.end > timex.span.start:
            continue
        starts.insert(index, timex.span.start)
        kept.insert(index, timex)
    return kept


# ---------------------------------------------------------------- vocabulary


@cache
def _rows(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    path = TIME_DATA / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KnowledgeError(f"time vocabulary {path} cannot be read ({exc}); reinstall comity") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if len(cells) != columns:
            raise KnowledgeError(
                f"{path}:{number}: expected {columns} tab-separated columns, got {len(cells)}"
            )
        rows.append(cells)
    return tuple(rows)


@cache
def _months() -> dict[str, int]:
    return {form.casefold(): int(number) for form, number in _rows("months.tsv", 2)}


@cache
def _weekdays() -> dict[str, int]:
    return {form.casefold(): int(number) for form, number in _rows("weekdays.tsv", 2)}


@cache
def _number_words() -> dict[str, int]:
    return {word.casefold(): int(value) for word, value in _rows("numbers.tsv", 2)}


@cache
def _relative_days() -> dict[str, int]:
    return {_phrase_key(phrase): int(offset) for phrase, offset in _rows("relative_days.tsv", 2)}


@cache
def _vague_phrases() -> dict[str, str]:
    return {_phrase_key(phrase): basis for phrase, basis in _rows("vague.tsv", 2)}


@cache
def same_time_words() -> dict[str, frozenset[str]]:
    """Role ("subordinator", "measure", "background") → words of an adverbial clause that does or does not date its main clause."""
    words: dict[str, set[str]] = {}
    for word, role in _rows("same_time_clauses.tsv", 2):
        words.setdefault(role, set()).add(word.casefold())
    return {role: frozenset(found) for role, found in words.items()}


@cache
def _eras() -> dict[tuple[str, str], str]:
    """(form, position) → calendar."""
    return {(_phrase_key(form), position): cal for cal, form, position in _rows("eras.tsv", 3)}


def _phrase_key(phrase: str) -> str:
    return " ".join(phrase.casefold().split())


def _alternation(forms: list[str] | tuple[str, ...], *, with_capitals: bool = False) -> str:
    variants = set(forms)
    if with_capitals:
        variants |= {form.upper() for form in forms}
    ordered = sorted(variants, key=lambda form: (-len(form), form))
    return "|".join(re.escape(form).replace(r"\ ", _WS) for form in ordered)


def _month_forms() -> str:
    return _alternation([form for form, _ in _rows("months.tsv", 2)], with_capitals=True)


def _weekday_forms() -> str:
    return _alternation([form for form, _ in _rows("weekdays.tsv", 2)], with_capitals=True)


def _count() -> str:
    words = _alternation(list(_number_words()))
    return rf"\d+|(?:{words})(?:-(?:{words}))?|a{_WS}few|several|many|some"


# ---------------------------------------------------------------- patterns


def _month_group(name: str) -> str:
    return rf"\b(?P<{name}>{_month_forms()})\b{_abbreviation_dot()}"


@cache
def _abbreviation_dot() -> str:
    """An optional dot, taken only after an abbreviation ("Sept."), never after "April." ending a sentence."""
    longest: dict[int, int] = {}
    for form, number in _rows("months.tsv", 2):
        longest[int(number)] = max(longest.get(int(number), 0), len(form))
    by_length: dict[int, set[str]] = {}
    for form, number in _rows("months.tsv", 2):
        if len(form) < longest[int(number)]:
            by_length.setdefault(len(form), set()).update({form, form.upper()})
    behind = "|".join(rf"(?<=\b(?:{'|'.join(sorted(forms))}))" for _, forms in sorted(by_length.items()))
    return rf"(?:(?:{behind})\.)?" if behind else ""


def _era_group() -> str:
    before = _alternation([form for (form, pos) in _eras_forms() if pos == "before"])
    after = _alternation([form for (form, pos) in _eras_forms() if pos == "after"])
    ordinal_republic = (
        rf"the{_WS}(?P<era_ord>\d{{1,3}})(?:st|nd|rd|th){_WS}year{_WS}of{_WS}the{_WS}Republic"
        rf"(?:{_WS}of{_WS}China)?"
    )
    return (
        rf"(?:(?<![\w.])(?P<era_b>{before})(?:{_WS}|(?<=[^\x00-\x7f]))(?P<era_nb>\d{{1,4}})年?(?!\d)"
        rf"|(?<![\w.])(?P<era_na>\d{{1,4}}){_WS}(?P<era_a>{after})(?!\w)"
        rf"|{ordinal_republic})"
        rf"(?:{_WS0}\({_WS0}(?P<greg>[12]\d{{3}}){_WS0}\))?"
    )


@cache
def _eras_forms() -> tuple[tuple[str, str], ...]:
    return tuple((form, position) for _, form, position in _rows("eras.tsv", 3))


def _year_slot(required: bool, with_time: bool = True) -> str:
    time = (
        rf"(?:{_WS0}(?:[-–—,]|at)?{_WS0}(?P<hh>[0-2]?\d):(?P<mm>[0-5]\d)(?!\d)"
        rf"(?:{_WS0}(?P<ampm>[aApP]\.?[mM]\b\.?))?)?"
    )
    slot = rf"(?:,?{_WS0}{_era_group()}|,?{_WS}(?P<year>[12]\d{{3}})(?![\d:]))"
    return rf"(?:{slot}{time if with_time else ''})" + ("" if required else "?")


@cache
def _look_backs() -> dict[str, re.Pattern[str]]:
    """Words that may stand just before a match, looked for only where a match was found."""
    cues = "in|since|until|till|by|from|during|through|throughout|before|after|of|to|and|or|between"
    return {
        "weekday": re.compile(rf"\b(?P<wd>{_weekday_forms()})\b,?{_WS}$"),
        "relation": re.compile(rf"(?i)(?<!\w)(?P<rel>last|this|next|coming){_WS}$"),
        "month-cue": re.compile(
            rf"(?i)(?<!\w)(?P<cue>{cues}|last|this|next|that|early|late|mid)(?:-|{_WS})"
            rf"(?:the{_WS}month{_WS}of{_WS})?$"
        ),
    }


def _look_back(name: str, context: _Context, position: int) -> re.Match[str] | None:
    """The look-back pattern `name` ending at `position` of the text, or None."""
    return _look_backs()[name].search(context.text, max(0, position - _LOOK_BACK), position)


@cache
def _recognisers() -> tuple[_Recogniser, ...]:
    month_to_day = rf"(?:\.{_WS0}|{_WS})"
    specs: list[tuple[str, str, Callable[[re.Match[str], _Context], Timex | None]]] = [
        (
            "iso",
            r"(?<![\w-])(?P<year>[12]\d{3})-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
            r"(?:[T ](?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?(?![\w-])",
            _read_iso,
        ),
        (
            "numeric",
            r"(?<![\w./-])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>[12]\d{3})(?![\w/]|\.\d)",
            _read_numeric,
        ),
        (
            "numeric-ymd",
            r"(?<![\w./-])(?P<year>[12]\d{3})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<a>\d{1,2})(?![\w/]|\.\d)",
            _read_numeric_ymd,
        ),
        (
            "month-day-year",
            rf"{_month_group('month')}"
            rf"(?:(?<=\.){_WS0}|{_WS})(?P<day>[0-3]?\d){_ORD}(?![\d:])"
            rf"(?:{_WS0}[-–]{_WS0}(?P<day_end>[0-3]?\d){_ORD}(?![\d:]))?(?:{_year_slot(False)})",
            _read_calendar_date,
        ),
        (
            "day-month-year",
            rf"(?<![\d.,])(?P<day>[0-3]?\d){_ORD}{_WS}(?:of{_WS})?"
            rf"{_month_group('month')}(?:{_year_slot(False)})",
            _read_calendar_date,
        ),
        ("month-year", rf"{_month_group('month')}{_year_slot(True, with_time=False)}", _read_month_year),
        ("era", _era_group(), _read_era),
        (
            "weekday",
            rf"\b(?P<wd>{_weekday_forms()})\b"
            rf"(?:{_WS}(?P<part>(?i:morning|afternoon|evening|night))\b)?"
            rf"(?:{_WS0}[\[(]{_WS0}{_month_group('bmonth')}{month_to_day}(?P<bday>[0-3]?\d){_ORD}"
            rf"(?:,?{_WS}(?P<byear>[12]\d{{3}}))?\.?{_WS0}[\])])?",
            _read_weekday,
        ),
        (
            "month",
            rf"{_month_group('month')}(?!{_WS0}\d)",
            _read_month,
        ),
        (
            "year",
            r"(?<![\w$£€#/.,'’])(?P<year>1[5-9]\d\d|20\d\d)(?P<decade>s)?(?![\w%/]|[.,]\d|\+)",
            _read_year,
        ),
        (
            "relative-day",
            rf"\b(?P<phrase>{_alternation([p.lower() for p, _ in _rows('relative_days.tsv', 2)])})\b",
            _read_relative_day,
        ),
        (
            "relative-period",
            rf"\b(?:(?P<mod>earlier|later|early|late|mid|the{_WS}end{_WS}of|the{_WS}beginning{_WS}of"
            rf"|the{_WS}start{_WS}of|the{_WS}middle{_WS}of)(?:-|{_WS}))?"
            rf"(?P<rel>last|this|next|the{_WS}coming|coming)(?:-|{_WS})(?P<unit>week|month|year|decade)\b",
            _read_relative_period,
        ),
        (
            "ago",
            rf"\b(?P<n>{_count()}){_WS}(?P<unit>day|week|month|year|decade|century|centurie)s?{_WS}"
            rf"(?:(?P<ago>ago)|(?:(?:have|has){_WS}(?:passed|elapsed|gone{_WS}by){_WS})?(?P<since>since))\b",
            _read_ago,
        ),
        (
            "duration",
            rf"\b(?:(?P<pre>for|another|over|nearly|almost|about|more{_WS}than|the{_WS}(?:past|last|next|first))"
            rf"{_WS})?(?P<n>{_count()})(?P<plus>\+)?(?:-|{_WS})(?P<unit>day|week|month|year|decade|century|centurie)s?\b"
            rf"(?:{_WS}(?P<post>of|old|long)\b)?(?!{_WS}(?:ago|since)\b)",  # "more than four years ago" is a date
            _read_duration,
        ),
        (
            "vague",
            rf"\b(?P<phrase>{_alternation([p.lower() for p, _ in _rows('vague.tsv', 2)])})\b",
            _read_vague,
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
        "month": frozenset(form.lower() for form, _ in _rows("months.tsv", 2)),
        "weekday": frozenset(form.lower() for form, _ in _rows("weekdays.tsv", 2)),
        "unit": frozenset({*_UNITS, *(unit + "s" for unit in _UNITS), "century", "centuries"}),
        "ago": frozenset({"ago", "since"}),
        "relative-day": _phrase_words(_rows("relative_days.tsv", 2)),
        "vague": _phrase_words(_rows("vague.tsv", 2)),
    }


def _phrase_words(rows: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    words: set[str] = set()
    for phrase, *_ in rows:
        phrase_words = set(_WORD.findall(phrase.lower()))
        words |= (phrase_words & _TIME_WORDS) or phrase_words
    return frozenset(words)


@cache
def _era_trigger() -> re.Pattern[str]:
    return re.compile(_alternation([form for form, _ in _eras_forms()] + ["Republic"]))


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


# ---------------------------------------------------------------- anchor arithmetic


def _anchor_day(anchor: Anchor) -> dt.date | None:
    return anchor.date if anchor.precision in _DAY_LEVEL else None


def _anchor_month(anchor: Anchor) -> tuple[int, int] | None:
    if anchor.date is None or anchor.precision not in _MONTH_LEVEL:
        return None
    return anchor.date.year, anchor.date.month


def _anchor_year(anchor: Anchor) -> int | None:
    if anchor.date is None or anchor.precision not in _YEAR_LEVEL:
        return None
    return anchor.date.year


def _anchor_month_day(anchor: Anchor) -> tuple[int, int] | None:
    if anchor.date is None or anchor.precision not in _DAY_LEVEL | {"month-day"}:
        return None
    return anchor.date.month, anchor.date.day


def _is_month_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2004, month)[1]


#: A yearless date this many days after the anchor still falls in the anchor's year: a wire
#: story's dateline may run a day or two ahead of its recorded publication date.
YEARLESS_GRACE_DAYS = 7


def _year_for_month_day(month: int, day: int, anchor: Anchor, prefer_future: bool) -> int | None:
    """The year of a yearless date: latest on/before the anchor (or within a few days after it),
    or earliest on/after it."""
    today = _anchor_day(anchor)
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
    month_anchor = _anchor_month(anchor)
    if month_anchor is None:
        return None
    year = _year_for_month(month, month_anchor, prefer_future, relation=None)
    return year if _in_calendar(year) and _date_or_none(year, month, day) else None


def _year_for_month(
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


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _shift_yearless(month: int, day: int, days: int) -> tuple[int, int] | None:
    """Shift a yearless date; None when the answer depends on a leap year."""
    answers = set()
    for year in (2001, 2004):
        start = _date_or_none(year, month, day)
        moved = None if start is None else _add_days(start, days)
        if moved is None:
            return None
        answers.add((moved.month, moved.day))
    return answers.pop() if len(answers) == 1 else None


def _add_days(date: dt.date, days: int) -> dt.date | None:
    """`date` moved by `days`; None past the ends of the calendar ("99999999 days ago")."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def _in_calendar(year: int) -> bool:
    return dt.MINYEAR <= year <= dt.MAXYEAR


def _weekday_date(weekday: int, today: dt.date, relation: str | None, prefer_future: bool) -> dt.date | None:
    back = (today.weekday() - weekday) % 7
    ahead = (weekday - today.weekday()) % 7
    if relation == "last":
        return _add_days(today, -(back or 7))
    if relation in ("next", "coming"):
        return _add_days(today, ahead or 7)
    return _add_days(today, ahead) if prefer_future else _add_days(today, -back)


# ---------------------------------------------------------------- calendars


#: Era numbers a news text can plausibly use; outside them a match is taken for something else.
_ERA_RANGES = {
    "juche": range(1, 300),
    "minguo": range(1, 300),
    "buddhist": range(2000, 3000),
    "hijri": range(1, 2000),
}


def _era_year(calendar_name: str, number: int) -> tuple[int, bool]:
    """Gregorian year of an era year, and whether it is approximate."""
    if calendar_name in ("juche", "minguo"):
        return number + 1911, False
    if calendar_name == "buddhist":
        return number - 543, False
    if calendar_name == "hijri":
        start = _HIJRI_EPOCH + (number - 1) * _HIJRI_YEAR_DAYS / _GREGORIAN_YEAR_DAYS
        return int(start + _HIJRI_YEAR_DAYS / _GREGORIAN_YEAR_DAYS / 2), True
    raise KnowledgeError(f"eras.tsv names calendar {calendar_name!r}, which comity cannot convert")


@dataclass(slots=True, frozen=True)
class _Year:
    year: int
    basis: str
    kind: str
    approximate: bool = False


def _slot_year(match: re.Match[str]) -> _Year | None:
    """The year a date's year slot names: a Gregorian year or an era year (None: no year, or no era year)."""
    groups = match.groupdict()
    if groups.get("year"):
        return _Year(int(groups["year"]), "explicit", "absolute")
    if groups.get("era_b") or groups.get("era_a") or groups.get("era_ord"):
        return _era_reading(groups)
    return None


def _era_reading(groups: dict[str, str | None]) -> _Year | None:
    if groups.get("era_ord"):
        calendar_name, number = "minguo", int(groups["era_ord"] or 0)
    elif groups.get("era_b"):
        calendar_name = _eras()[(_phrase_key(groups["era_b"] or ""), "before")]
        number = int(groups["era_nb"] or 0)
    else:
        calendar_name = _eras()[(_phrase_key(groups["era_a"] or ""), "after")]
        number = int(groups["era_na"] or 0)
    if number not in _ERA_RANGES.get(calendar_name, range(0)):
        return None
    year, approximate = _era_year(calendar_name, number)
    stated = groups.get("greg")
    if stated and int(stated) != year:
        # The writer's own Gregorian gloss wins over our arithmetic; say so.
        return _Year(int(stated), f"{calendar_name}:mismatch", "calendar", approximate)
    return _Year(year, calendar_name, "calendar", approximate)


# ---------------------------------------------------------------- readers


def _timex(
    match: re.Match[str],
    context: _Context,
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


def _iso_day(date: dt.date) -> str:
    return date.isoformat()


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
    context: _Context,
    date: dt.date,
    kind: str,
    basis: str,
    approximate: bool = False,
    start: int | None = None,
) -> Timex:
    """A full date, to the minute when a clock time follows it."""
    clock = _clock(match)
    value, precision = _iso_day(date), "day"
    if clock is not None:
        value, precision = f"{value}T{clock[0]:02d}:{clock[1]:02d}", "minute"
    return _timex(
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


def _read_iso(match: re.Match[str], context: _Context) -> Timex | None:
    date = _date_or_none(int(match["year"]), int(match["month"]), int(match["day"]))
    return None if date is None else _dated(match, context, date, "absolute", "explicit")


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _read_numeric(match: re.Match[str], context: _Context) -> Timex | None:
    first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
    if first > 12 or (match["sep"] == "." and second <= 12):
        day, month, basis = first, second, "explicit:numeric"
    else:
        month, day, basis = first, second, "explicit:numeric"
    if first <= 12 and second <= 12 and first != second:
        basis = "explicit:numeric-order-guessed"
    date = _date_or_none(year, month, day)
    return None if date is None else _dated(match, context, date, "absolute", basis)


def _read_numeric_ymd(match: re.Match[str], context: _Context) -> Timex | None:
    date = _date_or_none(int(match["year"]), int(match["b"]), int(match["a"]))
    return None if date is None else _dated(match, context, date, "absolute", "explicit")


def _weekday_note(weekday: str | None, date: dt.date, basis: str) -> str:
    if weekday and _weekdays()[weekday.casefold()] != date.weekday():
        return f"{basis}:weekday-mismatch"
    return basis


def _read_calendar_date(match: re.Match[str], context: _Context) -> Timex | None:
    """ "August 29, 2023", "Sept. 5", "29 August 1960", "Monday, April 19, 2021"."""
    month, day = _months()[match["month"].casefold()], int(match["day"])
    if not _is_month_day(month, day):
        return None
    prefix = _look_back("weekday", context, match.start())
    weekday, start = (prefix["wd"], prefix.start()) if prefix else (None, match.start())
    stated = _slot_year(match)
    if stated is not None:
        date = _date_or_none(stated.year, month, day)
        if date is None:
            return None
        basis = _range_note(match, _weekday_note(weekday, date, stated.basis))
        return _dated(match, context, date, stated.kind, basis, stated.approximate, start)
    year = _year_for_month_day(month, day, context.anchor, context.prefer_future)
    if year is None:
        basis = _range_note(match, "explicit:no-year")
        return _timex(match, context, None, None, "absolute", basis, start=start, month=month, day=day)
    date = dt.date(year, month, day)
    basis = _range_note(match, _weekday_note(weekday, date, "explicit:anchor-year"))
    return _timex(match, context, _iso_day(date), "day", "absolute", basis, start=start, month=month, day=day)


def _range_note(match: re.Match[str], basis: str) -> str:
    """ "March 3-4, 2021" is dated by its first day; the basis says so."""
    return f"{basis}:range-start" if match.groupdict().get("day_end") else basis


def _read_month_year(match: re.Match[str], context: _Context) -> Timex | None:
    month = _months()[match["month"].casefold()]
    stated = _slot_year(match)
    if stated is None:
        return None
    return _timex(
        match,
        context,
        f"{stated.year:04d}-{month:02d}",
        "month",
        stated.kind,
        stated.basis,
        approximate=stated.approximate,
        month=month,
    )


def _read_era(match: re.Match[str], context: _Context) -> Timex | None:
    stated = _era_reading(match.groupdict())
    if stated is None:
        return None
    return _timex(
        match, context, f"{stated.year:04d}", "year", "calendar", stated.basis, approximate=stated.approximate
    )


def _read_month(match: re.Match[str], context: _Context) -> Timex | None:
    """A month name alone, after a cue word: "in April", "last April", "mid-March"."""
    found_cue = _look_back("month-cue", context, match.start())
    if found_cue is None:
        return None  # "the Long March": a month name needs a cue to be a date
    cue = found_cue["cue"].lower()
    form = match["month"]
    if form.casefold() == "may" and cue in ("of", "to", "and", "or"):
        return None  # "Johnson and May": too often a name
    month = _months()[form.casefold()]
    if cue == "that":
        return _that_month(match, context, found_cue.start(), month)
    relation = cue if cue in ("last", "this", "next") else None
    start = found_cue.start() if relation else match.start()
    kind = "relative" if relation else "absolute"
    month_anchor = _anchor_month(context.anchor)
    if month_anchor is None:
        basis = f"relative:{relation} {form}" if relation else "explicit:no-year"
        return _timex(match, context, None, None, kind, basis, start=start, month=month)
    year = _year_for_month(month, month_anchor, context.prefer_future, relation)
    if not _in_calendar(year):
        return _timex(match, context, None, None, kind, "explicit:no-year", start=start, month=month)
    basis = f"relative:{relation} {form}" if relation else "explicit:anchor-year"
    return _timex(match, context, f"{year:04d}-{month:02d}", "month", kind, basis, start=start, month=month)


def _that_month(match: re.Match[str], context: _Context, start: int, month: int) -> Timex | None:
    """ "That March" means the March of the year the text named last: the time stage resolves it."""
    if match["month"].casefold() == "may":
        return None  # "said that May …": a name or a modal more often than a month
    return _timex(match, context, None, None, "vague", "same-year", start=start, month=month)


#: Words that may stand around a bare year in a phrase given to `normalize` ("in 1960").
_YEAR_CUES = frozenset(
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


def _read_year(match: re.Match[str], context: _Context) -> Timex | None:
    if not _year_stands_alone(match, context):
        return None
    year = int(match["year"])
    if match["decade"]:
        if year % 10:
            return None
        return _timex(match, context, f"{year // 10:03d}", "decade", "absolute", "explicit")
    return _timex(match, context, f"{year:04d}", "year", "absolute", "explicit")


def _year_stands_alone(match: re.Match[str], context: _Context) -> bool:
    """Tell "in 2000" and "the 2018 summit" from "2000 people"."""
    text, start, end = context.text, match.start(), match.end()
    before = text[max(0, start - 24) : start]
    if before.endswith("-") and not re.search(r"(?i)\bmid-$|\d-$", before):
        return False
    if text[end : end + 1] == "-" and not re.match(r"-\d", text[end : min(end + 2, context.limit)]):
        return False
    next_word = re.match(r"[^\S\n]+([a-z]\w*)", text[end : min(end + _LOOK_BACK, context.limit)])
    if next_word is None or match["decade"] or next_word.group(1) in _WORDS_AFTER_A_YEAR:
        return True  # "by 2030 the plant…": a count is followed by what it counts, not by "the"
    if _YEAR_LIST_CONTINUES.search(before):
        return True  # "1950-1953 ended", "in 2015 and 2018 they met"
    previous = re.search(r"([A-Za-z]+)[^\S\n]*-?$", before)
    return previous is not None and previous.group(1).lower() in _YEAR_CUES_BEFORE_WORD


def _read_weekday(match: re.Match[str], context: _Context) -> Timex | None:
    """ "on Monday", "last Monday", "Saturday [Sept.5.]"."""
    weekday = _weekdays()[match["wd"].casefold()]
    if match["bmonth"]:
        return _read_bracketed_weekday(match, context, weekday)
    before = _look_back("relation", context, match.start())
    relation, start = (before["rel"].lower(), before.start()) if before else (None, match.start())
    name = match["wd"].capitalize()
    basis = f"relative:{relation} {name}" if relation else f"relative:{name}"
    today = _anchor_day(context.anchor)
    date = None if today is None else _weekday_date(weekday, today, relation, context.prefer_future)
    if date is None:
        return _timex(match, context, None, None, "weekday", basis, start=start)
    return _timex(
        match, context, _iso_day(date), "day", "weekday", basis, start=start, month=date.month, day=date.day
    )


def _read_bracketed_weekday(match: re.Match[str], context: _Context, weekday: int) -> Timex | None:
    """ "Saturday [Sept. 5]": the bracket gives the day; the weekday checks it when the year is known."""
    month, day = _months()[match["bmonth"].casefold()], int(match["bday"])
    if not _is_month_day(month, day):
        return None
    year = int(match["byear"]) if match["byear"] else None
    if year is None:
        year = _year_for_month_day(month, day, context.anchor, context.prefer_future)
    date = None if year is None else _date_or_none(year, month, day)
    if date is None:
        return _timex(match, context, None, None, "weekday", "bracket", month=month, day=day)
    basis = "bracket" if date.weekday() == weekday else "bracket:weekday-mismatch"
    return _timex(match, context, _iso_day(date), "day", "weekday", basis, month=month, day=day)


def _read_relative_day(match: re.Match[str], context: _Context) -> Timex | None:
    phrase = _phrase_key(match["phrase"])
    offset = _relative_days()[phrase]
    basis = f"relative:{phrase}"
    today = _anchor_day(context.anchor)
    date = None if today is None else _add_days(today, offset)
    if date is not None:
        return _timex(
            match, context, _iso_day(date), "day", "relative", basis, month=date.month, day=date.day
        )
    month_day = _anchor_month_day(context.anchor)
    moved = None if month_day is None else _shift_yearless(*month_day, offset)
    month, day = moved if moved else (None, None)
    return _timex(match, context, None, None, "relative", basis, month=month, day=day)


_STEP = {"last": -1, "this": 0, "next": 1, "coming": 1}


def _read_relative_period(match: re.Match[str], context: _Context) -> Timex | None:
    relation = _phrase_key(match["rel"]).replace("the ", "")
    unit = match["unit"].lower()
    basis = "relative:" + _phrase_key(match.group(0))
    step = _STEP[relation]
    anchor = context.anchor
    if unit == "week":
        today = _anchor_day(anchor)
        moved = None if today is None else _add_days(today, 7 * step)
        if moved is None:
            return _timex(match, context, None, None, "relative", basis)
        iso = moved.isocalendar()
        return _timex(match, context, f"{iso.year:04d}-W{iso.week:02d}", "week", "relative", basis)
    if unit == "month":
        return _relative_month(match, context, step, basis)
    year = _anchor_year(anchor)
    if year is None or not _in_calendar(year + step + 9):
        return _timex(match, context, None, None, "relative", basis)
    if unit == "decade":
        return _timex(match, context, f"{year // 10 + step:03d}", "decade", "relative", basis)
    return _timex(match, context, f"{year + step:04d}", "year", "relative", basis)


def _relative_month(match: re.Match[str], context: _Context, step: int, basis: str) -> Timex:
    month_anchor = _anchor_month(context.anchor)
    if month_anchor is not None and _in_calendar(_shift_month(*month_anchor, step)[0]):
        year, month = _shift_month(*month_anchor, step)
        return _timex(match, context, f"{year:04d}-{month:02d}", "month", "relative", basis, month=month)
    month_day = _anchor_month_day(context.anchor)
    named = None if month_day is None else _shift_month(2000, month_day[0], step)[1]
    return _timex(match, context, None, None, "relative", basis, month=named)


def _count_value(words: str) -> int | None:
    words = _phrase_key(words)
    if words.isdigit():
        return int(words)
    numbers = _number_words()
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


def _read_ago(match: re.Match[str], context: _Context) -> Timex | None:
    timex = _read_ago_value(match, context)
    return None if timex is None else replace(timex, duration=_iso_duration(match))


def _read_ago_value(match: re.Match[str], context: _Context) -> Timex | None:
    count = _count_value(match["n"])
    unit = match["unit"].lower().replace("centurie", "century")
    basis = "relative:ago" if match["ago"] else "relative:since"
    approximate = unit not in ("day", "month") or bool(match["since"])
    if count is None:
        return _timex(match, context, None, None, "vague", basis, approximate=True)
    if unit in ("day", "week"):
        return _days_ago(match, context, count * (7 if unit == "week" else 1), basis, approximate)
    if unit == "month":
        month_anchor = _anchor_month(context.anchor)
        if month_anchor is None or not _in_calendar(_shift_month(*month_anchor, -count)[0]):
            return _timex(match, context, None, None, "relative", basis, approximate=approximate)
        year, month = _shift_month(*month_anchor, -count)
        return _timex(
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
    anchor_year = _anchor_year(context.anchor)
    value = (
        None if anchor_year is None or not _in_calendar(anchor_year - years) else f"{anchor_year - years:04d}"
    )
    return _timex(match, context, value, "year" if value else None, "relative", basis, approximate=True)


def _days_ago(match: re.Match[str], context: _Context, days: int, basis: str, approximate: bool) -> Timex:
    today = _anchor_day(context.anchor)
    date = None if today is None else _add_days(today, -days)
    if date is not None:
        return _timex(
            match,
            context,
            _iso_day(date),
            "day",
            "relative",
            basis,
            approximate=approximate,
            month=date.month,
            day=date.day,
        )
    month_day = _anchor_month_day(context.anchor)
    moved = None if month_day is None else _shift_yearless(*month_day, -days)
    month, day = moved if moved else (None, None)
    return _timex(
        match, context, None, None, "relative", basis, approximate=approximate, month=month, day=day
    )


def _read_duration(match: re.Match[str], context: _Context) -> Timex | None:
    if not (match["pre"] or match["plus"] or match["post"]):
        return None  # a bare "three years" is left to the ago/since reader or ignored
    timex = _timex(match, context, None, None, "vague", "duration", is_duration=True)
    return replace(timex, duration=_iso_duration(match))


def _read_vague(match: re.Match[str], context: _Context) -> Timex | None:
    basis = _vague_phrases()[_phrase_key(match["phrase"])]
    return _timex(match, context, None, None, "vague", basis)


# ---------------------------------------------------------------- dateparser fallback

#: Languages dateparser may try; detecting among all of them costs seconds on first use.
DATEPARSER_LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "ru", "ar", "zh", "ko", "ja", "tr")
#: Longer phrases, or ones ending like a sentence, are sentences: a bare year found in one is taken as it is.
_SHORT_PHRASE_WORDS = 6
_DATEPARSER_CUE = re.compile(r"(?<!\d)[12]\d{3}(?!\d)|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_DATEPARSER_PERIODS = {"day": 10, "month": 7, "year": 4}


def _dateparser_reading(expression: str, anchor: Anchor, prefer_future: bool) -> Timex | None:
    """dateparser for forms outside the grammar, trusted only for the parts the text states."""
    if not _DATEPARSER_CUE.search(expression):
        return None
    today = _anchor_day(anchor)
    base = dt.datetime.combine(today or dt.date(2000, 1, 1), dt.time())
    data = _date_data_parser(base, prefer_future).get_date_data(expression)
    if data.date_obj is None or data.period not in _DATEPARSER_PERIODS:
        return None
    stated_year = re.search(rf"(?<!\d){data.date_obj.year}(?!\d)", expression)
    if stated_year is None and today is None:
        return None  # the year came from our placeholder base, not from the text
    value = data.date_obj.date().isoformat()[: _DATEPARSER_PERIODS[data.period]]
    stripped = expression.strip()
    offset = expression.index(stripped) if stripped else 0
    span = Span(offset, offset + len(stripped))
    month = data.date_obj.month if data.period != "year" else None
    day = data.date_obj.day if data.period == "day" else None
    return Timex(span, stripped, value, data.period, "absolute", "dateparser", month=month, day=day)


@lru_cache(maxsize=32)
def _date_data_parser(base: dt.datetime, prefer_future: bool):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser  # imported late: heavy, and rarely needed

    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "future" if prefer_future else "past",
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=list(DATEPARSER_LANGUAGES), settings=settings)
