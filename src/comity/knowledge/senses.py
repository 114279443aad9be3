"""Senses in which an event word names no event: figures of speech, markets, generic struggles.

`data/senses/not_events.yaml` lists, per trigger lemma, the dependents (object, modifier,
adverb, subject), the governing verb or the words of a reported clause that put the word in such
a sense: "reserves hit a record", "a price war", "fight inflation", "marching forward", "honoured
its commitment", "said prices would fall". The events stage drops a trigger in one of these senses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from comity.config import DATA_DIR
from comity.errors import KnowledgeError
from comity.knowledge.files import read_yaml_mapping

DEFAULT_SENSES = DATA_DIR / "senses" / "not_events.yaml"
DEPENDENTS = ("object", "modifier", "adverb", "subject", "governor", "reported")


@dataclass(frozen=True, slots=True)
class NonEventSense:
    why: str
    lemmas: frozenset[str]
    words: dict[str, frozenset[str]]  # dependent kind (or governor) -> lemmas that mark the sense


class NonEventSenses:
    """The senses by trigger lemma."""

    def __init__(self, senses: list[NonEventSense]):
        self.senses = senses
        index: dict[str, list[NonEventSense]] = defaultdict(list)
        for sense in senses:
            for lemma in sense.lemmas:
                index[lemma].append(sense)
        self._by_lemma = dict(index)

    @classmethod
    def default(cls) -> NonEventSenses:
        return _default_senses()

    @classmethod
    def from_file(cls, path: Path) -> NonEventSenses:
        data = read_yaml_mapping(path, "sense file")
        entries = data.get("senses")
        if not isinstance(entries, list):
            raise KnowledgeError(f"sense file {path} must hold a list under 'senses'")
        return cls([_sense(entry, path, number) for number, entry in enumerate(entries, start=1)])

    def for_lemma(self, lemma: str) -> list[NonEventSense]:
        return self._by_lemma.get(lemma.lower(), [])


@cache
def _default_senses() -> NonEventSenses:
    return NonEventSenses.from_file(DEFAULT_SENSES)


def _sense(entry: object, path: Path, number: int) -> NonEventSense:
    where = f"sense file {path}, entry {number}"
    if not isinstance(entry, dict) or not entry.get("lemma"):
        raise KnowledgeError(f"{where}: each entry needs 'lemma' and at least one of {', '.join(DEPENDENTS)}")
    unknown = set(entry) - {"why", "lemma", *DEPENDENTS}
    if unknown:
        raise KnowledgeError(f"{where}: unknown keys {sorted(unknown)}")
    words = {kind: _lemmas(entry[kind], where, kind) for kind in DEPENDENTS if kind in entry}
    if not words:
        raise KnowledgeError(f"{where}: give at least one of {', '.join(DEPENDENTS)}")
    return NonEventSense(str(entry.get("why", "")), _lemmas(entry["lemma"], where, "lemma"), words)


def _lemmas(value: object, where: str, key: str) -> frozenset[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) and item for item in items):
        raise KnowledgeError(f"{where}: {key!r} must be a word or a list of words (quote on, off, yes, no)")
    return frozenset(item.lower() for item in items)
