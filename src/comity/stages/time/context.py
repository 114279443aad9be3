"""A document's time context: its anchor (the publication date, its year taken from a timestamp
line when the dateline lacks one), every expression in its coded sections, and the fallback date
for current news, inferred approximately when the publication date is missing."""

from __future__ import annotations

from datetime import date
from typing import Any

from comity.model import Document, EventDate, SectionKind, Span
from comity.stages.time.records import PlacedTimex, TimeContext, approximate_day, cut_to_precision, sentence_at
from comity.stages.time.undated import infer_publication_year, year_from_offices
from comity.timex import Anchor, find_timexes


def build_context(doc: Document, actor_knowledge: Any = None) -> TimeContext:
    """`actor_knowledge` (with `roles(actor_id)`) lets a year be inferred from who held which office."""
    sentences = [s.span for s in doc.sentences]
    published = _published_value(doc)
    filed = _dateline_day(doc, published)
    anchor = _publication_anchor(filed or published)
    timexes = _placed_timexes(doc, sentences, anchor)
    approximate_year = None
    if anchor.precision is None or anchor.precision == "month-day":
        approximate_year = infer_publication_year(doc.text, sentences, timexes)
        if approximate_year is None and actor_knowledge is not None:
            approximate_year = year_from_offices(doc, actor_knowledge, timexes)
    context = TimeContext(anchor, None, approximate_year, sentences, timexes, doc.text)
    context.publication = _publication_date(filed, None, "dateline") if filed else _publication_date(published, approximate_year)
    return context


#: How far a dateline's day may lie from the publication date and still be the story's own day;
#: a day either way is the time zones' (a Tokyo story of March 5 stamped March 4 in London), and
#: the publication date, with the day before as an alternative, stays the story's day.
DATELINE_REACH_DAYS = 7
TIME_ZONE_SLIP_DAYS = 1


def _dateline_day(doc: Document, published: str | None) -> str | None:
    """The day the dateline gives ("WASHINGTON, April 5 -"), when it lies a few days from the
    publication date: a wire story is written on, and says "tomorrow" of, its dateline's day,
    whatever day the archive filed it under (a Sunday story filed on Friday). Its year is the
    publication date's."""
    found = doc.meta.extra.get("dateline_date")
    value = found.value if found is not None else None
    if not value or not published or len(published) < 10 or published.startswith("-"):
        return None
    try:
        on = date.fromisoformat(published[:10])
    except ValueError:
        return None
    month_day = value[-5:] if value.startswith("--") or len(value) == 10 else None
    if month_day is None:
        return None
    for year in (on.year, on.year - 1, on.year + 1):
        try:
            day = date.fromisoformat(f"{year:04d}-{month_day}")
        except ValueError:
            continue
        if TIME_ZONE_SLIP_DAYS < abs((day - on).days) <= DATELINE_REACH_DAYS:
            return day.isoformat()
    return None


def _published_value(doc: Document) -> str | None:
    """The publication date, its year read from the article's timestamp line when the dateline gives only
    a month and day ("SEOUL, Dec. 30" above, "2018/12/30 15:02 KST" below)."""
    published = doc.meta.published
    value = published.value if published is not None else None
    if not value or not value.startswith("--"):
        return value
    for section in doc.sections:
        if section.kind != SectionKind.METADATA:
            continue
        for timex in find_timexes(doc.text, Anchor.none(), section.span.start, section.span.end):
            if timex.precision in ("day", "minute") and (timex.value or "")[4:10] == value[1:]:
                return timex.value[:10]  # type: ignore[index]
    return value


def _publication_anchor(value: str | None) -> Anchor:
    if not value:
        return Anchor.none()
    try:
        return Anchor.from_iso(value)
    except ValueError:
        return Anchor.none()  # an unreadable date is no anchor; the metadata stage records why


def _placed_timexes(doc: Document, sentences: list[Span], anchor: Anchor) -> list[PlacedTimex]:
    """Expressions found per coded section (a sentence split inside "Saturday [Sept. 5.]" must not cut it)."""
    placed = []
    for section in doc.coded_sections():
        for timex in find_timexes(doc.text, anchor, section.span.start, section.span.end):
            index = sentence_at(sentences, timex.span.start)
            if index is not None:
                placed.append(PlacedTimex(timex, index))
    return sorted(placed, key=lambda p: p.timex.span.start)


def _publication_date(value: str | None, approximate_year: int | None, basis: str = "publication") -> EventDate | None:
    if value and value.startswith("--"):
        if approximate_year is not None:
            return approximate_day(approximate_year, value[2:], "approximate-publication", None)
        return EventDate(None, None, "publication:year-unknown")
    if value:
        try:
            anchor = Anchor.from_iso(value)
        except ValueError:
            anchor = Anchor.none()
        if anchor.date is not None:
            precision = "day" if anchor.precision in ("minute", "day") else anchor.precision
            return EventDate(cut_to_precision(anchor.date.isoformat(), precision), precision, basis)
    if approximate_year is not None:
        return EventDate(f"{approximate_year:04d}", "year", "approximate-publication", approximate=True)
    return None
