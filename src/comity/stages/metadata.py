"""The metadata stage: title, publication date and outlet, completed from the text.

Values given with the input (sidecar, front matter, JSONL, HTML markup) are kept;
only missing ones are looked for in the text, each with its basis, span and,
for dates, its precision. Header patterns (headline, date line, byline,
dateline) are looked for only in the first lines and footers only in the last
ones, so site navigation further down ("More from KCNA … January 22, 2025")
never sets the date. A copyright year is never taken as the publication date,
and a dateline without a year gives a month-day date: the year is not guessed.

The spans of the header and footer lines are kept in `Metadata.extra`
(see `metadata_spans`) so the segment stage can mark them as metadata.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from comity.errors import KnowledgeError
from comity.knowledge.files import read_yaml_mapping
from comity.model import Document, Found, Metadata, Span

#: How many non-empty lines from the top may hold the headline, date line, byline and dateline.
HEADER_LINES = 8
#: How many non-empty lines at the end may hold a copyright footer or sign-off.
FOOTER_LINES = 3
#: How far from the end footers are looked for.
FOOTER_CHARS = 4000
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 30
#: A line this long is a paragraph: the dateline, if any, starts the first one.
PARAGRAPH_MIN_CHARS = 100
#: Short lines (captions, credits) passed over while looking for the first paragraph.
LEAD_LINES = 4

#: Keys of `Metadata.extra` holding the spans of lines that are metadata, not article text.
SPAN_KEYS = {
    "front_matter": "front_matter_span",
    "date_line": "date_line_span",
    "byline": "byline_span",
    "dateline": "dateline_span",
    "copyright": "copyright_span",
    "signoff": "signoff_span",
}

PRECISION_RANK = {"year": 0, "month-day": 1, "month": 2, "day": 3, "minute": 4, "second": 5}

_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH = r"(?P<month>" + _MONTH_NAME + r")\.?"
# Spelled out rather than taken from `calendar`, whose names follow the process locale.
_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_TIME = (
    r"(?:\s*(?:[-–—,|@T]|\bat\b)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?P<ampm>[ap])\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?)?"
)
_DATE_FORMS = (
    _WEEKDAY + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + ")?" + _TIME,
    _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?(?:\s+" + _YEAR + ")?" + _TIME,
    _MONTH + r",?\s+" + _YEAR,
    _YEAR + r"[-/.](?P<month_number>\d{1,2})[-/.]" + _DAY + _TIME,
)
_DATE_PATTERNS = tuple(re.compile(form, re.IGNORECASE) for form in _DATE_FORMS)

_BYLINE = re.compile(
    r"^(?:(?:By|BY)\s+(?P<who>.+?))?\s*(?:[|·•,;–—-]\s*)?"
    r"(?:(?i:Published|Posted)(?:\s+on)?\s*:?\s*(?P<date>.+?))?\s*$"
)
# Names in a byline: capitalised words joined by spaces, commas, "and" or "&".
_BYLINE_NAMES = re.compile(r"[A-Z][\w.'’-]*(?:(?:\s*,\s*|\s+and\s+|\s*&\s*|\s+)[A-Z][\w.'’-]*){0,9}")
_PLACE = r"[A-Z][\w'./-]*(?:[ \t]+[A-Z][\w'./-]*){0,3}"
_DATELINE_MONTH = r"(?i:" + _MONTH_NAME + r")\.?"
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
_COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved", re.IGNORECASE)
_DOMAIN = re.compile(r"\b(?:https?://)?(?P<host>(?:[a-z0-9-]+\.)+[a-z]{2,})\b", re.IGNORECASE)
_COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*)?"
    r"(?!all rights)(?P<name>[A-Z][\w&.' -]{1,60}?)"
    r"\s*(?:[.,|]|all rights reserved|$)",
    re.IGNORECASE,
)
_SIGNOFF = re.compile(r"\((?P<agency>[A-Za-z][\w .&-]{0,30})\)\s*$")
_LINE = re.compile(r"[^\r\n]+")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_BULLET = re.compile(r"^(?:[•*·▪-]|\d+[.)])\s")


@dataclass(slots=True, frozen=True)
class ParsedDate:
    value: str  # ISO cut to its precision; "--MM-DD" when the year is unknown
    precision: str  # "second" | "minute" | "day" | "month" | "month-day"


@dataclass(slots=True, frozen=True)
class Line:
    """A non-empty line, stripped, with its span in the document text."""

    span: Span
    text: str


@dataclass(slots=True)
class TextMetadata:
    """What the text itself says about the article."""

    title: Found | None = None
    dates: list[Found] = field(default_factory=list)
    outlets: list[Found] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)
    extra: dict[str, Found] = field(default_factory=dict)  # "author", "dateline_place"

    def best_date(self) -> Found | None:
        """The most precise date found, a year-less one only when nothing else was."""
        if not self.dates:
            return None
        return max(self.dates, key=lambda found: PRECISION_RANK.get(found.precision or "", -1))


class MetadataStage:
    name = "metadata"
    requires = frozenset({"text"})
    assigns = frozenset({"meta"})

    def __call__(self, doc: Document) -> Document:
        found = find_text_metadata(doc.text, start=_body_start(doc.meta))
        _set_annotations(doc.meta, found)
        return doc


def metadata_spans(meta: Metadata) -> dict[str, Span]:
    """Spans of text that are metadata rather than article: front matter, date line, byline…

    The headline is not among them: it is article text, at `meta.title.span` when it came
    from the text.
    """
    spans = {kind: meta.extra.get(key) for kind, key in SPAN_KEYS.items()}
    return {kind: span for kind, span in spans.items() if isinstance(span, Span)}


def find_text_metadata(text: str, start: int = 0) -> TextMetadata:
    found = TextMetadata()
    _scan_header(_header_lines(text, start), found)
    _scan_footer(_footer_lines(text, start), found)
    return found


def _set_annotations(meta: Metadata, found: TextMetadata) -> None:
    if _missing(meta.title):
        meta.title = found.title or Found(None, "unknown")
    elif meta.title is not None and meta.title.span is None and _same_title(meta.title, found.title):
        meta.title.span = found.title.span if found.title else None
    if _missing(meta.published):
        meta.published = found.best_date() or Found(None, "unknown")
    if _missing(meta.outlet):
        meta.outlet = found.outlets[0] if found.outlets else Found(None, "unknown")
    for kind, span in found.spans.items():
        meta.extra[SPAN_KEYS[kind]] = span
    for key, value in found.extra.items():
        meta.extra.setdefault(key, value)


def _same_title(given: Found, in_text: Found | None) -> bool:
    return in_text is not None and _alias_key(given.value or "") == _alias_key(in_text.value or "")


def _missing(value: Found | None) -> bool:
    return value is None or value.value is None


def _body_start(meta: Metadata) -> int:
    front_matter = meta.extra.get(SPAN_KEYS["front_matter"])
    return front_matter.end if isinstance(front_matter, Span) else 0


# --- lines -----------------------------------------------------------------------------------


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


def _header_lines(text: str, start: int) -> list[Line]:
    lines: list[Line] = []
    for line in _lines(text, start):
        lines.append(line)
        if len(lines) == HEADER_LINES:
            break
    return lines


def _footer_lines(text: str, start: int) -> list[Line]:
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


def _sub_line(line: Line, start: int, end: int) -> Span:
    return Span(line.span.start + start, line.span.start + end)


# --- header ----------------------------------------------------------------------------------


def _scan_header(lines: list[Line], found: TextMetadata) -> None:
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
    return Found(line.text[skip:], "text:headline", _sub_line(line, skip, len(line.text)))


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
        span = _sub_line(line, byline.start("date"), byline.end("date"))
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
            span = _sub_line(line, begin, begin + len(part.group()))
            found.outlets.append(Found(name, "text:byline", span))
            return
    span = _sub_line(line, byline.start("who"), byline.end("who"))
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
    found.spans["dateline"] = _sub_line(line, 0, match.end())
    head = match.group("head")
    head_span = _sub_line(line, match.start("head"), match.end("head")) if head else None
    if match.group("date"):
        parsed = parse_date_text(match.group("date"))
        if parsed is not None:
            date_span = _sub_line(line, match.start("date"), match.end("date"))
            found.dates.append(Found(parsed.value, "text:dateline", date_span, parsed.precision))
    agency = match.group("agency")
    if agency:
        name = load_outlets().named(agency) or agency.strip()
        span = _sub_line(line, match.start("agency"), match.end("agency"))
        found.outlets.append(Found(name, "text:dateline", span))
    elif head and (name := load_outlets().outlet_named(head)) is not None:
        found.outlets.append(Found(name, "text:dateline", head_span))
        return True
    if head:
        found.extra.setdefault("dateline_place", Found(head, "text:dateline", head_span))
    if match.group("region"):
        region_span = _sub_line(line, match.start("region"), match.end("region"))
        found.extra.setdefault("dateline_region", Found(match.group("region"), "text:dateline", region_span))
    return True


# --- footer ----------------------------------------------------------------------------------


def _scan_footer(lines: list[Line], found: TextMetadata) -> None:
    for line in reversed(lines):
        if _COPYRIGHT.search(line.text) and _copyright(line, found):
            return
    if lines:
        _signoff(lines[-1], found)


def _copyright(line: Line, found: TextMetadata) -> bool:
    outlets = load_outlets()
    for domain in _DOMAIN.finditer(line.text):
        host = domain.group("host").lower()
        name = outlets.by_domain(host) or host.removeprefix("www.")
        span = _sub_line(line, domain.start("host"), domain.end("host"))
        _add_footer_outlet(found, "copyright", line, Found(name, "text:copyright", span))
        return True
    holder = _COPYRIGHT_NAME.search(line.text)
    if holder is None:
        return False
    name = holder.group("name").strip()
    span = _sub_line(line, holder.start("name"), holder.start("name") + len(name))
    _add_footer_outlet(found, "copyright", line, Found(outlets.named(name) or name, "text:copyright", span))
    return True


def _signoff(line: Line, found: TextMetadata) -> None:
    match = _SIGNOFF.search(line.text)
    if match is None:
        return
    name = load_outlets().named(match.group("agency"))
    if name is not None:
        span = _sub_line(line, match.start("agency"), match.end("agency"))
        _add_footer_outlet(found, "signoff", line, Found(name, "text:signoff", span))
        found.spans["signoff"] = _sub_line(line, match.start(), match.end())


def _add_footer_outlet(found: TextMetadata, kind: str, line: Line, outlet: Found) -> None:
    found.outlets.append(outlet)
    found.spans.setdefault(kind, line.span)


# --- dates -----------------------------------------------------------------------------------


def parse_date_text(text: str) -> ParsedDate | None:
    """A date written out in full ("August 29, 2023", "Dec. 30", "April 20, 2021 - 10:08").

    The whole string must be the date. Without a year the result is a month-day
    ("--12-30"): the year is never guessed.
    """
    candidate = text.strip().rstrip(".")
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(candidate)
        if match is not None:
            return _parsed_date(match)
    return None


def _parsed_date(match: re.Match[str]) -> ParsedDate | None:
    parts = match.groupdict()
    month = _month_number(parts)
    year = int(parts["year"]) if parts.get("year") else None
    if parts.get("day") is None:
        return ParsedDate(f"{year:04d}-{month:02d}", "month") if year and month else None
    day = int(parts["day"])
    if month is None or not _valid_day(year, month, day):
        return None
    if year is None:
        return ParsedDate(f"--{month:02d}-{day:02d}", "month-day")
    date = dt.date(year, month, day)
    if parts.get("hour") is None:
        return ParsedDate(date.isoformat(), "day")
    return _with_time(date, parts)


def _month_number(parts: dict[str, Any]) -> int | None:
    if parts.get("month_number"):
        number = int(parts["month_number"])
        return number if 1 <= number <= 12 else None
    if not parts.get("month"):
        return None
    return _MONTH_NUMBERS[parts["month"].lower()[:3]]


def _valid_day(year: int | None, month: int, day: int) -> bool:
    # 2000 is a leap year, so "Feb 29" without a year is allowed.
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return False
    return True


def _with_time(date: dt.date, parts: dict[str, Any]) -> ParsedDate | None:
    hour, minute = int(parts["hour"]), int(parts["minute"])
    if parts.get("ampm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if parts["ampm"].lower() == "p" else 0)
    second = int(parts["second"]) if parts.get("second") else None
    try:
        moment = dt.datetime(date.year, date.month, date.day, hour, minute, second or 0)
    except ValueError:
        return None
    if second is None:
        return ParsedDate(moment.isoformat(timespec="minutes"), "minute")
    return ParsedDate(moment.isoformat(timespec="seconds"), "second")


# --- outlets ---------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class OutletDirectory:
    """Known outlets by alias and web domain (from data/metadata/outlets.yaml)."""

    by_alias: dict[str, str]
    by_host: dict[str, str]
    outlet_words: frozenset[str]

    def named(self, text: str) -> str | None:
        return self.by_alias.get(_alias_key(text))

    def by_domain(self, host: str) -> str | None:
        labels = host.lower().removeprefix("www.").split(".")
        for first in range(len(labels) - 1):
            name = self.by_host.get(".".join(labels[first:]))
            if name is not None:
                return name
        return None

    def outlet_named(self, text: str) -> str | None:
        """The outlet a lead ("HAVANA TIMES –") or byline ("By Valley Wire") names, or None.

        A known alias gives its outlet; an unknown name counts when its last word is an
        outlet word ("Times", "Wire"); anything else is a place or a person.
        """
        known = self.named(text)
        if known is not None:
            return known
        words = text.split()
        if len(words) < 2 or words[-1].lower() not in self.outlet_words:
            return None
        return " ".join(word.capitalize() for word in words) if text.isupper() else " ".join(words)


def _alias_key(text: str) -> str:
    key = " ".join(text.lower().split())
    return key.removeprefix("the ")


@cache
def load_outlets() -> OutletDirectory:
    raw = _outlets_yaml()
    by_alias: dict[str, str] = {}
    by_host: dict[str, str] = {}
    for entry in raw.get("outlets", []):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise KnowledgeError(f"outlets.yaml: every outlet needs a 'name'; fix the entry {entry!r}")
        name = entry["name"]
        for alias in [name, *entry.get("aliases", [])]:
            by_alias[_alias_key(str(alias))] = name
        for host in entry.get("domains", []):
            by_host[str(host).lower()] = name
    words = frozenset(str(word).lower() for word in raw.get("outlet_words", []))
    return OutletDirectory(by_alias, by_host, words)


def _outlets_yaml() -> dict[str, Any]:
    source = resources.files("comity").joinpath("data/metadata/outlets.yaml")
    return read_yaml_mapping(source, "outlet file")
