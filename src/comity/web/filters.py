"""What templates use to show events: code names, QuadClass labels, actor sides, page links."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import quote

from starlette.requests import Request

from comity.errors import KnowledgeError
from comity.explore import display_name
from comity.web.chart import QUAD_LABELS


@cache
def _codebook():  # noqa: ANN202 - comity.knowledge.cameo.Codebook, loaded on first use
    from comity.knowledge.cameo import Codebook

    return Codebook.default()


def cameo_name(code: str | None) -> str:
    if not code:
        return ""
    try:
        return _codebook().entry(code).name
    except KnowledgeError:
        return ""


def cameo_roots() -> list[tuple[str, str]]:
    return [(e.code, e.name) for e in _codebook() if len(e.code) == 2]


def quad_label(quad: int | None) -> str:
    return QUAD_LABELS.get(quad or 0, "")


def side_key(side: dict[str, Any] | None) -> str | None:
    """The key an actor page and a search use for an event side: actor id, else code, else country."""
    if not side:
        return None
    return side.get("actor_id") or side.get("code") or side.get("country")


def side_label(side: dict[str, Any] | None) -> str:
    """The actor's canonical name when it is known ("he" is shown as Donald Trump), with its code."""
    if not side:
        return "—"
    code = side.get("code") or side.get("country")
    text = side.get("text") or ""
    actor_id = side.get("actor_id") or ""
    # A state named through one of its sectors ("Cuban people", CUBCVL) keeps the words the text used.
    state_sector = actor_id.startswith("state:") and code != side.get("country")
    name = display_name(actor_id, text) if actor_id and not state_sector else text
    return f"{name} [{code}]" if code else name


def date_text(date: str | None, precision: str | None = None) -> str:
    if not date:
        return "undated"
    return f"{date} ({precision})" if precision else date


def url_part(value: str) -> str:
    """A value as one path segment: ids keep their colon ("person:kim-jong-un"), all else is quoted."""
    return quote(value, safe=":")


def page_url(request: Request, page: int) -> str:
    """This page's address with another page number, every other filter kept."""
    url = request.url.include_query_params(page=page)
    return f"{url.path}?{url.query}"


FILTERS = {"cameo_name": cameo_name, "quad_label": quad_label, "side_key": side_key,
           "side_label": side_label, "date_text": date_text, "url_part": url_part}
GLOBALS = {"cameo_roots": cameo_roots, "page_url": page_url, "quad_labels": QUAD_LABELS}
