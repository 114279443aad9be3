"""Trigger lookup: which tokens of a sentence a pattern accepts, with its constraints checked on the parse."""

from __future__ import annotations

from collections.abc import Iterator

from comity.knowledge.event_patterns import EventPattern, PatternSet
from comity.model import Document, SectionKind
from comity.stages.events.arguments import is_passive
from comity.stages.events.participants import ActorIndex
from comity.stages.events.records import Match, SentenceTokens
from comity.stages.events.vocabulary import CARRIER_NOUNS, OBJECT_PREPOSITIONS, QUANTITY_NOUNS


def sentences_with_tokens(doc: Document) -> Iterator[SentenceTokens]:
    ordered = sorted(doc.sentences, key=lambda s: s.span.start)
    groups = [SentenceTokens(sentence) for sentence in ordered if sentence.section in (SectionKind.HEADLINE, SectionKind.BODY)]
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


def find_matches(tokens: list, patterns: PatternSet) -> Iterator[Match]:
    """Each token that a pattern accepts, with the first (most specific) pattern that fits."""
    for token in tokens:
        pos = trigger_pos(token)
        if pos is None:
            continue
        for pattern in patterns.candidates(pos, token.lemma_):
            obj = pattern_fits(token, pattern)
            if obj is not False:
                yield Match(token, pattern, obj)
                break


def trigger_pos(token) -> str | None:
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
    if pattern is not None and pattern.objects:  # "gave Gondor a week to leave", "a week" read as an adverbial
        found += [c for c in token.children if c.dep_ == "npadvmod" and c.pos_ == "NOUN" and c.i > token.i]
    if is_passive(token):
        found += [c for c in token.children if c.dep_ == "nsubjpass"]
    found += [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "acomp")]
    found += [c for c in token.children if c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    allowed = OBJECT_PREPOSITIONS | ({pattern.prep, pattern.particle} - {None} if pattern else set())
    for prep in token.children:
        if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ in allowed:
            found += [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
    for obj in list(found):
        found += [c for c in obj.children if c.dep_ == "conj"]
        if obj.lemma_.lower() in QUANTITY_NOUNS | CARRIER_NOUNS:  # "a series of talks", "a letter of protest"
            found += [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    return found


def _object_read_into_by_phrase(token) -> list:
    """The object of an active verb that the parser read into a preceding "by" phrase of
    manner: "received by courier money from X" parsed as "by (courier money)"."""
    if is_passive(token) or token.pos_ != "VERB":
        return []
    return [
        noun
        for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "by"
        for noun in prep.children
        if noun.dep_ == "pobj" and noun.pos_ == "NOUN" and any(m.dep_ == "compound" and m.pos_ == "NOUN" for m in noun.children)
    ]


def pattern_fits(token, pattern: EventPattern):
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


def describes_a_thing(trigger, actors: "ActorIndex") -> bool:
    """A participle that only describes a thing that is no actor: "zones encircling Taiwan"."""
    return trigger.dep_ == "acl" and trigger.tag_ == "VBG" and actors.at(trigger.head) is None


def _titled(name, words: frozenset[str]) -> bool:
    """A person named with a title the pattern wants: "summoned ambassador Nicholas Burns"."""
    return name.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in words for c in name.children)


def _has_modifier(token, words: frozenset[str]) -> bool:
    return any(c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in words for c in token.children)


def _preposition(token, word: str):
    return next((c for c in token.children if c.dep_ in ("prep", "dative", "agent") and c.lower_ == word), None)
