import dataclasses

import pytest

from comity.errors import NotFoundError
from comity.model import (
    ActorMention, Document, DocumentProblem, Found, InputFailure, Metadata, Section, SectionKind, Span,
)
from comity.store import Store, config_hash

TEXT = "Envoys meet\n\nThe envoy of Chile met the Peruvian minister on Monday.\n\n2 comments\n"


def make_doc(text=TEXT, content_hash="h1"):
    return Document(
        doc_id="chile-peru", text=text, content_hash=content_hash, origin="x/chile-peru.txt", input_format="txt",
        meta=Metadata(title=Found("Envoys meet", "text:headline", Span(0, 11)),
                      published=Found("2024-05-07", "sidecar", precision="day")),
        problems=[DocumentProblem("invalid_utf8", "1 byte replaced", False)],
        sections=[Section(SectionKind.HEADLINE, Span(0, 11)), Section(SectionKind.BODY, Span(13, 67)),
                  Section(SectionKind.COMMENT, Span(69, 79), reason="reader comments")],
        actor_mentions=[ActorMention(Span(17, 22), "envoy", "state:CHL", "CHLGOV", "CHL", "envoy", "demonym+agent")],
    )


def mention_record(mid="m-1"):
    return {
        "mention_id": mid, "event_id": "e-" + mid, "doc_id": "chile-peru", "section": "body",
        "source": {"text": "envoy", "code": "CHLGOV", "country": "CHL", "actor_id": None},
        "target": {"text": "minister", "code": "PERGOV", "country": "PER", "actor_id": None},
        "cameo": "040", "plover": "CONSULT", "quad_class": 1, "goldstein": 1.0, "date": "2024-05-06",
        "date_precision": "day", "date_basis": "relative:Monday", "place": None, "factuality": "asserted",
        "evidence": {"start": 13, "end": 67, "text": TEXT[13:67]}, "rule": "verb:meet", "outlet": None,
    }


def test_document_round_trips_with_metadata_sections_and_problems(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        run = store.begin_run({"a": 1})
        store.save_document(make_doc(), run, "c1", [mention_record()])
        doc = store.document("chile-peru")
        assert doc.text == TEXT
        assert doc.meta.title.span == Span(0, 11) and doc.meta.published.precision == "day"
        assert [s.kind for s in doc.sections] == [SectionKind.HEADLINE, SectionKind.BODY, SectionKind.COMMENT]
        assert doc.sections[2].reason == "reader comments"
        assert doc.problems[0].code == "invalid_utf8"
        assert store.mention_records("chile-peru")[0]["date_basis"] == "relative:Monday"
        assert store.actor_mentions("chile-peru")[0]["code"] == "CHLGOV"


def test_recoding_is_idempotent_and_replaces_rows_not_duplicates(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        run = store.begin_run({})
        store.save_document(make_doc(), run, "c1", [mention_record()])
        assert store.is_unchanged(make_doc(), "c1")
        assert not store.is_unchanged(make_doc(content_hash="h2"), "c1")
        assert not store.is_unchanged(make_doc(), "c2")
        store.save_document(make_doc(content_hash="h2"), run, "c1", [mention_record("m-2")])
        counts = store.counts()
        assert (counts["documents"], counts["sections"], counts["mentions"]) == (1, 3, 1)
        assert store.mention_records()[0]["mention_id"] == "m-2"


def test_documents_saved_together_replace_their_rows_and_are_recorded_as_coded_inputs(tmp_path):
    other = dataclasses.replace(make_doc(), doc_id="peru-chile", origin="x/peru-chile.txt")
    with Store(tmp_path / "s.duckdb") as store:
        run = store.begin_run({})
        store.save_document(make_doc(), run, "c1", [mention_record("m-old")])
        recoded = make_doc(content_hash="h2")
        store.save_documents([(recoded, [mention_record("m-1")]), (other, []), (recoded, [mention_record("m-2")])], run, "c1")
        counts = store.counts()
        assert (counts["documents"], counts["sections"]) == (2, 6)
        assert [m["mention_id"] for m in store.mention_records()] == ["m-2"]  # a doc_id given twice: its last coding
        inputs = store.inputs(run)
        assert [(i["origin"], i["status"]) for i in inputs].count(("x/chile-peru.txt", "coded")) == 3
        assert {i["problem_code"] for i in inputs if i["doc_id"] == "chile-peru"} == {"invalid_utf8"}


def test_failures_and_events_are_recorded(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        run = store.begin_run({})
        store.record_failure(run, InputFailure("x/empty.txt", "empty", DocumentProblem("empty", "file is empty", True)))
        store.save_document(make_doc(), run, "c1", [mention_record()])
        store.replace_events({"m-1": "e-joined"}, [{"event_id": "e-joined", "mention_ids": ["m-1"]}])
        assert store.inputs(run)[0]["problem_code"] == "empty"
        assert store.mention_records()[0]["event_id"] == "e-joined"
        assert store.event_records() == [{"event_id": "e-joined", "mention_ids": ["m-1"]}]
        store.finish_run(run, {"coded": 1})
        assert store.runs()[0]["finished_at"] is not None


def test_missing_document_and_missing_store_give_actionable_errors(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(NotFoundError, match="comity docs"):
            store.document("nope")
    with pytest.raises(NotFoundError, match="comity code"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_config_hash_is_order_independent():
    assert config_hash({"a": 1, "b": 2}) == config_hash({"b": 2, "a": 1}) != config_hash({"a": 2, "b": 2})


def test_saving_a_handful_of_documents_does_not_import_pandas(tmp_path) -> None:
    """Building an Arrow table imports pandas (0.8 s): a small save names its rows instead."""
    import subprocess
    import sys

    (tmp_path / "one.txt").write_text("Pact signed\n\nHAVANA, March 3 - Cuba and Vietnam signed a trade pact on Monday.\n")
    script = (
        "import sys\n"
        "from comity import api\n"
        f"summary = api.code([{str(tmp_path / 'one.txt')!r}], db={str(tmp_path / 'one.duckdb')!r})\n"
        "print('pandas' in sys.modules, summary.coded)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False 1"
