"""The interchange formats of docs/interchange.md: records to and from JSON-ready dicts.

Field names here are a contract with outside tools: extend, never rename.
"""

from __future__ import annotations

from typing import Any

from comity.model import Argument, Document, EventDate, EventMention, Place, Span


def argument_to_dict(argument: Argument | None) -> dict[str, Any] | None:
    if argument is None:
        return None
    return {
        "text": argument.text,
        "code": argument.code,
        "country": argument.country,
        "actor_id": argument.actor_id,
    }


def place_to_dict(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon, "basis": place.basis}


def _date_fields(date: EventDate | None) -> dict[str, Any]:
    if date is None:
        return {"date": None, "date_precision": None, "date_basis": None, "date_approximate": False}
    return {
        "date": date.value,
        "date_precision": date.precision if date.value else None,
        "date_basis": date.basis,
        "date_approximate": date.approximate,
    }


def _span_dict(span: Span, text: str) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text(text)}


def mention_to_dict(mention: EventMention, doc: Document) -> dict[str, Any]:
    """One line of mentions.jsonl."""
    return {
        "mention_id": mention.mention_id,
        "event_id": mention.event_id or mention.mention_id.replace("m-", "e-", 1),
        "doc_id": mention.doc_id,
        "section": str(mention.section),
        "source": argument_to_dict(mention.source),
        "target": argument_to_dict(mention.target),
        "cameo": mention.cameo,
        "plover": mention.plover,
        "quad_class": mention.quad_class,
        "goldstein": mention.goldstein,
        **_date_fields(mention.date),
        "place": place_to_dict(mention.place),
        "factuality": str(mention.factuality),
        "evidence": _span_dict(mention.evidence, doc.text),
        "trigger": _span_dict(mention.trigger, doc.text),
        "rule": mention.rule,
        "outlet": doc.meta.outlet.value if doc.meta.outlet else None,
    }
