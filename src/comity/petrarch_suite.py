"""The PETRARCH validation suites: read their records, code each sentence, score as they do.

A records file (`UD_PETR_Validate_records_2_02.xml`, `PETR.UnitTest.records.xml`)
holds `<Sentence>` records with the sentence text, its date, an id and the
expected `<EventCoding eventcode=… sourcecode=… targetcode=…/>` (or
`noevents="True"`). The files are not well-formed XML (comments nest), so they
are read record by record with patterns rather than by an XML parser.

Scoring follows the suites' own validation: an expected event is coded
correctly when a coded event has the same event code, source code and target
code; every other coded event is extra. Figures: % of expected events coded
correctly, and extra events per evaluated record (as %). Records marked
`evaluate="false"` are skipped, and so are expected codings without a source or
a target (the suites do not code one-sided events). PETRARCH has no factuality,
so every mention counts except negated ones.

Many expected codings of these suites cannot be given by a coder faithful to
the CAMEO codebook (codes the codebook lacks, negated acts coded as events,
verbs given codes of another meaning). `read_unreachable` reads such codings
from a notes file's table rows (`| suite | record | code | source | target |
category | why |`, code `-` for a record that expects no event on a sentence
coded elsewhere) and `ceiling` scores the rest.

`read_discards` reads a suite's discard list (`*.discards.txt`): PETRARCH codes no event in
a sentence holding one of its phrases, and `pipeline_coder` does the same.

`suite_patterns` reads a suite's verb file (`PETR.Validate.verbs.txt` for the unit tests,
`PETR.Validate.verbs.2.0.txt` for the UD suite, whose own verb file is not public) as user
patterns in front of comity's, as `comity code --verbs` does.

`score_seeds` codes the seeds that have gold (`gold/seeds-dev.jsonl`) with given
stages and scores them with `comity.eval`; the bench and the events tests share it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from comity.errors import InputError
from comity.eval import EvalReport, evaluate, load_gold
from comity.interchange import mention_to_dict
from comity.model import Document, EventMention, Factuality, Found, Section, SectionKind, Span

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_RECORD = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


@dataclass(frozen=True, slots=True)
class ExpectedEvent:
    code: str
    source: str
    target: str


@dataclass(frozen=True, slots=True)
class ValidationRecord:
    record_id: str
    category: str
    date: str | None  # ISO "1995-01-01"
    text: str
    expected: tuple[ExpectedEvent, ...]
    evaluate: bool = True


@dataclass(slots=True)
class RecordResult:
    record_id: str
    expected: list[ExpectedEvent]
    coded: list[ExpectedEvent]
    correct: list[ExpectedEvent]
    missed: list[ExpectedEvent]
    extra: list[ExpectedEvent]


@dataclass(slots=True)
class SuiteScore:
    records: int = 0
    expected: int = 0
    correct: int = 0
    extra: int = 0
    results: list[RecordResult] = field(default_factory=list)

    @property
    def percent_correct(self) -> float:
        return _percent(self.correct, self.expected)

    @property
    def percent_extra(self) -> float:
        return _percent(self.extra, self.records)


@dataclass(frozen=True, slots=True)
class Unreachable:
    """Expected codings a codebook-faithful coder cannot give, by record, and the records that
    expect no event on a sentence the suite codes elsewhere."""

    codings: frozenset[tuple[str, ExpectedEvent]] = frozenset()
    no_event_records: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Ceiling:
    """A suite's figures over the codings a codebook-faithful coder can reach."""

    unreachable: int
    reachable: int
    correct: int
    extra: int
    records: int

    @property
    def percent_correct(self) -> float:
        return _percent(self.correct, self.reachable)

    @property
    def percent_extra(self) -> float:
        return _percent(self.extra, self.records)


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def _attributes(text: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(text)}


def _iso_date(value: str | None) -> str | None:
    match = _DATE.match(value or "")
    return None if match is None else "-".join(match.groups())


def _expected(body: str) -> tuple[ExpectedEvent, ...]:
    events = []
    for attributes in (_attributes(raw) for raw in _CODING.findall(body)):
        code, source, target = (attributes.get(k) for k in ("eventcode", "sourcecode", "targetcode"))
        if code and source and target and source != "---" and target != "---":
            events.append(ExpectedEvent(code, source, target))
    return tuple(events)


def parse_records(content: str, origin: str = "<records>") -> list[ValidationRecord]:
    records = []
    for attributes_text, body in _RECORD.findall(_COMMENT.sub("", content)):
        attributes = _attributes(attributes_text)
        text_match = _TEXT.search(body)
        if "id" not in attributes or text_match is None:
            raise InputError(f"{origin}: a <Sentence> record without an id or <Text>: {attributes_text.strip()[:80]!r}")
        records.append(
            ValidationRecord(
                record_id=attributes["id"],
                category=attributes.get("category", ""),
                date=_iso_date(attributes.get("date")),
                text=" ".join(html.unescape(text_match.group(1)).split()),
                expected=_expected(body),
                evaluate=attributes.get("evaluate", "true").lower() != "false",
            )
        )
    return records


def read_records(path: Path) -> list[ValidationRecord]:
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read PETRARCH records {path}: {exc}") from exc
    return parse_records(content, str(path))


def record_document(record: ValidationRecord) -> Document:
    """A one-sentence Document (all body) dated with the record's date."""
    doc = Document(doc_id=record.record_id, text=record.text, content_hash=record.record_id, origin=record.record_id, input_format="txt")
    doc.sections = [Section(SectionKind.BODY, Span(0, len(record.text)), reason="PETRARCH validation record")]
    if record.date:
        doc.meta.published = Found(record.date, "petrarch_record", precision="day")
    return doc


def coded_events(mentions: Iterable[EventMention]) -> list[ExpectedEvent]:
    """Mentions as (code, source code, target code), once each; negated ones are not events."""
    coded: list[ExpectedEvent] = []
    for mention in mentions:
        if mention.factuality is Factuality.NEGATED or mention.source is None or mention.target is None:
            continue
        event = ExpectedEvent(mention.cameo, mention.source.code or "", mention.target.code or "")
        if event not in coded:
            coded.append(event)
    return coded


def score_record(record: ValidationRecord, coded: Sequence[ExpectedEvent]) -> RecordResult:
    expected = list(dict.fromkeys(record.expected))
    correct = [event for event in expected if event in coded]
    return RecordResult(
        record_id=record.record_id,
        expected=expected,
        coded=list(coded),
        correct=correct,
        missed=[event for event in expected if event not in coded],
        extra=[event for event in coded if event not in expected],
    )


def score_suite(records: Iterable[ValidationRecord], code: Callable[[Sequence[ValidationRecord]], list[list[ExpectedEvent]]]) -> SuiteScore:
    """Score every evaluated record; `code` codes a batch of records, one list of events each."""
    evaluated = [record for record in records if record.evaluate]
    score = SuiteScore()
    for record, coded in zip(evaluated, code(evaluated), strict=True):
        result = score_record(record, coded)
        score.records += 1
        score.expected += len(result.expected)
        score.correct += len(result.correct)
        score.extra += len(result.extra)
        score.results.append(result)
    return score


def suite_patterns(verbs: Path):  # -> comity.knowledge.event_patterns.PatternSet
    """A suite's verb file read as `--verbs` reads a dictionary, in front of comity's patterns;
    its bad lines are skipped and listed in `.problems` with its dropped codes."""
    from comity.knowledge.event_patterns import PatternSet
    from comity.knowledge.verb_dictionary import read_user_patterns

    return PatternSet.layered(read_user_patterns([verbs], strict=False), PatternSet.default())


def pipeline_coder(stages: Sequence, discards: Sequence[re.Pattern[str]] = ()) -> Callable[[Sequence[ValidationRecord]], list[list[ExpectedEvent]]]:
    """A `code` function for `score_suite` running the given stages (parse, actors, events) in
    order; a record whose text holds a phrase of the suite's discard list codes nothing, as
    PETRARCH codes it."""

    def code(records: Sequence[ValidationRecord]) -> list[list[ExpectedEvent]]:
        documents: Iterable[Document] = (record_document(record) for record in records)
        for stage in stages:
            batch = getattr(stage, "pipe", None)
            documents = batch(documents) if batch is not None else map(stage, documents)
        return [[] if is_discarded(doc.text, discards) else coded_events(doc.event_mentions) for doc in documents]

    return code


def read_discards(path: Path) -> list[re.Pattern[str]]:
    """A PETRARCH discard list: one phrase a line ("+" before it: the whole story; "_" after
    it: a whole word, else a stem), matched in any case; "#" starts a comment. A validation
    record is one sentence, so story and sentence discards alike drop the record."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read the discard list {path}: {exc}") from exc
    found = []
    for line in lines:
        phrase = line.split("#", 1)[0].strip().lstrip("+").strip()
        if phrase:
            end = r"(?![\w])" if phrase.endswith("_") else ""
            words = r"\s+".join(re.escape(word) for word in phrase.rstrip("_").replace("_", " ").split())
            found.append(re.compile(r"(?<![\w])" + words + end, re.IGNORECASE))
    return found


def is_discarded(text: str, discards: Sequence[re.Pattern[str]]) -> bool:
    return any(pattern.search(text) for pattern in discards)


def parse_unreachable(content: str, suite_key: str) -> Unreachable:
    """The table rows of a notes file for one suite ("UD", "UNIT"): `| suite | record | code | source | target | ... |`."""
    codings: set[tuple[str, ExpectedEvent]] = set()
    no_events: set[str] = set()
    for line in content.splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) < 5 or cells[0] != suite_key:
            continue
        record, code, source, target = cells[1:5]
        if code == "-":
            no_events.add(record)
        else:
            codings.add((record, ExpectedEvent(code, source, target)))
    return Unreachable(frozenset(codings), frozenset(no_events))


def read_unreachable(path: Path, suite_key: str) -> Unreachable:
    try:
        return parse_unreachable(path.read_text(encoding="utf-8"), suite_key)
    except OSError as exc:
        raise InputError(f"cannot read the unreachable codings {path}: {exc}") from exc


def ceiling(score: SuiteScore, unreachable: Unreachable, known_code: Callable[[str], bool]) -> Ceiling:
    """Figures over the reachable codings: an expected coding is unreachable when its code is not
    known (`known_code`, e.g. membership in the codebook) or it is listed; an extra event that stands
    in for an unreachable coding of its record is not counted, nor any of a no-event record."""
    unreachable_count = reachable = correct = extra = 0
    for result in score.results:
        lost = [e for e in result.expected if not known_code(e.code) or (result.record_id, e) in unreachable.codings]
        unreachable_count += len(lost)
        reachable += len(result.expected) - len(lost)
        correct += len([e for e in result.correct if e not in lost])
        if result.record_id not in unreachable.no_event_records:
            extra += max(0, len(result.extra) - len(lost))
    return Ceiling(unreachable_count, reachable, correct, extra, score.records)


#: Seeds with gold: file stem -> (publication date, the text that ends the article).
SEEDS_WITH_GOLD = {
    "003_c976adb472345a02": ("2021-04-20", "(Yonhap)"),
    "004_490d0d65b9a5abeb": ("2021-03-24", "-0-"),
}


def seed_document(path: Path, published: str, article_end: str) -> Document:
    """Headline: the first line; body: the rest up to the article's end (003's repeated
    paragraphs and 004's link list left out, as the segment stage would)."""
    text = path.read_text(encoding="utf-8")
    headline_end = text.index("\n")
    body_end = text.index(article_end) + len(article_end)
    doc = Document(doc_id=path.stem, text=text, content_hash=path.stem, origin=str(path), input_format="txt")
    doc.sections = [
        Section(SectionKind.HEADLINE, Span(0, headline_end)),
        Section(SectionKind.BODY, Span(headline_end + 1, body_end)),
    ]
    doc.meta.published = Found(published, "seed", precision="day")
    return doc


def score_seeds(shared: Path, stages: Sequence) -> tuple[EvalReport, list[dict]]:
    """Code the seeds with gold (`shared`/samples/seeds) through `stages` in order and score the
    mentions against `shared`/gold/seeds-dev.jsonl; returns the report and the mentions."""
    mentions: list[dict] = []
    for stem, (published, article_end) in SEEDS_WITH_GOLD.items():
        doc = seed_document(shared / "samples" / "seeds" / f"{stem}.txt", published, article_end)
        for stage in stages:
            doc = stage(doc)
        mentions += [mention_to_dict(mention, doc) for mention in doc.event_mentions]
    return evaluate(load_gold(shared / "gold" / "seeds-dev.jsonl"), mentions), mentions
