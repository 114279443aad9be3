"""Cutting the text into paragraphs: on blank lines, or, in a hard-wrapped block or an article
without blank lines, where a line stands alone or a sentence ends."""

from __future__ import annotations

from comity.model import Span
from comity.stages.segment.features import META_SPAN_MIN_COVERAGE, covered_share, ends_sentence
from comity.stages.segment.records import Paragraph, SegmentContext

#: A block whose lines are all this short and mostly end mid-sentence is hard-wrapped prose.
HARD_WRAP_MAX_CHARS = 100
WRAPPED_LINE_MIN_FILL = 0.6


def trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def line_blocks(text: str, start: int) -> list[list[Span]]:
    """Runs of non-blank lines (trimmed spans), separated by blank lines."""
    blocks: list[list[Span]] = []
    current: list[Span] = []
    position = start
    while position <= len(text):
        newline = text.find("\n", position)
        end = len(text) if newline == -1 else newline
        line = trim(text, position, end)
        if line.start < line.end:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
        position = end + 1
    if current:
        blocks.append(current)
    return blocks


def split_paragraphs(context: SegmentContext, blocks: list[list[Span]]) -> list[Paragraph]:
    has_blank_lines = len(blocks) > 1
    paragraphs: list[Paragraph] = []
    for block in blocks:
        wrap_width = max(line.end - line.start for line in block) if _is_hard_wrapped(context.text, block) else 0
        markers = [_is_marker_line(context, line) for line in block]
        lines: list[Span] = [block[0]]
        for index in range(1, len(block)):
            previous, line = block[index - 1], block[index]
            stands_alone = markers[index - 1] or markers[index]
            if not stands_alone and _continues(context.text, previous, line, wrap_width, has_blank_lines):
                lines.append(line)
            else:
                paragraphs.append(Paragraph(tuple(lines)))
                lines = [line]
        paragraphs.append(Paragraph(tuple(lines)))
    return paragraphs


def _is_hard_wrapped(text: str, block: list[Span]) -> bool:
    if len(block) < 2 or max(line.end - line.start for line in block) > HARD_WRAP_MAX_CHARS:
        return False
    lines = [line.text(text) for line in block]
    open_endings = sum(not ends_sentence(line) for line in lines[:-1])
    # A list of short titles also ends lines mid-sentence; wrapped prose ends a sentence
    # at its end or carries a sentence on to a lowercase line.
    prose_shape = ends_sentence(lines[-1]) or any(line[0].islower() for line in lines[1:])
    return open_endings * 2 >= len(lines) - 1 and prose_shape


def _continues(text: str, previous: Span, line: Span, wrap_width: int, has_blank_lines: bool) -> bool:
    """Whether `line` goes on the paragraph that `previous` is in (neither stands alone).

    `wrap_width` is the block's longest line when the block is hard-wrapped, else 0.
    """
    previous_text, line_text = previous.text(text), line.text(text)
    if previous_text == line_text:
        return False
    if wrap_width:
        # A wrapped line fills the width; a short one without a full stop (a title) stands alone.
        filled = len(previous_text) >= wrap_width * WRAPPED_LINE_MIN_FILL
        if has_blank_lines:
            return filled or ends_sentence(previous_text)
        # Without blank lines paragraph ends are unknown: cut at sentence ends, so that no
        # sentence is split across two sections.
        return filled and not ends_sentence(previous_text)
    return not ends_sentence(previous_text) and line_text[0].islower()


def _is_marker_line(context: SegmentContext, line: Span) -> bool:
    """A line that stands alone whatever surrounds it: a date, byline, caption, cue…"""
    text, cues = line.text(context.text), context.cues
    spans = [span for _, span in context.meta_spans]
    if context.title is not None and context.title.span is not None:
        spans.append(context.title.span)
    if covered_share(context.text, line, spans) >= META_SPAN_MIN_COVERAGE:
        return True
    # A dateline is no marker: it starts the first paragraph, which may be hard-wrapped.
    return any(
        cue.find(text) is not None
        for cue in (
            cues.date_line,
            cues.byline,
            cues.comment_openers,
            cues.comment_closers,
            cues.list_headers,
            cues.boilerplate_lines,
            cues.caption_cues,
        )
    )
