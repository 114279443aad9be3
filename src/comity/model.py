"""Typed records that flow through comity.

Every stage takes a `Document` and returns it, adding the fields it declares
(see `comity.pipeline`). Records are linked by ids and character offsets into
`Document.text`, never by list position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class SectionKind(StrEnum):
    HEADLINE = "headline"
    BODY = "body"
    COMMENT = "comment"
    BOILERPLATE = "boilerplate"
    CAPTION = "caption"
    # Not article text: front matter, a date line or byline under the headline.
    METADATA = "metadata"
    # A paragraph that repeats an earlier one; `Section.repeat_of` points at it.
    REPEAT = "repeat"


#: Only these sections are ever coded for events.
CODED_SECTIONS = frozenset({SectionKind.HEADLINE, SectionKind.BODY})


class Factuality(StrEnum):
    ASSERTED = "asserted"
    REPORTED = "reported"
    FUTURE = "future"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"


#: Factualities that make an event mention count as an event.
COUNTED_FACTUALITIES = frozenset({Factuality.ASSERTED, Factuality.REPORTED})


@dataclass(slots=True, frozen=True)
class Span:
    """Half-open character range [start, end) into `Document.text`."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def text(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(slots=True)
class Found:
    """A metadata value and how it was found.

    `basis` names the source: "sidecar", "front_matter", "jsonl", "html",
    "text:headline", "text:date_line", "text:dateline", "text:byline",
    "text:copyright", "filename", "unknown". `precision` applies to dates:
    "minute", "day", "month-day" (year unknown), "month", "year".
    """

    value: str | None
    basis: str
    span: Span | None = None
    precision: str | None = None


@dataclass(slots=True)
class Metadata:
    title: Found | None = None
    published: Found | None = None  # value: ISO "2021-04-20T10:08", "2023-08-29", "--03-24", "2021-03"…
    outlet: Found | None = None
    url: Found | None = None
    language: Found | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Section:
    kind: SectionKind
    span: Span
    repeat_of: Span | None = None  # for REPEAT: the span of the first copy
    reason: str = ""  # why it was classified so ("reader comments block", "link list"…)


@dataclass(slots=True)
class Sentence:
    span: Span
    section: SectionKind


@dataclass(slots=True)
class Actor:
    """An entry of actor knowledge: a state, organisation, person or agent type."""

    actor_id: str  # "state:PRK", "person:diaz-canel-miguel", "org:wpk", "phoenix:…"
    name: str
    kind: str  # "state" | "igo" | "org" | "person" | "group"
    country: str | None  # ISO 3166-1 alpha-3, or None (IGOs, stateless groups)
    code: str | None  # CAMEO-style code when not role-dependent: "PRK", "IGOUNO", "CUBPTY"


#: The rule of a news medium named as the channel of a report ("told Reuters", "KCNA said"):
#: an actor, but no participant of any event.
REPORTER_RULE = "reporter"


@dataclass(slots=True)
class ActorMention:
    span: Span
    text: str
    actor_id: str | None  # None when unresolved
    code: str | None  # CAMEO-style code valid at the event date: "CUBGOV", "PRKMIL"
    country: str | None
    role: str | None  # the dated role or agent noun used: "president", "foreign minister"
    rule: str  # which resolution rule: "name", "variant", "apposition", "demonym+agent", "coref:surname"…
    antecedent: Span | None = None  # coreference: the span this mention refers back to
    members: tuple[str, ...] = ()  # group mentions ("the two countries"): member actor ids
    member_codes: tuple[str, ...] = ()  # and their codes, in the same order ("USA", "PRK")

    @property
    def resolved(self) -> bool:
        return self.actor_id is not None or bool(self.members)

    @property
    def is_reporter(self) -> bool:
        """A news medium carrying a report, not acting in it (see `REPORTER_RULE`)."""
        return self.rule == REPORTER_RULE


@dataclass(slots=True)
class Argument:
    """An event participant: the actor mention filling a source or target role."""

    text: str
    code: str | None
    country: str | None
    actor_id: str | None
    span: Span | None = None


@dataclass(slots=True)
class EventDate:
    value: str | None  # ISO cut to precision: "2021-04-19", "2021-04", "2021"
    precision: str | None  # "day" | "month" | "year"
    basis: str | None  # "explicit", "relative:Monday", "sentence", "paragraph", "publication"…
    span: Span | None = None  # the temporal expression, when one was used
    approximate: bool = False


@dataclass(slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    span: Span | None = None
    basis: str = ""  # "modifier", "venue", "sentence", "dateline"…


@dataclass(slots=True)
class EventMention:
    mention_id: str
    doc_id: str
    section: SectionKind
    source: Argument | None
    target: Argument | None
    cameo: str
    plover: str | None
    quad_class: int
    goldstein: float
    factuality: Factuality
    evidence: Span
    trigger: Span
    rule: str
    date: EventDate | None = None
    place: Place | None = None
    event_id: str | None = None

    @property
    def counts_as_event(self) -> bool:
        return self.section in CODED_SECTIONS and self.factuality in COUNTED_FACTUALITIES


@dataclass(slots=True)
class DocumentProblem:
    """Something wrong with an input, recorded rather than raised away."""

    code: str  # "empty", "binary", "invalid_utf8", "too_large", "unreadable", "bad_json"…
    message: str  # what a user can act on
    fatal: bool  # True: the document was skipped; False: coded, with a warning


@dataclass(slots=True)
class Document:
    doc_id: str
    text: str  # every offset in comity refers to this string
    content_hash: str
    origin: str  # where it came from: path, or "path:line" for JSONL
    input_format: str  # "txt" | "md" | "html" | "jsonl"
    raw: bytes | None = None  # the input as read, when it differs from text (HTML)
    meta: Metadata = field(default_factory=Metadata)
    problems: list[DocumentProblem] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # Sentences worth a full parse (prefilter stage); None: not prefiltered, parse every coded sentence.
    candidate_spans: list[Span] | None = None
    actor_mentions: list[ActorMention] = field(default_factory=list)
    event_mentions: list[EventMention] = field(default_factory=list)
    parsed: Any = None  # the spaCy Doc; transient, never stored
    stages_run: list[str] = field(default_factory=list)
    # Identity (comity.identity): what names this input wherever it is read from (its absolute path,
    # and line for JSONL), whether the input gave its doc_id itself, and the longer ids to fall back
    # on, in order, when `doc_id` is taken by another input.
    source_key: str | None = None
    id_given: bool = False
    id_fallbacks: tuple[str, ...] = ()

    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.span.start <= offset < section.span.end:
                return section
        return None

    def coded_sections(self) -> list[Section]:
        return [s for s in self.sections if s.kind in CODED_SECTIONS]


@dataclass(slots=True)
class RawInput:
    """One input document as read, before decoding and metadata extraction."""

    origin: str
    data: bytes
    input_format: str
    doc_id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # JSONL / sidecar metadata


@dataclass(slots=True)
class InputFailure:
    """An input that could not become a Document, with its reason."""

    origin: str
    doc_id: str | None
    problem: DocumentProblem
