"""The other passes, in the order the stage runs them: the title, reader comments, captions, the
fallback headline, metadata lines (with the sub-headline above a byline), and repeats."""

from __future__ import annotations

import re

from comity.model import SectionKind, Span
from comity.stages.segment.features import (
    META_SPAN_MIN_COVERAGE,
    coverage,
    ends_sentence,
    is_dated_line,
    is_prose,
    normalised,
    snippet,
    unclaimed,
    word_count,
)
from comity.stages.segment.records import Paragraph, SegmentContext

HEADLINE_MAX_WORDS = 25
SUBHEADLINE_MAX_WORDS = 20
BYLINE_MAX_WORDS = 15
CAPTION_MAX_WORDS = 30
NAME_TWICE_MAX_WORDS = 12


COMMENT_OPENER_MAX_WORDS = 45


def mark_title_from_meta(context: SegmentContext, paragraphs: list[Paragraph]) -> None:
    title = context.title
    if title is None or title.span is None:
        return
    for paragraph in paragraphs:
        if coverage(context, paragraph, [title.span]) >= META_SPAN_MIN_COVERAGE:
            paragraph.claim(SectionKind.HEADLINE, f"title found by the metadata stage ({title.basis})")


def mark_comments(context: SegmentContext, paragraphs: list[Paragraph]) -> None:
    """From a comment opener after the article to the end: comments; after a closer: footer."""
    cues = context.cues
    prose_seen = False
    opened_by = ""
    closed_by = ""
    for _, paragraph in unclaimed(paragraphs):
        text = context.of(paragraph)
        if closed_by:
            paragraph.claim(SectionKind.BOILERPLATE, f"page text after the comment area closed by {closed_by!r}")
            continue
        closer = cues.comment_closers.find(text)
        opener = cues.comment_openers.find(text) if word_count(text) <= COMMENT_OPENER_MAX_WORDS else None
        if closer is not None and (opened_by or prose_seen):
            paragraph.claim(SectionKind.COMMENT, f"end of reader comments ({snippet(closer)!r})")
            closed_by = snippet(closer)
        elif opened_by:
            paragraph.claim(SectionKind.COMMENT, f"reader comments after {opened_by!r}")
        elif opener is not None and prose_seen:
            opened_by = snippet(opener).rstrip("\"“‘'« ")
            paragraph.claim(SectionKind.COMMENT, f"reader comments start at {opened_by!r}")
        elif opener is not None:
            paragraph.claim(SectionKind.BOILERPLATE, f"comment counter before the article ({snippet(opener)!r})")
        elif is_prose(text):
            prose_seen = True


def mark_captions(context: SegmentContext, paragraphs: list[Paragraph]) -> None:
    for index, paragraph in enumerate(paragraphs):
        text = context.of(paragraph)
        if paragraph.kind is not None or word_count(text) > CAPTION_MAX_WORDS:
            continue
        if _is_printed_twice(context, paragraphs, index):
            paragraph.claim(SectionKind.CAPTION, f"photo caption printed twice ({snippet(text)!r})")
            continue
        cue = context.cues.caption_cues.find(text)
        if cue is not None:
            paragraph.claim(SectionKind.CAPTION, f"photo caption or credit ({snippet(cue)!r})")


def _is_printed_twice(context: SegmentContext, paragraphs: list[Paragraph], index: int) -> bool:
    """A short unpunctuated line (a name under a photo) with the same line next to it."""
    paragraph = paragraphs[index]
    text = context.of(paragraph)
    if not paragraph.single_line or word_count(text) > NAME_TWICE_MAX_WORDS or ends_sentence(text):
        return False
    # A document's first line printed twice is a headline and its repeat.
    neighbours = paragraphs[max(index - 1, 1) : index] + paragraphs[max(index + 1, 2) : index + 2]
    return any(n.single_line and context.of(n) == text for n in neighbours)


def mark_fallback_headline(context: SegmentContext, paragraphs: list[Paragraph]) -> None:
    """The title when the metadata stage gave no span: its value's line, else a first short line."""
    if any(p.kind is SectionKind.HEADLINE for p in paragraphs):
        return
    title = context.title.value if context.title is not None else None
    if title:
        for paragraph in paragraphs[:5]:
            # A Markdown heading marker is no part of the title.
            text = normalised(context.of(paragraph).lstrip("#"))
            if paragraph.kind is None and text and _matches_title(text, normalised(title)):
                paragraph.claim(SectionKind.HEADLINE, "line equal to the title found by the metadata stage")
                return
    first = next((p for p in paragraphs if p.kind is None), None)
    if first is None or first is paragraphs[-1] or not first.single_line:
        return
    text = context.of(first)
    if _looks_like_headline(context, text):
        first.claim(SectionKind.HEADLINE, "first short line of the document")


def _matches_title(line: str, title: str) -> bool:
    # Page titles often carry the site's name after the headline ("… - Yonhap").
    return line == title or (title.startswith(line) and len(line) * 10 >= len(title) * 6)


def _looks_like_headline(context: SegmentContext, text: str) -> bool:
    sentences = re.split(r"[.!?]\s+(?=[A-Z])", text)
    return (
        word_count(text) <= HEADLINE_MAX_WORDS
        and len(sentences) == 1
        and not is_dated_line(context, text)
        and context.cues.byline.find(text) is None
    )


def mark_metadata(context: SegmentContext, paragraphs: list[Paragraph]) -> None:
    cues = context.cues
    for index, paragraph in unclaimed(paragraphs):
        text = context.of(paragraph)
        field_name = _meta_field_covering(context, paragraph)
        if field_name is not None:
            paragraph.claim(SectionKind.METADATA, f"{field_name} found by the metadata stage")
        elif _is_byline(context, text):
            paragraph.claim(SectionKind.METADATA, f"byline ({snippet(text)!r})")
            _mark_subheadline(context, paragraphs, index)
        elif cues.date_line.find(text) is not None:
            paragraph.claim(SectionKind.METADATA, f"date line ({snippet(text)!r})")


def _is_byline(context: SegmentContext, text: str) -> bool:
    # A byline is no sentence: "Published in 1990 by the ministry." is body text.
    return (
        word_count(text) <= BYLINE_MAX_WORDS
        and not ends_sentence(text)
        and context.cues.byline.find(text) is not None
    )


def _meta_field_covering(context: SegmentContext, paragraph: Paragraph) -> str | None:
    for label, span in context.meta_spans:
        if label != "copyright" and coverage(context, paragraph, [span]) >= META_SPAN_MIN_COVERAGE:
            return label
    return None


def _mark_subheadline(context: SegmentContext, paragraphs: list[Paragraph], byline_index: int) -> None:
    """A short unpunctuated line right above a byline is the headline of what follows."""
    if byline_index == 0:
        return
    above = paragraphs[byline_index - 1]
    text = context.of(above)
    if (
        above.kind is None
        and above.single_line
        and byline_index - 1 > 0
        and word_count(text) <= SUBHEADLINE_MAX_WORDS
        and not ends_sentence(text)
    ):
        above.claim(SectionKind.HEADLINE, "sub-headline above a byline")


def mark_repeats(context: SegmentContext, paragraphs: list[Paragraph]) -> None:
    first_copy: dict[str, Span] = {}
    for paragraph in paragraphs:
        if paragraph.kind not in (SectionKind.HEADLINE, SectionKind.BODY):
            continue
        key = normalised(context.of(paragraph))
        original = first_copy.get(key)
        if original is None:
            first_copy[key] = paragraph.span
        elif paragraph.kind is SectionKind.BODY:
            paragraph.claim(SectionKind.REPEAT, f"repeats the paragraph at {original.start}-{original.end}")
            paragraph.repeat_of = original
