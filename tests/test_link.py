"""Linking rules on synthetic mentions, incremental linking in a store, and the five samples end to end."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import pytest

from comity import api
from comity.link import PlaceKey, block_key, dates_compatible, link, places_compatible
from comity.model import Document, Found, Metadata
from comity.store import Store

PYONGYANG = {"name": "Pyongyang", "country": "PRK", "lat": 39.03, "lon": 125.75}
MANSU_HILL = {"name": "Mansu Hill, Pyongyang", "country": "PRK", "lat": 39.031, "lon": 125.752}
NORTH_KOREA = {"name": "North Korea", "country": "PRK", "lat": 39.5, "lon": 126.5}
WONSAN = {"name": "Wonsan", "country": "PRK", "lat": 39.15, "lon": 127.44}
HAVANA = {"name": "Havana", "country": "CUB", "lat": 23.13, "lon": -82.38}


def side(code, person=None):
    return {"text": person or code, "code": code, "country": code[:3],
            "actor_id": f"person:{person}" if person else f"state:{code[:3]}"}


def mention(mid, doc, cameo, src, tgt, date=None, *, section="body", factuality="asserted", outlet=None,
            place=None, sentence=None, goldstein=1.0):
    """A mention dict; `src`/`tgt` are codes or (code, person) pairs; `sentence` shares an evidence span."""
    start = sentence if sentence is not None else int(hashlib.sha1(mid.encode()).hexdigest()[:6], 16)
    return {
        "mention_id": mid, "event_id": "e-" + mid, "doc_id": doc, "section": section, "cameo": cameo,
        "plover": None, "quad_class": 1, "goldstein": goldstein,
        "source": side(*src) if isinstance(src, tuple) else side(src),
        "target": side(*tgt) if isinstance(tgt, tuple) else side(tgt),
        "date": date, "date_precision": {10: "day", 7: "month", 4: "year"}.get(len(date or "")),
        "factuality": factuality, "place": place, "outlet": outlet,
        "evidence": {"start": start, "end": start + 10, "text": f"sentence {start}"},
    }


def groups(assignments):
    """The partition as a set of frozensets of mention ids."""
    by_event = defaultdict(set)
    for mention_id, event_id in assignments.items():
        by_event[event_id].add(mention_id)
    return {frozenset(members) for members in by_event.values()}


def test_a_visit_and_its_hosting_reported_by_two_outlets_are_one_event_with_the_finer_date():
    mentions = [
        mention("m1", "a", "042", "CUB", "PRK", "2018-11", outlet="Yonhap"),
        mention("m2", "b", "043", "PRK", "CUB", "2018-11-04", outlet="KCNA"),
        mention("m3", "c", "043", "PRK", "CUB", "2018-11-04", outlet="KCNA"),
    ]
    assignments, events = link(mentions, published={"a": "2018-11-06T10:00", "b": "2018-11-04", "c": "2018-11-05"})
    assert len(set(assignments.values())) == 1
    (event,) = events
    assert (event["date"], event["date_precision"]) == ("2018-11-04", "day")
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (3, 3, 2)
    assert (event["first_seen"], event["last_seen"]) == ("2018-11-04", "2018-11-06")
    assert event["mention_ids"] == ["m1", "m2", "m3"] and event["outlets"] == ["KCNA", "Yonhap"]


def test_directed_codes_keep_direction_and_uncounted_mentions_are_not_events():
    mentions = [
        mention("m1", "a", "051", "PRK", "CUB", "2021-04"),
        mention("m2", "b", "051", "CUB", "PRK", "2021-04"),
        mention("m3", "c", "051", "PRK", "CUB", "2021-04", section="comment"),
        mention("m4", "c", "051", "PRK", "CUB", "2021-04", factuality="future"),
    ]
    assignments, _ = link(mentions)
    assert set(assignments) == {"m1", "m2"} and assignments["m1"] != assignments["m2"]


def test_families_link_within_a_cameo_root_only():
    mentions = [
        mention("m1", "a", "051", "PRK", "CUB", "2021-03-24"),
        mention("m2", "b", "057", "PRK", "CUB", "2021-03-24"),  # signing is symmetric: its own block
        mention("m3", "c", "010", "PRK", "CUB", "2021-03"),
        mention("m4", "d", "013", "PRK", "CUB", "2021-03-24"),
        mention("m5", "e", "0511", "PRK", "CUB", "2021-03"),
    ]
    assignments, _ = link(mentions)
    assert groups(assignments) == {frozenset({"m1", "m5"}), frozenset({"m2"}), frozenset({"m3", "m4"})}


def test_dates_narrow_but_never_join_two_days_or_an_undated_mention():
    mentions = [
        mention("m1", "a", "040", "CUB", "PRK", "2015"),
        mention("m2", "b", "040", "CUB", "PRK", "2015-09"),
        mention("m3", "c", "040", "CUB", "PRK", "2015-09-04"),
        mention("m4", "d", "040", "CUB", "PRK", "2015-09-05"),
        mention("m5", "e", "040", "CUB", "PRK", None),
        mention("m6", "f", "040", "PRK", "CUB", None),
    ]
    assignments, events = link(mentions)
    parts = groups(assignments)
    assert frozenset({"m5"}) in parts and frozenset({"m6"}) in parts
    assert not any({"m3", "m4"} <= part for part in parts)
    # The coarse mentions narrow onto the earliest fitting day rather than making a third event.
    assert frozenset({"m1", "m2", "m3"}) in parts
    assert sorted(e["date"] or "" for e in events) == ["", "", "2015-09-04", "2015-09-05"]


def test_places_must_fit_country_nesting_and_distance():
    pk = PlaceKey.of
    assert places_compatible(pk(PYONGYANG), pk(MANSU_HILL))
    assert places_compatible(pk(PYONGYANG), pk(NORTH_KOREA))
    assert not places_compatible(pk(PYONGYANG), pk(WONSAN))
    assert not places_compatible(pk(PYONGYANG), pk(HAVANA))
    mentions = [
        mention("m1", "a", "042", "CUB", "PRK", "2018-11-04", place=PYONGYANG),
        mention("m2", "b", "042", "CUB", "PRK", "2018-11-04", place=MANSU_HILL),
        mention("m3", "c", "042", "CUB", "PRK", "2018-11", place=NORTH_KOREA),
        mention("m4", "d", "042", "CUB", "PRK", "2018-11-04", place=WONSAN),
        mention("m5", "e", "042", "CUB", "PRK", "2018-11"),
    ]
    parts = groups(link(mentions)[0])
    assert frozenset({"m4"}) in parts
    assert any({"m1", "m2", "m3"} <= part for part in parts)


def test_named_persons_must_agree_on_each_side_in_either_direction():
    diaz = ("CUBGOV", "diaz-canel")
    mentions = [
        mention("m1", "a", "040", diaz, ("PRKGOV", "yang-hyong-sop"), "2015-09-04"),
        mention("m2", "b", "040", ("PRKGOV", "yang-hyong-sop"), diaz, "2015-09-04"),
        mention("m3", "c", "040", diaz, ("PRKGOV", "ri-su-yong"), "2015-09-04"),
        mention("m4", "d", "040", "CUB", "PRK", "2015-09-04"),  # names nobody: fits either
    ]
    parts = groups(link(mentions)[0])
    assert frozenset({"m3"}) in parts and any({"m1", "m2"} <= part for part in parts)


def test_a_visit_spans_days_but_meetings_on_different_days_stay_apart():
    xi, kim = ("CHNGOV", "xi-jinping"), ("PRKGOV", "kim-jong-un")
    diaz, yang, pak = ("CUBGOV", "diaz-canel"), ("PRKLEG", "yang-hyong-sop"), ("PRKGOV", "pak-pong-ju")
    mentions = [
        mention("x1", "a", "043", kim, xi, "2019-06-20"),  # greeted at the airport on Thursday
        mention("x2", "b", "042", xi, "PRK", "2019-06-21"),  # ended a two-day visit on Friday
        mention("x3", "c", "042", xi, "PRK", "2019-06-27"),  # a week later: not the same visit
        mention("t1", "a", "040", ("USAGOV", "trump"), kim, "2019-02-27"),  # summit talks, day one
        mention("t2", "a", "040", ("USAGOV", "trump"), kim, "2019-02-28"),  # and day two: no visit code
        mention("y1", "d", "042", diaz, yang, "2015-09-04"),
        mention("p1", "d", "040", diaz, pak, "2015-09-05"),  # a visit, but another official
    ]
    parts = groups(link(mentions)[0])
    assert frozenset({"x1", "x2"}) in parts and frozenset({"x3"}) in parts
    assert frozenset({"t1"}) in parts and frozenset({"t2"}) in parts
    assert frozenset({"y1"}) in parts and frozenset({"p1"}) in parts


def test_mentions_of_one_sentence_form_one_event_before_others_join():
    kim, castro = ("PRKGOV", "kim-il-sung"), ("CUBGOV", "castro-fidel")
    mentions = [
        mention("m1", "a", "040", kim, castro, "1986-03", sentence=5),
        mention("m2", "a", "042", castro, "PRK", "1986-03", sentence=5),
        mention("m3", "b", "042", castro, "PRK", "1986-03-07"),
    ]
    assert groups(link(mentions)[0]) == {frozenset({"m1", "m2", "m3"})}


def test_the_distinct_visits_of_the_cuba_korea_record_stay_apart():
    """Castro 1986, the 1992 delegation, Díaz-Canel 2015 and 2018; and his 4 and 5 September 2015 meetings."""
    castro, diaz = ("CUBGOV", "castro-fidel"), ("CUBGOV", "diaz-canel")
    kim_il_sung, kim_jong_un = ("PRKGOV", "kim-il-sung"), ("PRKGOV", "kim-jong-un")
    mentions = [
        mention("c1", "hist", "040", kim_il_sung, castro, "1986-03", sentence=1),
        mention("c2", "hist", "042", castro, "PRK", "1986-03", sentence=1),
        mention("d1", "hist", "040", kim_il_sung, "CUBPTY", "1992-02"),
        mention("v1", "hist", "040", kim_jong_un, diaz, "2015-09", sentence=3),
        mention("v2", "hist", "042", diaz, "PRK", "2015-09", sentence=3),
        mention("v3", "times", "040", kim_jong_un, diaz, "2015", place=PYONGYANG),
        mention("y1", "times", "040", ("PRKLEG", "yang-hyong-sop"), diaz, "2015-09-04", place=PYONGYANG),
        mention("p1", "times", "040", diaz, ("PRKGOV", "pak-pong-ju"), "2015-09-05", place=PYONGYANG),
        mention("n1", "hist", "042", diaz, "PRK", "2018-11", sentence=4),
        mention("n2", "yonhap", "040", diaz, kim_jong_un, "2018-11", place=PYONGYANG),
        mention("n3", "kcna", "040", kim_jong_un, diaz, "2018-11", place=PYONGYANG),
    ]
    assert groups(link(mentions)[0]) == {
        frozenset({"c1", "c2"}), frozenset({"d1"}), frozenset({"v1", "v2", "v3"}), frozenset({"y1"}),
        frozenset({"p1"}), frozenset({"n1", "n2", "n3"}),
    }


def test_ids_are_stable_whatever_the_order_and_previous_ids_survive_growth():
    mentions = [mention("m1", "a", "040", "USA", "CHN", "2020-01-02"), mention("m2", "b", "040", "CHN", "USA")]
    first, events = link(mentions)
    again, _ = link(list(reversed(mentions)))
    assert first == again
    newcomer = mention("m0", "c", "040", "CHN", "USA", "2020-01")  # sorts first: would change a fresh id
    grown, _ = link([*mentions, newcomer], previous=first)
    assert grown["m0"] == grown["m1"] == first["m1"]
    assert {e["block_key"] for e in events} == {"sym|04|CHN|USA|2020", "sym|04|CHN|USA|-"}


def test_a_split_event_keeps_its_id_on_the_larger_part():
    mentions = [mention(f"m{i}", f"d{i}", "040", "CUB", "PRK", "2015-09") for i in range(3)]
    before, _ = link(mentions)
    (old_id,) = set(before.values())
    split = [*mentions[:2], mention("m2", "d2", "040", "CUB", "PRK", "2016-09")]
    after, _ = link(split, previous=before)
    assert after["m0"] == after["m1"] == old_id and after["m2"] != old_id


def test_a_lone_mention_split_off_an_event_it_named_gets_an_id_of_its_own():
    # The event was named after m0, its first mention; m1 and m2 keep its id, and m0, alone now,
    # must not be given that id again (a duplicate event id stopped the store's relink).
    mentions = [mention("m0", "d0", "042", "CUB", "PRK", "2018-11-04"),
                mention("m1", "d1", "042", "CUB", "PRK", "2018-11-05"),
                mention("m2", "d2", "042", "CUB", "PRK", "2018-11-05")]
    named_after_m0 = "e-" + hashlib.sha256(f"{block_key(mentions[0])}|m0".encode()).hexdigest()[:16]
    assignments, events = link(mentions, previous={m["mention_id"]: named_after_m0 for m in mentions})
    assert assignments["m1"] == assignments["m2"] == named_after_m0
    assert len({e["event_id"] for e in events}) == len(events) == 2


def test_helpers():
    assert dates_compatible("2018-11", "2018-11-04") and not dates_compatible("2018-11-04", "2018-11-05")
    assert block_key(mention("m", "d", "042", "PRK", "CUB")) == block_key(mention("n", "d", "043", "CUB", "PRK"))


# Incremental linking in a store -------------------------------------------------------------------


def _save(store, doc_id, mentions, text=None, outlet=None):
    text = text or f"Article {doc_id}."
    meta = Metadata(outlet=Found(outlet, "sidecar") if outlet else None, published=Found("2018-11-06", "sidecar"))
    doc = Document(doc_id, text, hashlib.sha256(text.encode()).hexdigest(), doc_id, "txt", meta=meta)
    store.save_document(doc, "run", "cfg", mentions)


def _event_of(store):
    return {m["mention_id"]: m["event_id"] for m in store.mention_records()}


def test_incremental_linking_keeps_ids_and_joins_new_mentions(tmp_path):
    with Store(tmp_path / "inc.duckdb") as store:
        _save(store, "a", [mention("a1", "a", "042", "CUB", "PRK", "2018-11"),
                           mention("a2", "a", "112", "USA", "PRK", "2019-02-01")], outlet="Yonhap")
        assert api.relink(store) == 2
        before = _event_of(store)
        _save(store, "b", [mention("b1", "b", "043", "PRK", "CUB", "2018-11-04"),
                           mention("b2", "b", "190", "RUS", "UKR", "2022-02-24")], outlet="KCNA")
        assert store.unlinked_doc_ids() == ["b"]
        assert api.relink(store) == 3
        after = _event_of(store)
        assert after["a1"] == before["a1"] == after["b1"] and after["a2"] == before["a2"]
        visit = next(e for e in store.event_records() if e["event_id"] == before["a1"])
        assert (visit["date"], visit["num_articles"], visit["num_sources"]) == ("2018-11-04", 2, 2)
        assert store.unlinked_doc_ids() == [] and api.relink(store) == 3


def test_recoding_a_document_relinks_its_old_and_new_blocks(tmp_path):
    with Store(tmp_path / "recode.duckdb") as store:
        _save(store, "a", [mention("a1", "a", "042", "CUB", "PRK", "2018-11")])
        _save(store, "b", [mention("b1", "b", "042", "CUB", "PRK", "2018-11-04")])
        api.relink(store)
        joined = _event_of(store)
        assert joined["a1"] == joined["b1"]
        _save(store, "b", [mention("b1", "b", "042", "CUB", "PRK", "2015-09-04")], text="Article b, corrected.")
        api.relink(store)
        moved = _event_of(store)
        assert moved["a1"] == joined["a1"] and moved["b1"] != joined["b1"]
        events = {e["event_id"]: e for e in store.event_records()}
        assert len(events) == 2 and events[moved["a1"]]["date"] == "2018-11"


def test_a_full_relink_gives_the_same_events_as_incremental_runs(tmp_path):
    with Store(tmp_path / "full.duckdb") as store:
        _save(store, "a", [mention("a1", "a", "042", "CUB", "PRK", "2018-11")])
        api.relink(store)
        _save(store, "b", [mention("b1", "b", "043", "PRK", "CUB", "2018-11-04"),
                           mention("b2", "b", "043", "PRK", "CUB", "2018-11-05")])
        api.relink(store)
        incremental = (_event_of(store), sorted(json.dumps(e, sort_keys=True) for e in store.event_records()))
        api.relink(store, full=True)
        assert (_event_of(store), sorted(json.dumps(e, sort_keys=True) for e in store.event_records())) == incremental


def test_a_store_linked_before_link_state_existed_relinks_keeping_its_event_ids(tmp_path):
    with Store(tmp_path / "legacy.duckdb") as store:
        _save(store, "a", [mention("a1", "a", "042", "CUB", "PRK", "2018-11")])
        _save(store, "b", [mention("b1", "b", "043", "PRK", "CUB", "2018-11-04")])
        assignments, events = link(store.mention_records())
        legacy = {e["event_id"]: dict(e, event_id="e-legacy0000000001") for e in events}
        store.replace_events({m: "e-legacy0000000001" for m in assignments}, list(legacy.values()))
        assert api.relink(store) == 1
        assert {e["event_id"] for e in store.event_records()} == {"e-legacy0000000001"}
        assert set(_event_of(store).values()) == {"e-legacy0000000001"}


# The five samples, through the real pipeline ------------------------------------------------------

SAMPLE_EVENTS = {  # block key, date, the articles that report it (at least; 002 also alludes to the 1960 ties)
    "diplomatic ties of 1960": ("sym|05|CUB|PRK|1960", "1960-08-29", {"000", "001", "003"}),
    "the November 2018 visit": ("sym|04|CUB|PRK|2018", "2018-11", {"000", "001", "003"}),
    "the September 2015 meeting with Kim Jong Un": ("sym|04|CUB|PRK|2015", "2015-09", {"001", "002"}),
    "the March 2021 message to Cuba": ("dir|01|PRK|CUB|2021", "2021-03-24", {"003", "004"}),
}


@pytest.fixture(scope="module")
def seeds_store(seeds_dir: Path, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    api.code([seeds_dir], db=db)
    return db


@pytest.mark.parametrize("name", SAMPLE_EVENTS)
def test_each_sample_event_is_one_event_spanning_its_articles(seeds_store, name):
    key, date, articles = SAMPLE_EVENTS[name]
    with Store(seeds_store, read_only=True) as store:
        events = [e for e in store.event_records() if e["block_key"] == key and e["date"] == date]
    assert len(events) == 1, f"{name}: {len(events)} events"
    assert {doc[:3] for doc in events[0]["doc_ids"]} >= articles
    assert events[0]["num_articles"] == len(events[0]["doc_ids"]) >= len(articles)


@pytest.mark.parametrize("key", ["sym|05|CUB|PRK|1960", "sym|04|CUB|PRK|2018"])
def test_every_sample_mention_of_the_1960_ties_and_the_2018_visit_joins_its_event(seeds_store, key):
    with Store(seeds_store, read_only=True) as store:
        assert len([e for e in store.event_records() if e["block_key"] == key]) == 1


def test_the_distinct_sample_visits_are_distinct_events(seeds_store):
    with Store(seeds_store, read_only=True) as store:
        meetings = [e for e in store.event_records() if e["block_key"].startswith("sym|04|CUB|PRK|")]
    dates = {e["date"] for e in meetings}
    assert {"1986-03", "1992-02", "2015-09", "2015-09-04", "2015-09-05", "2018-11"} <= dates
    assert len([e for e in meetings if e["date"] == "2015-09-04"]) >= 1


def test_recoding_the_samples_changes_no_event_id(seeds_store, seeds_dir, tmp_path):
    db = tmp_path / "again.duckdb"
    api.code([seeds_dir], db=db)
    with Store(seeds_store, read_only=True) as first, Store(db, read_only=True) as second:
        assert {e["event_id"] for e in first.event_records()} == {e["event_id"] for e in second.event_records()}
