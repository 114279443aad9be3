from comity.link import block_key, dates_compatible, link


def mention(mid, doc, cameo, src, tgt, date=None, precision=None, section="body", factuality="asserted", outlet=None):
    return {
        "mention_id": mid, "event_id": "e-" + mid, "doc_id": doc, "section": section, "cameo": cameo,
        "plover": None, "quad_class": 1, "goldstein": 1.0,
        "source": {"text": src, "code": src, "country": src}, "target": {"text": tgt, "code": tgt, "country": tgt},
        "date": date, "date_precision": precision, "factuality": factuality, "place": None, "outlet": outlet,
    }


def test_a_visit_and_its_hosting_reported_by_two_outlets_are_one_event_with_the_finer_date():
    mentions = [
        mention("m1", "a", "042", "CUB", "PRK", "2018-11", "month", outlet="Yonhap"),
        mention("m2", "b", "043", "PRK", "CUB", "2018-11-04", "day", outlet="KCNA"),
    ]
    assignments, events = link(mentions)
    assert assignments["m1"] == assignments["m2"]
    (event,) = events
    assert (event["date"], event["num_mentions"], event["num_articles"], event["num_sources"]) == ("2018-11-04", 2, 2, 2)


def test_visits_in_different_years_or_on_different_days_stay_apart():
    mentions = [
        mention("m1", "a", "042", "CUB", "PRK", "2015-09", "month"),
        mention("m2", "a", "042", "CUB", "PRK", "2018-11", "month"),
        mention("m3", "b", "040", "CUB", "PRK", "2015-09-04", "day"),
        mention("m4", "b", "040", "CUB", "PRK", "2015-09-05", "day"),
    ]
    assignments, events = link(mentions)
    assert len(events) == 3
    assert assignments["m2"] not in {assignments["m1"], assignments["m3"], assignments["m4"]}
    assert assignments["m3"] != assignments["m4"]


def test_directed_codes_keep_direction_and_uncounted_mentions_are_not_events():
    mentions = [
        mention("m1", "a", "051", "PRK", "CUB", "2021-04", "month"),
        mention("m2", "b", "051", "CUB", "PRK", "2021-04", "month"),
        mention("m3", "c", "051", "PRK", "CUB", "2021-04", "month", section="comment"),
        mention("m4", "c", "051", "PRK", "CUB", "2021-04", "month", factuality="future"),
    ]
    assignments, events = link(mentions)
    assert set(assignments) == {"m1", "m2"} and assignments["m1"] != assignments["m2"]


def test_undated_mentions_are_not_joined_by_guesswork_and_ids_are_stable():
    mentions = [mention("m1", "a", "040", "USA", "CHN"), mention("m2", "b", "040", "CHN", "USA")]
    first, _ = link(mentions)
    again, _ = link(list(reversed(mentions)))
    assert first["m1"] != first["m2"] and first == again


def test_helpers():
    assert dates_compatible("2018-11", "2018-11-04") and not dates_compatible("2018-11-04", "2018-11-05")
    assert block_key(mention("m", "d", "042", "PRK", "CUB")) == block_key(mention("n", "d", "043", "CUB", "PRK"))
