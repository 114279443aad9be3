"""From a chosen expression to an event date: values cut to their precision, vague expressions
inheriting the date of an earlier sentence, "that March" taking the year named before, a
repeated weekday taking the bracketed date it repeats."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from comity.model import EventDate, Span
from comity.stages.time.records import Choice, TimeContext, approximate_day, cut_to_precision
from comity.timex import Timex

#: How many sentences back "later in the day" looks for the day it means.
SAME_DAY_REACH = 4


#: Bases of expressions that refer to a year or month named before: the unit they take from it.
NAMED_BEFORE = {"same-year": "year", "same-month": "month"}
_BARE_YEAR = re.compile(r"(?<![\w$£€#/.,'’])(1[5-9]\d\d|20\d\d)(?![\w%/]|[.,]\d)")


def index_of(context: TimeContext, timex: Timex) -> int:
    return next(p.sentence for p in context.timexes if p.timex is timex)


def can_date_an_event(timex: Timex) -> bool:
    """Expressions that can date an event: not durations or "N years since" spans."""
    if timex.is_duration or timex.basis in ("relative:since", "duration"):
        return False
    if timex.kind == "vague":
        return timex.basis in ("same-day", *NAMED_BEFORE)
    return timex.value is not None or timex.month is not None or timex.kind == "weekday"


def date_of_choice(choice: Choice, context: TimeContext, sentence: int) -> EventDate | None:
    timex = choice.timex
    if timex.basis in NAMED_BEFORE:
        return _named_before(context, timex)
    if timex.kind == "vague":
        return _inherited(context, sentence, timex)
    if timex.kind == "weekday" and timex.basis.startswith("relative:"):
        repeated = _earlier_bracketed_weekday(context, timex)
        if repeated is not None:
            return rebased(_from_timex(repeated, context), _inherited_basis(context, sentence, repeated), timex.span)
    return _from_timex(timex, context)


def _from_timex(timex: Timex, context: TimeContext) -> EventDate:
    basis = f"calendar:{timex.basis}" if timex.kind == "calendar" else timex.basis
    if timex.value is not None and timex.precision is not None:
        return _cut_timex(timex, basis)
    basis = basis.removesuffix(":no-year")
    year = context.approximate_year
    if timex.month is not None and timex.day is not None and year is not None:
        return approximate_day(year, f"{timex.month:02d}-{timex.day:02d}", basis, timex.span)
    if timex.month is not None and year is not None:
        return EventDate(f"{year:04d}-{timex.month:02d}", "month", basis, timex.span, approximate=True)
    if year is not None:
        return EventDate(f"{year:04d}", "year", basis, timex.span, approximate=True)
    coarse = context.publication
    if coarse is not None and coarse.value is not None and coarse.precision in ("month", "year"):
        # "on Monday" in a text dated only "2021-03": the event is in that month, about.
        return EventDate(coarse.value, coarse.precision, basis, timex.span, approximate=True)
    return EventDate(None, None, f"{basis}:year-unknown", timex.span, timex.approximate)


def _cut_timex(timex: Timex, basis: str) -> EventDate:
    value, precision = timex.value or "", timex.precision or ""
    if precision == "minute":
        return EventDate(value[:10], "day", basis, timex.span, timex.approximate)
    if precision == "week":
        thursday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 4)
        return EventDate(thursday.isoformat()[:7], "month", basis, timex.span, approximate=True)
    if precision in ("day", "month", "year"):
        return EventDate(cut_to_precision(value, precision), precision, basis, timex.span, timex.approximate)
    return EventDate(None, None, f"{basis}:{precision}", timex.span, timex.approximate)


def _inherited(context: TimeContext, sentence: int, vague: Timex) -> EventDate | None:
    """"Later in the day": the date of the nearest earlier sentence that has one, a few sentences back at most
    (further off, "the day" is more likely the day of the report)."""
    for earlier in range(sentence - 1, max(sentence - 1 - SAME_DAY_REACH, -1), -1):
        date = sentence_date(context, earlier)
        if date is not None:
            basis = _inherited_basis_between(context, sentence, earlier, date.span)
            return rebased(date, basis, vague.span)
    return None


def _named_before(context: TimeContext, anaphor: Timex) -> EventDate | None:
    """"That March", "that year", "the same month": the year (or month) the text named last before it,
    however far back, and not the publication's ("Comparisons with 1996 … That March" is 1996-03)."""
    wants_month = NAMED_BEFORE[anaphor.basis] == "month"
    named = _last_named(context, anaphor.span.start, wants_month)
    if named is None:
        return None
    if anaphor.month is not None:
        return EventDate(f"{named[:4]}-{anaphor.month:02d}", "month", "anaphoric", anaphor.span)
    if wants_month:
        return EventDate(named[:7], "month", "anaphoric", anaphor.span)
    return EventDate(named[:4], "year", "anaphoric", anaphor.span)


def _last_named(context: TimeContext, before: int, wants_month: bool) -> str | None:
    """The value of the last date before `before` that names a year (a month with it when `wants_month`);
    a bare year the recogniser left as a possible count ("Comparisons with 1996 are …") counts too."""
    found: tuple[int, str] | None = None
    for placed in context.timexes:
        timex = placed.timex
        if timex.span.end > before:
            break
        precise = timex.precision in (("day", "month") if wants_month else ("day", "month", "year"))
        if timex.value is not None and precise and not timex.is_duration:
            found = (timex.span.start, timex.value)
    if not wants_month:
        for match in _BARE_YEAR.finditer(context.text, found[0] + 1 if found else 0, before):
            found = (match.start(), match.group(1))
    return None if found is None else found[1]


def rebased(date: EventDate, basis: str, span: Span) -> EventDate:
    """An inherited date: the same value, with the new basis and the expression that asked for it."""
    if date.value is None and date.basis and date.basis.endswith(":year-unknown"):
        basis = f"{basis}:year-unknown"
    return replace(date, basis=basis, span=span)


def sentence_date(context: TimeContext, sentence: int) -> EventDate | None:
    if sentence not in context._sentence_dates:
        context._sentence_dates[sentence] = None  # guards against cycles
        usable = [t for t in context.in_sentence(sentence) if can_date_an_event(t)]
        context._sentence_dates[sentence] = date_of_choice(Choice(usable[0]), context, sentence) if usable else None
    return context._sentence_dates[sentence]


def _earlier_bracketed_weekday(context: TimeContext, weekday: Timex) -> Timex | None:
    """"Earlier on Saturday" repeats the "Saturday [Sept. 5]" given before."""
    name = weekday.basis.split(":", 1)[1].split()[-1].casefold()
    found = None
    for placed in context.timexes:
        timex = placed.timex
        if timex.span.start >= weekday.span.start:
            break
        if timex.basis.startswith("bracket") and timex.text.casefold().startswith(name):
            found = timex
    return found


def _inherited_basis(context: TimeContext, sentence: int, source: Timex) -> str:
    return _inherited_basis_between(context, sentence, index_of(context, source), source.span)


def _inherited_basis_between(context: TimeContext, sentence: int, earlier: int, source: Span | None) -> str:
    # Sentences between that the source expression runs into are pieces of a mis-split
    # sentence ("on Friday [Oct. 2]. Later…"), not sentences of their own.
    between = context.sentences[earlier + 1 : sentence]
    if all(source is not None and span.start < source.end for span in between):
        return "inherited:sentence"
    if context.same_paragraph(earlier, sentence):
        return "inherited:paragraph"
    return "inherited:document"
