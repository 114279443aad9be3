"""Layout features the passes share: word counts, sentence endings, list lines, dated lines, and the
share of a paragraph that spans cover."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from comity.model import Span
from comity.stages.segment.records import Paragraph, SegmentContext

#: A paragraph this long that ends a sentence is taken as article prose.
PROSE_MIN_WORDS = 12
#: A link-list item without sentence punctuation; shorter lines always count.
LIST_ITEM_SHORT_WORDS = 6


#: Share of a paragraph's characters a metadata span must cover to make it metadata.
META_SPAN_MIN_COVERAGE = 0.6
SNIPPET_CHARS = 40

_SENTENCE_END = re.compile(r"[.!?](?:[\"'”’»)\]]*)$|[\"”»]$")
_TRUNCATED_END = re.compile(r"(?:\.\.\.|…)[\"'”’)\]]*$")
_WHITESPACE = re.compile(r"\s+")


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None and _TRUNCATED_END.search(text) is None


def normalised(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip().casefold()


def snippet(text: str) -> str:
    flat = _WHITESPACE.sub(" ", text).strip()
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1].rstrip() + "…"


def is_prose(text: str) -> bool:
    return word_count(text) >= PROSE_MIN_WORDS and ends_sentence(text)


def is_dated_line(context: SegmentContext, text: str) -> bool:
    cues = context.cues
    return cues.date_anywhere.find(text) is not None or cues.dateline.find(text) is not None


def is_list_item(context: SegmentContext, paragraph: Paragraph) -> bool:
    """A line of a link list: no sentence ending, or very short, or a bare date."""
    text = context.of(paragraph)
    if not paragraph.single_line or context.cues.comment_openers.find(text) is not None:
        return False
    return (
        not ends_sentence(text)
        or word_count(text) <= LIST_ITEM_SHORT_WORDS
        or context.cues.date_line.find(text) is not None
    )


def coverage(context: SegmentContext, paragraph: Paragraph, spans: Iterable[Span]) -> float:
    return covered_share(context.text, paragraph.span, spans)


def covered_share(text: str, span: Span, spans: Iterable[Span]) -> float:
    """Share of the non-whitespace characters of `span` that lie inside `spans`."""
    overlapping = [s for s in spans if s.overlaps(span)]
    if not overlapping:
        return 0.0
    chars = [i for i in range(span.start, span.end) if not text[i].isspace()]
    covered = sum(1 for i in chars if any(s.start <= i < s.end for s in overlapping))
    return covered / len(chars) if chars else 0.0


def unclaimed(paragraphs: list[Paragraph]) -> Iterator[tuple[int, Paragraph]]:
    return ((i, p) for i, p in enumerate(paragraphs) if p.kind is None)
