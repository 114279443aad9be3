"""Document identity: distinct inputs never share an id, in one run or across runs; a given id is never
overwritten by another text except on purpose (--replace), and then nothing of the old version dangles."""

import json
from pathlib import Path

import pytest

from comity import api
from comity.identity import IdAssigner
from comity.ingest import document_from_text
from comity.model import InputFailure
from comity.store import Store

CUBA = ("Cuba and North Korea sign trade deal\n\nHAVANA, March 3, 2021 - Cuban President Miguel Diaz-Canel met "
        "North Korean leader Kim Jong-un in Havana on Tuesday. The two leaders signed a trade agreement.\n")
PERU = ("Peru protests\n\nLIMA, June 8, 2021 - Peru's government condemned Chile on Monday over the border "
        "dispute. Chile rejected the criticism.\n")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def stored(db: Path) -> dict[str, str]:
    with Store(db, read_only=True) as store:
        return dict(store.con.execute("SELECT doc_id, text FROM documents").fetchall())


def assert_nothing_dangles(db: Path) -> None:
    """Every mention belongs to a stored document; every event's mentions exist and point back at it."""
    with Store(db, read_only=True) as store:
        con = store.con
        assert con.execute("SELECT count(*) FROM mentions ANTI JOIN documents USING (doc_id)").fetchone()[0] == 0
        for event in store.event_records():
            rows = con.execute("SELECT event_id FROM mentions WHERE mention_id IN (SELECT unnest(?))",
                               [event["mention_ids"]]).fetchall()
            assert [r[0] for r in rows] == [event["event_id"]] * len(event["mention_ids"])


def test_two_files_of_one_name_in_one_folder_are_both_kept(tmp_path):
    write(tmp_path / "in" / "a" / "report.txt", CUBA)
    write(tmp_path / "in" / "b" / "report.txt", PERU)
    summary = api.code([tmp_path / "in"], db=tmp_path / "s.duckdb")
    assert (summary.coded, summary.failed) == (2, [])
    assert stored(tmp_path / "s.duckdb") == {"report": CUBA, "in/b/report": PERU}
    assert [w[1] for w in summary.warnings] == ["doc_id_renamed"]
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert {m["doc_id"] for m in store.mention_records()} == {"report", "in/b/report"}
        mapping = {(i["origin"], i["doc_id"]) for i in store.inputs()}
    assert mapping == {(str(tmp_path / "in" / "a" / "report.txt"), "report"),
                       (str(tmp_path / "in" / "b" / "report.txt"), "in/b/report")}


def test_jsonl_files_of_one_name_coded_in_two_runs_keep_both_and_stay_put_on_rerun(tmp_path):
    db = tmp_path / "s.duckdb"
    first = write(tmp_path / "2019" / "articles.jsonl", jsonl({"text": CUBA}))
    second = write(tmp_path / "2020" / "articles.jsonl", jsonl({"text": PERU}))
    api.code([first.parent], db=db)
    summary = api.code([second.parent], db=db)
    assert summary.coded == 1
    assert stored(db) == {"articles-L1": CUBA, "2020/articles-L1": PERU}
    again = [api.code([folder], db=db) for folder in (second.parent, first.parent)]
    assert [(s.coded, s.unchanged) for s in again] == [(0, 1), (0, 1)]
    assert stored(db) == {"articles-L1": CUBA, "2020/articles-L1": PERU}


def test_an_edited_file_is_recoded_under_its_own_id(tmp_path):
    db = tmp_path / "s.duckdb"
    article = write(tmp_path / "in" / "report.txt", CUBA)
    api.code([article], db=db)
    write(article, PERU)
    summary = api.code([tmp_path / "in"], db=db)  # named another way, the same file
    assert summary.coded == 1
    assert stored(db) == {"report": PERU}
    assert_nothing_dangles(db)


def test_a_given_doc_id_with_another_text_in_a_later_run_fails_with_its_reason(tmp_path):
    db = tmp_path / "s.duckdb"
    api.code([write(tmp_path / "one.jsonl", jsonl({"doc_id": "x1", "text": CUBA}))], db=db)
    summary = api.code([write(tmp_path / "two.jsonl", jsonl({"doc_id": "x1", "text": PERU}))], db=db)
    assert summary.coded == 0
    [(origin, code, message)] = summary.failed
    assert code == "doc_id_taken"
    assert message.startswith("doc_id 'x1' already holds a different text")
    assert "give this input another id or use --replace" in message
    assert stored(db) == {"x1": CUBA}
    with Store(db, read_only=True) as store:
        assert [i["status"] for i in store.inputs(summary.run_id)] == ["failed"]


def test_the_same_text_under_the_same_given_id_stays_idempotent(tmp_path):
    db = tmp_path / "s.duckdb"
    api.code([write(tmp_path / "one.jsonl", jsonl({"doc_id": "x1", "text": CUBA}))], db=db)
    summary = api.code([write(tmp_path / "copy.jsonl", jsonl({"doc_id": "x1", "text": CUBA}))], db=db)
    assert (summary.coded, summary.unchanged, summary.failed) == (0, 1, [])


def test_replace_corrects_a_document_and_leaves_no_mention_or_event_of_the_old_version(tmp_path):
    db = tmp_path / "s.duckdb"
    api.code([write(tmp_path / "one.jsonl", jsonl({"doc_id": "x1", "text": CUBA}))], db=db)
    with Store(db, read_only=True) as store:
        old_events = {e["event_id"] for e in store.event_records()}
    assert old_events
    summary = api.code([write(tmp_path / "fix.jsonl", jsonl({"doc_id": "x1", "text": PERU}))], db=db, replace=True)
    assert (summary.coded, summary.failed) == (1, [])
    assert stored(db) == {"x1": PERU}
    with Store(db, read_only=True) as store:
        events = store.event_records()
        evidence = " ".join(m["evidence"]["text"] for m in store.mention_records())
    assert "Cuba" not in evidence and "Peru" in evidence
    assert not old_events & {e["event_id"] for e in events}
    assert all(e["doc_ids"] == ["x1"] for e in events)
    assert_nothing_dangles(db)


def test_the_assigner_falls_back_to_the_hashed_path_when_the_path_id_is_held_too():
    assigner = IdAssigner()
    docs = []
    for number, text in enumerate(("one", "two", "three")):
        doc = document_from_text(text, "report", origin=f"/x/{number}/report.txt")
        doc.source_key = f"/x/{number}/report.txt"
        doc.id_fallbacks = ("x/report", f"x/report~{number}")
        docs.append(assigner.assign(doc))
    assert [d.doc_id for d in docs] == ["report", "x/report", "x/report~2"]
    again = document_from_text("two, edited", "report", origin="/x/1/report.txt")
    again.source_key = "/x/1/report.txt"
    assert assigner.assign(again).doc_id == "x/report"


def test_a_derived_id_that_every_fallback_misses_fails_rather_than_overwrites():
    class Full:
        def holder(self, doc_id):
            return ("other", "/elsewhere", "/elsewhere.txt")

        def doc_id_of_source(self, source_key, origin):
            return None

    doc = document_from_text("text", "report", origin="/x/report.txt")
    doc.source_key, doc.id_fallbacks = "/x/report.txt", ("x/report",)
    result = IdAssigner(Full()).assign(doc)
    assert isinstance(result, InputFailure) and result.problem.code == "doc_id_taken"


@pytest.fixture
def legacy_store(tmp_path):
    """A store whose documents were saved before source keys were kept."""
    db = tmp_path / "s.duckdb"
    article = write(tmp_path / "in" / "report.txt", CUBA)
    api.code([article], db=db)
    with Store(db) as store:
        store.con.execute("UPDATE documents SET source_key = NULL")
    return db, article


def test_a_document_stored_without_source_key_is_found_again_by_its_origin(legacy_store):
    db, article = legacy_store
    summary = api.code([article], db=db)
    assert (summary.coded, summary.unchanged) == (0, 1)
    assert stored(db) == {"report": CUBA}
