"""The Phoenix dictionaries (Open Event Data Alliance, MIT license) converted into comity's actor
and agent tables, bundled in `comity/data/actors/phoenix/` (`scripts/convert_phoenix.py` runs
this). Facts carry over (names, codes, dated codes); what would fire on ordinary English or
name a place rather than an actor is left out:

- A state's aliases are sorted by what they are: its adjectives become demonyms ("Afghan"),
  its capital a metonym; another name stays a name only when it is a form of the country's
  own names ("Islamic Republic of Afghanistan", "Afganistan"); cities, provinces, islands and
  landmarks are dropped ("Buffalo", "Helmand", "Olympus" name places or firms, not a state).
- A one-word name that English text mostly writes in lower case is an ordinary word, not a
  name ("Solidarity", "Force"); so is a word of a role noun ("Prime", "General") and a name
  shorter than two letters. The lower-case share
  is counted over a reference corpus of news (the Reuters stories outside every gold set).
- A name of a body made only of ordinary and role words ("Secretary of State", "National
  Security Council") names such a body of any country: it is dropped, but for international
  bodies, whose names are their own ("Security Council", "World Bank").
- A person's one-word alias is a surname, which refers back to the person once named in
  full; one that is a common surname, or that several people share, is dropped ("Khan", "Bush").
- A name already given to an earlier entry stays that entry's (the dictionaries' first wins).
- A region coded as such ("Gaza": PSEGZA) is a place, an actor only through those placed in
  it ("militants in Gaza").
- Codes take ISO 3166-1 country codes where the dictionaries have their own ("KSV" for
  Kosovo is XKX); a territory with its own ISO code (Hong Kong, Bermuda) is its country.
- A person's surname (the last word of the name) is given only when at most
  `MAX_SURNAME_BEARERS` people of the dictionaries bear it and it is no ordinary word, so
  "Papandreou" after "Prime Minister Andreas Papandreou" refers back to him.

The conversion is a pure function of its inputs; the bundled tables are compared with its
output by the tests whenever ../shared is present.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path

from comity.knowledge.actors.files import ACTORS_DIR, iso3_codes
from comity.knowledge.actors.records import ActorEntry, Role
from comity.knowledge.actors.table import ACTOR_COLUMNS, AGENT_COLUMNS, actor_row, write_table
from comity.knowledge.actors.words import name_key
from comity.knowledge.petrarch_dicts import PetrarchActor, read_actors, read_agents
from comity.model import Actor

PHOENIX_DIR = ACTORS_DIR / "phoenix"
ACTOR_TABLE = "actors.tsv"  # loaded by default: states' names, people, international bodies, businesses
ORGANIZATION_TABLE = "organizations.tsv"  # on request (--actors): other organisations
AGENT_TABLE = "agents.tsv"  # on request (--agents): role nouns
ACTOR_SOURCES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_SOURCE = "Phoenix.agents.txt"
#: States of their time that the dictionaries code: the Soviet Union, the two Germanys...
HISTORICAL_STATES = frozenset({"SUN", "DDR", "YUG", "CSK", "YMD"})
#: Code prefixes of bodies whose country, if any, follows the prefix ("MNCUSA", "NGOUSAENV").
PREFIXED_SECTORS = {"IGO": None, "NGO": "NGO", "MNC": "BUS", "IMG": "REB"}
#: The dictionaries' own country codes for states whose ISO 3166-1 alpha-3 code differs.
CODE_FIXES = {"KSV": "XKX", "TMP": "TLS", "ROM": "ROU", "PAL": "PSE", "ZAR": "COD", "BUR": "MMR"}
#: Below this share of lower-case uses in the reference corpus a word is a name.
ORDINARY_SHARE = 0.5
#: A surname borne by more people of the dictionaries than this names none of them alone.
MAX_SURNAME_BEARERS = 10
#: How alike an alias and one of the country's own names must be to count as a spelling of it.
SPELLING_SIMILARITY = 0.75
_CONNECTORS = frozenset({"of", "the", "and", "for", "in", "on", "de", "del", "la", "le", "des", "du", "al", "el", "bin", "van", "von", "da"})
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")
_LATIN_LIMIT = 0x250


@dataclass(slots=True)
class Sources:
    """What the conversion reads: the dictionaries, a reference corpus, the places it knows."""

    phoenix: Path
    corpus: Path
    excluded_docs: frozenset[str] = frozenset()  # doc ids of the corpus never read (held-out gold)


@dataclass(slots=True)
class Vocabulary:
    """Word knowledge the filters need, built once per conversion."""

    ordinary: frozenset[str]  # lower-cased words English mostly writes in lower case, and words of role nouns
    adjectives: frozenset[str]  # lower-cased English adjectives (demonyms among them)
    common_surnames: frozenset[tuple[str, ...]]
    places: dict[tuple[str, ...], tuple[str, str, bool]] = field(default_factory=dict)  # key -> (kind, country, capital)
    country_names: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # code -> the gazetteer's names
    territories: frozenset[str] = frozenset()  # ISO codes of the gazetteer's countries and territories


# ---------------------------------------------------------------- the conversion


def convert(sources: Sources, out_dir: Path = PHOENIX_DIR) -> tuple[int, int]:
    """Write the actor and agent tables; (actors written, agent forms written)."""
    agents = list(convert_agents(sources.phoenix / AGENT_SOURCE))
    vocabulary = build_vocabulary(sources, {word for noun, _, _ in agents for word in noun.split()})
    actors = list(convert_actors([sources.phoenix / name for name in ACTOR_SOURCES], vocabulary))
    out_dir.mkdir(parents=True, exist_ok=True)
    header = [f"Generated by scripts/convert_phoenix.py from the Phoenix dictionaries ({', '.join(ACTOR_SOURCES)});",
              "facts of the Open Event Data Alliance's Phoenix dictionaries, MIT license: see LICENSE-phoenix.txt.",
              "Do not edit: comity's own files (people.yaml, organizations.yaml...) win over these on any conflict."]
    by_default = [a for a in actors if loaded_by_default(a)]
    on_request = [a for a in actors if not loaded_by_default(a)]
    write_table(out_dir / ACTOR_TABLE, header, ACTOR_COLUMNS, (actor_row(a) for a in by_default))
    write_table(out_dir / ORGANIZATION_TABLE, header, ACTOR_COLUMNS, (actor_row(a) for a in on_request))
    agent_header = [header[0].replace(", ".join(ACTOR_SOURCES), AGENT_SOURCE), *header[1:]]
    write_table(out_dir / AGENT_TABLE, agent_header, AGENT_COLUMNS, ("\t".join(row) for row in agents))
    return len(actors), len(agents)


def loaded_by_default(entry: ActorEntry) -> bool:
    """States' names, people, international bodies and businesses join comity's own knowledge
    by default; other organisations (ministries, parties, NGOs, armed groups) and regions are
    bundled for `--actors`: measured, they cost more false events than they find."""
    return entry.actor.kind not in ("org", "place") or entry.agent == "BUS"


def convert_actors(paths: Sequence[Path], vocabulary: Vocabulary) -> Iterator[ActorEntry]:
    """Comity entries of the dictionaries' actors, in their order, filtered as the module says."""
    states = frozenset(iso3_codes()) | HISTORICAL_STATES
    actors = [_with_iso_codes(actor) for path in paths for actor in read_actors(path).actors]
    shared = _shared_person_aliases(actors, states)
    surnames = _surname_counts(actors)
    taken: set[tuple[str, ...]] = set()
    seen_ids: Counter[str] = Counter()
    for actor in actors:
        entry = _entry(actor, states, vocabulary, shared, taken)
        if entry is not None and entry.actor.kind == "person":
            entry = _with_surname(entry, surnames, vocabulary)
        if entry is None:
            continue
        seen_ids[entry.actor_id] += 1
        if seen_ids[entry.actor_id] > 1 and entry.actor.kind != "state":
            entry = _renamed(entry, f"{entry.actor_id}-{seen_ids[entry.actor_id]}")
        yield entry


def convert_agents(path: Path) -> Iterator[tuple[str, str, str]]:
    """(noun form, agent code, canonical noun): a prefix agent's code keeps its "~" ("NGO~")."""
    seen: set[str] = set()
    for agent in read_agents(path).agents:
        noun = _clean(agent.noun)
        if noun and noun not in seen:
            seen.add(noun)
            yield noun, agent.code + "~" if agent.prefix else agent.code, noun


# ---------------------------------------------------------------- one actor


def _entry(actor: PetrarchActor, states: frozenset[str], vocabulary: Vocabulary, shared: set[tuple[str, ...]],
           taken: set[tuple[str, ...]]) -> ActorEntry | None:
    fixed = next((c.code for c in actor.codes if c.start is None and c.end is None), None)
    dated = [c for c in actor.codes if c.start is not None or c.end is not None]
    current = next((c.code for c in dated if c.end is None and c.code in states), None)
    any_code = fixed or current or actor.codes[0].code  # "Ukraine": USRUKR until 1991, UKR since
    kind = _kind(any_code, [c.code for c in dated], states, actor.names)
    country = _country(any_code, states | vocabulary.territories)
    names = [n for n in (_written(raw) for raw in actor.names) if n]
    if kind == "state":
        return _state_entry(any_code, names, vocabulary, taken, primary=fixed == any_code)
    kept = [n for n in names if _usable(n, kind, vocabulary, shared) and name_key(n) not in taken]
    alone = [n for n in kept if kind == "person" and len(name_key(n)) == 1]  # "Albert", "Karzai"
    kept = [n for n in kept if n not in alone]
    if not kept:
        return None
    taken.update(name_key(n) for n in kept)
    agent = None if kind == "person" else _sector(any_code, country)
    if kind == "org" and agent is None and country and any_code[:3] == country and len(any_code) == 6:
        kind = "place"  # "Gaza" (PSEGZA), "Guam" (USAGUM): a region of a country, no actor of its own
    slug = "-".join(name_key(kept[0]))[:60]
    record = Actor(f"{kind}:phoenix-{slug}", kept[0], kind, country, fixed if fixed or not dated else None)
    roles = tuple(Role("", c.code, c.start, c.end) for c in dated if c.start is None or c.end is None or c.start < c.end)
    return ActorEntry(record, names=tuple(kept), surnames=tuple(alone), roles=roles, agent=agent)


def _surname_counts(actors: Iterable[PetrarchActor]) -> Counter[tuple[str, ...]]:
    return Counter(_surname_key(actor.names[0]) for actor in actors if any(c.start or c.end for c in actor.codes))


def _surname_key(name: str) -> tuple[str, ...]:
    return name_key(name)[-1:] if len(name_key(name)) >= 2 else ()


def _with_surname(entry: ActorEntry, bearers: Counter[tuple[str, ...]], vocabulary: Vocabulary) -> ActorEntry:
    key = _surname_key(entry.actor.name)
    surname = entry.actor.name.split()[-1] if key else ""
    if not key or len(surname) < 3 or bearers[key] > MAX_SURNAME_BEARERS or key[0] in vocabulary.ordinary:
        return entry
    if key in vocabulary.common_surnames or key[0] in _CONNECTORS:
        return entry
    return replace(entry, surnames=tuple(dict.fromkeys((*entry.surnames, surname))))


def _state_entry(code: str, names: list[str], vocabulary: Vocabulary, taken: set[tuple[str, ...]],
                 primary: bool = True) -> ActorEntry | None:
    """A state's aliases sorted into names, demonyms and its capital (other places dropped). The
    first name is the state's own when the block's undated code is the state's (`primary`), and
    is judged as any alias when the block is a territory that became the state ("Donets Basin")."""
    kept: dict[str, list[str]] = {"names": [], "demonyms": [], "metonyms": []}
    own = [*([name_key(names[0])] if primary and names else []), *vocabulary.country_names.get(code, ())]
    for name in names:
        key = name_key(name)
        form = "names" if primary and name is names[0] else _state_alias_form(key, code, own, vocabulary)
        if form is None or key in taken or not _usable(name, "state", vocabulary, set()):
            continue
        taken.add(key)
        kept[form].append(name)
    if not any(kept.values()):
        return None
    record = Actor(f"state:{code}", next(n for form in kept.values() for n in form), "state", code, code)
    return ActorEntry(record, names=tuple(kept["names"]), demonyms=tuple(kept["demonyms"]), metonyms=tuple(kept["metonyms"]))


def _state_alias_form(key: tuple[str, ...], code: str, own: Sequence[tuple[str, ...]], vocabulary: Vocabulary) -> str | None:
    place = vocabulary.places.get(key)
    if place is not None:
        kind, country, capital = place
        if kind == "country":
            return "names" if country == code else None
        return "metonyms" if capital and country == code else None  # a city or region is a place
    if len(key) == 1 and key[0] in vocabulary.adjectives:
        return "demonyms"
    return "names" if _a_form_of(key, own) else None


def _a_form_of(key: tuple[str, ...], own: Sequence[tuple[str, ...]]) -> bool:
    """Whether an alias holds one of the country's own names or spells one ("Afganistan")."""
    joined = " ".join(key)
    for name in own:
        if len(key) > len(name) and any(key[i : i + len(name)] == name for i in range(len(key) - len(name) + 1)):
            return True
        if SequenceMatcher(None, joined, " ".join(name)).ratio() >= SPELLING_SIMILARITY:
            return True
    return False


def _usable(name: str, kind: str, vocabulary: Vocabulary, shared: set[tuple[str, ...]]) -> bool:
    key = name_key(name)
    if not key or len("".join(key)) < 2:
        return False
    if len(key) == 1 and key[0] in vocabulary.ordinary:
        return False
    if kind == "org" and all(word in vocabulary.ordinary or word in _CONNECTORS for word in key):
        return False  # "Secretary of State": a body of any country
    if kind == "person" and len(key) == 1 and (key in vocabulary.common_surnames or key in shared):
        return False
    return True


def _shared_person_aliases(actors: Iterable[PetrarchActor], states: frozenset[str]) -> set[tuple[str, ...]]:
    """One-word aliases that two or more people of the dictionaries bear ("Bush")."""
    counts: Counter[tuple[str, ...]] = Counter()
    for actor in actors:
        if any(c.start is not None or c.end is not None for c in actor.codes):
            counts.update({name_key(n) for n in actor.names if len(name_key(n)) == 1})
    return {key for key, n in counts.items() if n > 1}


#: Words that make a dated entry a body, not a person ("Supreme Soviet", "Politburo of ...").
BODY_WORDS = frozenset({"council", "party", "assembly", "committee", "soviet", "republic", "ministry", "army",
                        "front", "union", "federation", "government", "parliament", "politburo", "presidium",
                        "congress", "court", "commission", "office", "department", "forces", "junta", "cabinet",
                        "movement", "organization", "organisation", "group", "bank", "agency", "sfsr"})


#: Sectors of a person's dated codes ("AFGGOV", "EGYELI"); a dated code without one is a
#: territory's ("USRUKR" until 1991, then "UKR").
PERSON_SECTORS = frozenset({"GOV", "ELI", "MIL", "LEG", "JUD", "PTY", "OPP", "REB", "COP", "SPY", "MED", "BUS",
                            "EDU", "LAB", "HRI", "REL", "CRM", "AGR", "HLH", "DEV", "ENV", "UAF", "NGO", "IGO",
                            "CVL", "MUS", "CHR", "JEW"})


def _kind(code: str, dated: Sequence[str], states: frozenset[str], names: Sequence[str] = ()) -> str:
    """A person (dated codes naming a sector, an international office among them, and no word
    of a body in the name), an international body, a state (its undated code is one) or
    another organisation."""
    body = any(set(name_key(n)) & BODY_WORDS for n in names)
    if any(_has_person_sector(c) for c in dated) and not body:
        return "person"  # "Lord Carrington": NATO's secretary general from 1984 to 1988
    if code.startswith("IGO"):
        return "igo"
    if code in states:
        return "state"
    return "org"


def _has_person_sector(code: str) -> bool:
    return any(code[i : i + 3] in PERSON_SECTORS for i in range(3, len(code), 3)) or code[:3] in {"IGO", "NGO"}


def _with_iso_codes(actor: PetrarchActor) -> PetrarchActor:
    return replace(actor, codes=tuple(replace(c, code=_iso_code(c.code)) for c in actor.codes))


def _iso_code(code: str) -> str:
    at = 3 if code[:3] in PREFIXED_SECTORS else 0
    prefix = code[at : at + 3]
    return code[:at] + CODE_FIXES[prefix] + code[at + 3 :] if prefix in CODE_FIXES else code


def _country(code: str, states: frozenset[str]) -> str | None:
    prefix = code[:3]
    if prefix in PREFIXED_SECTORS:
        prefix = code[3:6]
    return prefix if prefix in states else None


def _sector(code: str, country: str | None) -> str | None:
    """The sector an organisation's code gives ("KWTMED" -> MED, "MNCUSA" -> BUS, "MEAREB" ->
    REB); none for a region's code ("PSEGZA": Gaza)."""
    if code[:3] in PREFIXED_SECTORS:
        return PREFIXED_SECTORS[code[:3]]
    rest = code[3:6]
    return rest if rest in PERSON_SECTORS | {"REB", "RAD", "INS", "SEP", "UAF", "IMG"} else None


def _renamed(entry: ActorEntry, actor_id: str) -> ActorEntry:
    actor = entry.actor
    return ActorEntry(Actor(actor_id, actor.name, actor.kind, actor.country, actor.code), entry.names,
                      entry.abbreviations, entry.demonyms, entry.metonyms, entry.surnames, entry.roles,
                      entry.gender, entry.agent, entry.origin)


# ---------------------------------------------------------------- names as written


def _written(raw: str) -> str | None:
    """A dictionary name as text writes it: "HAMID KARZAI" -> "Hamid Karzai", "UN" stays,
    "UNITED NATIONS COMMISSION FOR REFUGEES" -> "United Nations Commission for Refugees";
    names in other scripts and stray characters are dropped."""
    text = _clean(raw)
    if not text or any(ord(c) >= _LATIN_LIMIT for c in text):
        return None
    words = text.split()
    if len(words) == 1 and (len(words[0].replace(".", "")) <= 3 or "." in words[0]):
        return words[0].upper()
    return " ".join(_word_case(word, i) for i, word in enumerate(words))


def _word_case(word: str, position: int) -> str:
    if "." in word and len(word) <= 6:
        return word.upper()  # "U.N.", "U.S."
    if position and word.lower() in _CONNECTORS:
        return word.lower()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _clean(raw: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFC", raw) if c.isprintable())
    text = text.replace("+", " ").strip(" ,;:_")
    return " ".join(text.split()).lower() if text.isupper() or text.islower() else " ".join(text.split())


# ---------------------------------------------------------------- word knowledge


def build_vocabulary(sources: Sources, role_words: Iterable[str] = ()) -> Vocabulary:
    places = _places()
    country_names: dict[str, list[tuple[str, ...]]] = {}
    for key, (kind, country, _) in places.items():
        if kind == "country":
            country_names.setdefault(country, []).append(key)
    return Vocabulary(
        ordinary=ordinary_words(sources.corpus, sources.excluded_docs) | frozenset(role_words),
        adjectives=_english_adjectives(),
        common_surnames=_common_surname_keys(),
        places=places,
        country_names=country_names,
        territories=frozenset(country_names),
    )


def ordinary_words(corpus: Path, excluded: frozenset[str] = frozenset()) -> frozenset[str]:
    """Words the corpus writes in lower case at least `ORDINARY_SHARE` of the times it writes
    them where case tells (not opening a sentence, not in a line of capitals)."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for text in _corpus_texts(corpus, excluded):
        for line in text.splitlines():
            if line.isupper():
                continue
            for match in _TOKEN.finditer(line):
                word = match.group()
                before = line[: match.start()].rstrip()
                if not before or before[-1] in '.!?:"':
                    continue
                (lower if word.islower() else capital)[word.lower()] += 1
    return frozenset(w for w, n in lower.items() if n >= ORDINARY_SHARE * (n + capital[w]) and n >= 2)


def _corpus_texts(corpus: Path, excluded: frozenset[str]) -> Iterator[str]:
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("doc_id") not in excluded:
                yield record.get("text") or ""


def _english_adjectives() -> frozenset[str]:
    """The adjectives of spaCy's English lemmatizer tables (WordNet's), "afghan" and "greek" among them."""
    from comity.stages.parse import load_nlp

    tables = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(tables["adj"]) if "adj" in tables else frozenset()


def _common_surname_keys() -> frozenset[tuple[str, ...]]:
    lines = (ACTORS_DIR / "common_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(name_key(line) for line in lines if line.strip() and not line.startswith("#"))


def _places() -> dict[tuple[str, ...], tuple[str, str, bool]]:
    """Names of countries, regions and cities of the gazetteer: (kind, country, capital), the
    best-ranked entry of each name."""
    from comity.knowledge.gazetteer import Gazetteer

    places = {}
    for name, entry in Gazetteer.default().best_entries():
        if entry.country and entry.kind in {"country", "region", "city"}:
            places.setdefault(name_key(name), (entry.kind, entry.country, entry.capital))
    return places


def excluded_docs(gold_files: Iterable[Path]) -> frozenset[str]:
    """The doc ids of gold files, whose texts the reference corpus leaves out."""
    ids = set()
    for path in gold_files:
        with path.open(encoding="utf-8") as lines:
            ids.update(json.loads(line)["doc_id"] for line in lines if line.strip())
    return frozenset(ids)
