"""Subjects the parse hides: who says a clause, the main clause's subject for a verb the parser
joined to a relative clause, and the speaker for a verb it joined to the reported clause."""

from __future__ import annotations

from comity import factuality as factuality_rules
from comity.stages.events.records import Match
from comity.stages.events.vocabulary import RELATIVE_PRONOUNS


def speaker_of(trigger) -> list:
    """Who says the clause the trigger stands in: "Iran said reports ... were baseless"."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    frame = factuality_rules.speech_frame(verb)
    return [frame[1]] if frame is not None and frame[1] is not None else []


def main_clause_subjects(match: Match) -> list:
    """Fallback subjects for a verb the parser joined to a relative clause instead of the main
    one ("X stepped across the line that divides Y and held a summit with Z")."""
    verb = match.trigger if match.trigger.pos_ == "VERB" else match.trigger.head
    if verb.dep_ != "conj" or verb.head.dep_ != "relcl":
        return []
    relative = verb.head
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE_PRONOUNS for c in relative.children):
        return []
    governor = relative.head
    while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
        governor = governor.head
    return [c for c in governor.children if c.dep_ == "nsubj"]


def _active_after_passive(verb, reported) -> bool:
    """ "said the raid is considered a harassment, and strongly condemns it": a verb with an
    object of its own cannot share the passive clause's subject (what was done to, not a doer)."""
    return any(c.dep_ == "nsubjpass" for c in reported.children) and any(c.dep_ == "dobj" for c in verb.children)


def reporter_of_misattached_conjunct(verb) -> list:
    """The speaker, for a verb the parser joined to the reported clause instead of to the verb
    of saying: in "X said the move mirrored Y's decision and accused Z", "accused" hangs under
    "mirrored", whose subject is no actor; the one who said is then the one who accused."""
    if verb.pos_ != "VERB" or verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    reported = verb.head
    if reported.dep_ != "ccomp" or reported.head.lemma_ not in factuality_rules.SPEECH_VERBS:
        return []
    if not any(c.dep_ == "nsubj" for c in reported.children) and not _active_after_passive(verb, reported):
        return []  # a reported clause the parser left without a subject is too broken to say who
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in reported.children):
        return []  # "said the bills could trigger retaliation and threaten trade": a bare verb shares the modal and the subject
    return [c for c in reported.head.children if c.dep_ == "nsubj"]
