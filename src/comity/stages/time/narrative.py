"""Dates carried by the story: a past-tense sentence without a date continues the day of the
sentence before it, and a headline takes the day named in its lede."""

from __future__ import annotations

from typing import Any

from comity.model import EventDate, Span
from comity.stages.time.records import Choice, TimeContext
from comity.stages.time.resolve import can_date_an_event, date_of_choice, sentence_date
from comity.stages.time.syntax import background_clause, clause_head, head_token, is_past
from comity.timex import Timex

#: How many undated past-tense sentences a day named before them carries over.
NARRATIVE_REACH = 6


def narrative_date(context: TimeContext, sentence: int, parsed: Any, hops: int = NARRATIVE_REACH) -> EventDate | None:
    """A past-tense sentence without a date of its own continues the story of the sentence before it, when
    that one names a day ("arrived on Friday [Sept. 4]. It was greeted at the airport by …")."""
    previous = _sentence_before(context, sentence)
    if previous < 0 or hops <= 0 or not _sentence_is_past(context, previous, parsed):
        return None  # "Six decades have passed since … (1960)." tells no story to continue
    date = _story_date(context, previous, parsed)
    undated = not _foreground_timexes(context, previous, parsed)
    if date is None and undated and not _sentence_is_negated(context, previous, parsed):
        date = narrative_date(context, previous, parsed, hops - 1)
    return date if date is not None and _names_a_day(date, context) else None


def _foreground_timexes(context: TimeContext, sentence: int, parsed: Any) -> list[Timex]:
    """The sentence's expressions outside background clauses: a date "since taking office" leaves the
    sentence as undated as if it named none."""
    end = context.sentences[sentence].end
    found = []
    for timex in context.in_sentence(sentence):
        head = head_token(parsed, Span(timex.span.start, min(timex.span.end, end)))
        if head is None or background_clause(head) is None:
            found.append(timex)
    return found


def _story_date(context: TimeContext, sentence: int, parsed: Any) -> EventDate | None:
    """The day a sentence's story is on: its first date outside a relative clause ("followed talks
    that X hosted on July 13" is background, not the day the story continues on) or a background
    clause ("since taking office on January 1")."""
    for timex in context.in_sentence(sentence):
        if not can_date_an_event(timex):
            continue
        head = head_token(parsed, Span(timex.span.start, min(timex.span.end, context.sentences[sentence].end)))
        if head is not None and clause_head(head).dep_ == "relcl":
            continue  # not a participle ("zones encircling Taiwan on Thursday" is often the parser's misreading)
        if head is not None and background_clause(head) is not None:
            continue
        if head is not None and _names_a_thing(head):
            continue
        return date_of_choice(Choice(timex), context, sentence)
    return None


#: Labels of a date that is part of a noun's name for an event ("the May 17 missile attack").
_ATTRIBUTIVE_DEPS = frozenset({"compound", "nmod", "amod"})


def _names_a_thing(head: Any) -> bool:
    """ "These concerns were heightened by the May 17 Iraqi missile attack": a date that says which
    event a noun is names that event's day, not the day the story goes on."""
    return head.dep_ in _ATTRIBUTIVE_DEPS and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i


def lede_date(context: TimeContext, headline_sentence: int) -> EventDate | None:
    """A headline tells the story of the lede: the day named in the first paragraph after it."""
    first = headline_sentence + 1
    while first < len(context.sentences) and context.same_paragraph(headline_sentence, first):
        first += 1  # the rest of a headline that spaCy split
    lede = first
    while lede < len(context.sentences) and context.same_paragraph(first, lede):
        date = sentence_date(context, lede)
        if date is not None:
            return date if _names_a_day(date, context) else None
        lede += 1
    return None


def _sentence_before(context: TimeContext, sentence: int) -> int:
    """The previous sentence, joined back across a split inside an expression ("on Friday [Oct. 2]. from …")."""
    previous = sentence - 1
    while previous > 0:
        start = context.sentences[previous].start
        if not any(p.sentence < previous and p.timex.span.start < start < p.timex.span.end for p in context.timexes):
            break
        previous -= 1
    return previous


def _sentence_is_negated(context: TimeContext, sentence: int, parsed: Any) -> bool:
    """"Paris did not recall its envoy to London.": nothing happened, so the story's day stops there and
    is not carried past it to later paragraphs."""
    span = context.sentences[sentence]
    tokens = parsed.char_span(span.start, span.end, alignment_mode="expand")
    return tokens is not None and len(tokens) > 0 and any(c.dep_ == "neg" for c in tokens.root.children)


def _sentence_is_past(context: TimeContext, sentence: int, parsed: Any) -> bool:
    span = context.sentences[sentence]
    tokens = parsed.char_span(span.start, span.end, alignment_mode="expand")
    return tokens is not None and len(tokens) > 0 and is_past(tokens.root)


def _names_a_day(date: EventDate, context: TimeContext) -> bool:
    if date.precision == "day":
        return True
    if date.value is not None or date.span is None:
        return False
    return any(p.timex.span == date.span and p.timex.day is not None for p in context.timexes)
