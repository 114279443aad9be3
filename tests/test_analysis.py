"""Dyad series, dyad events, the outlet table and the timeline, on a small hand-made store."""

from __future__ import annotations

import hashlib

import pytest

from comity import analysis, api
from comity.errors import ComityError
from comity.model import Document, Found, Metadata
from comity.store import Store

# (mention id, source, target, cameo, quad, goldstein, date, precision)
HARBOUR = [
    ("a1", "CUBGOV", "PRKGOV", "042", 1, 1.9, "2018-11-04", "day"),
    ("a2", "PRKGOV", "CUBGOV", "051", 1, 3.4, "2021-03", "month"),
    ("a3", "CUBMIL", "PRKMIL", "190", 4, -10.0, "2019", "year"),
    ("a4", "USAGOV", "CUBGOV", "163", 4, -8.0, "2021-03-05", "day"),
    ("a5", "PRKGOV", "CUBGOV", "036", 1, 4.0, None, None),
]
GULFSTREAM = [
    ("b1", "PRKGOV", "CUBGOV", "043", 1, 2.8, "2018-11", "month"),
    ("b2", "CUBGOV", "PRKGOV", "112", 3, -2.0, "2018-12-02", "day"),
]


def _mention(doc_id: str, outlet: str, row: tuple) -> dict:
    mention_id, source, target, cameo, quad, goldstein, date, precision = row
    return {
        "mention_id": f"m-{mention_id}", "event_id": f"e-{mention_id}", "doc_id": doc_id, "section": "body",
        "source": {"text": source, "code": source, "country": source[:3], "actor_id": None},
        "target": {"text": target, "code": target, "country": target[:3], "actor_id": None},
        "cameo": cameo, "plover": None, "quad_class": quad, "goldstein": goldstein, "date": date,
        "date_precision": precision, "date_basis": "explicit", "date_approximate": False, "place": None,
        "factuality": "asserted", "evidence": {"start": 0, "end": 4, "text": f"text of {mention_id}"},
        "trigger": {"start": 0, "end": 4, "text": "text"}, "rule": "test", "outlet": outlet,
    }


def _save(store: Store, doc_id: str, outlet: str, rows: list[tuple]) -> None:
    text = f"An article by {outlet}."
    doc = Document(doc_id, text, hashlib.sha256(text.encode()).hexdigest(), f"{doc_id}.txt", "txt",
                   meta=Metadata(outlet=Found(outlet, "sidecar"), published=Found("2021-03-06", "sidecar")))
    store.save_document(doc, "run-test", "cfg", [_mention(doc_id, outlet, row) for row in rows])


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "analysis.duckdb") as opened:
        _save(opened, "harbour", "Harbour Wire", HARBOUR)
        _save(opened, "gulfstream", "Gulfstream Daily", GULFSTREAM)
        api.relink(opened)
        yield opened


def test_monthly_series_counts_linked_events_by_quad_class_in_both_directions(store):
    series = analysis.dyad_series(store, "CUB", "PRK", by="month")
    assert list(series.columns) == analysis.SERIES_COLUMNS
    rows = {r.period: r for r in series.itertuples()}
    # The visit reported by both outlets (a1 + b1) is one event; the year-only clash keeps its year.
    assert sorted(rows) == ["2018-11", "2018-12", "2019", "2021-03"]
    assert (rows["2018-11"].events, rows["2018-11"].quad1) == (1, 1)
    assert (rows["2018-12"].quad3, rows["2018-12"].goldstein_sum) == (1, -2.0)
    assert (rows["2019"].quad4, rows["2019"].goldstein_mean) == (1, -10.0)
    assert rows["2021-03"].events == 1  # the US sanctions that month belong to another dyad


def test_yearly_series_sums_and_averages_goldstein(store):
    series = analysis.dyad_series(store, "PRK", "CUB", by="year").set_index("period")
    assert series.loc["2018", "events"] == 2
    assert series.loc["2018", "goldstein_sum"] == pytest.approx(1.9 - 2.0)
    assert series.loc["2018", "goldstein_mean"] == pytest.approx((1.9 - 2.0) / 2, abs=0.01)
    with pytest.raises(ComityError, match="unknown period"):
        analysis.dyad_series(store, "PRK", "CUB", by="week")


def test_codes_narrow_the_dyad_to_an_actor_and_undated_events_are_listed_but_not_counted(store):
    military = analysis.dyad_events(store, "CUBMIL", "PRK")
    assert list(military["cameo"]) == ["190"]
    events = analysis.dyad_events(store, "CUB", "PRK")
    assert list(events.columns)[:12] == analysis.DYAD_EVENT_COLUMNS[:12]
    assert len(events) == 5  # four dated events and the undated 036
    visit = events[events["date"] == "2018-11-04"].iloc[0]
    assert (visit["num_mentions"], visit["num_articles"], visit["num_sources"]) == (2, 2, 2)
    assert visit["evidence"] == "text of a1"
    assert analysis.dyad_series(store, "CUB", "PRK")["events"].sum() == 4


def test_sources_table_tells_each_outlets_version_of_a_dyad(store):
    table = analysis.sources_table(store)
    assert list(table.columns) == analysis.SOURCES_COLUMNS
    rows = {(r.outlet, r.dyad): r for r in table.itertuples()}
    harbour = rows[("Harbour Wire", "CUB-PRK")]
    assert harbour.events == 4  # the visit, the praise, the clash, the undated intent
    assert harbour.goldstein_mean == pytest.approx((1.9 + 3.4 - 10.0 + 4.0) / 4, abs=0.01)
    gulfstream = rows[("Gulfstream Daily", "CUB-PRK")]
    assert (gulfstream.events, gulfstream.goldstein_mean) == (2, pytest.approx(0.4))
    assert rows[("Harbour Wire", "CUB-USA")].events == 1


def test_timeline_figure_draws_quad_bars_and_saves_png_and_svg(store, tmp_path):
    series = analysis.dyad_series(store, "CUB", "PRK")
    figure = analysis.timeline_figure(series, "Cuba and North Korea")
    goldstein_axes, count_axes = figure.axes
    assert len(count_axes.patches) == 4 * 3  # three monthly periods, one bar per QuadClass each
    assert "1 event(s) dated only more coarsely" in count_axes.get_xlabel()
    analysis.save_figure(figure, str(tmp_path / "t.png"))
    analysis.save_figure(figure, str(tmp_path / "t.svg"))
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (tmp_path / "t.svg").read_text()[:500]


def test_an_empty_dyad_gives_empty_frames_and_a_figure_that_says_so(store):
    assert analysis.dyad_series(store, "FRA", "DEU").empty
    assert list(analysis.dyad_events(store, "FRA", "DEU").columns) == analysis.DYAD_EVENT_COLUMNS
    figure = analysis.timeline_figure(analysis.dyad_series(store, "FRA", "DEU"), "none")
    assert any(t.get_text() == "no dated events" for t in figure.axes[1].texts)
