"""The comity web app: server-rendered pages and a JSON API over one store, read-only by default.

Everything it shows is bundled (templates, CSS, the chart drawn as inline SVG), so a page fetches
nothing from the network. Article text is untrusted: templates escape every value, and the
Content-Security-Policy header forbids inline and foreign scripts.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from comity import __version__
from comity.errors import ComityError, NotFoundError, StoreBusyError
from comity.store import Store
from comity.store.access import READER_WAIT_S, SharedReader
from comity.web import filters

WEB_DIR = Path(__file__).resolve().parent
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def is_loopback(host: str) -> bool:
    """True for an address only this machine reaches (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path
    read_only: bool


def create_app(db_path: str | Path, read_only: bool = True, busy_wait_s: float = READER_WAIT_S) -> FastAPI:
    """The app over the store at `db_path`; raises NotFoundError at once when there is no store.
    `busy_wait_s`: how long a request waits for a writer's turn to end before it answers 503."""
    from comity.web import json_api, pages

    settings = Settings(Path(db_path), read_only)
    with Store(settings.db_path, read_only=read_only):
        pass  # fail now, with the store's own message (and upgrade an older store), not on the first request
    app = FastAPI(
        title="comity", version=__version__,
        description="Political events coded from news articles, with the evidence behind each one.",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; /api lists the routes instead
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.reader = SharedReader(settings.db_path, wait_s=busy_wait_s) if read_only else None
    app.state.aggregates = StoreAggregates()
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    app.include_router(json_api.router, prefix="/api")
    app.include_router(pages.router)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(StoreBusyError, _busy)
    app.add_exception_handler(ComityError, _comity_error)
    app.middleware("http")(_security_headers)
    return app


#: Where `comity serve --workers N` tells its worker processes which store to serve.
DB_ENVIRONMENT = "COMITY_SERVE_DB"


def app_from_environment() -> FastAPI:
    """The app of one server worker process (uvicorn's factory), over the store named in DB_ENVIRONMENT."""
    import os

    return create_app(os.environ[DB_ENVIRONMENT], read_only=True)


def _templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(WEB_DIR / "templates"),
        autoescape=True,  # every template, whatever its extension: article text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    environment.filters.update(filters.FILTERS)
    environment.globals.update(filters.GLOBALS)
    return Jinja2Templates(env=environment)


def open_store(request: Request) -> Iterator[Store]:
    """A connection of its own per request (DuckDB connections are not shared between threads), a
    cursor of the app's kept read-only connection, which lets go whenever `comity code` wants a turn."""
    settings: Settings = request.app.state.settings
    reader: SharedReader | None = request.app.state.reader
    if reader is None:
        with Store(settings.db_path, read_only=False) as store:
            yield store
        return
    with reader.cursor() as con:
        yield Store(settings.db_path, read_only=True, connection=con)


class StoreAggregates:
    """Figures that only `comity code` changes (counts, busiest dyads, the countries and outlets a form
    offers, a dyad's series), computed once per version of the store file: a page pays for them again
    only after a writer has written. At most `size` are kept, the least recently used going first."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._version: object = None
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, version: object, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if version != self._version:
                self._version, self._values = version, OrderedDict()
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = compute()
        with self._lock:
            if version == self._version:
                self._values[key] = value
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
        return value


def aggregate(request: Request, store: Store, key: Hashable, compute: Callable[[Store], Any]) -> Any:
    """`compute(store)`, cached under `key` until the store changes (not cached when the app writes)."""
    reader: SharedReader | None = request.app.state.reader
    if reader is None:
        return compute(store)
    return request.app.state.aggregates.get(reader.version(), key, lambda: compute(store))


def render(request: Request, template: str, status_code: int = 200, **context: object) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _not_found(request: Request, exc: Exception) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": str(exc)}, status_code=404)
    return render(request, "error.html", status_code=404, title="Not found", message=str(exc))


#: How long a client is asked to wait when a writer's turn outlasts a request's patience.
RETRY_AFTER_S = 2


async def _busy(request: Request, exc: Exception) -> Response:
    """503 with Retry-After: the store is being written. The body names no path and no process."""
    message = "The store is being written by comity code right now; try again in a moment."
    headers = {"Retry-After": str(RETRY_AFTER_S)}
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=503, headers=headers)
    response = render(request, "error.html", status_code=503, title="Busy", message=message)
    response.headers.update(headers)
    return response


async def _comity_error(request: Request, exc: Exception) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": str(exc)}, status_code=500)
    return render(request, "error.html", status_code=500, title="Error", message=str(exc))


async def _security_headers(request: Request, call_next) -> Response:  # noqa: ANN001 - Starlette's callable
    response = await call_next(request)
    for name, value in _SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
