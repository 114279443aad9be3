"""The segment stage: the passes in their fixed order, then runs of boilerplate with one reason
merged into one section."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from comity.model import Document, Metadata, Section, SectionKind, Span
from comity.stages.segment.boilerplate import mark_boilerplate
from comity.stages.segment.cues import DEFAULT_CUES_PATH, Cues, load_cues
from comity.stages.segment.found_spans import found_meta_spans, front_matter_span
from comity.stages.segment.paragraphs import line_blocks, split_paragraphs
from comity.stages.segment.passes import (
    mark_captions,
    mark_comments,
    mark_fallback_headline,
    mark_metadata,
    mark_repeats,
    mark_title_from_meta,
)
from comity.stages.segment.records import Paragraph, SegmentContext


class SegmentStage:
    """Splits `doc.text` into headline, body, comment, boilerplate, caption, metadata and repeat."""

    name = "segment"
    requires = frozenset({"text", "meta"})
    assigns = frozenset({"sections"})

    def __init__(self, cues_path: Path = DEFAULT_CUES_PATH):
        self.cues_path = cues_path

    def __call__(self, doc: Document) -> Document:
        doc.sections = segment(doc.text, doc.meta, load_cues(self.cues_path))
        return doc


def segment(text: str, meta: Metadata, cues: Cues) -> list[Section]:
    """Sections of `text` in text order, covering every non-whitespace character once."""
    front_matter = front_matter_span(text, meta)
    start = front_matter.end if front_matter else 0
    context = SegmentContext(text, cues, tuple(found_meta_spans(meta)), meta.title)
    paragraphs = split_paragraphs(context, line_blocks(text, start))
    mark_title_from_meta(context, paragraphs)
    mark_comments(context, paragraphs)
    mark_captions(context, paragraphs)
    mark_boilerplate(context, paragraphs)
    mark_fallback_headline(context, paragraphs)
    mark_metadata(context, paragraphs)
    for paragraph in paragraphs:
        if paragraph.kind is None:
            paragraph.claim(SectionKind.BODY, "article paragraph")
    mark_repeats(context, paragraphs)
    sections = [Section(SectionKind.METADATA, front_matter, None, "front matter")] if front_matter else []
    sections.extend(_merge_runs(paragraphs))
    return sections


def _merge_runs(paragraphs: list[Paragraph]) -> Iterator[Section]:
    """One section per paragraph, except that a boilerplate run with one reason is one section."""
    pending: Section | None = None
    for paragraph in paragraphs:
        section = Section(paragraph.kind or SectionKind.BODY, paragraph.span, paragraph.repeat_of, paragraph.reason)
        if (
            pending is not None
            and pending.kind is SectionKind.BOILERPLATE
            and section.kind is SectionKind.BOILERPLATE
            and pending.reason == section.reason
        ):
            pending = Section(pending.kind, Span(pending.span.start, section.span.end), None, pending.reason)
            continue
        if pending is not None:
            yield pending
        pending = section
    if pending is not None:
        yield pending
