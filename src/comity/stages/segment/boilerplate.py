"""The boilerplate pass: page furniture and copyright lines, link lists under a header, and
unheaded runs of teaser or navigation lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from comity.model import SectionKind
from comity.stages.segment.features import (
    META_SPAN_MIN_COVERAGE,
    coverage,
    ends_sentence,
    is_dated_line,
    is_list_item,
    snippet,
    unclaimed,
    word_count,
)
from comity.stages.segment.records import Paragraph, SegmentContext

CUE_LINE_MAX_WORDS = 30
LIST_HEADER_MAX_WORDS = 12


NAVIGATION_MAX_WORDS = 5
NAVIGATION_MIN_RUN = 4
TEASER_MIN_RUN = 3
TEASER_MIN_DATED = 2


#: A bullet or list number in front of a line: an item of a list.
_LIST_ITEM_MARK = re.compile(r"^(?:[-*•]|\d{1,2}[.)])\s+")


def _is_item_under_header(context: SegmentContext, paragraph: Paragraph) -> bool:
    """Under a list header, bulleted or numbered lines are items even when they read as
    sentences: teaser titles often end in a question or a full stop."""
    lines = [line.strip() for line in context.of(paragraph).splitlines() if line.strip()]
    bulleted = bool(lines) and all(_LIST_ITEM_MARK.match(line) for line in lines)
    return bulleted or is_list_item(context, paragraph)


def mark_boilerplate(context: SegmentContext, paragraphs: list[Paragraph]) -> None:
    _mark_cue_lines(context, paragraphs)
    _mark_link_lists(context, paragraphs)
    _mark_unheaded_runs(context, paragraphs)


def _mark_cue_lines(context: SegmentContext, paragraphs: list[Paragraph]) -> None:
    copyright_spans = [span for label, span in context.meta_spans if label == "copyright"]
    for _, paragraph in unclaimed(paragraphs):
        if coverage(context, paragraph, copyright_spans) >= META_SPAN_MIN_COVERAGE:
            paragraph.claim(SectionKind.BOILERPLATE, "copyright line found by the metadata stage")
            continue
        text = context.of(paragraph)
        cue = context.cues.boilerplate_lines.find(text) if word_count(text) <= CUE_LINE_MAX_WORDS else None
        if cue is not None:
            paragraph.claim(SectionKind.BOILERPLATE, f"page furniture ({snippet(cue)!r})")


def _mark_link_lists(context: SegmentContext, paragraphs: list[Paragraph]) -> None:
    """A list header ("More from…", "Related") and the list items under it."""
    index = 0
    while index < len(paragraphs):
        header = paragraphs[index]
        text = context.of(header)
        index += 1
        if header.kind is not None or not header.single_line or word_count(text) > LIST_HEADER_MAX_WORDS:
            continue
        if context.cues.list_headers.find(text) is None:
            continue
        header.claim(SectionKind.BOILERPLATE, f"link list header {snippet(text)!r}")
        while index < len(paragraphs) and _is_item_under_header(context, paragraphs[index]):
            item = paragraphs[index]
            if item.kind is None:
                item.claim(SectionKind.BOILERPLATE, f"link list under {snippet(text)!r}")
            index += 1


def _mark_unheaded_runs(context: SegmentContext, paragraphs: list[Paragraph]) -> None:
    """Runs of list lines with no header: teaser lists with dates, navigation menus."""
    for run in _runs(paragraphs, lambda p: p.kind is None and is_list_item(context, p)):
        dated = sum(is_dated_line(context, context.of(p)) for p in run)
        if len(run) >= TEASER_MIN_RUN and dated >= TEASER_MIN_DATED:
            for paragraph in run:
                paragraph.claim(SectionKind.BOILERPLATE, f"teaser list: {len(run)} lines, {dated} of them dated")
    for run in _runs(paragraphs, lambda p: p.kind is None and _is_navigation_item(context, p)):
        if len(run) >= NAVIGATION_MIN_RUN:
            for paragraph in run:
                paragraph.claim(SectionKind.BOILERPLATE, f"navigation: {len(run)} short link lines")


def _is_navigation_item(context: SegmentContext, paragraph: Paragraph) -> bool:
    text = context.of(paragraph)
    return (
        paragraph.single_line
        and word_count(text) <= NAVIGATION_MAX_WORDS
        and not ends_sentence(text)
        and context.cues.byline.find(text) is None
        and context.cues.date_line.find(text) is None
    )


def _runs(
    paragraphs: list[Paragraph], belongs: Callable[[Paragraph], bool]
) -> Iterator[list[Paragraph]]:
    run: list[Paragraph] = []
    for paragraph in paragraphs:
        if belongs(paragraph):
            run.append(paragraph)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run
