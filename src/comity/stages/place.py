"""Place stage: where each event mention happened, from the bundled offline gazetteer.

A place is taken only from a phrase the syntax marks as a location: the object
of a locative preposition ("in Pyongyang", "at the Mansudae Assembly Hall",
"on Mansu Hill"), the destination of a visit ("visited Pyongyang", "a visit to
the DPRK", "travelled to Hanoi"), or a place name modifying a nominal event
("the Singapore summit"). Origins ("from Beijing"), participants ("talks with
Washington") and possessors ("the leaders of China") are never places.

Scopes, nearest first: the event predicate's own phrase (basis "modifier"),
the predicate it is coordinated with or governed by ("clause"), then the
sentence ("sentence": a place in a clause that governs the event, "In
Washington, Biden said the US stood with…", or in a clause on one of its
participants, "met Castro, who was visiting the DPRK"). When the text names no place the event has none: there
is no capital-city or dateline default.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from comity.knowledge.gazetteer import Gazetteer, GazetteerEntry, fold_text, normalize_name
from comity.model import Document, EventMention, Place, Span
from comity.stages.time import clause_chain, commemorated_by, own_region, scopes_over

LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "on", "inside", "near", "outside", "within", "aboard"})
#: "on" names a place only for venues and cities, and not after these verbs
#: ("blamed the unrest on the United States", "called on Washington").
ON_NOT_LOCATIVE_LEMMAS = frozenset(
    {"call", "blame", "rely", "depend", "insist", "focus", "agree", "impose", "urge", "pressure"}
)
DESTINATION_PREPOSITIONS = frozenset({"to", "into"})
#: Predicates whose "to X" or direct object is where the event takes place.
MOTION_LEMMAS = frozenset(
    {"visit", "tour", "travel", "trip", "journey", "go", "come", "fly", "arrive", "return", "head", "move", "sail"}
)
VISIT_LEMMAS = frozenset({"visit", "tour", "reach"})
#: Verbs whose subject or object is itself an event ("the Pyongyang rally was held").
HOLDING_LEMMAS = frozenset({"hold", "stage", "convene", "host", "organize", "organise", "attend", "open", "close"})
HELD_EVENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
PLACE_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})
NOT_PLACE_ENTITY_LABELS = frozenset({"DATE", "TIME", "PERSON", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})
MAX_PLACE_TOKENS = 8


@dataclass(slots=True, frozen=True)
class PlaceCandidate:
    """A location phrase in the text, resolved in the gazetteer."""

    token: int  # index of the phrase's syntactic head in the parsed doc
    span: Span
    entry: GazetteerEntry
    role: str  # "locative" | "destination" | "modifier"


class PlaceStage:
    name = "place"
    requires = frozenset({"parsed", "event_mentions"})
    assigns = frozenset({"event_places"})

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.default()
        return self._gazetteer

    def __call__(self, doc: Document) -> Document:
        if not doc.event_mentions or doc.parsed is None:
            return doc
        candidates = find_place_candidates(doc, self.gazetteer)
        for mention in doc.event_mentions:
            mention.place = place_for(mention, candidates, doc)
        return doc


# ---------------------------------------------------------------- finding location phrases


def find_place_candidates(doc: Document, gazetteer: Gazetteer) -> list[PlaceCandidate]:
    """Every location phrase of the coded text that the gazetteer knows, resolved in the document's country."""
    parsed = doc.parsed
    venues = _venue_spans(doc, gazetteer)
    phrases = [(token, role, _phrase_span(token, venues)) for token, role in _location_tokens(parsed, venues)]
    phrases = [(token, role, span) for token, role, span in phrases if span is not None]
    first_pass = [gazetteer.lookup_entry(_phrase_text(doc.text, span)) for _, _, span in phrases]
    hint = _country_context(e for e in first_pass if e is not None)
    found = []
    for token, role, span in phrases:
        entry = gazetteer.lookup_entry(_phrase_text(doc.text, span), country_hint=hint)
        if entry is not None and not _on_but_not_a_location(token, entry):
            found.append(PlaceCandidate(token.i, span, entry, role))
    return found


def _on_but_not_a_location(token: Any, entry: GazetteerEntry) -> bool:
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ != "on":
        return False
    return entry.kind == "country" or preposition.head.lemma_ in ON_NOT_LOCATIVE_LEMMAS


def _location_tokens(parsed: Any, venues: list[Span]) -> list[tuple[Any, str]]:
    found = []
    for token in parsed:
        role = location_role(token)
        if role is None:
            continue
        if token.ent_type_ not in NOT_PLACE_ENTITY_LABELS or _in_venue(token, venues):
            found.append((token, role))
    return found


def _in_venue(token: Any, venues: list[Span]) -> bool:
    token_span = Span(token.idx, token.idx + len(token.text))
    return any(venue.overlaps(token_span) for venue in venues)


def location_role(token: Any) -> str | None:
    """Whether the syntax makes this token a location: "locative", "destination", "modifier" or None."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPOSITIONS:
        return "locative"
    if token.dep_ == "pobj" and head.lower_ in DESTINATION_PREPOSITIONS and head.head.lemma_ in MOTION_LEMMAS:
        return "destination"
    if token.dep_ == "dobj" and head.lemma_ in VISIT_LEMMAS:
        return "destination"
    if token.dep_ == "conj":
        first = token
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        return location_role(first) if first.i != token.i else None
    if token.dep_ in ("compound", "nmod") and token.pos_ == "PROPN" and head.pos_ == "NOUN":
        return "modifier"
    return None


def _venue_spans(doc: Document, gazetteer: Gazetteer) -> list[Span]:
    """Where known venue names occur in the coded text, longest first."""
    folded = fold_text(doc.text)
    found: list[Span] = []
    for key, _entry in sorted(gazetteer.venue_names(), key=lambda pair: -len(pair[0])):
        for start in _occurrences(folded, key):
            span = Span(start, start + len(key))
            if not any(span.overlaps(other) for other in found):
                found.append(span)
    return found


def _occurrences(haystack: str, key: str) -> list[int]:
    starts, position = [], haystack.find(key)
    while position >= 0:
        end = position + len(key)
        if (position == 0 or not haystack[position - 1].isalnum()) and (
            end == len(haystack) or not haystack[end].isalnum()
        ):
            starts.append(position)
        position = haystack.find(key, position + 1)
    return starts


def _phrase_span(token: Any, venues: list[Span]) -> Span | None:
    """The name the location token heads: a venue, a named entity or a run of proper nouns."""
    token_span = Span(token.idx, token.idx + len(token.text))
    for venue in venues:
        if venue.overlaps(token_span):
            return venue
    if token.ent_type_ in PLACE_ENTITY_LABELS:
        entity = next(e for e in token.doc.ents if e.start <= token.i < e.end)
        return Span(entity.start_char, entity.end_char)
    if token.pos_ != "PROPN":
        return None
    names = [t for t in token.subtree if t.pos_ == "PROPN" and t.i <= token.i and t.dep_ in ("compound", "flat")]
    first = min([token, *names], key=lambda t: t.i)
    if token.i - first.i >= MAX_PLACE_TOKENS:
        first = token
    return Span(first.idx, token.idx + len(token.text))


def _phrase_text(text: str, span: Span) -> str:
    return span.text(text)


def _country_context(entries: Any) -> str | None:
    counts = Counter(entry.country for entry in entries if entry.country)
    return counts.most_common(1)[0][0] if counts else None


# ---------------------------------------------------------------- choosing an event's place


def place_for(mention: EventMention, candidates: list[PlaceCandidate], doc: Document) -> Place | None:
    trigger = _trigger_token(doc.parsed, mention.trigger)
    if trigger is None:
        return None
    in_sentence = [c for c in candidates if trigger.sent.start <= c.token < trigger.sent.end]
    if not in_sentence:
        return None
    # a past event an anniversary marks happened where its own phrase says, not where it is celebrated
    commemorated = commemorated_by(trigger) is not None
    scopes = _scopes(trigger)[:1] if commemorated else _scopes(trigger)
    for scope, head in scopes:
        region = own_region(head)
        inside = [c for c in in_sentence if c.token in region and _fits(c, head)]
        if inside:
            return _as_place(_nearest(inside, trigger), scope)
    if commemorated:
        return None
    doc_tokens = trigger.doc
    usable = [c for c in in_sentence if c.role != "modifier" and scopes_over(doc_tokens[c.token], trigger)]
    return _as_place(_nearest(usable, trigger), "sentence") if usable else None


def _scopes(trigger: Any) -> list[tuple[str, Any]]:
    chain = clause_chain(trigger)
    return [("modifier", chain[0]), *(("clause", head) for head in chain[1:])]


def _fits(candidate: PlaceCandidate, head: Any) -> bool:
    """A name modifying a noun is a place only for the nominal event it modifies ("the Hanoi summit"),
    or for the verb that holds that event ("the Pyongyang rally was held")."""
    if candidate.role != "modifier":
        return True
    noun = head.doc[candidate.token].head
    if noun.i == head.i:
        return True
    return noun.head.i == head.i and noun.dep_ in HELD_EVENT_DEPS and head.lemma_ in HOLDING_LEMMAS


def _trigger_token(parsed: Any, span: Span) -> Any:
    tokens = parsed.char_span(span.start, span.end, alignment_mode="expand")
    return None if tokens is None or len(tokens) == 0 else tokens.root


def _nearest(candidates: list[PlaceCandidate], trigger: Any) -> PlaceCandidate:
    return min(candidates, key=lambda c: (abs(c.token - trigger.i), c.span.start))


def _as_place(candidate: PlaceCandidate, scope: str) -> Place:
    entry = candidate.entry
    name = entry.name
    if entry.kind == "venue" and entry.city and normalize_name(entry.city) != normalize_name(entry.name):
        name = f"{entry.name}, {entry.city}"
    return Place(name=name, country=entry.country, lat=entry.lat, lon=entry.lon, span=candidate.span, basis=scope)
