"""dateparser for single expressions outside the grammar (chiefly non-English dates), trusted only
for the parts the text states."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from comity.model import Span
from comity.timex.arithmetic import day_of_anchor
from comity.timex.records import Anchor, Timex

#: Languages dateparser may try; detecting among all of them costs seconds on first use.
DATEPARSER_LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "ru", "ar", "zh", "ko", "ja", "tr")


_DATEPARSER_CUE = re.compile(r"(?<!\d)[12]\d{3}(?!\d)|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_DATEPARSER_PERIODS = {"day": 10, "month": 7, "year": 4}


def dateparser_reading(expression: str, anchor: Anchor, prefer_future: bool) -> Timex | None:
    """dateparser for forms outside the grammar, trusted only for the parts the text states."""
    if not _DATEPARSER_CUE.search(expression):
        return None
    today = day_of_anchor(anchor)
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
