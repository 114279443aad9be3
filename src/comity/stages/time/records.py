"""What the stage knows about a document's time (`TimeContext`, every expression placed in its
sentence), the expression chosen for an event, and event dates cut to their precision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from comity.model import EventDate, Span
from comity.timex import Anchor, Timex


@dataclass(slots=True)
class PlacedTimex:
    """A temporal expression with the sentence it sits in."""

    timex: Timex
    sentence: int


@dataclass(slots=True)
class TimeContext:
    """What the stage knows about a document's time: its anchor and every expression."""

    anchor: Anchor
    publication: EventDate | None  # the fallback date for current news
    approximate_year: int | None  # inferred when the publication date is missing
    sentences: list[Span]
    timexes: list[PlacedTimex]
    text: str
    _sentence_dates: dict[int, EventDate | None] = field(default_factory=dict)

    def sentence_index(self, offset: int) -> int | None:
        return sentence_at(self.sentences, offset)

    def in_sentence(self, index: int) -> list[Timex]:
        return [p.timex for p in self.timexes if p.sentence == index]

    def same_paragraph(self, first: int, second: int) -> bool:
        low, high = sorted((first, second))
        return "\n" not in self.text[self.sentences[low].end : self.sentences[high].start]


def sentence_at(sentences: list[Span], offset: int) -> int | None:
    for index, span in enumerate(sentences):
        if span.start <= offset < span.end:
            return index
    return None


@dataclass(slots=True)
class Choice:
    timex: Timex
    basis_override: str | None = None  # set when the date was inherited


def approximate_day(
    year: int, month_day: str, basis: str, span: Span | None, approximate: bool = True
) -> EventDate:
    try:
        value = dt.date.fromisoformat(f"{year:04d}-{month_day}").isoformat()
    except ValueError:
        return EventDate(f"{year:04d}", "year", basis, span, approximate=approximate)
    return EventDate(value, "day", basis, span, approximate=approximate)


def cut_to_precision(value: str, precision: str) -> str:
    return value[: {"day": 10, "month": 7, "year": 4}[precision]]
