"""A working paragraph with the decision taken on it so far, and what every pass reads."""

from __future__ import annotations

from dataclasses import dataclass

from comity.model import Found, SectionKind, Span
from comity.stages.segment.cues import Cues


@dataclass(slots=True)
class Paragraph:
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
class SegmentContext:
    """What every pass reads: the text, the cues and the spans the metadata stage found."""

    text: str
    cues: Cues
    meta_spans: tuple[tuple[str, Span], ...]  # (field name, span), the title excluded
    title: Found | None

    def of(self, paragraph: Paragraph) -> str:
        return paragraph.span.text(self.text)
