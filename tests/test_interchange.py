import json

import jsonschema

from comity.interchange import mention_to_dict
from comity.link import link
from comity.model import (
    Argument, Document, EventDate, EventMention, Factuality, Found, Metadata, Place, SectionKind, Span,
)

TEXT = "Envoys meet\n\nThe envoy of Chile met the Peruvian minister in Lima on Monday."


def make_mention(date=EventDate("2024-05-06", "day", "relative:Monday", Span(66, 75))):
    return EventMention(
        mention_id="m-abc", doc_id="d1", section=SectionKind.BODY,
        source=Argument("The envoy of Chile", "CHLGOV", "CHL", "state:CHL", Span(13, 31)),
        target=Argument("the Peruvian minister", "PERGOV", "PER", None, Span(36, 57)),
        cameo="040", plover="CONSULT", quad_class=1, goldstein=1.0, factuality=Factuality.ASSERTED,
        evidence=Span(13, 76), trigger=Span(32, 35), rule="verb:meet", date=date,
        place=Place("Lima", "PER", -12.04, -77.03, Span(61, 65), "modifier"),
    )


def make_doc():
    return Document(doc_id="d1", text=TEXT, content_hash="h", origin="t", input_format="txt",
                    meta=Metadata(outlet=Found("Harbour Wire", "sidecar")))


def test_mention_dict_follows_the_shared_schema_and_keeps_evidence_offsets(shared_dir):
    schema = json.loads((shared_dir / "docs" / "mention.schema.json").read_text())
    record = mention_to_dict(make_mention(), make_doc())
    jsonschema.validate(record, schema)
    assert TEXT[record["evidence"]["start"] : record["evidence"]["end"]] == record["evidence"]["text"]
    assert record["trigger"]["text"] == "met"
    assert (record["date"], record["date_precision"], record["date_basis"]) == ("2024-05-06", "day", "relative:Monday")
    assert record["outlet"] == "Harbour Wire"


def test_undated_mention_has_null_date_and_precision(shared_dir):
    schema = json.loads((shared_dir / "docs" / "mention.schema.json").read_text())
    record = mention_to_dict(make_mention(date=EventDate(None, None, "publication:year-unknown")), make_doc())
    jsonschema.validate(record, schema)
    assert record["date"] is None and record["date_precision"] is None
    assert record["date_basis"] == "publication:year-unknown"


def test_linked_events_have_the_contract_fields():
    mentions = [mention_to_dict(make_mention(date=EventDate("2024-05", "month", "explicit")), make_doc())]
    assignments, (event, *_) = link(mentions)
    contract = {"event_id", "cameo", "plover", "quad_class", "goldstein", "source", "target", "date",
                "date_precision", "place", "mention_ids", "num_mentions", "num_articles", "num_sources"}
    assert contract <= set(event)
    assert event["date"] == "2024-05" and event["mention_ids"] == ["m-abc"]
    assert assignments == {"m-abc": event["event_id"]}
