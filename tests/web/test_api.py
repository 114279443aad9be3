"""The JSON API, in-process, over the demo corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity import analysis
from comity.errors import NotFoundError
from comity.explore import MAX_PAGE_SIZE
from comity.store import Store
from comity.web import create_app


def sides(event: dict) -> list[dict]:
    return [event["source"] or {}, event["target"] or {}]


def keys_of(side: dict) -> set[str]:
    return {side.get("actor_id"), side.get("code"), side.get("country")} - {None}


def test_openapi_describes_every_data_route(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/dyad", "/api/actors/{key}",
                 "/api/documents", "/api/documents/{doc_id}"):
        assert path in paths


def test_dyad_search_keeps_only_events_between_the_two_either_way(client):
    body = client.get("/api/events", params={"a": "PRK", "b": "USA"}).json()
    assert body["total"] >= 3
    for event in body["events"]:
        source, target = sides(event)
        assert {source.get("country"), target.get("country")} == {"PRK", "USA"}


@pytest.mark.parametrize(("params", "holds"), [
    ({"root": "04"}, lambda e: e["cameo"].startswith("04")),
    ({"quad": "4"}, lambda e: e["quad_class"] == 4),
    ({"country": "CUB"}, lambda e: "CUB" in {s.get("country") for s in sides(e)}),
    ({"actor": "person:kim-jong-un"}, lambda e: any("person:kim-jong-un" in keys_of(s) for s in sides(e))),
    ({"date_from": "2018-06", "date_to": "2018-06"}, lambda e: (e["date"] or "").startswith("2018-06")),
])
def test_each_filter_narrows_the_events_to_what_it_names(client, params, holds):
    body = client.get("/api/events", params={**params, "page_size": 100}).json()
    everything = client.get("/api/events", params={"page_size": 100}).json()["total"]
    assert 0 < body["total"] < everything
    assert all(holds(e) for e in body["events"])


def test_words_are_found_case_blind_in_the_evidence_of_some_mention(client):
    body = client.get("/api/events", params={"words": "EMBARGO", "page_size": 100}).json()
    assert body["total"] > 0
    for event in body["events"]:
        mentions = client.get(f"/api/events/{event['event_id']}").json()["mentions"]
        assert any("embargo" in m["evidence"]["text"].lower() for m in mentions)


def test_outlet_filter_finds_events_reported_by_that_outlet(client, demo_db):
    body = client.get("/api/events", params={"outlet": "Harbour Wire", "page_size": 100}).json()
    with Store(demo_db, read_only=True) as store:
        harbour_docs = {r["doc_id"] for r in store.document_summaries() if r["outlet"] == "Harbour Wire"}
    assert body["total"] > 0
    assert all(set(e["doc_ids"]) & harbour_docs for e in body["events"])


def test_pages_cover_every_event_once(client):
    total = client.get("/api/events").json()["total"]
    seen = []
    for page in range(1, total // 7 + 2):
        body = client.get("/api/events", params={"page": page, "page_size": 7}).json()
        seen += [e["event_id"] for e in body["events"]]
    assert len(seen) == total == len(set(seen))


def test_page_size_is_capped(client):
    body = client.get("/api/events", params={"page_size": 100_000}).json()
    assert body["page_size"] == MAX_PAGE_SIZE
    assert len(body["events"]) <= MAX_PAGE_SIZE


def test_injection_looking_parameters_match_nothing_and_change_nothing(client, demo_db):
    before = client.get("/api/events").json()["total"]
    for params in ({"actor": "x' OR '1'='1"}, {"words": "'; DROP TABLE events; --"},
                   {"outlet": "\" OR 1=1 --"}, {"a": "PRK' --", "b": "USA"}):
        assert client.get("/api/events", params=params).json()["total"] == 0
    assert client.get("/api/events").json()["total"] == before
    with Store(demo_db, read_only=True) as store:
        assert store.counts()["events"] == before


def test_malformed_filters_are_refused_before_any_query(client):
    assert client.get("/api/events", params={"root": "04 OR 1=1"}).status_code == 422
    assert client.get("/api/events", params={"date_from": "2018'; --"}).status_code == 422
    assert client.get("/api/events", params={"quad": "9"}).status_code == 422


def test_dyad_endpoint_serves_the_analysis_series_and_its_events(client, demo_db):
    body = client.get("/api/dyad", params={"a": "PRK", "b": "USA", "by": "year"}).json()
    with Store(demo_db, read_only=True) as store:
        expected = analysis.dyad_series(store, "PRK", "USA", by="year")
    assert [r["period"] for r in body["series"]] == list(expected["period"])
    assert sum(r["events"] for r in body["series"]) == int(expected["events"].sum())
    dated = [e for e in body["events"]["events"] if e["date"]]
    assert len(dated) == sum(r["events"] for r in body["series"])


def test_dyad_period_keeps_only_that_periods_events(client):
    body = client.get("/api/dyad", params={"a": "PRK", "b": "USA", "period": "2018-06"}).json()
    assert body["events"]["total"] > 0
    assert all(e["date"].startswith("2018-06") for e in body["events"]["events"])


def test_event_mentions_carry_evidence_that_is_the_articles_own_text(client):
    event_id = client.get("/api/events", params={"a": "CUB", "b": "USA"}).json()["events"][0]["event_id"]
    body = client.get(f"/api/events/{event_id}").json()
    assert body["event"]["event_id"] == event_id
    for mention in body["mentions"]:
        document = client.get(f"/api/documents/{mention['doc_id']}").json()
        text = "".join(s["text"] for s in document["sections"] if s["start"] <= mention["evidence"]["start"] < s["end"])
        assert mention["evidence"]["text"] in text


def test_actor_has_dated_roles_and_counterparts(client):
    body = client.get("/api/actors/person:kim-jong-un").json()
    assert body["profile"]["name"].startswith("Kim Jong")
    assert any(r["start"] for r in body["profile"]["roles"])
    assert "person:moon-jae-in" in {c["key"] for c in body["counterparts"]}
    assert body["events"]["total"] == len(body["events"]["events"]) > 0


def test_unknown_ids_are_404_with_a_message(client):
    response = client.get("/api/events/e-does-not-exist")
    assert response.status_code == 404
    assert "e-does-not-exist" in response.json()["detail"]
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/actors/person:nobody-at-all").status_code == 404


def test_a_missing_store_is_refused_when_the_app_is_built(tmp_path: Path):
    with pytest.raises(NotFoundError):
        create_app(tmp_path / "absent.duckdb")


def test_the_app_opens_the_store_read_only(client):
    from types import SimpleNamespace

    from comity.web.app import open_store

    connections = open_store(SimpleNamespace(app=client.app))
    store = next(connections)
    try:
        with pytest.raises(Exception, match="read-only"):
            store.con.execute("DELETE FROM events")
    finally:
        connections.close()


def test_store_aggregates_are_kept_per_version_and_the_least_used_go_first():
    from comity.web.app import StoreAggregates

    computed = []

    def compute(value):
        computed.append(value)
        return value

    cache = StoreAggregates(size=2)
    assert [cache.get("v1", key, lambda k=key: compute(k)) for key in ("a", "b", "a", "c", "b")] == ["a", "b", "a", "c", "b"]
    assert computed == ["a", "b", "c", "b"]  # "b" was the least recently used when "c" came
    assert cache.get("v2", "a", lambda: compute("a2")) == "a2"  # the store changed: computed again
