"""Building a `Document`: from text in memory, or from an input's text and the metadata given with
it, the most trusted source first."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from comity.ingest.given import Given, fill_metadata
from comity.model import Document, DocumentProblem, Metadata


def document_from_text(
    text: str,
    doc_id: str,
    origin: str = "<text>",
    input_format: str = "txt",
    meta: Metadata | None = None,
) -> Document:
    """A Document for text already in memory (API calls, tests)."""
    return Document(
        doc_id=doc_id,
        text=text,
        content_hash=content_hash(text),
        origin=origin,
        input_format=input_format,
        meta=meta if meta is not None else Metadata(),
    )


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def assemble(
    text: str,
    origin: str,
    input_format: str,
    default_doc_id: str,
    given: list[Given],
    problems: list[DocumentProblem],
    raw: bytes | None = None,
) -> Document:
    """Build the Document; `given` is ordered from the most to the least trusted source."""
    meta = Metadata()
    doc_id: str | None = None
    for source in given:
        problems.extend(source.problems)
        meta.extra.update({key: value for key, value in source.extra.items() if key not in meta.extra})
        doc_id = doc_id or given_doc_id(source.fields)
        fill_metadata(meta, source, problems)
    document = document_from_text(text, doc_id or default_doc_id, origin, input_format, meta)
    document.id_given = doc_id is not None
    document.raw = raw
    document.problems = problems
    return document


def given_doc_id(fields: Mapping[str, Any]) -> str | None:
    value = fields.get("doc_id")
    if value is None or str(value).strip() == "":
        return None
    return str(value).strip()
