"""JSON Lines: one document per non-blank line, read without holding a line over the size limit;
a bad line is a failure of its own, naming its file and line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from comity.config import Config
from comity.ingest.decoding import invalid_utf8_problem
from comity.ingest.documents import assemble, given_doc_id
from comity.ingest.failures import failure, too_large
from comity.ingest.given import Given, canonical_fields
from comity.model import Document, DocumentProblem, InputFailure


def read_jsonl(path: Path, config: Config, sidecar: Given) -> Iterator[Document | InputFailure]:
    try:
        handle = path.open("rb")
    except OSError as error:
        yield failure(path, "unreadable", f"cannot read {path} ({error.strerror}); check its permissions")
        return
    with handle:
        for number, line, size in _numbered_lines(handle, config.max_input_bytes):
            origin = f"{path}:{number}"
            if line is None:
                problem = too_large(origin, size, config.max_input_bytes)
                yield InputFailure(origin, f"{path.stem}-L{number}", problem)
            elif line.strip():
                yield jsonl_document(line, origin, f"{path.stem}-L{number}", sidecar)


def _numbered_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when longer than `limit`, its size) without holding a long line."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line, len(line)
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):
            line = handle.readline(limit + 1)
            size += len(line)
        yield number, None, size


def jsonl_document(
    line: bytes, origin: str, default_doc_id: str, sidecar: Given
) -> Document | InputFailure:
    problems = invalid_utf8_problem(line, origin) if _has_invalid_utf8(line) else []
    try:
        fields = json.loads(line.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as error:
        what = f"is not valid JSON ({error.msg} at column {error.colno}); fix or remove the line"
        return _line_failure(origin, default_doc_id, "bad_json", what)
    if not isinstance(fields, dict):
        return _line_failure(origin, default_doc_id, "bad_json", 'must be a JSON object with a "text" field')
    fields = canonical_fields(fields)
    doc_id = given_doc_id(fields) or default_doc_id
    text = fields.get("text")
    if not isinstance(text, str):
        what = 'has no "text" string; put the article text in a "text" field'
        return _line_failure(origin, doc_id, "missing_text", what)
    if not text.strip():
        what = 'has an empty "text"; remove the line or add the article text'
        return _line_failure(origin, doc_id, "empty", what)
    given = [
        Given(fields=fields, basis="jsonl"),
        Given(fields=sidecar.fields, basis="sidecar", problems=sidecar.problems),
    ]
    document = assemble(text, origin, "jsonl", default_doc_id, given, problems)
    document.doc_id = doc_id
    document.id_given = given_doc_id(fields) is not None
    return document


def _has_invalid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _line_failure(origin: str, doc_id: str, code: str, what: str) -> InputFailure:
    problem = DocumentProblem(code, f"line {origin} {what}", fatal=True)
    return InputFailure(origin=origin, doc_id=doc_id, problem=problem)
