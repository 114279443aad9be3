"""The metadata stage: values given with the input kept, missing ones completed from the text."""

from __future__ import annotations

from comity.model import Document, Found, Metadata, Span
from comity.stages.metadata.footer import scan_footer
from comity.stages.metadata.header import scan_header
from comity.stages.metadata.lines import footer_lines, header_lines
from comity.stages.metadata.outlets import alias_key
from comity.stages.metadata.records import SPAN_KEYS, TextMetadata


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
    scan_header(header_lines(text, start), found)
    scan_footer(footer_lines(text, start), found)
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
    return in_text is not None and alias_key(given.value or "") == alias_key(in_text.value or "")


def _missing(value: Found | None) -> bool:
    return value is None or value.value is None


def _body_start(meta: Metadata) -> int:
    front_matter = meta.extra.get(SPAN_KEYS["front_matter"])
    return front_matter.end if isinstance(front_matter, Span) else 0
