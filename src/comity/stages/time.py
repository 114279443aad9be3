"""Time stage: each event mention's own date, with its precision and how it was found.

Temporal expressions are found in the coded sections (`comity.timex`) against
the publication date, then attached to events by syntax, nearest scope first:

1. a "split" date that the event stage pre-filled for one conjunct of a
   coordinated date ("in September 2015 and November 2018");
2. the event predicate's own modifiers: expressions in the trigger's subtree,
   not inside an embedded clause (relative, adverbial, complement and gerund
   clauses and coordinated verbs have dates of their own: "accused X of
   breaching the 1976 accord" is not dated 1976);
3. the clause: the modifiers of the verb the trigger is coordinated with or
   governed by ("In 2018, X visited Y and met Z" dates "met");
4. the sentence: an expression governing the trigger's clause ("… said
   Tuesday") or one inside a relative clause on the event's participant
   ("met Castro, who paid a visit in March 1986"; an argument of the
   predicate, not a noun nested deeper, and not a content clause,
   "expressed regret that he did not visit this year"), or, failing those, one inside an
   adverbial clause that happens when the event does ("when …", "hours
   before the plane left on Thursday", data/time/same_time_clauses.tsv);
5. same-day references ("Later in the day", "Earlier on Saturday", "Also on
   Friday") inherit the date of the previous dated sentence, or of the
   earlier "Saturday [Sept. 5]" they repeat; a past-tense sentence with no
   date continues the day named in the sentence before it ("arrived on
   Friday [Sept. 4]. It was greeted at the airport by …"), for up to six
   sentences (a day named only in a relative clause, "talks that X hosted
   on July 13", is background and not carried); a month or a year named
   before is not carried over, and a present, future or past-perfect
   sentence ends the story;
   an event of the headline with no date takes the day named in the lede
   (the first paragraph);
6. the publication date, for mentions that are not future or hypothetical
   (a dateline without a year, "SEOUL, Dec. 30", takes the year of a
   timestamp line of the same day, "2018/12/30 15:02 KST").

An event commemorated by "the Nth anniversary of X" is dated N years before
the commemoration (dates near the phrase are the commemoration's); an
undated anniversary on a day takes the document's earlier full date on that
day. A future event ("will speak on Tuesday") reads its weekday or yearless date
forward from the publication date.

When the publication date is missing, an approximate year is inferred where
the text allows ("Six decades have passed since … 1960" → 2020; "the 60th
anniversary of the founding of … in 1945" → 2005; failing those, the year in
which the titled people of the text held their titles, a tie settled by a
bracketed weekday) and used, marked approximate.
Person actors are re-coded at the event date when actor knowledge is given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from comity.errors import ComityError
from comity.knowledge.gazetteer import fold_text
from comity.model import Argument, Document, EventDate, EventMention, Factuality, SectionKind, Span
from comity.timex import Anchor, Timex, find_timexes, normalize, same_time_words

#: Dependencies that open a clause with its own time: a date inside one belongs to that clause.
CLAUSE_DEPS = frozenset({"advcl", "relcl", "ccomp", "csubj", "csubjpass", "parataxis", "xcomp", "pcomp"})
#: Dependencies across which a predicate shares the time of the one it hangs on.
SHARED_TIME_DEPS = frozenset({"conj", "xcomp"})
#: Clauses on a participant whose date also dates the event ("met X, who visited in 1986").
PARTICIPANT_CLAUSE_DEPS = frozenset({"relcl", "acl"})
VERBAL_POS = frozenset({"VERB", "AUX"})
NO_PUBLICATION_FALLBACK = frozenset({Factuality.FUTURE, Factuality.HYPOTHETICAL})
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll"})
#: How many sentences back "later in the day" looks for the day it means.
SAME_DAY_REACH = 4
#: How many undated past-tense sentences a day named before them carries over.
NARRATIVE_REACH = 6
PRESENT_OR_MODAL_TAGS = frozenset({"VBZ", "VBP", "MD"})
#: Bases of expressions that refer to a year or month named before: the unit they take from it.
NAMED_BEFORE = {"same-year": "year", "same-month": "month"}
_BARE_YEAR = re.compile(r"(?<![\w$£€#/.,'’])(1[5-9]\d\d|20\d\d)(?![\w%/]|[.,]\d)")

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "seventy-fifth": 75, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip
_ANNIVERSARY = re.compile(
    r"\b(?:(?P<n>\d{1,3})(?:st|nd|rd|th)|(?P<word>" + "|".join(_ORDINAL_WORDS) + r"))"
    r"\s+anniversary\s+of\b",
    re.IGNORECASE,
)
_FAR_REFERENCE = Anchor(dt.date(3000, 1, 1), "year")  # to measure "six decades" as a number of years


# ---------------------------------------------------------------- the document's time context


@dataclass(slots=True)
class PlacedTimex:
    """A temporal expression with the sentence it sits in."""

    timex: Timex
    sentence: int


@dataclass(slots=True)
class TimeContext:
    """What the stage knows about a document's time: its anchor and every expression."""

    anchor: Anchor
    publication: EventDate | None  # the fallback date for current news
    approximate_year: int | None  # inferred when the publication date is missing
    sentences: list[Span]
    timexes: list[PlacedTimex]
    text: str
    _sentence_dates: dict[int, EventDate | None] = field(default_factory=dict)

    def sentence_index(self, offset: int) -> int | None:
        return _sentence_at(self.sentences, offset)

    def in_sentence(self, index: int) -> list[Timex]:
        return [p.timex for p in self.timexes if p.sentence == index]

    def same_paragraph(self, first: int, second: int) -> bool:
        low, high = sorted((first, second))
        return "\n" not in self.text[self.sentences[low].end : self.sentences[high].start]


def build_context(doc: Document, actor_knowledge: Any = None) -> TimeContext:
    """`actor_knowledge` (with `roles(actor_id)`) lets a year be inferred from who held which office."""
    sentences = [s.span for s in doc.sentences]
    published = _published_value(doc)
    anchor = _publication_anchor(published)
    timexes = _placed_timexes(doc, sentences, anchor)
    approximate_year = None
    if anchor.precision is None or anchor.precision == "month-day":
        approximate_year = infer_publication_year(doc.text, sentences, timexes)
        if approximate_year is None and actor_knowledge is not None:
            approximate_year = year_from_offices(doc, actor_knowledge, timexes)
    context = TimeContext(anchor, None, approximate_year, sentences, timexes, doc.text)
    context.publication = _publication_date(published, approximate_year)
    return context


def _published_value(doc: Document) -> str | None:
    """The publication date, its year read from the article's timestamp line when the dateline gives only
    a month and day ("SEOUL, Dec. 30" above, "2018/12/30 15:02 KST" below)."""
    published = doc.meta.published
    value = published.value if published is not None else None
    if not value or not value.startswith("--"):
        return value
    for section in doc.sections:
        if section.kind != SectionKind.METADATA:
            continue
        for timex in find_timexes(doc.text, Anchor.none(), section.span.start, section.span.end):
            if timex.precision in ("day", "minute") and (timex.value or "")[4:10] == value[1:]:
                return timex.value[:10]  # type: ignore[index]
    return value


def _publication_anchor(value: str | None) -> Anchor:
    if not value:
        return Anchor.none()
    try:
        return Anchor.from_iso(value)
    except ValueError:
        return Anchor.none()  # an unreadable date is no anchor; the metadata stage records why


def _placed_timexes(doc: Document, sentences: list[Span], anchor: Anchor) -> list[PlacedTimex]:
    """Expressions found per coded section (a sentence split inside "Saturday [Sept. 5.]" must not cut it)."""
    placed = []
    for section in doc.coded_sections():
        for timex in find_timexes(doc.text, anchor, section.span.start, section.span.end):
            index = _sentence_at(sentences, timex.span.start)
            if index is not None:
                placed.append(PlacedTimex(timex, index))
    return sorted(placed, key=lambda p: p.timex.span.start)


def _sentence_at(sentences: list[Span], offset: int) -> int | None:
    for index, span in enumerate(sentences):
        if span.start <= offset < span.end:
            return index
    return None


def _publication_date(value: str | None, approximate_year: int | None) -> EventDate | None:
    if value and value.startswith("--"):
        if approximate_year is not None:
            return _approximate_day(approximate_year, value[2:], "approximate-publication", None)
        return EventDate(None, None, "publication:year-unknown")
    if value:
        try:
            anchor = Anchor.from_iso(value)
        except ValueError:
            anchor = Anchor.none()
        if anchor.date is not None:
            precision = "day" if anchor.precision in ("minute", "day") else anchor.precision
            return EventDate(_cut(anchor.date.isoformat(), precision), precision, "publication")
    if approximate_year is not None:
        return EventDate(f"{approximate_year:04d}", "year", "approximate-publication", approximate=True)
    return None


# ---------------------------------------------------------------- inferring a missing year


def infer_publication_year(text: str, sentences: list[Span], timexes: list[PlacedTimex]) -> int | None:
    """About when a text without a date was written, from "N years since Y" or "the Nth anniversary of … Y"."""
    return _year_from_elapsed(timexes) or _year_from_anniversary(text, sentences, timexes)


def _year_from_elapsed(timexes: list[PlacedTimex]) -> int | None:
    for position, placed in enumerate(timexes):
        if placed.timex.basis not in ("relative:since", "relative:ago"):
            continue
        years = _years_of_duration(placed.timex) or years_spanned(placed.timex.text)
        later = _next_year_in_sentence(timexes, position)
        if years is not None and later is not None:
            return later + years
    return None


def _years_of_duration(timex: Timex) -> int | None:
    match = re.fullmatch(r"P(\d+)Y", getattr(timex, "duration", None) or "")
    return int(match.group(1)) if match else None


def years_spanned(expression: str) -> int | None:
    """How many years "six decades have passed since" or "55 years ago" stands for."""
    reading = normalize(expression, _FAR_REFERENCE)
    if reading is None or reading.value is None or reading.precision != "year":
        return None
    return _FAR_REFERENCE.date.year - int(reading.value)  # type: ignore[union-attr]


def _next_year_in_sentence(timexes: list[PlacedTimex], position: int) -> int | None:
    sentence = timexes[position].sentence
    for placed in timexes[position + 1 :]:
        if placed.sentence != sentence:
            return None
        year = _year_of(placed.timex)
        if year is not None:
            return year
    return None


def _year_of(timex: Timex) -> int | None:
    if timex.value is None or timex.is_duration or not timex.value[:4].isdigit() or len(timex.value) < 4:
        return None
    return int(timex.value[:4])


def _year_from_anniversary(text: str, sentences: list[Span], timexes: list[PlacedTimex]) -> int | None:
    for index, span in enumerate(sentences):
        for match in _ANNIVERSARY.finditer(text, span.start, span.end):
            number = int(match["n"]) if match["n"] else _ORDINAL_WORDS[match["word"].lower()]
            founded = _year_after(timexes, index, match.end()) or _year_of_same_occasion(
                text, sentences, timexes, index, match.end()
            )
            if founded is not None:
                return founded + number
    return None


def _year_after(timexes: list[PlacedTimex], sentence: int, offset: int) -> int | None:
    for placed in timexes:
        if placed.sentence == sentence and placed.timex.span.start >= offset:
            year = _year_of(placed.timex)
            if year is not None:
                return year
    return None


def _year_of_same_occasion(
    text: str, sentences: list[Span], timexes: list[PlacedTimex], sentence: int, offset: int
) -> int | None:
    """The year of another sentence naming the same occasion ("the establishment of … relations")."""
    words = _content_words(text[offset : sentences[sentence].end])[:4]
    if len(words) < 2:
        return None
    for index, span in enumerate(sentences):
        if index == sentence or not all(w in _content_words(text[span.start : span.end]) for w in words[:2]):
            continue
        year = _year_after(timexes, index, span.start)
        if year is not None:
            return year
    return None


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in {"that", "with", "this", "their"}]


# ---------------------------------------------------------------- a year from who held which office

#: Role heads too general to date anything without the rest of the title.
_VAGUE_ROLE_HEADS = frozenset({"member", "deputy", "delegate", "leader", "head"})
_NOT_CURRENT = re.compile(r"(?:former|late|ex-|then)\W*$")
_TITLE_WINDOW = 100  # characters after a name in which an apposed title is read


def year_from_offices(doc: Document, knowledge: Any, timexes: list[PlacedTimex]) -> int | None:
    """The year in which most titled people of the text held the titles it gives them.

    "First Vice President Díaz-Canel", "Foreign Minister Ri Su Yong", "Premier Pak
    Pong Ju" vote for the years each held that office; at least two must agree.
    A tie is settled by a bracketed weekday ("Saturday [Sept. 5]" fits 2015, not
    2014 or 2016); a tie that stays is no answer.
    """
    votes: Counter[int] = Counter()
    for years in _office_years(doc, knowledge):
        votes.update(years)
    if not votes or max(votes.values()) < 2:
        return None
    best = max(votes.values())
    years = sorted(year for year, count in votes.items() if count == best)
    years = _fitting_weekdays(years, timexes) if len(years) > 1 else years
    return years[0] if len(years) == 1 else None


def _office_years(doc: Document, knowledge: Any) -> list[frozenset[int]]:
    """For each titled person (once per person and title), the years they held that title."""
    seen: set[frozenset[int]] = set()
    found = []
    horizon = dt.date.today().year
    for mention in doc.actor_mentions:
        if not (mention.actor_id or "").startswith("person:"):
            continue
        window = _title_window(doc, mention.span)
        try:
            roles = knowledge.roles(mention.actor_id)
        except (ComityError, KeyError):
            continue
        years = frozenset(y for role in _titles_in(window, roles) for y in _years_held(role, horizon))
        if years and (key := frozenset({hash(mention.actor_id)}) | years) not in seen:
            seen.add(key)
            found.append(years)
    return found


def _title_window(doc: Document, span: Span) -> str:
    sentence_end = next((s.span.end for s in doc.sentences if s.span.start <= span.start < s.span.end), span.end)
    return fold_text(doc.text[span.start : min(sentence_end, span.end + _TITLE_WINDOW)])


def _titles_in(window: str, roles: list[Any]) -> list[Any]:
    """The roles whose title the window gives, longest title words first ("first vice president", not "president")."""
    matches = []
    for role in roles:
        title = fold_text(role.title)
        head = title.split(" of ")[0]
        phrase = title if head in _VAGUE_ROLE_HEADS else head
        for found in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", window):
            if not _NOT_CURRENT.search(window[: found.start()]):
                matches.append((found.start(), found.end(), role))
    return [role for start, end, role in matches if not any(
        s <= start and end <= e and (s, e) != (start, end) for s, e, _ in matches
    )]  # fmt: skip


def _years_held(role: Any, horizon: int) -> range:
    if role.start is None:
        return range(0)
    last = horizon if role.end is None else (role.end - dt.timedelta(days=1)).year
    return range(role.start.year, last + 1)


def _fitting_weekdays(years: list[int], timexes: list[PlacedTimex]) -> list[int]:
    """Years in which a bracketed "Saturday [Sept. 5]" really falls on that weekday."""
    brackets = [p.timex for p in timexes if p.timex.basis.startswith("bracket") and p.timex.month]
    if not brackets:
        return years
    bracket = brackets[0]
    fitting = []
    for year in years:
        reading = normalize(bracket.text, Anchor(dt.date(year, 12, 31), "day"))
        if reading is not None and reading.basis == "bracket" and (reading.value or "").startswith(str(year)):
            fitting.append(year)
    return fitting


# ---------------------------------------------------------------- attaching a date to one event


@dataclass(slots=True)
class Choice:
    timex: Timex
    basis_override: str | None = None  # set when the date was inherited


def date_for(mention: EventMention, context: TimeContext, parsed: Any) -> EventDate | None:
    """The mention's date by the rules in the module docstring, or None."""
    split = _split_timex(mention, context)
    if split is not None:
        return _resolved(Choice(split), context, _index_of(context, split))
    sentence = context.sentence_index(mention.trigger.start)
    trigger = _head_token(parsed, mention.trigger)
    if sentence is not None and trigger is not None:
        anniversary = commemorated_by(trigger)
        if anniversary is not None:
            return _date_before_anniversary(anniversary, context, sentence, parsed)
        choice = _syntactic_choice(trigger, context, sentence, parsed)
        if choice is not None and _looks_ahead(mention, trigger):
            choice = Choice(_future_reading(choice.timex, context))
        if choice is not None:
            resolved = _resolved(choice, context, sentence)
            if resolved is not None:
                return resolved
        if mention.factuality not in NO_PUBLICATION_FALLBACK and is_past(trigger):
            continued = _narrative_date(context, sentence, parsed)
            if continued is not None:
                return _rebased(continued, "inherited:sentence", continued.span)
        if mention.section == SectionKind.HEADLINE and mention.factuality not in NO_PUBLICATION_FALLBACK:
            lede = _lede_date(context, sentence)
            if lede is not None:
                return _rebased(lede, "inherited:lede", lede.span)
    if mention.factuality in NO_PUBLICATION_FALLBACK:
        return None
    return context.publication


def _looks_ahead(mention: EventMention, trigger: Any) -> bool:
    """A future event: "on Tuesday" is the coming Tuesday, not the last one."""
    if mention.factuality == Factuality.FUTURE:
        return True
    return any(child.dep_ == "aux" and child.lower_ in FUTURE_AUXILIARIES for child in trigger.children)


def _future_reading(timex: Timex, context: TimeContext) -> Timex:
    if timex.kind not in ("weekday", "absolute") or timex.basis == "explicit" or timex.basis.startswith("bracket"):
        return timex
    reading = normalize(timex.text, context.anchor, prefer_future=True)
    if reading is None or reading.value is None:
        return timex
    return replace(reading, span=timex.span, text=timex.text)


def commemorated_by(trigger: Any) -> Any:
    """The "anniversary" token when the event is what it commemorates ("the 60th anniversary of the founding")."""
    token = trigger
    if token.dep_ == "conj":
        token = token.head
    preposition = token.head
    if token.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.lemma_ == "anniversary":
        return preposition.head
    return None


def _date_before_anniversary(anniversary: Any, context: TimeContext, sentence: int, parsed: Any) -> EventDate:
    """Dates near "the Nth anniversary of X" are the commemoration's; X happened N years before it."""
    choice = _syntactic_choice(anniversary, context, sentence, parsed)
    commemoration = _resolved(choice, context, sentence) if choice is not None else None
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
        return _approximate_day(year, commemoration.value[5:], "anniversary", commemoration.span, False)
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
    root = None if commemoration.span is None else _head_token(parsed, commemoration.span)
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
        if child.lower_ in _ORDINAL_WORDS:
            return _ORDINAL_WORDS[child.lower_]
    return None


def _split_timex(mention: EventMention, context: TimeContext) -> Timex | None:
    prefilled = mention.date
    if prefilled is None or prefilled.basis != "split" or prefilled.span is None:
        return None
    for placed in context.timexes:
        if placed.timex.span.overlaps(prefilled.span):
            return placed.timex
    return None


def _index_of(context: TimeContext, timex: Timex) -> int:
    return next(p.sentence for p in context.timexes if p.timex is timex)


def _syntactic_choice(trigger: Any, context: TimeContext, sentence: int, parsed: Any) -> Choice | None:
    candidates = [t for t in context.in_sentence(sentence) if _usable(t)]
    if not candidates:
        return None
    end = context.sentences[sentence].end
    rooted = [(t, _head_token(parsed, Span(t.span.start, min(t.span.end, end)))) for t in candidates]
    rooted = [(t, r) for t, r in rooted if r is not None and not _background_to(r, trigger) and not _dates_a_thing(t, r, trigger)]
    for head in clause_chain(trigger):
        region = own_region(head)
        inside = [(t, r) for t, r in rooted if r.i in region]
        if inside:
            return Choice(_nearest(inside, trigger))
    governing = [(t, r) for t, r in rooted if scopes_over(r, trigger)]
    if governing:
        return Choice(_nearest(governing, trigger))
    for head in clause_chain(trigger):
        for clause in _same_time_clauses(head):
            region = own_region(clause)
            beside = [(t, r) for t, r in rooted if r.i in region]
            if beside:
                return Choice(_nearest(beside, trigger))
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


def _background_to(modifier: Any, trigger: Any) -> bool:
    """Whether the modifier sits in a background clause ("since taking office on January 1") that does
    not hold the trigger: that date is of another, earlier act."""
    clause = _background_clause(modifier)
    return clause is not None and trigger.i not in {t.i for t in clause.subtree}


def _background_clause(token: Any) -> Any:
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


def _usable(timex: Timex) -> bool:
    """Expressions that can date an event: not durations or "N years since" spans."""
    if timex.is_duration or timex.basis in ("relative:since", "duration"):
        return False
    if timex.kind == "vague":
        return timex.basis in ("same-day", *NAMED_BEFORE)
    return timex.value is not None or timex.month is not None or timex.kind == "weekday"


def _head_token(parsed: Any, span: Span) -> Any:
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


def _clause_head(token: Any) -> Any:
    while token.head.i != token.i and token.dep_ not in CLAUSE_DEPS | PARTICIPANT_CLAUSE_DEPS:
        if token.dep_ == "conj" and token.pos_ in VERBAL_POS:
            break
        token = token.head
    return token


def scopes_over(modifier: Any, trigger: Any) -> bool:
    """Whether a modifier (date, place) sits in a clause that governs the trigger or in one on its participant."""
    clause = _clause_head(modifier)
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


def _same_time_clauses(head: Any) -> list[Any]:
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


def _nearest(candidates: list[tuple[Timex, Any]], trigger: Any) -> Timex:
    return min(candidates, key=lambda pair: (abs(pair[1].i - trigger.i), pair[0].span.start))[0]


# ---------------------------------------------------------------- from an expression to a date


def _resolved(choice: Choice, context: TimeContext, sentence: int) -> EventDate | None:
    timex = choice.timex
    if timex.basis in NAMED_BEFORE:
        return _named_before(context, timex)
    if timex.kind == "vague":
        return _inherited(context, sentence, timex)
    if timex.kind == "weekday" and timex.basis.startswith("relative:"):
        repeated = _earlier_bracketed_weekday(context, timex)
        if repeated is not None:
            return _rebased(_from_timex(repeated, context), _inherited_basis(context, sentence, repeated), timex.span)
    return _from_timex(timex, context)


def _from_timex(timex: Timex, context: TimeContext) -> EventDate:
    basis = f"calendar:{timex.basis}" if timex.kind == "calendar" else timex.basis
    if timex.value is not None and timex.precision is not None:
        return _cut_timex(timex, basis)
    basis = basis.removesuffix(":no-year")
    year = context.approximate_year
    if timex.month is not None and timex.day is not None and year is not None:
        return _approximate_day(year, f"{timex.month:02d}-{timex.day:02d}", basis, timex.span)
    if timex.month is not None and year is not None:
        return EventDate(f"{year:04d}-{timex.month:02d}", "month", basis, timex.span, approximate=True)
    if year is not None:
        return EventDate(f"{year:04d}", "year", basis, timex.span, approximate=True)
    coarse = context.publication
    if coarse is not None and coarse.value is not None and coarse.precision in ("month", "year"):
        # "on Monday" in a text dated only "2021-03": the event is in that month, about.
        return EventDate(coarse.value, coarse.precision, basis, timex.span, approximate=True)
    return EventDate(None, None, f"{basis}:year-unknown", timex.span, timex.approximate)


def _cut_timex(timex: Timex, basis: str) -> EventDate:
    value, precision = timex.value or "", timex.precision or ""
    if precision == "minute":
        return EventDate(value[:10], "day", basis, timex.span, timex.approximate)
    if precision == "week":
        thursday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 4)
        return EventDate(thursday.isoformat()[:7], "month", basis, timex.span, approximate=True)
    if precision in ("day", "month", "year"):
        return EventDate(_cut(value, precision), precision, basis, timex.span, timex.approximate)
    return EventDate(None, None, f"{basis}:{precision}", timex.span, timex.approximate)


def _approximate_day(
    year: int, month_day: str, basis: str, span: Span | None, approximate: bool = True
) -> EventDate:
    try:
        value = dt.date.fromisoformat(f"{year:04d}-{month_day}").isoformat()
    except ValueError:
        return EventDate(f"{year:04d}", "year", basis, span, approximate=approximate)
    return EventDate(value, "day", basis, span, approximate=approximate)


def _cut(value: str, precision: str) -> str:
    return value[: {"day": 10, "month": 7, "year": 4}[precision]]


def _inherited(context: TimeContext, sentence: int, vague: Timex) -> EventDate | None:
    """"Later in the day": the date of the nearest earlier sentence that has one, a few sentences back at most
    (further off, "the day" is more likely the day of the report)."""
    for earlier in range(sentence - 1, max(sentence - 1 - SAME_DAY_REACH, -1), -1):
        date = _sentence_date(context, earlier)
        if date is not None:
            basis = _inherited_basis_between(context, sentence, earlier, date.span)
            return _rebased(date, basis, vague.span)
    return None


def _named_before(context: TimeContext, anaphor: Timex) -> EventDate | None:
    """"That March", "that year", "the same month": the year (or month) the text named last before it,
    however far back, and not the publication's ("Comparisons with 1996 … That March" is 1996-03)."""
    wants_month = NAMED_BEFORE[anaphor.basis] == "month"
    named = _last_named(context, anaphor.span.start, wants_month)
    if named is None:
        return None
    if anaphor.month is not None:
        return EventDate(f"{named[:4]}-{anaphor.month:02d}", "month", "anaphoric", anaphor.span)
    if wants_month:
        return EventDate(named[:7], "month", "anaphoric", anaphor.span)
    return EventDate(named[:4], "year", "anaphoric", anaphor.span)


def _last_named(context: TimeContext, before: int, wants_month: bool) -> str | None:
    """The value of the last date before `before` that names a year (a month with it when `wants_month`);
    a bare year the recogniser left as a possible count ("Comparisons with 1996 are …") counts too."""
    found: tuple[int, str] | None = None
    for placed in context.timexes:
        timex = placed.timex
        if timex.span.end > before:
            break
        precise = timex.precision in (("day", "month") if wants_month else ("day", "month", "year"))
        if timex.value is not None and precise and not timex.is_duration:
            found = (timex.span.start, timex.value)
    if not wants_month:
        for match in _BARE_YEAR.finditer(context.text, found[0] + 1 if found else 0, before):
            found = (match.start(), match.group(1))
    return None if found is None else found[1]


def _rebased(date: EventDate, basis: str, span: Span) -> EventDate:
    """An inherited date: the same value, with the new basis and the expression that asked for it."""
    if date.value is None and date.basis and date.basis.endswith(":year-unknown"):
        basis = f"{basis}:year-unknown"
    return replace(date, basis=basis, span=span)


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


def _narrative_date(context: TimeContext, sentence: int, parsed: Any, hops: int = NARRATIVE_REACH) -> EventDate | None:
    """A past-tense sentence without a date of its own continues the story of the sentence before it, when
    that one names a day ("arrived on Friday [Sept. 4]. It was greeted at the airport by …")."""
    previous = _sentence_before(context, sentence)
    if previous < 0 or hops <= 0 or not _sentence_is_past(context, previous, parsed):
        return None  # "Six decades have passed since … (1960)." tells no story to continue
    date = _story_date(context, previous, parsed)
    undated = not _foreground_timexes(context, previous, parsed)
    if date is None and undated and not _sentence_is_negated(context, previous, parsed):
        date = _narrative_date(context, previous, parsed, hops - 1)
    return date if date is not None and _names_a_day(date, context) else None


def _foreground_timexes(context: TimeContext, sentence: int, parsed: Any) -> list[Timex]:
    """The sentence's expressions outside background clauses: a date "since taking office" leaves the
    sentence as undated as if it named none."""
    end = context.sentences[sentence].end
    found = []
    for timex in context.in_sentence(sentence):
        head = _head_token(parsed, Span(timex.span.start, min(timex.span.end, end)))
        if head is None or _background_clause(head) is None:
            found.append(timex)
    return found


def _story_date(context: TimeContext, sentence: int, parsed: Any) -> EventDate | None:
    """The day a sentence's story is on: its first date outside a relative clause ("followed talks
    that X hosted on July 13" is background, not the day the story continues on) or a background
    clause ("since taking office on January 1")."""
    for timex in context.in_sentence(sentence):
        if not _usable(timex):
            continue
        head = _head_token(parsed, Span(timex.span.start, min(timex.span.end, context.sentences[sentence].end)))
        if head is not None and _clause_head(head).dep_ == "relcl":
            continue  # not a participle ("zones encircling Taiwan on Thursday" is often the parser's misreading)
        if head is not None and _background_clause(head) is not None:
            continue
        return _resolved(Choice(timex), context, sentence)
    return None


def _lede_date(context: TimeContext, headline_sentence: int) -> EventDate | None:
    """A headline tells the story of the lede: the day named in the first paragraph after it."""
    first = headline_sentence + 1
    while first < len(context.sentences) and context.same_paragraph(headline_sentence, first):
        first += 1  # the rest of a headline that spaCy split
    lede = first
    while lede < len(context.sentences) and context.same_paragraph(first, lede):
        date = _sentence_date(context, lede)
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


def _sentence_date(context: TimeContext, sentence: int) -> EventDate | None:
    if sentence not in context._sentence_dates:
        context._sentence_dates[sentence] = None  # guards against cycles
        usable = [t for t in context.in_sentence(sentence) if _usable(t)]
        context._sentence_dates[sentence] = _resolved(Choice(usable[0]), context, sentence) if usable else None
    return context._sentence_dates[sentence]


def _earlier_bracketed_weekday(context: TimeContext, weekday: Timex) -> Timex | None:
    """"Earlier on Saturday" repeats the "Saturday [Sept. 5]" given before."""
    name = weekday.basis.split(":", 1)[1].split()[-1].casefold()
    found = None
    for placed in context.timexes:
        timex = placed.timex
        if timex.span.start >= weekday.span.start:
            break
        if timex.basis.startswith("bracket") and timex.text.casefold().startswith(name):
            found = timex
    return found


def _inherited_basis(context: TimeContext, sentence: int, source: Timex) -> str:
    return _inherited_basis_between(context, sentence, _index_of(context, source), source.span)


def _inherited_basis_between(context: TimeContext, sentence: int, earlier: int, source: Span | None) -> str:
    # Sentences between that the source expression runs into are pieces of a mis-split
    # sentence ("on Friday [Oct. 2]. Later…"), not sentences of their own.
    between = context.sentences[earlier + 1 : sentence]
    if all(source is not None and span.start < source.end for span in between):
        return "inherited:sentence"
    if context.same_paragraph(earlier, sentence):
        return "inherited:paragraph"
    return "inherited:document"


# ---------------------------------------------------------------- actor codes at the event date


def date_for_roles(date: EventDate | None) -> dt.date | None:
    """A day to look up who held which office: the middle of the event's period."""
    if date is None or date.value is None or date.precision is None:
        return None
    try:
        if date.precision == "day":
            return dt.date.fromisoformat(date.value)
        if date.precision == "month":
            return dt.date(int(date.value[:4]), int(date.value[5:7]), 15)
        return dt.date(int(date.value[:4]), 7, 1)
    except ValueError:
        return None


def recode_at(argument: Argument | None, day: dt.date, knowledge: Any) -> Argument | None:
    """The argument with the code its person actor had on `day` (unchanged when unknown)."""
    if argument is None or not argument.actor_id or not argument.actor_id.startswith("person:"):
        return argument
    try:
        code, role = knowledge.code_at(argument.actor_id, day)
        named = _names_person(argument.text, knowledge.variants(argument.actor_id))
    except (ComityError, KeyError):
        return argument  # an actor the knowledge does not hold keeps the code it was given
    if role is None and not named and argument.code:
        # Found through an office ("the last American president"), not a name: whoever held
        # it then is not known to be this person, so keep the office and drop the identity.
        return replace(argument, actor_id=None, code=argument.code)
    return argument if code is None else replace(argument, code=code, country=knowledge.country_for(argument.actor_id, code))


def _names_person(text: str, variants: list[str]) -> bool:
    from comity.knowledge.actors import name_key

    words = set(name_key(text))
    return any(set(name_key(variant)) <= words for variant in variants if name_key(variant))


@cache
def _default_actor_knowledge() -> Any:
    from comity.knowledge.actors import ActorKnowledge

    return ActorKnowledge.default()


# ---------------------------------------------------------------- the stage


class TimeStage:
    name = "time"
    requires = frozenset({"parsed", "sentences", "event_mentions", "meta"})
    assigns = frozenset({"event_dates"})

    def __init__(self, actor_knowledge: Any = None, recode_actors: bool = True, infer_from_offices: bool = True):
        """`actor_knowledge`: anything with `code_at(actor_id, date)`, `country_for(actor_id, code)` and `roles(actor_id)`; the bundled one
        by default. `infer_from_offices`: date an undated text by the offices its people hold."""
        self._actor_knowledge = actor_knowledge
        self.recode_actors = recode_actors
        self.infer_from_offices = infer_from_offices

    @property
    def actor_knowledge(self) -> Any:
        if self._actor_knowledge is None:
            self._actor_knowledge = _default_actor_knowledge()
        return self._actor_knowledge

    def __call__(self, doc: Document) -> Document:
        if not doc.event_mentions:
            return doc
        context = build_context(doc, self.actor_knowledge if self.infer_from_offices else None)
        for mention in doc.event_mentions:
            mention.date = date_for(mention, context, doc.parsed)
            if self.recode_actors:
                self._recode(mention)
        return doc

    def _recode(self, mention: EventMention) -> None:
        day = date_for_roles(mention.date)
        if day is None:
            return
        mention.source = recode_at(mention.source, day, self.actor_knowledge)
        mention.target = recode_at(mention.target, day, self.actor_knowledge)
