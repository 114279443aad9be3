"""Rows of the store's tables built from comity's records, and records rebuilt from rows."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from typing import Any

from comity.link import block_key, counts_as_event
from comity.model import ActorMention, Document, DocumentProblem, Found, Metadata, Section, SectionKind, Span


def input_row(run_id: str, origin: str, doc_id: str | None, status: str,
               problem: DocumentProblem | None) -> dict[str, Any]:
    return {"run_id": run_id, "origin": origin, "doc_id": doc_id, "status": status,
            "problem_code": problem.code if problem else None, "message": problem.message if problem else None}


def coded_input_row(run_id: str, doc: Document) -> dict[str, Any]:
    warning = next((p for p in doc.problems if not p.fatal), None)
    return input_row(run_id, doc.origin, doc.doc_id, "coded", warning)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _found_value(found: Found | None) -> str | None:
    return found.value if found else None


def document_row(doc: Document, run_id: str, cfg_hash: str) -> dict[str, Any]:
    published = doc.meta.published
    return {
        "doc_id": doc.doc_id, "content_hash": doc.content_hash, "config_hash": cfg_hash,
        "run_id": run_id, "origin": doc.origin, "source_key": doc.source_key, "input_format": doc.input_format,
        "text": doc.text, "raw": doc.raw,
        "title": _found_value(doc.meta.title), "outlet": _found_value(doc.meta.outlet),
        "url": _found_value(doc.meta.url), "language": _found_value(doc.meta.language),
        "published": _found_value(published),
        "published_precision": published.precision if published else None,
        "published_basis": published.basis if published else None,
        "meta": json.dumps(asdict(doc.meta), default=str),
        "problems": json.dumps([asdict(p) for p in doc.problems]),
        "stages": json.dumps(doc.stages_run),
    }


def _found_from_dict(data: dict[str, Any] | None) -> Found | None:
    if data is None:
        return None
    span = data.get("span")
    return Found(
        value=data.get("value"), basis=data.get("basis", "unknown"),
        span=Span(span["start"], span["end"]) if span else None, precision=data.get("precision"),
    )


def document_from_row(row: dict[str, Any]) -> Document:
    meta = json.loads(row["meta"])
    metadata = Metadata(
        **{key: _found_from_dict(meta.get(key)) for key in ("title", "published", "outlet", "url", "language")},
        extra=meta.get("extra", {}),
    )
    return Document(
        doc_id=row["doc_id"], text=row["text"], content_hash=row["content_hash"], origin=row["origin"],
        input_format=row["input_format"], raw=row["raw"], meta=metadata,
        problems=[DocumentProblem(**p) for p in json.loads(row["problems"])],
        stages_run=json.loads(row["stages"]),
    )


def section_row(doc_id: str, idx: int, section: Section) -> dict[str, Any]:
    repeat = section.repeat_of
    return {
        "doc_id": doc_id, "idx": idx, "kind": str(section.kind),
        "start_char": section.span.start, "end_char": section.span.end,
        "repeat_of_start": repeat.start if repeat else None,
        "repeat_of_end": repeat.end if repeat else None, "reason": section.reason,
    }


def section_from_row(row: dict[str, Any]) -> Section:
    repeat = None
    if row["repeat_of_start"] is not None:
        repeat = Span(row["repeat_of_start"], row["repeat_of_end"])
    return Section(SectionKind(row["kind"]), Span(row["start_char"], row["end_char"]), repeat, row["reason"] or "")


def actor_mention_row(doc_id: str, mention: ActorMention) -> dict[str, Any]:
    antecedent = mention.antecedent
    return {
        "doc_id": doc_id, "start_char": mention.span.start, "end_char": mention.span.end,
        "text": mention.text, "actor_id": mention.actor_id, "code": mention.code,
        "country": mention.country, "role": mention.role, "rule": mention.rule,
        "antecedent_start": antecedent.start if antecedent else None,
        "antecedent_end": antecedent.end if antecedent else None,
        "members": json.dumps(list(mention.members)),
    }


def mention_row(record: dict[str, Any]) -> dict[str, Any]:
    source, target = record.get("source") or {}, record.get("target") or {}
    return {
        "block_key": mention_block_key(record),
        "mention_id": record["mention_id"], "event_id": record["event_id"], "doc_id": record["doc_id"],
        "section": record["section"], "cameo": record["cameo"], "root": record["cameo"][:2],
        "quad_class": record["quad_class"], "goldstein": record["goldstein"],
        "source_code": source.get("code"), "source_country": source.get("country"),
        "target_code": target.get("code"), "target_country": target.get("country"),
        "date": record["date"], "date_precision": record["date_precision"],
        "factuality": record["factuality"], "outlet": record.get("outlet"),
        "evidence_start": record["evidence"]["start"], "evidence_end": record["evidence"]["end"],
        "record": json.dumps(record),
    }


def mention_block_key(record: dict[str, Any]) -> str | None:
    """The linking block a mention joins (comity.link); None for one never linked (a comment, a future act)."""
    return block_key(record) if counts_as_event(record) else None


def event_row(record: dict[str, Any]) -> dict[str, Any]:
    """An event's record and the fields pages filter and count on, as columns (store/schema.py)."""
    source, target = record.get("source") or {}, record.get("target") or {}
    cameo = record.get("cameo")
    return {
        "event_id": record["event_id"], "record": json.dumps(record),
        "cameo": cameo, "root": cameo[:2] if cameo else None, "quad_class": record.get("quad_class"),
        "goldstein": record.get("goldstein"), "date": record.get("date"), "date_precision": record.get("date_precision"),
        "source_actor": source.get("actor_id"), "source_code": source.get("code"), "source_country": source.get("country"),
        "target_actor": target.get("actor_id"), "target_code": target.get("code"), "target_country": target.get("country"),
        "num_mentions": record.get("num_mentions"), "num_articles": record.get("num_articles"),
        "num_sources": record.get("num_sources"),
    }
