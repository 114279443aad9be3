"""The footer: a copyright line naming the outlet (by web domain or name), or an agency's sign-off."""

from __future__ import annotations

import re

from comity.model import Found
from comity.stages.metadata.lines import Line, sub_line
from comity.stages.metadata.outlets import load_outlets
from comity.stages.metadata.records import TextMetadata

_COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved", re.IGNORECASE)
_DOMAIN = re.compile(r"\b(?:https?://)?(?P<host>(?:[a-z0-9-]+\.)+[a-z]{2,})\b", re.IGNORECASE)
_COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*)?"
    r"(?!all rights)(?P<name>[A-Z][\w&.' -]{1,60}?)"
    r"\s*(?:[.,|]|all rights reserved|$)",
    re.IGNORECASE,
)
_SIGNOFF = re.compile(r"\((?P<agency>[A-Za-z][\w .&-]{0,30})\)\s*$")


def scan_footer(lines: list[Line], found: TextMetadata) -> None:
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
        span = sub_line(line, domain.start("host"), domain.end("host"))
        _add_footer_outlet(found, "copyright", line, Found(name, "text:copyright", span))
        return True
    holder = _COPYRIGHT_NAME.search(line.text)
    if holder is None:
        return False
    name = holder.group("name").strip()
    span = sub_line(line, holder.start("name"), holder.start("name") + len(name))
    _add_footer_outlet(found, "copyright", line, Found(outlets.named(name) or name, "text:copyright", span))
    return True


def _signoff(line: Line, found: TextMetadata) -> None:
    match = _SIGNOFF.search(line.text)
    if match is None:
        return
    name = load_outlets().named(match.group("agency"))
    if name is not None:
        span = sub_line(line, match.start("agency"), match.end("agency"))
        _add_footer_outlet(found, "signoff", line, Found(name, "text:signoff", span))
        found.spans["signoff"] = sub_line(line, match.start(), match.end())


def _add_footer_outlet(found: TextMetadata, kind: str, line: Line, outlet: Found) -> None:
    found.outlets.append(outlet)
    found.spans.setdefault(kind, line.span)
