"""The country bare roles and titled strangers belong to: a national outlet's, which writes from
home; for a world news agency's story its dateline's city; else the story's own states. Never
the world news agency's own country."""

from __future__ import annotations

import pytest

WIRE_STORY = (
    "GREEK TALKS\n\n"
    "ANKARA, March 3 - Prime Minister Orhun Tasdemir said the talks would resume, Police detained "
    "twelve protesters near the port, an official told Reuters.\n"
)


def test_a_wire_story_is_coded_in_its_datelines_country(article, mention) -> None:
    doc = article(WIRE_STORY, outlet="Reuters")
    minister = mention(doc, "Prime Minister Orhun Tasdemir")
    assert (minister.code, minister.country, minister.rule) == ("TURGOV", "TUR", "title+context")
    assert mention(doc, "Police").code == "TURCOP"


def test_a_dateline_city_that_no_state_is_named_after_finds_its_country_in_the_gazetteer(article, mention) -> None:
    doc = article("HOUSTON, March 3 - Mayor Dale Quist said the port would reopen.\n", outlet="Reuters")
    assert mention(doc, "Mayor Dale Quist").country == "USA"
    doc = article("BONN, March 3 - Minister Egon Rall said the port would reopen.\n", outlet="Reuters")
    assert mention(doc, "Minister Egon Rall").country == "DEU"  # "BONN" in capitals is no acronym


def test_without_a_dateline_the_story_s_own_states_decide_never_the_wire(article, mention) -> None:
    text = "Greece will not give up its rights in the Aegean, Prime Minister Orhun Tasdemir told Reuters.\n"
    minister = mention(article(text, outlet="Reuters"), "Prime Minister Orhun Tasdemir")
    assert minister.country == "GRC"
    bare = "Prime Minister Orhun Tasdemir said the talks would resume, he told Reuters.\n"
    assert mention(article(bare, outlet="Reuters"), "Prime Minister Orhun Tasdemir").country is None


def test_a_national_outlet_writes_from_home_wherever_its_dateline(article, mention) -> None:
    text = "HAVANA, March 3 (KCNA) -- Premier Jo Myong Sik inspected a fertilizer factory. Cuba built it.\n"
    assert mention(article(text, outlet="KCNA"), "Premier Jo Myong Sik").country == "PRK"
    wire = text.replace(" (KCNA) --", " -")
    assert mention(article(wire, outlet="Reuters"), "Premier Jo Myong Sik").country == "CUB"  # a wire: its dateline
    unknown_outlet = "Premier Jo Myong Sik inspected a fertilizer factory. Cuba built it.\n"
    assert mention(article(unknown_outlet), "Premier Jo Myong Sik").country == "CUB"  # the story's own states


@pytest.mark.parametrize(("dateline", "published", "state"), [
    ("BELGRADE", "1987-03-23", "YUG"), ("MOSCOW", "1987-03-23", "SUN"), ("PRAGUE", "1987-03-23", "CSK"),
    ("MOSCOW", "2022-03-23", "RUS"), ("BELGRADE", "2022-03-23", "SRB"),
])
def test_a_dateline_capital_names_the_state_of_the_story_s_day(article, mention, dateline, published, state) -> None:
    doc = article(f"{dateline}, March 23 - The government accused Austria of hostile propaganda.\n", outlet="Reuters", published=published)
    assert mention(doc, "government").code == f"{state}GOV"


@pytest.mark.parametrize("dateline", ["ALLENTOWN, PA., March 13 -", "SAN DIEGO, Calif., March 17 -"])
def test_an_abbreviated_region_of_a_dateline_is_a_place_not_an_actor(article, dateline) -> None:
    doc = article(f"{dateline} Chrysler Corp said its unit acquired a portfolio.\n", outlet="Reuters")
    assert [m.text for m in doc.actor_mentions if m.code and m.code != "BUS"] == []
