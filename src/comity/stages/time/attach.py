"""Attaching a date to one event by the rules of the package docstring: a split date, then the
nearest syntactic scope, the story's day, the lede, the publication date; anniversaries and
future events read their dates their own way."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from comity import factuality as factuality_rules
from comity.model import EventDate, EventMention, Factuality, SectionKind, Span
from comity.stages.time.narrative import lede_date, narrative_date
from comity.stages.time.records import Choice, TimeContext, approximate_day
from comity.stages.time.resolve import can_date_an_event, date_of_choice, index_of, rebased
from comity.stages.time.syntax import (
    background_to,
    clause_chain,
    commemorated_by,
    head_token,
    is_past,
    own_region,
    same_time_clauses,
    scopes_over,
)
from comity.stages.time.undated import ORDINAL_WORDS
from comity.timex import Timex, normalize

NO_PUBLICATION_FALLBACK = frozenset({Factuality.FUTURE, Factuality.HYPOTHETICAL})
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll"})


def date_for(mention: EventMention, context: TimeContext, parsed: Any) -> EventDate | None:
    """The mention's date by the rules in the package docstring (`comity.stages.time`), or None."""
    split = _split_timex(mention, context)
    if split is not None:
        return date_of_choice(Choice(split), context, index_of(context, split))
    sentence = context.sentence_index(mention.trigger.start)
    trigger = head_token(parsed, mention.trigger)
    if sentence is not None and trigger is not None:
        anniversary = commemorated_by(trigger)
        if anniversary is not None:
            return _date_before_anniversary(anniversary, context, sentence, parsed)
        choice = _syntactic_choice(trigger, context, sentence, parsed)
        if choice is not None and _looks_ahead(mention, trigger):
            choice = Choice(_future_reading(choice.timex, context))
        if choice is not None:
            resolved = date_of_choice(choice, context, sentence)
            if resolved is not None and not _intended_act_s_time(mention, resolved, context):
                return resolved
        if mention.factuality not in NO_PUBLICATION_FALLBACK and (is_past(trigger) or _announced_in_the_past(mention, trigger)):
            continued = narrative_date(context, sentence, parsed)
            if continued is not None:
                return rebased(continued, "inherited:sentence", continued.span)
        if mention.section == SectionKind.HEADLINE and mention.factuality not in NO_PUBLICATION_FALLBACK:
            lede = lede_date(context, sentence)
            if lede is not None:
                return rebased(lede, "inherited:lede", lede.span)
    if mention.factuality in NO_PUBLICATION_FALLBACK:
        return None
    return context.publication


#: CAMEO roots of acts a diary schedules (meetings, visits, signings, aid, concessions): told in
#: the present for a later day they are planned; a condemnation in the present is made now.
SCHEDULED_ROOTS = frozenset({"04", "05", "06", "07", "08"})


def scheduled_in_the_present(mention: EventMention, context: TimeContext, parsed: Any) -> bool:
    """ "Economy Minister Mustapha, who leaves for Moscow on Tuesday, met Mubarak": an act told in
    the present tense for a day after the story's day is scheduled, not done."""
    publication, date = context.publication, mention.date
    if mention.cameo[:2] not in SCHEDULED_ROOTS:
        return False
    if mention.factuality != Factuality.ASSERTED or date is None or date.precision != "day" or publication is None or publication.precision != "day":
        return False
    if not _after_the_story_s_day(date, publication):
        return False
    trigger = head_token(parsed, mention.trigger)
    return trigger is not None and _bare_present(trigger)


def _intended_act_s_time(mention: EventMention, resolved: EventDate, context: TimeContext) -> bool:
    """ "Next year, the U.S. has promised to ask Congress for the aid" (an intent, 03): a time
    after the story's day is the intended act's, and the intent is dated by when it was told."""
    publication = context.publication
    return mention.cameo[:2] == "03" and publication is not None and _after_the_story_s_day(resolved, publication)


def _after_the_story_s_day(date: EventDate, publication: EventDate) -> bool:
    """Whether the date lies after the publication day, compared at the coarser of the two."""
    if date.value is None or publication.value is None:
        return False
    return date.value[:10] > publication.value[: len(date.value[:10])]


def _bare_present(verb) -> bool:
    """A verb in the simple present with no auxiliary: "leaves for Washington on April 29"."""
    return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _announced_in_the_past(mention: EventMention, trigger: Any) -> bool:
    """ "Seoul said it would withdraw its complaint": an announced intent or threat is dated by
    its saying, as the narrative's act it is."""
    if mention.cameo[:2] not in ("03", "13"):
        return False
    frame = factuality_rules.speech_frame(factuality_rules.clause_verb(trigger))
    return frame is not None and is_past(frame[0])


def _looks_ahead(mention: EventMention, trigger: Any) -> bool:
    """A future event: "on Tuesday" is the coming Tuesday, not the last one."""
    if mention.factuality == Factuality.FUTURE:
        return True
    if mention.section == SectionKind.BODY and _bare_present(trigger):
        return True  # "before Nakasone leaves for Washington on April 29": a scheduled act told in the present
    return any(child.dep_ == "aux" and child.lower_ in FUTURE_AUXILIARIES for child in trigger.children)


def _future_reading(timex: Timex, context: TimeContext) -> Timex:
    if timex.kind not in ("weekday", "absolute") or timex.basis == "explicit" or timex.basis.startswith("bracket"):
        return timex
    reading = normalize(timex.text, context.anchor, prefer_future=True)
    if reading is None or reading.value is None:
        return timex
    return replace(reading, span=timex.span, text=timex.text)


def _date_before_anniversary(anniversary: Any, context: TimeContext, sentence: int, parsed: Any) -> EventDate:
    """Dates near "the Nth anniversary of X" are the commemoration's; X happened N years before it."""
    choice = _syntactic_choice(anniversary, context, sentence, parsed)
    commemoration = date_of_choice(choice, context, sentence) if choice is not None else None
    explicit = commemoration is not None and commemoration.value is not None
    if not explicit:
        commemoration = context.publication
    years = _ordinal_of(anniversary)
    names_day = explicit and commemoration.precision == "day" and _names_the_day(anniversary, commemoration, parsed)
    if years is None and names_day:
        earlier = _earlier_date_on_same_day(context, commemoration)
        if earlier is not None:
            return earlier
    if years is None or commemoration is None or commemoration.value is None:
        return EventDate(None, None, "anniversary")
    year = int(commemoration.value[:4]) - years
    if names_day:
        return approximate_day(year, commemoration.value[5:], "anniversary", commemoration.span, False)
    return EventDate(f"{year:04d}", "year", "anniversary", commemoration.span, commemoration.approximate)


def _earlier_date_on_same_day(context: TimeContext, commemoration: EventDate) -> EventDate | None:
    """"August 29 is the anniversary of X" and, elsewhere, "X … on August 29 1960": X is 1960-08-29."""
    value = commemoration.value or ""
    for placed in context.timexes:
        timex = placed.timex
        if timex.precision == "day" and timex.value and timex.value[5:10] == value[5:10] and timex.value < value:
            return EventDate(timex.value[:10], "day", "anniversary", timex.span, timex.approximate)
    return None


def _names_the_day(anniversary: Any, commemoration: EventDate, parsed: Any) -> bool:
    """"March 3 is the anniversary", "the anniversary on March 3": not "marked the anniversary on Monday"."""
    root = None if commemoration.span is None else head_token(parsed, commemoration.span)
    if root is None:
        return False
    if root.i in own_region(anniversary):
        return True
    return anniversary.dep_ == "attr" and root.dep_ == "nsubj" and root.head.i == anniversary.head.i


def _ordinal_of(anniversary: Any) -> int | None:
    for child in anniversary.children:
        match = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", child.text, re.IGNORECASE)
        if match:
            return int(match.group(1))
        if child.lower_ in ORDINAL_WORDS:
            return ORDINAL_WORDS[child.lower_]
    return None


def _split_timex(mention: EventMention, context: TimeContext) -> Timex | None:
    prefilled = mention.date
    if prefilled is None or prefilled.basis != "split" or prefilled.span is None:
        return None
    for placed in context.timexes:
        if placed.timex.span.overlaps(prefilled.span):
            return placed.timex
    return None


def _syntactic_choice(trigger: Any, context: TimeContext, sentence: int, parsed: Any) -> Choice | None:
    candidates = [t for t in context.in_sentence(sentence) if can_date_an_event(t)]
    if not candidates:
        return None
    end = context.sentences[sentence].end
    rooted = [(t, head_token(parsed, Span(t.span.start, min(t.span.end, end)))) for t in candidates]
    rooted = [(t, r) for t, r in rooted if r is not None]
    before_when = _date_a_when_clause_follows(trigger, rooted)
    rooted = [(t, r) for t, r in rooted if not background_to(r, trigger) and not _dates_a_thing(t, r, trigger) and not _dates_another_act(r, trigger)]
    for head in clause_chain(trigger):
        region = own_region(head)
        inside = [(t, r) for t, r in rooted if r.i in region]
        if inside:
            return Choice(_nearest(inside, trigger))
    if before_when is not None:
        return Choice(before_when)
    governing = [(t, r) for t, r in rooted if scopes_over(r, trigger)]
    if governing:
        return Choice(_nearest(governing, trigger))
    for head in clause_chain(trigger):
        for clause in same_time_clauses(head):
            region = own_region(clause)
            beside = [(t, r) for t, r in rooted if r.i in region]
            if beside:
                return Choice(_nearest(beside, trigger))
    return None


def _date_a_when_clause_follows(trigger: Any, rooted: list[tuple[Timex, Any]]) -> Timex | None:
    """ "since Friday, when an attack damaged the ship": a "when" clause right after a date says
    what happened on it, wherever the parser hangs the clause."""
    clause = next((t for t in (trigger, *trigger.ancestors) if t.dep_ in ("advcl", "relcl")), None)
    if clause is None:
        return None
    when = next((c for c in clause.children if c.lower_ == "when" and c.i < clause.i), None)
    if when is None:
        return None
    for timex, root in rooted:
        gap = trigger.doc[root.right_edge.i + 1 : when.i]
        if root.right_edge.i < when.i and all(t.is_punct for t in gap):
            return timex
    return None


#: Acts that make the thing they act on: "signed the 1976 accord" was in 1976, "breached the 1976
#: accord" was not.
MAKING_LEMMAS = frozenset(
    {"sign", "conclude", "reach", "agree", "adopt", "draft", "negotiate", "ink", "seal", "strike", "pass",
     "approve", "issue", "launch", "hold", "stage", "establish", "found", "form", "build", "declare"}
)  # fmt: skip


def _dates_a_thing(timex: Timex, head: Any, trigger: Any) -> bool:
    """A bare year that says which thing a noun is ("breaching the 1976 Berne Agreement", "the
    1991 war") dates that thing, not an act done to it; unless the act makes it ("signed the
    1976 accord") or the noun is the event itself."""
    if timex.precision != "year" or head.dep_ not in ("nummod", "compound", "amod", "nmod"):
        return False
    thing = head.head
    if thing.i == trigger.i or thing.pos_ not in ("NOUN", "PROPN"):
        return False
    return trigger.lemma_.lower() not in MAKING_LEMMAS


def _dates_another_act(head: Any, trigger: Any) -> bool:
    """ "later withdrew Friday's request": a day's possessive dates the act its noun names, not
    the act done to it."""
    return head.dep_ == "poss" and head.head.i != trigger.i


def _nearest(candidates: list[tuple[Timex, Any]], trigger: Any) -> Timex:
    return min(candidates, key=lambda pair: (abs(pair[1].i - trigger.i), pair[0].span.start))[0]
