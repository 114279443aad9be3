"""Working records of the events stage: a trigger's match, a participant, a candidate mention."""

from __future__ import annotations

from dataclasses import dataclass, field

from comity.knowledge.event_patterns import EventPattern
from comity.model import Argument, Sentence, Span


@dataclass(slots=True)
class Match:
    trigger: object  # spaCy Token
    pattern: EventPattern
    obj: object | None  # the object token the pattern matched on, if any


@dataclass(slots=True)
class Participant:
    argument: Argument
    key: str  # identity for "is this the same actor": actor id, else code, else text
    group: bool = False  # one of the members of a group mention ("the two countries")
    place: bool = False  # a place standing for its country ("flew to Havana")


@dataclass(slots=True)
class Candidate:
    match: Match
    source: Participant | None
    target: Participant | None
    cameo: str
    date_span: Span | None
    rule: str
    mutual: bool = False  # from a group acting together ("X and Y met"): direction is arbitrary


@dataclass(slots=True)
class SentenceTokens:
    sentence: Sentence
    tokens: list = field(default_factory=list)  # spaCy Tokens inside the sentence


#: Agent codes of actors whose acts are no political events by themselves: companies,
#: multinationals, markets, media, schools, farms, hospitals.
NON_POLITICAL_AGENTS = frozenset({"BUS", "MNC", "MED", "EDU", "AGR", "HLH"})


def is_political(participant: Participant) -> bool:
    """A state, an organ of government, a party, an armed group, an international body, or
    people acting or acted on politically: anything but a business, media, school, farm or
    hospital actor."""
    return is_political_code(participant.argument.code)


def is_political_code(code: str | None) -> bool:
    code = code or ""
    sectors = {code[i : i + 3] for i in range(3, len(code), 3)} | {code[:3]}  # "BUS", "MNCUSA" lead with theirs
    return sectors.isdisjoint(NON_POLITICAL_AGENTS)
