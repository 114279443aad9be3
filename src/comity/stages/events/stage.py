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

from comity import factuality as factuality_rules
from comity.knowledge.cameo import Codebook
from comity.knowledge.event_patterns import BROAD_LAYER, PatternSet
from comity.knowledge.gazetteer import Gazetteer
from comity.knowledge.senses import NonEventSenses
from comity.model import Argument, Document, EventDate, EventMention, Factuality, Sentence, Span
from comity.stages.actors import LOCATIVE_PREPS
from comity.stages.events.arguments import eliciting_verb, first_filled, logical_subject, slot_tokens
from comity.stages.events.modality import announced_intent, announced_refusal, judged_factuality
from comity.stages.events.pairing import acts_on_each_other, date_splits, own_countries, pairs
from comity.stages.events.participants import ActorIndex, country_key, places_of, role_key
from comity.stages.events.records import Candidate, Match, Participant, SentenceTokens, is_political
from comity.stages.events.selection import adopted_object_events, without_acts_on_oneself, without_alleged_acts, without_anonymous_acts, without_business_only_acts, without_characterisations, without_non_event_senses, without_passive_asides, frames_coded_event, frames_other_saying, without_lone_decisions, without_embedded_nouns, without_fragments, without_quoted_themes
from comity.stages.events.story import COUP_SOURCE_RULE, STORY_SOURCE_RULE, STORY_TARGET_RULE, coercing_state, coup_makers, fighting_side, institution_side, other_side
from comity.stages.events.triggers import (
    describes_a_thing,
    find_matches,
    repair_verb_lemmas,
    sentences_with_tokens,
    without_overlaps_of_the_broad_layer,
    without_verbs_of_event_subjects,
    without_words_of_names,
)
from comity.stages.events.vocabulary import FIGHTER_NOUNS


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
        senses: NonEventSenses | None = None,
    ):
        """`reciprocal`: also code the other direction of a reciprocal event (a visit is hosted,
        a meeting is met), as PETRARCH does. `collapse_same_dyad`: one mention per CAMEO code and
        pair of countries in a sentence, so one act is not counted twice at country level.
        `senses`: senses in which event words name no event (default data/senses/not_events.yaml)."""
        self.codebook = codebook or Codebook.default()
        self.patterns = patterns or PatternSet.default()
        self.senses = senses or NonEventSenses.default()
        self.reciprocal = reciprocal
        self.collapse_same_dyad = collapse_same_dyad
        self._places = places
        # verbs whose lemma the coder reads: the patterns' and the factuality rules'
        self.known_verbs = self.patterns.verb_lemmas() | factuality_rules.KNOWN_VERBS

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
        repair_verb_lemmas(doc.parsed, self.known_verbs)
        actors = ActorIndex(doc)
        mentions: list[EventMention] = []
        for sentence in sentences_with_tokens(doc):
            mentions.extend(self._code_sentence(doc, sentence, actors))
        doc.event_mentions = mentions
        return doc

    # ------------------------------------------------------------------ per sentence

    def _code_sentence(self, doc: Document, sentence: SentenceTokens, actors: ActorIndex) -> list[EventMention]:
        matches = without_overlaps_of_the_broad_layer(list(find_matches(sentence.tokens, self.patterns)))
        matches = without_verbs_of_event_subjects(without_words_of_names(matches, actors))
        matches = without_quoted_themes(matches, sentence.tokens)
        # a saying relays another's saying whatever that one says ("X said Y said prices would fall")
        speech_triggers = {m.trigger.i for m in matches if m.pattern.speech}
        matches = without_non_event_senses(matches, self.senses)
        adopted = adopted_object_events(matches)  # a noun in a sense that names no event is adopted by no one
        matches = without_passive_asides(without_characterisations(without_embedded_nouns(matches)))
        candidates_by_trigger: dict[int, list[Candidate]] = {}
        targets_by_trigger: dict[int, list[Participant]] = {}
        # a clause's verb that triggers an event makes a saying over it a report, coded or not
        # (the broad layer's only when it codes: it never changes what the patterns in front code)
        verbal_triggers = {m.trigger.i for m in matches if not m.pattern.speech and m.pattern.pos == "verb" and m.pattern.layer < BROAD_LAYER}
        for match in sorted(matches, key=lambda m: (m.pattern.speech, m.trigger.i)):
            if match.pattern.speech and (frames_coded_event(match.trigger, verbal_triggers | set(candidates_by_trigger))
                                         or frames_other_saying(match.trigger, speech_triggers)):
                continue
            candidates = self._adopted_candidates(match, adopted.get(match.trigger.i), actors, targets_by_trigger)
            candidates = candidates or self._candidates(match, actors, targets_by_trigger)
            if candidates:
                candidates_by_trigger[match.trigger.i] = candidates
        ordered = [c for i in sorted(candidates_by_trigger) for c in candidates_by_trigger[i]]
        ordered = without_alleged_acts(without_lone_decisions(ordered, {m.trigger.i for m in matches}))
        return self._mentions(doc, sentence.sentence, without_acts_on_oneself(without_business_only_acts(without_anonymous_acts(self._deduplicated(without_fragments(ordered))))), actors)

    def _adopted_candidates(self, verb: Match, noun: Match | None, actors: ActorIndex, targets_by_trigger: dict[int, list[Participant]]) -> list[Candidate]:
        """The event noun's candidates with the verb's subject as their source ("X welcomed the
        resumption of its ties with Y"), when the noun reaches a target."""
        if noun is None:
            return []
        sources, _ = first_filled(verb, verb.pattern.source, actors, exclude=[])
        candidates = self._candidates(noun, actors, targets_by_trigger, sources) if sources else []
        return candidates if any(c.target is not None for c in candidates) else []

    def _candidates(self, match: Match, actors: ActorIndex, targets_by_trigger: dict[int, list[Participant]], sources: list[Participant] | None = None) -> list[Candidate]:
        pattern = match.pattern
        if sources is None:
            sources, _ = first_filled(match, pattern.source, actors, exclude=[])
        if not sources and describes_a_thing(match.trigger, actors):
            return []
        if pattern.political:
            sources = [p for p in sources if is_political(p)]
        targets, between = first_filled(match, pattern.target, actors, exclude=sources)
        if pattern.speech:  # "Tillerson said the U.S. is maintaining ties", "officials said Washington did not seek": one's own state is no addressee
            own = {country_key(source) for source in sources}
            targets = [t for t in targets if not (_state_level(t) and t.argument.country in own)]
        if between and not sources and logical_subject(match.trigger) and not (pattern.mutual and pattern.pos == "noun"):
            # "their actions backed the pact between X, Y and Z": a doer, no actor, not the parties;
            # but "talks between X and Y" are the parties' own, whatever clause they are set in
            between = False
        if not targets and match.trigger.dep_ == "conj" and not pattern.speech:
            targets = targets_by_trigger.get(match.trigger.head.i, [])
        if not targets and pattern.pos == "noun" and (eliciting := eliciting_verb(match.trigger)) is not None:
            excluded = {p.key for p in sources}  # the reaction is to the act's doer: "X seized ..., drawing condemnation from Y"
            targets = [p for p in actors.participants(logical_subject(eliciting)) if p.key not in excluded]
        if not targets and pattern.place_target:
            targets = self._place_targets(match, sources, actors)
        if not targets and pattern.self_target:
            targets = own_countries(sources)
        rule = pattern.pattern_id
        from_story = pattern.story_target and pattern.layer < BROAD_LAYER  # the dictionary's slots are not ours to stretch
        if not targets and not between and from_story and not _placed(match.trigger) and (targets := other_side(actors.story_sides, pattern.cameo, sources)):
            rule += STORY_TARGET_RULE
        if not sources and targets and not _fighters_named(match.trigger) and (sources := fighting_side(actors.story_sides, pattern.cameo, targets) or coercing_state(actors.story_sides, pattern.cameo, targets)):
            rule += STORY_SOURCE_RULE
        if not sources and targets:  # the doer a subject names without being an actor: a coup, a ministry
            subjects = logical_subject(match.trigger)
            if sources := coup_makers(subjects, pattern.cameo, targets):
                rule += COUP_SOURCE_RULE
            elif sources := institution_side(actors.story_sides, subjects, targets):
                rule += STORY_SOURCE_RULE
        if pattern.political:
            targets = [p for p in targets if is_political(p)]
            if not sources and not (between and len(targets) >= 2):
                return []
        if targets:
            targets_by_trigger[match.trigger.i] = targets
        mutual_reading = pattern.mutual or acts_on_each_other(match.trigger)
        if pattern.need_target and not targets and not (mutual_reading and len(sources) >= 2):
            return []
        dates = date_splits(match.trigger) or [None]
        candidates = []
        for source, target, mutual in pairs(sources, targets, between, mutual_reading):
            for date_span in dates:
                candidates.append(Candidate(match, source, target, pattern.cameo, date_span, rule, mutual))
                if self.reciprocal and source and target and (pattern.reverse or mutual):
                    candidates.append(Candidate(match, target, source, pattern.reverse or pattern.cameo, date_span, pattern.pattern_id + ":reverse", mutual))
        return candidates

    def _place_targets(self, match: Match, sources: list[Participant], actors: ActorIndex) -> list[Participant]:
        """Countries of the places a visit or an attack goes to, other than the doer's own; an
        ambiguous name is read in the doer's country, else in the country the story is about
        ("attacked the El Paraiso base" in a story of El Salvador's war)."""
        own = {country_key(source) for source in sources}
        about = actors.story_sides.get("")
        hint = next((source.argument.country for source in sources if source.argument.country), about.country if about else None)
        for slot in match.pattern.target:
            tokens, _ = slot_tokens(match, slot)
            found = [p for p in places_of(tokens, self.places, hint) if p.argument.country not in own]
            if found:
                return found
        return []

    def _deduplicated(self, candidates: list[Candidate]) -> list[Candidate]:
        kept: list[Candidate] = []
        seen: set[tuple] = set()
        for candidate in candidates:
            key = self._dedup_key(candidate)
            if key in seen:
                continue
            seen.add(key)
            kept.append(candidate)
        return kept

    def _dedup_key(self, candidate: Candidate) -> tuple:
        date = None if candidate.date_span is None else (candidate.date_span.start, candidate.date_span.end)
        if self.reciprocal or not self.collapse_same_dyad:
            return (candidate.cameo, role_key(candidate.source), role_key(candidate.target), date)
        countries = (country_key(candidate.source), country_key(candidate.target))
        dyad = frozenset(countries) if candidate.mutual or self._is_reciprocal(candidate) else countries
        return (candidate.cameo, dyad, date)

    def _is_reciprocal(self, candidate: Candidate) -> bool:
        return candidate.match.pattern.reverse is not None

    def _judged(self, candidates: list[Candidate], actors: ActorIndex) -> list[tuple[Candidate, Factuality]]:
        judged = []
        for candidate in candidates:
            factuality = judged_factuality(candidate.match.trigger, candidate.source, actors)
            if (intent := announced_intent(candidate, factuality, actors)) is not None:
                candidate.cameo, factuality = intent, Factuality.ASSERTED
            elif (refusal := announced_refusal(candidate, factuality, actors)) is not None:
                candidate.cameo, factuality = refusal, Factuality.ASSERTED
            judged.append((candidate, factuality))
        return judged

    def _mentions(self, doc: Document, sentence: Sentence, candidates: list[Candidate], actors: ActorIndex) -> list[EventMention]:
        mentions = []
        for candidate, factuality in _without_generic_intents(self._judged(candidates, actors)):
            trigger = candidate.match.trigger
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


#: CAMEO's intent with no act named ("expressed its willingness to cooperate").
GENERIC_INTENT = "030"


def _without_generic_intents(judged: list[tuple[Candidate, Factuality]]) -> list[tuple[Candidate, Factuality]]:
    """"Japan is willing to hold talks with China" codes the act intended (036, on "hold") and the
    readiness itself (030, on "willing"): one intent, kept in its named form."""
    named = {
        (role_key(c.source), ancestor.i)
        for c, _ in judged
        if c.cameo.startswith("03") and c.cameo != GENERIC_INTENT and (c.match.pattern.cameo or "")[:2] != "03"
        for ancestor in c.match.trigger.ancestors
    }
    return [(c, f) for c, f in judged if not (c.cameo == GENERIC_INTENT and (role_key(c.source), c.match.trigger.i) in named)]


def _fighters_named(trigger) -> bool:
    """Whether the doer slot, or the subject of a clause saying when or how it happened, names
    fighters of no known side: "soldiers were killed when 800 guerrillas attacked the base"."""
    clauses = [c for c in trigger.children if c.dep_ in ("advcl", "ccomp")]  # the parser hangs "when X attacked" as either
    doers = logical_subject(trigger) + [s for c in clauses for s in c.children if s.dep_ == "nsubj"]
    return any(t.lemma_.lower() in FIGHTER_NOUNS for s in doers for t in [s, *s.conjuncts])


def _placed(trigger) -> bool:
    """Whether the act is placed by a name ("its war in Gaza", "an airstrike in Iraq"): where it
    happened says more than the story's other side."""
    hosts = [trigger] + ([trigger.head] if trigger.dep_ in ("dobj", "nsubj", "nsubjpass") else [])  # "kept up its war in Gaza"
    return any(c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS and any(p.pos_ == "PROPN" for p in c.children) for host in hosts for c in host.children)


def _state_level(participant: Participant) -> bool:
    """A state or its government, as opposed to its people, army or firms."""
    argument = participant.argument
    return argument.country is not None and argument.code in (argument.country, f"{argument.country}GOV")


def _mention_id(doc_id: str, trigger: Span, cameo: str, source: Argument | None, target: Argument | None, date_span: Span | None) -> str:
    def part(argument: Argument | None) -> str:
        if argument is None:
            return "-"
        where = f"{argument.span.start}" if argument.span else ""
        return f"{argument.code}@{where}"

    dated = "" if date_span is None else f"{date_span.start}:{date_span.end}"
    text = f"{doc_id}|{trigger.start}:{trigger.end}|{cameo}|{part(source)}|{part(target)}|{dated}"
    return "m-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
