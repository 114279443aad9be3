"""Events stage: who did what to whom, as CAMEO event mentions with PLOVER, Goldstein and QuadClass.

Patterns (`comity.knowledge.event_patterns`, data in `comity/data/patterns/`) name
a trigger word (verb, noun or adjective), its constraints and the argument slots
that hold the source and the target. For every headline and body sentence the
stage

1. finds the triggers that a pattern accepts (`_matches`);
2. reads each argument slot off the dependency parse (active and passive voice,
   relative and participial clauses, control verbs, light verbs with event nouns,
   "between X and Y") and resolves the tokens to the actor mentions found by the
   actors stage (pronouns through their antecedent, "the two countries" through
   its members), splitting coordinated actors ("to the leaders of China, Cuba,
   Vietnam and Laos") and coordinated dates ("in September 2015 and November
   2018", each mention carrying its own date span for the time stage) into one
   mention each; a visit's or an attack's place stands for its country;
3. judges factuality (`comity.factuality`): a "said" that frames someone else's
   report makes the mention reported, a planned visit is future, an intent to
   cooperate is itself an asserted CAMEO 03 event;
4. drops sayings whose content is itself coded (also a trailing "..., X said"),
   nominal events inside a verbal event's clause ("opposed X in being drawn in by
   its resumption of ties"), one-sided fragments of a complete act, and mentions
   that repeat one already found in the sentence; a verb of welcome whose object
   is an event noun with no doer of its own codes that event for its subject
   ("X welcomed the resumption of its ties with Y" is X resuming ties with Y).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from comity import factuality as factuality_rules
from comity.knowledge.cameo import Codebook
from comity.knowledge.event_patterns import EventPattern, PatternSet
from comity.knowledge.gazetteer import Gazetteer
from comity.model import (
    ActorMention,
    Argument,
    Document,
    EventDate,
    EventMention,
    Factuality,
    SectionKind,
    Sentence,
    Span,
)

#: Verbs whose object, not subject, does what their infinitive complement says ("urged X to help").
OBJECT_CONTROL_VERBS = frozenset(
    {"urge", "ask", "invite", "call", "encourage", "persuade", "press", "order", "tell", "request", "allow",
     "force", "appeal", "help", "assist", "thank", "push", "pressure", "implore", "demand"}
)  # fmt: skip
#: Relative pronouns stand for the noun their clause modifies ("X, who visited Y").
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
#: Prepositions through which an actor inside a noun phrase is reached ("the leaders of China").
ACTOR_PREPOSITIONS = frozenset({"of", "from", "in", "off"})  # "the waters off X" are X's
#: Prepositions searched for a target deep inside an object ("the will to develop ties with Cuba").
INNER_TARGET_PREPOSITIONS = ("with", "between", "to", "toward", "towards", "against", "on")
#: Nouns naming a relation or an issue, not a group of people: "the DPRK-U.S. relations" is not an actor.
RELATION_NOUNS = frozenset(
    {"relation", "relations", "relationship", "tie", "ties", "border", "dispute", "conflict", "issue", "question",
     "situation", "policy", "problem", "crisis", "talk", "talks", "war", "cooperation", "friendship", "agreement",
     "deal", "treaty", "trade", "economy", "market", "affair", "affairs", "program", "programme", "process"}
)  # fmt: skip
#: Prepositions whose object says what a verb is about ("call for talks", "insist on release").
OBJECT_PREPOSITIONS = frozenset({"for", "of", "to", "on", "into", "off", "about"})
#: Nouns that only count what follows "of": the object is what is counted.
QUANTITY_NOUNS = frozenset({"set", "series", "number", "round", "rounds", "package", "couple", "pair", "lot", "batch", "kind", "type"})
#: Things named after people: the people in "the statues of X", "the birthplace of X" are not there.
ARTEFACT_NOUNS = frozenset(
    {"statue", "monument", "mausoleum", "museum", "tomb", "grave", "memorial", "birthplace", "portrait", "relic",
     "exhibition", "photo", "photograph", "picture", "image", "flag", "bust", "plaque", "house", "residence"}
)  # fmt: skip
#: "each other", "one another": a group acting on itself.
RECIPROCAL_PRONOUNS = frozenset({"other", "another"})
DATE_PREPOSITIONS = frozenset({"in", "on", "during", "since", "at"})
#: Participles that place an area around an actor: "zones encircling X", "waters surrounding X".
_SURROUNDING_VERBS = frozenset({"encircle", "surround", "ring", "border", "encircling", "surrounding"})


@dataclass(slots=True)
class _Match:
    trigger: object  # spaCy Token
    pattern: EventPattern
    obj: object | None  # the object token the pattern matched on, if any


@dataclass(slots=True)
class _Participant:
    argument: Argument
    key: str  # identity for "is this the same actor": actor id, else code, else text
    group: bool = False  # one of the members of a group mention ("the two countries")
    place: bool = False  # a place standing for its country ("flew to Havana")


@dataclass(slots=True)
class _Candidate:
    match: _Match
    source: _Participant | None
    target: _Participant | None
    cameo: str
    date_span: Span | None
    rule: str
    mutual: bool = False  # from a group acting together ("X and Y met"): direction is arbitrary


@dataclass(slots=True)
class _Sentence:
    sentence: Sentence
    tokens: list = field(default_factory=list)  # spaCy Tokens inside the sentence


class EventStage:
    name = "events"
    requires = frozenset({"parsed", "sentences", "actor_mentions"})
    assigns = frozenset({"event_mentions"})

    def __init__(
        self,
        codebook: Codebook | None = None,
        patterns: PatternSet | None = None,
        reciprocal: bool = False,
        collapse_same_dyad: bool = True,
        places: Gazetteer | None = None,
    ):
        """`reciprocal`: also code the other direction of a reciprocal event (a visit is hosted,
        a meeting is met), as PETRARCH does. `collapse_same_dyad`: one mention per CAMEO code and
        pair of countries in a sentence, so one act is not counted twice at country level."""
        self.codebook = codebook or Codebook.default()
        self.patterns = patterns or PatternSet.default()
        self.reciprocal = reciprocal
        self.collapse_same_dyad = collapse_same_dyad
        self._places = places

    @property
    def places(self) -> Gazetteer:
        """The gazetteer for places named as targets, loaded on first need (it takes seconds)."""
        if self._places is None:
            self._places = Gazetteer.default()
        return self._places

    def __call__(self, doc: Document) -> Document:
        if doc.parsed is None:
            doc.event_mentions = []
            return doc
        actors = _ActorIndex(doc)
        mentions: list[EventMention] = []
        for sentence in _sentences_with_tokens(doc):
            mentions.extend(self._code_sentence(doc, sentence, actors))
        doc.event_mentions = mentions
        return doc

    # ------------------------------------------------------------------ per sentence

    def _code_sentence(self, doc: Document, sentence: _Sentence, actors: _ActorIndex) -> list[EventMention]:
        matches = _without_quoted_themes(list(self._matches(sentence.tokens)), sentence.tokens)
        adopted = _adopted_object_events(matches)
        matches = _without_embedded_nouns(matches)
        candidates_by_trigger: dict[int, list[_Candidate]] = {}
        targets_by_trigger: dict[int, list[_Participant]] = {}
        for match in sorted(matches, key=lambda m: (m.pattern.speech, m.trigger.i)):
            candidates = self._adopted_candidates(match, adopted.get(match.trigger.i), actors, targets_by_trigger)
            candidates = candidates or self._candidates(match, actors, targets_by_trigger)
            if match.pattern.speech and _frames_coded_event(match.trigger, candidates_by_trigger):
                continue
            if candidates:
                candidates_by_trigger[match.trigger.i] = candidates
        ordered = [c for i in sorted(candidates_by_trigger) for c in candidates_by_trigger[i]]
        return self._mentions(doc, sentence.sentence, self._deduplicated(_without_fragments(ordered)), actors)

    def _matches(self, tokens: list) -> Iterator[_Match]:
        for token in tokens:
            pos = _trigger_pos(token)
            if pos is None:
                continue
            for pattern in self.patterns.candidates(pos, token.lemma_):
                obj = _pattern_fits(token, pattern)
                if obj is not False:
                    yield _Match(token, pattern, obj)
                    break

    def _adopted_candidates(self, verb: _Match, noun: _Match | None, actors: _ActorIndex, targets_by_trigger: dict[int, list[_Participant]]) -> list[_Candidate]:
        """The event noun's candidates with the verb's subject as their source ("X welcomed the
        resumption of its ties with Y"), when the noun reaches a target."""
        if noun is None:
            return []
        sources, _ = _first_filled(verb, verb.pattern.source, actors, exclude=[])
        candidates = self._candidates(noun, actors, targets_by_trigger, sources) if sources else []
        return candidates if any(c.target is not None for c in candidates) else []

    def _candidates(self, match: _Match, actors: _ActorIndex, targets_by_trigger: dict[int, list[_Participant]], sources: list[_Participant] | None = None) -> list[_Candidate]:
        pattern = match.pattern
        if sources is None:
            sources, _ = _first_filled(match, pattern.source, actors, exclude=[])
        if not sources and _describes_a_thing(match.trigger, actors):
            return []
        targets, between = _first_filled(match, pattern.target, actors, exclude=sources)
        if not targets and match.trigger.dep_ == "conj" and not pattern.speech:
            targets = targets_by_trigger.get(match.trigger.head.i, [])
        if not targets and pattern.pos == "noun" and (eliciting := _eliciting_verb(match.trigger)) is not None:
            excluded = {p.key for p in sources}  # the reaction is to the act's doer: "X seized ..., drawing condemnation from Y"
            targets = [p for p in actors.participants(_logical_subject(eliciting)) if p.key not in excluded]
        if not targets and pattern.place_target:
            targets = self._place_targets(match, sources)
        if not targets and pattern.self_target:
            targets = _own_countries(sources)
        if targets:
            targets_by_trigger[match.trigger.i] = targets
        mutual_reading = pattern.mutual or _acts_on_each_other(match.trigger)
        if pattern.need_target and not targets and not (mutual_reading and len(sources) >= 2):
            return []
        dates = _date_splits(match.trigger) or [None]
        candidates = []
        for source, target, mutual in _pairs(sources, targets, between, mutual_reading):
            for date_span in dates:
                candidates.append(_Candidate(match, source, target, pattern.cameo, date_span, pattern.pattern_id, mutual))
                if self.reciprocal and source and target and (pattern.reverse or mutual):
                    candidates.append(_Candidate(match, target, source, pattern.reverse or pattern.cameo, date_span, pattern.pattern_id + ":reverse", mutual))
        return candidates

    def _place_targets(self, match: _Match, sources: list[_Participant]) -> list[_Participant]:
        """Countries of the places a visit goes to, other than the visitor's own."""
        own = {_country_key(source) for source in sources}
        hint = next((source.argument.country for source in sources if source.argument.country), None)
        for slot in match.pattern.target:
            tokens, _ = _slot_tokens(match, slot)
            found = [p for p in _places_of(tokens, self.places, hint) if p.argument.country not in own]
            if found:
                return found
        return []

    def _deduplicated(self, candidates: list[_Candidate]) -> list[_Candidate]:
        kept: list[_Candidate] = []
        seen: set[tuple] = set()
        for candidate in candidates:
            key = self._dedup_key(candidate)
            if key in seen:
                continue
            seen.add(key)
            kept.append(candidate)
        return kept

    def _dedup_key(self, candidate: _Candidate) -> tuple:
        date = None if candidate.date_span is None else (candidate.date_span.start, candidate.date_span.end)
        if self.reciprocal or not self.collapse_same_dyad:
            return (candidate.cameo, _role_key(candidate.source), _role_key(candidate.target), date)
        countries = (_country_key(candidate.source), _country_key(candidate.target))
        dyad = frozenset(countries) if candidate.mutual or self._is_reciprocal(candidate) else countries
        return (candidate.cameo, dyad, date)

    def _is_reciprocal(self, candidate: _Candidate) -> bool:
        return candidate.match.pattern.reverse is not None

    def _mentions(self, doc: Document, sentence: Sentence, candidates: list[_Candidate], actors: _ActorIndex) -> list[EventMention]:
        mentions = []
        for candidate in candidates:
            trigger = candidate.match.trigger
            factuality = _factuality(trigger, candidate.source, actors)
            if (intent := _announced_intent(candidate, factuality, actors)) is not None:
                candidate.cameo, factuality = intent, Factuality.ASSERTED
            entry = self.codebook.entry(candidate.cameo)
            trigger_span = Span(trigger.idx, trigger.idx + len(trigger.text))
            source = candidate.source.argument if candidate.source else None
            target = candidate.target.argument if candidate.target else None
            mentions.append(
                EventMention(
                    mention_id=_mention_id(doc.doc_id, trigger_span, candidate.cameo, source, target, candidate.date_span),
                    doc_id=doc.doc_id,
                    section=sentence.section,
                    source=source,
                    target=target,
                    cameo=candidate.cameo,
                    plover=entry.plover,
                    quad_class=entry.quad_class,
                    goldstein=entry.goldstein,
                    factuality=factuality,
                    evidence=sentence.span,
                    trigger=trigger_span,
                    rule=candidate.rule,
                    date=None if candidate.date_span is None else EventDate(None, None, "split", candidate.date_span),
                )
            )
        return mentions


# ---------------------------------------------------------------------- sentences and triggers


def _sentences_with_tokens(doc: Document) -> Iterator[_Sentence]:
    ordered = sorted(doc.sentences, key=lambda s: s.span.start)
    groups = [_Sentence(sentence) for sentence in ordered if sentence.section in (SectionKind.HEADLINE, SectionKind.BODY)]
    starts = [group.sentence.span.start for group in groups]
    position = 0
    for token in doc.parsed:
        if token.is_space:
            continue
        while position + 1 < len(groups) and token.idx >= starts[position + 1]:
            position += 1
        if groups and groups[position].sentence.span.start <= token.idx < groups[position].sentence.span.end:
            groups[position].tokens.append(token)
    yield from (group for group in groups if group.tokens)


def _trigger_pos(token) -> str | None:
    if token.pos_ == "VERB" or token.tag_.startswith("VB") and token.pos_ != "AUX":
        return "verb"
    if token.pos_ == "ADJ" and token.dep_ in ("acomp", "amod", "ROOT", "xcomp", "conj"):
        return "adj"
    if token.pos_ in ("NOUN", "PROPN") and token.ent_type_ not in ("PERSON", "GPE", "NORP"):
        return "noun"
    return None


def _objects(token, pattern: EventPattern | None = None) -> list:
    """Tokens that can satisfy a pattern's object constraint, nearest first: the direct
    object, a complement clause, or the object of a preposition that says what the verb is
    about ("call for talks", "accused X of aggression"), never of one that says when or
    where ("ended a visit after talks")."""
    found = [c for c in token.children if c.dep_ in ("dobj", "obj", "attr")] or _object_read_into_by_phrase(token)
    if _is_passive(token):
        found += [c for c in token.children if c.dep_ == "nsubjpass"]
    found += [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "acomp")]
    found += [c for c in token.children if c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    allowed = OBJECT_PREPOSITIONS | ({pattern.prep, pattern.particle} - {None} if pattern else set())
    for prep in token.children:
        if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ in allowed:
            found += [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
    for obj in list(found):
        found += [c for c in obj.children if c.dep_ == "conj"]
        if obj.lemma_.lower() in QUANTITY_NOUNS:  # "a set of resolutions", "a series of talks"
            found += [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    return found


def _object_read_into_by_phrase(token) -> list:
    """The object of an active verb that the parser read into a preceding "by" phrase of
    manner: "received by courier money from X" parsed as "by (courier money)"."""
    if _is_passive(token) or token.pos_ != "VERB":
        return []
    return [
        noun
        for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "by"
        for noun in prep.children
        if noun.dep_ == "pobj" and noun.pos_ == "NOUN" and any(m.dep_ == "compound" and m.pos_ == "NOUN" for m in noun.children)
    ]


def _pattern_fits(token, pattern: EventPattern):
    """The object token the pattern matched on (None if it needs none), or False."""
    # the parser often reads the particle as a preposition: "cordoned off the roads"
    if pattern.particle and not any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == pattern.particle for c in token.children):
        return False
    if pattern.prep and not _preposition(token, pattern.prep):
        return False
    if pattern.to_verbs and not any(c.dep_ in ("xcomp", "advcl", "ccomp") and c.lemma_.lower() in pattern.to_verbs for c in token.children):
        return False
    if not pattern.objects:
        first = next(iter(_objects(token, pattern)), None)
        if pattern.object_modifiers and not (first is not None and _has_modifier(first, pattern.object_modifiers)):
            return False
        return first
    for obj in _objects(token, pattern):
        if obj.lemma_.lower() in pattern.objects or obj.lower_ in pattern.objects or _titled(obj, pattern.objects):
            if pattern.object_modifiers and not _has_modifier(obj, pattern.object_modifiers):
                continue
            return obj
    return False


def _describes_a_thing(trigger, actors: "_ActorIndex") -> bool:
    """A participle that only describes a thing that is no actor: "zones encircling Taiwan"."""
    return trigger.dep_ == "acl" and trigger.tag_ == "VBG" and actors.at(trigger.head) is None


def _titled(name, words: frozenset[str]) -> bool:
    """A person named with a title the pattern wants: "summoned ambassador Nicholas Burns"."""
    return name.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in words for c in name.children)


def _has_modifier(token, words: frozenset[str]) -> bool:
    return any(c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in words for c in token.children)


def _preposition(token, word: str):
    return next((c for c in token.children if c.dep_ in ("prep", "dative", "agent") and c.lower_ == word), None)


def _adopted_object_events(matches: list[_Match]) -> dict[int, _Match]:
    """Event nouns that verbs of welcome take as their subject's own act, by the verb's token
    index: a noun with no doer of its own and not between other parties."""
    nouns = {m.trigger.i: m for m in matches if m.pattern.pos == "noun"}
    adopted: dict[int, _Match] = {}
    for match in matches:
        if not match.pattern.adopts_object_event or match.obj is None or match.obj.i not in nouns:
            continue
        noun = nouns[match.obj.i]
        if _noun_doers(noun.trigger) or any(t.lower_ == "between" for t in noun.trigger.subtree):
            continue  # "welcomed Y's decision", "welcomed the ties between Y and Z": endorsing others
        adopted[match.trigger.i] = noun
    return adopted


_QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})


def _without_quoted_themes(matches: list[_Match], tokens: list) -> list[_Match]:
    """A quoted phrase under a trigger other than a saying gives the words of a charge, not an act: in
    'accused X of "destroying every channel of dialogue"' nothing is destroyed."""
    triggers = {m.trigger.i for m in matches if not m.pattern.speech}  # a quoted saying stays a report
    return [m for m in matches if not (_inside_quoted_phrase(m.trigger, tokens) and any(a.i in triggers for a in m.trigger.ancestors))]


def _inside_quoted_phrase(token, tokens: list) -> bool:
    """Whether the token stands between a quotation mark and its closing one in the same sentence."""
    before = sum(1 for t in tokens if t.i < token.i and t.text in _QUOTE_MARKS)
    after = sum(1 for t in tokens if t.i > token.i and t.text in _QUOTE_MARKS)
    return before % 2 == 1 and after >= 1


def _without_embedded_nouns(matches: list[_Match]) -> list[_Match]:
    """A nominal trigger that is the object of another trigger ("condemned an attack") is its theme."""
    verb_objects = {m.obj.i for m in matches if m.obj is not None and not m.pattern.speech}
    triggers = {m.trigger.i for m in matches if not m.pattern.speech}
    kept = []
    for match in matches:
        token = match.trigger
        embedded = token.i in verb_objects or _governed_by(token, triggers)
        # others' reaction to an act ("tested a missile, drawing criticism from X") is no part of it
        if match.pattern.pos == "noun" and embedded and not _is_commemorated(token) and _eliciting_verb(token) is None:
            continue
        kept.append(match)
    return kept


_COMMEMORATIONS = frozenset({"anniversary", "centenary", "centennial", "jubilee"})


def _is_commemorated(token) -> bool:
    """'the 55th anniversary of the establishment of relations': a past event of its own, not part
    of the visit or celebration that marks it."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _COMMEMORATIONS


def _governed_by(token, triggers: set[int]) -> bool:
    if any(ancestor.i in triggers and ancestor.pos_ == "VERB" for ancestor in token.ancestors):
        return True  # part of what a verbal event says ("opposed X in being drawn in by its resumption of ties")
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.i in triggers:
        return True
    return token.dep_ == "pobj" and head.head.i in triggers and head.head.pos_ == "VERB" and head.dep_ != "agent"


def _without_fragments(candidates: list[_Candidate]) -> list[_Candidate]:
    """One-sided mentions beside a complete one of the same actor in the sentence are parts of
    that act ("sent a message expressing support and offered greetings to X"), not events."""
    # others' reaction to an act ("..., drawing criticism from X") is not the act it could absorb
    complete = [c for c in candidates if c.source is not None and c.target is not None and _eliciting_verb(c.match.trigger) is None]
    sides = {_key(c.source) for c in complete} | {_key(c.target) for c in complete}
    return [c for c in candidates if (c.source is not None and c.target is not None) or _key(c.source or c.target) not in sides]


def _frames_coded_event(speech, candidates_by_trigger: dict[int, list[_Candidate]]) -> bool:
    """A saying whose content (or whose reported clause) holds a coded event is a report frame."""
    for index, candidates in candidates_by_trigger.items():
        token = speech.doc[index]
        if token.i != speech.i and any(ancestor.i == speech.i for ancestor in token.ancestors):
            return True
        if speech.head.i == token.i and (speech.dep_ in ("parataxis", "advcl", "ccomp") or _is_trailing_attribution(speech)):
            return True
    return False


def _is_trailing_attribution(speech) -> bool:
    """ "X sent a letter to Y, Z said": a saying joined to the clause before it by a comma alone."""
    if speech.dep_ != "conj" or speech.i <= speech.head.i:
        return False
    joined_by_and = any(c.dep_ == "cc" and speech.head.i < c.i < speech.i for c in speech.head.children)
    return not joined_by_and and speech.doc[speech.left_edge.i - 1].text == ","


# ---------------------------------------------------------------------- argument slots


def _is_passive(token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) or (
        token.tag_ == "VBN" and token.dep_ == "acl"
    )


def _logical_subject(token, depth: int = 0) -> list:
    if depth > 4:
        return []
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ != "ROOT" or token.pos_ == "NOUN":
        return _noun_subject(token, depth)
    if _is_passive(token):
        agent = [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if agent or token.dep_ != "conj":
            return agent
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")] or _subject_read_into_time_phrase(token)
    if subjects:
        if subjects[0].lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
            return [token.head]
        # the parser may give "Lions, tigers, and Gondor" two subjects
        return [_glossed(subject) for subject in _inside_clause(token, subjects)]
    head = token.head
    if head is token:
        return []
    if token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ == "VBG"):
        return [head]
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if token.dep_ == "xcomp" or (token.dep_ == "advcl" and infinitive and head.lemma_ in OBJECT_CONTROL_VERBS):
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        if obj is None:  # "called on X to lift", "appealed to X to help"
            obj = next((p for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") for p in c.children if p.dep_ == "pobj"), None)
        if obj is not None and head.lemma_ in OBJECT_CONTROL_VERBS:
            return [obj]
        raised = [c for c in head.children if c.dep_ == "nsubjpass"]
        if raised and not any(c.dep_ == "agent" for c in head.children):
            return raised  # "X is scheduled to visit"
        return _logical_subject(head, depth + 1)
    if token.dep_ in ("conj", "advcl", "acomp"):
        return _logical_subject(head, depth + 1)
    if token.dep_ == "pcomp" and head.head is not head:
        governor = head.head
        controller = [c for c in governor.children if c.dep_ == "dobj"]
        if head.lower_ in ("for", "of") and controller and governor.pos_ == "VERB":
            return controller  # "thanked X for extending", "accused X of violating"
        return _logical_subject(governor, depth + 1)
    return []


def _subject_read_into_time_phrase(verb) -> list:
    """The subject the parser folded into an opening time phrase: "On Friday Beijing
    announced ..." read as "on (Friday Beijing)"; the name after the day is the doer."""
    if verb.dep_ != "ROOT":
        return []
    return [
        noun
        for prep in verb.children if prep.dep_ == "prep" and prep.i < verb.i
        for noun in prep.children
        if noun.dep_ == "pobj" and noun.pos_ == "PROPN" and noun.ent_type_ != "DATE"
        and any(c.dep_ == "compound" and c.ent_type_ == "DATE" for c in noun.children)
    ]


_OPENING_BRACKETS = frozenset({"[", "("})


def _glossed(subject):
    """The phrase a bracketed gloss explains when the parser took the gloss for the subject:
    "Kim, president of the DPRK [Democratic People's Republic of Korea], hosted ..." has the
    gloss as subject and "Kim" left as a fragment; the top of that fragment is the subject."""
    bracket = subject.left_edge if subject.left_edge.text in _OPENING_BRACKETS else subject.doc[max(subject.left_edge.i - 1, 0)]
    if bracket.text not in _OPENING_BRACKETS or bracket.i == 0:
        return subject
    top = subject.doc[bracket.i - 1]
    while top.head.i != top.i and top.head.i < bracket.i:
        top = top.head
    if top.head.i == top.i and top.pos_ in ("PROPN", "NOUN", "PRON"):
        return top
    return subject


def _inside_clause(verb, subjects: list) -> list:
    """The subjects after the verb's subordinator: a subject before it belongs to a clause the
    parser failed to build ("X departx from Y after crowds trashed ..." gives "trashed" both)."""
    marker = next((c for c in verb.children if c.dep_ == "mark" and c.i < verb.i), None)
    if marker is None:
        return subjects
    return [subject for subject in subjects if subject.i > marker.i] or subjects


def _noun_subject(noun, depth: int) -> list:
    possessor = [c for c in noun.children if c.dep_ == "poss"]
    if possessor:
        return possessor
    clause_subject = _subject_of_verb_read_as_modifier(noun)
    if clause_subject:
        return clause_subject
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.pos_ in ("PROPN", "ADJ") and c.i < noun.i]
    if modifiers and noun.dep_ not in ("dobj", "pobj"):
        return modifiers  # "Russian shelling hit ...", "the Israeli strikes"
    by_agent = [p for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
    if by_agent:
        return by_agent
    head = noun.head
    if noun.dep_ == "conj" and head is not noun:
        return _noun_subject(head, depth + 1)
    if _eliciting_verb(noun) is not None:  # "drawing condemnation from X": X condemns
        return _from_objects(noun) or _from_objects(head)
    if noun.dep_ in ("dobj", "obj") and head.pos_ in ("VERB", "AUX"):
        return _logical_subject(head, depth + 1)
    return []


#: Verbs whose object is others' reaction to the subject's act: "drawing condemnation from X".
_ELICITING_LEMMAS = frozenset({"draw", "prompt", "spark", "trigger", "provoke", "earn", "attract", "elicit", "stir", "ignite", "fuel"})


def _eliciting_verb(noun):
    """The verb that has the event noun as the reaction it drew, or None."""
    head = noun.head
    if noun.dep_ in ("dobj", "obj") and head.lemma_.lower() in _ELICITING_LEMMAS and head.pos_ == "VERB":
        return head
    return None


def _from_objects(token) -> list:
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children if p.dep_ == "pobj"]


def _subject_of_verb_read_as_modifier(noun) -> list:
    """ "Trump held talks with Lee" misread as one noun phrase ("held" a modifier of "talks"):
    the name before the verb is its subject."""
    for verb in (c for c in noun.children if c.dep_ == "amod" and c.tag_ in ("VBD", "VBN") and c.i < noun.i):
        before = [t for t in noun.subtree if t.i < verb.i and t.dep_ in ("nmod", "npadvmod", "nsubj", "compound") and t.pos_ in ("PROPN", "NOUN")]
        if before:
            return before[:1]
    return []


def _logical_object(token) -> list:
    if token.pos_ == "NOUN":
        return []
    if _is_passive(token):
        subject = [c for c in token.children if c.dep_ == "nsubjpass"]
        if subject and subject[0].lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
            return [token.head]
        if not subject and token.dep_ == "acl":
            return [token.head]
        return subject
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
    # a headline's object the parser left unattached: "Arnor praises Gondor" with "Gondor" as dep
    return objects or [c for c in token.children if c.dep_ == "dep" and c.pos_ == "PROPN" and c.i > token.i]


def _argument_hosts(match: _Match) -> list:
    """Tokens whose prepositional phrases can hold the trigger's arguments."""
    trigger = match.trigger
    hosts = [trigger] + [c for c in trigger.children if c.dep_ == "advmod"]  # "marched close to X"
    if match.obj is not None and match.obj.pos_ in ("NOUN", "PROPN"):
        hosts.append(match.obj)
    for token in list(hosts):
        clauses = [c for c in token.children if c.dep_ in ("acl", "relcl")]
        hosts += clauses + [g for c in clauses for g in c.children if g.dep_ == "xcomp"]
    if trigger.pos_ == "NOUN":
        if trigger.dep_ == "conj":
            hosts.append(trigger.head)
            hosts += [c for c in trigger.head.children if c.dep_ == "acl"]
        if trigger.dep_ in ("dobj", "nsubj", "nsubjpass") and trigger.head.pos_ == "VERB":
            hosts.append(trigger.head)
    return hosts


def _prep_objects(match: _Match, word: str) -> list:
    found = []
    for host in _argument_hosts(match):
        for child in host.children:
            if child.dep_ in ("prep", "dative", "agent") and child.lower_ == word:
                found += [p for p in child.children if p.dep_ in ("pobj", "pcomp")]
            elif word == "to" and child.dep_ == "dative" and child.pos_ != "ADP":
                found.append(child)
    return list(dict.fromkeys(found))


def _main_clause_subjects(match: _Match) -> list:
    """Fallback subjects for a verb the parser joined to a relative clause instead of the main
    one ("X stepped across the line that divides Y and held a summit with Z")."""
    verb = match.trigger if match.trigger.pos_ == "VERB" else match.trigger.head
    if verb.dep_ != "conj" or verb.head.dep_ != "relcl":
        return []
    relative = verb.head
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE_PRONOUNS for c in relative.children):
        return []
    governor = relative.head
    while governor.pos_ not in ("VERB", "AUX") and governor.head is not governor:
        governor = governor.head
    return [c for c in governor.children if c.dep_ == "nsubj"]


def _complement_subjects(match: _Match) -> list:
    for host in (match.trigger, match.obj):
        if host is None:
            continue
        for child in host.children:
            if child.dep_ in ("ccomp", "acl") and any(g.dep_ == "mark" for g in child.children) or child.dep_ == "ccomp":
                subject = [g for g in child.children if g.dep_ in ("nsubj", "nsubjpass") and g.pos_ != "PRON"]
                if subject:
                    return subject
    return []


def _inner_targets(match: _Match) -> list:
    """Tokens inside the object phrase that may name the target, best first: the doer of an
    event noun ("condemned an attack by X"), then the objects of relational prepositions
    ("the will to develop ties with Cuba"), then any other noun in the phrase."""
    purposes = [c for c in match.trigger.children if c.dep_ in ("xcomp", "advcl") and any(g.lower_ == "to" for g in c.children)]
    phrases = ([match.obj] if match.obj is not None else []) + purposes
    ordered: list = []
    if match.obj is not None and match.obj.pos_ == "NOUN":
        ordered += _noun_doers(match.obj)
    subtree = [t for phrase in phrases for t in phrase.subtree]
    for word in INNER_TARGET_PREPOSITIONS:
        ordered += [p for t in subtree if t.dep_ == "prep" and t.lower_ == word for p in t.children if p.dep_ == "pobj"]
    ordered += [t for t in subtree if t.dep_ in ("dobj", "pobj", "compound", "poss", "nmod", "amod") and t.head.dep_ != "agent"]
    return list(dict.fromkeys(ordered))


def _noun_doers(noun) -> list:
    """Who does what a noun names: its possessor or its "by" phrase ("an attack by X", "X's attack")."""
    possessors = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    by_phrase = [p for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
    return possessors + by_phrase


def _slot_tokens(match: _Match, slot: str) -> tuple[list, bool]:
    """The head tokens of a slot, and whether they stand in a "between" relation."""
    trigger = match.trigger
    if slot == "subject":
        return _logical_subject(trigger), False
    if slot == "object":
        return _logical_object(trigger), False
    if slot == "dative":
        return [c for c in trigger.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"], False
    if slot == "between":
        return _prep_objects(match, "between"), True
    if slot == "complement":
        return _complement_subjects(match), False
    if slot == "inside":
        return _inner_targets(match), False
    return _prep_objects(match, slot.removeprefix("prep:")), False


def _first_filled(match: _Match, slots: tuple[str, ...], actors: _ActorIndex, exclude: list[_Participant]) -> tuple[list[_Participant], bool]:
    excluded = {p.key for p in exclude}
    for slot in slots:
        tokens, between = _slot_tokens(match, slot)
        if slot == "subject":
            tokens = tokens + _main_clause_subjects(match)
        # inside a phrase only the nearest actor (with its coordinated ones) is the target
        groups = [[t] for t in tokens] if slot == "inside" else [tokens]
        if between and tokens:  # "between X, member of ..., and Y": the parser may hang Y deep inside
            groups = [tokens + [t for token in tokens for t in token.subtree if t.dep_ == "conj"]]
        for group in groups:
            participants = [p for p in actors.participants(group, direct=slot == "complement") if p.key not in excluded]
            if participants:
                return participants, between or (slot == "inside" and group[0].head.lower_ == "between")
        if slot == "subject" and (reporters := _reporter_of_misattached_conjunct(match.trigger)):
            participants = [p for p in actors.participants(reporters) if p.key not in excluded]
            if participants:
                return participants, False
    return [], False


def _reporter_of_misattached_conjunct(verb) -> list:
    """The speaker, for a verb the parser joined to the reported clause instead of to the verb
    of saying: in "X said the move mirrored Y's decision and accused Z", "accused" hangs under
    "mirrored", whose subject is no actor; the one who said is then the one who accused."""
    if verb.pos_ != "VERB" or verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    reported = verb.head
    if reported.dep_ != "ccomp" or reported.head.lemma_ not in factuality_rules.SPEECH_VERBS:
        return []
    if not any(c.dep_ == "nsubj" for c in reported.children):
        return []  # a reported clause the parser left without a subject is too broken to say who
    return [c for c in reported.head.children if c.dep_ == "nsubj"]


def _pairs(sources: list[_Participant], targets: list[_Participant], between: bool, mutual: bool) -> Iterator[tuple[_Participant | None, _Participant | None, bool]]:
    if sources and targets:
        for source in sources:
            for target in _other_side(source, targets, between):
                yield source, target, False
        return
    group = targets if between and not sources else (sources if mutual else [])
    if len(group) >= 2:
        mutual = [(a, b) for i, a in enumerate(group) for b in group[i + 1 :] if _country_key(a) != _country_key(b)]
        if mutual:
            for a, b in mutual:
                yield a, b, True
            return
    for source in sources:
        yield source, None, False
    for target in targets:
        yield None, target, False


def _is_own(participant: _Participant) -> bool:
    return participant.argument.span is None  # the source's own country, put there on purpose


def _other_side(source: _Participant, targets: list[_Participant], between: bool) -> list[_Participant]:
    """Targets other than the source; of a relation "between" two sides or a group, the side
    that is not the source's country ("X developed the ties between the two countries")."""
    others = [
        t for t in targets
        if _is_own(t) or (t.key != source.key and not (t.place and t.argument.country == source.argument.country))
    ]
    if between or any(t.group for t in others):
        country = _country_key(source)
        distinct = [t for t in others if _country_key(t) != country]
        if distinct:
            return distinct
    return others


def _acts_on_each_other(trigger) -> bool:
    """ "support each other", "met one another": the object is the subject group itself."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "pobj")]
    objects += [p for c in trigger.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(o.lower_ in RECIPROCAL_PRONOUNS and any(g.lower_ in ("each", "one") for g in o.children) for o in objects) or any(
        o.lower_ == "another" and o.i > 0 and o.doc[o.i - 1].lower_ == "one" for o in objects
    )


def _own_countries(sources: list[_Participant]) -> list[_Participant]:
    """The source's own country as target, for acts aimed at home by convention (a protest,
    an arrest of unnamed people)."""
    countries = dict.fromkeys(s.argument.country for s in sources if s.argument.country)
    return [
        _Participant(Argument(country, country, country, f"state:{country}", None), f"state:{country}", place=True)
        for country in countries
    ]


def _date_splits(trigger) -> list[Span]:
    """Spans of coordinated dates the trigger governs ("in September 2015 and November 2018")."""
    hosts = [trigger] + [c for c in trigger.children if c.dep_ == "prep" and c.lower_ in DATE_PREPOSITIONS]
    for host in hosts:
        for child in host.children:
            if child.ent_type_ != "DATE" or child.dep_ not in ("pobj", "npadvmod", "tmod"):
                continue
            dates = [child] + [c for c in child.subtree if c.dep_ == "conj" and c.ent_type_ == "DATE"]
            if len(dates) >= 2:
                return [_own_span(date) for date in dates]
    return []


def _own_span(token) -> Span:
    """The token with its modifiers, without its coordinated siblings."""
    parts = [token] + [c for c in token.subtree if c is not token and c.dep_ not in ("cc", "conj", "punct") and not any(a.dep_ == "conj" and a.i != token.i and a in token.subtree for a in c.ancestors if a.i != token.i)]
    parts = [p for p in parts if p.ent_type_ == "DATE"]
    start = min(p.idx for p in parts)
    end = max(p.idx + len(p.text) for p in parts)
    return Span(start, end)


# ---------------------------------------------------------------------- actors


class _ActorIndex:
    """Actor mentions by token, with pronouns and groups resolved to participants."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.mentions = sorted(doc.actor_mentions, key=lambda m: (m.span.start, -m.span.end))
        self.by_actor_id = {m.actor_id: m for m in self.mentions if m.actor_id and m.code}
        self._by_token = _longest_mention_per_token(doc.parsed, self.mentions) if doc.parsed is not None else {}

    def at(self, token) -> ActorMention | None:
        """The longest actor mention overlapping the token."""
        return self._by_token.get(token.i)

    def participants(self, tokens: list, direct: bool = False) -> list[_Participant]:
        """Participants named by the tokens and their coordinated ones; unless `direct`, also
        an actor inside a noun phrase that names none itself ("the leaders of China")."""
        found: list[_Participant] = []
        seen: set[tuple[str, str | None]] = set()
        for token in tokens:
            units = _coordinated(token)
            for unit in units:
                mentions = ([m] if (m := self.at(unit)) else []) if direct else self._mentions_for(unit, depth=0)
                units += [c for m in mentions for conj in self._conjuncts_outside(m) for c in _coordinated(conj) if c not in units]
                for mention in mentions:
                    for participant in self._resolved(mention):
                        # one actor id may hold several roles: "Danish media and government"
                        identity = (participant.key, participant.argument.code)
                        if identity not in seen:
                            seen.add(identity)
                            found.append(participant)
        return found

    def _conjuncts_outside(self, mention: ActorMention) -> list:
        """Names coordinated with the last word of a mention but outside it: "the leaders of China,
        Cuba and Laos" resolved as one mention "leaders of China" still reaches Cuba and Laos."""
        span = self.doc.parsed.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None or len(span) < 2:
            return []
        return [c for c in span[-1].children if c.dep_ == "conj" and c.i >= span.end]

    def _mentions_for(self, token, depth: int) -> list[ActorMention]:
        mention = self.at(token)
        if mention is not None:
            return [mention]
        if depth > 2 or token.lemma_.lower() in ARTEFACT_NOUNS:
            return []  # "visited the statues of Kim Il Sung" is no visit to him
        descend = ("poss", "appos") if token.lemma_.lower() in RELATION_NOUNS else ("poss", "appos", "compound", "amod", "nmod")
        for child in token.children:
            if child.dep_ in descend:
                mention = self.at(child)
                if mention is not None:
                    return [mention]
        around = [o for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in _SURROUNDING_VERBS for o in c.children if o.dep_ == "dobj"]
        for obj in around:  # "the zones encircling X" lie around X, as "the waters off X" are X's
            found = [m for unit in _coordinated(obj) for m in self._mentions_for(unit, depth + 1)]
            if found:
                return found
        through = ACTOR_PREPOSITIONS | ({"with", "between"} if token.lemma_.lower() in RELATION_NOUNS else set())
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in through:
                for pobj in (p for p in child.children if p.dep_ == "pobj"):
                    found = [m for unit in _coordinated(pobj) for m in self._mentions_for(unit, depth + 1)]
                    if found:
                        return found
        return []

    def _resolved(self, mention: ActorMention) -> list[_Participant]:
        if mention.members:
            return [p for member in mention.members if (p := self._member(member, mention)) is not None]
        if mention.actor_id is None and mention.code is None:
            antecedent = self._antecedent(mention)
            if antecedent is None:
                return []
            mention = antecedent
        if mention.actor_id is None and mention.code is None:
            return []
        argument = Argument(mention.text, mention.code, mention.country, mention.actor_id, mention.span)
        return [_Participant(argument, mention.actor_id or mention.code or mention.text)]

    def _antecedent(self, mention: ActorMention) -> ActorMention | None:
        if mention.antecedent is None:
            return None
        return next((m for m in self.mentions if m.span == mention.antecedent and m.resolved), None)

    def _member(self, actor_id: str, group: ActorMention) -> _Participant | None:
        known = self.by_actor_id.get(actor_id)
        if known is not None:
            code, country = known.code, known.country
        elif actor_id.startswith("state:"):
            code = country = actor_id.removeprefix("state:")
        else:
            return None
        return _Participant(Argument(group.text, code, country, actor_id, group.span), actor_id, group=True)


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _places_of(tokens: list, gazetteer: Gazetteer, country_hint: str | None) -> list[_Participant]:
    """Places named by the tokens, as their countries; an ambiguous name is read, first, as
    a place in the source's own country ("travelled to San Antonio" from Havana)."""
    found: list[_Participant] = []
    for token in tokens:
        for unit in _coordinated(token):
            entity = next((e for e in unit.doc.ents if e.start <= unit.i < e.end), None)
            if entity is None and unit.pos_ == "PROPN":
                entity = _unlabelled_name(unit)
            if entity is None or getattr(entity, "label_", "") not in PLACE_LABELS | {""}:
                continue
            place = gazetteer.lookup(entity.text, country_hint)
            if place is None or place.country is None:
                continue
            span = Span(entity.start_char, entity.end_char)
            argument = Argument(entity.text, place.country, place.country, f"state:{place.country}", span)
            found.append(_Participant(argument, f"state:{place.country}", place=True))
    return found


def _unlabelled_name(token):  # -> spacy Span
    """A name the parser left without an entity label, with its compound parts ("San Antonio de los Baños")."""
    parts = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    start = min((part.left_edge.i for part in parts), default=token.i)
    return token.doc[start : token.i + 1]


def _longest_mention_per_token(parsed, mentions: list[ActorMention]) -> dict[int, ActorMention]:
    by_token: dict[int, ActorMention] = {}
    for mention in mentions:
        span = parsed.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            best = by_token.get(token.i)
            if best is None or mention.span.end - mention.span.start > best.span.end - best.span.start:
                by_token[token.i] = mention
    return by_token


def _coordinated(token) -> list:
    units = [token]
    for unit in units:
        units += [c for c in unit.children if c.dep_ == "conj" and c not in units]
    aside = _names_hung_aside(units)
    if any(c.dep_ == "cc" for unit in units + aside for c in unit.children):
        units += aside
    return units


def _names_hung_aside(units: list) -> list:
    """Names of a coordination the parser hung as an apposition or a modifier ("Arnor and the
    awful Gondor", "Arnor, Calenardhon and Gondor" read as "Arnor's Gondor"), with their own
    coordinated names."""
    found: list = []
    for unit in units:
        for child in unit.children:
            if child.dep_ in ("appos", "nmod") and child.pos_ == "PROPN" and child not in units and child not in found:
                found += [child] + [c for c in child.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    return found


def _key(participant: _Participant | None) -> str | None:
    return None if participant is None else participant.key


def _role_key(participant: _Participant | None) -> tuple[str, str | None] | None:
    """The actor in one of its roles: "Danish media and government" are one actor id, two codes."""
    return None if participant is None else (participant.key, participant.argument.code)


def _country_key(participant: _Participant | None) -> str | None:
    if participant is None:
        return None
    return participant.argument.country or participant.argument.code or participant.key


def _factuality(trigger, source: _Participant | None, actors: _ActorIndex) -> Factuality:
    assessment = factuality_rules.assess(trigger)
    if assessment.value is Factuality.ASSERTED and factuality_rules.inside_quotation(actors.doc.text, trigger.idx):
        return Factuality.REPORTED  # a quotation whose speaker is named in another sentence
    if assessment.value is not Factuality.REPORTED or assessment.speaker is None or source is None:
        return assessment.value
    speakers = actors.participants([assessment.speaker])
    if any(speaker.key == source.key for speaker in speakers):
        return Factuality.ASSERTED  # the source's own words
    return Factuality.REPORTED


#: The CAMEO 03 intent for each cooperative root: announcing one's own coming act of it.
_INTENT_BY_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}


def _announced_intent(candidate: _Candidate, factuality: Factuality, actors: _ActorIndex) -> str | None:
    """ "X said it would lift the restrictions": a cooperative act the speaker announces as its own
    coming act is an asserted intent (CAMEO 03), not an event yet; others' coming acts stay future."""
    if factuality not in (Factuality.FUTURE, Factuality.HYPOTHETICAL) or candidate.source is None:
        return None
    intent = _INTENT_BY_ROOT.get(candidate.cameo[:2])
    clause = factuality_rules.clause_verb(candidate.match.trigger)
    if intent is None or not factuality_rules.announced_with_modal(clause) or factuality_rules.negated(clause) is not None:
        return None
    if factuality_rules.hypothetical_condition(clause):
        return None
    frame = factuality_rules.speech_frame(clause)
    if frame is None or frame[1] is None:
        return None
    return intent if any(p.key == candidate.source.key for p in actors.participants([frame[1]])) else None


def _mention_id(doc_id: str, trigger: Span, cameo: str, source: Argument | None, target: Argument | None, date_span: Span | None) -> str:
    def part(argument: Argument | None) -> str:
        if argument is None:
            return "-"
        where = f"{argument.span.start}" if argument.span else ""
        return f"{argument.code}@{where}"

    dated = "" if date_span is None else f"{date_span.start}:{date_span.end}"
    text = f"{doc_id}|{trigger.start}:{trigger.end}|{cameo}|{part(source)}|{part(target)}|{dated}"
    return "m-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
