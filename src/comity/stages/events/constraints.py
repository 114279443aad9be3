"""Pattern constraints checked on the dependency parse: words and noun phrases on the object
or the subject side of a trigger, prepositional phrases with their objects, particles, and
the words right before or after the trigger."""

from __future__ import annotations

from comity.knowledge.pattern_terms import Phrase, PrepTerm, Term
from comity.stages.events.arguments import is_passive, logical_subject

#: Dependents of a trigger that start another clause or phrase than its own.
_OTHER_PHRASES = frozenset({"conj", "cc", "advcl", "relcl", "parataxis", "punct", "mark", "appos", "prep", "agent", "dep"})
_PREPOSITION_DEPS = frozenset({"prep", "dative", "agent"})
_PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "dative", "agent"})
_HYPHENS = frozenset({"-", "\u2010", "\u2011"})


def token_is(token, words: frozenset[str]) -> bool:
    return token.lower_ in words or token.lemma_.lower() in words


def phrase_at(token, phrase: Phrase) -> bool:
    """The token heads the phrase: it is one of its heads, with a word of each modifier set
    before it in its phrase."""
    if not token_is(token, phrase.head):
        return False
    if not phrase.modifiers:
        return True
    before = [t for t in token.subtree if t.i < token.i]
    return all(any(token_is(t, words) for t in before) for words in phrase.modifiers)


def term_at(token, term: Term) -> bool:
    return any(phrase_at(token, phrase) for phrase in term.phrases)


def object_side(trigger) -> list:
    """Words after the trigger in its own phrase: its objects and complements with all they
    hold (a passive's subject too), not its own prepositional phrases (a pattern names those
    with `prep`) nor coordinated or subordinate clauses."""
    if trigger.dep_ == "parataxis" and trigger.pos_ == "VERB":  # "X, he said, was a violation": what is said
        said_by = set(trigger.subtree)
        return [t for t in trigger.head.subtree if t not in said_by]
    roots = [c for c in trigger.children if c.i > trigger.i and c.dep_ not in _OTHER_PHRASES and c.pos_ != "ADP"]
    if is_passive(trigger):
        roots += [c for c in trigger.children if c.dep_ == "nsubjpass"]
    return [t for root in roots for t in root.subtree]


def subject_side(trigger) -> list:
    """Words of the trigger's subject phrase and the words before it in its clause (its
    auxiliaries, adverbs, and the verbs it is the complement of: "failed to attend")."""
    found = [t for subject in logical_subject(trigger) for t in subject.subtree]
    token = trigger
    while True:
        found += [t for c in token.children if c.i < trigger.i and c.dep_ not in ("punct", "cc") for t in c.subtree if t.i < trigger.i]
        if token.dep_ not in ("xcomp", "ccomp", "conj") or token.head.i == token.i:
            break
        token = token.head
        if token.i < trigger.i:
            found.append(token)
    return list(dict.fromkeys(found))


def first_on_side(side: list, term: Term):
    return next((token for token in side if term_at(token, term)), None)


def particles_fit(trigger, particles: tuple[str, ...]) -> bool:
    """Each particle hangs on the trigger or on its object ("get hold of"): the parser often
    reads a particle as a preposition ("cordoned off the roads")."""
    near = [c for c in trigger.children] + [g for c in trigger.children if c.dep_ in ("dobj", "prt") for g in c.children]
    return all(any(t.dep_ in _PARTICLE_DEPS and t.lower_ == particle for t in near) for particle in particles)


def adjacent_fit(trigger, preceded_by: tuple[str, ...], followed_by: tuple[str, ...]) -> bool:
    doc = trigger.doc
    before = [t for t in doc[max(0, trigger.i - 2 * len(preceded_by) - 1) : trigger.i] if t.text not in _HYPHENS]
    after = [t for t in doc[trigger.i + 1 : trigger.i + 2 * len(followed_by) + 2] if t.text not in _HYPHENS]
    if preceded_by and [t.lower_ for t in before[-len(preceded_by) :]] != list(preceded_by):
        return False
    return not followed_by or [t.lower_ for t in after[: len(followed_by)]] == list(followed_by)


def preps_fit(trigger, obj, preps: tuple[PrepTerm, ...]) -> bool:
    """Each prepositional phrase is governed by the trigger, by its object ("moored ships at
    the port", which parsers often hang there), or by the object of the phrase before it ("put
    on state of alert"), with an object matching its term."""
    hosts = [trigger] + ([obj] if obj is not None else [])
    for prep in preps:
        found = _prep_object(hosts, prep)
        if found is False:
            return False
        if found is not None:
            hosts = hosts + [found]
    return True


def _prep_object(hosts: list, prep: PrepTerm):
    """The object matched by the phrase (None when it asks no object), or False."""
    for host in hosts:
        for child in host.children:
            if child.dep_ not in _PREPOSITION_DEPS or child.lower_ != prep.preposition:
                continue
            if prep.object is None:
                return next((p for p in child.children if p.dep_ in ("pobj", "pcomp")), None)
            for pobj in (p for p in child.children if p.dep_ in ("pobj", "pcomp")):
                for unit in [pobj] + [c for c in pobj.children if c.dep_ == "conj"]:
                    if term_at(unit, prep.object):
                        return unit
    return False
