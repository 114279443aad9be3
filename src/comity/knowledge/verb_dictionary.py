"""A PETRARCH verb dictionary as comity patterns: the reader's blocks and patterns compiled
into pattern records with the keys of `comity.knowledge.event_patterns`, so the shipped
broad layer, dictionaries given with `--verbs` and comity's own YAML are one kind of thing.

How a dictionary pattern becomes a record:

- the block's verbs are the pattern's `verb` lemmas (a multi-word verb, "+CALL_OFF", is a
  pattern of its own: the verb word with its other words as particles or object words);
- words after `*` are `after` terms, except particles (UP, OFF, DOWN...) which are
  `particle`, and a bare preposition followed by a word or a slot, read as a prepositional
  phrase as TABARI did ("FROM $ TO +"); `(PREP ...)` is a `prep` entry;
- words before `*` are `before` terms (the subject side); words joined to `*` by "_" are
  `preceded_by` / `followed_by`;
- `$` and `+` name the source and target slots by where they stand: before the verb the
  subject (the object, in a passive pattern whose agent "(BY $)" is the other side), after
  it the object, inside "(PREP ...)" that preposition's object. Without `+` the target is
  the object, a dative, a party's preposition or "between"; without `$` the source is the
  subject. Every compiled pattern is mutual ("X and Y <verb>" with no target codes each on
  the other, as PETRARCH codes compound actors), so `%` (a compound actor) needs nothing
  more; `^` is accepted and has no effect (constraints are not matched as word sequences);
- codes: `[042:043]` is `cameo: "042"` with `reverse: "043"`; `[:110]` (only the reverse)
  is `cameo: "110"` with source and target slots swapped; `[---]` is `cameo: "---"` (no
  event). A verb or a block whose own code is `[---]` and no pattern fits codes nothing.
  The plain statement code (010) makes the pattern `speech`: it frames what it says.
- every compiled pattern needs a target (PETRARCH codes dyads); a code that is not in the
  codebook makes the phrase no event (`cameo: "---"`, not a plainer code of its verb), and
  is listed in `problems`, never silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comity.knowledge.cameo import Codebook
from comity.knowledge.event_patterns import USER_LAYER, PatternSet
from comity.knowledge.pattern_terms import Synsets, default_synsets, merged_synsets
from comity.knowledge.petrarch_verbs import Code, Element, Marker, Pattern, PrepPhrase, Verb, VerbBlock, VerbDictionary, Words, read_verb_dictionary

#: Words after the verb that are its particle, not a noun of the object side.
PARTICLES = frozenset({"up", "down", "off", "out", "away", "back", "aside", "forward", "forwards", "over", "around", "together", "apart", "along", "ahead"})
#: Words after the verb that open a prepositional phrase when a word or a slot follows them.
PREPOSITIONS = frozenset(
    {"about", "above", "across", "after", "against", "amid", "among", "around", "as", "at", "before", "behind",
     "below", "beside", "between", "beyond", "by", "despite", "during", "for", "from", "in", "inside", "into",
     "near", "of", "on", "onto", "outside", "past", "since", "through", "throughout", "to", "toward", "towards",
     "under", "until", "upon", "via", "with", "within", "without"}
)  # fmt: skip
DEFAULT_TARGET = ("object", "dative", "complement", "prep:*", "between", "inside")
#: The slots of a verb coded alone: its subject acts on what its phrase names; "X and Y
#: <verb>" with no target is each on the other, as PETRARCH codes compound actors.
BARE_SLOTS: dict[str, Any] = {"source": ["subject"], "target": list(DEFAULT_TARGET), "mutual": True}


@dataclass(slots=True)
class Compiled:
    records: list[tuple[dict[str, Any], str]] = field(default_factory=list)  # (record, "file:line")
    problems: list[str] = field(default_factory=list)


def compile_dictionary(
    dictionary: VerbDictionary, codebook: Codebook, extra: dict[str, Any] | None = None, widened: bool = False
) -> Compiled:
    """Pattern records of every block; `extra` keys are added to each record (the broad layer
    marks its patterns `political`). `widened`: the blocks were widened with synonyms
    (CAMEO.2.0.txt, from WordNet), so a pattern whose comment names verbs of its block applies
    to those verbs only (the comment records the verb it was written for), and no verb is
    coded alone by its block's code, only multi-word verbs with a code of their own."""
    compiled = Compiled(problems=list(dictionary.problems))
    for block in dictionary.blocks:
        for record, line in _block_records(dictionary, block, widened, compiled.problems):
            record.update(_code_keys(record.pop("_code"), codebook, dictionary.where(line), compiled.problems))
            _swap_if_reverse_only(record)
            record.update(extra or {})
            compiled.records.append((record, dictionary.where(line)))
    return compiled


def _block_records(dictionary: VerbDictionary, block: VerbBlock, widened: bool, problems: list[str]) -> Iterator[tuple[dict[str, Any], int]]:
    name = dictionary.path.name
    single = [verb for verb in block.verbs if len(verb.words) == 1]
    lemmas = sorted({verb.lemma.lower() for verb in single})
    yield from _verbs_alone(dictionary, block, widened, problems)
    for pattern in block.patterns:
        named = verbs_named(pattern.comment, block.verbs) if widened else []
        pattern_id = f"{name}:{block.meaning}:{pattern.line}"
        single_named = sorted({verb.lemma.lower() for verb in named if len(verb.words) == 1})
        if single_named or (lemmas and not named):
            yield {"id": pattern_id, "verb": single_named or lemmas, **pattern_keys(pattern), "_code": pattern.code, "need_target": True}, pattern.line
        for verb in (verb for verb in named if len(verb.words) > 1):
            keys = _merged(_verb_keys(verb), pattern_keys(pattern))
            yield {"id": f"{pattern_id}:{'_'.join(verb.words)}", **keys, "_code": pattern.code, "need_target": True}, pattern.line


def _verbs_alone(dictionary: VerbDictionary, block: VerbBlock, widened: bool, problems: list[str]) -> Iterator[tuple[dict[str, Any], int]]:
    """Records of verbs coded by themselves: the block's code for its plain verbs, and verbs
    with a code of their own; of a widened dictionary, only multi-word verbs with their own."""
    name = dictionary.path.name
    plain = sorted({verb.lemma.lower() for verb in block.verbs if len(verb.words) == 1 and verb.code is None})
    if plain and not block.code.is_null:
        if widened:
            problems.append(f"{dictionary.where(block.line)}: its code for its verbs alone ({block.code.text}) left out")
        else:
            yield {"id": f"{name}:{block.meaning}:{block.line}", "verb": plain, **BARE_SLOTS, "_code": block.code, "need_target": True}, block.line
    for verb in block.verbs:
        code = verb.code or block.code
        if (len(verb.words) == 1 and verb.code is None) or code.is_null:
            continue
        if widened and (len(verb.words) == 1 or verb.code is None):
            problems.append(f"{dictionary.where(verb.line)}: the code for the verb alone ({code.text}) left out")
            continue
        yield {"id": f"{name}:{block.meaning}:{verb.line}", **_verb_keys(verb), **BARE_SLOTS, "_code": code, "need_target": True}, verb.line


def verbs_named(comment: str, verbs: Sequence[Verb]) -> list[Verb]:
    """The verbs of a block that a pattern's comment names, in any form ("CARRIED_OUT , CARRY_OUT")."""
    words = [word for word in re.split(r"[\s,]+", comment.split("<")[0].upper()) if word]
    return [verb for verb in verbs if any(word in _written_forms(verb) for word in words)]


def _written_forms(verb: Verb) -> set[str]:
    """A verb as written, its irregular forms and its regular inflections ("RUSHED")."""
    head = verb.words[verb.head]
    stem = head[:-1] if head.endswith("E") else head
    endings = {head, head + "S", head + "ES", head + "ED", head + "D", stem + "ING", stem + "ED", head + head[-1] + "ED", head + head[-1] + "ING"}
    if head.endswith("Y"):
        endings |= {head[:-1] + "IES", head[:-1] + "IED"}
    forms = {"_".join(verb.words[: verb.head] + (ending,) + verb.words[verb.head + 1 :]) for ending in endings}
    return forms | {form.replace("+", "") for form in verb.forms}


def _merged(verb_keys: dict[str, Any], keys: dict[str, Any]) -> dict[str, Any]:
    merged = dict(keys)
    for key, value in verb_keys.items():
        merged[key] = value if key == "verb" else list(value) + list(keys.get(key, []))
    return merged


def _verb_keys(verb: Verb) -> dict[str, Any]:
    """A verb, or a multi-word verb as its verb word with the other words as constraints."""
    words = [word.lower() for word in verb.words]
    keys: dict[str, Any] = {"verb": [words[verb.head]]}
    if verb.head > 0:
        keys["preceded_by"] = words[: verb.head]
    following = words[verb.head + 1 :]
    particles = [word for word in following if word in PARTICLES or word in PREPOSITIONS]
    others = [word for word in following if word not in particles]
    if particles:
        keys["particle"] = particles
    if others:
        keys["after"] = others
    return keys


def _code_keys(code: Code, codebook: Codebook, where: str, problems: list[str]) -> dict[str, Any]:
    """The code keys of a pattern. A code the codebook lacks makes the phrase no event (it is
    not coded as something plainer either), and says so in `problems`."""
    if code.is_null:
        return {"cameo": "---"}
    unknown = [part for part in (code.primary, code.reverse) if part is not None and part not in codebook]
    if code.primary is not None and code.primary in unknown or code.primary is None and code.reverse in unknown:
        problems.append(f"{where}: code [{code.text}] is not in the CAMEO codebook; the phrase codes no event")
        return {"cameo": "---"}
    if code.primary is None:
        return {"cameo": code.reverse, "_reverse_only": True} | _speech(code.reverse)
    if code.reverse in unknown:
        problems.append(f"{where}: reverse code of [{code.text}] is not in the CAMEO codebook; coded one way only")
        return {"cameo": code.primary} | _speech(code.primary)
    return {"cameo": code.primary} | ({"reverse": code.reverse} if code.reverse else {}) | _speech(code.primary)


def _speech(code: str) -> dict[str, Any]:
    """A statement not specified below (010, "said") frames what it says: no event of its own
    when that is coded."""
    return {"speech": True} if code == "010" else {}


def _swap_if_reverse_only(record: dict[str, Any]) -> None:
    """[:110]: the event runs from the pattern's target to its source."""
    if record.pop("_reverse_only", False):
        source, target = record.get("source", ["subject"]), record.get("target", list(DEFAULT_TARGET))
        record["source"], record["target"] = target, source


# ---------------------------------------------------------------- one pattern


def pattern_keys(pattern: Pattern) -> dict[str, Any]:
    """The constraint and slot keys of one dictionary pattern."""
    keys = _Keys()
    passive = any(isinstance(e, PrepPhrase) and e.preposition.lower() == "by" and any(isinstance(o, Marker) for o in e.objects) for e in pattern.after)
    for element in pattern.before:
        keys.add_before(element, "object" if passive else "subject")
    for element in _with_bare_prepositions(pattern.after):
        keys.add_after(element)
    keys.preceded_by = [word.lower() for word in pattern.joined_before]
    keys.followed_by = [word.lower() for word in pattern.joined_after]
    return keys.as_record()


@dataclass(slots=True)
class _Keys:
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    particle: list[str] = field(default_factory=list)
    prep: list[str] = field(default_factory=list)
    preceded_by: list[str] = field(default_factory=list)
    followed_by: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)

    def add_before(self, element: Element, slot: str) -> None:
        if isinstance(element, Words):
            self.before.append(term_text(element))
        elif isinstance(element, Marker):
            self._mark(element, slot)
        else:  # an actor named inside the subject phrase ("refugees from +")
            for inner in element.objects:
                self.add_before(inner, "subject")

    def add_after(self, element: Element) -> None:
        if isinstance(element, Marker):
            self._mark(element, "object")
        elif isinstance(element, PrepPhrase):
            self._prep(element)
        elif len(element.words) == 1 and element.words[0].lower() in PARTICLES:
            self.particle.append(element.words[0].lower())
        else:
            self.after.append(term_text(element))

    def _prep(self, phrase: PrepPhrase) -> None:
        preposition = phrase.preposition.lower()
        words = [term_text(o) for o in phrase.objects if isinstance(o, Words)]
        self.prep.append(" ".join([preposition, words[0]]) if words else preposition)
        self.prep.extend(f"{preposition} {more}" for more in words[1:])
        for marker in (o for o in phrase.objects if isinstance(o, Marker)):
            self._mark(marker, f"prep:{preposition}")

    def _mark(self, marker: Marker, slot: str) -> None:
        if marker.symbol == "$":
            self.source.append(slot)
        elif marker.symbol == "+":
            self.target.append(slot)

    def as_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            key: value
            for key, value in (("before", self.before), ("after", self.after), ("particle", self.particle), ("prep", self.prep),
                               ("preceded_by", self.preceded_by), ("followed_by", self.followed_by))
            if value
        }  # fmt: skip
        record["source"] = self.source or ["subject"]
        record["target"] = self.target or list(DEFAULT_TARGET)
        record["mutual"] = True  # as BARE_SLOTS
        return record


def _with_bare_prepositions(elements: Sequence[Element]) -> list[Element]:
    """TABARI-style "FROM $ TO +": a bare preposition with the word or slot after it is a
    prepositional phrase."""
    found: list[Element] = []
    position = 0
    while position < len(elements):
        element = elements[position]
        following = elements[position + 1] if position + 1 < len(elements) else None
        if _is_bare_preposition(element) and isinstance(following, (Words, Marker)):
            found.append(PrepPhrase(element.words[0], (following,)))
            position += 2
            continue
        found.append(PrepPhrase(element.words[0]) if _is_bare_preposition(element) else element)
        position += 1
    return found


def _is_bare_preposition(element: Element) -> bool:
    return isinstance(element, Words) and len(element.words) == 1 and element.words[0].lower() in PREPOSITIONS


def term_text(words: Words) -> str:
    """A noun phrase as a term string: words in lower case, synonym sets as "&NAME"."""
    return " ".join(word.upper() if word.startswith("&") else word.lower() for word in words.words)


def read_user_patterns(paths: Sequence[Path], codebook: Codebook | None = None, strict: bool = True) -> PatternSet:
    """The patterns of the dictionaries a user gives with `--verbs`, in front of every other
    layer; a bad line raises (unless not `strict`), dropped codes are listed in `problems`."""
    codebook = codebook or Codebook.default()
    records: list[tuple[dict[str, Any], str]] = []
    problems: list[str] = []
    synsets: list[Synsets] = [default_synsets()]
    for path in paths:
        dictionary = read_verb_dictionary(Path(path), strict)
        compiled = compile_dictionary(dictionary, codebook)
        records += compiled.records
        problems += compiled.problems
        synsets.append(synsets_of(dictionary))
    return PatternSet.from_records(records, codebook, USER_LAYER, merged_synsets(*synsets), problems)


def synsets_of(dictionary: VerbDictionary) -> dict[str, tuple[tuple[str, ...], ...]]:
    """A dictionary's synonym sets in the form patterns read: words in lower case, sets named
    "&NAME"."""
    return {
        name.upper(): tuple(tuple(word.upper() if word.startswith("&") else word.lower() for word in member) for member in members)
        for name, members in dictionary.synsets.items()
    }
