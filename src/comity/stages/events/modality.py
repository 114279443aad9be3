"""Factuality hooks: reported, future or negated readings, and an announced own act as CAMEO 03
intent (cooperation) or CAMEO 13 threat (conflict)."""

from __future__ import annotations

from comity import factuality as factuality_rules
from comity.model import Factuality
from comity.stages.events.participants import ActorIndex
from comity.stages.events.records import Candidate, Participant


def judged_factuality(trigger, source: Participant | None, actors: ActorIndex) -> Factuality:
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


#: The CAMEO 13 threat for each conflictual root: announcing one's own coming act of it.
_THREAT_BY_ROOT = {"15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}


def announced_intent(candidate: Candidate, factuality: Factuality, actors: ActorIndex) -> str | None:
    """ "X said it would lift the restrictions": a cooperative act the speaker announces as its own
    coming act is an asserted intent (CAMEO 03), not an event yet; "X said it would retaliate if
    attacked", a conflictual one, is an asserted threat (CAMEO 13), conditions and all, as is a
    threat told in the future ("any attack will bring a forceful response, an official said").
    Others' coming acts stay future."""
    refusal = _refusal_is_the_act(candidate)  # "will not allow X to ...": the "not" is the warning
    if factuality not in (Factuality.FUTURE, Factuality.HYPOTHETICAL) and not (refusal and factuality is Factuality.NEGATED):
        return None
    if candidate.source is None:
        return None
    root = candidate.cameo[:2]
    threat = root in _THREAT_BY_ROOT or root == "13"
    intent = _INTENT_BY_ROOT.get(root) or _THREAT_BY_ROOT.get(root) or (candidate.cameo if root == "13" else None)
    clause = factuality_rules.clause_verb(candidate.match.trigger)
    if intent is None or not factuality_rules.announced_with_modal(clause, could=threat) or (factuality_rules.negated(clause) is not None and not refusal):
        return None
    if root in _INTENT_BY_ROOT and factuality_rules.hypothetical_condition(clause):
        return None
    frame = factuality_rules.speech_frame(clause)
    if frame is None and (ready := factuality_rules.readiness_word(clause)) is not None:
        # "Japan is ready to lift the sanctions": its readiness for its own act, stated
        ready_ones = actors.participants(factuality_rules.readiness_subjects(ready))
        return intent if _the_clause_s_act(candidate.match.trigger, clause) and any(p.key == candidate.source.key for p in ready_ones) else None
    if frame is None or frame[1] is None:
        return None
    return intent if any(p.key == candidate.source.key for p in actors.participants([frame[1]])) else None


#: Refusing to yield (CAMEO 12): one's own yield (08) announced as not coming ("the U.S. would not
#: lift the sanctions") or refused ("refused to withdraw its troops") is the refusal of it.
_REFUSAL_BY_YIELD = {"080": "124", "081": "1241", "082": "1242", "083": "123", "084": "1243",
                     "085": "1244", "086": "1245", "087": "1246"}
#: Verbs whose complement is one's own act refused; not "failed to", which tells of no refusal.
_REFUSING_VERBS = frozenset({"refuse", "decline", "reject"})


def announced_refusal(candidate: Candidate, factuality: Factuality, actors: ActorIndex) -> str | None:
    """The CAMEO 12 refusal of a yield its doer says will not come, or refuses; None for a yield
    merely not done ("has not lifted the ban") or one that another side says will not come."""
    refusal = _REFUSAL_BY_YIELD.get(candidate.cameo[:3])
    if refusal is None or factuality is not Factuality.NEGATED or candidate.source is None:
        return None
    clause = factuality_rules.clause_verb(candidate.match.trigger)
    denial = factuality_rules.negated(clause)
    refused = denial is not None and denial is not clause and denial.lemma_ in _REFUSING_VERBS
    if not refused and not (denial is clause and factuality_rules.announced_with_modal(clause)):
        return None
    frame = factuality_rules.speech_frame(clause)
    if frame is None or frame[1] is None:
        return refusal
    countries = {p.argument.country for p in actors.participants([frame[1]])}
    return refusal if candidate.source.argument.country in countries else None


def _the_clause_s_act(trigger, clause) -> bool:
    """The trigger is the clause's verb or its object ("ready to hold talks"), not a word further
    down ("ready to escort tankers, targets of attacks")."""
    return trigger.i == clause.i or (trigger.head.i == clause.i and trigger.dep_ in ("dobj", "obj"))


_NEGATIONS = frozenset({"not", "never", "n't"})


def _refusal_is_the_act(candidate: Candidate) -> bool:
    """Whether the pattern codes the negation itself ("will not allow"), which is then no denial."""
    return any(not _NEGATIONS.isdisjoint(term.heads) for term in candidate.match.pattern.before)
