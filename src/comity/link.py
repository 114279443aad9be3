"""Linking: mentions of the same real-world event become one event.

Mentions are blocked by CAMEO root and dyad (unordered for meetings and other
symmetric codes) so the cost grows with block sizes, not with the square of
all mentions. Inside a block, mentions join an event when their dates are
compatible at their precision ("2018-11" and "2018-11-04" are; two different
days are not); a finer date narrows the event. Undated mentions stay apart:
joining them would be a guess.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: Codes whose two sides do the same thing together: a visit and its hosting are one meeting.
SYMMETRIC_ROOTS = frozenset({"04"})
SYMMETRIC_CODES = frozenset({"036", "054", "057", "061", "062", "063", "064"})

_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}


@dataclass(slots=True)
class _Cluster:
    key: tuple[str, ...]
    date: str
    members: list[dict[str, Any]] = field(default_factory=list)


def counts_as_event(mention: dict[str, Any]) -> bool:
    return mention["section"] in ("headline", "body") and mention["factuality"] in ("asserted", "reported")


def is_symmetric(cameo: str) -> bool:
    return cameo[:2] in SYMMETRIC_ROOTS or cameo[:3] in SYMMETRIC_CODES


def block_key(mention: dict[str, Any]) -> tuple[str, ...]:
    source = (mention.get("source") or {}).get("country") or "-"
    target = (mention.get("target") or {}).get("country") or "-"
    cameo = mention["cameo"]
    if is_symmetric(cameo):
        source, target = sorted((source, target))
        return ("sym", cameo[:2], source, target)
    return ("dir", cameo[:2], source, target)


def dates_compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _finer(a: str, b: str) -> str:
    return a if len(a) >= len(b) else b


def _event_id(key: tuple[str, ...], date: str, first_mention: str) -> str:
    digest = hashlib.sha256("|".join((*key, date, first_mention)).encode()).hexdigest()[:16]
    return f"e-{digest}"


def _cluster_block(key: tuple[str, ...], mentions: list[dict[str, Any]]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    finest_first = sorted(
        mentions, key=lambda m: (-_PRECISION_RANK.get(m.get("date_precision") or "", 0), m["mention_id"])
    )
    for mention in finest_first:
        date = mention.get("date")
        home = None
        if date:
            home = next((c for c in clusters if c.date and dates_compatible(c.date, date)), None)
        if home is None:
            home = _Cluster(key=key, date=date or "")
            clusters.append(home)
        home.date = _finer(home.date, date or "")
        home.members.append(mention)
    return clusters


def link(mentions: Iterable[dict[str, Any]]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Group interchange mention dicts into events: (mention_id → event_id, event dicts)."""
    blocks: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for mention in mentions:
        if counts_as_event(mention):
            blocks[block_key(mention)].append(mention)
    assignments: dict[str, str] = {}
    events: list[dict[str, Any]] = []
    for key in sorted(blocks):
        for cluster in _cluster_block(key, blocks[key]):
            event = _event_record(cluster)
            events.append(event)
            assignments.update({m["mention_id"]: event["event_id"] for m in cluster.members})
    return assignments, events


def _representative(cluster: _Cluster) -> dict[str, Any]:
    """The mention that speaks for the event: the one with the finest date, then the earliest id."""
    dated = [m for m in cluster.members if (m.get("date") or "") == cluster.date]
    return min(dated or cluster.members, key=lambda m: m["mention_id"])


def _event_record(cluster: _Cluster) -> dict[str, Any]:
    first = min(m["mention_id"] for m in cluster.members)
    rep = _representative(cluster)
    docs = {m["doc_id"] for m in cluster.members}
    outlets = {m.get("outlet") or m["doc_id"] for m in cluster.members}
    date = cluster.date or None
    return {
        "event_id": _event_id(cluster.key, cluster.date, first),
        "cameo": rep["cameo"],
        "plover": rep.get("plover"),
        "quad_class": rep["quad_class"],
        "goldstein": rep["goldstein"],
        "source": rep.get("source"),
        "target": rep.get("target"),
        "date": date,
        "date_precision": rep.get("date_precision") if date else None,
        "place": next((m["place"] for m in cluster.members if m.get("place")), None),
        "mention_ids": sorted(m["mention_id"] for m in cluster.members),
        "num_mentions": len(cluster.members),
        "num_articles": len(docs),
        "num_sources": len(outlets),
        "doc_ids": sorted(docs),
        "evidence": {**rep["evidence"], "doc_id": rep["doc_id"]} if rep.get("evidence") else None,
    }
