"""Actor knowledge: the actors and agent nouns, with name matching and dated code look-up."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from pathlib import Path

from comity.errors import NotFoundError
from comity.knowledge.actors.files import (
    ACTORS_DIR,
    DEFAULT_ACTOR_FILES,
    DEFAULT_AGENT_FILES,
    BUNDLED_ACTOR_FILES,
    BUNDLED_AGENT_FILES,
    iso3_codes,
    petrarch_agent_row,
    read_actor_file,
    read_agent_file,
    read_deed_file,
)
from comity.knowledge.actors.bundled import merged_with_ours
from comity.knowledge.actors.table import read_actor_table
from comity.knowledge.actors.index import Index, build_name_index, case_accepts, one_per_actor
from comity.knowledge.actors.records import ActorEntry, AgentMatch, NameMatch, Role, unique
from comity.knowledge.actors.roles import code_parts, code_without_role, held_roles, ordered_parts, role_matches
from comity.knowledge.actors.words import name_key, words_of
from comity.model import Actor, Span


#: Codes of bodies tied to no one state: international governmental and non-governmental
#: organisations, multinational companies.
STATELESS_CODE_PREFIXES = ("IGO", "NGO", "MNC")


class ActorKnowledge:
    """Actors and agent nouns, with name matching and dated code look-up."""

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        agents: Iterable[tuple[str, str, str]] = (),
        deeds: Iterable[tuple[str, str]] = (),
        broad_agents: Iterable[tuple[str, str, str]] = (),
    ):
        self._entries: dict[str, ActorEntry] = {}
        for entry in entries:
            self._add(entry)
        self._agents: dict[tuple[str, ...], tuple[str, str]] = {}
        self._agent_index = Index()
        for noun, code, canonical in agents:
            self.add_agent(noun, code, canonical)
        ours = set(self._agents)
        for noun, code, canonical in broad_agents:  # behind ours: a noun of ours keeps our code
            self.add_agent(noun, code, canonical)
        self._broad_agents = frozenset(self._agents) - ours
        self._deeds = {name_key(noun): code for noun, code in deeds if name_key(noun)}
        self._names: Index | None = None
        self._given_names: frozenset[tuple[str, ...]] | None = None
        self._holders: dict[tuple[str, str, date | None], tuple[str, ...]] = {}  # memo of holders()
        self._office_bearers: dict[tuple[str, tuple[str, ...]], tuple[ActorEntry, ...]] = {}  # memo: office bearers ever
        self._people_by_country: dict[str, tuple[ActorEntry, ...]] | None = None  # code[:3] of a role -> people

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
        entries = bundled_entries() if include_default else []
        entries += [e for path in map(Path, extra_actor_files) for e in read_actor_file(path)]
        agent_files = [ACTORS_DIR / n for n in DEFAULT_AGENT_FILES] if include_default else []
        agent_paths = [*agent_files, *map(Path, extra_agent_files)]
        agents = [a for path in agent_paths for a in read_agent_file(path)]
        deeds = [d for path in agent_paths for d in read_deed_file(path)]
        bundled = [a for name in BUNDLED_AGENT_FILES for a in read_agent_file(ACTORS_DIR / name)] if include_default else []
        return cls(entries, agents, deeds, bundled)

    @classmethod
    def from_petrarch(
        cls, actors: Sequence[Path], agents: Sequence[Path], include_default: bool = False
    ) -> ActorKnowledge:
        """Knowledge from PETRARCH/Phoenix `.actors`/`.agents` dictionaries."""
        from comity.knowledge.petrarch_dicts import entries_from_petrarch, read_agents

        base = cls.load() if include_default else None
        entries = list(base._entries.values()) if base else []
        known_states = {e.actor.code for e in entries if e.actor.kind == "state"} or set(iso3_codes())
        entries += entries_from_petrarch(actors, known_states)
        agent_rows = list(base.agent_rows()) if base else []
        for path in agents:
            agent_rows += [petrarch_agent_row(a) for a in read_agents(path).agents]
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
        return list(unique(e.names + e.abbreviations + e.demonyms + e.metonyms + e.surnames))

    def with_agent(self, code: str, agent: str | None) -> str:
        """An actor code with an agent code added as PETRARCH composes them: "CAL" + "GOV" ->
        "CALGOV", "HGWGOV" + "MED" -> "HGWGOVMED"; a code already holding the agent is kept
        ("CALGOV" + "GOV", "PSEREBHMS" + "REB", "HGWGOVMED" + "GOVMED"), and only its missing parts
        are added to one holding some ("HGWGOV" + "GOVMED" -> "HGWGOVMED"). A prefix agent ("NGO~", from PETRARCH's
        "[NGO~]") goes before: "ARN" + "NGO~" -> "NGOARN"."""
        if not agent or code_parts(agent.strip("~")) <= code_parts(code):
            return code
        if agent.endswith("~"):
            return agent[:-1] + code
        held = code_parts(code)
        return code + "".join(part for part in ordered_parts(agent) if part not in held)

    def agent_for(self, noun: str) -> str | None:
        """The CAMEO agent code of an agent noun ("foreign minister" -> "GOV"), singular or plural."""
        found = self._agents.get(name_key(noun))
        return (found[1] or None) if found else None

    def deed_for(self, noun: str) -> str | None:
        """The agent code a deed noun gives the country named before it ("shelling" -> "MIL"
        in "Russian shelling"; "" for the country alone: "exports"); None: not a deed noun."""
        return self._deeds.get(name_key(noun))

    def is_broad(self, actor_id: str) -> bool:
        """Whether the actor comes from the bundled dictionaries alone (see `bundled`)."""
        return self.entry(actor_id).broad

    def is_common_surname(self, surname: str) -> bool:
        """A surname that alone does not single out one person: listed in common_names.txt
        ("Sánchez", "Johnson") or the given name of another known person ("Jonathan")."""
        key = name_key(surname)
        return key in _common_surnames() or key in self._given_name_keys()

    def _given_name_keys(self) -> frozenset[tuple[str, ...]]:
        if self._given_names is None:
            self._given_names = _given_names(e for e in self._entries.values() if not e.broad)
        return self._given_names

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
        own = self.actor(actor_id).country
        if code and own and not code.startswith(own) and f"state:{code[:3]}" in self:
            return code[:3]  # "Soviet Foreign Minister Eduard Shevardnadze" in 1987 acts for the Soviet Union, not Georgia
        return own

    def code_at(self, actor_id: str, on: date | None) -> tuple[str | None, str | None]:
        """The code and role title valid on a date (None: the latest known).

        A person holding no role on that date gets "<country>ELI" ("former …") when an
        office lay behind them, else their country alone; an actor without dated roles
        has its fixed code.
        """
        entry = self.entry(actor_id)
        if not entry.roles:
            return entry.actor.code, None
        held = held_roles(entry.roles, on, ranked=not entry.origin.startswith("petrarch:"))
        if held:
            return held[0].code, "; ".join(r.title for r in held if r.title) or None
        return code_without_role(entry, on)

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
            held = held_roles(entry.roles, on)
            role = next((r for r in held if r.code.startswith(country) and role_matches(r, noun_key)), None)
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
                for entry in self._people_with_roles_of(country)
                if entry.actor.kind == "person"
                and any(r.code.startswith(country) and role_matches(r, noun_key) for r in entry.roles)
            )
        return self._office_bearers[key]

    def _people_with_roles_of(self, country: str) -> Iterable[ActorEntry]:
        """The entries that may hold an office of `country` (an alpha-3 code), in knowledge order:
        those with a role whose code starts with it, found through an index built once (a scan
        of every entry cost about 20 ms for each country and office asked about)."""
        if len(country) != 3:
            return self._entries.values()
        if self._people_by_country is None:
            index: dict[str, list[ActorEntry]] = {}
            for entry in self._entries.values():
                if entry.actor.kind == "person":
                    for prefix in dict.fromkeys(role.code[:3] for role in entry.roles):
                        index.setdefault(prefix, []).append(entry)
            self._people_by_country = {prefix: tuple(entries) for prefix, entries in index.items()}
        return self._people_by_country.get(country, ())

    # -- matching

    def match_names(self, text: str, start: int = 0, end: int | None = None) -> list[NameMatch]:
        """Known names in text[start:end], longest first, never overlapping."""
        words = words_of(text, start, end)
        return [
            NameMatch(Span(words[i].start, words[j - 1].end), text[words[i].start : words[j - 1].end], one_per_actor(forms))
            for i, j, forms in self._name_index().scan(text, words, case_accepts)
        ]

    def match_agents(self, text: str, start: int = 0, end: int | None = None) -> list[AgentMatch]:
        """Agent nouns and honorifics in text[start:end] ("Foreign Minister", "delegation", "Comrade")."""
        words = words_of(text, start, end)
        matches = []
        for i, j, values in self._agent_index.scan(text, words, lambda v, w: True):
            noun, code = values[0]
            span = Span(words[i].start, words[j - 1].end)
            broad = tuple(w.norm for w in words[i:j]) in self._broad_agents
            matches.append(AgentMatch(span, span.text(text), noun, code, broad))
        return matches

    def _name_index(self) -> Index:
        if self._names is None:
            self._names = build_name_index(self._entries.values())
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


def bundled_entries() -> list[ActorEntry]:
    """Our own actors, joined by the bundled dictionaries' under the rules of `bundled`."""
    ours = [e for name in DEFAULT_ACTOR_FILES for e in read_actor_file(ACTORS_DIR / name)]
    theirs = [e for name in BUNDLED_ACTOR_FILES for e in read_actor_table(ACTORS_DIR / name, broad=True)]
    return merged_with_ours(ours, theirs)


@cache
def _default_knowledge() -> ActorKnowledge:
    """Built once per process, or read from the compiled-knowledge cache with its name index."""
    from comity.knowledge.compiled import compiled

    return compiled("actors", _indexed_default_knowledge, [ACTORS_DIR])


def _indexed_default_knowledge() -> ActorKnowledge:
    knowledge = ActorKnowledge._read((), (), include_default=True)
    knowledge._name_index()
    knowledge._given_name_keys()  # kept in the cache with the rest: 45 ms to find in every process
    knowledge._people_with_roles_of("USA")  # builds the index of office holders by country
    return knowledge
