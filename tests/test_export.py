"""Exports: every format round-trips or parses, and the GDELT layout has GDELT's columns, order and rules."""

from __future__ import annotations

import hashlib
import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from comity import api, export
from comity.cli import app
from comity.model import Document, Found, Metadata
from comity.store import Store

DOCS_DIR = Path(__file__).resolve().parents[1] / "docs"
PYONGYANG = {"name": "Pyongyang", "country": "PRK", "lat": 39.03, "lon": 125.75, "basis": "modifier"}
NORTH_KOREA = {"name": "North Korea", "country": "PRK", "lat": 39.5, "lon": 126.5, "basis": "modifier"}

# GDELT 2.0 event columns as the GDELT 2.0 codebook lists them, written out here to check export's own list.
GDELT_ORDER = """GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code
Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources
NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code
Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code
Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code
ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL""".split()


def _mention(doc_id, mention_id, source, target, cameo, quad, goldstein, date, section="body", place=None,
             start=0):
    def side(code):
        return {"text": f"the {code} side", "code": code, "country": code[:3] if code[:3] != "IGO" else None,
                "actor_id": None} if code else None

    return {
        "mention_id": mention_id, "event_id": f"e-{mention_id}", "doc_id": doc_id, "section": section,
        "source": side(source), "target": side(target), "cameo": cameo, "plover": None, "quad_class": quad,
        "goldstein": goldstein, "date": date,
        "date_precision": {10: "day", 7: "month", 4: "year"}.get(len(date or "")), "date_basis": "explicit",
        "date_approximate": False, "place": place, "factuality": "asserted",
        "evidence": {"start": start, "end": start + 9, "text": "A sentence."},
        "trigger": {"start": start + 2, "end": start + 5, "text": "sen"}, "rule": "test", "outlet": None,
    }


def _save(store, run_id, doc_id, outlet, url, mentions):
    text = f"The article {doc_id} from {outlet}, long enough for every offset used here." * 2
    meta = Metadata(outlet=Found(outlet, "sidecar"), url=Found(url, "sidecar") if url else None,
                    published=Found("2021-03-06T09:30", "sidecar"))
    doc = Document(doc_id, text, hashlib.sha256(text.encode()).hexdigest(), f"{doc_id}.txt", "txt", meta=meta)
    for mention in mentions:
        mention["outlet"] = outlet
    store.save_document(doc, run_id, "cfg", mentions)


@pytest.fixture()
def db(tmp_path) -> Path:
    path = tmp_path / "export.duckdb"
    with Store(path) as store:
        run_id = store.begin_run({})
        _save(store, run_id, "yonhap", "Yonhap", "https://example.org/a", [
            _mention("yonhap", "m-1", "CUBGOV", "PRKGOV", "042", 1, 1.9, "2018-11", section="headline",
                     place=NORTH_KOREA),
            _mention("yonhap", "m-2", "PRKMIL", "IGOUNO", "0254", 1, 3.0, "2019", start=40),
            _mention("yonhap", "m-3", "USAGOV", "CUB", "163", 4, -8.0, None, start=80),
        ])
        _save(store, run_id, "kcna", "KCNA", None, [
            _mention("kcna", "m-4", "PRKGOV", "CUBGOV", "043", 1, 2.8, "2018-11-04", place=PYONGYANG),
            _mention("kcna", "m-5", "PRKGOV", "CUBGOV", "043", 1, 2.8, "2018-11-04", section="comment"),
        ])
        api.relink(store)
    return path


def _export(db: Path, fmt: str, what: str = "events") -> bytes:
    buffer = io.BytesIO()
    api.export(buffer, format=fmt, what=what, db=db)
    return buffer.getvalue()


def test_jsonl_is_the_interchange_records_line_for_line(db):
    with Store(db, read_only=True) as store:
        events, mentions = store.event_records(), store.mention_records()
    assert [json.loads(line) for line in _export(db, "jsonl").decode().splitlines()] == events
    assert [json.loads(line) for line in _export(db, "jsonl", "mentions").decode().splitlines()] == mentions
    assert len(events) == 3  # the visit (two articles), the IGO appeal, the undated sanctions


def test_csv_is_flat_with_a_header_and_reads_back(db, tmp_path):
    api.export(tmp_path / "events.csv", format="csv", db=db)
    frame = pd.read_csv(tmp_path / "events.csv", dtype={"cameo": str, "cameo_base": str, "cameo_root": str})
    assert list(frame.columns) == export.EVENT_COLUMNS
    visit = frame[frame["num_articles"] == 2].iloc[0]
    assert visit["date"] == "2018-11-04" and visit["cameo_root"] == "04"
    assert visit["mention_ids"].split(";") == ["m-1", "m-4"]
    assert visit["first_seen"] == "2021-03-06"
    mentions = pd.read_csv(io.BytesIO(_export(db, "csv", "mentions")))
    assert list(mentions.columns) == export.MENTION_COLUMNS and len(mentions) == 5


def test_parquet_keeps_lists_and_types(db, tmp_path):
    written = api.export(tmp_path / "events.parquet", format="parquet", db=db)
    frame = pd.read_parquet(tmp_path / "events.parquet")
    assert list(frame.columns) == export.EVENT_COLUMNS and len(frame) == len(written) == 3
    visit = frame[frame["num_articles"] == 2].iloc[0]
    assert list(visit["mention_ids"]) == ["m-1", "m-4"] and visit["goldstein"] == pytest.approx(2.8)


def test_gdelt_events_have_61_tab_separated_columns_in_gdelt_order(db):
    assert export.GDELT_EVENT_COLUMNS == GDELT_ORDER and len(GDELT_ORDER) == 61
    lines = _export(db, "gdelt").decode().splitlines()
    assert len(lines) == 3 and all(len(line.split("\t")) == 61 for line in lines)
    frame = pd.read_csv(io.StringIO("\n".join(lines)), sep="\t", header=None, names=GDELT_ORDER, dtype=str,
                        keep_default_na=False)
    rows = {r.EventCode: r for r in frame.itertuples()}

    visit = rows["043"]  # both articles' most reported code speaks for the event
    assert (visit.SQLDATE, visit.MonthYear, visit.Year) == ("20181104", "201811", "2018")
    assert visit.FractionDate == f"{2018 + 308 / 365:.4f}"
    assert (visit.EventBaseCode, visit.EventRootCode, visit.QuadClass, visit.GoldsteinScale) == ("043", "04", "1", "2.8")
    assert (visit.NumMentions, visit.NumSources, visit.NumArticles) == ("2", "2", "2")
    assert (visit.Actor1Code, visit.Actor1CountryCode, visit.Actor1Type1Code) == ("PRKGOV", "PRK", "GOV")
    assert (visit.Actor2CountryCode, visit.IsRootEvent) == ("CUB", "1")  # reported in a headline
    assert (visit.ActionGeo_Type, visit.ActionGeo_CountryCode, visit.ActionGeo_FullName) == (
        "4", "KN", "Pyongyang, North Korea")
    assert visit.SOURCEURL == "kcna" and visit.DATEADDED.isdigit() and len(visit.DATEADDED) == 14

    appeal = rows["0254"]  # a year-only date is dated 1 January; an IGO is a known group
    assert (appeal.SQLDATE, appeal.EventBaseCode, appeal.EventRootCode) == ("20190101", "025", "02")
    assert (appeal.Actor2Code, appeal.Actor2CountryCode, appeal.Actor2KnownGroupCode) == ("IGOUNO", "", "UNO")
    assert appeal.Actor2Type1Code == "IGO"
    assert appeal.SOURCEURL == "https://example.org/a"

    sanctions = rows["163"]  # undated: the day it was first reported
    assert (sanctions.SQLDATE, sanctions.ActionGeo_Type, sanctions.IsRootEvent) == ("20210306", "0", "0")


def test_gdelt_ids_join_events_and_mentions(db):
    events = pd.read_csv(io.BytesIO(_export(db, "gdelt")), sep="\t", header=None, names=GDELT_ORDER)
    mentions = pd.read_csv(io.BytesIO(_export(db, "gdelt", "mentions")), sep="\t", header=None,
                           names=export.GDELT_MENTION_COLUMNS)
    assert len(export.GDELT_MENTION_COLUMNS) == 16
    assert len(mentions) == 4  # the comment is not an event mention
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    kcna = mentions[mentions["MentionSourceName"] == "KCNA"].iloc[0]
    assert str(kcna["MentionTimeDate"]) == "20210306093000" and str(kcna["EventTimeDate"]) == "20181104000000"
    assert kcna["ActionCharOffset"] == 2


def test_helpers_follow_the_documented_rules():
    assert export.sql_date("2018-11") == "20181101" and export.sql_date(None, "2021-03-06") == "20210306"
    assert export.sql_date(None) == ""
    assert export.global_event_id("e-00000000000000ff") == 0xF
    columns = export.actor_columns("Actor1", {"code": "CUBGOVMIL", "country": "CUB", "text": "x"})
    assert (columns["Actor1Type1Code"], columns["Actor1Type2Code"]) == ("GOV", "MIL")


def test_every_gdelt_column_is_explained_in_docs_gdelt():
    text = (DOCS_DIR / "gdelt.md").read_text(encoding="utf-8")
    missing = [c for c in GDELT_ORDER + export.GDELT_MENTION_COLUMNS if c not in text]
    assert not missing, f"docs/gdelt.md says nothing of {missing}"


def test_the_cli_exports_to_standard_output_and_refuses_what_it_cannot_do(db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--format", "gdelt", "--db", str(db)])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 3
    assert runner.invoke(app, ["export", "--format", "parquet", "--db", str(db)]).exit_code == 2
    wrong = runner.invoke(app, ["export", "--format", "xml", "--db", str(db)])
    assert wrong.exit_code == 2 and "unknown format" in wrong.stderr
    out = tmp_path / "m.parquet"
    written = runner.invoke(app, ["export", "--format", "parquet", "--what", "mentions", "--out", str(out),
                                  "--db", str(db)])
    assert written.exit_code == 0 and len(pd.read_parquet(out)) == 5


HOSTILE_OUTLET = "Evil\tOutlet\nNews"
HOSTILE_URL = 'https://example.org/a\tb\nc"d'


@pytest.fixture()
def hostile_db(tmp_path) -> Path:
    """A store whose text fields try to break readers: formulas, tabs, line breaks, quotes."""
    path = tmp_path / "hostile.duckdb"
    visit = _mention("h", "m-1", "CUBGOV", "PRKGOV", "042", 1, 1.9, "2018-11-02")
    visit.update(plover="CONSULT", outlet=HOSTILE_OUTLET)
    visit["evidence"]["text"] = '=HYPERLINK("http://evil.example","click")'
    visit["source"]["text"] = "@SUM(1+1)"
    attack = _mention("h", "m-2", "USAGOV", "CUB", "190", 4, -10.0, "2019", start=40)
    attack.update(plover="ASSAULT")
    attack["evidence"]["text"] = "-2+3 troops crossed"
    future = _mention("h", "m-3", "CUBGOV", "USAGOV", "036", 1, 4.0, "2020", start=80)
    future.update(plover="AGREE", factuality="future")
    with Store(path) as store:
        run_id = store.begin_run({})
        _save(store, run_id, "h", HOSTILE_OUTLET, HOSTILE_URL, [visit, attack, future])
        api.relink(store)
    return path


def test_csv_cells_that_open_like_formulas_are_neutralised_and_read_back_whole(hostile_db, tmp_path):
    text = _export(hostile_db, "csv", "mentions").decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    by_id = {r["mention_id"]: r for r in rows}
    assert by_id["m-1"]["evidence"] == "'" + '=HYPERLINK("http://evil.example","click")'
    assert by_id["m-1"]["source_text"] == "'@SUM(1+1)"
    assert by_id["m-2"]["evidence"] == "'-2+3 troops crossed"
    assert by_id["m-2"]["goldstein"] == "-10.0"  # a number stays a number
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for key, cell in row.items()
                   if key != "goldstein")
    (tmp_path / "m.csv").write_text(text)
    frame = api.read_export(tmp_path / "m.csv", format="csv")
    assert frame.set_index("mention_id").loc["m-1", "evidence"] == '=HYPERLINK("http://evil.example","click")'


def test_cameo_codes_keep_their_leading_zeros_in_every_reader(db, tmp_path):
    for fmt, suffix in (("csv", "csv"), ("jsonl", "jsonl"), ("parquet", "parquet")):
        api.export(tmp_path / f"e.{suffix}", format=fmt, db=db)
        frame = api.read_export(tmp_path / f"e.{suffix}", format=fmt)
        assert sorted(frame["cameo"]) == ["0254", "043", "163"], fmt
    assert set(api.read_export(tmp_path / "e.csv")["cameo_root"]) == {"02", "04", "16"}
    assert sorted(pd.read_csv(tmp_path / "e.csv")["cameo"]) == [43, 163, 254]  # what an untyped reader does
    documented = pd.read_csv(tmp_path / "e.csv", dtype={"cameo": str, "cameo_base": str, "cameo_root": str})
    assert "043" in set(documented["cameo"])
    assert "043" in set(pd.read_json(tmp_path / "e.jsonl", lines=True, dtype={"cameo": str})["cameo"])
    api.export(tmp_path / "e.tsv", format="gdelt", db=db)
    gdelt = api.read_export(tmp_path / "e.tsv", format="gdelt")
    assert "043" in set(gdelt["EventCode"]) and "04" in set(gdelt["EventRootCode"])


def test_api_events_and_documents_are_typed_dataframes(db):
    events, documents = api.events(db=db), api.documents(db=db)
    assert isinstance(events, pd.DataFrame) and isinstance(documents, pd.DataFrame)
    assert "043" in set(events["cameo"]) and list(events.columns) == export.EVENT_COLUMNS
    assert sorted(documents["doc_id"]) == ["kcna", "yonhap"]
    assert dict(zip(documents["doc_id"], documents["mentions"])) == {"kcna": 2, "yonhap": 3}


def test_gdelt_tsv_is_never_quoted_and_every_line_has_61_fields_with_a_hostile_outlet_and_url(hostile_db):
    for what, width in (("events", 61), ("mentions", 16)):
        text = _export(hostile_db, "gdelt", what).decode()
        lines = text.split("\n")[:-1]
        assert lines and all(len(line.split("\t")) == width for line in lines), what
        rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
        assert all(len(row) == width for row in rows)
    events = _export(hostile_db, "gdelt").decode().split("\n")[:-1]
    assert len(events) == 2  # the future intent is no event
    source_urls = {line.split("\t")[60] for line in events}
    assert source_urls == {'https://example.org/a b c"d'}
    mentions = _export(hostile_db, "gdelt", "mentions").decode()
    assert "Evil Outlet News" in mentions


def test_a_mention_whose_event_id_names_no_event_says_so(hostile_db, db):
    for store_path in (hostile_db, db):
        with Store(store_path, read_only=True) as store:
            events = {e["event_id"] for e in store.event_records()}
            mentions = store.mention_records()
        assert all(m["event_counted"] == (m["event_id"] in events) for m in mentions)
        assert any(not m["event_counted"] for m in mentions)
    exported = [json.loads(line) for line in _export(hostile_db, "jsonl", "mentions").decode().splitlines()]
    assert {m["mention_id"]: m["event_counted"] for m in exported} == {"m-1": True, "m-2": True, "m-3": False}


def test_plover_export_has_plovers_field_names_mode_and_context(hostile_db):
    records = [json.loads(line) for line in _export(hostile_db, "plover").decode().splitlines()]
    by_event = {r["event"]: r for r in records}
    assert set(by_event) == {"CONSULT", "ASSAULT"}
    visit = by_event["CONSULT"]
    assert {"id", "date", "event", "mode", "context", "source", "target", "text", "publication"} <= set(visit)
    assert (visit["mode"], visit["date"]) == ("visit", "2018-11-02")
    assert visit["source"] == [{"actorText": "@SUM(1+1)", "code": "CUB", "sector": "GOV", "actorCode": "CUBGOV",
                                "actorId": None}]
    assert visit["comity"]["cameo"] == "042"
    assert by_event["ASSAULT"]["context"] == "military"
