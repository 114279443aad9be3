from __future__ import annotations

from pathlib import Path

import pytest

from comity.errors import InputError
from comity.model import SectionKind
from comity.petrarch_suite import (
    ExpectedEvent,
    ValidationRecord,
    parse_records,
    read_records,
    record_document,
    score_record,
    score_suite,
)

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


@pytest.mark.slow
@pytest.mark.parametrize(
    ("records", "actors", "agents", "floor"),
    [
        ("UD_PETR_Validate_records_2_02.xml", "UD_PETR_Validate_actors_2_02.txt", "UD_PETR_Validate_agents_2_02.txt", 27.0),
        ("PETR.UnitTest.records.xml", "PETR.Validate.actors.txt", "PETR.Validate.agents.txt", 2.0),
    ],
)
def test_full_suite(shared_dir: Path, records: str, actors: str, agents: str, floor: float) -> None:
    actor_stage = pytest.importorskip("comity.stages.actors", reason="the actors stage is not in this checkout")
    from comity.knowledge.actors import ActorKnowledge
    from comity.petrarch_suite import pipeline_coder
    from comity.stages.events import EventStage
    from comity.stages.parse import ParseStage

    directory = shared_dir / "data" / "petrarch"
    knowledge = ActorKnowledge.from_petrarch([directory / actors], [directory / agents])
    stages = [ParseStage(), actor_stage.ActorStage(knowledge), EventStage(reciprocal=True, collapse_same_dyad=False)]
    score = score_suite(read_records(directory / records), pipeline_coder(stages))
    assert score.percent_correct >= floor
