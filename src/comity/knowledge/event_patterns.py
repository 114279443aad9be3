"""Event patterns: which words, with which arguments, code which CAMEO event.

One pattern model for every source: comity's own patterns, plain YAML in
`comity/data/patterns/` (one file per CAMEO root family), the broad layer converted
from PETRARCH2's verb dictionary (`data/patterns/broad/patterns.jsonl`, one pattern a
line with the same keys), and dictionaries in PETRARCH format given with `--verbs`
(`comity.knowledge.verb_dictionary` compiles them to the same keys). A pattern:

    - id: consult.visit            # unique; recorded in EventMention.rule
      verb: visit                  # or `noun:` or `adjective:`; a lemma or a list of lemmas
      cameo: "042"                 # "---": the phrase is known and is no event
      object: [capital, country]   # optional: the object (direct object, complement, or the
                                   # object of for/of/to/on/into/off/about) matches one of
                                   # these terms: a word, a phrase ("arms shipment", last word
                                   # its head) or a synonym set ("&WEAPON", quoted)
      object_modifier: [diplomatic] # optional: a word modifying the object must be one of these
      after: [relations]           # optional: each term must match a word on the trigger's object
                                   # side (its objects and complements with what they hold)
      before: ["&MILITARY"]        # optional: each term must match a word on the subject side
                                   # (the subject phrase, or words before the verb in its clause)
      prep: "to border"            # optional: prepositions the trigger governs (or its object, or
                                   # the phrase before), each with a term for its object, if any
      particle: off                # optional: verb particle(s) ("break off")
      preceded_by: wire            # optional: the words right before the trigger ("wire tap")
      followed_by: out             # optional: the words right after it
      to_verb: [leave, go]         # optional: the trigger must also take a to-infinitive of one of
                                   # these verbs ("told the envoy to leave")
      source: [subject]            # argument slots tried in order (default [subject])
      target: [object, prep:to]    # (default [object])
      reverse: "043"               # optional: the reciprocal event, target -> source
      symmetric: true              # shorthand for reverse = cameo, and mutual
      mutual: true                 # "X and Y <verb>" without a target: X and Y act on each other
      need_target: true            # no event without a target ("visited the museum")
      political: true              # no event unless both sides are political actors (not
                                   # companies, markets or media)
      place_target: true           # a place as target stands for its country ("flew to Havana");
                                   # none when it is the source's own country
      self_target: true            # no target named: the source's own country (protests,
                                   # arrests of unnamed people)
      speech: true                 # a saying: dropped when what is said holds another event
      story_target: false          # never takes the story's other side as its target (a charge
                                   # names the one charged in its own sentence)
                                   # (and when it names no one it is said to or about)
      adopts_object_event: true    # an event noun as object with no doer of its own is the
                                   # subject's own act, coded as that noun's event ("X welcomed
                                   # the resumption of its ties with Y": X and Y resumed ties)

Argument slots: `subject` (the logical subject: active subject, passive
"by"-agent, the noun a relative or participial clause modifies, a possessor or
the subject of a light verb for a noun), `object` (the logical object: direct
object or passive subject), `dative`, `prep:<word>` (the object of that
preposition), `prep:*` (the object of any preposition that can name a party:
to, with, against, on, at, from, for, toward, into, over, about, upon),
`between` ("between X and Y": both), `complement` (the subject of the clause
said or believed: "X said that Y ..."), `inside` (an actor inside the object
phrase: "the will to develop ties with Cuba"), `harmed` (for an event noun that is the "by"
agent of a passive verb, that verb's subject: "X was killed by a U.S. airstrike in Iraq").

Precedence (`comity.stages.events.triggers.deciding_fit`): for each trigger word, the
most specific fitting pattern of each layer; the user's (`--verbs`) decides, unless it
codes an event with fewer constraints than comity's own fitting pattern; then comity's
own; the broad layer only where neither fits. A deciding "---" pattern means no event.
See docs/patterns.md.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from comity.config import DATA_DIR
from comity.errors import KnowledgeError
from comity.knowledge.cameo import DEFAULT_CODEBOOK, Codebook
from comity.knowledge.pattern_terms import PrepTerm, Synsets, Term, default_synsets, parse_prep, parse_term, parse_terms, refuse_yaml_boolean

DEFAULT_PATTERN_DIR = DATA_DIR / "patterns"
BROAD_PATTERNS = DEFAULT_PATTERN_DIR / "broad" / "patterns.jsonl"
NO_EVENT = "---"
SLOTS_FIXED = frozenset({"subject", "object", "dative", "between", "complement", "inside", "speaker", "harmed"})
#: Precedence layers, tried in this order.
USER_LAYER, OWN_LAYER, BROAD_LAYER = 0, 1, 2
LAYER_NAMES = ("user", "own", "broad")
_KEYS = frozenset(
    {"id", "verb", "noun", "cameo", "object", "object_modifier", "particle", "prep", "source", "target",
     "reverse", "symmetric", "mutual", "need_target", "place_target", "self_target", "speech", "note", "adjective",
     "adopts_object_event", "to_verb", "after", "before", "preceded_by", "followed_by", "political", "story_target"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventPattern:
    pattern_id: str
    cameo: str | None  # None: the phrase is known and is no event ("---")
    pos: str  # "verb" | "noun" | "adj"
    lemmas: frozenset[str]
    object: Term | None = None
    object_modifiers: frozenset[str] = frozenset()
    to_verbs: frozenset[str] = frozenset()
    particles: tuple[str, ...] = ()
    preps: tuple[PrepTerm, ...] = ()
    after: tuple[Term, ...] = ()  # terms on the object side
    before: tuple[Term, ...] = ()  # terms on the subject side
    preceded_by: tuple[str, ...] = ()  # the words right before the trigger
    followed_by: tuple[str, ...] = ()
    source: tuple[str, ...] = ("subject",)
    target: tuple[str, ...] = ("object",)
    reverse: str | None = None
    mutual: bool = False  # a plural subject without a target acts on itself ("X and Y met")
    need_target: bool = False  # without a target it is no event ("X visited the museum")
    place_target: bool = False  # a place named as the target stands for its country ("flew to Havana")
    self_target: bool = False  # with no target, the source's own country ("thousands protested")
    speech: bool = False
    adopts_object_event: bool = False  # an own event noun as object is the act ("welcomed its resumption of ties")
    political: bool = False  # both sides must be political actors
    story_target: bool = True  # may take the story's other side when its sentence names no target
    layer: int = OWN_LAYER
    origin: str = ""  # "file:line"

    @property
    def specificity(self) -> int:
        terms = len(self.after) + len(self.before) + sum(1 for prep in self.preps if prep.object is not None)
        words = len(self.particles) + len(self.preps) + len(self.preceded_by) + len(self.followed_by)
        return 2 * (bool(self.object) + terms) + bool(self.object_modifiers) + bool(self.to_verbs) + words

    @property
    def is_event(self) -> bool:
        return self.cameo is not None


class PatternSet:
    """Patterns indexed by (part of speech, lemma): by layer, most specific first."""

    def __init__(self, patterns: list[EventPattern], problems: Sequence[str] = ()):
        self.patterns = patterns
        self.problems = list(problems)  # what was skipped while reading, "file:line: why"
        index: dict[tuple[str, str], list[EventPattern]] = defaultdict(list)
        for pattern in patterns:
            for lemma in pattern.lemmas:
                index[pattern.pos, lemma].append(pattern)
        self._index = {key: _in_precedence(found) for key, found in index.items()}

    @classmethod
    def default(cls) -> PatternSet:
        """comity's own patterns in front of the broad layer."""
        return _default_patterns()

    @classmethod
    def own(cls) -> PatternSet:
        """comity's own patterns alone, without the broad layer."""
        return _own_patterns()

    @classmethod
    def broad(cls) -> PatternSet:
        return _broad_patterns()

    @classmethod
    def layered(cls, *sets: PatternSet) -> PatternSet:
        """The patterns of several sets, each keeping its own layer."""
        return cls([p for s in sets for p in s.patterns], [problem for s in sets for problem in s.problems])

    @classmethod
    def from_dir(cls, directory: Path, codebook: Codebook | None = None, layer: int = OWN_LAYER) -> PatternSet:
        files = sorted(directory.glob("*.yaml"))
        files = [path for path in files if path.name != "synsets.yaml"]
        if not files:
            raise KnowledgeError(f"no pattern files (*.yaml) in {directory}")
        return cls.from_files(files, codebook, layer)

    @classmethod
    def from_files(cls, files: list[Path], codebook: Codebook | None = None, layer: int = OWN_LAYER) -> PatternSet:
        return cls.from_records(((record, origin) for path in files for record, origin in read_yaml_records(path)), codebook, layer)

    @classmethod
    def from_records(
        cls, records: Iterable[tuple[dict[str, Any], str]], codebook: Codebook | None = None, layer: int = OWN_LAYER,
        synsets: Synsets | None = None, problems: Sequence[str] = (),
    ) -> PatternSet:  # fmt: skip
        """Patterns from (record, "file:line") pairs, record keys as in the module's docstring."""
        codebook = codebook or Codebook.default()
        synsets = default_synsets() if synsets is None else synsets
        patterns: list[EventPattern] = []
        seen: dict[str, str] = {}
        for record, origin in records:
            pattern = pattern_from_record(record, origin, codebook, synsets, layer)
            if pattern.pattern_id in seen:
                raise KnowledgeError(f"{origin}: pattern id {pattern.pattern_id!r} is already used at {seen[pattern.pattern_id]}")
            seen[pattern.pattern_id] = origin
            patterns.append(pattern)
        return cls(patterns, problems)

    def candidates(self, pos: str, lemma: str) -> list[EventPattern]:
        return self._index.get((pos, lemma.lower()), [])

    def verb_lemmas(self) -> frozenset[str]:
        """Every lemma a pattern of any layer codes as a verb."""
        return frozenset(lemma for (pos, lemma) in self._index if pos == "verb")

    def triggers(self) -> Iterator[tuple[str, EventPattern]]:
        """(lemma, pattern) for every pattern that can code that lemma, in precedence."""
        for (_, lemma), patterns in self._index.items():
            for pattern in patterns:
                yield lemma, pattern

    def __len__(self) -> int:
        return len(self.patterns)


def _in_precedence(patterns: list[EventPattern]) -> list[EventPattern]:
    """By layer, most specific first."""
    return sorted(patterns, key=lambda p: (p.layer, -p.specificity))


@cache
def _own_patterns() -> PatternSet:
    return _compiled_patterns("own_patterns", lambda: PatternSet.from_dir(DEFAULT_PATTERN_DIR))


@cache
def _broad_patterns() -> PatternSet:
    return _compiled_patterns("broad_patterns", lambda: PatternSet.from_records(read_jsonl_records(BROAD_PATTERNS), layer=BROAD_LAYER))


def _compiled_patterns(name: str, build: Callable[[], PatternSet]) -> PatternSet:
    """Built once per process, or read from the compiled-knowledge cache (the pattern files,
    their synsets and the CAMEO codebook unchanged)."""
    from comity.knowledge.compiled import compiled

    return compiled(name, build, PATTERN_SOURCES)


@cache
def _default_patterns() -> PatternSet:
    return PatternSet.layered(_own_patterns(), _broad_patterns())


def builtin_name(patterns: PatternSet) -> str | None:
    """"default" or "own" when `patterns` is one of the built-in sets this process loaded, else
    None (a set read from user dictionaries); never loads a set to find out."""
    for name, loaded in (("default", _default_patterns), ("own", _own_patterns)):
        if loaded.cache_info().currsize and patterns is loaded():
            return name
    return None


#: What the built-in sets are compiled from: a changed file here rebuilds them and what is derived from them.
PATTERN_SOURCES = (DEFAULT_PATTERN_DIR, DEFAULT_CODEBOOK.parent)


def with_layer(patterns: PatternSet, layer: int) -> PatternSet:
    return PatternSet([replace(p, layer=layer) for p in patterns.patterns], patterns.problems)


# ---------------------------------------------------------------- files


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records each mapping's line as `__line__`."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml_records(path: Path) -> list[tuple[dict[str, Any], str]]:
    try:
        records = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(records, list):
        raise KnowledgeError(f"{path}:1: a pattern file must be a YAML list of patterns")
    return [(record, f"{path}:{record.pop('__line__', '?') if isinstance(record, dict) else '?'}") for record in records]


def read_jsonl_records(path: Path) -> Iterator[tuple[dict[str, Any], str]]:
    """One pattern a line, as a JSON object with the YAML keys."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KnowledgeError(f"cannot read pattern file {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield json.loads(line), f"{path}:{number}"
        except json.JSONDecodeError as exc:
            raise KnowledgeError(f"{path}:{number}: not a JSON object: {exc}") from exc


# ---------------------------------------------------------------- one record


def _words(value: Any, origin: str, key: str) -> frozenset[str]:
    return frozenset(_word_list(value, origin, key))


def _word_list(value: Any, origin: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    refuse_yaml_boolean(value, origin, key)
    items = value.split() if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) and item for item in items):
        raise KnowledgeError(f"{origin}: {key!r} must be a word or a list of words")
    return tuple(item.lower() for item in items)


def _slots(value: Any, origin: str, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return default
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise KnowledgeError(f"{origin}: {key!r} must be a slot or a list of slots")
    for item in items:
        if not (item in SLOTS_FIXED or (isinstance(item, str) and item.startswith("prep:") and len(item) > 5)):
            raise KnowledgeError(f"{origin}: {key!r} has unknown slot {item!r}; slots are {sorted(SLOTS_FIXED)}, prep:<word> or prep:*")
    return tuple(items)


def _code(value: Any, origin: str, key: str, codebook: Codebook) -> str:
    if not isinstance(value, str) or value not in codebook:
        raise KnowledgeError(f"{origin}: {key} {value!r} is not a CAMEO code (write it quoted, leading zero kept: \"042\")")
    return value


def pattern_from_record(record: Any, origin: str, codebook: Codebook, synsets: Synsets, layer: int = OWN_LAYER) -> EventPattern:
    if not isinstance(record, dict):
        raise KnowledgeError(f"{origin}: every pattern must be a mapping with at least id, cameo and verb or noun")
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
    cameo = None if record.get("cameo") == NO_EVENT else _code(record.get("cameo"), origin, "cameo", codebook)
    reverse = cameo if record.get("symmetric") else record.get("reverse")
    return EventPattern(
        pattern_id=pattern_id,
        cameo=cameo,
        pos=pos,
        lemmas=_words(record[given[0]], origin, given[0]),
        object=parse_term(record.get("object"), synsets, origin, "object"),
        object_modifiers=_words(record.get("object_modifier"), origin, "object_modifier"),
        to_verbs=_words(record.get("to_verb"), origin, "to_verb"),
        particles=_word_list(record.get("particle"), origin, "particle"),
        preps=parse_prep(record.get("prep"), synsets, origin),
        after=parse_terms(record.get("after"), synsets, origin, "after"),
        before=parse_terms(record.get("before"), synsets, origin, "before"),
        preceded_by=_word_list(record.get("preceded_by"), origin, "preceded_by"),
        followed_by=_word_list(record.get("followed_by"), origin, "followed_by"),
        source=_slots(record.get("source"), origin, "source", ("subject",)),
        target=_slots(record.get("target"), origin, "target", ("object",)),
        reverse=None if reverse is None else _code(reverse, origin, "reverse", codebook),
        mutual=bool(record.get("mutual", False) or record.get("symmetric", False)),
        need_target=bool(record.get("need_target", False) or record.get("speech", False)),
        story_target=bool(record.get("story_target", True)),
        place_target=bool(record.get("place_target", False)),
        self_target=bool(record.get("self_target", False)),
        speech=bool(record.get("speech", False)),
        adopts_object_event=bool(record.get("adopts_object_event", False)),
        political=bool(record.get("political", False)),
        layer=layer,
        origin=origin,
    )
