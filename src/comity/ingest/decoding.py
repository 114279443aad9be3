"""Bytes to text: UTF-8 with the bytes that are not reported, binary files refused, and HTML pages
reduced to their article text (with the metadata in their markup) by trafilatura."""

from __future__ import annotations

import re
from typing import Any

from comity.model import DocumentProblem

#: Above this share of replacement or control characters, a file is not text.
BINARY_CHARACTER_SHARE = 0.3
BINARY_SAMPLE_CHARS = 65536


# How surrogateescape decoding writes each byte that is not valid UTF-8.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_HTML_LANG = re.compile(rb"<html[^>]*?\blang=[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)", re.IGNORECASE)


_Decoded = tuple[str, list[DocumentProblem], dict[str, Any]]


def decode_text(data: bytes, origin: str) -> _Decoded | DocumentProblem:
    if b"\x00" in data:
        return _binary(origin)
    text = data.decode("utf-8", errors="replace")
    if _looks_binary(text):
        return _binary(origin)
    if not text.strip():
        message = f"{origin} holds only whitespace; remove it or add the article text"
        return DocumentProblem("empty", message, fatal=True)
    problems = []
    if "\ufffd" in text:
        problems.extend(invalid_utf8_problem(data, origin))
    return text, problems, {}


def _binary(origin: str) -> DocumentProblem:
    return DocumentProblem(
        "binary",
        f"{origin} is not text (it holds NUL bytes or mostly non-text bytes); "
        "convert it to UTF-8 text or HTML first",
        fatal=True,
    )


def _looks_binary(text: str) -> bool:
    sample = text[:BINARY_SAMPLE_CHARS]
    return bool(sample) and len(_CONTROL_CHARS.findall(sample)) / len(sample) > BINARY_CHARACTER_SHARE


def invalid_utf8_problem(data: bytes, origin: str) -> list[DocumentProblem]:
    escaped = data.decode("utf-8", errors="surrogateescape")
    first = _ESCAPED_BYTE.search(escaped)
    if first is None:
        return []  # the U+FFFD characters were in the file itself
    count = len(_ESCAPED_BYTE.findall(escaped))
    first_byte = len(escaped[: first.start()].encode("utf-8", errors="surrogateescape"))
    first_line = escaped.count("\n", 0, first.start()) + 1
    return [
        DocumentProblem(
            "invalid_utf8",
            f"{origin}: {count} byte(s) are not valid UTF-8 and were replaced by U+FFFD, "
            f"the first at byte {first_byte} (line {first_line}); if the file uses another encoding "
            "(such as Windows-1252), convert it to UTF-8 and ingest it again",
            fatal=False,
        )
    ]


def extract_html(data: bytes, origin: str) -> _Decoded | DocumentProblem:
    import trafilatura  # heavy; only HTML inputs need it

    if b"\x00" in data[:BINARY_SAMPLE_CHARS]:
        return _binary(origin)
    result = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # Only dates stated in the markup: a free-text search can take any date in the page.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(result, "text", None) or ""
    if not text.strip():
        return DocumentProblem(
            "empty",
            f"no article text could be extracted from the HTML in {origin}; check that the saved page "
            "holds the article itself, or give its text as .txt",
            fatal=True,
        )
    fields = {
        "title": result.title,
        "published": result.date,
        "url": result.url,
        "outlet": result.sitename,
        "language": result.language or _html_language(data),
    }
    return text, [], {name: value for name, value in fields.items() if value}


def _html_language(data: bytes) -> str | None:
    match = _HTML_LANG.search(data[:4096])
    return match.group(1).decode("ascii") if match else None
