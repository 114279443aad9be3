"""The segment stage: which parts of an article are news and which are not.

The text is cut into paragraphs (on blank lines, or on single newlines when the
article has none), and each paragraph gets one `SectionKind`. Only headline and
body are coded later, so each decision that takes text away from the body keeps
its reason. Decisions come from layout features (short lines, lines printed
twice, lines without sentence punctuation, dates) and from cue phrases kept in
`data/segment/cues.yaml`, which users can extend.

Passes run in a fixed order, each only over paragraphs no earlier pass claimed:
front matter, title, reader comments, captions, boilerplate, headline fallback,
metadata lines, body, and last repeats among the body.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from comity.config import DATA_DIR
from comity.errors import KnowledgeError
from comity.knowledge.files import read_yaml_mapping
from comity.model import Document, Found, Metadata, Section, SectionKind, Span

DEFAULT_CUES_PATH = DATA_DIR / "segment" / "cues.yaml"

HEADLINE_MAX_WORDS = 25
SUBHEADLINE_MAX_WORDS = 20
BYLINE_MAX_WORDS = 15
CAPTION_MAX_WORDS = 30
NAME_TWICE_MAX_WORDS = 12
CUE_LINE_MAX_WORDS = 30
LIST_HEADER_MAX_WORDS = 12
COMMENT_OPENER_MAX_WORDS = 45
#: A paragraph this long that ends a sentence is taken as article prose.
PROSE_MIN_WORDS = 12
#: A link-list item without sentence punctuation; shorter lines always count.
LIST_ITEM_SHORT_WORDS = 6
NAVIGATION_MAX_WORDS = 5
NAVIGATION_MIN_RUN = 4
TEASER_MIN_RUN = 3
TEASER_MIN_DATED = 2
#: A block whose lines are all this short and mostly end mid-sentence is hard-wrapped prose.
HARD_WRAP_MAX_CHARS = 100
WRAPPED_LINE_MIN_FILL = 0.6
#: Share of a paragraph's characters a metadata span must cover to make it metadata.
META_SPAN_MIN_COVERAGE = 0.6
SNIPPET_CHARS = 40

_SENTENCE_END = re.compile(r"[.!?](?:[\"'”’»)\]]*)$|[\"”»]$")
_TRUNCATED_END = re.compile(r"(?:\.\.\.|…)[\"'”’)\]]*$")
_WHITESPACE = re.compile(r"\s+")
#: A bullet or list number in front of a line: an item of a list.
_LIST_ITEM_MARK = re.compile(r"^(?:[-*•]|\d{1,2}[.)])\s+")
#: Markdown headings, bullets and quote marks in front of a line, ignored by the cues.
_LINE_MARKS = re.compile(r"^(?:#{1,6}|[-*•>]|\d{1,2}[.)])\s+")

CATEGORIES: dict[str, frozenset[str]] = {
    "date_line": frozenset({"fullmatch"}),
    "date_anywhere": frozenset({"search"}),
    "dateline": frozenset({"match"}),
    "byline": frozenset({"fullmatch"}),
    "comment_openers": frozenset({"match"}),
    "comment_closers": frozenset({"match"}),
    "list_headers": frozenset({"fullmatch"}),
    "boilerplate_lines": frozenset({"match"}),
    "caption_cues": frozenset({"search"}),
}


@dataclass(frozen=True, slots=True)
class CueList:
    """Compiled patterns of one category; `find` returns the matched text or None."""

    category: str
    mode: str  # "match" | "fullmatch" | "search"
    patterns: tuple[re.Pattern[str], ...]

    def find(self, line: str) -> str | None:
        line = _LINE_MARKS.sub("", line)
        for pattern in self.patterns:
            found = getattr(pattern, self.mode)(line)
            if found is not None:
                return found.group(0) or line
        return None


@dataclass(frozen=True, slots=True)
class Cues:
    date_line: CueList
    date_anywhere: CueList
    dateline: CueList
    byline: CueList
    comment_openers: CueList
    comment_closers: CueList
    list_headers: CueList
    boilerplate_lines: CueList
    caption_cues: CueList


@functools.cache
def load_cues(path: Path = DEFAULT_CUES_PATH) -> Cues:
    """Read and compile a cue file (see data/segment/cues.yaml for its layout)."""
    raw = read_yaml_mapping(Path(path), "segment cue file")
    return Cues(**{name: _compile_category(path, raw, name, modes) for name, modes in CATEGORIES.items()})


def _compile_category(path: Path, raw: dict[str, Any], name: str, modes: frozenset[str]) -> CueList:
    entry = raw.get(name)
    if not isinstance(entry, dict) or len(entry) != 1 or next(iter(entry)) not in modes:
        raise KnowledgeError(
            f"segment cue file {path}: category {name!r} must be a mapping with one key, "
            f"one of {sorted(modes)}, holding a list of regular expressions"
        )
    mode, patterns = next(iter(entry.items()))
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise KnowledgeError(f"segment cue file {path}: {name}.{mode} must be a list of strings")
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as error:
            raise KnowledgeError(
                f"segment cue file {path}: bad pattern in {name}.{mode}: {pattern!r} ({error})"
            ) from error
    return CueList(name, mode, tuple(compiled))


@dataclass(slots=True)
class _Paragraph:
    """A working paragraph: its lines (trimmed spans) and the decision so far."""

    lines: tuple[Span, ...]
    kind: SectionKind | None = None
    reason: str = ""
    repeat_of: Span | None = None

    @property
    def span(self) -> Span:
        return Span(self.lines[0].start, self.lines[-1].end)

    @property
    def single_line(self) -> bool:
        return len(self.lines) == 1

    def claim(self, kind: SectionKind, reason: str) -> None:
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True, slots=True)
class _Context:
    """What every pass reads: the text, the cues and the spans the metadata stage found."""

    text: str
    cues: Cues
    meta_spans: tuple[tuple[str, Span], ...]  # (field name, span), the title excluded
    title: Found | None

    def of(self, paragraph: _Paragraph) -> str:
        return paragraph.span.text(self.text)


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
    front_matter = _front_matter_span(text, meta)
    start = front_matter.end if front_matter else 0
    context = _Context(text, cues, tuple(_meta_spans(meta)), meta.title)
    paragraphs = _paragraphs(context, _blocks(text, start))
    _mark_title_from_meta(context, paragraphs)
    _mark_comments(context, paragraphs)
    _mark_captions(context, paragraphs)
    _mark_boilerplate(context, paragraphs)
    _mark_fallback_headline(context, paragraphs)
    _mark_metadata(context, paragraphs)
    for paragraph in paragraphs:
        if paragraph.kind is None:
            paragraph.claim(SectionKind.BODY, "article paragraph")
    _mark_repeats(context, paragraphs)
    sections = [Section(SectionKind.METADATA, front_matter, None, "front matter")] if front_matter else []
    sections.extend(_merge_runs(paragraphs))
    return sections


# --- metadata from the metadata stage ------------------------------------------------


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


def _meta_spans(meta: Metadata) -> Iterator[tuple[str, Span]]:
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


def _front_matter_span(text: str, meta: Metadata) -> Span | None:
    span = _span_of(meta.extra.get("front_matter_span"))
    if span is None or span.end > len(text) or not span.text(text).strip() or text[: span.start].strip():
        return None
    trimmed = _trim(text, span.start, span.end)
    # The paragraphs start after the front matter's last line, so that no line is split.
    line_end = text.find("\n", trimmed.end)
    end = len(text) if line_end == -1 else line_end
    return _trim(text, trimmed.start, end)


# --- paragraphs -----------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _blocks(text: str, start: int) -> list[list[Span]]:
    """Runs of non-blank lines (trimmed spans), separated by blank lines."""
    blocks: list[list[Span]] = []
    current: list[Span] = []
    position = start
    while position <= len(text):
        newline = text.find("\n", position)
        end = len(text) if newline == -1 else newline
        line = _trim(text, position, end)
        if line.start < line.end:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
        position = end + 1
    if current:
        blocks.append(current)
    return blocks


def _paragraphs(context: _Context, blocks: list[list[Span]]) -> list[_Paragraph]:
    has_blank_lines = len(blocks) > 1
    paragraphs: list[_Paragraph] = []
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
                paragraphs.append(_Paragraph(tuple(lines)))
                lines = [line]
        paragraphs.append(_Paragraph(tuple(lines)))
    return paragraphs


def _is_hard_wrapped(text: str, block: list[Span]) -> bool:
    if len(block) < 2 or max(line.end - line.start for line in block) > HARD_WRAP_MAX_CHARS:
        return False
    lines = [line.text(text) for line in block]
    open_endings = sum(not _ends_sentence(line) for line in lines[:-1])
    # A list of short titles also ends lines mid-sentence; wrapped prose ends a sentence
    # at its end or carries a sentence on to a lowercase line.
    prose_shape = _ends_sentence(lines[-1]) or any(line[0].islower() for line in lines[1:])
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
            return filled or _ends_sentence(previous_text)
        # Without blank lines paragraph ends are unknown: cut at sentence ends, so that no
        # sentence is split across two sections.
        return filled and not _ends_sentence(previous_text)
    return not _ends_sentence(previous_text) and line_text[0].islower()


def _is_marker_line(context: _Context, line: Span) -> bool:
    """A line that stands alone whatever surrounds it: a date, byline, caption, cue…"""
    text, cues = line.text(context.text), context.cues
    spans = [span for _, span in context.meta_spans]
    if context.title is not None and context.title.span is not None:
        spans.append(context.title.span)
    if _covered_share(context.text, line, spans) >= META_SPAN_MIN_COVERAGE:
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


# --- features -------------------------------------------------------------------------


def _words(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None and _TRUNCATED_END.search(text) is None


def _normalised(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip().casefold()


def _snippet(text: str) -> str:
    flat = _WHITESPACE.sub(" ", text).strip()
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1].rstrip() + "…"


def _is_prose(text: str) -> bool:
    return _words(text) >= PROSE_MIN_WORDS and _ends_sentence(text)


def _is_dated_line(context: _Context, text: str) -> bool:
    cues = context.cues
    return cues.date_anywhere.find(text) is not None or cues.dateline.find(text) is not None


def _is_list_item(context: _Context, paragraph: _Paragraph) -> bool:
    """A line of a link list: no sentence ending, or very short, or a bare date."""
    text = context.of(paragraph)
    if not paragraph.single_line or context.cues.comment_openers.find(text) is not None:
        return False
    return (
        not _ends_sentence(text)
        or _words(text) <= LIST_ITEM_SHORT_WORDS
        or context.cues.date_line.find(text) is not None
    )


def _is_item_under_header(context: _Context, paragraph: _Paragraph) -> bool:
    """Under a list header, bulleted or numbered lines are items even when they read as
    sentences: teaser titles often end in a question or a full stop."""
    lines = [line.strip() for line in context.of(paragraph).splitlines() if line.strip()]
    bulleted = bool(lines) and all(_LIST_ITEM_MARK.match(line) for line in lines)
    return bulleted or _is_list_item(context, paragraph)


def _coverage(context: _Context, paragraph: _Paragraph, spans: Iterable[Span]) -> float:
    return _covered_share(context.text, paragraph.span, spans)


def _covered_share(text: str, span: Span, spans: Iterable[Span]) -> float:
    """Share of the non-whitespace characters of `span` that lie inside `spans`."""
    overlapping = [s for s in spans if s.overlaps(span)]
    if not overlapping:
        return 0.0
    chars = [i for i in range(span.start, span.end) if not text[i].isspace()]
    covered = sum(1 for i in chars if any(s.start <= i < s.end for s in overlapping))
    return covered / len(chars) if chars else 0.0


def _unclaimed(paragraphs: list[_Paragraph]) -> Iterator[tuple[int, _Paragraph]]:
    return ((i, p) for i, p in enumerate(paragraphs) if p.kind is None)


# --- passes ---------------------------------------------------------------------------


def _mark_title_from_meta(context: _Context, paragraphs: list[_Paragraph]) -> None:
    title = context.title
    if title is None or title.span is None:
        return
    for paragraph in paragraphs:
        if _coverage(context, paragraph, [title.span]) >= META_SPAN_MIN_COVERAGE:
            paragraph.claim(SectionKind.HEADLINE, f"title found by the metadata stage ({title.basis})")


def _mark_comments(context: _Context, paragraphs: list[_Paragraph]) -> None:
    """From a comment opener after the article to the end: comments; after a closer: footer."""
    cues = context.cues
    prose_seen = False
    opened_by = ""
    closed_by = ""
    for _, paragraph in _unclaimed(paragraphs):
        text = context.of(paragraph)
        if closed_by:
            paragraph.claim(SectionKind.BOILERPLATE, f"page text after the comment area closed by {closed_by!r}")
            continue
        closer = cues.comment_closers.find(text)
        opener = cues.comment_openers.find(text) if _words(text) <= COMMENT_OPENER_MAX_WORDS else None
        if closer is not None and (opened_by or prose_seen):
            paragraph.claim(SectionKind.COMMENT, f"end of reader comments ({_snippet(closer)!r})")
            closed_by = _snippet(closer)
        elif opened_by:
            paragraph.claim(SectionKind.COMMENT, f"reader comments after {opened_by!r}")
        elif opener is not None and prose_seen:
            opened_by = _snippet(opener).rstrip("\"“‘'« ")
            paragraph.claim(SectionKind.COMMENT, f"reader comments start at {opened_by!r}")
        elif opener is not None:
            paragraph.claim(SectionKind.BOILERPLATE, f"comment counter before the article ({_snippet(opener)!r})")
        elif _is_prose(text):
            prose_seen = True


def _mark_captions(context: _Context, paragraphs: list[_Paragraph]) -> None:
    for index, paragraph in enumerate(paragraphs):
        text = context.of(paragraph)
        if paragraph.kind is not None or _words(text) > CAPTION_MAX_WORDS:
            continue
        if _is_printed_twice(context, paragraphs, index):
            paragraph.claim(SectionKind.CAPTION, f"photo caption printed twice ({_snippet(text)!r})")
            continue
        cue = context.cues.caption_cues.find(text)
        if cue is not None:
            paragraph.claim(SectionKind.CAPTION, f"photo caption or credit ({_snippet(cue)!r})")


def _is_printed_twice(context: _Context, paragraphs: list[_Paragraph], index: int) -> bool:
    """A short unpunctuated line (a name under a photo) with the same line next to it."""
    paragraph = paragraphs[index]
    text = context.of(paragraph)
    if not paragraph.single_line or _words(text) > NAME_TWICE_MAX_WORDS or _ends_sentence(text):
        return False
    # A document's first line printed twice is a headline and its repeat.
    neighbours = paragraphs[max(index - 1, 1) : index] + paragraphs[max(index + 1, 2) : index + 2]
    return any(n.single_line and context.of(n) == text for n in neighbours)


def _mark_boilerplate(context: _Context, paragraphs: list[_Paragraph]) -> None:
    _mark_cue_lines(context, paragraphs)
    _mark_link_lists(context, paragraphs)
    _mark_unheaded_runs(context, paragraphs)


def _mark_cue_lines(context: _Context, paragraphs: list[_Paragraph]) -> None:
    copyright_spans = [span for label, span in context.meta_spans if label == "copyright"]
    for _, paragraph in _unclaimed(paragraphs):
        if _coverage(context, paragraph, copyright_spans) >= META_SPAN_MIN_COVERAGE:
            paragraph.claim(SectionKind.BOILERPLATE, "copyright line found by the metadata stage")
            continue
        text = context.of(paragraph)
        cue = context.cues.boilerplate_lines.find(text) if _words(text) <= CUE_LINE_MAX_WORDS else None
        if cue is not None:
            paragraph.claim(SectionKind.BOILERPLATE, f"page furniture ({_snippet(cue)!r})")


def _mark_link_lists(context: _Context, paragraphs: list[_Paragraph]) -> None:
    """A list header ("More from…", "Related") and the list items under it."""
    index = 0
    while index < len(paragraphs):
        header = paragraphs[index]
        text = context.of(header)
        index += 1
        if header.kind is not None or not header.single_line or _words(text) > LIST_HEADER_MAX_WORDS:
            continue
        if context.cues.list_headers.find(text) is None:
            continue
        header.claim(SectionKind.BOILERPLATE, f"link list header {_snippet(text)!r}")
        while index < len(paragraphs) and _is_item_under_header(context, paragraphs[index]):
            item = paragraphs[index]
            if item.kind is None:
                item.claim(SectionKind.BOILERPLATE, f"link list under {_snippet(text)!r}")
            index += 1


def _mark_unheaded_runs(context: _Context, paragraphs: list[_Paragraph]) -> None:
    """Runs of list lines with no header: teaser lists with dates, navigation menus."""
    for run in _runs(paragraphs, lambda p: p.kind is None and _is_list_item(context, p)):
        dated = sum(_is_dated_line(context, context.of(p)) for p in run)
        if len(run) >= TEASER_MIN_RUN and dated >= TEASER_MIN_DATED:
            for paragraph in run:
                paragraph.claim(SectionKind.BOILERPLATE, f"teaser list: {len(run)} lines, {dated} of them dated")
    for run in _runs(paragraphs, lambda p: p.kind is None and _is_navigation_item(context, p)):
        if len(run) >= NAVIGATION_MIN_RUN:
            for paragraph in run:
                paragraph.claim(SectionKind.BOILERPLATE, f"navigation: {len(run)} short link lines")


def _is_navigation_item(context: _Context, paragraph: _Paragraph) -> bool:
    text = context.of(paragraph)
    return (
        paragraph.single_line
        and _words(text) <= NAVIGATION_MAX_WORDS
        and not _ends_sentence(text)
        and context.cues.byline.find(text) is None
        and context.cues.date_line.find(text) is None
    )


def _runs(
    paragraphs: list[_Paragraph], belongs: Callable[[_Paragraph], bool]
) -> Iterator[list[_Paragraph]]:
    run: list[_Paragraph] = []
    for paragraph in paragraphs:
        if belongs(paragraph):
            run.append(paragraph)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def _mark_fallback_headline(context: _Context, paragraphs: list[_Paragraph]) -> None:
    """The title when the metadata stage gave no span: its value's line, else a first short line."""
    if any(p.kind is SectionKind.HEADLINE for p in paragraphs):
        return
    title = context.title.value if context.title is not None else None
    if title:
        for paragraph in paragraphs[:5]:
            # A Markdown heading marker is no part of the title.
            text = _normalised(context.of(paragraph).lstrip("#"))
            if paragraph.kind is None and text and _matches_title(text, _normalised(title)):
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


def _looks_like_headline(context: _Context, text: str) -> bool:
    sentences = re.split(r"[.!?]\s+(?=[A-Z])", text)
    return (
        _words(text) <= HEADLINE_MAX_WORDS
        and len(sentences) == 1
        and not _is_dated_line(context, text)
        and context.cues.byline.find(text) is None
    )


def _mark_metadata(context: _Context, paragraphs: list[_Paragraph]) -> None:
    cues = context.cues
    for index, paragraph in _unclaimed(paragraphs):
        text = context.of(paragraph)
        field_name = _meta_field_covering(context, paragraph)
        if field_name is not None:
            paragraph.claim(SectionKind.METADATA, f"{field_name} found by the metadata stage")
        elif _is_byline(context, text):
            paragraph.claim(SectionKind.METADATA, f"byline ({_snippet(text)!r})")
            _mark_subheadline(context, paragraphs, index)
        elif cues.date_line.find(text) is not None:
            paragraph.claim(SectionKind.METADATA, f"date line ({_snippet(text)!r})")


def _is_byline(context: _Context, text: str) -> bool:
    # A byline is no sentence: "Published in 1990 by the ministry." is body text.
    return (
        _words(text) <= BYLINE_MAX_WORDS
        and not _ends_sentence(text)
        and context.cues.byline.find(text) is not None
    )


def _meta_field_covering(context: _Context, paragraph: _Paragraph) -> str | None:
    for label, span in context.meta_spans:
        if label != "copyright" and _coverage(context, paragraph, [span]) >= META_SPAN_MIN_COVERAGE:
            return label
    return None


def _mark_subheadline(context: _Context, paragraphs: list[_Paragraph], byline_index: int) -> None:
    """A short unpunctuated line right above a byline is the headline of what follows."""
    if byline_index == 0:
        return
    above = paragraphs[byline_index - 1]
    text = context.of(above)
    if (
        above.kind is None
        and above.single_line
        and byline_index - 1 > 0
        and _words(text) <= SUBHEADLINE_MAX_WORDS
        and not _ends_sentence(text)
    ):
        above.claim(SectionKind.HEADLINE, "sub-headline above a byline")


def _mark_repeats(context: _Context, paragraphs: list[_Paragraph]) -> None:
    first_copy: dict[str, Span] = {}
    for paragraph in paragraphs:
        if paragraph.kind not in (SectionKind.HEADLINE, SectionKind.BODY):
            continue
        key = _normalised(context.of(paragraph))
        original = first_copy.get(key)
        if original is None:
            first_copy[key] = paragraph.span
        elif paragraph.kind is SectionKind.BODY:
            paragraph.claim(SectionKind.REPEAT, f"repeats the paragraph at {original.start}-{original.end}")
            paragraph.repeat_of = original


def _merge_runs(paragraphs: list[_Paragraph]) -> Iterator[Section]:
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
