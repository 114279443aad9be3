"""Actor knowledge: states, organisations, people with dated roles, and agent nouns.

Everything here is data read from plain files (`comity/data/actors/`, or files a
user passes), never written into code. Names are matched on normalised words:
case-folded, accents and apostrophes dropped, hyphens treated as spaces, so
"Díaz-Canel", "Diaz-Canel" and "Diaz Canel" are one name, as are "Kim Jong Un"
and "Kim Jong-un". Short acronyms ("UN", "US", "NK", "WHO") only match as
written, so the pronoun "us" or the word "who" never becomes an actor.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from comity.config import DATA_DIR
from comity.errors import KnowledgeError, NotFoundError
from comity.model import Actor, Span

ACTORS_DIR = DATA_DIR / "actors"
DEFAULT_ACTOR_FILES = ("states.tsv", "states.yaml", "organizations.yaml", "people.yaml", "people_world.yaml")
DEFAULT_AGENT_FILES = ("agents.yaml",)

#: Codes of bodies tied to no one state: international governmental and non-governmental
#: organisations, multinational companies.
STATELESS_CODE_PREFIXES = ("IGO", "NGO", "MNC")
#: When several roles are held at once, the code of the first sector in this order wins.
SECTOR_PRIORITY = ("GOV", "MIL", "LEG", "JUD", "PTY", "COP", "SPY", "MED", "ELI")
#: A match may run across these characters between words (hyphens, apostrophes, spaces).
_JOINERS = frozenset(" \t\u00a0-\u2010\u2011\u2012\u2013'\u2019")
_WORD = re.compile(r"[^\W_]+(?:['\u2019](?!s\b)[^\W_]+)*")
_MAX_NAME_WORDS = 16


# ---------------------------------------------------------------- words


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    norm: str


@lru_cache(maxsize=1 << 16)
def normalize_word(word: str) -> str:
    """Case-folded, accents and apostrophes removed: "Díaz" -> "diaz", "People’s" -> "peoples"."""
    if word.isascii():
        return word.lower().replace("'", "")
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold().replace("'", "").replace("\u2019", "")


@lru_cache(maxsize=64)  # name and agent matching read the words of one sentence in turn
def words_of(text: str, start: int = 0, end: int | None = None) -> tuple[Word, ...]:
    stop = len(text) if end is None else end
    return tuple(
        Word(m.start(), m.end(), m.group(), normalize_word(m.group()))
        for m in _WORD.finditer(text, start, stop)
    )


def name_key(name: str) -> tuple[str, ...]:
    """The lookup key of a name: its normalised words ("Kim Jong-un" -> ("kim", "jong", "un"))."""
    return tuple(normalize_word(m.group()) for m in _WORD.finditer(name.replace("_", " ")))


def _joinable(text: str, left: Word, right: Word) -> bool:
    """Whether two words may belong to one name: only spaces, hyphens, apostrophes between,
    or the full stop of a short abbreviation ("N. Korea", "U.S.", "Gen. Raúl")."""
    gap = text[left.end : right.start]
    if "." in gap:
        if len(left.text) > 3 or gap.count(".") > 1:
            return False
        gap = gap.replace(".", "")
    return _JOINERS.issuperset(gap)


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Role:
    """An office held from `start` (inclusive) to `end` (exclusive; None: still held)."""

    title: str
    code: str
    start: date | None = None
    end: date | None = None
    leader: bool = False  # the country's paramount leader while held

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor with every way the text may name it and the roles it held."""

    actor: Actor
    names: tuple[str, ...] = ()  # the first is the canonical name
    abbreviations: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()  # capitals and seats standing for the government
    surnames: tuple[str, ...] = ()  # how the text refers back to a person ("Kim", "Díaz-Canel")
    roles: tuple[Role, ...] = ()
    gender: str | None = None  # "m" | "f", for pronouns
    agent: str | None = None  # sector of an organisation: "PTY", "MED", "MIL"…
    origin: str = ""  # "file:line" it was read from
    wire: bool = False  # a world news agency: its country says nothing of the stories it files

    @property
    def actor_id(self) -> str:
        return self.actor.actor_id

    def merged(self, other: ActorEntry) -> ActorEntry:
        """This entry extended by a later entry with the same id (the later one wins on scalars)."""
        return replace(
            self,
            actor=other.actor if other.actor.name else self.actor,
            names=_unique(self.names + other.names),
            abbreviations=_unique(self.abbreviations + other.abbreviations),
            demonyms=_unique(self.demonyms + other.demonyms),
            metonyms=_unique(self.metonyms + other.metonyms),
            surnames=_unique(self.surnames + other.surnames),
            roles=self.roles + other.roles,
            gender=other.gender or self.gender,
            agent=other.agent or self.agent,
            wire=other.wire or self.wire,
        )


@dataclass(frozen=True, slots=True)
class NameForm:
    """What a surface form names: an actor, how ("name", "variant", "abbreviation",
    "demonym", "metonym", "surname"), and how its case must look in the text."""

    actor_id: str
    form: str
    case: str  # "exact" | "upper" | "capitalized" | "any"
    written: str  # the first word as written in the knowledge file


@dataclass(frozen=True, slots=True)
class NameMatch:
    span: Span
    text: str
    forms: tuple[NameForm, ...]  # every actor this surface form may name, knowledge order


@dataclass(frozen=True, slots=True)
class AgentMatch:
    span: Span
    text: str
    noun: str  # the canonical agent noun: "foreign minister"
    code: str  # CAMEO agent code, "" for an honorific ("Comrade", "respected")


@dataclass(slots=True)
class _Index:
    forms: dict[tuple[str, ...], list[Any]] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)  # every key's leading words, to stop early

    def add(self, key: tuple[str, ...], value: Any) -> None:
        key = key[:_MAX_NAME_WORDS]
        if not key:
            return
        values = self.forms.setdefault(key, [])
        if value not in values:
            values.append(value)
        for length in range(1, len(key) + 1):
            self.prefixes.add(key[:length])

    def scan(self, text: str, words: Sequence[Word], accept) -> Iterator[tuple[int, int, list[Any]]]:
        """Longest matches left to right: (first word, end word, accepted values)."""
        i = 0
        while i < len(words):
            found = self._longest_at(text, words, i, accept)
            if found is None:
                i += 1
                continue
            end, values = found
            yield i, end, values
            i = end

    def _longest_at(self, text: str, words: Sequence[Word], i: int, accept):
        keys = []
        key: tuple[str, ...] = (words[i].norm,)
        end = i + 1
        while key in self.prefixes:
            keys.append((end, key))
            if end >= len(words) or not _joinable(text, words[end - 1], words[end]):
                break
            key += (words[end].norm,)
            end += 1
        for end, key in reversed(keys):
            values = self.forms.get(key)
            if values:
                kept = [v for v in values if accept(v, words[i])]
                if kept:
                    return end, kept
        return None


# ---------------------------------------------------------------- knowledge


class ActorKnowledge:
    """Actors and agent nouns, with name matching and dated code look-up."""

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        agents: Iterable[tuple[str, str, str]] = (),
        deeds: Iterable[tuple[str, str]] = (),
    ):
        self._entries: dict[str, ActorEntry] = {}
        for entry in entries:
            self._add(entry)
        self._agents: dict[tuple[str, ...], tuple[str, str]] = {}
        self._agent_index = _Index()
        for noun, code, canonical in agents:
            self.add_agent(noun, code, canonical)
        self._deeds = {name_key(noun): code for noun, code in deeds if name_key(noun)}
        self._names: _Index | None = None
        self._given_names: frozenset[tuple[str, ...]] | None = None
        self._holders: dict[tuple[str, str, date | None], tuple[str, ...]] = {}  # memo of holders()
        self._office_bearers: dict[tuple[str, tuple[str, ...]], tuple[ActorEntry, ...]] = {}  # memo: office bearers ever

    # -- construction

    @classmethod
    def default(cls) -> ActorKnowledge:
        """The bundled knowledge (cached: built once per process)."""
        return _default_knowledge()

    @classmethod
    def load(
        cls,
        extra_actor_files: Sequence[Path] = (),
        extra_agent_files: Sequence[Path] = (),
        include_default: bool = True,
    ) -> ActorKnowledge:
        """Bundled knowledge extended by user files: comity YAML/TSV, or PETRARCH/Phoenix
        dictionaries (any other extension). Without extra files this is `default()`."""
        if include_default and not extra_actor_files and not extra_agent_files:
            return _default_knowledge()
        return cls._read(extra_actor_files, extra_agent_files, include_default)

    @classmethod
    def _read(
        cls, extra_actor_files: Sequence[Path], extra_agent_files: Sequence[Path], include_default: bool
    ) -> ActorKnowledge:
        actor_files = [ACTORS_DIR / n for n in DEFAULT_ACTOR_FILES] if include_default else []
        agent_files = [ACTORS_DIR / n for n in DEFAULT_AGENT_FILES] if include_default else []
        entries = [e for path in [*actor_files, *map(Path, extra_actor_files)] for e in read_actor_file(path)]
        agent_paths = [*agent_files, *map(Path, extra_agent_files)]
        agents = [a for path in agent_paths for a in read_agent_file(path)]
        deeds = [d for path in agent_paths for d in read_deed_file(path)]
        return cls(entries, agents, deeds)

    @classmethod
    def from_petrarch(
        cls, actors: Sequence[Path], agents: Sequence[Path], include_default: bool = False
    ) -> ActorKnowledge:
        """Knowledge from PETRARCH/Phoenix `.actors`/`.agents` dictionaries."""
        from comity.knowledge.petrarch_dicts import entries_from_petrarch, read_agents

        base = cls.load() if include_default else None
        entries = list(base._entries.values()) if base else []
        known_states = {e.actor.code for e in entries if e.actor.kind == "state"} or set(_iso3_codes())
        entries += entries_from_petrarch(actors, known_states)
        agent_rows = list(base.agent_rows()) if base else []
        for path in agents:
            agent_rows += [_petrarch_agent_row(a) for a in read_agents(path).agents]
        return cls(entries, agent_rows, base.deed_rows() if base else ())

    def _add(self, entry: ActorEntry) -> None:
        existing = self._entries.get(entry.actor_id)
        self._entries[entry.actor_id] = existing.merged(entry) if existing else entry

    def add_agent(self, noun: str, code: str, canonical: str | None = None) -> None:
        key = name_key(noun)
        if not key:
            return
        value = (canonical or noun, code)
        self._agents.setdefault(key, value)
        self._agent_index.add(key, value)

    def agent_rows(self) -> Iterator[tuple[str, str, str]]:
        for key, (canonical, code) in self._agents.items():
            yield " ".join(key), code, canonical

    def deed_rows(self) -> list[tuple[str, str]]:
        return [(" ".join(key), code) for key, code in self._deeds.items()]

    # -- look-ups

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._entries

    def entries(self) -> Iterator[ActorEntry]:
        yield from self._entries.values()

    def entry(self, actor_id: str) -> ActorEntry:
        try:
            return self._entries[actor_id]
        except KeyError:
            raise NotFoundError(f"no actor {actor_id!r}; try `comity actor NAME` to search by name") from None

    def actor(self, actor_id: str) -> Actor:
        return self.entry(actor_id).actor

    def roles(self, actor_id: str) -> list[Role]:
        return sorted(self.entry(actor_id).roles, key=lambda r: (r.start or date.min, r.title))

    def variants(self, actor_id: str) -> list[str]:
        e = self.entry(actor_id)
        return list(_unique(e.names + e.abbreviations + e.demonyms + e.metonyms + e.surnames))

    def with_agent(self, code: str, agent: str | None) -> str:
        """An actor code with an agent code added as PETRARCH composes them: "CAL" + "GOV" ->
        "CALGOV", "HGWGOV" + "MED" -> "HGWGOVMED"; a code already holding the agent is kept
        ("CALGOV" + "GOV", "PSEREBHMS" + "REB", "HGWGOVMED" + "GOVMED"), and only its missing parts
        are added to one holding some ("HGWGOV" + "GOVMED" -> "HGWGOVMED"). A prefix agent ("NGO~", from PETRARCH's
        "[NGO~]") goes before: "ARN" + "NGO~" -> "NGOARN"."""
        if not agent or _code_parts(agent.strip("~")) <= _code_parts(code):
            return code
        if agent.endswith("~"):
            return agent[:-1] + code
        held = _code_parts(code)
        return code + "".join(part for part in _ordered_parts(agent) if part not in held)

    def agent_for(self, noun: str) -> str | None:
        """The CAMEO agent code of an agent noun ("foreign minister" -> "GOV"), singular or plural."""
        found = self._agents.get(name_key(noun))
        return (found[1] or None) if found else None

    def deed_for(self, noun: str) -> str | None:
        """The agent code a deed noun gives the country named before it ("shelling" -> "MIL"
        in "Russian shelling"; "" for the country alone: "exports"); None: not a deed noun."""
        return self._deeds.get(name_key(noun))

    def is_common_surname(self, surname: str) -> bool:
        """A surname that alone does not single out one person: listed in common_names.txt
        ("Sánchez", "Johnson") or the given name of another known person ("Jonathan")."""
        key = name_key(surname)
        if self._given_names is None:
            self._given_names = _given_names(self._entries.values())
        return key in _common_surnames() or key in self._given_names

    def search(self, name: str) -> list[Actor]:
        """Actors whose names contain every word of `name`, exact names first."""
        wanted = name_key(name)
        if not wanted:
            return []
        exact, partial = [], []
        for entry in self._entries.values():
            keys = [name_key(n) for n in self.variants(entry.actor_id)] + [name_key(entry.actor_id)]
            if wanted in keys:
                exact.append(entry.actor)
            elif any(set(wanted) <= set(k) for k in keys):
                partial.append(entry.actor)
        return exact + partial

    def country_for(self, actor_id: str, code: str | None) -> str | None:
        """The country an actor stands for under this code: none for an international body's
        office ("UN Secretary-General António Guterres" acts for the UN, not Portugal),
        else the actor's own."""
        if code and code.startswith(STATELESS_CODE_PREFIXES):
            return None
        return self.actor(actor_id).country

    def code_at(self, actor_id: str, on: date | None) -> tuple[str | None, str | None]:
        """The code and role title valid on a date (None: the latest known).

        A person holding no role on that date gets "<country>ELI" ("former …") when an
        office lay behind them, else their country alone; an actor without dated roles
        has its fixed code.
        """
        entry = self.entry(actor_id)
        if not entry.roles:
            return entry.actor.code, None
        held = _held_roles(entry.roles, on, ranked=not entry.origin.startswith("petrarch:"))
        if held:
            return held[0].code, "; ".join(r.title for r in held if r.title) or None
        return _code_without_role(entry, on)

    def holders(self, country: str, noun: str, on: date | None) -> list[str]:
        """People holding an office of a country (by the code the role gives) named by `noun`
        on a date ("president" -> the president; "leader" -> the paramount leader)."""
        key = (country, noun, on)
        if key not in self._holders:
            self._holders[key] = self._find_holders(country, noun, on)
        return list(self._holders[key])

    def _find_holders(self, country: str, noun: str, on: date | None) -> tuple[str, ...]:
        noun_key = name_key(noun)
        found: list[tuple[str, Role]] = []
        for entry in self._bearers_of(country, noun_key):
            held = _held_roles(entry.roles, on)
            role = next((r for r in held if r.code.startswith(country) and _role_matches(r, noun_key)), None)
            if role is not None:
                found.append((entry.actor_id, role))
        # "president" of the assembly is not "the president": prefer government, then the leader.
        for narrower in (lambda r: r.code[3:6] == "GOV", lambda r: r.leader):
            if len(found) > 1 and any(narrower(r) for _, r in found):
                found = [(a, r) for a, r in found if narrower(r)]
        return tuple(actor_id for actor_id, _ in found)

    def _bearers_of(self, country: str, noun_key: tuple[str, ...]) -> tuple[ActorEntry, ...]:
        """People who hold or held, at any date, an office of a country named by the noun."""
        key = (country, noun_key)
        if key not in self._office_bearers:
            self._office_bearers[key] = tuple(
                entry
                for entry in self._entries.values()
                if entry.actor.kind == "person"
                and any(r.code.startswith(country) and _role_matches(r, noun_key) for r in entry.roles)
            )
        return self._office_bearers[key]

    # -- matching

    def match_names(self, text: str, start: int = 0, end: int | None = None) -> list[NameMatch]:
        """Known names in text[start:end], longest first, never overlapping."""
        words = words_of(text, start, end)
        return [
            NameMatch(Span(words[i].start, words[j - 1].end), text[words[i].start : words[j - 1].end], _one_per_actor(forms))
            for i, j, forms in self._name_index().scan(text, words, _case_accepts)
        ]

    def match_agents(self, text: str, start: int = 0, end: int | None = None) -> list[AgentMatch]:
        """Agent nouns and honorifics in text[start:end] ("Foreign Minister", "delegation", "Comrade")."""
        words = words_of(text, start, end)
        matches = []
        for i, j, values in self._agent_index.scan(text, words, lambda v, w: True):
            noun, code = values[0]
            span = Span(words[i].start, words[j - 1].end)
            matches.append(AgentMatch(span, span.text(text), noun, code))
        return matches

    def _name_index(self) -> _Index:
        if self._names is None:
            self._names = _build_name_index(self._entries.values())
        return self._names


@cache
def _common_surnames() -> frozenset[tuple[str, ...]]:
    lines = (ACTORS_DIR / "common_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(name_key(line) for line in lines if line.strip() and not line.startswith("#"))


def _given_names(entries: Iterable[ActorEntry]) -> frozenset[tuple[str, ...]]:
    """The given names of known people whose names end in their surname ("Petro" of "Petro
    Poroshenko"); a name written surname first ("Kim Jong Un", "Mao Ning") gives none."""
    firsts = set()
    for entry in entries:
        surnames = [name_key(s) for s in entry.surnames]
        for name in (entry.actor.name, *entry.names):
            words = name_key(name)
            ends_in_surname = any(len(words) > len(sk) and words[-len(sk):] == sk for sk in surnames if sk)
            if ends_in_surname and words[:1] not in surnames:  # not "Fidel", known by his first name
                firsts.add(words[:1])
    return frozenset(firsts)


@cache
def _default_knowledge() -> ActorKnowledge:
    return ActorKnowledge._read((), (), include_default=True)


def _code_parts(code: str) -> set[str]:
    """The three-letter parts of a CAMEO code: "PSEREBHMS" -> {"PSE", "REB", "HMS"}."""
    return set(_ordered_parts(code))


def _ordered_parts(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _one_per_actor(forms: Iterable[NameForm]) -> tuple[NameForm, ...]:
    seen: dict[str, NameForm] = {}
    for form in forms:
        seen.setdefault(form.actor_id, form)
    return tuple(seen.values())


def _held_roles(roles: Sequence[Role], on: date | None, ranked: bool = True) -> list[Role]:
    """Roles held on a date, the leading one first (PETRARCH entries: the first listed wins)."""
    if on is None:
        held = [r for r in roles if r.end is None]
    else:
        held = [r for r in roles if r.held_on(on)]
    return sorted(held, key=_role_rank) if ranked else held


def _role_rank(role: Role) -> tuple[int, int]:
    sector = role.code[3:6]
    rank = SECTOR_PRIORITY.index(sector) if sector in SECTOR_PRIORITY else len(SECTOR_PRIORITY)
    return (0 if role.leader else 1, rank)


def _code_without_role(entry: ActorEntry, on: date | None) -> tuple[str | None, str | None]:
    country = entry.actor.country
    past = [r for r in entry.roles if r.end is not None and (on is None or r.end <= on)]
    if entry.actor.code:
        return entry.actor.code, None
    if past and country and entry.actor.kind == "person":
        last = max(past, key=lambda r: r.end or date.min)
        return f"{country}ELI", f"former {last.title}" if last.title else None
    return country, None


def _role_matches(role: Role, noun_key: tuple[str, ...]) -> bool:
    if noun_key in {("leader",), ("supreme", "leader"), ("top", "leader")}:
        return role.leader
    title = name_key(role.title)
    if len(title) < len(noun_key) or title[: len(noun_key)] != noun_key:
        return False
    # "president" names "president of the State Affairs Commission" but not "vice president…".
    return True


def _case_accepts(form: NameForm, first: Word) -> bool:
    if form.case == "exact":
        return first.text == form.written
    if form.case == "upper":
        return first.text.isupper()
    if form.case == "capitalized":
        return first.text[:1].isupper() or first.text[:1].isdigit()
    return True


def case_rule(name: str) -> tuple[str, str]:
    """How the case of a name must look in text, from how the knowledge writes it."""
    words = words_of(name.replace("_", " "))
    first = words[0].text if words else name
    letters = "".join(w.text for w in words[:2]) if len(words) <= 2 else first
    if letters.isupper() and len(letters) <= 3:
        return "exact", first
    if letters.isupper() and len(letters) >= 4:
        return "any", first
    if first[:1].isupper():
        return "capitalized", first
    return "any", first


def _build_name_index(entries: Iterable[ActorEntry]) -> _Index:
    index = _Index()
    for entry in entries:
        for form, names in _surface_forms(entry):
            for name in names:
                case, written = entry_case(entry, name)
                index.add(name_key(name), NameForm(entry.actor_id, form, case, written))
    return index


def entry_case(entry: ActorEntry, name: str) -> tuple[str, str]:
    if entry.origin.startswith("petrarch:"):
        key = name.split()
        if len(key) == 1 and len(key[0].replace(".", "")) <= 3:
            return "upper", name
        return "capitalized", name
    return case_rule(name)


def _surface_forms(entry: ActorEntry) -> Iterator[tuple[str, tuple[str, ...]]]:
    yield "name", entry.names[:1]
    yield "variant", entry.names[1:]
    yield "abbreviation", entry.abbreviations
    yield "demonym", entry.demonyms
    yield "metonym", entry.metonyms
    yield "surname", entry.surnames


# ---------------------------------------------------------------- files


#: libyaml's parser when PyYAML was built with it (about ten times faster), else PyYAML's own.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A YAML loader that records each mapping's line as "__line__" and leaves dates as
    text, so a bad date is reported with its file and line rather than by PyYAML.
    Node marks carry line numbers with libyaml's parser too."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_actor_file(path: Path) -> list[ActorEntry]:
    """Actors from a comity YAML or TSV file, or a PETRARCH/Phoenix dictionary."""
    if not path.is_file():
        raise KnowledgeError(f"{path}: actor file not found")
    if path.suffix in {".yaml", ".yml"}:
        return _read_actor_yaml(path)
    if path.suffix == ".tsv":
        return _read_states_tsv(path)
    from comity.knowledge.petrarch_dicts import entries_from_petrarch

    return entries_from_petrarch([path], set(_iso3_codes()))


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise KnowledgeError(f"{where}: not valid YAML: {' '.join(str(exc).split())}") from exc


def _read_actor_yaml(path: Path) -> list[ActorEntry]:
    data = _load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise KnowledgeError(f"{path}:1: expected a mapping with a list under 'actors:'")
    return [_entry_from_mapping(item, path) for item in data["actors"]]


def _entry_from_mapping(item: Any, path: Path) -> ActorEntry:
    line = item.get("__line__", 0) if isinstance(item, dict) else 0
    where = f"{path}:{line}"
    if not isinstance(item, dict) or not item.get("id"):
        raise KnowledgeError(f"{where}: an actor needs at least an 'id'")
    actor_id = str(item["id"])
    kind = str(item.get("kind") or actor_id.split(":", 1)[0])
    name = str(item.get("name") or "")
    country = item.get("country")
    code = item.get("code")
    if kind == "state" and not code:
        code = country or actor_id.split(":", 1)[-1]
        country = country or code
    actor = Actor(actor_id=actor_id, name=name, kind=kind, country=country, code=code)
    return ActorEntry(
        actor=actor,
        names=_unique([name, *_strings(item, "names", where)]),
        abbreviations=_strings(item, "abbreviations", where),
        demonyms=_strings(item, "demonyms", where),
        metonyms=_strings(item, "metonyms", where),
        surnames=_strings(item, "surnames", where),
        roles=tuple(_role_from(r, where, country) for r in item.get("roles") or ()),
        gender=item.get("gender"),
        agent=item.get("agent"),
        origin=where,
        wire=bool(item.get("wire", False)),
    )


def _strings(item: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = item.get(key) or ()
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: '{key}' must be a list of names")
    return tuple(value)


def _role_from(raw: Any, where: str, country: str | None) -> Role:
    """A role as a mapping {title, code, start, end, leader} or a list
    [title, code, start, end] with an optional fifth item "leader"."""
    if isinstance(raw, list) and 2 <= len(raw) <= 5:
        raw = dict(zip(("title", "code", "start", "end"), raw)) | {"leader": "leader" in raw[4:]}
    if not isinstance(raw, dict) or "code" not in raw:
        raise KnowledgeError(f"{where}: a role is [title, code, start, end] or a mapping with 'title' and 'code'")
    code = str(raw["code"])
    if code.startswith("~") and country:  # "~GOV": the agent code of the actor's own country
        code = country + code[1:]
    return Role(
        title=str(raw.get("title") or ""),
        code=code,
        start=_as_date(raw.get("start"), where),
        end=_as_date(raw.get("end"), where),
        leader=bool(raw.get("leader", False)),
    )


def _as_date(value: Any, where: str) -> date | None:
    """A date from YYYY-MM-DD, or YYYY-MM / YYYY meaning the first day of that month or year."""
    if value is None or isinstance(value, date):
        return value
    text = str(value)
    padded = {4: "-01-01", 7: "-01"}.get(len(text), "")
    try:
        return date.fromisoformat(text + padded)
    except ValueError:
        raise KnowledgeError(f"{where}: {value!r} is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)") from None


def _read_states_tsv(path: Path) -> list[ActorEntry]:
    """The generated state table: iso3, name, other names and capital ("|"-separated)."""
    entries = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader((line for line in handle), delimiter="\t")
        for line_no, row in enumerate(rows, start=1):
            if not row or row[0].startswith("#") or row[0] == "iso3":
                continue
            if len(row) != 4:
                raise KnowledgeError(f"{path}:{line_no}: expected 4 tab-separated columns, got {len(row)}")
            iso3, name, others, capitals = row
            actor = Actor(f"state:{iso3}", name, "state", iso3, iso3)
            entries.append(
                ActorEntry(
                    actor=actor,
                    names=_unique([name, *others.split("|")]),
                    metonyms=_unique(capitals.split("|")),
                    origin=f"{path}:{line_no}",
                )
            )
    return entries


def read_agent_file(path: Path) -> list[tuple[str, str, str]]:
    """(noun form, agent code, canonical noun) rows from a comity YAML agent file or a
    PETRARCH agents dictionary."""
    if not path.is_file():
        raise KnowledgeError(f"{path}: agent file not found")
    if path.suffix not in {".yaml", ".yml"}:
        from comity.knowledge.petrarch_dicts import read_agents

        return [_petrarch_agent_row(a) for a in read_agents(path).agents]
    data = _load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("agents"), dict):
        raise KnowledgeError(f"{path}:1: expected a mapping with 'agents:' (code -> list of nouns)")
    rows = []
    for code, nouns in data["agents"].items():
        if code == "__line__":
            continue
        if not isinstance(nouns, list):
            raise KnowledgeError(f"{path}: agents.{code} must be a list of nouns")
        for noun in nouns:
            rows += [(form, str(code), str(noun).split("|")[0]) for form in noun_forms(str(noun))]
    for honorific in data.get("honorifics") or ():
        rows.append((str(honorific), "", str(honorific)))
    return rows


def read_deed_file(path: Path) -> list[tuple[str, str]]:
    """(noun form, agent code) rows from the 'deeds:' of a comity YAML agent file: what a
    country does or owns, so a demonym before it is that country acting ("Russian shelling").
    The key "country" stands for no agent code ("Cuban exports" -> CUB)."""
    if path.suffix not in {".yaml", ".yml"}:
        return []
    deeds = (_load_yaml(path) or {}).get("deeds") or {}
    if not isinstance(deeds, dict):
        raise KnowledgeError(f"{path}: 'deeds:' must map an agent code (or 'country') to a list of nouns")
    rows = []
    for code, nouns in deeds.items():
        if code == "__line__":
            continue
        if not isinstance(nouns, list):
            raise KnowledgeError(f"{path}:{deeds.get('__line__', 0)}: deeds.{code} must be a list of nouns")
        agent = "" if code == "country" else str(code)
        rows += [(form, agent) for noun in nouns for form in noun_forms(str(noun))]
    return rows


def _petrarch_agent_row(agent: Any) -> tuple[str, str, str]:  # agent: petrarch_dicts.PetrarchAgent
    """(noun, code, noun); a prefix agent keeps its "~" after the code ("NGO~")."""
    return agent.noun, agent.code + "~" if agent.prefix else agent.code, agent.noun


def noun_forms(noun: str) -> list[str]:
    """A noun and its regular plural ("delegation" -> "delegations", "spokesman" -> "spokesmen")."""
    if "|" in noun:  # "person|people": plural given
        return noun.split("|")
    head, _, last = noun.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in set("aeiou"):
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch", "x")):
        plural = last + "es"
    else:
        plural = last + "s"
    return [noun, prefix + plural]


@cache
def _iso3_codes() -> tuple[str, ...]:
    return tuple(
        e.actor.code or "" for e in _read_states_tsv(ACTORS_DIR / "states.tsv")
    )
