"""Factuality of an event trigger from its clause: negated, hypothetical, future, reported or asserted.

Works on a spaCy token (the trigger) and its dependency tree. Whether a report is
someone else's ("reported") or the source's own words depends on who the speaker
is, so `assess` returns the speaker token and the caller decides with its actors.

Cues, in order of precedence:
- negated: a negation on the clause ("did not meet", "never met"), or the
  clause is the complement of a verb of refusal or failure ("refused to meet"),
  or what a denial denies ("denied that its planes violated ...", "said reports
  that it planned to attack were baseless"); a nominal event under "no" ("no
  threat to shipping");
- hypothetical: a conditional clause ("if they meet"), a modal of possibility
  ("would", "could", "might", "may", "should"), what someone is urged or
  asked to do ("urged X to lift sanctions"), or a purpose ("bases built to wage
  war on X", "sent troops to attack", "the right to decide"): intended, not done;
- future: "will"/"shall", "is to be held", "is going to", or the complement of a
  plan or schedule ("is scheduled to take over", "plans to visit", "is about to");
- reported: the clause is the complement of a speech verb ("X said ...", "...,
  X reported") or carries "according to", or it stands inside a quotation that
  runs on from an earlier sentence of the paragraph (`inside_quotation`).
"""

from __future__ import annotations

from dataclasses import dataclass

from comity.factuality.vocabulary import (  # noqa: F401  (re-exported: the stages read these lists by this module)
    ANNOUNCING_MODALS,
    CLAIM_NOUNS,
    CLAUSAL_LINKS,
    CLOSING_QUOTES,
    CONDITION_NOUNS,
    CONDITIONAL_MARKS,
    COPULAS,
    DECIDED_VERBS,
    DENIAL_VERBS,
    FALSE_WORDS,
    FUTURE_MODALS,
    HABITUAL_ADVERBS,
    HYPOTHETICAL_MODALS,
    KNOWN_VERBS,
    MANDATIVE_NOUNS,
    MANDATIVE_VERBS,
    NECESSITY_NOUNS,
    NEGATION_WORDS,
    NOT_DONE_GOVERNORS,
    OPENING_QUOTES,
    ORDERING_VERBS,
    PAST_TIME_WORDS,
    PLAN_WORDS,
    PREVENTION_VERBS,
    RANK_WORDS,
    READINESS_WORDS,
    REFUSAL_VERBS,
    ABILITY_WORDS,
    INABILITY_WORDS,
    REQUEST_VERBS,
    SPEECH_VERBS,
    TIME_MARKS,
)
from comity.model import Factuality


@dataclass(slots=True, frozen=True)
class Assessment:
    value: Factuality
    cue: object | None = None  # the spaCy token that decided it
    speaker: object | None = None  # for REPORTED: the speech verb's subject token, if any


def clause_verb(token):  # token: spacy Token -> spacy Token
    """The verb whose clause a trigger sits in (a nominal trigger climbs to its governing verb)."""
    current = token
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX") or current.dep_ == "ROOT":
            return current
        if current.head.i == current.i:
            return current
        current = current.head
    return current


def _is_negated(verb) -> bool:
    if verb.dep_ == "pcomp" and verb.head.lower_ == "without":
        return True  # "admitting mistakes without apologising for them"
    if any(child.dep_ == "neg" or child.lower_ in NEGATION_WORDS and child.dep_ in ("advmod", "preconj", "det") for child in verb.children):
        return True
    # "Neither X nor Y attacked", "No country attacked"
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    return any(g.dep_ in ("preconj", "det") and g.lower_ in ("neither", "no") for s in subjects for g in s.children)


def _object_denied(verb):
    """ "made no comment", "fired no missiles": the verb's own act is denied by its object's "no"
    (not an event named inside that object: "gave no details of the raid")."""
    return next((g for o in verb.children if o.dep_ in ("dobj", "obj") for g in o.children if g.dep_ == "det" and g.lower_ == "no"), None)


def _modals(verb) -> set[str]:
    return {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass")}


def _has_conditional_mark(verb) -> bool:
    if any(child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS for child in verb.children):
        return True
    if verb.dep_ in ("acl", "ccomp") and verb.head.lemma_.lower() in CONDITION_NOUNS:
        return True
    # the parser sometimes hangs "If" on the main clause: "If X attacks Y, Z will respond"
    if verb.dep_ == "advcl":
        return any(
            child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS and verb.left_edge.i - 1 <= child.i < verb.i
            for child in verb.head.children
        )
    return False


def _is_infinitive(verb) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)


def _governing_chain(verb):
    """The verb, then the verbs it is the to-infinitive complement of ("plans to visit",
    "called on X to lift", "ordered X to withdraw", the parser labelling these xcomp, advcl or
    ccomp), through "and"
    ("to lift the embargo and to hand back the base"), or the verb whose auxiliaries a bare
    conjunct shares ("would follow suit and recall")."""
    chain = [verb]
    current = verb
    while current.head.i != current.i:
        if current.dep_ == "xcomp" or (current.dep_ in ("advcl", "ccomp") and _is_infinitive(current)):
            current = current.head
        elif current.dep_ == "conj" and _is_infinitive(current) and current.head.dep_ in ("xcomp", "advcl"):
            current = current.head
            continue
        elif _shares_auxiliaries(current):
            current = current.head
        elif current.pos_ == "ADJ" and current.lemma_.lower() in ABILITY_WORDS and current.dep_ == "acomp":
            current = current.head  # "must be able to sell": the copula holds the modal
        else:
            break
        chain.append(current)
    return chain


def _shares_auxiliaries(verb) -> bool:
    """A bare verb joined to the one before it, with no subject or auxiliary of its own, takes
    that verb's: "it would follow suit and recall its ambassador" would recall."""
    if verb.dep_ != "conj" or verb.tag_ != "VB" or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    return not any(child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for child in verb.children)


def _is_infinitive_of_be(verb) -> bool:
    """ "is to be held", "are to meet": a form of be taking a to-infinitive."""
    head = verb.head
    has_to = any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
    return has_to and verb.dep_ == "xcomp" and head.lemma_ == "be"


def negated(verb) -> object | None:
    for link in _governing_chain(verb):
        if _is_negated(link):
            return link
        if link is not verb and (link.lemma_ in REFUSAL_VERBS or link.lower_ in INABILITY_WORDS):
            return link
        if (denial := _denial_of(link)) is not None:
            return denial
    return None


def _denial_of(clause):
    """The denial that says the clause is not true: "denied that X attacked", "denied reports
    that X attacked", "reports that X attacked were baseless"; None when there is none."""
    head = clause.head
    if clause.dep_ == "ccomp" and head.lemma_ in DENIAL_VERBS:
        return head
    if clause.dep_ not in ("acl", "relcl", "ccomp") or not _names_a_claim(head):
        return None
    claim, governor = head, head.head
    if any(c.dep_ == "amod" and c.lower_ in FALSE_WORDS for c in claim.children):
        return claim
    if claim.dep_ in ("dobj", "pobj") and (governor.lemma_ in DENIAL_VERBS or governor.head.lemma_ in DENIAL_VERBS):
        return governor if governor.lemma_ in DENIAL_VERBS else governor.head
    if claim.dep_ == "nsubj" and any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in FALSE_WORDS for c in governor.children):
        return governor
    if claim.dep_ == "nsubjpass" and governor.lemma_ in DENIAL_VERBS:
        return governor  # "reports that X attacked were denied"
    return None


def _names_a_claim(noun) -> bool:
    """ "reports", also where the parser left a capitalised plural unlemmatised ("Reports that…")."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    word = noun.lemma_.lower()
    return word in CLAIM_NOUNS or (word.endswith("s") and word[:-1] in CLAIM_NOUNS)


def _ranks(noun) -> bool:
    return any(c.dep_ in ("amod", "advmod") and (c.lower_ in RANK_WORDS or c.tag_ == "JJS") for c in noun.children)


def _purpose_of(chain):
    """The verb or noun a to-infinitive in the chain says the purpose of: "built bases to wage
    war", "sent troops to attack", "the right to decide". Not a plan, request or refusal verb,
    whose infinitive the other rules read, nor a copula ("became the first to make peace")."""
    for link in chain:
        if not _is_infinitive(link) or link.head.i == link.i:
            continue
        head = link.head
        if link.dep_ == "advcl" and head.pos_ in ("VERB", "AUX") and head.lemma_ not in PLAN_WORDS | REQUEST_VERBS | REFUSAL_VERBS | COPULAS:
            return head
        if link.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and not _ranks(head):
            return head
    return None


def _needed(verb) -> object | None:
    """The noun of necessity whose "of" gerund the verb is: "stressed the urgency of reaching"."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "of" and verb.head.head.lemma_.lower() in NECESSITY_NOUNS:
        return verb.head.head
    return None


def _mandated(verb) -> bool:
    """A subjunctive clause of a verb or noun of demanding ("demanded that Russia withdraw",
    "demands by governors that he resign")."""
    if verb.tag_ not in ("VB", "VBP") or _modals(verb):
        return False
    head = verb.head.lemma_.lower()
    if verb.dep_ == "ccomp" and head in MANDATIVE_VERBS:
        return True
    if verb.dep_ in ("acl", "relcl") and _mandative_verb_over(verb.head):
        return True  # "proposed in a letter to X that they meet", the clause hung on the letter
    return verb.dep_ in ("acl", "ccomp", "relcl") and _demanding_noun_above(verb.head, plain=verb.tag_ == "VB" or _plain_subjunctive(verb))


def _mandative_verb_over(noun) -> bool:
    """Whether the noun is the object of a preposition of a verb of demanding ("proposed in a
    letter", "urged in a statement")."""
    current = noun
    for _ in range(4):
        if current.dep_ not in ("pobj", "prep") or current.head.i == current.i:
            return False
        current = current.head
        if current.pos_ == "VERB":
            return current.lemma_.lower() in MANDATIVE_VERBS
    return False


def _plain_subjunctive(verb) -> bool:
    """ "that he resign": the base form after a singular third-person subject (tagged VB or VBP)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and (subject.lower_ in ("he", "she", "it") or subject.tag_ in ("NN", "NNP"))


def _demanding_noun_above(noun, plain: bool) -> bool:
    """The noun a that-clause hangs on is one of demanding, or (for a plain subjunctive, "that he
    resign", which the parser may hang on the nearest noun) one a "by"/"of" phrase leads up to."""
    for _ in range(3):
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in MANDATIVE_NOUNS:
            return True
        if not plain or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
            return False
        noun = noun.head.head
    return False


def _habit(verb) -> object | None:
    """A present-tense clause said of a habit ("are regularly held", "meet every year")."""
    if verb.tag_ not in ("VBZ", "VBP") and not (verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)):
        return None
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in HABITUAL_ADVERBS:
            return child
        if child.dep_ == "npadvmod" and any(d.dep_ == "det" and d.lower_ in ("each", "every") for d in child.children):
            return child
    return None


def ordering_verb(participle):  # -> spacy Token | None
    """ "the tariffs Reagan has ordered imposed", "the goods Reagan ordered penalized": a bare past
    participle after a verb of ordering is the orderer's own act, done by the order (against
    "ordered X to withdraw", which asks X). The parser hangs it on "ordered" or, beside it, on
    the noun both describe."""
    if participle.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in participle.children):
        return None
    if participle.dep_ == "xcomp" and participle.head.lemma_ in ORDERING_VERBS:
        return participle.head
    before = participle.doc[participle.i - 1] if participle.i > 0 else None
    if participle.dep_ == "acl" and before is not None and before.lemma_ in ORDERING_VERBS and before.dep_ == "relcl" and before.head.i == participle.head.i:
        return before
    return None


def ordered_done(participle) -> bool:
    return participle is not None and ordering_verb(participle) is not None


def _convened(verb) -> bool:
    """ "a general strike called by the unions to protest ...": "called" of an event by its
    organisers convenes it, and what it is called to do is done by holding it; no request."""
    return verb.lemma_ == "call" and verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)


def hypothetical(verb) -> object | None:
    if (habit := _habit(verb)) is not None:
        return habit
    chain = _governing_chain(verb)
    for below, link in zip([None, *chain], chain):
        if _modals(link) & HYPOTHETICAL_MODALS or _has_conditional_mark(link):
            return link
        if link is not verb and link.lemma_ in REQUEST_VERBS and not _convened(link) and not ordered_done(below):
            return link
        if _mandated(link):
            return link.head
    if (purpose := _purpose_of(chain + [verb])) is not None:
        return purpose
    if (wanted := _needed(chain[-1])) is not None:
        return wanted
    # a clause under a conditional clause ("if X visits Y, ...") is itself conditional
    current = chain[-1]
    while current.dep_ in ("conj", "xcomp", "ccomp") and current.head.i != current.i:
        current = current.head
        if _has_conditional_mark(current):
            return current
    return None


def announced_with_modal(verb, could: bool = False) -> bool:
    """Whether the clause's coming act is carried by "will" or "would" ("it would lift"), not by
    a verb of expecting or planning ("expects to hold"); with `could` (a threat), also by "can" or
    "could" ("we can close it with artillery") or by a decided plan ("planned to impose tariffs")."""
    modals = ANNOUNCING_MODALS | ({"can", "could", "ca"} if could else set())
    chain = _governing_chain(verb)
    return (
        any(_modals(link) & modals for link in chain)
        or (could and any(link is not verb and link.lemma_ in DECIDED_VERBS for link in chain))
        or announced_readiness(verb)
    )


def announced_readiness(verb) -> bool:
    """Whether the clause's coming act is one its subject is said to be ready for ("was
    prepared to lift", "is willing to normalise")."""
    return readiness_word(verb) is not None


def readiness_word(verb):
    """The word of readiness the clause hangs from, unless it is denied ("would not be willing")."""
    word = next((link for link in _governing_chain(verb) if link is not verb and link.lower_ in READINESS_WORDS), None)
    if word is None or _is_negated(word) or ((copula := _completed_verb(word)) is not None and _is_negated(copula)):
        return None
    return word


def readiness_subjects(word) -> list:
    """Who is said to be ready: the subject of "ready", or of the "is" it completes."""
    own = [c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")]
    copula = _completed_verb(word)
    if own or copula is None:
        return own
    return [c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass")]


def _completed_verb(word):  # -> spacy Token | None
    """The verb an adjective completes ("is" of "is ready", "be" of "would not be willing")."""
    return word.head if word.dep_ in ("acomp", "xcomp", "oprd") else None


def hypothetical_condition(verb) -> bool:
    """Whether the clause, or one it hangs from, is conditional ("if they meet")."""
    return any(_has_conditional_mark(link) for link in _governing_chain(verb))


def future(verb) -> object | None:
    for link in _governing_chain(verb):
        if _modals(link) & FUTURE_MODALS:
            return link
        if link is not verb and link.lemma_ in PLAN_WORDS:
            return link
        if _is_infinitive_of_be(link):
            return link
    if _present_time_clause(verb):
        return future(verb.head)
    return None


def _present_time_clause(verb) -> bool:
    """ "will explain the plan when he visits Washington": a present-tense time clause of a
    coming act is coming too."""
    if verb.dep_ != "advcl" or verb.tag_ not in ("VBZ", "VBP") or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_MARKS and c.i < verb.i for c in verb.children)


def speech_frame(verb):  # -> tuple[speech verb token, speaker token | None] | None
    """The speech verb whose complement this clause is, climbing through embedded clauses."""
    current = verb
    for _ in range(6):
        for child in current.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                return child, next((t for t in child.subtree if t.dep_ == "pobj"), None)
        for child in current.children:
            if child.dep_ in ("parataxis", "advcl", "ccomp") and child.lemma_ in SPEECH_VERBS and child.i > verb.i:
                return child, _subject_of(child)
        if current.dep_ not in CLAUSAL_LINKS or current.head.i == current.i:
            return None
        parent = current.head
        if parent.lemma_ in SPEECH_VERBS and current.dep_ in ("ccomp", "parataxis", "xcomp", "conj"):
            return parent, _subject_of(parent)
        current = parent
    return None


def _subject_of(verb):
    """The verb's subject; of two, the one nearer before it ("LONDON, March 23 - Iran said ...",
    where the parser takes the dateline for a subject too); of a second verb with none of its
    own, the first verb's."""
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    before = [subject for subject in subjects if subject.i < verb.i]
    if not subjects and verb.dep_ == "conj" and verb.head.i != verb.i:
        return _subject_of(verb.head)  # "Reagan told reporters ... and said ...": the first verb's
    return before[-1] if before else next(iter(subjects), None)


def inside_quotation(text: str, offset: int) -> bool:
    """Whether `offset` lies inside a quotation opened earlier in its paragraph."""
    paragraph_start = text.rfind("\n", 0, offset) + 1
    depth = 0
    straight_open = False
    for char in text[paragraph_start:offset]:
        if char in OPENING_QUOTES:
            depth += 1
        elif char in CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif char == '"':
            straight_open = not straight_open
    return depth > 0 or straight_open


def _clause_factuality(verb) -> Assessment | None:
    for value, rule in ((Factuality.NEGATED, negated), (Factuality.HYPOTHETICAL, hypothetical), (Factuality.FUTURE, future)):
        cue = rule(verb)
        if cue is not None:
            return Assessment(value, cue)
    return None


def _modifying_clauses(noun) -> list:
    """Clauses that say of a nominal event when or whether it happens ("the summit which is to be held")."""
    clauses = []
    for child in noun.children:
        if child.dep_ == "acl" and _is_infinitive(child) and not any(c.dep_ == "auxpass" for c in child.children) and child.lemma_ != "be":
            continue  # "a request to close the base": what is asked, not whether the request was made
        if child.dep_ in ("acl", "relcl"):
            clauses.append(child)
            clauses += [g for g in child.children if g.dep_ == "xcomp"]
    return clauses


def _kept_from_happening(noun) -> Assessment | None:
    """An event noun that something averts has not happened ("aimed at averting EC sanctions",
    "barred negotiations"); one that is urged or called for has not happened yet ("sanctions
    urged by computer makers", "called for a ban on exports")."""
    if noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in PREVENTION_VERBS:
        return Assessment(Factuality.NEGATED, noun.head)
    asked = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else noun.head if noun.dep_ in ("dobj", "obj") else None
    if asked is not None and asked.pos_ == "VERB" and asked.lemma_.lower() in REQUEST_VERBS:
        return Assessment(Factuality.HYPOTHETICAL, asked)  # "called for a ban on food exports", "urged sanctions"
    for clause in noun.children:
        if clause.dep_ == "acl" and clause.tag_ == "VBN" and clause.lemma_.lower() in REQUEST_VERBS:
            return Assessment(Factuality.HYPOTHETICAL, clause)
    return None


def _dated_in_the_past(noun) -> bool:
    """An event noun with a past time of its own ("Thatcher's visit to Moscow last week") happened,
    whatever the clause that mentions it plans or asks."""
    for child in noun.children:
        if child.dep_ in ("npadvmod", "advmod") and child.ent_type_ == "DATE":
            if any(t.lower_ in PAST_TIME_WORDS for t in child.subtree):
                return True
    return False


def assess(trigger) -> Assessment:
    """The factuality of an event trigger (a spaCy token)."""
    if trigger.pos_ in ("NOUN", "PROPN") and any(c.dep_ in ("det", "neg") and c.lower_ == "no" for c in trigger.children):
        return Assessment(Factuality.NEGATED, next(c for c in trigger.children if c.lower_ == "no"))
    if trigger.pos_ in ("NOUN", "PROPN"):
        for clause in _modifying_clauses(trigger):
            found = _clause_factuality(clause)
            if found is not None:
                return found
        kept_from = _kept_from_happening(trigger)
        if kept_from is not None:
            return kept_from
        if _dated_in_the_past(trigger):
            return Assessment(Factuality.ASSERTED)  # "to brief Shultz on Thatcher's visit to Moscow last week"
    verb = clause_verb(trigger)
    cue = negated(verb) or (_object_denied(verb) if verb.i == trigger.i else None)
    if cue is not None:
        return Assessment(Factuality.NEGATED, cue)
    cue = hypothetical(verb)
    if cue is not None:
        return Assessment(Factuality.HYPOTHETICAL, cue)
    cue = future(verb)
    if cue is not None:
        return Assessment(Factuality.FUTURE, cue)
    frame = speech_frame(verb)
    if frame is not None:
        speech, speaker = frame
        return Assessment(Factuality.REPORTED, speech, speaker)
    return Assessment(Factuality.ASSERTED)
