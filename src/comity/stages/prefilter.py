"""Prefilter stage: pick the sentences worth a full parse, with a fast first pass.

spaCy's full parse costs about thirty times what its tokenizer and a rule-based
sentence splitter cost, and most sentences of wire copy carry no event. This
stage splits the coded sections into sentences with the model's tokenizer alone and
marks as candidates (`Document.candidate_spans`) the sentences that can hold an
event: a word that some event pattern could take as its trigger, and something
an actor could be read from (a known name or agent noun, a pronoun, "the two
countries", a capitalised word), but not a state or place named only as where
something happens ("Temperatures in Hanoi…"). The parse stage then parses only those.

The words come from the knowledge the later stages use, so the two cannot
drift: trigger lemmas from the event patterns (verbs, nouns and adjectives),
inflected forms undone with the lemmatizer tables of the spaCy model itself
(its exceptions and suffix rules, all applied, so every lemma the model could
give is among those tried), actors from `ActorKnowledge`'s name and agent
matchers and the actors stage's pronoun lists.

Coreference reaches back: "He met Xi" needs the sentence that named Kim, and
"the delegation" the one that named it. So the `context` sentences before a
candidate with a pronoun or a definite role noun, in its section, are parsed
too (two by default). A narrative date ("It was greeted at the airport" on the
day named before) is carried over only from a sentence that was parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from comity.config import SPACY_MODEL
from comity.knowledge.actors import ActorKnowledge, NameMatch
from comity.knowledge.event_patterns import PATTERN_SOURCES, EventPattern, PatternSet, builtin_name
from comity.model import Document, Section, Span
from comity.stages.actors import (
    DEFINITE_NOUNS,
    DYAD,
    LOCATIVE_PREPS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    THING_PRONOUNS,
)
from comity.stages.parse import load_nlp, masked_text, section_starts_component

#: Sentences before a candidate parsed with it, for coreference and narrative dates.
DEFAULT_CONTEXT = 2
ACTOR_PRONOUNS = frozenset(PERSON_PRONOUNS) | THING_PRONOUNS | PLURAL_PRONOUNS | {"we", "our", "us", "i"}
DEFINITE_WORDS = frozenset(word for noun in DEFINITE_NOUNS for word in noun.split() if word not in {"of", "the", "and"})
#: The last word of a definite role noun: "minister" of "the foreign minister".
ROLE_HEADS = frozenset(noun.split()[-1] for noun in DEFINITE_NOUNS)
#: Text ending in a preposition of place ("Temperatures in ", "talks at the "), before a name.
_BEFORE_PLACE = re.compile(r"\b(?:%s)\s+(?:the\s+)?\Z" % "|".join(sorted(LOCATIVE_PREPS)), re.IGNORECASE)


@dataclass(slots=True)
class TriggerWords:
    """Which surface words could be lemmatised to an event pattern's trigger lemma, and whether
    a sentence holds, besides a trigger, every other word its pattern needs."""

    lemmas: frozenset[str]
    exceptions: dict[str, frozenset[str]]  # inflected form -> lemmas (irregular forms)
    suffix_rules: tuple[tuple[str, str], ...]  # (ending, replacement)
    #: trigger lemma -> per pattern, the word groups it needs one of each besides
    #: (its objects, particle, preposition, object modifiers); () when it needs none
    needs: dict[str, tuple[tuple[frozenset[str], ...], ...]] = field(default_factory=dict)
    #: the same for patterns that code only between political actors (the broad layer)
    political_needs: dict[str, tuple[tuple[frozenset[str], ...], ...]] = field(default_factory=dict)
    _forms: dict[str, frozenset[str]] = field(default_factory=dict)  # memo: word -> possible lemmas

    @classmethod
    def from_knowledge(cls, patterns: PatternSet, model: str = SPACY_MODEL) -> TriggerWords:
        needs: dict[str, set[tuple[frozenset[str], ...]]] = {}
        political: dict[str, set[tuple[frozenset[str], ...]]] = {}
        for lemma, pattern in patterns.triggers():
            if pattern.is_event:
                (political if pattern.political else needs).setdefault(lemma, set()).add(_needed_words(pattern))
        exceptions, rules = _lemmatizer_tables(model)
        return cls(
            frozenset(needs) | frozenset(political), exceptions, rules,
            {lemma: tuple(n) for lemma, n in needs.items()}, {lemma: tuple(n) for lemma, n in political.items()},
        )  # fmt: skip

    def is_trigger(self, word: str) -> bool:
        return not self.lemmas.isdisjoint(self.forms(word))

    def can_match(self, words: Iterable[str]) -> bool:
        """Some pattern that codes between any actors finds its trigger and every word group it
        needs among these words."""
        return _fits(self.needs, self.all_forms(words))

    def can_match_political(self, words: Iterable[str]) -> bool:
        """The same for the patterns that code only between political actors."""
        return _fits(self.political_needs, self.all_forms(words))

    def all_forms(self, words: Iterable[str]) -> set[str]:
        forms: set[str] = set()
        for word in words:
            forms |= self.forms(word)
        return forms

    def forms(self, word: str) -> frozenset[str]:
        lowered = word.lower()
        known = self._forms.get(lowered)
        if known is None:
            known = self._forms[lowered] = frozenset(self.possible_lemmas(lowered))
        return known

    def possible_lemmas(self, lowered: str) -> set[str]:
        """Every lemma the model's rule lemmatizer could give this word, and more."""
        found = {lowered, lowered.replace("\u2019", "'")}
        found |= self.exceptions.get(lowered, frozenset())
        for ending, replacement in self.suffix_rules:
            if ending and lowered.endswith(ending):
                found.add(lowered[: -len(ending)] + replacement)
        return found


def _fits(needs: dict[str, tuple[tuple[frozenset[str], ...], ...]], forms: set[str], trigger_forms: set[str] | None = None) -> bool:
    """Some pattern finds its trigger among `trigger_forms` (by default `forms`) and every word
    group it needs among `forms`."""
    return any(
        all(not group.isdisjoint(forms) for group in groups)
        for lemma in (forms if trigger_forms is None else trigger_forms)
        if lemma in needs  # not set.intersection(needs), which walks the whole dict
        for groups in needs[lemma]
    )


def _needed_words(pattern: EventPattern) -> tuple[frozenset[str], ...]:
    """The word groups a pattern matches only with one of each present in its sentence: the
    heads of its terms, its prepositions, particles and adjacent words."""
    terms = [pattern.object, *pattern.after, *pattern.before, *(prep.object for prep in pattern.preps)]
    groups = [term.heads for term in terms if term is not None]
    groups += [pattern.object_modifiers, *(frozenset({word}) for word in pattern.particles + pattern.preceded_by + pattern.followed_by)]
    groups += [frozenset({prep.preposition}) for prep in pattern.preps]
    return tuple(group for group in groups if group)


def _lemmatizer_tables(model: str) -> tuple[dict[str, frozenset[str]], tuple[tuple[str, str], ...]]:
    lookups = load_nlp(model).get_pipe("lemmatizer").lookups
    exceptions: dict[str, set[str]] = {}
    for by_form in lookups.get_table("lemma_exc").values():
        for form, lemmas in by_form.items():
            exceptions.setdefault(form, set()).update(lemmas)
    rules = {tuple(rule) for by_pos in lookups.get_table("lemma_rules").values() for rule in by_pos}
    return {form: frozenset(lemmas) for form, lemmas in exceptions.items()}, tuple(sorted(rules))


def trigger_words(patterns: PatternSet, model: str = SPACY_MODEL) -> TriggerWords:
    """The trigger words of `patterns`; those of a built-in set come from the compiled-knowledge
    cache, keyed by the pattern files and the model whose lemmatizer tables they read."""
    name = builtin_name(patterns)
    if name is None:
        return TriggerWords.from_knowledge(patterns, model)
    import spacy

    from comity.knowledge.compiled import compiled

    meta = load_nlp(model).meta
    versions = [f"spacy {spacy.__version__}", f"{model} {meta.get('name')} {meta.get('version')}"]
    return compiled(f"triggers_{name}", lambda: TriggerWords.from_knowledge(patterns, model), PATTERN_SOURCES, versions)


@cache
def load_splitter(model: str = SPACY_MODEL):  # -> spacy.Language
    """The model's own tokenizer and a rule-based sentence splitter; a line break starts a sentence.
    Sharing the loaded model's vocabulary and tokenizer spares building another (its special
    cases cost about 0.15 s), and splits the words as the parse will."""
    from spacy.lang.en import English

    parser = load_nlp(model)
    nlp = English(vocab=parser.vocab, create_tokenizer=lambda _: parser.tokenizer)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(section_starts_component())
    return nlp


class PrefilterStage:
    name = "prefilter"
    requires = frozenset({"text", "sections"})
    assigns = frozenset({"candidates"})

    def __init__(
        self,
        knowledge: ActorKnowledge | None = None,
        patterns: PatternSet | None = None,
        model: str = SPACY_MODEL,
        context: int = DEFAULT_CONTEXT,
        batch_size: int = 64,
    ):
        self._knowledge = knowledge
        self._patterns = patterns
        self.model = model
        self.context = context
        self.batch_size = batch_size
        self._triggers: TriggerWords | None = None

    @property
    def knowledge(self) -> ActorKnowledge:
        if self._knowledge is None:
            self._knowledge = ActorKnowledge.default()
        return self._knowledge

    @property
    def triggers(self) -> TriggerWords:
        if self._triggers is None:
            self._triggers = trigger_words(self._patterns or PatternSet.default(), self.model)
        return self._triggers

    def __call__(self, doc: Document) -> Document:
        return self._annotate(doc, load_splitter(self.model)(masked_text(doc)))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        pairs = ((masked_text(doc), doc) for doc in docs)
        for split, doc in load_splitter(self.model).pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield self._annotate(doc, split)

    def _annotate(self, doc: Document, split) -> Document:  # split: spacy Doc of the splitter
        doc.candidate_spans = candidate_spans(doc, split, self.triggers, self.knowledge, self.context)
        return doc


def candidate_spans(doc: Document, split, triggers: TriggerWords, knowledge: ActorKnowledge, context: int) -> list[Span]:
    """The sentences to parse, in text order: candidates and the `context` sentences before each.
    When a candidate names "the two countries" or "both sides", every sentence naming a known
    actor too: the actors stage reads the pair from the whole story's participants."""
    by_section = [sentences for _, sentences in _sentences_by_section(doc, split)]
    picked = [_picked(doc.text, sentences, triggers, knowledge, context) for sentences in by_section]
    if any(DYAD.search(doc.text, sentences[i][0].start, sentences[i][0].end) for sentences, chosen in zip(by_section, picked) for i in chosen):
        for sentences, chosen in zip(by_section, picked):
            chosen.update(i for i, (span, _) in enumerate(sentences) if i not in chosen and _has_known_actor(doc.text, span, knowledge))
    return sorted((sentences[i][0] for sentences, chosen in zip(by_section, picked) for i in chosen), key=lambda span: span.start)


def _picked(text: str, sentences: list[tuple[Span, Words]], triggers: TriggerWords, knowledge: ActorKnowledge, context: int) -> set[int]:
    """Indexes of a section's sentences that can hold an event, with the context of those that refer back."""
    picked: set[int] = set()
    for index, sentence in enumerate(sentences):
        if can_hold_event(text, sentence, triggers, knowledge):
            picked.add(index)
            if refers_back(sentence[1]):
                picked.update(range(max(0, index - context), index))
    return picked


Words = list[tuple[str, bool]]  # (text, starts the sentence)


def _sentences_by_section(doc: Document, split) -> Iterator[tuple[Section, list[tuple[Span, Words]]]]:
    by_section: dict[int, list[tuple[Span, Words]]] = {}
    sections = doc.coded_sections()
    for sent in split.sents:
        words = [(t.text, i == 0) for i, t in enumerate(t for t in sent if not t.is_space)]
        if not words:
            continue
        start = next(t.idx for t in sent if not t.is_space)
        end = max(t.idx + len(t.text) for t in sent if not t.is_space)
        for number, section in enumerate(sections):
            if section.span.start <= start < section.span.end:
                by_section.setdefault(number, []).append((Span(start, min(end, section.span.end)), words))
                break
    for number, sentences in sorted(by_section.items()):
        yield sections[number], sentences


def can_hold_event(text: str, sentence: tuple[Span, Words], triggers: TriggerWords, knowledge: ActorKnowledge) -> bool:
    span, words = sentence
    forms = triggers.all_forms(word for word, _ in words)
    trigger_forms = triggers.all_forms(word for word in possible_trigger_words(words))
    if _fits(triggers.needs, forms, trigger_forms):
        if _has_actor_word(words) or bool(DYAD.search(text, span.start, span.end)) or _has_known_actor(text, span, knowledge):
            return True
    return _fits(triggers.political_needs, forms, trigger_forms) and _may_name_two_political_actors(text, span, words, knowledge)


def possible_trigger_words(words: Words) -> Iterator[str]:
    """The words that may be a verb or event noun: not a capitalised word inside a sentence, which
    is a name or a date ("on March 3", "the Trade Ministry"), unless the sentence capitalises most
    of its words, as a headline does."""
    capitalised = sum(1 for word, _ in words if word[:1].isupper())
    headline = capitalised * 2 > sum(1 for word, _ in words if word[:1].isalpha())
    for word, first in words:
        if first or headline or not word[:1].isupper():
            yield word


def _may_name_two_political_actors(text: str, span: Span, words: Words, knowledge: ActorKnowledge) -> bool:
    """Two known actors, roles or pronouns, or "the two countries": what a pattern that codes
    only between political actors needs to find its two sides."""
    if DYAD.search(text, span.start, span.end):
        return True
    pronouns = sum(1 for word, _ in words if word.lower() in ACTOR_PRONOUNS)
    names = [m for m in knowledge.match_names(text, span.start, span.end) if not _is_place_named(text, span, m, knowledge)]
    if pronouns + len(names) >= 2:
        return True
    return pronouns + len(names) + len(knowledge.match_agents(text, span.start, span.end)) >= 2


def refers_back(words: Words) -> bool:
    """A pronoun or a definite role noun ("he", "the delegation") whose antecedent may lie before;
    not a role its own name or demonym places ("the Chinese foreign minister")."""
    lowered = [word.lower() for word, _ in words]
    if any(word in ACTOR_PRONOUNS for word in lowered):
        return True
    return any(word in ROLE_HEADS and not _placed_by_name(words, index) for index, word in enumerate(lowered))


def _placed_by_name(words: Words, head: int) -> bool:
    """A capitalised word (not the sentence's first) before the role's own modifiers."""
    index = head - 1
    while index >= 0 and words[index][0].lower() in DEFINITE_WORDS:
        index -= 1
    return index >= 0 and words[index][0][:1].isupper() and not words[index][1]


def _has_actor_word(words: Words) -> bool:
    after_place_word = False  # "in", "in the", or a capitalised word after them ("in New York")
    for word, first in words:
        lowered = word.lower()
        if lowered in ACTOR_PRONOUNS or lowered in DEFINITE_WORDS:
            return True
        capitalised = word[:1].isupper() and not first
        # a capitalised word inside the sentence may be a name the knowledge does not hold,
        # unless it names where something happens
        if capitalised and not after_place_word:
            return True
        after_place_word = lowered in LOCATIVE_PREPS or (after_place_word and (capitalised or lowered == "the"))
    return False


def _has_known_actor(text: str, span: Span, knowledge: ActorKnowledge) -> bool:
    names = knowledge.match_names(text, span.start, span.end)
    if any(not _is_place_named(text, span, match, knowledge) for match in names):
        return True
    return bool(knowledge.match_agents(text, span.start, span.end))


def _is_place_named(text: str, sentence: Span, match: NameMatch, knowledge: ActorKnowledge) -> bool:
    """A state or capital named only as where something happens ("Temperatures in Hanoi…"),
    which alone makes no actor of a background sentence."""
    if not _BEFORE_PLACE.search(text, sentence.start, match.span.start):
        return False
    return all(knowledge.entry(form.actor_id).actor.kind == "state" for form in match.forms)
