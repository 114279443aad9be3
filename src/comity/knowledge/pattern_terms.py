"""The words a pattern asks for: noun phrases, synonym sets, prepositional phrases.

A term is written as a string, or a list of strings (alternatives):

    aid                  a word (matched on the word as written or its lemma, any case)
    arms shipment        a noun phrase: the last word its head, the others words before it
    "&WEAPON"            a synonym set (quote it in YAML: a bare & starts an anchor)
    "&WEAPON attack"     a head with a modifier out of a set
    relations | ties     alternatives in one string

A prepositional phrase is its preposition, then optionally a term: `to`, `to border`,
`in &DETENTION`, `for financial aid`, `of relations | ties`.

Synonym sets come from `data/patterns/synsets.yaml` (ours) and the broad layer's
`data/patterns/broad/synsets.json` (converted from PETRARCH2's dictionary); a set named in
both has the members of both. A member may be a phrase ("armed forces") or another set.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from comity.config import DATA_DIR
from comity.errors import KnowledgeError
from comity.knowledge.files import read_yaml_mapping

OWN_SYNSETS = DATA_DIR / "patterns" / "synsets.yaml"
BROAD_SYNSETS = DATA_DIR / "patterns" / "broad" / "synsets.json"

Synsets = Mapping[str, tuple[tuple[str, ...], ...]]  # "&NAME" -> member phrases, lower case


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase: a head out of `head`, and for each modifier set a word before the head
    in its phrase out of that set."""

    head: frozenset[str]
    modifiers: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True, slots=True)
class Term:
    phrases: tuple[Phrase, ...]  # alternatives
    text: str = ""  # as written, for messages

    @property
    def heads(self) -> frozenset[str]:
        """Every word that can stand as the head: one of them must be in the sentence."""
        return frozenset().union(*(phrase.head for phrase in self.phrases))


@dataclass(frozen=True, slots=True)
class PrepTerm:
    """A preposition the trigger (or its object, or the phrase before) governs, with a term
    its object must match, if any."""

    preposition: str
    object: Term | None = None


# ---------------------------------------------------------------- reading terms


def parse_term(value: Any, synsets: Synsets, origin: str, key: str) -> Term | None:
    """A term from its written form: a string or a list of alternative strings; None if absent."""
    if value is None:
        return None
    refuse_yaml_boolean(value, origin, key)
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(item, str) and item.strip() for item in items):
        raise KnowledgeError(f"{origin}: {key!r} must be a word, a phrase or a list of them")
    phrases: list[Phrase] = []
    for item in items:
        for alternative in item.split("|"):
            if not alternative.split():
                raise KnowledgeError(f"{origin}: {key!r} has an empty alternative in {item!r}")
            phrases += phrases_of(alternative.split(), synsets, origin)
    return Term(_grouped(phrases), " | ".join(items))


def parse_terms(value: Any, synsets: Synsets, origin: str, key: str) -> tuple[Term, ...]:
    """A list of required terms, each a string or a list of alternatives."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise KnowledgeError(f"{origin}: {key!r} must be a list of words or phrases")
    return tuple(term for item in items if (term := parse_term(item, synsets, origin, key)) is not None)


def parse_prep(value: Any, synsets: Synsets, origin: str) -> tuple[PrepTerm, ...]:
    """`prep: for`, `prep: "to border"`, `prep: [on alert, along border]`."""
    if value is None:
        return ()
    refuse_yaml_boolean(value, origin, "prep")
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) and item.split() for item in items):
        raise KnowledgeError(f"{origin}: 'prep' must be a preposition, 'preposition phrase', or a list of them")
    found = []
    for item in items:
        preposition, *rest = item.split()
        obj = parse_term(" ".join(rest), synsets, origin, "prep") if rest else None
        found.append(PrepTerm(preposition.lower(), obj))
    return tuple(found)


def refuse_yaml_boolean(value: Any, origin: str, key: str) -> None:
    """YAML reads a bare on, off, yes or no as true or false: say to quote it."""
    items = value if isinstance(value, list) else [value]
    if any(isinstance(item, bool) for item in items):
        raise KnowledgeError(f"{origin}: {key!r} holds true/false: quote the words on, off, yes and no (\"on\"), YAML reads them as booleans")


def phrases_of(words: list[str], synsets: Synsets, origin: str) -> list[Phrase]:
    """The alternatives of one written phrase: its head's alternatives (a set expands to its
    members), each with the phrase's modifiers."""
    *modifiers, head = words
    modifier_sets = tuple(_modifier_words(word, synsets, origin) for word in modifiers)
    if head.startswith("&"):
        return [Phrase(member.head, member.modifiers + modifier_sets) for member in _members(head, synsets, origin)]
    return [Phrase(frozenset({head.lower()}), modifier_sets)]


def _members(name: str, synsets: Synsets, origin: str, seen: frozenset[str] = frozenset()) -> list[Phrase]:
    key = _set_name(name)
    if key not in synsets:
        raise KnowledgeError(f"{origin}: unknown synonym set {name!r}; define it in data/patterns/synsets.yaml or in the dictionary")
    if key in seen:
        raise KnowledgeError(f"{origin}: synonym set {name!r} contains itself")
    phrases: list[Phrase] = []
    for member in synsets[key]:
        if len(member) == 1 and member[0].startswith("&"):
            phrases += _members(member[0], synsets, origin, seen | {key})
        else:
            phrases += phrases_of(list(member), synsets, origin)
    return phrases


def _modifier_words(word: str, synsets: Synsets, origin: str) -> frozenset[str]:
    """A modifier position: a word, or a set standing for the head words of its members."""
    if not word.startswith("&"):
        return frozenset({word.lower()})
    return frozenset().union(*(phrase.head for phrase in _members(word, synsets, origin)))


def _grouped(phrases: Iterable[Phrase]) -> tuple[Phrase, ...]:
    """Alternatives with the same modifiers as one phrase with several heads."""
    by_modifiers: dict[tuple[frozenset[str], ...], set[str]] = {}
    for phrase in phrases:
        by_modifiers.setdefault(phrase.modifiers, set()).update(phrase.head)
    return tuple(Phrase(frozenset(heads), modifiers) for modifiers, heads in by_modifiers.items())


# ---------------------------------------------------------------- synonym set files


@cache
def default_synsets() -> Synsets:
    """The broad layer's sets and ours; a set named in both has the members of both."""
    return merged_synsets(read_broad_synsets(BROAD_SYNSETS), read_own_synsets(OWN_SYNSETS))


def merged_synsets(*layers: Synsets) -> dict[str, tuple[tuple[str, ...], ...]]:
    merged: dict[str, tuple[tuple[str, ...], ...]] = {}
    for layer in layers:
        for name, members in layer.items():
            known = merged.get(name, ())
            merged[name] = known + tuple(m for m in members if m not in known)
    return merged


def read_own_synsets(path: Path) -> dict[str, tuple[tuple[str, ...], ...]]:
    """`NAME: [word, "two words", "&OTHER"]`, one set a key."""
    if not path.exists():
        return {}
    data = read_yaml_mapping(path, "synonym set file")
    sets: dict[str, tuple[tuple[str, ...], ...]] = {}
    for name, members in data.items():
        if not isinstance(name, str) or not isinstance(members, list) or not all(isinstance(m, str) and m.split() for m in members):
            raise KnowledgeError(f"{path}: synonym set {name!r} must be a name with a list of words or phrases")
        sets[_set_name(name)] = tuple(tuple(member.lower().split()) if not member.startswith("&") else (member.upper(),) for member in members)
    return sets


def read_broad_synsets(path: Path) -> dict[str, tuple[tuple[str, ...], ...]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read the synonym sets: {exc}") from exc
    return {_set_name(name): tuple(tuple(member.split()) for member in members) for name, members in data.items()}


def _set_name(name: str) -> str:
    """ "&NAME": PETRARCH's trailing "_" (no plurals made) does not change which set it is."""
    return "&" + name.lstrip("&").upper().rstrip("_")
