"""Records of actor knowledge: an actor with its names and dated roles, and what matching finds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from comity.model import Actor, Span


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
    broad: bool = False  # from the bundled dictionaries: its surname alone refers back, never names it first
    since: date | None = None  # a state's first day ("state:RUS": 1991-12-26), for a name two states share
    until: date | None = None  # the day it ceased ("state:SUN": 1991-12-26, exclusive)

    @property
    def actor_id(self) -> str:
        return self.actor.actor_id

    def merged(self, other: ActorEntry) -> ActorEntry:
        """This entry extended by a later entry with the same id (the later one wins on scalars)."""
        return replace(
            self,
            actor=other.actor if other.actor.name else self.actor,
            names=unique(self.names + other.names),
            abbreviations=unique(self.abbreviations + other.abbreviations),
            demonyms=unique(self.demonyms + other.demonyms),
            metonyms=unique(self.metonyms + other.metonyms),
            surnames=unique(self.surnames + other.surnames),
            roles=self.roles + other.roles,
            gender=other.gender or self.gender,
            agent=other.agent or self.agent,
            wire=other.wire or self.wire,
            broad=self.broad and other.broad,
            since=other.since or self.since,
            until=other.until or self.until,
        )

    def existed_on(self, on: date | None) -> bool:
        """Whether the actor existed on the date; with no date, whether it exists today."""
        if on is None:
            return self.until is None
        return (self.since is None or self.since <= on) and (self.until is None or on < self.until)


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
    broad: bool = False  # a noun of the bundled dictionaries only: it codes an actor the text places


def unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))
