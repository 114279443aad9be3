"""Role nouns with no name: "the leader", "the government in Havana", "Police detained ..."."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from comity.knowledge.actors import AgentMatch
from comity.model import ActorMention, Document, Span
from comity.stages.actors.groups import choose_form
from comity.stages.actors.records import Context, Unit, copy_mention, is_person_mention, last_title
from comity.stages.actors.syntax import is_participant, tokens_of
from comity.stages.actors.vocabulary import (
    DEFINITE_NOUNS,
    GROUP_NOUNS,
    ORGANISATION_NOUNS,
    INTRODUCED_TITLES,
    TITLE_SYNONYMS,
    PERSON_TITLES,
    PLACED_NOUNS,
    DATELINE_ROLE_NOUNS,
    PLACELESS_AGENT_CODES,
    POSSESSIVE_PRONOUNS,
)


def bare_title(
    doc: Document, group: list[Unit], earlier: Sequence[list[Unit]], ctx: Context, following: Sequence[list[Unit]] = ()
) -> ActorMention | None:
    """A role noun with no name: "the leader", "the guests", "the Cuban government and people",
    "the government in Havana", "Police detained dozens of protesters"."""
    title = last_title(group)
    if title is None or any(u.name or u.unknown_label for u in group):
        return None
    span = Span(group[0].span.start, group[-1].span.end)
    text = span.text(doc.text)
    before = doc.text[max(0, span.start - 6) : span.start].lower()
    if before.endswith((" and ", ", ")) and earlier:
        inherited = _conjoined(doc, span, text, title, ctx)
        if inherited is not None:
            return inherited
    if before.endswith(tuple(f"{p} " for p in POSSESSIVE_PRONOUNS)):
        return None  # "its troops": coded with the pronoun
    owner = _the_country_s(doc, span, title, ctx)
    if owner is not None:
        return owner
    if _modifies_a_thing(doc, span, ctx):
        return None  # "the government securities market", "a police car": no actor
    definite = before.endswith(("the ", "this "))
    placed = _of_place(doc, span, title, following, ctx) if definite else None
    placed = placed or _agent_in_named_place(doc, span, title, ctx)
    if placed is not None:
        return placed
    if title.broad:
        return None  # a dictionary's role noun with no place named: whose it is would be a guess
    singular = " ".join(title.text.lower().split()) == title.noun
    official = _official_title_at_home(doc, span, title, ctx) if singular else None
    if official is not None:
        return official
    if definite and singular and doc.text[span.end : span.end + 4] != " of ":
        antecedent = _antecedent_for_title(ctx, title) if title.noun in DEFINITE_NOUNS else _introduced_with(ctx, title)
        if antecedent is not None:
            return copy_mention(antecedent, span, text, "coref:definite", antecedent.span)
    return _agent_in_place(doc, span, text, title, ctx)


#: "the country's", "the Southeast Asian nation's": the story's own state, named by an epithet.
_THE_COUNTRY_S = re.compile(r"\b[Tt]he (?:[\w-]+ ){0,3}(?:country|nation)['\u2019]s\s+$")


def _the_country_s(doc: Document, span: Span, title: AgentMatch, ctx: Context) -> ActorMention | None:
    """"the Southeast Asian country's military": the role of the country the story is about."""
    if not title.code or ctx.country is None or not _THE_COUNTRY_S.search(doc.text, max(0, span.start - 60), span.start):
        return None
    code = ctx.knowledge.with_agent(ctx.country, title.code)
    return ActorMention(span, span.text(doc.text), None, code, ctx.country, title.noun, "agent+story-country")


def _modifies_a_thing(doc: Document, span: Span, ctx: Context) -> bool:
    """A role noun used as a modifier of a noun that names no actor ("government securities")."""
    tokens = tokens_of(doc, span)
    if tokens is None or not len(tokens):
        return False
    root = tokens.root
    if root.dep_ not in ("compound", "amod", "nmod") or root.head.i < tokens.end:
        return False
    if any(child.dep_ == "case" for child in root.children):
        return False  # "the military's actions": a possessor acts
    return ctx.knowledge.agent_for(root.head.text) is None


#: "the Federal Chancellor", "the Federal Government": capitalised words between "the" and a title.
_OFFICIAL_MODIFIERS = re.compile(r"\b[Tt]he((?:\s+[A-Z][a-z]+)+)\s+$")


def _official_title_at_home(doc: Document, span: Span, title: AgentMatch, ctx: Context) -> ActorMention | None:
    """A capitalised office with a capitalised qualifier and no country ("the Federal Chancellor")
    is the style of a government writing of itself: the office of the outlet's or dateline's country."""
    home = ctx.home or ctx.dateline
    if home is None or not title.code or not doc.text[span.start].isupper():
        return None
    modifiers = _OFFICIAL_MODIFIERS.search(doc.text, max(0, span.start - 40), span.start)
    if modifiers is None:
        return None
    whole = Span(modifiers.start(1) + len(modifiers.group(1)) - len(modifiers.group(1).lstrip()), span.end)
    code = ctx.knowledge.with_agent(home, title.code)
    return ActorMention(whole, whole.text(doc.text), None, code, home, title.noun, "title+home")


def _of_place(doc: Document, span: Span, title: AgentMatch, following: Sequence[list[Unit]], ctx: Context) -> ActorMention | None:
    """"the government in Havana", "the authorities of Cuba": the title belongs to the place after it."""
    if not following or title.noun not in PLACED_NOUNS:
        return None
    place = following[0][0]
    gap = doc.text[span.end : place.span.start]
    after = doc.text[place.span.end : place.span.end + 5]
    if not place.is_group or gap not in {" of ", " in ", " of the "} or after.startswith((",", " and")):
        return None
    form = choose_form(place.name, ctx)
    entry = ctx.knowledge.entry(form.actor_id)
    if entry.actor.kind == "person" or not entry.actor.code:
        return None
    whole = Span(span.start, place.span.end)
    code = ctx.knowledge.with_agent(entry.actor.code, title.code)
    return ActorMention(whole, whole.text(doc.text), form.actor_id, code, entry.actor.country, title.noun, "agent+of-place")


IN_PLACE = re.compile(r"\s+(?:in|of|from)\s+(?:the\s+)?(?=[A-Z])")


def _agent_in_named_place(doc: Document, span: Span, title: AgentMatch, ctx: Context) -> ActorMention | None:
    """"militants in Gaza", "protesters from Kharkiv", "residents of Havana": the place the
    phrase names gives the country, before any dateline or context country."""
    gap = IN_PLACE.match(doc.text, span.end)
    if gap is None or not title.code:
        return None
    place = _place_at(doc, gap.end(), ctx)
    if place is None:
        return None
    place_span, code, country = place
    if doc.text[place_span.end : place_span.end + 5].startswith((",", " and")):
        return None  # "the leaders of China, Cuba and Laos": each place is its own participant
    whole = Span(span.start, place_span.end)
    code = ctx.knowledge.with_agent(code, title.code)
    return ActorMention(whole, whole.text(doc.text), None, code, country, title.noun, "agent+in-place")


def _place_at(doc: Document, start: int, ctx: Context) -> tuple[Span, str, str | None] | None:
    """The state (or coded group, as PETRARCH's "Gondor"), capital or gazetteer place named at
    `start`: its span, code and country."""
    for match in ctx.knowledge.match_names(doc.text, start, min(len(doc.text), start + 80))[:1]:
        if match.span.start == start:
            entry = ctx.knowledge.entry(choose_form(match, ctx).actor_id)
            actor = entry.actor
            stateless = actor.kind == "org" and actor.country is None and entry.origin.startswith("petrarch:")
            if actor.kind == "place" and actor.country:  # "militants in Gaza"
                return match.span, actor.country, actor.country
            placed = actor.kind == "state" or stateless
            return (match.span, actor.code, actor.country) if actor.code and placed else None
    tokens = doc.parsed.char_span(start, min(len(doc.text), start + 80), alignment_mode="expand") or ()
    name = []
    for token in tokens:
        if not (token.pos_ == "PROPN" and token.text[:1].isupper()):
            break
        name.append(token)
    if not name:
        return None
    from comity.knowledge.gazetteer import Gazetteer  # built once per process, only when needed

    place = Gazetteer.default().lookup(" ".join(t.text for t in name), ctx.dateline or ctx.country)
    if place is None or place.country is None:
        return None
    return Span(name[0].idx, name[-1].idx + len(name[-1].text)), place.country, place.country


def _agent_in_place(doc: Document, span: Span, text: str, title: AgentMatch, ctx: Context) -> ActorMention | None:
    """"Police detained dozens of protesters": security forces and crowds acting without a named
    country belong to the dateline's country, else the document's; a state's own institutions
    ("a military spokesman", "the government") only to the dateline's."""
    own_institution = _names_own_institution(text) and not _a_gathering(doc, span, text)
    if not (title.code in PLACELESS_AGENT_CODES or own_institution) or not is_participant(doc, span, of_allowed=True):
        return None
    if title.code == "CVL" and not _acting_subject(doc, span, ctx):
        return None  # "killing two people", "protecting civilians": victims are as often abroad
    country = _institution_country(span, ctx) if own_institution else ctx.dateline or ctx.country
    if country is None:
        return None
    rule = "agent+dateline" if ctx.dateline else "agent+context"
    return ActorMention(span, text, None, ctx.knowledge.with_agent(country, title.code), country, title.noun, rule)


def _names_own_institution(text: str) -> bool:
    """Whether a run of the phrase's words names a state's own institution: "a military
    spokesman", "Treasury officials", "a trade ministry spokesman"."""
    words = text.lower().split()
    return any(" ".join(words[i:j]) in DATELINE_ROLE_NOUNS for i in range(len(words)) for j in range(i + 1, len(words) + 1))


#: "the 8th Congress of the WPK", "the Congress of Peoples' Deputies": a gathering, not a state's legislature.
_GATHERING_AFTER = re.compile(r"^\s+of\s+(?:the\s+)?[A-Z]")
_ORDINAL_BEFORE = re.compile(r"\b\d+(?:st|nd|rd|th)\s+$|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+$", re.IGNORECASE)


def _a_gathering(doc: Document, span: Span, text: str) -> bool:
    """A congress held or numbered ("the 8th Congress of the WPK") is a meeting, not the legislature."""
    if text.split()[-1].lower() != "congress":
        return False
    return bool(_GATHERING_AFTER.match(doc.text[span.end : span.end + 40]) or _ORDINAL_BEFORE.search(doc.text[max(0, span.start - 20) : span.start]))


def _acting_subject(doc: Document, span: Span, ctx: Context) -> bool:
    """Whether the phrase is the active subject of its clause ("thousands of citizens protested")."""
    tokens = tokens_of(doc, span)
    if tokens is None or not len(tokens):
        return False
    root = tokens.root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        root = root.head.head
        named = any(c.dep_ in ("amod", "compound") and c.text[:1].isupper() for c in root.children)
        if named or ctx.knowledge.agent_for(root.text):
            return False  # "a Libyan force of some 3,000 men": the men are the force's
    return root.dep_ == "nsubj"


def _institution_country(span: Span, ctx: Context) -> str | None:
    """Whose "a military spokesman" is: the dateline's country when the story is about it, else
    a national outlet's ("the Foreign Ministry summoned" in Cairo's paper). A
    story filed from a regional hub ("BAHRAIN - Baghdad war communiques ... a military
    spokesman") leaves it unknown: the state named nearest is as often the enemy."""
    for home in (ctx.dateline, ctx.home):  # a national outlet writes of its own ministries
        if home and (not ctx.dyad or home in ctx.dyad):
            return home
    return None


def _conjoined(doc: Document, span: Span, text: str, title: AgentMatch, ctx: Context) -> ActorMention | None:
    """"the Cuban government and people": the second noun takes the first one's code but for its
    last agent ("Danish Islamist media and government": DNKMUSMED, then DNKMUSGOV)."""
    prior = next((m for m in reversed(ctx.mentions) if m.span.end <= span.start), None)
    if prior is None or prior.rule not in {"demonym+agent", "name+agent"} or not prior.code or len(prior.code) < 6:
        return None
    if doc.text[prior.span.end : span.start].strip() not in {"and", ",", ", and"}:
        return None
    code = ctx.knowledge.with_agent(prior.code[:-3], title.code)
    return ActorMention(span, text, prior.actor_id, code, prior.country, title.noun, "conj+agent", prior.span)


def _antecedent_for_title(ctx: Context, title: AgentMatch) -> ActorMention | None:
    if title.noun in ORGANISATION_NOUNS:
        return _nearest(ctx, lambda m: (m.actor_id or "").startswith("igo:"))
    if title.noun in GROUP_NOUNS:
        found = _nearest(ctx, lambda m: m.role in GROUP_NOUNS and m.rule != "coref:definite" or m.role == "delegation")
        return found or _nearest(ctx, lambda m: m.role in GROUP_NOUNS)
    if title.noun in PERSON_TITLES:
        person = lambda m: is_person_mention(m, ctx) and (m.code or "")[3:6] in {"GOV", "ELI"}  # noqa: E731
        # introduced with the title, whoever they serve: "Secretary General Javier Perez de Cuellar" (IGOUNO)
        titled = _nearest(ctx, lambda m: is_person_mention(m, ctx) and _called(m, title.noun), within=2)
        holding = _nearest(ctx, lambda m: person(m) and _holds(m, title.noun))
        if title.noun in INTRODUCED_TITLES:
            return titled or holding
        return titled or holding or _nearest(ctx, person, prefer_subjects=True)
    sector = lambda m: (m.code or "")[3:6] == title.code and m.country is not None  # noqa: E731
    body = _nearest(ctx, lambda m: sector(m) and not is_person_mention(m, ctx))
    if body is not None:
        return body
    # "the government", "the military": the body of the person last named in its sector, not that person
    person = _nearest(ctx, sector)
    return None if person is None else replace(person, actor_id=None)


def _introduced_with(ctx: Context, title: AgentMatch) -> ActorMention | None:
    """ "the Crown Prince", "the finance minister": the person the story introduced with that title."""
    return _nearest(ctx, lambda m: (is_person_mention(m, ctx) or m.rule == "title:holder") and m.code is not None and _titled_so(m, title.noun, ctx))


def _titled_so(mention: ActorMention, noun: str, ctx: Context) -> bool:
    """Whether the title stands just before the person's name (or its portfolio does: "Chancellor
    of the Exchequer Nigel Lawson"), or ends the mention of its holder: "World Bank President
    Barber Conable" is titled president, not bank."""
    written = mention.text.replace("-", " ").split()
    words = [w.lower() for w in written]
    title = noun.replace("-", " ").split()
    for at in range(len(words) - len(title) + 1):
        if words[at : at + len(title)] == title:
            after = written[at + len(title) :]
            if not after:
                return mention.rule == "title:holder"
            if after[0] in ("of", "for") and mention.rule == "title+name":
                return True  # "Chancellor of the Exchequer Nigel Lawson": the portfolio, then the name
            return after[0][:1].isupper() and ctx.knowledge.agent_for(after[0].lower()) is None
    return False


def _holds(mention: ActorMention, noun: str) -> bool:
    """Whether the person's role at the date is this title or one the story may call so ("the first secretary")."""
    nouns = TITLE_SYNONYMS.get(noun, (noun,))
    return any(r.strip().startswith(nouns) for r in (mention.role or "").lower().split(";"))


def _called(mention: ActorMention, noun: str) -> bool:
    """Whether a mention was introduced with this title ("President Kim Il Sung" for "the president")."""
    words = f" {' '.join(mention.text.lower().replace('-', ' ').split())} "
    return any(f" {n.replace('-', ' ')} " in words for n in TITLE_SYNONYMS.get(noun, (noun,))) or (noun == "leader" and "leader" in words)


def _nearest(ctx: Context, fits, prefer_subjects: bool = False, within: int | None = None) -> ActorMention | None:
    """The latest earlier mention that fits (never a pronoun), preferring recent subjects."""
    latest_sentence = max(ctx.sentence_of.values(), default=0)
    candidates = [
        m for m in reversed(ctx.mentions)
        if m.rule != "coref:pronoun" and not m.is_reporter and fits(m) and (within is None or latest_sentence - ctx.sentence_of[m.span] <= within)
    ]
    if prefer_subjects and candidates:
        latest = ctx.sentence_of[candidates[0].span]
        recent = [m for m in candidates if latest - ctx.sentence_of[m.span] <= 1 and m.span in ctx.subjects]
        if recent:
            return recent[0]
    return candidates[0] if candidates else None
