"""Exports of the store: interchange JSON Lines, flat CSV, Parquet, and the GDELT 2.0 events layout.

The flat tables (`events_frame`, `mentions_frame`) have one column per scalar
field, so R, spreadsheets and pandas read them without unpacking JSON;
list fields (mention ids, doc ids) are lists in Parquet and ";"-joined in CSV.
docs/gdelt.md says how each GDELT column is filled.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

EVENT_COLUMNS = [
    "event_id", "date", "date_precision", "cameo", "cameo_base", "cameo_root", "plover", "quad_class",
    "goldstein", "source_text", "source_code", "source_country", "source_actor_id", "target_text",
    "target_code", "target_country", "target_actor_id", "place_name", "place_country", "place_lat",
    "place_lon", "num_mentions", "num_articles", "num_sources", "first_seen", "last_seen",
    "evidence", "evidence_doc_id", "mention_ids", "doc_ids",
]
MENTION_COLUMNS = [
    "mention_id", "event_id", "doc_id", "section", "date", "date_precision", "date_basis", "date_approximate",
    "cameo", "cameo_base", "cameo_root", "plover", "quad_class", "goldstein", "source_text", "source_code",
    "source_country", "source_actor_id", "target_text", "target_code", "target_country", "target_actor_id",
    "place_name", "place_country", "place_lat", "place_lon", "factuality", "outlet", "evidence",
    "evidence_start", "evidence_end", "rule",
]
LIST_COLUMNS = ("mention_ids", "doc_ids")


def _argument_fields(prefix: str, argument: dict[str, Any] | None) -> dict[str, Any]:
    argument = argument or {}
    return {f"{prefix}_{key}": argument.get(key) for key in ("text", "code", "country", "actor_id")}


def _place_fields(place: dict[str, Any] | None) -> dict[str, Any]:
    place = place or {}
    return {f"place_{key}": place.get(key) for key in ("name", "country", "lat", "lon")}


def _code_fields(cameo: str) -> dict[str, Any]:
    return {"cameo": cameo, "cameo_base": cameo[:3], "cameo_root": cameo[:2]}


def flat_event(event: dict[str, Any]) -> dict[str, Any]:
    """An events.jsonl record as one flat row."""
    evidence = event.get("evidence") or {}
    return {
        "event_id": event["event_id"], "date": event.get("date"), "date_precision": event.get("date_precision"),
        **_code_fields(event["cameo"]), "plover": event.get("plover"), "quad_class": event["quad_class"],
        "goldstein": event["goldstein"],
        **_argument_fields("source", event.get("source")), **_argument_fields("target", event.get("target")),
        **_place_fields(event.get("place")),
        "num_mentions": event["num_mentions"], "num_articles": event["num_articles"],
        "num_sources": event["num_sources"], "first_seen": event.get("first_seen"),
        "last_seen": event.get("last_seen"), "evidence": evidence.get("text"),
        "evidence_doc_id": evidence.get("doc_id"), "mention_ids": list(event.get("mention_ids") or []),
        "doc_ids": list(event.get("doc_ids") or []),
    }


def flat_mention(mention: dict[str, Any]) -> dict[str, Any]:
    """A mentions.jsonl record as one flat row."""
    evidence = mention["evidence"]
    return {
        "mention_id": mention["mention_id"], "event_id": mention["event_id"], "doc_id": mention["doc_id"],
        "section": mention["section"], "date": mention.get("date"), "date_precision": mention.get("date_precision"),
        "date_basis": mention.get("date_basis"), "date_approximate": bool(mention.get("date_approximate")),
        **_code_fields(mention["cameo"]), "plover": mention.get("plover"), "quad_class": mention["quad_class"],
        "goldstein": mention["goldstein"],
        **_argument_fields("source", mention.get("source")), **_argument_fields("target", mention.get("target")),
        **_place_fields(mention.get("place")), "factuality": mention["factuality"], "outlet": mention.get("outlet"),
        "evidence": evidence.get("text"), "evidence_start": evidence["start"], "evidence_end": evidence["end"],
        "rule": mention.get("rule"),
    }


def events_frame(events: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Event records as a flat DataFrame with the columns of EVENT_COLUMNS."""
    return pd.DataFrame([flat_event(e) for e in events], columns=EVENT_COLUMNS)


def mentions_frame(mentions: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Mention records as a flat DataFrame with the columns of MENTION_COLUMNS."""
    return pd.DataFrame([flat_mention(m) for m in mentions], columns=MENTION_COLUMNS)
