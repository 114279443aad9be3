"""Where a date sits in the parse: the predicate's own phrase, the clauses it shares its time with,
clauses that govern it or describe its participant, background and same-time clauses, tense."""

from __future__ import annotations

from typing import Any

from comity.model import Span
from comity.timex import same_time_words

#: Dependencies that open a clause with its own time: a date inside one belongs to that clause.
CLAUSE_DEPS = frozenset({"advcl", "relcl", "ccomp", "csubj", "csubjpass", "parataxis", "xcomp", "pcomp"})
#: Dependencies across which a predicate shares the time of the one it hangs on.
SHARED_TIME_DEPS = frozenset({"conj", "xcomp"})
#: Clauses on a participant whose date also dates the event ("met X, who visited in 1986").
PARTICIPANT_CLAUSE_DEPS = frozenset({"relcl", "acl"})
VERBAL_POS = frozenset({"VERB", "AUX"})


PRESENT_OR_MODAL_TAGS = frozenset({"VBZ", "VBP", "MD"})


def commemorated_by(trigger: Any) -> Any:
    """The "anniversary" token when the event is what it commemorates ("the 60th anniversary of the founding")."""
    token = trigger
    if token.dep_ == "conj":
        token = token.head
    preposition = token.head
    if token.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.lemma_ == "anniversary":
        return preposition.head
    return None


def background_to(modifier: Any, trigger: Any) -> bool:
    """Whether the modifier sits in a background clause ("since taking office on January 1") that does
    not hold the trigger: that date is of another, earlier act."""
    clause = background_clause(modifier)
    return clause is not None and trigger.i not in {t.i for t in clause.subtree}


def background_clause(token: Any) -> Any:
    """The clause opened by a background word ("since") that holds the token, or None."""
    words = same_time_words().get("background", frozenset())
    if token.dep_ == "pobj" and token.head.lower_ in words and token.head.dep_ == "prep":
        return token.head  # "Since 2007, Ortega has jailed ...": when a state began, not the act
    for node in (token, *token.ancestors):
        if node.dep_ == "pcomp" and node.head.lower_ in words:
            return node
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in words for c in node.children):
            return node
    return None


def head_token(parsed: Any, span: Span) -> Any:
    if parsed is None:
        return None
    tokens = parsed.char_span(span.start, span.end, alignment_mode="expand")
    return None if tokens is None or len(tokens) == 0 else tokens.root


def own_region(head: Any) -> set[int]:
    """Token indices of the predicate's own phrase: its subtree minus embedded clauses."""
    region = {head.i}
    stack = list(head.children)
    while stack:
        token = stack.pop()
        if _opens_own_clause(token) or (token.dep_ == "acl" and token.head.i != head.i):
            continue  # "because of the announcements made on Wednesday": the making has its own date
        region.add(token.i)
        stack.extend(token.children)
    return region


def _opens_own_clause(token: Any) -> bool:
    if token.dep_ in CLAUSE_DEPS:
        return True
    return token.dep_ == "conj" and token.pos_ in VERBAL_POS


def clause_chain(trigger: Any) -> list[Any]:
    """The trigger, then the predicates it shares its time with (first conjunct, governing verb)."""
    chain = [trigger]
    token = trigger
    while token.dep_ in SHARED_TIME_DEPS and token.head.i != token.i:
        if token.dep_ == "conj" and (token.pos_ in VERBAL_POS) != (token.head.pos_ in VERBAL_POS):
            break
        token = token.head
        chain.append(token)
    return chain


def clause_head(token: Any) -> Any:
    while token.head.i != token.i and token.dep_ not in CLAUSE_DEPS | PARTICIPANT_CLAUSE_DEPS:
        if token.dep_ == "conj" and token.pos_ in VERBAL_POS:
            break
        token = token.head
    return token


def scopes_over(modifier: Any, trigger: Any) -> bool:
    """Whether a modifier (date, place) sits in a clause that governs the trigger or in one on its participant."""
    clause = clause_head(modifier)
    if clause.i == trigger.i or clause.i in {a.i for a in trigger.ancestors}:
        return True
    if clause.dep_ in PARTICIPANT_CLAUSE_DEPS and not _is_content_clause(clause):
        participant = clause.head
        if _tenses_differ(clause, trigger):
            return False  # "the military, which ruled from 1962 to 2011, has announced": another time
        return any(
            participant.i in own_region(head) and _argument_of(participant, head) for head in clause_chain(trigger)
        )
    return False


def _tense(verb: Any) -> str | None:
    """past, perfect, present or future, from the verb's tag and auxiliaries; None if not a verb."""
    auxiliaries = {c.lemma_.lower(): c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "will" in auxiliaries or "shall" in auxiliaries:
        return "future"
    if verb.tag_ == "VBN" and "have" in auxiliaries:
        return "perfect" if auxiliaries["have"] in ("VBZ", "VBP") else "past"
    if verb.tag_ == "VBD" or auxiliaries.get("be") == "VBD":
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _tenses_differ(clause: Any, trigger: Any) -> bool:
    own, main = _tense(clause), _tense(trigger)
    return own is not None and main is not None and own != main


def same_time_clauses(head: Any) -> list[Any]:
    """Adverbial clauses on the predicate that happen when it does ("when …", "hours before …")."""
    words = same_time_words()
    found = []
    for clause in head.children:
        if clause.dep_ != "advcl":
            continue
        marks = [c for c in clause.children if c.dep_ == "mark"]
        if any(m.lower_ in words.get("subordinator", ()) for m in marks):
            found.append(clause)
            continue
        near = [
            c for m in marks if m.lower_ in ("before", "after") for c in (*clause.children, *m.children) if c.i < m.i
        ]  # the parser hangs "hours" (of "hours before") on the clause or on "before", under varied labels
        if any(c.lower_ in words.get("measure", ()) for c in near):
            found.append(clause)
    return found


def _is_content_clause(clause: Any) -> bool:
    """"regret that he did not visit this year": what the noun says, with its own time, not a description
    of a participant."""
    return any(child.dep_ == "mark" and child.lower_ in ("that", "whether", "if") for child in clause.children)


def _argument_of(participant: Any, head: Any) -> bool:
    """Whether the participant is an argument of the predicate, directly or through one preposition
    ("met X", "talks with X"), not a noun deep inside one ("because of the gravity of X")."""
    token = participant
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent", "dative"):
        token = token.head
    return token.head.i == head.i


def is_past(trigger: Any) -> bool:
    """Whether the predicate is in the simple past of a narrative ("sent", "was greeted"; not "has sent",
    "will send", nor the background of a past perfect, "had announced")."""
    token = trigger
    for _ in range(8):  # the clause heads above a nominal or non-finite trigger, a few at most
        auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        tags = {t.tag_ for t in [token, *auxiliaries]}
        if tags & PRESENT_OR_MODAL_TAGS or any(a.lower_ == "had" and a.dep_ == "aux" for a in auxiliaries):
            return False
        if "VBD" in tags:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False
