"""States and organisations named: metonyms, demonyms before agent and deed nouns, titled groups."""

from __future__ import annotations

from collections.abc import Sequence

from comity.knowledge.actors import ActorKnowledge, AgentMatch, NameForm, NameMatch
from comity.model import ActorMention, Document, Span
from comity.stages.actors.business import business_named_by_state
from comity.stages.actors.records import Context, Unit, resolved_mention
from comity.stages.actors.syntax import hyphen_partner, is_dateline, is_modifier, is_participant, tokens_of
from comity.stages.actors.vocabulary import (
    AIMING_VERBS, FORCE_NOUNS, FORCE_VERBS, MEASURE_NOUNS, MEASURE_VERBS, ORGANISATION_NOUNS, PAIR_NOUNS, SERVING_VERBS,
    WEAPON_NOUNS,
)


def group_mention(doc: Document, span: Span, text: str, place: Unit, ctx: Context) -> ActorMention | None:
    form = choose_form(place.name, ctx)
    entry = ctx.knowledge.entry(form.actor_id)
    if is_dateline(doc.text, span) or entry.actor.kind == "place":
        return None  # a region ("Gaza") acts only through those placed in it
    if form.form == "metonym":
        if not is_participant(doc, span):
            return None
        code = f"{entry.actor.code}GOV"
        return ActorMention(span, text, form.actor_id, code, entry.actor.country, "government", "metonym")
    if form.form == "demonym" and is_modifier(doc, span):
        return _demonym_before_noun(doc, span, form, ctx)
    if entry.actor.kind == "state" and is_modifier(doc, span):
        business = _business_of_the_state(doc, span, form, ctx)
        if business is not None:
            return business
    if form.form == "name" and _first_name(doc, span):
        return None  # "Cuba Wadlington, a vice president at ...", "Chad Johnson": a person's first name
    code, role = ctx.knowledge.code_at(form.actor_id, ctx.on)
    return ActorMention(span, text, form.actor_id, code, entry.actor.country, role, form.form)


def _first_name(doc: Document, span: Span) -> bool:
    """A state's name that the parser's name recogniser reads as the first name of a person
    named right after it."""
    tokens = tokens_of(doc, span)
    if tokens is None or len(tokens) != 1 or tokens.end >= len(doc.parsed):
        return False
    name, following = tokens[0], doc.parsed[tokens.end]
    return (name.ent_type_ == "PERSON" and name.ent_iob_ == "B" and following.ent_type_ == "PERSON"
            and following.ent_iob_ == "I" and following.pos_ == "PROPN")


def _demonym_before_noun(doc: Document, span: Span, form: NameForm, ctx: Context) -> ActorMention | None:
    """"Russian shelling", "Cuban exports", "Russian private banks": a demonym modifying an agent
    or deed noun is its country acting; before any other noun ("the Cuban revolution") no actor."""
    tokens = tokens_of(doc, span)
    entry = ctx.knowledge.entry(form.actor_id)
    if tokens is None or not len(tokens) or not entry.actor.code:
        return None
    if len(tokens) == 1 and _pair_before_shared_noun(tokens.root):
        # "Sino-Soviet talks", "the Armenian-Azerbaijani border": each side of a pair compound is its state
        return ActorMention(span, span.text(doc.text), form.actor_id, entry.actor.code, entry.actor.country, None, "demonym+pair")
    head = tokens.root.head
    between = doc.parsed[tokens.end : head.i]
    # the head's part of speech is not asked: "shelling" is often tagged a verb; the noun lists decide
    if head.i < tokens.end:
        return None
    if any(t.dep_ in {"cc", "conj", "punct"} for t in between):
        return _first_of_listed_demonyms(doc, span, tokens, head, between, form, ctx)
    if head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "PROPN":
        return None  # "Ukrainian Infrastructure Minister Oleksandr Kubrakov": a title before a name, coded with the name
    found = agent_or_deed(doc, tokens.end, head, ctx)
    if found is None:
        return _business_of_the_state(doc, span, form, ctx) or _demonym_of_a_thing_hit(doc, span, tokens.root, entry)
    noun, agent, rule = found
    whole = Span(span.start, head.idx + len(head.text))
    code = ctx.knowledge.with_agent(entry.actor.code, agent)
    return ActorMention(whole, whole.text(doc.text), form.actor_id, code, entry.actor.country, noun, rule)


def _business_of_the_state(doc: Document, span: Span, form: NameForm, ctx: Context) -> ActorMention | None:
    """"the U.S. soybean crushing industry", "the Brazilian coffee exporters association": a
    state's name or demonym before a business or trade body it names is a business of that
    state (USABUS), not the state."""
    tokens = tokens_of(doc, span)
    entry = ctx.knowledge.entry(form.actor_id)
    words = business_named_by_state(doc, tokens, ctx.knowledge) if tokens is not None and len(tokens) and entry.actor.code else None
    if words is None:
        return None
    whole = Span(span.start, words.end)
    code = ctx.knowledge.with_agent(entry.actor.code, "BUS")
    return ActorMention(whole, whole.text(doc.text), form.actor_id, code, entry.actor.country, words.text(doc.text), f"{form.form}+business")


def _pair_before_shared_noun(demonym) -> bool:
    partner = hyphen_partner(demonym)
    if partner is None or not partner.text[:1].isupper():
        return False
    noun = max(demonym, partner, key=lambda token: token.i)
    while noun.dep_ in {"compound", "amod", "nmod"} and noun.head.i > noun.i:
        noun = noun.head
    return noun.lemma_.lower() in PAIR_NOUNS or noun.lower_ in PAIR_NOUNS


def _first_of_listed_demonyms(doc: Document, span: Span, tokens, head, between, form: NameForm, ctx: Context) -> ActorMention | None:
    """"the Chilean and Colombian governments": each demonym of the list takes the noun after the
    last (the last one is composed with it)."""
    listed = set(tokens.root.subtree)
    if not all(t in listed for t in between):
        return None
    found = agent_or_deed(doc, head.i, head, ctx)
    entry = ctx.knowledge.entry(form.actor_id)
    if found is None or found[2] != "demonym+agent":
        return None
    noun, agent, rule = found
    return ActorMention(span, span.text(doc.text), form.actor_id, ctx.knowledge.with_agent(entry.actor.code, agent),
                        entry.actor.country, noun, rule)


def _demonym_of_a_thing_hit(doc: Document, span: Span, demonym, entry) -> ActorMention | None:
    """"shot down a Russian Mi-24 helicopter": what a force verb hits is its country's, so the
    demonym names the country as the one acted on; "over Armenian territory" stays a place."""
    noun = demonym.head
    while noun.dep_ in {"compound", "nmod", "amod"} and noun.head.i > noun.i:
        noun = noun.head
    if _hit_by_verb(noun) or _hit_by_noun(noun):
        rule = "demonym+thing-hit"
    elif noun.dep_ == "dobj" and noun.head.lemma_.lower() in SERVING_VERBS:
        rule = "demonym+thing-served"  # "to escort Kuwaiti tankers": Kuwait is the one helped
    else:
        return None
    whole = Span(span.start, noun.idx + len(noun.text))
    return ActorMention(whole, whole.text(doc.text), entry.actor.actor_id, entry.actor.code, entry.actor.country, None, rule)


def _hit_by_verb(noun) -> bool:
    return noun.dep_ in {"dobj", "nsubjpass"} and noun.head.lemma_.lower() in FORCE_VERBS


def _hit_by_noun(noun) -> bool:
    """"air raids on Iranian towns", "an attack against American ships", "fired missiles at
    Iranian towns", "sanctions on Japanese goods": the object of a force or a measure's "on" or
    "against", or of an aimed force's "at"."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.lower_ not in {"on", "against", "at"}:
        return False
    governor = preposition.head
    if governor.dep_ == "dobj" and governor.head.lemma_.lower() in AIMING_VERBS:
        return governor.lemma_.lower() in WEAPON_NOUNS  # "fired missiles at X": the parser may hang "at" on the missiles
    if governor.pos_ == "VERB" and governor.lemma_.lower() in AIMING_VERBS:
        return any(c.dep_ == "dobj" and c.lemma_.lower() in WEAPON_NOUNS for c in governor.children)
    if governor.pos_ == "VERB":
        return governor.lemma_.lower() in FORCE_VERBS | MEASURE_VERBS
    return governor.lemma_.lower() in FORCE_NOUNS | MEASURE_NOUNS and preposition.lower_ != "at"


def agent_or_deed(doc: Document, first: int, head, ctx: Context) -> tuple[str, str, str] | None:
    """The longest agent or deed noun ending at `head` (a spaCy token) and starting at or after
    token `first`: (noun, agent code, rule)."""
    for start in range(first, head.i + 1):
        noun = doc.parsed[start : head.i + 1].text
        agent = ctx.knowledge.agent_for(noun)
        if agent:
            return noun, agent, "demonym+agent"
        deed = ctx.knowledge.deed_for(noun)
        if deed is not None:
            return noun, deed, "demonym+deed"
    return None


def choose_form(name: NameMatch, ctx: Context) -> NameForm:
    """Of several actors a form may name ("Korea"), the one of the document's context."""
    if len(name.forms) == 1:
        return name.forms[0]
    for form in name.forms:
        if ctx.knowledge.actor(form.actor_id).country in {ctx.country}:
            return form
    for country in ctx.dyad:
        for form in name.forms:
            if ctx.knowledge.actor(form.actor_id).country == country:
                return form
    return name.forms[0]


def titled_group(span: Span, text: str, place: Unit, titles: Sequence[AgentMatch], ctx: Context) -> ActorMention:
    """A state or group and its role nouns: "the Cuban delegation", "Osgiliath soldiers";
    several nouns stack as in PETRARCH ("Danish Islamist media" -> DNK + MUS + MED)."""
    title = titles[-1]
    form = choose_form(place.name, ctx)
    entry = ctx.knowledge.entry(form.actor_id)
    country = entry.actor.country
    code = entry.actor.code
    for each in titles:
        if entry.actor.kind != "state" and each.noun in ORGANISATION_NOUNS:
            continue  # "the Mercosur bloc" is the organisation itself, not its government
        code = ctx.knowledge.with_agent(code, each.code) if code else None
    if entry.actor.kind == "state" and country:
        singular = " ".join(title.text.lower().split()) == title.noun
        dated = ctx.on is not None  # without a date, "the South Korean leader" could be anyone
        holders = ctx.knowledge.holders(country, title.noun, ctx.on) if singular and dated else []
        if len(holders) == 1:
            return resolved_mention(span, text, holders[0], "title:holder", ctx)
        rule = "name+agent" if form.form != "demonym" else "demonym+agent"
        return ActorMention(span, text, form.actor_id, code, country, title.noun, rule)
    return ActorMention(span, text, form.actor_id, code, country, title.noun, "name+agent")


def place_country(place: Unit | None, ctx: Context) -> str | None:
    if place is None or place.name is None or not place.is_group:
        return None
    return ctx.knowledge.actor(choose_form(place.name, ctx).actor_id).country


def unit_country(unit: Unit, knowledge: ActorKnowledge, context: str | None) -> str | None:
    if unit.name is None or not unit.is_group:
        return None
    countries = [knowledge.actor(f.actor_id).country for f in unit.name.forms]
    if context in countries:
        return context
    return countries[0]
