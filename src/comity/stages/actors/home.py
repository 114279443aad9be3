"""The document's own setting: its publication day, home country, dateline and main dyad."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from comity.knowledge.actors import ActorKnowledge
from comity.model import Document, Span
from comity.stages.actors.groups import agent_or_deed, unit_country
from comity.stages.actors.records import Context, Unit
from comity.stages.actors.syntax import is_dateline, tokens_of
from comity.stages.actors.vocabulary import LOCATIVE_PREPS


def publication_date(doc: Document) -> date | None:
    """The publication day, when the metadata gives at least year, month and day."""
    found = doc.meta.published
    value = found.value if found else None
    if not value or value.startswith("-"):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def context_country(doc: Document, knowledge: ActorKnowledge, per_sentence: Sequence[list[Unit]] = ()) -> str | None:
    """The country bare roles and titled strangers belong to ("the government", "Prime Minister
    X"): a national outlet's, which writes from home (`outlet_country`); for a world news agency,
    which files from everywhere, its dateline's (a Reuters story datelined Ankara is Turkish, not
    British), unless the story names that country only as a place while naming another state
    again and again (a London-datelined story of Iran's war with Iraq); else the state the story
    itself names most."""
    home = outlet_country(doc, knowledge)
    filed = dateline_country(doc, knowledge) if from_a_wire(doc, knowledge) else None
    named = _named_countries(knowledge, per_sentence)
    most_named, times = named.most_common(1)[0] if named else (None, 0)
    if filed and most_named != filed and times >= 3 and not _names_as_actor(doc, knowledge, per_sentence, filed):
        filed = None  # filed from a hub ("LONDON", "BAHRAIN") about states it names again and again
    return home or filed or most_named


def _names_as_actor(doc: Document, knowledge: ActorKnowledge, per_sentence: Sequence[list[Unit]], country: str) -> bool:
    """Whether the story names the country other than as where it was filed or where something
    happened ("monitored in London")."""
    for unit in (u for units in per_sentence for u in units):
        if unit.name is None or not unit.is_group:
            continue
        if {knowledge.entry(f.actor_id).actor.country for f in unit.name.forms} != {country}:
            continue
        tokens = tokens_of(doc, unit.span)
        if tokens is not None and len(tokens) and not _named_as_a_place(doc, unit.span):
            return True
    return False


def _named_countries(knowledge: ActorKnowledge, per_sentence: Sequence[list[Unit]]) -> Counter[str]:
    """How often the story names each state by its states, capitals and organisations; a name
    several states share ("Korean") and the news media that carry the story ("told Reuters")
    count for none."""
    counts: Counter[str] = Counter()
    for unit in (u for units in per_sentence for u in units):
        if unit.name is None or not unit.is_group:
            continue
        entries = [knowledge.entry(f.actor_id) for f in unit.name.forms]
        countries = {e.actor.country for e in entries}
        if len(countries) == 1 and None not in countries and not any(e.agent == "MED" for e in entries):
            counts[countries.pop()] += 1
    return counts


def outlet_country(doc: Document, knowledge: ActorKnowledge) -> str | None:
    """The country of the outlet, or of a medium named in the first or last lines (dateline
    "(KCNA)", "By Yonhap", a footer domain), unless it is a world news agency (`wire`)."""
    outlet = doc.meta.outlet.value if doc.meta.outlet else None
    if outlet and any(knowledge.entry(form.actor_id).wire for match in knowledge.match_names(outlet) for form in match.forms):
        return None  # a world agency's story quoting "Tehran Radio" in its first lines is not Tehran's
    for text in filter(None, [outlet, doc.text[:300], doc.text[-300:]]):
        country = _media_country(knowledge, text)
        if country:
            return country
    return None


def from_a_wire(doc: Document, knowledge: ActorKnowledge) -> bool:
    """Whether the outlet, or a medium named in the first lines ("(Reuters) -"), is a world
    news agency."""
    outlet = doc.meta.outlet.value if doc.meta.outlet else None
    return any(
        knowledge.entry(form.actor_id).wire
        for text in filter(None, [outlet, doc.text[:300]])
        for match in knowledge.match_names(text)
        for form in match.forms
    )


def _media_country(knowledge: ActorKnowledge, text: str) -> str | None:
    for match in knowledge.match_names(text):
        for form in match.forms:
            entry = knowledge.entry(form.actor_id)
            if entry.agent == "MED" and entry.actor.country and not entry.wire:
                return entry.actor.country
    return None


def main_dyad(doc: Document, per_sentence: Sequence[list[Unit]], ctx: Context) -> tuple[str, ...]:
    """The two countries most named as participants, by their states, organisations and people
    (a surname counts for its bearers' country); a state named only as where something
    happened ("the summit in Singapore", "the Singapore summit") takes no part."""
    counts: Counter[str] = Counter()
    for unit in (u for units in per_sentence for u in units):
        if unit.is_person or unit.is_surname:
            countries = {ctx.knowledge.actor(f.actor_id).country for f in unit.name.forms}
            country = countries.pop() if len(countries) == 1 else None
        elif unit.is_group and not _names_a_location(doc, unit.span, ctx):
            country = unit_country(unit, ctx.knowledge, ctx.country)
        else:
            country = None
        if country:
            counts[country] += 1
    return tuple(country for country, _ in counts.most_common(2)) if len(counts) >= 2 else ()


def _names_a_location(doc: Document, span: Span, ctx: Context) -> bool:
    """A state or capital named as a place: the object of "in/at/to…", a dateline, or the
    modifier of a noun that is no agent ("the Singapore summit")."""
    if _named_as_a_place(doc, span):
        return True
    tokens = tokens_of(doc, span)
    if tokens is None or not len(tokens):
        return False
    root = tokens.root
    if root.dep_ in {"compound", "nmod", "amod"} and root.head.i >= tokens.end:
        return agent_or_deed(doc, tokens.end, root.head, ctx) is None
    return False


def _named_as_a_place(doc: Document, span: Span) -> bool:
    """A dateline, or the object of "in/at/to…": where something happened or was filed."""
    if is_dateline(doc.text, span):
        return True
    tokens = tokens_of(doc, span)
    return tokens is not None and len(tokens) > 0 and tokens.root.dep_ == "pobj" and tokens.root.head.lower_ in LOCATIVE_PREPS


def dateline_country(doc: Document, knowledge: ActorKnowledge) -> str | None:
    """The country the story was filed from: of the dateline the metadata stage read ("ATHENS,
    March 2 -", "SEOUL, Dec. 30 (Yonhap) --", "PANMUNJOM, South Korea --"), by the gazetteer;
    else of a state or capital heading the text ("HAVANA --"). A state that did not yet exist
    on the story's day gives way to the one whose capital the dateline was then ("MOSCOW" in
    1987 is the Soviet Union's, "BELGRADE" Yugoslavia's)."""
    country = _metadata_dateline_country(doc) or _heading_state(doc, knowledge)
    place = doc.meta.extra.get("dateline_place")
    if country is None or place is None:
        return country
    return _state_of_its_time(country, _as_written(place.value), publication_date(doc), knowledge)


def _state_of_its_time(country: str, place: str, on: date | None, knowledge: ActorKnowledge) -> str:
    state = f"state:{country}"
    if on is None or state not in knowledge or knowledge.entry(state).existed_on(on):
        return country
    for match in knowledge.match_names(place):
        for form in match.forms:
            entry = knowledge.entry(form.actor_id)
            if entry.actor.kind == "state" and entry.actor.country and entry.existed_on(on):
                return entry.actor.country
    return country


def _metadata_dateline_country(doc: Document) -> str | None:
    place = doc.meta.extra.get("dateline_place")
    if place is None:
        return None
    from comity.knowledge.gazetteer import Gazetteer  # built once per process, only when needed

    gazetteer = Gazetteer.default()
    region = doc.meta.extra.get("dateline_region")
    hint = gazetteer.lookup(_as_written(region.value)) if region is not None else None
    found = gazetteer.lookup(_as_written(place.value), hint.country if hint else None)
    return (hint or found).country if (hint or found) else None


def _as_written(name: str) -> str:
    """A dateline's capitals as a name is written ("LIMA" -> "Lima"), which the gazetteer does
    not take for an acronym."""
    return name.title() if name.isupper() else name


def _heading_state(doc: Document, knowledge: ActorKnowledge) -> str | None:
    for match in knowledge.match_names(doc.text, 0, min(len(doc.text), 400)):
        if is_dateline(doc.text, match.span):
            for form in match.forms:
                entry = knowledge.entry(form.actor_id)
                if entry.actor.kind == "state" and form.form in {"metonym", "name", "variant"}:
                    return entry.actor.country
    return None
