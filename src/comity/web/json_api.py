"""The JSON API under /api: the same data as the pages; its OpenAPI description is /api/openapi.json."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from comity import api, explore
from comity.store import Store
from comity.web.app import open_store
from comity.web.pages import dyad_summary
from comity.web.params import Page, PageSize, event_query

router = APIRouter(tags=["data"])
StoreDep = Annotated[Store, Depends(open_store)]
Side = Annotated[str, Query(min_length=1, max_length=200, description="Country (PRK) or code prefix (PRKGOV).")]


@router.get("/events", summary="Search events")
def search_events(store: StoreDep, query: Annotated[explore.EventQuery, Depends(event_query)]) -> dict[str, Any]:
    """Events matching every given filter, oldest first, one page at a time."""
    return explore.search_events(store, query).to_dict()


@router.get("/events/{event_id}", summary="One event with every mention and its evidence")
def event(store: StoreDep, event_id: str, page: Page = 1,
          page_size: PageSize = explore.DEFAULT_PAGE_SIZE) -> dict[str, Any]:
    """The event, then one page of its mentions (`total` and `pages` say how many there are)."""
    return explore.event_view(store, event_id, page, page_size).to_dict()


@router.get("/documents", summary="Stored documents, one page at a time")
def documents(store: StoreDep, page: Page = 1, page_size: PageSize = explore.DEFAULT_PAGE_SIZE) -> dict[str, Any]:
    """Documents by id, each with its number of event mentions; `total` and `pages` say how many there are."""
    return explore.documents_page(store, page, page_size).to_dict()


@router.get("/documents/{doc_id:path}", summary="One document: metadata, sections and event mentions")
def document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    return api.document_to_dict(store.document(doc_id), store.mention_records(doc_id))


@router.get("/actors/{key:path}", summary="An actor: names, dated roles, counterparts and events")
def actor(store: StoreDep, key: str, page: Page = 1, page_size: PageSize = explore.DEFAULT_PAGE_SIZE) -> dict[str, Any]:
    return explore.actor_view(store, key, page, page_size).to_dict()


@router.get("/dyad", summary="A dyad's timeline and events")
def dyad(
    request: Request, store: StoreDep, a: Side, b: Side, by: Literal["month", "year"] = "month",
    period: Annotated[str | None, Query(max_length=10)] = None, page: Page = 1,
    page_size: PageSize = explore.DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """Per period, events by QuadClass and the Goldstein mean; then the events, of `period` if given."""
    summary = dyad_summary(request, store, a, b, by)
    return explore.dyad_view(store, a, b, by, period or None, page, page_size, summary=summary).to_dict()
