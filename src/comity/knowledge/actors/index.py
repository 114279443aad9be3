"""The name index: every surface form of every actor, matched longest first, with its case rule."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from comity.knowledge.actors.records import ActorEntry, NameForm
from comity.knowledge.actors.words import Word, joinable, name_key, word_texts


_MAX_NAME_WORDS = 16


@dataclass(slots=True)
class Index:
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
            if end >= len(words) or not joinable(text, words[end - 1], words[end]):
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


def one_per_actor(forms: Iterable[NameForm]) -> tuple[NameForm, ...]:
    seen: dict[str, NameForm] = {}
    for form in forms:
        seen.setdefault(form.actor_id, form)
    return tuple(seen.values())


def case_accepts(form: NameForm, first: Word) -> bool:
    if form.case == "exact":
        return first.text == form.written
    if form.case == "upper":
        return first.text.isupper()
    if form.case == "capitalized":
        return first.text[:1].isupper() or first.text[:1].isdigit()
    return True


def case_rule(name: str) -> tuple[str, str]:
    """How the case of a name must look in text, from how the knowledge writes it."""
    words = word_texts(name)
    first = words[0] if words else name
    letters = "".join(words[:2]) if len(words) <= 2 else first
    if letters.isupper() and len(letters) <= 3:
        return "exact", first
    if letters.isupper() and len(letters) >= 4:
        return "any", first
    if first[:1].isupper():
        return "capitalized", first
    return "any", first


def build_name_index(entries: Iterable[ActorEntry]) -> Index:
    index = Index()
    for entry in entries:
        for form, names in _surface_forms(entry):
            for name in names:
                case, written = entry_case(entry, name)
                index.add(name_key(name), NameForm(entry.actor_id, form, case, written))
    _without_surnames_of_states(index)
    return index


def _without_surnames_of_states(index: Index) -> None:
    """A surname spelt like a state's name is the state when written alone ("Turkey said", not
    Osman Olcay Turkey; "Jordan", not Michael Jordan): the person is still found by full name."""
    for key, values in index.forms.items():
        if any(v.actor_id.startswith("state:") and v.form != "surname" for v in values):
            values[:] = [v for v in values if v.form != "surname"]


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
