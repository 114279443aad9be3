"""The header: a headline, date lines and bylines in the first lines, then a dateline opening the
first paragraph ("Pyongyang, March 24 (KCNA) --", "MOSCOW —")."""

from __future__ import annotations

import re

from comity.model import Found
from comity.stages.metadata.dates import MONTH_NAME, parse_date_text
from comity.stages.metadata.lines import Line, sub_line
from comity.stages.metadata.outlets import load_outlets
from comity.stages.metadata.records import TextMetadata

HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 30
#: A line this long is a paragraph: the dateline, if any, starts the first one.
PARAGRAPH_MIN_CHARS = 100
#: Short lines (captions, credits) passed over while looking for the first paragraph.
LEAD_LINES = 4


_BYLINE = re.compile(
    r"^(?:(?:By|BY)\s+(?P<who>.+?))?\s*(?:[|·•,;–—-]\s*)?"
    r"(?:(?i:Published|Posted)(?:\s+on)?\s*:?\s*(?P<date>.+?))?\s*$"
)
# Names in a byline: capitalised words joined by spaces, commas, "and" or "&".
_BYLINE_NAMES = re.compile(r"[A-Z][\w.'’-]*(?:(?:\s*,\s*|\s+and\s+|\s*&\s*|\s+)[A-Z][\w.'’-]*){0,9}")
_PLACE = r"[A-Z][\w'./-]*(?:[ \t]+[A-Z][\w'./-]*){0,3}"
_DATELINE_MONTH = r"(?i:" + MONTH_NAME + r")\.?"
_DATELINE_DATE = (
    r"(?:" + _DATELINE_MONTH + r"[ \t]+\d{1,2}|\d{1,2}[ \t]+" + _DATELINE_MONTH + r")"
    r"(?:,?[ \t]+(?:1[89]|20)\d{2})?"
)
# "Pyongyang, March 24 (KCNA) --", "KYIV, Ukraine (AP) —", "MOSCOW —", "(Reuters) -"
_DATELINE = re.compile(
    r"^(?:(?P<head>" + _PLACE + r")"
    r"(?:,[ \t]*(?P<region>" + _PLACE + r"))?"
    r"(?:,[ \t]*(?P<date>" + _DATELINE_DATE + r"))?)?"
    r"(?:[ \t]*\((?P<agency>[^()\n]{1,40})\))?"
    r"(?P<before_dash>[ \t]*)(?:--|—|–|-)[ \t]*"
)


_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_BULLET = re.compile(r"^(?:[•*·▪-]|\d+[.)])\s")


def scan_header(lines: list[Line], found: TextMetadata) -> None:
    index = 0
    if len(lines) > 1 and _is_headline(lines[0].text):
        found.title = _headline(lines[0])
        index = 1
    while index < min(len(lines), 3) and _header_line(lines[index], found):
        index += 1
    for line in lines[index : index + LEAD_LINES]:
        if _dateline(line, found) or len(line.text) >= PARAGRAPH_MIN_CHARS:
            break


def _is_headline(text: str) -> bool:
    title = _HEADING_MARK.sub("", text)
    return (
        len(title) <= HEADLINE_MAX_CHARS
        and len(title.split()) <= HEADLINE_MAX_WORDS
        and not _BULLET.match(title)
        and parse_date_text(title) is None
        and _byline_match(title) is None
        and _dateline_match(title) is None
    )


def _headline(line: Line) -> Found:
    mark = _HEADING_MARK.match(line.text)
    skip = mark.end() if mark else 0
    return Found(line.text[skip:], "text:headline", sub_line(line, skip, len(line.text)))


def _header_line(line: Line, found: TextMetadata) -> bool:
    """Record a date line or byline; False when the line is neither."""
    if len(line.text) > HEADLINE_MAX_CHARS:
        return False
    parsed = parse_date_text(line.text)
    if parsed is not None:
        found.dates.append(Found(parsed.value, "text:date_line", line.span, parsed.precision))
        found.spans["date_line"] = line.span
        return True
    byline = _byline_match(line.text)
    if byline is None:
        return False
    found.spans["byline"] = line.span
    _byline_date(line, byline, found)
    _byline_who(line, byline, found)
    return True


def _byline_match(text: str) -> re.Match[str] | None:
    match = _BYLINE.match(text)
    if match is None or not (match.group("who") or match.group("date")):
        return None
    if match.group("date") and parse_date_text(match.group("date")) is None:
        return None
    if match.group("who") and not _BYLINE_NAMES.fullmatch(match.group("who")):
        return None  # a sentence beginning with "By", not a byline
    return match


def _byline_date(line: Line, byline: re.Match[str], found: TextMetadata) -> None:
    if not byline.group("date"):
        return
    parsed = parse_date_text(byline.group("date"))
    if parsed is not None:
        span = sub_line(line, byline.start("date"), byline.end("date"))
        found.dates.append(Found(parsed.value, "text:byline", span, parsed.precision))


def _byline_who(line: Line, byline: re.Match[str], found: TextMetadata) -> None:
    who = byline.group("who")
    if not who:
        return
    outlets = load_outlets()
    for part in re.finditer(r"[^,;]+?(?=\s+and\s+|\s*[,;]|$)", who):
        name = outlets.outlet_named(part.group().strip())
        if name is not None:
            begin = byline.start("who") + part.start()
            span = sub_line(line, begin, begin + len(part.group()))
            found.outlets.append(Found(name, "text:byline", span))
            return
    span = sub_line(line, byline.start("who"), byline.end("who"))
    found.extra.setdefault("author", Found(who.strip(), "text:byline", span))


def _dateline_match(text: str) -> re.Match[str] | None:
    match = _DATELINE.match(text)
    if match is None or match.group("head") is None and match.group("agency") is None:
        return None
    if match.group("region") and not (match.group("agency") or match.group("date")):
        return None  # "Kim, Castro - …" is a list of names, not a dateline
    if match.group("agency") or match.group("date"):
        return match
    # "MOSCOW — " or "HAVANA TIMES – " opens a paragraph; a short capitals line is a headline.
    caps_lead = match.group("head").isupper() and len(match.group("head")) >= 3
    opens_paragraph = len(text) >= PARAGRAPH_MIN_CHARS
    return match if caps_lead and opens_paragraph and match.group("before_dash") else None


def _dateline(line: Line, found: TextMetadata) -> bool:
    match = _dateline_match(line.text)
    if match is None:
        return False
    found.spans["dateline"] = sub_line(line, 0, match.end())
    head = match.group("head")
    head_span = sub_line(line, match.start("head"), match.end("head")) if head else None
    if match.group("date"):
        parsed = parse_date_text(match.group("date"))
        if parsed is not None:
            date_span = sub_line(line, match.start("date"), match.end("date"))
            found.dates.append(Found(parsed.value, "text:dateline", date_span, parsed.precision))
            found.extra.setdefault("dateline_date", Found(parsed.value, "text:dateline", date_span, parsed.precision))
    agency = match.group("agency")
    if agency:
        name = load_outlets().named(agency) or agency.strip()
        span = sub_line(line, match.start("agency"), match.end("agency"))
        found.outlets.append(Found(name, "text:dateline", span))
    elif head and (name := load_outlets().outlet_named(head)) is not None:
        found.outlets.append(Found(name, "text:dateline", head_span))
        return True
    if head:
        found.extra.setdefault("dateline_place", Found(head, "text:dateline", head_span))
    if match.group("region"):
        region_span = sub_line(line, match.start("region"), match.end("region"))
        found.extra.setdefault("dateline_region", Found(match.group("region"), "text:dateline", region_span))
    return True
