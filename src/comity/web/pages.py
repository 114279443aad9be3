"""The HTML pages: overview, search, dyad, event, article, actor, and the API's route list."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from comity import explore
from comity.store import Store
from comity.web.app import aggregate, open_store, render
from comity.web.chart import Period, filled, timeline_svg
from comity.web.params import Page, PageSize, event_query

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(open_store)]
Side = Annotated[str | None, Query(max_length=200)]


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep, page: Page = 1,
             page_size: PageSize = explore.DEFAULT_PAGE_SIZE) -> HTMLResponse:
    counts = aggregate(request, store, "counts", Store.counts)
    documents = explore.documents_page(store, page, page_size, total=counts["documents"])
    return render(request, "overview.html", title="Overview", counts=counts,
                  dyads=aggregate(request, store, "top_dyads", explore.top_dyads), documents=documents)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: StoreDep,
           query: Annotated[explore.EventQuery, Depends(event_query)]) -> HTMLResponse:
    return render(request, "search.html", title="Search events", query=query,
                  results=explore.search_events(store, query),
                  outlets=aggregate(request, store, "outlets", explore.outlets))


@router.get("/dyad", response_class=HTMLResponse)
def dyad(request: Request, store: StoreDep, a: Side = None, b: Side = None,
         by: Literal["month", "year"] = "month", period: Annotated[str | None, Query(max_length=10)] = None,
         page: Page = 1, page_size: PageSize = explore.DEFAULT_PAGE_SIZE) -> HTMLResponse:
    a, b = (a or "").strip(), (b or "").strip()
    view = explore.dyad_view(store, a, b, by, period or None, page, page_size,
                             summary=dyad_summary(request, store, a, b, by)) if a and b else None
    chart = _chart(view) if view else ""
    return render(request, "dyad.html", title=f"{a} – {b}" if view else "Dyad", a=a, b=b, by=by,
                  view=view, chart=chart, keys=aggregate(request, store, "countries", explore.country_keys))


def dyad_summary(request: Request, store: Store, a: str, b: str, by: str) -> tuple:
    """The dyad's series and undated count, computed once per version of the store."""
    from comity.analysis import dyad_series_and_undated

    key = ("dyad", a.strip().upper(), b.strip().upper(), by)
    return aggregate(request, store, key, lambda s: dyad_series_and_undated(s, a, b, by))


def _chart(view: explore.DyadView) -> str:
    periods = [Period(str(r["period"]), (r["quad1"], r["quad2"], r["quad3"], r["quad4"]), r["goldstein_mean"])
               for r in view.series]

    def link(period: str) -> str:
        return "/dyad?" + urlencode({"a": view.a, "b": view.b, "by": view.by, "period": period}) + "#events"

    return timeline_svg(filled(periods), link)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, store: StoreDep, event_id: str, page: Page = 1,
          page_size: PageSize = explore.DEFAULT_PAGE_SIZE) -> HTMLResponse:
    view = explore.event_view(store, event_id, page, page_size)
    return render(request, "event.html", title=f"Event {event_id}", view=view)


@router.get("/articles/{doc_id:path}", response_class=HTMLResponse)
def article(request: Request, store: StoreDep, doc_id: str) -> HTMLResponse:
    view = explore.article_view(store, doc_id)
    title = view.document.meta.title.value if view.document.meta.title else doc_id
    return render(request, "article.html", title=title or doc_id, view=view)


@router.get("/actors/{key:path}", response_class=HTMLResponse)
def actor(request: Request, store: StoreDep, key: str, page: Page = 1,
          page_size: PageSize = explore.DEFAULT_PAGE_SIZE) -> HTMLResponse:
    view = explore.actor_view(store, key, page, page_size)
    name = view.profile["name"] if view.profile else key
    return render(request, "actor.html", title=name, view=view)


@router.get("/api", response_class=HTMLResponse)
def api_routes(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    routes = [(path, method.upper(), op.get("summary", ""), [p["name"] for p in op.get("parameters", [])])
              for path, methods in schema["paths"].items() for method, op in methods.items()]
    return render(request, "api.html", title="JSON API", routes=routes)
