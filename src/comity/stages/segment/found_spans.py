"""What the metadata stage found in the text (date line, byline, copyright…) and the front matter,
as spans the passes mark as metadata or boilerplate."""

from __future__ import annotations

from collections.abc import Iterator

from comity.model import Found, Metadata, Span
from comity.stages.segment.paragraphs import trim


def _span_of(value: object) -> Span | None:
    if isinstance(value, Span):
        return value
    if isinstance(value, Found):
        return value.span
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return Span(value[0], value[1]) if 0 <= value[0] <= value[1] else None
    if isinstance(value, dict) and isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
        return Span(value["start"], value["end"]) if 0 <= value["start"] <= value["end"] else None
    return None


def found_meta_spans(meta: Metadata) -> Iterator[tuple[str, Span]]:
    """(label, span) of what the metadata stage found in the text; the title apart.

    The label is "copyright" for anything found in a copyright line, which is boilerplate.
    """
    for name in ("published", "outlet", "url"):
        found: Found | None = getattr(meta, name)
        if found is not None and found.span is not None:
            yield ("copyright" if "copyright" in found.basis else name), found.span
    for key, value in meta.extra.items():
        span = _span_of(value)
        basis = value.basis if isinstance(value, Found) else ""
        if span is not None and key != "front_matter_span":
            label = key.removesuffix("_span")
            yield ("copyright" if "copyright" in f"{label} {basis}" else label), span


def front_matter_span(text: str, meta: Metadata) -> Span | None:
    span = _span_of(meta.extra.get("front_matter_span"))
    if span is None or span.end > len(text) or not span.text(text).strip() or text[: span.start].strip():
        return None
    trimmed = trim(text, span.start, span.end)
    # The paragraphs start after the front matter's last line, so that no line is split.
    line_end = text.find("\n", trimmed.end)
    end = len(text) if line_end == -1 else line_end
    return trim(text, trimmed.start, end)
