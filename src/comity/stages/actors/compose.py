"""One mention per run of units: a person, a surname, an unknown name, a group or a bare title."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from comity.knowledge.actors import AgentMatch
from comity.model import ActorMention, Document, Sentence, Span
from comity.stages.actors.business import officer_of_a_company
from comity.stages.actors.dyads import dyad_mentions
from comity.stages.actors.groups import choose_form, group_mention, place_country, titled_group
from comity.stages.actors.people import person_mention, surname_mention
from comity.stages.actors.records import Context, Unit, coded_titles, copy_mention, last_title
from comity.stages.actors.reporters import as_reporter
from comity.stages.actors.titles import IN_PLACE, bare_title
from comity.stages.actors.units import compounds
from comity.stages.actors.unknown import introduced_in_full, unknown_mention, with_apposition


def sentence_mentions(doc: Document, sentence: Sentence, units: list[Unit], ctx: Context) -> Iterator[ActorMention]:
    groups = compounds(doc.text, units)
    taken: list[Span] = []  # "Russian private banks" covers the group "banks" after it
    carried: dict[int, AgentMatch] = {}  # "lawmakers in Arnor and Gondor": the places take the agent
    for index, group in enumerate(groups):
        if any(t.contains(group[0].span) for t in taken):
            continue
        mention = compose_group(doc, group, ctx) or bare_title(doc, group, groups[:index], ctx, groups[index + 1 :])
        if mention is not None and _a_party_name_many_states_use(mention, ctx):
            # "the ruling Labour Party" in a story filed from Canberra is Australia's
            mention = replace(mention, actor_id=None, code=f"{ctx.dateline}PTY", country=ctx.dateline, rule="party+dateline")
        if mention is not None and mention.actor_id is None and officer_of_a_company(doc, group, groups[:index]):
            mention = replace(mention, code="BUS", country=None, rule="title+company")  # "Conrac President Paul Graf"
        if mention is None:
            carried.update(_listed_places(doc, groups, index))
        elif index in carried:
            mention = _with_carried_agent(mention, carried[index], ctx)
        if mention is None and (len(group) == 1 and group[0].unknown_label == "PROPN" or _untitled_surname(group)):
            # a bare run of proper nouns, or a surname too common to name one person, counts only
            # with an apposition: "Ri Kwang Gun, vice minister of…", "Mr. Wang, China's top diplomat,"
            span = Span(group[0].span.start, group[-1].span.end)
            bare = ActorMention(span, span.text(doc.text), None, None, None, None, "unknown:PROPN")
            mention = with_apposition(doc, bare, groups[index + 1 :], sentence, ctx)
            mention = mention if mention.rule == "apposition" else None
        elif mention is not None and mention.rule.startswith("unknown") and mention.code is None:
            mention = with_apposition(doc, mention, groups[index + 1 :], sentence, ctx)
        if mention is not None:
            taken.append(mention.span)
            yield as_reporter(doc, mention)
    yield from dyad_mentions(doc, sentence, ctx)


def _untitled_surname(group: list[Unit]) -> bool:
    return group[-1].is_surname and not any(u.agent is not None and u.agent.code for u in group)


_LIST_SEPARATORS = frozenset({",", "and", ", and"})


def _listed_places(doc: Document, groups: Sequence[list[Unit]], index: int) -> dict[int, AgentMatch]:
    """Groups listing two or more places after a bare agent noun ("lawmakers in Arnor and Gondor",
    "the ambassadors of Arnor, Osgiliath and Gondor"), each to take the agent's code."""
    title = last_title(groups[index])
    if title is None or any(u.name or u.unknown_label for u in groups[index]):
        return {}
    gap = IN_PLACE.match(doc.text, groups[index][-1].span.end)
    listed: list[int] = []
    end = gap.end() if gap else -1
    separator = ""
    for j in range(index + 1, len(groups)):
        unit = groups[j][0]
        between = doc.text[end : unit.span.start].strip()
        if len(groups[j]) != 1 or not unit.is_group or (listed and between not in _LIST_SEPARATORS) or (not listed and unit.span.start != end):
            break
        listed.append(j)
        end, separator = unit.span.end, between
        if separator.endswith("and"):
            break  # the last of the list
    # "officials in Havana, Washington said" is no list: a list ends with "and"
    return {j: title for j in listed} if len(listed) >= 2 and separator.endswith("and") else {}


def _with_carried_agent(mention: ActorMention, title: AgentMatch, ctx: Context) -> ActorMention:
    actor = ctx.knowledge.actor(mention.actor_id) if mention.actor_id else None
    if actor is None or actor.kind == "person" or not actor.code:
        return mention
    code = ctx.knowledge.with_agent(actor.code, title.code)
    return ActorMention(mention.span, mention.text, mention.actor_id, code, mention.country, title.noun, "agent+in-place")


#: Party names many states' parties bear: in a story filed from another state, that state's.
_COMMON_PARTY_NAMES = re.compile(r"^(?:the )?(?:ruling |opposition )?(?:Labou?r|Liberal|Conservative|Socialist|Communist|Social Democratic|"
                                 r"Christian Democratic|Democratic|Republican|National|Green|Progressive|People's|Workers'?) Party$", re.I)


def _a_party_name_many_states_use(mention: ActorMention, ctx: Context) -> bool:
    if ctx.dateline is None or mention.country == ctx.dateline or not (mention.code or "").endswith("PTY"):
        return False
    return bool(_COMMON_PARTY_NAMES.match(mention.text))


def _a_namesake_of_another_state(person: ActorMention, place: Unit | None, ctx: Context) -> bool:
    country = place_country(place, ctx)
    if country is None or ctx.knowledge.actor(choose_form(place.name, ctx).actor_id).kind != "state":
        return False
    return person.country is not None and person.country != country and not (person.code or "").startswith(country)


def compose_group(doc: Document, group: list[Unit], ctx: Context) -> ActorMention | None:
    span = Span(group[0].span.start, group[-1].span.end)
    text = span.text(doc.text)
    place = next((u for u in group if u.is_group), None)
    title = last_title(group)
    last = group[-1]
    introduced = introduced_in_full(text, ctx) if len(group) == 1 and (last.is_surname or last.unknown_label) else None
    if introduced is not None:  # "Israeli envoy Yosef Tamir ... Tamir has conferred": not a namesake the knowledge holds
        return copy_mention(introduced, span, text, "coref:surname", introduced.span)
    if last.is_person:
        person = person_mention(span, text, last, bool(title or place), ctx, title)
        if title is not None and _a_namesake_of_another_state(person, place, ctx):
            # "U.S. Ambassador Michael Smith": the state the text names owns the title, whatever
            # country the knowledge gives a person of that name
            return replace(titled_group(span, text, place, coded_titles(group), ctx), rule="title+namesake")
        return person
    if last.is_surname:
        return surname_mention(span, text, last, title, place, ctx)
    if last.unknown_label:
        return unknown_mention(doc, span, text, last, title, place, ctx)
    if place is None:
        return None
    if title is None:
        return group_mention(doc, span, text, place, ctx)
    return titled_group(span, text, place, coded_titles(group), ctx)
