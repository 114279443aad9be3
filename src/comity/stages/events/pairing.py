"""Coordination: pairing sources with targets, groups acting on each other, coordinated dates."""

from __future__ import annotations

from collections.abc import Iterator

from comity.model import Argument, Span
from comity.stages.events.participants import country_key
from comity.stages.events.records import Participant
from comity.stages.events.vocabulary import DATE_PREPOSITIONS, RECIPROCAL_PRONOUNS


#: Parties acting together beyond this many make a multilateral act: the dyadic format cannot
#: hold it, and expanding it into every pair (15 for six states) would count one act as many.
MAX_MUTUAL_PARTIES = 4


def pairs(sources: list[Participant], targets: list[Participant], between: bool, mutual: bool) -> Iterator[tuple[Participant | None, Participant | None, bool]]:
    if sources and targets:
        for source in sources:
            for target in _other_side(source, targets, between):
                yield source, target, False
        return
    group = targets if between and not sources else (sources if mutual else [])
    if len({country_key(p) for p in group}) > MAX_MUTUAL_PARTIES:
        return  # a multilateral act ("the finance ministers of six states agreed") is no set of dyads
    if len(group) >= 2:
        mutual = [(a, b) for i, a in enumerate(group) for b in group[i + 1 :] if country_key(a) != country_key(b)]
        if mutual:
            for a, b in mutual:
                yield a, b, True
            return
    for source in sources:
        yield source, None, False
    for target in targets:
        yield None, target, False


def _is_own(participant: Participant) -> bool:
    return participant.argument.span is None  # the source's own country, put there on purpose


def _other_side(source: Participant, targets: list[Participant], between: bool) -> list[Participant]:
    """Targets other than the source; of a relation "between" two sides or a group, the side
    that is not the source's country ("X developed the ties between the two countries")."""
    others = [
        t for t in targets
        if _is_own(t) or (t.key != source.key and not (t.place and t.argument.country == source.argument.country))
    ]
    if between or any(t.group for t in others):
        country = country_key(source)
        distinct = [t for t in others if country_key(t) != country]
        if distinct:
            return distinct
    return others


def acts_on_each_other(trigger) -> bool:
    """ "support each other", "met one another": the object is the subject group itself."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "pobj")]
    objects += [p for c in trigger.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(o.lower_ in RECIPROCAL_PRONOUNS and any(g.lower_ in ("each", "one") for g in o.children) for o in objects) or any(
        o.lower_ == "another" and o.i > 0 and o.doc[o.i - 1].lower_ == "one" for o in objects
    )


def own_countries(sources: list[Participant]) -> list[Participant]:
    """The source's own country as target, for acts aimed at home by convention (a protest,
    an arrest of unnamed people)."""
    countries = dict.fromkeys(s.argument.country for s in sources if s.argument.country)
    return [
        Participant(Argument(country, country, country, f"state:{country}", None), f"state:{country}", place=True)
        for country in countries
    ]


def date_splits(trigger) -> list[Span]:
    """Spans of coordinated dates the trigger governs ("in September 2015 and November 2018")."""
    hosts = [trigger] + [c for c in trigger.children if c.dep_ == "prep" and c.lower_ in DATE_PREPOSITIONS]
    for host in hosts:
        for child in host.children:
            if child.ent_type_ != "DATE" or child.dep_ not in ("pobj", "npadvmod", "tmod"):
                continue
            dates = [child] + [c for c in child.subtree if c.dep_ == "conj" and c.ent_type_ == "DATE"]
            if len(dates) >= 2:
                return [_own_span(date) for date in dates]
    return []


def _own_span(token) -> Span:
    """The token with its modifiers, without its coordinated siblings."""
    parts = [token] + [c for c in token.subtree if c is not token and c.dep_ not in ("cc", "conj", "punct") and not any(a.dep_ == "conj" and a.i != token.i and a in token.subtree for a in c.ancestors if a.i != token.i)]
    parts = [p for p in parts if p.ent_type_ == "DATE"]
    start = min(p.idx for p in parts)
    end = max(p.idx + len(p.text) for p in parts)
    return Span(start, end)
