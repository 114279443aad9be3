"""Event patterns: which words, with which arguments, code which CAMEO event.

Patterns are plain YAML in `comity/data/patterns/` (one file per CAMEO root
family), a list of mappings:

    - id: consult.visit            # unique; recorded in EventMention.rule
      verb: visit                  # or `noun:` or `adjective:`; a lemma or a list of lemmas
      cameo: "042"
      object: [capital, country]   # optional: the direct object's lemma must be one of these
      object_modifier: [diplomatic] # optional: a word modifying the object must be one of these
      to_verb: [leave, go]         # optional: the trigger must also take a to-infinitive of one of
                                   # these verbs ("told the envoy to leave")
      particle: off                # optional: verb particle ("break off")
      prep: for                    # optional: the trigger must govern this preposition
      source: [subject]            # argument slots tried in order (default [subject])
      target: [object, prep:to]    # (default [object])
      reverse: "043"               # optional: the reciprocal event, target -> source
      symmetric: true              # shorthand for reverse = cameo, and mutual
      mutual: true                 # "X and Y <verb>" without a target: X and Y act on each other
      need_target: true            # no event without a target ("visited the museum")
      place_target: true           # a place as target stands for its country ("flew to Havana");
                                   # none when it is the source's own country
      self_target: true            # no target named: the source's own country (protests,
                                   # arrests of unnamed people)
      speech: true                 # a saying: dropped when what is said holds another event
                                   # (and when it names no one it is said to or about)
      adopts_object_event: true    # an event noun as object with no doer of its own is the
                                   # subject's own act, coded as that noun's event ("X welcomed
                                   # the resumption of its ties with Y": X and Y resumed ties)

Argument slots: `subject` (the logical subject: active subject, passive
"by"-agent, the noun a relative or participial clause modifies, a possessor or
the subject of a light verb for a noun), `object` (the logical object: direct
object or passive subject), `dative`, `prep:<word>` (the object of that
preposition), `between` ("between X and Y": both), `complement` (the subject of
the clause said or believed: "X said that Y ..."), `inside` (an actor inside the
object phrase: "the will to develop ties with Cuba"). Patterns with more
constraints are tried before plainer ones of the same lemma.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from comity.config import DATA_DIR
from comity.errors import KnowledgeError
from comity.knowledge.cameo import Codebook

DEFAULT_PATTERN_DIR = DATA_DIR / "patterns"
SLOTS_FIXED = frozenset({"subject", "object", "dative", "between", "complement", "inside"})
_KEYS = frozenset(
    {"id", "verb", "noun", "cameo", "object", "object_modifier", "particle", "prep", "source", "target",
     "reverse", "symmetric", "mutual", "need_target", "place_target", "self_target", "speech", "note", "adjective",
     "adopts_object_event", "to_verb"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventPattern:
    pattern_id: str
    cameo: str
    pos: str  # "verb" | "noun" | "adj"
    lemmas: frozenset[str]
    objects: frozenset[str] = frozenset()
    object_modifiers: frozenset[str] = frozenset()
    to_verbs: frozenset[str] = frozenset()
    particle: str | None = None
    prep: str | None = None
    source: tuple[str, ...] = ("subject",)
    target: tuple[str, ...] = ("object",)
    reverse: str | None = None
    mutual: bool = False  # a plural subject without a target acts on itself ("X and Y met")
    need_target: bool = False  # without a target it is no event ("X visited the museum")
    place_target: bool = False  # a place named as the target stands for its country ("flew to Havana")
    self_target: bool = False  # with no target, the source's own country ("thousands protested")
    speech: bool = False
    adopts_object_event: bool = False  # an own event noun as object is the act ("welcomed its resumption of ties")
    origin: str = ""  # "file:line"

    @property
    def specificity(self) -> int:
        return 2 * bool(self.objects) + bool(self.object_modifiers) + bool(self.to_verbs) + bool(self.particle) + bool(self.prep)


class PatternSet:
    """Patterns indexed by (part of speech, lemma), most specific first."""

    def __init__(self, patterns: list[EventPattern]):
        self.patterns = patterns
        index: dict[tuple[str, str], list[EventPattern]] = defaultdict(list)
        for pattern in patterns:
            for lemma in pattern.lemmas:
                index[pattern.pos, lemma].append(pattern)
        self._index = {key: sorted(found, key=lambda p: -p.specificity) for key, found in index.items()}

    @classmethod
    def default(cls) -> PatternSet:
        return _default_patterns()

    @classmethod
    def from_dir(cls, directory: Path, codebook: Codebook | None = None) -> PatternSet:
        files = sorted(directory.glob("*.yaml"))
        if not files:
            raise KnowledgeError(f"no pattern files (*.yaml) in {directory}")
        return cls.from_files(files, codebook)

    @classmethod
    def from_files(cls, files: list[Path], codebook: Codebook | None = None) -> PatternSet:
        codebook = codebook or Codebook.default()
        patterns: list[EventPattern] = []
        seen: dict[str, str] = {}
        for path in files:
            for pattern in _read_file(path, codebook):
                if pattern.pattern_id in seen:
                    raise KnowledgeError(f"{pattern.origin}: pattern id {pattern.pattern_id!r} is already used at {seen[pattern.pattern_id]}")
                seen[pattern.pattern_id] = pattern.origin
                patterns.append(pattern)
        return cls(patterns)

    def candidates(self, pos: str, lemma: str) -> list[EventPattern]:
        return self._index.get((pos, lemma.lower()), [])

    def __len__(self) -> int:
        return len(self.patterns)


@cache
def _default_patterns() -> PatternSet:
    return PatternSet.from_dir(DEFAULT_PATTERN_DIR)


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records each mapping's line as `__line__`."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_file(path: Path, codebook: Codebook) -> list[EventPattern]:
    try:
        records = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(records, list):
        raise KnowledgeError(f"{path}:1: a pattern file must be a YAML list of patterns")
    return [_pattern(record, path, codebook) for record in records]


def _words(value: Any, origin: str, key: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) and item for item in items):
        raise KnowledgeError(f"{origin}: {key!r} must be a word or a list of words")
    return frozenset(item.lower() for item in items)


def _word(value: Any, origin: str, key: str) -> str | None:
    """One word or None; YAML reads a bare on, off, yes or no as true/false, so those need quotes."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise KnowledgeError(f"{origin}: {key!r} must be one word; got {value!r} (write on, off, yes, no quoted: {key}: \"on\")")
    return value.lower()


def _slots(value: Any, origin: str, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return default
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise KnowledgeError(f"{origin}: {key!r} must be a slot or a list of slots")
    for item in items:
        if not (item in SLOTS_FIXED or (isinstance(item, str) and item.startswith("prep:") and len(item) > 5)):
            raise KnowledgeError(f"{origin}: {key!r} has unknown slot {item!r}; slots are {sorted(SLOTS_FIXED)} or prep:<word>")
    return tuple(items)


def _code(value: Any, origin: str, key: str, codebook: Codebook) -> str:
    if not isinstance(value, str) or value not in codebook:
        raise KnowledgeError(f"{origin}: {key} {value!r} is not a CAMEO code (write it quoted, leading zero kept: \"042\")")
    return value


def _pattern(record: Any, path: Path, codebook: Codebook) -> EventPattern:
    if not isinstance(record, dict):
        raise KnowledgeError(f"{path}: every pattern must be a mapping with at least id, cameo and verb or noun")
    origin = f"{path}:{record.pop('__line__', '?')}"
    unknown = set(record) - _KEYS
    if unknown:
        raise KnowledgeError(f"{origin}: unknown keys {sorted(unknown)}; known keys are {sorted(_KEYS)}")
    pattern_id = record.get("id")
    if not isinstance(pattern_id, str) or not pattern_id:
        raise KnowledgeError(f"{origin}: a pattern needs an 'id'")
    given = [key for key in ("verb", "noun", "adjective") if key in record]
    if len(given) != 1:
        raise KnowledgeError(f"{origin}: pattern {pattern_id!r} needs exactly one of 'verb', 'noun' or 'adjective'")
    pos = {"verb": "verb", "noun": "noun", "adjective": "adj"}[given[0]]
    cameo = _code(record.get("cameo"), origin, "cameo", codebook)
    reverse = record.get("reverse")
    if record.get("symmetric"):
        reverse = cameo
    return EventPattern(
        pattern_id=pattern_id,
        cameo=cameo,
        pos=pos,
        lemmas=_words(record[given[0]], origin, given[0]),
        objects=_words(record.get("object"), origin, "object"),
        object_modifiers=_words(record.get("object_modifier"), origin, "object_modifier"),
        to_verbs=_words(record.get("to_verb"), origin, "to_verb"),
        particle=_word(record.get("particle"), origin, "particle"),
        prep=_word(record.get("prep"), origin, "prep"),
        source=_slots(record.get("source"), origin, "source", ("subject",)),
        target=_slots(record.get("target"), origin, "target", ("object",)),
        reverse=None if reverse is None else _code(reverse, origin, "reverse", codebook),
        mutual=bool(record.get("mutual", False) or record.get("symmetric", False)),
        need_target=bool(record.get("need_target", False) or record.get("speech", False)),
        place_target=bool(record.get("place_target", False)),
        self_target=bool(record.get("self_target", False)),
        speech=bool(record.get("speech", False)),
        adopts_object_event=bool(record.get("adopts_object_event", False)),
        origin=origin,
    )
