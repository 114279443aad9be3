"""The lines looked at: the first non-empty lines (header) and the last ones (footer), stripped,
with their spans in the document text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from comity.model import Span

#: How many non-empty lines from the top may hold the headline, date line, byline and dateline.
HEADER_LINES = 8
#: How many non-empty lines at the end may hold a copyright footer or sign-off.
FOOTER_LINES = 3
#: How far from the end footers are looked for.
FOOTER_CHARS = 4000


_LINE = re.compile(r"[^\r\n]+")


@dataclass(slots=True, frozen=True)
class Line:
    """A non-empty line, stripped, with its span in the document text."""

    span: Span
    text: str


def _lines(text: str, start: int, end: int | None = None) -> Iterator[Line]:
    for match in _LINE.finditer(text, start, len(text) if end is None else end):
        line = _stripped(match.group(), match.start())
        if line is not None:
            yield line


def _stripped(raw: str, offset: int) -> Line | None:
    content = raw.strip(" \t\f\v\ufeff\u00a0")
    if not content:
        return None
    begin = offset + raw.index(content)
    return Line(Span(begin, begin + len(content)), content)


def header_lines(text: str, start: int) -> list[Line]:
    lines: list[Line] = []
    for line in _lines(text, start):
        lines.append(line)
        if len(lines) == HEADER_LINES:
            break
    return lines


def footer_lines(text: str, start: int) -> list[Line]:
    """The last non-empty lines, read backwards from the end, in text order."""
    lines: list[Line] = []
    end = len(text)
    floor = max(start, len(text) - FOOTER_CHARS)
    while end > floor and len(lines) < FOOTER_LINES:
        begin = max(text.rfind("\n", floor, end) + 1, floor)
        line = _stripped(text[begin:end].rstrip("\r"), begin)
        if line is not None:
            lines.append(line)
        end = begin - 1
    return lines[::-1]


def sub_line(line: Line, start: int, end: int) -> Span:
    return Span(line.span.start + start, line.span.start + end)
