"""Actors stage: who is who in each sentence, with the code valid at publication.

Known names are matched over the text directly (never through spaCy's entity labels
alone, which call "Diaz-Canel" an organisation and cut "the Communist Party of"
short). Around them, rules each recorded in `ActorMention.rule`:

- "name" / "variant" / "abbreviation" / "demonym" / "metonym": a known surface form;
  a capital ("Pyongyang said") only when it is a participant, never "in Pyongyang".
- "title+name": a title before a known person ("Cuban President Miguel Diaz-Canel").
- "demonym+agent" / "name+agent": a state and a role noun ("the Cuban delegation");
  "title:holder" when the role names one person on that date ("Cuban president").
- "title+context" / "title+country" / "apposition": an unknown person with a title
  ("Premier Ri Chol", "Juan Pérez, vice president of Cuba"), coded by the named
  country or else the document's context country (its outlet, dateline or main state).
- "coref:surname", "coref:pronoun", "coref:definite" ("the leader", "the delegation"),
  "conj+agent" ("the Cuban government and people"), "group:dyad" ("the two countries");
  "cataphora:surname": a surname read before the full name (a headline), as the text
  goes on to name that person.
- "unknown:PERSON" etc.: a name spaCy found and the knowledge does not know
  (actor_id None), listed by `unresolved`.

`ActorMention.code` is the code at `doc.meta.published`; the event stage may ask
`ActorKnowledge.code_at` again with the event's own date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from comity.knowledge.actors import ActorKnowledge, AgentMatch, NameForm, NameMatch
from comity.model import ActorMention, Document, Sentence, Span

#: Dependencies that make a capital a participant ("Pyongyang said", "ties with Pyongyang").
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "agent", "dative", "appos", "ROOT"})
PARTICIPANT_PREPS = frozenset({"with", "against", "by", "between", "toward", "towards", "on"})
#: Verbs whose "to" names the one addressed, an actor: "Hanoi protested to Manila".
ADDRESS_VERBS = frozenset({"protest", "complain", "appeal", "apologize", "apologise", "speak", "talk", "write", "explain", "petition"})
#: Verbs whose "from" names the one left, an actor: "recalled its envoy from Canberra".
RECALL_VERBS = frozenset({"recall", "withdraw", "expel", "summon", "pull"})
#: Verbs of force whose object's demonym names the country hit: "shot down a Russian helicopter".
FORCE_VERBS = frozenset({"shoot", "attack", "strike", "hit", "seize", "capture", "sink", "destroy", "bomb",
                         "shell", "target", "down", "intercept", "ambush", "raid", "damage", "impound"})
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f"}
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
UNKNOWN_LABELS = frozenset({"PERSON", "ORG", "NORP"})
DYAD = re.compile(
    r"\b(?:the two|both|the both)\s+(countries|nations|sides|parties|peoples|states|governments|leaders)\b",
    re.IGNORECASE,
)
#: Role nouns that, after "the", refer back to an actor named before.
PERSON_TITLES = frozenset(
    {"leader", "supreme leader", "president", "premier", "prime minister", "chairman", "first secretary",
     "general secretary", "secretary general", "foreign minister", "king", "queen", "emperor", "vice president",
     "first vice president"}
)
#: Role nouns that, after "the", refer back to an organisation named before ("Mercosur ... the bloc").
ORGANISATION_NOUNS = frozenset({"bloc", "alliance"})
DEFINITE_NOUNS = PERSON_TITLES | ORGANISATION_NOUNS | {
    "delegation", "state delegation", "government delegation", "party delegation", "guest", "visitor",
    "government", "party", "army", "military",
}
#: Role nouns that "in/of <state>" may follow ("the government in Havana").
PLACED_NOUNS = frozenset({"government", "authorities", "authority", "regime", "administration", "leadership", "military", "army", "police"})
#: Agents that act without a named country and belong to the story's place ("Police detained protesters").
PLACELESS_AGENT_CODES = frozenset({"COP", "OPP"})  # not troops or militants: they often fight abroad
POSSESSIVE_PRONOUNS = ("its", "their", "his", "her")
#: Role nouns naming the other party of a relation: "his guest" is not his own side.
OTHER_PARTY_NOUNS = frozenset({"guest", "visitor", "host", "counterpart", "interlocutor"})
_POSSESSIVE_GAP = re.compile(r"^['\u2019]s?\s+$")


@dataclass(slots=True)
class _Unit:
    """A stretch of text found before mentions are composed from it."""

    span: Span
    name: NameMatch | None = None
    agent: AgentMatch | None = None
    unknown_label: str | None = None  # a spaCy entity label or "PROPN" for an unknown name

    @property
    def is_person(self) -> bool:
        return self.name is not None and self.name.forms[0].actor_id.startswith("person:") and not self.is_surname

    @property
    def is_surname(self) -> bool:
        return self.name is not None and all(f.form == "surname" for f in self.name.forms)

    @property
    def is_group(self) -> bool:  # a state or organisation name
        return self.name is not None and not self.is_person and not self.is_surname

    @property
    def is_title(self) -> bool:
        return self.agent is not None


@dataclass(slots=True)
class _Context:
    knowledge: ActorKnowledge
    on: date | None
    country: str | None  # the outlet's, else a medium named in the text, else the most named state
    dateline: str | None = None  # where the story was filed, when a dateline says
    home: str | None = None  # the outlet's or a named medium's country, never a guess from counts
    dyad: tuple[str, ...] = ()
    mentions: list[ActorMention] = field(default_factory=list)
    subjects: set[Span] = field(default_factory=set)  # spans whose head is a grammatical subject
    sentence_of: dict[Span, int] = field(default_factory=dict)
    # bare surnames named before any full name of theirs ("Moon and Kim agree" over the story),
    # with the persons each may be: resolved once the whole text is read
    first_surnames: list[tuple[Span, str, tuple[str, ...]]] = field(default_factory=list)


class ActorStage:
    name = "actors"
    requires = frozenset({"parsed", "sentences", "meta"})
    assigns = frozenset({"actor_mentions"})

    def __init__(self, knowledge: ActorKnowledge | None = None):
        self._knowledge = knowledge

    @property
    def knowledge(self) -> ActorKnowledge:
        if self._knowledge is None:
            self._knowledge = ActorKnowledge.default()
        return self._knowledge

    def __call__(self, doc: Document) -> Document:
        doc.actor_mentions = find_mentions(doc, self.knowledge)
        return doc


# ---------------------------------------------------------------- the document


def find_mentions(doc: Document, knowledge: ActorKnowledge) -> list[ActorMention]:
    """Every actor mention of a parsed document, in text order."""
    ctx = _Context(knowledge, publication_date(doc), None)
    entities = _named_entities(doc, knowledge)
    per_sentence = [_units(doc, knowledge, s, entities) for s in doc.sentences]
    ctx.country = context_country(doc, knowledge, per_sentence)
    ctx.home = context_country(doc, knowledge)
    ctx.dateline = dateline_country(doc, knowledge)
    ctx.dyad = _main_dyad(doc, per_sentence, ctx)
    for index, (sentence, units) in enumerate(zip(doc.sentences, per_sentence)):
        for mention in _sentence_mentions(doc, sentence, units, ctx):
            _record(ctx, doc, mention, index)
        for mention in _pronoun_mentions(doc, sentence, index, ctx):
            _record(ctx, doc, mention, index)
    _resolve_first_surnames(ctx)
    return sorted(ctx.mentions, key=lambda m: (m.span.start, m.span.end))


def _resolve_first_surnames(ctx: _Context) -> None:
    """A surname named before the full name ("Yoon and Kishida agree ..." over a story naming
    "President Yoon Suk Yeol") is the person the text goes on to name, coded as that later
    mention is (at the document's date), not a guess from the surname alone."""
    for span, text, candidates in ctx.first_surnames:
        later = _salient_antecedent(ctx, candidates, after=span)
        if later is None:
            continue
        resolved = _copy(later, span, text, "cataphora:surname", later.span)
        ctx.mentions = [m for m in ctx.mentions if m.span != span] + [resolved]


def _record(ctx: _Context, doc: Document, mention: ActorMention, sentence_index: int) -> None:
    ctx.mentions.append(mention)
    ctx.sentence_of[mention.span] = sentence_index
    if _head_dep(doc, mention.span) in {"nsubj", "nsubjpass"}:
        ctx.subjects.add(mention.span)


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


def context_country(doc: Document, knowledge: ActorKnowledge, per_sentence: Sequence[list[_Unit]] = ()) -> str | None:
    """The document's home country: its outlet's, else a medium named in its first or last
    lines (dateline "(KCNA)", "By Yonhap", a footer domain), else its most named state."""
    outlet = doc.meta.outlet.value if doc.meta.outlet else None
    for text in filter(None, [outlet, doc.text[:300], doc.text[-300:]]):
        country = _media_country(knowledge, text)
        if country:
            return country
    counts = Counter(c for units in per_sentence for u in units if (c := _unit_country(u, knowledge, None)))
    return counts.most_common(1)[0][0] if counts else None


def _media_country(knowledge: ActorKnowledge, text: str) -> str | None:
    for match in knowledge.match_names(text):
        for form in match.forms:
            entry = knowledge.entry(form.actor_id)
            if entry.agent == "MED" and entry.actor.country:
                return entry.actor.country
    return None


def _main_dyad(doc: Document, per_sentence: Sequence[list[_Unit]], ctx: _Context) -> tuple[str, ...]:
    """The two countries most named as participants, by their states, organisations and people
    (a surname counts for its bearers' country); a state named only as where something
    happened ("the summit in Singapore", "the Singapore summit") takes no part."""
    counts: Counter[str] = Counter()
    for unit in (u for units in per_sentence for u in units):
        if unit.is_person or unit.is_surname:
            countries = {ctx.knowledge.actor(f.actor_id).country for f in unit.name.forms}
            country = countries.pop() if len(countries) == 1 else None
        elif unit.is_group and not _names_a_location(doc, unit.span, ctx):
            country = _unit_country(unit, ctx.knowledge, ctx.country)
        else:
            country = None
        if country:
            counts[country] += 1
    return tuple(country for country, _ in counts.most_common(2)) if len(counts) >= 2 else ()


#: Prepositions before a place where something happens ("in Singapore"); not "to" or "from",
#: which as often name a party ("a letter to Cuba", "a message from Havana").
LOCATIVE_PREPS = frozenset({"in", "at", "into", "near", "inside", "outside", "across", "around", "throughout", "via"})


def _names_a_location(doc: Document, span: Span, ctx: _Context) -> bool:
    """A state or capital named as a place: the object of "in/at/to…", a dateline, or the
    modifier of a noun that is no agent ("the Singapore summit")."""
    if _is_dateline(doc.text, span):
        return True
    tokens = _tokens(doc, span)
    if tokens is None or not len(tokens):
        return False
    root = tokens.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return True
    if root.dep_ in {"compound", "nmod", "amod"} and root.head.i >= tokens.end:
        return _agent_or_deed(doc, tokens.end, root.head, ctx) is None
    return False


def dateline_country(doc: Document, knowledge: ActorKnowledge) -> str | None:
    """The country of a dateline place heading the text ("HAVANA --", "SEOUL, Dec. 30 (Yonhap)")."""
    for match in knowledge.match_names(doc.text, 0, min(len(doc.text), 400)):
        if _is_dateline(doc.text, match.span):
            for form in match.forms:
                entry = knowledge.entry(form.actor_id)
                if entry.actor.kind == "state" and form.form in {"metonym", "name", "variant"}:
                    return entry.actor.country
    return None


# ---------------------------------------------------------------- units


def _units(doc: Document, knowledge: ActorKnowledge, sentence: Sentence, entities: Sequence[_Unit]) -> list[_Unit]:
    start, end = sentence.span.start, sentence.span.end
    matches = [_across_modifiers(doc, knowledge, m) for m in knowledge.match_names(doc.text, start, end)]
    names = [_Unit(m.span, name=m) for m in matches]
    agents = [
        _Unit(a.span, agent=a)
        for a in knowledge.match_agents(doc.text, start, end)
        if not any(a.span.overlaps(n.span) for n in names)
    ]
    candidates = list(_unknown_names(doc, sentence, entities))
    # "Kim Sung Du" is someone else than the Kim named before: a surname inside a longer name.
    names = [n for n in names if not (n.is_surname and any(_strictly_inside(n.span, c.span) for c in candidates))]
    known = names + agents
    unknown = [u for u in candidates if not any(u.span.overlaps(k.span) for k in known)]
    return sorted(known + unknown, key=lambda u: u.span.start)


#: Words a name may skip to reach its last word: "Ithilen state-run television" is the
#: Ithilen television of the knowledge.
_SKIPPABLE_MODIFIERS = frozenset({"amod", "npadvmod", "advmod", "punct", "compound"})


def _across_modifiers(doc: Document, knowledge: ActorKnowledge, match: NameMatch) -> NameMatch:
    """The match widened to the noun it modifies when, with only lower-case modifiers of that
    noun skipped, the two read as a longer known name of their own."""
    tokens = doc.parsed.char_span(match.span.start, match.span.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return match
    last, head = tokens[-1], tokens[-1].head
    if last.dep_ not in ("compound", "amod") or head.i <= last.i + 1 or head.pos_ not in ("NOUN", "PROPN"):
        return match
    between = doc.parsed[last.i + 1 : head.i]
    if any(t.dep_ not in _SKIPPABLE_MODIFIERS or not t.is_lower and not t.is_punct or head not in t.ancestors for t in between):
        return match
    joined = f"{match.text} {head.text}"
    found = knowledge.match_names(joined)
    if len(found) != 1 or found[0].span != Span(0, len(joined)):
        return match
    span = Span(match.span.start, head.idx + len(head.text))
    return NameMatch(span, span.text(doc.text), found[0].forms)


def _strictly_inside(inner: Span, outer: Span) -> bool:
    return outer.contains(inner) and (outer.end - outer.start) > (inner.end - inner.start)


def _named_entities(doc: Document, knowledge: ActorKnowledge) -> list[_Unit]:
    """The document's spaCy entities that look like names of unknown actors, in text order."""
    found: list[_Unit] = []
    for ent in doc.parsed.ents:
        if ent.label_ not in UNKNOWN_LABELS or not _looks_like_a_name(ent):
            continue
        span = _without_possessive(doc.text, Span(ent.start_char, ent.end_char))
        if ent.label_ == "PERSON":
            span = Span(_name_start(ent, knowledge), span.end)
        found.append(_Unit(span, unknown_label=ent.label_))
    return found


def _unknown_names(doc: Document, sentence: Sentence, entities: Sequence[_Unit]) -> Iterator[_Unit]:
    """Names the knowledge may not hold: spaCy entities, and runs of proper nouns."""
    seen: list[Span] = []
    for entity in entities:
        if sentence.span.contains(entity.span):
            seen.append(entity.span)
            yield entity
    for run in _propn_runs(doc.parsed, sentence.span):
        if not any(run.overlaps(s) for s in seen):
            yield _Unit(run, unknown_label="PROPN")


def _name_start(ent, knowledge: ActorKnowledge) -> int:  # ent: spacy Span
    """Where a person's name starts, taking back a short capitalised word the parser left out
    ("So Ho Won", "O Su Yong": Korean surnames read as ordinary words), unless it is a title."""
    if ent.start == 0:
        return ent.start_char
    word = ent.doc[ent.start - 1]
    short_name = word.is_alpha and len(word) <= 3 and word.text[:1].isupper() and word.text[1:].islower()
    adjacent = word.whitespace_ == " "
    if not short_name or not adjacent or word.is_sent_start:
        return ent.start_char
    if knowledge.match_agents(word.text) or knowledge.match_names(word.text):
        return ent.start_char  # "Mr Ho", "Gen Ri", "UN envoy…"
    return word.idx


def _without_possessive(text: str, span: Span) -> Span:
    """"Díaz-Canel’s" -> "Díaz-Canel"."""
    for ending in ("'s", "\u2019s", "'", "\u2019"):
        if span.text(text).endswith(ending) and span.end - len(ending) > span.start:
            return Span(span.start, span.end - len(ending))
    return span


def _looks_like_a_name(ent) -> bool:  # ent: spacy Span
    """Not "solidarity" or "State": a capitalised proper noun, more than a lone common word."""
    if not ent.text[:1].isupper() or not any(t.pos_ == "PROPN" for t in ent):
        return False
    return len(ent) > 1 or ent[0].pos_ == "PROPN" and not ent[0].is_sent_start


def _propn_runs(parsed, within: Span) -> Iterator[Span]:  # parsed: spacy Doc
    run: list = []
    for token in parsed.char_span(within.start, within.end, alignment_mode="expand") or ():
        if token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ not in {"DATE", "TIME", "GPE", "LOC", "FAC"}:
            run.append(token)
            continue
        if run:
            yield Span(run[0].idx, run[-1].idx + len(run[-1].text))
        run = []
    if run:
        yield Span(run[0].idx, run[-1].idx + len(run[-1].text))


def _compounds(text: str, units: Sequence[_Unit]) -> list[list[_Unit]]:
    """Runs of adjacent units that name one actor: [state] [title…] [person]."""
    groups: list[list[_Unit]] = []
    for unit in units:
        current = groups[-1] if groups else None
        if current and _continues(text, current, unit):
            current.append(unit)
        else:
            groups.append([unit])
    return groups


def _continues(text: str, current: list[_Unit], unit: _Unit) -> bool:
    last = current[-1]
    gap = text[last.span.end : unit.span.start]
    if last.is_person or last.is_surname or last.unknown_label:
        return False  # a name ends the compound
    if gap.strip() == "" and "\n" not in gap:
        return not (last.is_group and unit.is_group)
    return last.is_group and bool(_POSSESSIVE_GAP.match(gap)) and not unit.is_group


# ---------------------------------------------------------------- composition


def _sentence_mentions(doc: Document, sentence: Sentence, units: list[_Unit], ctx: _Context) -> Iterator[ActorMention]:
    groups = _compounds(doc.text, units)
    taken: list[Span] = []  # "Russian private banks" covers the group "banks" after it
    carried: dict[int, AgentMatch] = {}  # "lawmakers in Arnor and Gondor": the places take the agent
    for index, group in enumerate(groups):
        if any(t.contains(group[0].span) for t in taken):
            continue
        mention = _compose(doc, group, ctx) or _bare_title(doc, group, groups[:index], ctx, groups[index + 1 :])
        if mention is None:
            carried.update(_listed_places(doc, groups, index))
        elif index in carried:
            mention = _with_carried_agent(mention, carried[index], ctx)
        if mention is None and len(group) == 1 and group[0].unknown_label == "PROPN":
            # a bare run of proper nouns counts only with an apposition: "Ri Kwang Gun, vice minister of…"
            span = group[0].span
            bare = ActorMention(span, span.text(doc.text), None, None, None, None, "unknown:PROPN")
            mention = _with_apposition(doc, bare, groups[index + 1 :], sentence, ctx)
            mention = mention if mention.rule == "apposition" else None
        elif mention is not None and mention.rule.startswith("unknown") and mention.code is None:
            mention = _with_apposition(doc, mention, groups[index + 1 :], sentence, ctx)
        if mention is not None:
            taken.append(mention.span)
            yield mention
    yield from _dyad_mentions(doc, sentence, ctx)


_LIST_SEPARATORS = frozenset({",", "and", ", and"})


def _listed_places(doc: Document, groups: Sequence[list[_Unit]], index: int) -> dict[int, AgentMatch]:
    """Groups listing two or more places after a bare agent noun ("lawmakers in Arnor and Gondor",
    "the ambassadors of Arnor, Osgiliath and Gondor"), each to take the agent's code."""
    title = _last_title(groups[index])
    if title is None or any(u.name or u.unknown_label for u in groups[index]):
        return {}
    gap = _IN_PLACE.match(doc.text, groups[index][-1].span.end)
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


def _with_carried_agent(mention: ActorMention, title: AgentMatch, ctx: _Context) -> ActorMention:
    actor = ctx.knowledge.actor(mention.actor_id) if mention.actor_id else None
    if actor is None or actor.kind == "person" or not actor.code:
        return mention
    code = ctx.knowledge.with_agent(actor.code, title.code)
    return ActorMention(mention.span, mention.text, mention.actor_id, code, mention.country, title.noun, "agent+in-place")


def _compose(doc: Document, group: list[_Unit], ctx: _Context) -> ActorMention | None:
    span = Span(group[0].span.start, group[-1].span.end)
    text = span.text(doc.text)
    place = next((u for u in group if u.is_group), None)
    title = _last_title(group)
    last = group[-1]
    if last.is_person:
        return _person_mention(span, text, last, bool(title or place), ctx, title)
    if last.is_surname:
        return _surname_mention(span, text, last, title, place, ctx)
    if last.unknown_label:
        return _unknown_mention(doc, span, text, last, title, place, ctx)
    if place is None:
        return None
    if title is None:
        return _group_mention(doc, span, text, place, ctx)
    return _titled_group(span, text, place, _coded_titles(group), ctx)


def _last_title(group: Sequence[_Unit]) -> AgentMatch | None:
    titles = [u.agent for u in group if u.agent is not None and u.agent.code]
    return titles[-1] if titles else None


def _person_mention(
    span: Span, text: str, unit: _Unit, titled: bool, ctx: _Context, title: AgentMatch | None = None
) -> ActorMention:
    form = unit.name.forms[0]
    entry = ctx.knowledge.entry(form.actor_id)
    code, role = ctx.knowledge.code_at(form.actor_id, ctx.on)
    if ctx.on is None and title is not None and entry.actor.country:
        # Without a date the latest role may be one held later; the title the text gives
        # ("President Yoon") is the office held when it was written.
        code, role = _role_titled(entry, title) or (ctx.knowledge.with_agent(entry.actor.country, title.code), title.noun)
    rule = f"title+{form.form}" if titled else form.form
    antecedent = _earlier_mention_of(ctx, form.actor_id) if form.form != "name" and not titled else None
    country = ctx.knowledge.country_for(form.actor_id, code)
    return ActorMention(span, text, form.actor_id, code, country, role, rule, antecedent)


def _role_titled(entry, title: AgentMatch) -> tuple[str, str] | None:  # entry: a knowledge entry
    """The latest role of the person that the text's title names ("NATO Secretary General
    Jens Stoltenberg": his NATO office, not his country's government)."""
    named = [r for r in entry.roles if r.title and r.title.lower().startswith(title.noun)]
    return (named[-1].code, named[-1].title) if named else None


def _earlier_mention_of(ctx: _Context, actor_id: str) -> Span | None:
    return next((m.span for m in reversed(ctx.mentions) if m.actor_id == actor_id), None)


def _surname_mention(
    span: Span, text: str, unit: _Unit, title: AgentMatch | None, place: _Unit | None, ctx: _Context
) -> ActorMention | None:
    candidates = [f.actor_id for f in unit.name.forms]
    antecedent = _salient_antecedent(ctx, [a for a in candidates if _title_fits(ctx, a, title)])
    if antecedent is not None:
        return _copy(antecedent, span, text, "coref:surname", antecedent.span)
    if title is None:
        ctx.first_surnames.append((span, text, tuple(candidates)))
    country = _place_country(place, ctx)
    if title is not None:
        holders = [a for a in ctx.knowledge.holders(country or ctx.country or "", title.noun, ctx.on) if a in candidates]
        holders = holders if ctx.on is not None else []
        if len(holders) == 1:
            return _resolved(span, text, holders[0], "title+surname", ctx)
        country = country or _shared_country(ctx, candidates)
        return _titled_unknown(span, text, title, country, "title+surname-country", ctx)
    if len(candidates) == 1 and not ctx.knowledge.is_common_surname(text):
        return _resolved(span, text, candidates[0], "surname", ctx)
    return None


def _salient_antecedent(ctx: _Context, candidates: Sequence[str], after: Span | None = None) -> ActorMention | None:
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


def _salience(ctx: _Context, mentions: Sequence[ActorMention], actor_id: str) -> int:
    """One point per mention, one more per mention as a grammatical subject, and one for being
    introduced with a title ("North Korean leader Kim Jong Un")."""
    own = [m for m in mentions if m.actor_id == actor_id]
    subjects = sum(m.span in ctx.subjects for m in own)
    return len(own) + subjects + (1 if own[0].rule.startswith("title") else 0)


def _title_fits(ctx: _Context, actor_id: str, title: AgentMatch | None) -> bool:
    """"Vice Minister Ri" is not the Foreign Minister Ri named before."""
    if title is None or title.noun in {"leader", "supreme leader"}:
        return True
    noun = title.noun.lower()
    return any(role.title.lower().startswith(noun) for role in ctx.knowledge.roles(actor_id))


def _surname_country(name: str, ctx: _Context) -> str | None:
    """The country all known bearers of the name's first or last word share ("Ri" -> PRK)."""
    words = name.split()
    for word in (words[0], words[-1]) if words else ():
        for match in ctx.knowledge.match_names(word):
            if match.text == word and all(f.form == "surname" for f in match.forms):
                return _likeliest_country(ctx, {ctx.knowledge.actor(f.actor_id).country for f in match.forms})
    return None


def _likeliest_country(ctx: _Context, countries: set[str | None]) -> str | None:
    """One country, or of several the document's own, its dyad's, or the latest mentioned."""
    if len(countries) == 1:
        return next(iter(countries))
    preferred = [ctx.country, *ctx.dyad, *(m.country for m in reversed(ctx.mentions))]
    return next((c for c in preferred if c in countries), None)


def _shared_country(ctx: _Context, actor_ids: Sequence[str]) -> str | None:
    countries = {ctx.knowledge.actor(a).country for a in actor_ids}
    return countries.pop() if len(countries) == 1 else None


def _resolved(span: Span, text: str, actor_id: str, rule: str, ctx: _Context, antecedent: Span | None = None) -> ActorMention:
    code, role = ctx.knowledge.code_at(actor_id, ctx.on)
    return ActorMention(span, text, actor_id, code, ctx.knowledge.country_for(actor_id, code), role, rule, antecedent)


def _copy(mention: ActorMention, span: Span, text: str, rule: str, antecedent: Span | None) -> ActorMention:
    return ActorMention(
        span, text, mention.actor_id, mention.code, mention.country, mention.role, rule, antecedent,
        mention.members, mention.member_codes,
    )


def _titled_unknown(
    span: Span, text: str, title: AgentMatch, country: str | None, rule: str, ctx: _Context
) -> ActorMention:
    code = ctx.knowledge.with_agent(country, title.code) if country else None
    return ActorMention(span, text, None, code, country, title.noun, rule)


def _unknown_mention(
    doc: Document, span: Span, text: str, unit: _Unit, title: AgentMatch | None, place: _Unit | None, ctx: _Context
) -> ActorMention | None:
    if title is not None:
        organisation = _organisation_of_title(place, ctx)
        if organisation is not None:  # "NATO Secretary General Jens Stoltenberg"
            return ActorMention(span, text, None, organisation, None, title.noun, "title+organisation")
        country = _place_country(place, ctx)
        rule = "title+country" if country else "title+context"
        country = country or _surname_country(unit.span.text(doc.text), ctx) or _context_for_unknown(doc, span, ctx)
        return _titled_unknown(span, text, title, country, rule, ctx)
    if place is not None:
        return _group_mention(doc, place.span, place.span.text(doc.text), place, ctx)
    if unit.unknown_label == "PROPN":
        return None  # a bare capitalised word: too weak to report
    return ActorMention(span, text, None, None, None, None, f"unknown:{unit.unknown_label}")


def _organisation_of_title(place: _Unit | None, ctx: _Context) -> str | None:
    """The code of an organisation without a country named before a title ("NATO Secretary General")."""
    if place is None or place.name is None or not place.is_group:
        return None
    actor_id = _choose_form(place.name, ctx).actor_id
    if ctx.knowledge.actor(actor_id).country is not None:
        return None
    return ctx.knowledge.code_at(actor_id, ctx.on)[0]


def _context_for_unknown(doc: Document, span: Span, ctx: _Context) -> str | None:
    """The document's country for a titled person the knowledge does not know, unless the
    verb the person is subject of has that country as its object: "President Tsai urged
    Beijing" must not make Tsai Chinese because the story is mostly about China."""
    if ctx.country is None or ctx.country in (ctx.home, ctx.dateline):
        return ctx.country
    tokens = _tokens(doc, span)
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


def _with_apposition(
    doc: Document, mention: ActorMention, following: Sequence[list[_Unit]], sentence: Sentence, ctx: _Context
) -> ActorMention:
    """"Juan Pérez, vice president of Cuba": the title and country after the comma."""
    rest = doc.text[mention.span.end : sentence.span.end]
    if not rest.startswith(","):
        return mention
    clause_end = mention.span.end + 1 + _clause_length(rest[1:])
    units = [u for group in following for u in group if u.span.end <= clause_end]
    title = next((u.agent for u in units if u.agent is not None and u.agent.code), None)
    if title is None or not _starts_clause(doc.text, mention.span.end, units) or units[0].agent is None:
        return mention
    place = next((u for u in units if u.is_group), None)
    country = _place_country(place, ctx) or _surname_country(mention.text, ctx) or ctx.country
    code = ctx.knowledge.with_agent(country, title.code) if country else None
    return ActorMention(mention.span, mention.text, None, code, country, title.noun, "apposition")


def _clause_length(text: str) -> int:
    stops = [i for i in (text.find(","), text.find(";"), text.find("(")) if i >= 0]
    return min(stops) if stops else len(text)


def _starts_clause(text: str, after: int, units: Sequence[_Unit]) -> bool:
    if not units:
        return False
    between = text[after : units[0].span.start].strip(" ,")
    return between.lower() in {"", "the", "a", "an", "then", "now", "former"}


def _group_mention(doc: Document, span: Span, text: str, place: _Unit, ctx: _Context) -> ActorMention | None:
    form = _choose_form(place.name, ctx)
    entry = ctx.knowledge.entry(form.actor_id)
    if _is_dateline(doc.text, span):
        return None
    if form.form == "metonym":
        if not _is_participant(doc, span):
            return None
        code = f"{entry.actor.code}GOV"
        return ActorMention(span, text, form.actor_id, code, entry.actor.country, "government", "metonym")
    if form.form == "demonym" and _is_modifier(doc, span):
        return _demonym_before_noun(doc, span, form, ctx)
    code, role = ctx.knowledge.code_at(form.actor_id, ctx.on)
    return ActorMention(span, text, form.actor_id, code, entry.actor.country, role, form.form)


def _demonym_before_noun(doc: Document, span: Span, form: NameForm, ctx: _Context) -> ActorMention | None:
    """"Russian shelling", "Cuban exports", "Russian private banks": a demonym modifying an agent
    or deed noun is its country acting; before any other noun ("the Cuban revolution") no actor."""
    tokens = _tokens(doc, span)
    entry = ctx.knowledge.entry(form.actor_id)
    if tokens is None or not len(tokens) or not entry.actor.code:
        return None
    head = tokens.root.head
    between = doc.parsed[tokens.end : head.i]
    # the head's part of speech is not asked: "shelling" is often tagged a verb; the noun lists decide
    if head.i < tokens.end or any(t.dep_ in {"cc", "conj", "punct"} for t in between):
        return None
    if head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "PROPN":
        return None  # "Ukrainian Infrastructure Minister Oleksandr Kubrakov": a title before a name, coded with the name
    found = _agent_or_deed(doc, tokens.end, head, ctx)
    if found is None:
        return _demonym_of_a_thing_hit(doc, span, tokens.root, entry)
    noun, agent, rule = found
    whole = Span(span.start, head.idx + len(head.text))
    code = ctx.knowledge.with_agent(entry.actor.code, agent)
    return ActorMention(whole, whole.text(doc.text), form.actor_id, code, entry.actor.country, noun, rule)


def _demonym_of_a_thing_hit(doc: Document, span: Span, demonym, entry) -> ActorMention | None:
    """"shot down a Russian Mi-24 helicopter": what a force verb hits is its country's, so the
    demonym names the country as the one acted on; "over Armenian territory" stays a place."""
    noun = demonym.head
    while noun.dep_ in {"compound", "nmod", "amod"} and noun.head.i > noun.i:
        noun = noun.head
    if noun.dep_ not in {"dobj", "nsubjpass"} or noun.head.lemma_.lower() not in FORCE_VERBS:
        return None
    whole = Span(span.start, noun.idx + len(noun.text))
    return ActorMention(whole, whole.text(doc.text), entry.actor.actor_id, entry.actor.code, entry.actor.country,
                        None, "demonym+thing-hit")


def _agent_or_deed(doc: Document, first: int, head, ctx: _Context) -> tuple[str, str, str] | None:
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


def _choose_form(name: NameMatch, ctx: _Context) -> NameForm:
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


def _coded_titles(group: Sequence[_Unit]) -> list[AgentMatch]:
    return [u.agent for u in group if u.agent is not None and u.agent.code]


def _titled_group(span: Span, text: str, place: _Unit, titles: Sequence[AgentMatch], ctx: _Context) -> ActorMention:
    """A state or group and its role nouns: "the Cuban delegation", "Osgiliath soldiers";
    several nouns stack as in PETRARCH ("Danish Islamist media" -> DNK + MUS + MED)."""
    title = titles[-1]
    form = _choose_form(place.name, ctx)
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
            return _resolved(span, text, holders[0], "title:holder", ctx)
        rule = "name+agent" if form.form != "demonym" else "demonym+agent"
        return ActorMention(span, text, form.actor_id, code, country, title.noun, rule)
    return ActorMention(span, text, form.actor_id, code, country, title.noun, "name+agent")


def _place_country(place: _Unit | None, ctx: _Context) -> str | None:
    if place is None or place.name is None or not place.is_group:
        return None
    return ctx.knowledge.actor(_choose_form(place.name, ctx).actor_id).country


def _unit_country(unit: _Unit, knowledge: ActorKnowledge, context: str | None) -> str | None:
    if unit.name is None or not unit.is_group:
        return None
    countries = [knowledge.actor(f.actor_id).country for f in unit.name.forms]
    if context in countries:
        return context
    return countries[0]


# ---------------------------------------------------------------- titles alone


def _bare_title(
    doc: Document, group: list[_Unit], earlier: Sequence[list[_Unit]], ctx: _Context, following: Sequence[list[_Unit]] = ()
) -> ActorMention | None:
    """A role noun with no name: "the leader", "the guests", "the Cuban government and people",
    "the government in Havana", "Police detained dozens of protesters"."""
    title = _last_title(group)
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
    definite = before.endswith(("the ", "this "))
    placed = _of_place(doc, span, title, following, ctx) if definite else None
    placed = placed or _agent_in_named_place(doc, span, title, ctx)
    if placed is not None:
        return placed
    singular = " ".join(title.text.lower().split()) == title.noun
    official = _official_title_at_home(doc, span, title, ctx) if singular else None
    if official is not None:
        return official
    if definite and singular and title.noun in DEFINITE_NOUNS and doc.text[span.end : span.end + 4] != " of ":
        antecedent = _antecedent_for_title(ctx, title)
        if antecedent is not None:
            return _copy(antecedent, span, text, "coref:definite", antecedent.span)
    return _agent_in_place(doc, span, text, title, ctx)


#: "the Federal Chancellor", "the Federal Government": capitalised words between "the" and a title.
_OFFICIAL_MODIFIERS = re.compile(r"\b[Tt]he((?:\s+[A-Z][a-z]+)+)\s+$")


def _official_title_at_home(doc: Document, span: Span, title: AgentMatch, ctx: _Context) -> ActorMention | None:
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


def _of_place(doc: Document, span: Span, title: AgentMatch, following: Sequence[list[_Unit]], ctx: _Context) -> ActorMention | None:
    """"the government in Havana", "the authorities of Cuba": the title belongs to the place after it."""
    if not following or title.noun not in PLACED_NOUNS:
        return None
    place = following[0][0]
    gap = doc.text[span.end : place.span.start]
    after = doc.text[place.span.end : place.span.end + 5]
    if not place.is_group or gap not in {" of ", " in ", " of the "} or after.startswith((",", " and")):
        return None
    form = _choose_form(place.name, ctx)
    entry = ctx.knowledge.entry(form.actor_id)
    if entry.actor.kind == "person" or not entry.actor.code:
        return None
    whole = Span(span.start, place.span.end)
    code = ctx.knowledge.with_agent(entry.actor.code, title.code)
    return ActorMention(whole, whole.text(doc.text), form.actor_id, code, entry.actor.country, title.noun, "agent+of-place")


_IN_PLACE = re.compile(r"\s+(?:in|of|from)\s+(?:the\s+)?(?=[A-Z])")


def _agent_in_named_place(doc: Document, span: Span, title: AgentMatch, ctx: _Context) -> ActorMention | None:
    """"militants in Gaza", "protesters from Kharkiv", "residents of Havana": the place the
    phrase names gives the country, before any dateline or context country."""
    gap = _IN_PLACE.match(doc.text, span.end)
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


def _place_at(doc: Document, start: int, ctx: _Context) -> tuple[Span, str, str | None] | None:
    """The state (or coded group, as PETRARCH's "Gondor"), capital or gazetteer place named at
    `start`: its span, code and country."""
    for match in ctx.knowledge.match_names(doc.text, start, min(len(doc.text), start + 80))[:1]:
        if match.span.start == start:
            entry = ctx.knowledge.entry(_choose_form(match, ctx).actor_id)
            actor = entry.actor
            stateless = actor.kind == "org" and actor.country is None and entry.origin.startswith("petrarch:")
            return (match.span, actor.code, actor.country) if actor.code and (actor.kind == "state" or stateless) else None
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


def _agent_in_place(doc: Document, span: Span, text: str, title: AgentMatch, ctx: _Context) -> ActorMention | None:
    """"Police detained dozens of protesters": security forces and crowds acting without a named
    country belong to the dateline's country, else the document's."""
    if title.code not in PLACELESS_AGENT_CODES or not _is_participant(doc, span, of_allowed=True):
        return None
    country = ctx.dateline or ctx.country
    if country is None:
        return None
    rule = "agent+dateline" if ctx.dateline else "agent+context"
    return ActorMention(span, text, None, ctx.knowledge.with_agent(country, title.code), country, title.noun, rule)


def _conjoined(doc: Document, span: Span, text: str, title: AgentMatch, ctx: _Context) -> ActorMention | None:
    """"the Cuban government and people": the second noun takes the first one's code but for its
    last agent ("Danish Islamist media and government": DNKMUSMED, then DNKMUSGOV)."""
    prior = next((m for m in reversed(ctx.mentions) if m.span.end <= span.start), None)
    if prior is None or prior.rule not in {"demonym+agent", "name+agent"} or not prior.code or len(prior.code) < 6:
        return None
    if doc.text[prior.span.end : span.start].strip() not in {"and", ",", ", and"}:
        return None
    code = ctx.knowledge.with_agent(prior.code[:-3], title.code)
    return ActorMention(span, text, prior.actor_id, code, prior.country, title.noun, "conj+agent", prior.span)


_GROUP_NOUNS = frozenset({"delegation", "state delegation", "government delegation", "party delegation", "guest", "visitor"})


def _antecedent_for_title(ctx: _Context, title: AgentMatch) -> ActorMention | None:
    if title.noun in ORGANISATION_NOUNS:
        return _nearest(ctx, lambda m: (m.actor_id or "").startswith("igo:"))
    if title.noun in _GROUP_NOUNS:
        found = _nearest(ctx, lambda m: m.role in _GROUP_NOUNS and m.rule != "coref:definite" or m.role == "delegation")
        return found or _nearest(ctx, lambda m: m.role in _GROUP_NOUNS)
    if title.noun in PERSON_TITLES:
        person = lambda m: _is_person_mention(m, ctx) and (m.code or "")[3:6] in {"GOV", "ELI"}  # noqa: E731
        titled = _nearest(ctx, lambda m: person(m) and _called(m, title.noun), within=2)
        holding = _nearest(ctx, lambda m: person(m) and _holds(m, title.noun))
        return titled or holding or _nearest(ctx, person, prefer_subjects=True)
    return _nearest(ctx, lambda m: (m.code or "")[3:6] == title.code and m.country is not None)


def _is_person_mention(mention: ActorMention, ctx: _Context) -> bool:
    if mention.actor_id is None:
        return mention.rule.startswith(("title+", "apposition"))
    return mention.actor_id.startswith("person:")


def _holds(mention: ActorMention, noun: str) -> bool:
    """Whether the person's role at the date is this title ("the first secretary")."""
    return any(r.strip().startswith(noun) for r in (mention.role or "").lower().split(";"))


def _called(mention: ActorMention, noun: str) -> bool:
    """Whether a mention was introduced with this title ("President Kim Il Sung" for "the president")."""
    words = mention.text.lower().split()
    return noun in words or (noun == "leader" and "leader" in " ".join(words))


def _nearest(ctx: _Context, fits, prefer_subjects: bool = False, within: int | None = None) -> ActorMention | None:
    """The latest earlier mention that fits (never a pronoun), preferring recent subjects."""
    latest_sentence = max(ctx.sentence_of.values(), default=0)
    candidates = [
        m for m in reversed(ctx.mentions)
        if m.rule != "coref:pronoun" and fits(m) and (within is None or latest_sentence - ctx.sentence_of[m.span] <= within)
    ]
    if prefer_subjects and candidates:
        latest = ctx.sentence_of[candidates[0].span]
        recent = [m for m in candidates if latest - ctx.sentence_of[m.span] <= 1 and m.span in ctx.subjects]
        if recent:
            return recent[0]
    return candidates[0] if candidates else None


# ---------------------------------------------------------------- pronouns and groups


def _pronoun_mentions(doc: Document, sentence: Sentence, index: int, ctx: _Context) -> Iterator[ActorMention]:
    span = doc.parsed.char_span(sentence.span.start, sentence.span.end, alignment_mode="expand") or ()
    for token in span:
        word = token.text.lower()
        if token.pos_ != "PRON" or token.dep_ == "expl":
            continue
        where = Span(token.idx, token.idx + len(token.text))
        if any(m.span.overlaps(where) for m in ctx.mentions):
            continue
        head = token.head
        clause = Span(min(t.idx for t in head.subtree), max(t.idx + len(t.text) for t in head.subtree))
        antecedent = _pronoun_antecedent(word, where, index, ctx, clause, _clause_subject(token))
        if antecedent is None and word in PLURAL_PRONOUNS:
            group = _coordinated_subject_group(doc, token, index, ctx)
            if group is not None:
                yield group
            continue
        if antecedent is None:
            continue
        owned = _owned_agent(doc, token, antecedent, ctx)
        yield owned or _copy(antecedent, where, token.text, "coref:pronoun", antecedent.span)


def _coordinated_subject_group(doc: Document, pronoun, index: int, ctx: _Context) -> ActorMention | None:
    """"They" after a subject naming several actors ("The governments of Japan and South Korea
    agreed ... They also pledged"): a group of those actors. Only the main subject of the
    pronoun's own sentence before it, else of the sentence before, and only when it names two
    or more known actors and no unknown one; a single one only when it is a plural agent noun
    alone in its sentence. Else "they" stays unresolved."""
    where = Span(pronoun.idx, pronoun.idx + len(pronoun.text))
    for sentence_index in (index, index - 1):
        if sentence_index < 0:
            break
        subject = _main_subject(doc, doc.sentences[sentence_index].span)
        if subject is None or (sentence_index == index and (subject.i >= pronoun.i or pronoun in subject.subtree)):
            continue
        area = Span(min(t.idx for t in subject.subtree), max(t.idx + len(t.text) for t in subject.subtree))
        inside = [m for m in ctx.mentions if area.contains(m.span) and not m.members]
        named = [m for m in inside if m.code]
        if any(m.actor_id is None for m in inside):
            return None  # a group that leaves out an actor it cannot name is no better than none
        members = list(dict.fromkeys((m.actor_id, m.code) for m in named))
        if len({actor_id for actor_id, _ in members}) >= 2:
            return ActorMention(where, pronoun.text, None, None, None, None, "coref:pronoun-group", area,
                                tuple(a for a, _ in members), tuple(c for _, c in members))
        if len(named) == 1 and _plural_agent_alone(doc, named[0], subject, sentence_index, ctx):
            return _copy(named[0], where, pronoun.text, "coref:pronoun", named[0].span)
        return None  # the nearest subject decides, even when it names no group
    return None


def _plural_agent_alone(doc: Document, mention: ActorMention, subject, sentence_index: int, ctx: _Context) -> bool:
    """"Russian troops shelled the town. They also ...": the subject is a plural agent noun
    (troops, officials, protesters) and its sentence names no other actor "they" could be."""
    if mention.role is None or subject.tag_ not in {"NNS", "NNPS"} or not mention.span.contains(Span(subject.idx, subject.idx + len(subject.text))):
        return False
    return all(m is mention or not (m.resolved or m.code) or ctx.sentence_of.get(m.span) != sentence_index for m in ctx.mentions)


def _main_subject(doc: Document, sentence: Span):  # -> spaCy token | None
    span = doc.parsed.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    return next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _owned_agent(doc: Document, pronoun, antecedent: ActorMention, ctx: _Context) -> ActorMention | None:
    """"its troops" after Russia: the antecedent's country with the agent's sector (RUSMIL)."""
    head = pronoun.head
    if pronoun.dep_ != "poss" or head.i <= pronoun.i or antecedent.country is None:
        return None
    if head.lemma_.lower() in OTHER_PARTY_NOUNS:
        return None  # "Moon waited for his guest": the guest is not Moon's government
    code = ctx.knowledge.agent_for(doc.parsed[pronoun.i + 1 : head.i + 1].text) or ctx.knowledge.agent_for(head.text)
    if not code:
        return None
    span = Span(pronoun.idx, head.idx + len(head.text))
    return ActorMention(span, span.text(doc.text), _owner_state(antecedent, ctx),
                        ctx.knowledge.with_agent(antecedent.country, code), antecedent.country, head.lemma_, "coref:pronoun+agent", antecedent.span)


def _owner_state(antecedent: ActorMention, ctx: _Context) -> str | None:
    """Whose "his forces" are: the state itself, or a person's country ("Aliyev ... his forces"
    are Azerbaijan's), never the person."""
    if antecedent.actor_id is None or antecedent.actor_id.startswith("state:"):
        return antecedent.actor_id
    state = f"state:{antecedent.country}"
    return state if state in ctx.knowledge else None


def _pronoun_antecedent(
    word: str, where: Span, index: int, ctx: _Context, clause: Span | None = None, subject: Span | None = None
) -> ActorMention | None:
    if word in PERSON_PRONOUNS:
        gender = PERSON_PRONOUNS[word]
        others = _clause_mentions(ctx, where, clause)
        def fits(m: ActorMention) -> bool:
            own_subject = subject is not None and m.span.overlaps(subject)  # "…which paid a call on him"
            person = _is_person_mention(m, ctx) and _gender_fits(ctx, m, gender)
            return person and not _named_again(m, others) and not own_subject
    elif word in THING_PRONOUNS:
        fits = lambda m: not _is_person_mention(m, ctx) and m.resolved and not m.members  # noqa: E731
    elif word in PLURAL_PRONOUNS:
        fits = lambda m: bool(m.members) or m.role in {"people", "peoples"}  # noqa: E731
    else:
        return None
    named = [m for m in ctx.mentions if m.rule != "coref:pronoun" and fits(m)]
    same = [m for m in named if ctx.sentence_of[m.span] == index and m.span.end <= where.start]
    if same:
        return max(same, key=lambda m: m.span.start)
    previous = sorted(
        (m for m in named if index - ctx.sentence_of[m.span] in (1, 2)),
        key=lambda m: (-ctx.sentence_of[m.span], -m.span.start),
    )
    subjects = [m for m in previous if m.span in ctx.subjects]
    return (subjects or previous or [None])[0]


#: Object pronouns: never the subject of their own clause ("Kim praised him").
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})


def _clause_subject(pronoun) -> Span | None:  # pronoun: a spaCy token
    """The subject of an object pronoun's clause, as a one-token span of its head word; for a
    relative clause ("a delegation headed by X, which paid a call on him") the noun it modifies."""
    if pronoun.dep_ not in OBJECT_DEPS or pronoun.lower_ not in {"him", "her"}:
        return None
    verb = pronoun.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subject = verb.head
    return Span(subject.idx, subject.idx + len(subject.text))


def _clause_mentions(ctx: _Context, pronoun: Span, clause: Span | None) -> list[ActorMention]:
    """Mentions after the pronoun in its own clause."""
    if clause is None:
        return []
    return [m for m in ctx.mentions if m.span.start >= pronoun.end and clause.contains(m.span)]


def _named_again(candidate: ActorMention, others: Sequence[ActorMention]) -> bool:
    """"…a letter to Moon in which he said he wants to meet the South Korean leader": "he" is not
    Moon, who is named again in the pronoun's own clause (same actor, or same country and sector)."""
    def same_office(other: ActorMention) -> bool:
        titled = other.rule in {"demonym+agent", "name+agent", "title:holder"} and (other.code or "")[3:6] == "GOV"
        return titled and other.country == candidate.country and (candidate.code or "")[3:6] in {"GOV", "ELI"}

    return any((candidate.actor_id and other.actor_id == candidate.actor_id) or same_office(other) for other in others)


def _gender_fits(ctx: _Context, mention: ActorMention, gender: str) -> bool:
    if mention.actor_id is None:
        return True
    known = ctx.knowledge.entry(mention.actor_id).gender
    return known is None or known == gender


def _dyad_mentions(doc: Document, sentence: Sentence, ctx: _Context) -> Iterator[ActorMention]:
    if len(ctx.dyad) < 2:
        return
    text = sentence.span.text(doc.text)
    for match in DYAD.finditer(text):
        span = Span(sentence.span.start + match.start(), sentence.span.start + match.end())
        noun = match.group(1).lower()
        members = [_dyad_member(country, noun, ctx) for country in ctx.dyad]
        yield ActorMention(span, match.group(), None, None, None, noun, "group:dyad",
                           members=tuple(m[0] for m in members), member_codes=tuple(m[1] for m in members))


#: What a group noun makes of each country of the dyad: its government, its people, itself.
_DYAD_AGENTS = {"governments": "GOV", "leaders": "GOV", "peoples": "CVL"}


def _dyad_member(country: str, noun: str, ctx: _Context) -> tuple[str, str]:
    """(actor id, code) of one side of "the two countries / leaders / governments / peoples":
    for leaders the country's most named person so far, else its leader on the date."""
    if noun == "leaders":
        people = Counter(
            m.actor_id for m in ctx.mentions
            if m.country == country and m.actor_id and m.actor_id.startswith("person:")
        )
        holders = ctx.knowledge.holders(country, "leader", ctx.on) if ctx.on is not None else []
        leader = people.most_common(1)[0][0] if people else (holders[0] if len(holders) == 1 else None)
        if leader is not None:
            return leader, ctx.knowledge.code_at(leader, ctx.on)[0] or f"{country}GOV"
    return f"state:{country}", country + _DYAD_AGENTS.get(noun, "")


# ---------------------------------------------------------------- syntax


def _tokens(doc: Document, span: Span):
    return doc.parsed.char_span(span.start, span.end, alignment_mode="expand")


def _head_dep(doc: Document, span: Span) -> str | None:
    tokens = _tokens(doc, span)
    return tokens.root.dep_ if tokens is not None and len(tokens) else None


def _is_participant(doc: Document, span: Span, of_allowed: bool = False) -> bool:
    """A capital is an actor as subject, object, possessor or in "with/against Pyongyang";
    with `of_allowed`, also a crowd counted "dozens of protesters"."""
    tokens = _tokens(doc, span)
    if tokens is None or not len(tokens):
        return False
    root = tokens.root
    dep = root.dep_
    while dep == "conj":
        root = root.head
        dep = root.dep_
    if dep in PARTICIPANT_DEPS:
        return True
    if of_allowed and dep == "pobj" and root.head.lower_ == "of" and root.head.head.dep_ in PARTICIPANT_DEPS:
        return True
    if dep == "pobj" and root.head.lower_ == "to" and root.head.head.lemma_.lower() in ADDRESS_VERBS:
        return True  # "protested to Manila" is said to its government; "flew to Manila" is a place
    if dep == "pobj" and root.head.lower_ == "from" and _recall_verb(root.head.head):
        return True  # "recalled its envoy from Canberra" acts on Canberra; "flew from Canberra" is a place
    return dep == "pobj" and root.head.lower_ in PARTICIPANT_PREPS


def _recall_verb(head) -> bool:
    """The verb a "from" hangs on, directly or through its object ("recalls ambassadors from")."""
    verb = head.head if head.dep_ == "dobj" else head
    return verb.lemma_.lower() in RECALL_VERBS


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d"
_DATELINE_AFTER = re.compile(rf"^\s*(?:[A-Z]{{2,}}\s*)?(?:\(|--|\u2013|\u2014|-\s|,\s*{_MONTH})")
_CAPS_DATELINE_AFTER = re.compile(r"^\s*(?:[A-Z]{2,}\s*)?(?:,|\(|--|\u2013|\u2014|-\s)")


_DATELINE_CITY = re.compile(r"^[A-Z][A-Z .'\u2019-]+,\s*$")


def _is_dateline(text: str, span: Span) -> bool:
    """"Pyongyang, March 24 (KCNA) --", "HAVANA TIMES –", "UNITED NATIONS (Harbour Wire) —",
    "PANMUNJOM, South Korea --": a place heading the text, not an actor."""
    line_start = text.rfind("\n", 0, span.start) + 1
    before = text[line_start : span.start]
    if before.strip() and not _DATELINE_CITY.match(before):
        return False
    after = text[span.end : span.end + 16]
    pattern = _CAPS_DATELINE_AFTER if span.text(text).isupper() else _DATELINE_AFTER
    return bool(pattern.match(after))


def _is_modifier(doc: Document, span: Span) -> bool:
    tokens = _tokens(doc, span)
    if tokens is None or not len(tokens):
        return True
    root = tokens.root
    return root.dep_ in {"amod", "compound", "nmod"} or root.pos_ == "ADJ"


# ---------------------------------------------------------------- unresolved


def unresolved(doc: Document) -> list[ActorMention]:
    """Mentions whose actor the knowledge does not know (for `comity actors --unresolved`)."""
    return [m for m in doc.actor_mentions if not m.resolved]


@dataclass(frozen=True, slots=True)
class UnresolvedName:
    text: str
    count: int
    documents: int
    rules: tuple[str, ...]
    codes: tuple[str, ...]  # codes the title/context rules gave it, if any
    examples: tuple[str, ...]  # doc ids


def _without_title(mention: ActorMention) -> str:
    """"Minister Hollis Brandywine" -> "Hollis Brandywine": the name, without the title found."""
    text = " ".join(mention.text.split())
    if mention.role and mention.rule.startswith("title") and text.casefold().startswith(mention.role.casefold() + " "):
        return text[len(mention.role) + 1 :]
    words = text.split()
    while len(words) > 1 and words[0][:1].isupper() and mention.role and words[0].casefold() in mention.role.casefold():
        words = words[1:]
    return " ".join(words)


def aggregate_unresolved(docs: Iterable[Document], limit_examples: int = 3) -> list[UnresolvedName]:
    """Unresolved names over documents, most frequent first, spellings merged by case."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    docs_of: dict[str, list[str]] = {}
    rules: dict[str, set[str]] = {}
    codes: dict[str, set[str]] = {}
    for doc in docs:
        for mention in unresolved(doc):
            name = _without_title(mention)
            key = name.casefold()
            counts[key] += 1
            shown.setdefault(key, name)
            ids = docs_of.setdefault(key, [])
            if doc.doc_id not in ids:
                ids.append(doc.doc_id)
            rules.setdefault(key, set()).add(mention.rule)
            if mention.code:
                codes.setdefault(key, set()).add(mention.code)
    return [
        UnresolvedName(
            shown[key], n, len(docs_of[key]), tuple(sorted(rules[key])), tuple(sorted(codes.get(key, ()))),
            tuple(docs_of[key][:limit_examples]),
        )
        for key, n in counts.most_common()
    ]
