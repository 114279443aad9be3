"""Query parameters shared by the pages and the JSON API, validated before any query runs."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from comity.explore import DEFAULT_PAGE_SIZE, EventQuery

DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
_TEXT = 200  # longest accepted text parameter

Text = Annotated[str | None, Query(max_length=_TEXT)]
Page = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")]
PageSize = Annotated[int, Query(ge=1, description="Events per page; more than 100 is served as 100.")]


def event_query(
    actor: Annotated[str | None, Query(max_length=_TEXT, description="Actor id, code or country, either side.")] = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO 3166-1 alpha-3, either side.")] = None,
    a: Annotated[str | None, Query(max_length=_TEXT, description="Dyad: one side (with b).")] = None,
    b: Annotated[str | None, Query(max_length=_TEXT, description="Dyad: the other side (with a).")] = None,
    root: Annotated[str | None, Query(pattern=r"^(\d{2})?$", description="CAMEO root, two digits.")] = None,
    quad: Annotated[str | None, Query(pattern=r"^[1-4]?$", description="QuadClass 1-4.")] = None,
    date_from: Annotated[str | None, Query(pattern=DATE_PATTERN, description="ISO date or prefix.")] = None,
    date_to: Annotated[str | None, Query(pattern=DATE_PATTERN, description="ISO date or prefix.")] = None,
    outlet: Annotated[str | None, Query(max_length=_TEXT)] = None,
    words: Annotated[str | None, Query(max_length=_TEXT, description="Words in the evidence.")] = None,
    page: Page = 1,
    page_size: PageSize = DEFAULT_PAGE_SIZE,
) -> EventQuery:
    """An event search from the query string; an empty field is no filter."""
    a, b = (a or "").strip(), (b or "").strip()
    return EventQuery(
        actor=_value(actor), country=_value(country), dyad=(a, b) if a and b else None,
        root=_value(root), quad_class=int(quad) if quad else None,
        date_from=_value(date_from), date_to=_value(date_to), outlet=_value(outlet), words=_value(words),
        page=page, page_size=page_size,
    )


def _value(text: str | None) -> str | None:
    return text.strip() or None if text else None
