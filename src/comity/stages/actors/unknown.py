"""Names the knowledge does not hold: coded by a title, an apposition or the document's country."""

from __future__ import annotations

from collections.abc import Sequence

from comity.knowledge.actors import AgentMatch
from comity.model import ActorMention, Document, Sentence, Span
from comity.stages.actors.business import COMPANY_LABEL, company_mention
from comity.stages.actors.groups import choose_form, group_mention, place_country
from comity.stages.actors.people import surname_country
from comity.stages.actors.records import Context, Unit, is_person_mention, titled_unknown
from comity.stages.actors.syntax import tokens_of
from comity.stages.actors.vocabulary import FIRM_OR_STATE_TITLES, POSTED_ROLES, names_a_state_body


def unknown_mention(
    doc: Document, span: Span, text: str, unit: Unit, title: AgentMatch | None, place: Unit | None, ctx: Context
) -> ActorMention | None:
    if unit.unknown_label == COMPANY_LABEL:
        return company_mention(doc, unit, ctx)
    if title is not None and title.broad and place is None:
        title = None  # a dictionary's role noun codes a person the text places, never one we'd guess
    if title is not None and _plural(title):
        title = None  # "met the foreign and telecommunications ministers Howard said": no one's title
    if title is not None and title.code == "BUS" and place is None:  # "chief executive John Doe": whose firm, not which state
        return ActorMention(span, text, None, "BUS", None, title.noun, "title+business")
    if title is not None:
        organisation = _organisation_of_title(place, ctx)
        if organisation is not None:  # "NATO Secretary General Jens Stoltenberg"
            return ActorMention(span, text, None, organisation, None, title.noun, "title+organisation")
        country = place_country(place, ctx) or _state_in_phrase(doc, span, ctx) or _placed_conjunct(doc, span, ctx)
        rule = "title+country" if country else "title+context"
        country = country or surname_country(unit.span.text(doc.text), ctx) or (None if title.noun.lower() in FIRM_OR_STATE_TITLES else _context_for_unknown(doc, span, ctx))
        return titled_unknown(span, text, title, country, rule, ctx)
    if place is not None:
        return group_mention(doc, place.span, place.span.text(doc.text), place, ctx)
    if unit.unknown_label == "PROPN":
        return None  # a bare capitalised word: too weak to report
    return ActorMention(span, text, None, None, None, None, f"unknown:{unit.unknown_label}")


def _plural(title: AgentMatch) -> bool:
    written, noun = title.text.lower().split()[-1:], title.noun.lower().split()[-1:]
    return bool(written and noun) and written[0] != noun[0] and written[0].endswith("s") and not noun[0].endswith("s")


def introduced_in_full(text: str, ctx: Context) -> ActorMention | None:
    """The latest person named in full before, with a title or an apposition ("Soviet Deputy
    Foreign Minister Vladimir Ivanov") or from the knowledge ("Finance Minister Barend du
    Plessis"), whose name ends in this bare name, in any case ("Du Plessis"), or whose first of
    two surnames it is ("Minister Arturo Hernandez Grisanti ... Hernandez said")."""
    words = text.split()
    if not words or len(words) > 3 or not all(w[:1].isupper() for w in words):
        return None
    for mention in reversed(ctx.mentions):
        named = mention.text.split()
        if (mention.code and is_person_mention(mention, ctx)
                and not mention.rule.startswith("coref") and len(named) > len(words)
                and _ends_in(named, words, ctx)):
            return mention
    return None


def _ends_in(named: list[str], words: list[str], ctx: Context) -> bool:
    if [w.lower() for w in named[-len(words):]] == [w.lower() for w in words]:
        return True
    return _family_name_first(words, named, ctx) or _first_of_two_surnames(words, named, ctx)


def _first_of_two_surnames(words: list[str], named: list[str], ctx: Context) -> bool:
    """Spanish and Portuguese names bear two surnames, and the first is the one written alone:
    the bare name is the second last word of a name with a given name before it, not a title."""
    if len(words) != 1 or len(named) < 3 or named[-2] != words[0]:
        return False
    given = named[-3]
    return given[:1].isupper() and ctx.knowledge.agent_for(given.lower()) is None and ctx.knowledge.agent_for(words[0].lower()) is None


def _family_name_first(words: list[str], named: list[str], ctx: Context) -> bool:
    """ "South Korean Trade Minister Rha Woong Bae ... Rha said": a family name written first, as
    Korean and Chinese names are, is the first of the name's last three words, not a title's."""
    if len(words) != 1 or len(named) < 4:
        return False
    name = named[-3:] if ctx.knowledge.agent_for(named[-3].lower()) is None else named[-2:]
    return name[0] == words[0] and ctx.knowledge.agent_for(words[0].lower()) is None


def _state_in_phrase(doc: Document, span: Span, ctx: Context) -> str | None:
    """A state named earlier in the person's own noun phrase, with other words between:
    "Lebanese central bank Vice Governor Meguerditch Bouldikian"."""
    tokens = tokens_of(doc, span)
    if tokens is None or not len(tokens):
        return None
    before = [t for t in tokens.root.subtree if t.idx < span.start]
    if not before:
        return None
    for match in ctx.knowledge.match_names(doc.text, min(t.idx for t in before), span.start):
        actor = ctx.knowledge.actor(choose_form(match, ctx).actor_id)
        if actor.kind == "state" and actor.country:
            return actor.country
    return None


def _placed_conjunct(doc: Document, span: Span, ctx: Context) -> str | None:
    """The country of a placed official this one is listed with: "Bolivia's Deputy Foreign
    Minister Freddy Mamani and Minister to the Presidency Maria Nela Prada"."""
    prior = next((m for m in reversed(ctx.mentions) if m.span.end <= span.start), None)
    placed = prior is not None and (prior.rule in ("title+country", "title+name") or (prior.actor_id or "").startswith("person:"))
    if not placed or not prior.country:
        return None
    words = doc.text[prior.span.end : span.start].replace(",", " , ").split()
    if not words or words[0] not in {"and", ","} or not all(w[:1].isupper() or w in _TITLE_LINKS for w in words):
        return None  # "and Minister to the [Presidency X]": a title's own words may lie between
    return prior.country


_TITLE_LINKS = frozenset({"and", ",", "to", "of", "the", "for"})


def _organisation_of_title(place: Unit | None, ctx: Context) -> str | None:
    """The code of an organisation without a country named before a title ("NATO Secretary General")."""
    if place is None or place.name is None or not place.is_group:
        return None
    actor_id = choose_form(place.name, ctx).actor_id
    if ctx.knowledge.actor(actor_id).country is not None:
        return None
    return ctx.knowledge.code_at(actor_id, ctx.on)[0]


def _context_for_unknown(doc: Document, span: Span, ctx: Context) -> str | None:
    """The document's country for a titled person the knowledge does not know, unless the
    verb the person is subject of has that country as its object: "President Tsai urged
    Beijing" must not make Tsai Chinese because the story is mostly about China."""
    if ctx.country is None or ctx.country in (ctx.home, ctx.dateline):
        return ctx.country
    tokens = tokens_of(doc, span)
    if tokens is None or not len(tokens) or tokens.root.dep_ not in {"nsubj", "nsubjpass"}:
        return ctx.country
    verb = tokens.root.head
    objects = [t for t in verb.children if t.dep_ in {"dobj", "dative", "prep", "obj", "iobj"}]
    for obj in objects:
        where = Span(min(t.idx for t in obj.subtree), max(t.idx + len(t.text) for t in obj.subtree))
        for match in ctx.knowledge.match_names(doc.text, where.start, where.end):
            if any(ctx.knowledge.actor(f.actor_id).country == ctx.country for f in match.forms):
                return None
    return ctx.country


def with_apposition(
    doc: Document, mention: ActorMention, following: Sequence[list[Unit]], sentence: Sentence, ctx: Context
) -> ActorMention:
    """"Juan Pérez, vice president of Cuba": the title and country after the comma."""
    rest = doc.text[mention.span.end : sentence.span.end]
    if not rest.startswith(","):
        return _placed_by_a_role(doc, mention, following, sentence, ctx)
    clause_end = mention.span.end + 1 + _clause_length(rest[1:])
    units = [u for group in following for u in group if u.span.end <= clause_end]
    title = next((u.agent for u in units if u.agent is not None and u.agent.code), None)
    if title is None or not _starts_clause(doc.text, mention.span.end, units) or not _opens_with_a_role(doc, units):
        return _placed_by_a_role(doc, mention, following, sentence, ctx)
    if any(u.is_person or u.is_surname or u.unknown_label == "PERSON" for u in units):
        return mention  # "In a post on X, Secretary of State Antony Blinken said": the title is his
    place = next((u for u in units if u.is_group), None)
    country = place_country(place, ctx) or surname_country(mention.text, ctx) or ctx.country
    code = ctx.knowledge.with_agent(country, title.code) if country else None
    return ActorMention(mention.span, mention.text, None, code, country, title.noun, "apposition")


def _placed_by_a_role(
    doc: Document, mention: ActorMention, following: Sequence[list[Unit]], sentence: Sentence, ctx: Context
) -> ActorMention:
    """A name no apposition after it placed: by a role set beside it, else by the role phrase
    closed by the comma before it, else as it was."""
    return _role_set_beside(doc, mention, following, ctx) or role_before_comma(doc, mention, sentence, ctx) or mention


def _role_set_beside(doc: Document, mention: ActorMention, following: Sequence[list[Unit]], ctx: Context) -> ActorMention | None:
    """A person the knowledge lacks, set beside a role noun that names a body: "Alexander Ivanov,
    head of the Gulf desk at the Soviet foreign ministry", "the director-general of the Israeli
    Foreign Ministry, Abraham Tamir". The person takes the body's country, and the role's sector
    (else the body's, else government)."""
    tokens = tokens_of(doc, mention.span)
    if tokens is None or not len(tokens) or not mention.rule.endswith("PERSON"):
        return None
    name = tokens.root
    roles = [c for c in name.children if c.dep_ == "appos"] + ([name.head] if name.dep_ == "appos" else [])
    for role in (r for r in roles if r.pos_ == "NOUN"):
        named = _mention_of_role(role, ctx) if role == name.head else None
        if named is not None:  # "summoned the Russian ambassador, Andrey Kelin"
            return ActorMention(mention.span, mention.text, None, named.code, named.country, named.role, "apposition")
        outside = set(name.subtree) if role == name.head else set(tokens)
        if role.lemma_.lower() in POSTED_ROLES:  # "ambassador to Kuwait": the host, where "aide to X" names the owner
            outside |= {t for prep in role.children if prep.lower_ == "to" for t in prep.subtree}
        words = _leading_run([t for t in role.subtree if t not in outside and not t.is_punct])
        if not words:
            continue
        area = Span(words[0].idx, words[-1].idx + len(words[-1].text))
        body = _body_in(area, following, ctx)
        if body is not None:
            country, sector = body
            agent = ctx.knowledge.agent_for(role.text) or ctx.knowledge.agent_for(role.lemma_) or sector
            agent = agent or ("GOV" if names_a_state_body(doc.text[area.start : area.end]) else None)
            if agent is None:
                continue  # "a manager at the British Insurance Group": a country's firm, not its state
            return ActorMention(mention.span, mention.text, None, ctx.knowledge.with_agent(country, agent), country, role.lemma_, "apposition")
    return None


#: What may open the phrase of a role before its holder's name ("and the director-general of…").
_ROLE_PHRASE_OPENERS = frozenset({"", "the", "its", "his", "her", "their", "and the", "and its", "and", "former", "the former"})


def role_before_comma(doc: Document, mention: ActorMention, sentence: Sentence, ctx: Context) -> ActorMention | None:
    """A person the knowledge lacks, named after a comma that closes a phrase opened by a coded
    role: "its ambassador to Kuwait, Ernest Zverev", "and the director-general of the Israeli
    Foreign Ministry, Abraham Tamir". Read from the text, as the parser often hangs such a name
    on the last noun before the comma; the phrase must be a noun phrase naming nobody else.
    The person takes the role's code."""
    if not mention.rule.endswith("PERSON"):
        return None
    before = doc.text[sentence.span.start : mention.span.start]
    if not before.rstrip(" ").endswith(","):
        return None
    comma = sentence.span.start + len(before.rstrip(" ")) - 1
    opening = max(doc.text.rfind(mark, sentence.span.start, comma) for mark in ",;(:")
    phrase = Span(sentence.span.start if opening < 0 else opening + 1, comma)
    inside = sorted((m for m in ctx.mentions if phrase.contains(m.span)), key=lambda m: m.span.start)
    if not inside or not inside[0].code or inside[0].role is None or any(is_person_mention(m, ctx) or m.rule.startswith("unknown") for m in inside):
        return None
    role = inside[0]
    if doc.text[phrase.start : role.span.start].strip().lower() not in _ROLE_PHRASE_OPENERS or _has_verb(doc, phrase):
        return None
    return ActorMention(mention.span, mention.text, None, role.code, role.country, role.role, "apposition")


def _has_verb(doc: Document, span: Span) -> bool:
    tokens = tokens_of(doc, span)
    return tokens is not None and any(t.pos_ in {"VERB", "AUX"} for t in tokens)


def _leading_run(tokens: list) -> list:  # tokens: spacy Tokens
    """The first run of adjacent tokens: the role's own words, not those past what was left out."""
    tokens = sorted(tokens, key=lambda t: t.i)
    run = tokens[:1]
    for token in tokens[1:]:
        if token.i != run[-1].i + 1:
            break
        run.append(token)
    return run


def _mention_of_role(role, ctx: Context) -> ActorMention | None:
    """The coded mention, before the name, whose last word is the role noun."""
    end = role.idx + len(role.text)
    return next((m for m in reversed(ctx.mentions) if m.span.end == end and m.code), None)


def _body_in(area: Span, following: Sequence[list[Unit]], ctx: Context) -> tuple[str, str | None] | None:
    """The country (and sector) of the first state or body named inside `area`: among the units
    after the name, else the mentions before it."""
    for group in following:
        for unit in group:
            country = place_country(unit, ctx) if area.contains(unit.span) else None
            if country:
                return country, None
    for earlier in reversed(ctx.mentions):
        if area.contains(earlier.span) and earlier.country and not is_person_mention(earlier, ctx):
            return earlier.country, (earlier.code or "")[3:6] or None
    home = ctx.home or ctx.dateline
    for group in following:
        if home and area.contains(group[0].span) and group[0].agent and names_a_state_body(group[0].agent.noun):
            return home, None  # "chief of the Finance Ministry's budget division", filed from its capital
    return None


def _clause_length(text: str) -> int:
    stops = [i for i in (text.find(","), text.find(";"), text.find("(")) if i >= 0]
    return min(stops) if stops else len(text)


#: Words that may open an apposition before its first known unit: "a senior Finance Ministry official".
_APPOSITION_OPENERS = frozenset({"the", "a", "an", "then", "now", "former", "senior", "top", "chief", "deputy", "acting",
                                 "leading", "veteran", "high-ranking", "ranking", "junior", "assistant"})


def _opens_with_a_role(doc: Document, units: Sequence[Unit]) -> bool:
    """ "vice minister of…", or a state's role: "China's top diplomat"."""
    first = units[0]
    return first.agent is not None or (first.is_group and doc.text[first.span.end : first.span.end + 2] in ("'s", "\u2019s"))


def _starts_clause(text: str, after: int, units: Sequence[Unit]) -> bool:
    if not units:
        return False
    words = text[after : units[0].span.start].strip(" ,").split()
    # a capitalised word names the unit's own field ("Finance" of "Finance Ministry")
    return all(w.lower() in _APPOSITION_OPENERS or (w[:1].isupper() and i > 0) for i, w in enumerate(words))
