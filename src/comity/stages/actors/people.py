"""Known people and surnames: titles before names, dated roles, and which person a surname means."""

from __future__ import annotations

from collections.abc import Sequence

from comity.knowledge.actors import AgentMatch
from comity.model import ActorMention, Span
from comity.stages.actors.groups import place_country
from comity.stages.actors.records import Context, Unit, copy_mention, resolved_mention, titled_unknown


def person_mention(
    span: Span, text: str, unit: Unit, titled: bool, ctx: Context, title: AgentMatch | None = None
) -> ActorMention:
    form = unit.name.forms[0]
    entry = ctx.knowledge.entry(form.actor_id)
    code, role = ctx.knowledge.code_at(form.actor_id, ctx.on)
    if ctx.on is None and title is None:
        title = _title_in_variant(text, ctx)  # "President Reagan" as one name variant
    if ctx.on is None and title is not None and entry.actor.country:
        # Without a date the latest role may be one held later; the title the text gives
        # ("President Yoon") is the office held when it was written.
        code, role = _role_titled(entry, title) or (ctx.knowledge.with_agent(entry.actor.country, title.code), title.noun)
    elif title is not None and title.code and entry.actor.country and not _holds_a_role(entry, ctx.on):
        # "Treasury Secretary James Baker" on a day the knowledge gives him no office: the
        # title the text gives is the office he held that day
        code, role = ctx.knowledge.with_agent(entry.actor.country, title.code), title.noun
    elif title is not None and title.code and ctx.on is not None and code and code[3:6] != title.code:
        # "General Brice Oligui Nguema" on a day he heads both the junta and the state: of the
        # offices he holds, the one the text's title names
        code, role = _held_in_sector(entry, title.code, ctx.on) or (code, role)
    rule = f"title+{form.form}" if titled else form.form
    antecedent = _earlier_mention_of(ctx, form.actor_id) if form.form != "name" and not titled else None
    country = ctx.knowledge.country_for(form.actor_id, code)
    return ActorMention(span, text, form.actor_id, code, country, role, rule, antecedent)


def _title_in_variant(text: str, ctx: Context) -> AgentMatch | None:
    """The office a name variant opens with ("President Reagan"), which the dictionaries list
    as a name of the person's."""
    found = ctx.knowledge.match_agents(text)
    first = next((match for match in found if match.code and match.span.start == 0), None)
    return first if first is not None and first.span.end < len(text.rstrip()) else None


def _holds_a_role(entry, on) -> bool:  # entry: a knowledge entry, on: a date
    return any(role.held_on(on) for role in entry.roles)


def _held_in_sector(entry, sector: str, on) -> tuple[str, str | None] | None:  # entry: a knowledge entry
    """The code and title of a role of this sector ("MIL") the person holds on the date."""
    held = next((r for r in entry.roles if r.held_on(on) and r.code[3:6] == sector), None)
    return (held.code, held.title) if held else None


def _role_titled(entry, title: AgentMatch) -> tuple[str, str] | None:  # entry: a knowledge entry
    """The latest role of the person that the text's title names ("NATO Secretary General
    Jens Stoltenberg": his NATO office, not his country's government)."""
    named = [r for r in entry.roles if r.title and r.title.lower().startswith(title.noun)]
    return (named[-1].code, named[-1].title) if named else None


def _earlier_mention_of(ctx: Context, actor_id: str) -> Span | None:
    return next((m.span for m in reversed(ctx.mentions) if m.actor_id == actor_id), None)


def surname_mention(
    span: Span, text: str, unit: Unit, title: AgentMatch | None, place: Unit | None, ctx: Context
) -> ActorMention | None:
    candidates = [f.actor_id for f in unit.name.forms]
    antecedent = salient_antecedent(ctx, [a for a in candidates if _title_fits(ctx, a, title)])
    if antecedent is not None:
        return copy_mention(antecedent, span, text, "coref:surname", antecedent.span)
    if title is None:
        ctx.first_surnames.append((span, text, tuple(candidates)))
    country = place_country(place, ctx)
    if title is not None:
        holders = [a for a in ctx.knowledge.holders(country or ctx.country or "", title.noun, ctx.on) if a in candidates]
        holders = holders if ctx.on is not None else []
        holders = holders or _holding_the_titles_sector(candidates, title, country, ctx)
        if len(holders) == 1:
            return resolved_mention(span, text, holders[0], "title+surname", ctx)
        country = country or _shared_country(ctx, candidates)
        return titled_unknown(span, text, title, country, "title+surname-country", ctx)
    if (len(candidates) == 1 and not ctx.knowledge.is_common_surname(text) and not ctx.knowledge.is_broad(candidates[0])
            and _in_public_life_by(ctx, candidates[0])):
        return resolved_mention(span, text, candidates[0], "surname", ctx)
    return None


#: How long before a person's first known office a surname alone may already name them.
_YEARS_BEFORE_OFFICE = 10


def _in_public_life_by(ctx: Context, actor_id: str) -> bool:
    """ "Harper and Row added" in 1987 is no Stephen Harper, prime minister from 2006: a surname
    alone names a person only on a day near or after their first known office."""
    offices = [r for r in ctx.knowledge.entry(actor_id).roles if r.code[3:6] != "ELI"]  # the dictionaries date "elite" loosely
    if ctx.on is None or not offices or any(r.start is None for r in offices):
        return True
    return min(r.start for r in offices).year - _YEARS_BEFORE_OFFICE <= ctx.on.year


def _holding_the_titles_sector(candidates: Sequence[str], title: AgentMatch, country: str | None, ctx: Context) -> list[str]:
    """People of the surname who, on the date, hold a role of the title's sector ("President
    Mubarak" in 1987: the one of the name then in Egypt's government), in the named country if any.
    Dictionary roles carry codes, not titles: the sector is what a title and a role share; a
    titled role of ours is matched by its title elsewhere ("Vice Minister Ri" is no foreign minister)."""
    if ctx.on is None or not title.code:
        return []
    found = []
    for actor_id in candidates:
        code, _ = ctx.knowledge.code_at(actor_id, ctx.on)
        held = any(r.held_on(ctx.on) and not r.title for r in ctx.knowledge.entry(actor_id).roles)
        if held and code and code[3:6] == title.code and (country is None or code.startswith(country)):
            found.append(actor_id)
    return found


def salient_antecedent(ctx: Context, candidates: Sequence[str], after: Span | None = None) -> ActorMention | None:
    """The latest mention of the most salient candidate so far, not the nearest: "Kim" after a
    spokesman Kim in a Kim Jong Un story is still Kim Jong Un (see `_salience`). With `after`,
    among the mentions after that span that name the person in full (for a surname read first)."""
    earlier = [m for m in ctx.mentions if m.actor_id in candidates and m.rule != "coref:pronoun"]
    if after is not None:
        earlier = [m for m in earlier if m.span.start >= after.end and not m.rule.startswith(("coref", "cataphora", "surname"))]
    if not earlier:
        return None
    introduced = list(dict.fromkeys(m.actor_id for m in earlier))  # on a tie, the one named first
    best = max(introduced, key=lambda actor_id: (_salience(ctx, earlier, actor_id), -introduced.index(actor_id)))
    return next(m for m in reversed(earlier) if m.actor_id == best)


def _salience(ctx: Context, mentions: Sequence[ActorMention], actor_id: str) -> int:
    """One point per mention, one more per mention as a grammatical subject, and one for being
    introduced with a title ("North Korean leader Kim Jong Un")."""
    own = [m for m in mentions if m.actor_id == actor_id]
    subjects = sum(m.span in ctx.subjects for m in own)
    return len(own) + subjects + (1 if own[0].rule.startswith("title") else 0)


def _title_fits(ctx: Context, actor_id: str, title: AgentMatch | None) -> bool:
    """"Vice Minister Ri" is not the Foreign Minister Ri named before."""
    if title is None or title.noun in {"leader", "supreme leader"}:
        return True
    noun = title.noun.lower()
    return any(role.title.lower().startswith(noun) for role in ctx.knowledge.roles(actor_id))


def surname_country(name: str, ctx: Context) -> str | None:
    """The country all known bearers of the name's first or last word share ("Ri" -> PRK)."""
    words = name.split()
    for word in (words[0], words[-1]) if words else ():
        for match in ctx.knowledge.match_names(word):
            if match.text == word and all(f.form == "surname" for f in match.forms):
                ours = [f for f in match.forms if not ctx.knowledge.is_broad(f.actor_id)]  # a dictionary's bearers guess nothing
                return _likeliest_country(ctx, {ctx.knowledge.actor(f.actor_id).country for f in ours}) if ours else None
    return None


def _likeliest_country(ctx: Context, countries: set[str | None]) -> str | None:
    """One country, or of several the document's own, its dyad's, or the latest mentioned."""
    if len(countries) == 1:
        return next(iter(countries))
    preferred = [ctx.country, *ctx.dyad, *(m.country for m in reversed(ctx.mentions))]
    return next((c for c in preferred if c in countries), None)


def _shared_country(ctx: Context, actor_ids: Sequence[str]) -> str | None:
    countries = {ctx.knowledge.actor(a).country for a in actor_ids}
    return countries.pop() if len(countries) == 1 else None
