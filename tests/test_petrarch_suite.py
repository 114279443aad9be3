from __future__ import annotations

from pathlib import Path

import pytest

from comity.errors import InputError
from comity.model import SectionKind
from comity.petrarch_suite import (
    ExpectedEvent,
    Unreachable,
    ValidationRecord,
    ceiling,
    parse_records,
    parse_unreachable,
    read_records,
    read_unreachable,
    record_document,
    score_record,
    score_suite,
)

NOTES = Path(__file__).resolve().parents[1] / "bench" / "petrarch_notes.md"

# Our own records, in the suites' layout, with the nested comment that makes them invalid XML.
RECORDS = """<Validation><Sentences>
<!-- first <!-- nested --> comment -->
<Sentence category="DEMO" date="20010203" id="OWN-01" evaluate="true">
<EventCoding eventcode="042" sourcecode="ARN" targetcode="GON" />
<EventCoding eventcode="043" sourcecode="GON" targetcode="ARN" />
<Text>
Arnor visited
Gondor.
</Text>
<Parse>1 Arnor</Parse></Sentence>
<Sentence category="DEMO" date="20010204" id="OWN-02" evaluate="false">
<EventCoding eventcode="190" sourcecode="ARN" targetcode="GON" />
<Text>Skipped.</Text></Sentence>
<Sentence category="ERROR" date="20010205" id="OWN-03">
<EventCoding eventcode="010" sourcecode="ARN" targetcode="---" />
<EventCoding noevents="True" />
<Text>Nothing &amp; more.</Text></Sentence>
</Sentences></Validation>"""


def test_parse_records_reads_text_date_and_codings() -> None:
    records = parse_records(RECORDS)
    assert [r.record_id for r in records] == ["OWN-01", "OWN-02", "OWN-03"]
    first = records[0]
    assert first.text == "Arnor visited Gondor."
    assert first.date == "2001-02-03"
    assert first.expected == (ExpectedEvent("042", "ARN", "GON"), ExpectedEvent("043", "GON", "ARN"))
    assert records[1].evaluate is False
    assert records[2].expected == ()  # a null target is not an expected event
    assert records[2].text == "Nothing & more."


def test_record_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="without an id or <Text>"):
        parse_records('<Sentence id="X"><EventCoding eventcode="010"/></Sentence>')


def test_record_document_is_one_dated_body() -> None:
    doc = record_document(parse_records(RECORDS)[0])
    assert doc.doc_id == "OWN-01"
    assert [(s.kind, s.span.start, s.span.end) for s in doc.sections] == [(SectionKind.BODY, 0, len(doc.text))]
    assert doc.meta.published.value == "2001-02-03"


def test_scoring_counts_correct_and_extra() -> None:
    record = ValidationRecord("R", "DEMO", None, "t", (ExpectedEvent("042", "ARN", "GON"), ExpectedEvent("043", "GON", "ARN")))
    result = score_record(record, [ExpectedEvent("042", "ARN", "GON"), ExpectedEvent("040", "ARN", "GON")])
    assert result.correct == [ExpectedEvent("042", "ARN", "GON")]
    assert result.missed == [ExpectedEvent("043", "GON", "ARN")]
    assert result.extra == [ExpectedEvent("040", "ARN", "GON")]


def test_suite_score_skips_unevaluated_records() -> None:
    records = parse_records(RECORDS)
    answers = {"OWN-01": [ExpectedEvent("042", "ARN", "GON")], "OWN-03": [ExpectedEvent("010", "ARN", "GON")]}
    score = score_suite(records, lambda batch: [answers[r.record_id] for r in batch])
    assert (score.records, score.expected, score.correct, score.extra) == (2, 2, 1, 1)
    assert score.percent_correct == 50.0
    assert score.percent_extra == 50.0


def test_shared_suites_are_readable(shared_dir: Path) -> None:
    directory = shared_dir / "data" / "petrarch"
    ud = read_records(directory / "UD_PETR_Validate_records_2_02.xml")
    unit = read_records(directory / "PETR.UnitTest.records.xml")
    assert len(ud) > 250 and len(unit) > 250
    assert any(not r.evaluate for r in ud)
    assert ud[0].expected and ud[0].date


def test_discard_lists_drop_records_as_petrarch_does(tmp_path: Path) -> None:
    from comity.petrarch_suite import is_discarded, read_discards

    path = tmp_path / "x.discards.txt"
    path.write_text("# comment\n+GOLDEN_GOBLIN CUP   # a story discard\nFOOTBALL_\nYEARS LATER\n", encoding="utf-8")
    discards = read_discards(path)
    assert is_discarded("Arnor won the Golden Goblin Cup.", discards)
    assert is_discarded("Five years later Arnor returned.", discards)
    assert is_discarded("Arnor played football.", discards) and not is_discarded("Arnor's footballers won.", discards)
    assert not is_discarded("Arnor restored ties with Gondor.", discards)


def test_unreachable_rows_are_read_per_suite() -> None:
    notes = """| suite | record | code | source | target | category | why |
| --- | --- | --- | --- | --- | --- | --- |
| UD | OWN-01 | `043` | `GON` | `ARN` | semantics | hosting read as visiting |
| UD | OWN-09 | `-` | `-` | `-` | no-events | same sentence as OWN-01 |
| UNIT | OWN-01 | `042` | `ARN` | `GON` | semantics | another suite |
"""
    found = parse_unreachable(notes, "UD")
    assert found.codings == frozenset({("OWN-01", ExpectedEvent("043", "GON", "ARN"))})
    assert found.no_event_records == frozenset({"OWN-09"})


def test_ceiling_scores_only_reachable_codings() -> None:
    records = parse_records(RECORDS)
    answers = {"OWN-01": [ExpectedEvent("042", "ARN", "GON"), ExpectedEvent("040", "ARN", "GON")], "OWN-03": [ExpectedEvent("010", "ARN", "GON")]}
    score = score_suite(records, lambda batch: [answers[r.record_id] for r in batch])
    unreachable = Unreachable(frozenset({("OWN-01", ExpectedEvent("043", "GON", "ARN"))}), frozenset({"OWN-03"}))
    found = ceiling(score, unreachable, lambda code: code != "999")
    assert (found.unreachable, found.reachable, found.correct) == (1, 1, 1)
    assert found.percent_correct == 100.0
    assert found.extra == 0  # 040 stands in for the unreachable 043; OWN-03 expects no event


def test_notes_list_unreachable_codings_of_both_suites() -> None:
    assert len(read_unreachable(NOTES, "UD").codings) > 100
    assert len(read_unreachable(NOTES, "UNIT").codings) > 200


UD_FILES = ("UD_PETR_Validate_records_2_02.xml", "UD_PETR_Validate_actors_2_02.txt", "UD_PETR_Validate_agents_2_02.txt", "UD_PETR_Validate_discards_2_02.txt")
UNIT_FILES = ("PETR.UnitTest.records.xml", "PETR.Validate.actors.txt", "PETR.Validate.agents.txt", "PETR.Validate.discards.txt")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("files", "verbs", "key", "floor", "extra_max", "reachable_floor"),
    [
        # The suites' own dictionaries: actors, agents, discard lists and verb files (as `--verbs`):
        # UD 68.52% correct, 21.97% extra, beyond UD-PETRARCH's published 68.27% and 22.95%; unit
        # tests 46.63% and 29.23% (2.6% and 80.7% before issue 12). Over the reachable codings the
        # suite file's readings decide where comity's patterns say no more: 92.5% and 66.7%.
        # (Measured 8 December 2026: a weapons test now needs a weapon, two extra codings fewer.)
        (UD_FILES, "PETR.Validate.verbs.2.0.txt", "UD", 68.5, 22.0, 92.5),
        (UNIT_FILES, "PETR.Validate.verbs.txt", "UNIT", 46.6, 29.3, 66.6),
        # comity's patterns alone (8 December 2026: UD 49.84% / 33.33%, unit tests 2.64% / 85.21%). UD extra was 34.1 (29.6 before): an attack with its own doer that a
        # condemnation reacts to is coded too ("chided an attack by Osgiliath soldiers in south
        # Ithilen", 8 records), which the suite does not expect; the broad layer codes "is about to
        # improve full diplomatic ties" (050, future) in two; unit tests 85.9.
        (UD_FILES, None, "UD", 49.8, 33.4, 95.0),
        (UNIT_FILES, None, "UNIT", 2.6, 85.3, 75.0),
    ],
)
def test_full_suite(shared_dir: Path, files: tuple[str, str, str, str], verbs: str | None, key: str, floor: float, extra_max: float, reachable_floor: float) -> None:
    actor_stage = pytest.importorskip("comity.stages.actors", reason="the actors stage is not in this checkout")
    from comity.knowledge.actors import ActorKnowledge
    from comity.knowledge.cameo import Codebook
    from comity.petrarch_suite import pipeline_coder, read_discards, suite_patterns
    from comity.stages.events import EventStage
    from comity.stages.parse import ParseStage

    directory = shared_dir / "data" / "petrarch"
    records, actors, agents, discards = files
    knowledge = ActorKnowledge.from_petrarch([directory / actors], [directory / agents])
    patterns = suite_patterns(directory / verbs) if verbs else None
    stages = [ParseStage(), actor_stage.ActorStage(knowledge), EventStage(patterns=patterns, reciprocal=True, collapse_same_dyad=False)]
    score = score_suite(read_records(directory / records), pipeline_coder(stages, read_discards(directory / discards)))
    assert score.percent_correct >= floor
    assert score.percent_extra <= extra_max
    assert ceiling(score, read_unreachable(NOTES, key), Codebook.default().__contains__).percent_correct >= reachable_floor
