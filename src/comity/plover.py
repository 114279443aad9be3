"""PLOVER/POLECAT-style records: what ICEWS users moved to, from comity's events or mentions.

Field names are PLOVER's (`id`, `date`, `event`, `mode`, `context`, `source`,
`target`, `eventText`, `text`, `publication`, `language`, `coder`, `version`;
actors as `{"actorText", "code", "sector"}`); what PLOVER has no name for goes
under `comity`. docs/interchange.md says how each field is filled.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from comity import __version__
from comity.errors import KnowledgeError
from comity.knowledge.cameo import CameoEntry, Codebook


def plover_records(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events (or mentions) as PLOVER records, with PLOVER's field names (`event`, `mode`, `context`,
    `source`, `target`, `date`…); comity's own fields go under `comity`. CAMEO 01 and 02 have no
    PLOVER type and are left out, as PLOVER left them out."""
    return [plover_record(r) for r in records if r.get("plover")]


def plover_record(record: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER record. Mode and context come from CAMEO's 3- and 4-digit detail (the codebook's
    PLOVER crosswalk columns), empty where that code says nothing more."""
    entry = _codebook_entry(record["cameo"])
    evidence = record.get("evidence") or {}
    trigger = record.get("trigger") or {}
    outlets = record.get("outlets") or ([record["outlet"]] if record.get("outlet") else [])
    return {
        "id": record.get("event_id") if "mention_ids" in record else record.get("mention_id"),
        "date": record.get("date"),
        "event": record["plover"],
        "mode": (entry.plover_mode if entry else None) or "",
        "context": (entry.plover_context if entry else None) or "",
        "source": _plover_actors(record.get("source")),
        "target": _plover_actors(record.get("target")),
        "eventText": trigger.get("text") or "",
        "text": evidence.get("text") or "",
        "location": _plover_location(record.get("place")),
        "publication": "; ".join(outlets),
        "language": "en",
        "coder": "comity",
        "version": __version__,
        "comity": {key: record.get(key) for key in
                   ("event_id", "cameo", "quad_class", "goldstein", "date_precision", "num_articles",
                    "num_sources", "doc_ids", "doc_id", "factuality") if key in record},
    }


def _plover_actors(argument: dict[str, Any] | None) -> list[dict[str, Any]]:
    """PLOVER's actor list: the text, the country (or group) code, and the sector the code adds."""
    if not argument:
        return []
    code = argument.get("code") or ""
    country = argument.get("country") or code[:3]
    return [{"actorText": argument.get("text") or "", "code": country, "sector": code[3:6] or "",
             "actorCode": code, "actorId": argument.get("actor_id")}]


def _plover_location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if not place or not place.get("name"):
        return None
    return {"placeName": place["name"], "country": place.get("country"),
            "latitude": place.get("lat"), "longitude": place.get("lon")}


def _codebook_entry(code: str) -> CameoEntry | None:
    try:
        return Codebook.default().entry(code)
    except KnowledgeError:
        return None
