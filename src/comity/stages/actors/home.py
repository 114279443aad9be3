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
    """The document's home country: its outlet's, else a medium named in its first or last
    lines (dateline "(KCNA)", "By Yonhap", a footer domain), else its most named state."""
    outlet = doc.meta.outlet.value if doc.meta.outlet else None
    for text in filter(None, [outlet, doc.text[:300], doc.text[-300:]]):
        country = _media_country(knowledge, text)
        if country:
            return country
    counts = Counter(c for units in per_sentence for u in units if (c := unit_country(u, knowledge, None)))
    return counts.most_common(1)[0][0] if counts else None


def _media_country(knowledge: ActorKnowledge, text: str) -> str | None:
    for match in knowledge.match_names(text):
        for form in match.forms:
            entry = knowledge.entry(form.actor_id)
            if entry.agent == "MED" and entry.actor.country:
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
    if is_dateline(doc.text, span):
        return True
    tokens = tokens_of(doc, span)
    if tokens is None or not len(tokens):
        return False
    root = tokens.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return True
    if root.dep_ in {"compound", "nmod", "amod"} and root.head.i >= tokens.end:
        return agent_or_deed(doc, tokens.end, root.head, ctx) is None
    return False


def dateline_country(doc: Document, knowledge: ActorKnowledge) -> str | None:
    """The country of a dateline place heading the text ("HAVANA --", "SEOUL, Dec. 30 (Yonhap)")."""
    for match in knowledge.match_names(doc.text, 0, min(len(doc.text), 400)):
        if is_dateline(doc.text, match.span):
            for form in match.forms:
                entry = knowledge.entry(form.actor_id)
                if entry.actor.kind == "state" and form.form in {"metonym", "name", "variant"}:
                    return entry.actor.country
    return None
