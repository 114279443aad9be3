"""Actor mentions by token, resolved to participants (pronouns, groups, places standing for countries)."""

from __future__ import annotations

from comity.knowledge.gazetteer import Gazetteer
from comity.model import ActorMention, Argument, Document, Span
from comity.stages.events.records import Participant, is_political_code
from comity.stages.events.story import story_sides
from comity.stages.events.vocabulary import ACTOR_PREPOSITIONS, ARTEFACT_NOUNS, COUNTERPART_NOUNS, HARM_NOUNS, PLACE_LABELS, RELATION_NOUNS, SURROUNDING_VERBS


class ActorIndex:
    """Actor mentions by token, with pronouns and groups resolved to participants."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.mentions = sorted(doc.actor_mentions, key=lambda m: (m.span.start, -m.span.end))
        # a state's latest mention stands for it in a group ("the two countries"), but not one of
        # its businesses ("the U.S. corn market" is no side of "officials from the two countries")
        coded = [m for m in self.mentions if m.actor_id and m.code]
        self.by_actor_id = {m.actor_id: m for m in coded} | {m.actor_id: m for m in coded if is_political_code(m.code)}
        self._by_token = _longest_mention_per_token(doc.parsed, self.mentions) if doc.parsed is not None else {}
        self.story_sides = story_sides(self.mentions)  # the pair of countries the story is about, if clear

    def at(self, token) -> ActorMention | None:
        """The longest actor mention overlapping the token."""
        return self._by_token.get(token.i)

    def participants(self, tokens: list, direct: bool = False, excluded: frozenset[str] = frozenset()) -> list[Participant]:
        """Participants named by the tokens and their coordinated ones; unless `direct`, also
        an actor inside a noun phrase that names none itself ("the leaders of China"), passing
        over an owner already `excluded` ("withdrew from their stronghold in Chad": Chad)."""
        found: list[Participant] = []
        seen: set[tuple[str, str | None]] = set()
        for token in tokens:
            units = _coordinated(token)
            for unit in units:
                mentions = ([m] if (m := self.at(unit)) else []) if direct else self._mentions_for(unit, 0, excluded)
                units += [c for m in mentions for conj in self._conjuncts_outside(m) for c in _coordinated(conj) if c not in units]
                for mention in mentions:
                    for participant in self._resolved(mention):
                        # one actor id may hold several roles: "Danish media and government"
                        identity = (participant.key, participant.argument.code)
                        if identity not in seen:
                            seen.add(identity)
                            found.append(participant)
        return found

    def _conjuncts_outside(self, mention: ActorMention) -> list:
        """Names coordinated with the last word of a mention but outside it: "the leaders of China,
        Cuba and Laos" resolved as one mention "leaders of China" still reaches Cuba and Laos."""
        span = self.doc.parsed.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None or len(span) < 2:
            return []
        return [c for c in span[-1].children if c.dep_ == "conj" and c.i >= span.end]

    def _mentions_for(self, token, depth: int, excluded: frozenset[str] = frozenset()) -> list[ActorMention]:
        mention = self.at(token)
        if mention is not None:
            return [mention]
        if depth > 2 or token.lemma_.lower() in ARTEFACT_NOUNS:
            return []  # "visited the statues of Kim Il Sung" is no visit to him
        if token.lemma_.lower() in COUNTERPART_NOUNS:
            return []  # "U.S. trading partners called on Washington": others than the state named
        descend = ("poss", "appos") if token.lemma_.lower() in RELATION_NOUNS else ("poss", "appos", "compound", "amod", "nmod")
        for child in token.children:
            if child.dep_ in descend:
                mention = self.at(child)
                if mention is not None and not self._only_excluded(mention, excluded):
                    return [mention]
        around = [o for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in SURROUNDING_VERBS for o in c.children if o.dep_ == "dobj"]
        for obj in around:  # "the zones encircling X" lie around X, as "the waters off X" are X's
            found = [m for unit in _coordinated(obj) for m in self._mentions_for(unit, depth + 1, excluded)]
            if found:
                return found
        through = ACTOR_PREPOSITIONS | ({"with", "between"} if token.lemma_.lower() in RELATION_NOUNS else set())
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in through:
                for pobj in (p for p in child.children if p.dep_ == "pobj" and not is_victim(p)):
                    found = [m for unit in _coordinated(pobj) for m in self._mentions_for(unit, depth + 1, excluded)]
                    if found:
                        return found
        return []

    def _only_excluded(self, mention: ActorMention, excluded: frozenset[str]) -> bool:
        resolved = self._resolved(mention)
        return bool(excluded) and bool(resolved) and all(p.key in excluded for p in resolved)

    def _resolved(self, mention: ActorMention) -> list[Participant]:
        if mention.is_reporter:
            return []  # "told Reuters", "KCNA said": the channel of a report takes no part in it
        if mention.members:
            return [p for member in mention.members if (p := self._member(member, mention)) is not None]
        if mention.actor_id is None and mention.code is None:
            antecedent = self._antecedent(mention)
            if antecedent is None:
                return []
            mention = antecedent
        if mention.actor_id is None and mention.code is None:
            return []
        argument = Argument(mention.text, mention.code, mention.country, mention.actor_id, mention.span)
        return [Participant(argument, mention.actor_id or mention.code or mention.text)]

    def _antecedent(self, mention: ActorMention) -> ActorMention | None:
        if mention.antecedent is None:
            return None
        return next((m for m in self.mentions if m.span == mention.antecedent and m.resolved), None)

    def _member(self, actor_id: str, group: ActorMention) -> Participant | None:
        known = self.by_actor_id.get(actor_id)
        if known is not None:
            code, country = known.code, known.country
        elif actor_id.startswith("state:"):
            code = country = actor_id.removeprefix("state:")
        else:
            return None
        return Participant(Argument(group.text, code, country, actor_id, group.span), actor_id, group=True)


def places_of(tokens: list, gazetteer: Gazetteer, country_hint: str | None) -> list[Participant]:
    """Places named by the tokens, as their countries; an ambiguous name is read, first, as
    a place in the source's own country ("travelled to San Antonio" from Havana)."""
    found: list[Participant] = []
    for token in tokens:
        for unit in _coordinated(token):
            entity = next((e for e in unit.doc.ents if e.start <= unit.i < e.end), None)
            if entity is None and unit.pos_ == "PROPN":
                entity = _unlabelled_name(unit)
            if entity is None or getattr(entity, "label_", "") not in PLACE_LABELS | {""}:
                continue
            if _unconfirmed_capitals(entity):
                continue
            place = gazetteer.lookup(entity.text, country_hint)
            if place is None or place.country is None:
                continue
            span = Span(entity.start_char, entity.end_char)
            argument = Argument(entity.text, place.country, place.country, f"state:{place.country}", span)
            found.append(Participant(argument, f"state:{place.country}", place=True))
    return found


def _unconfirmed_capitals(entity) -> bool:
    """A word of a headline in capitals ("CRUSHED IRANIAN ATTACK IN NORTH") may be a common word
    that some town is named after: it names a place only when the story writes it so elsewhere
    ("North", "Basra"), not only in lower case ("in the north") or in capitals."""
    text = entity.text
    if not text.isupper() or not any(c.isalpha() for c in text):
        return False
    written = " ".join(word.capitalize() for word in text.split())
    return written not in entity.doc.text


def _unlabelled_name(token):  # -> spacy Span
    """A name the parser left without an entity label, with its compound parts ("San Antonio de los Baños")."""
    parts = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    start = min((part.left_edge.i for part in parts), default=token.i)
    return token.doc[start : token.i + 1]


def _longest_mention_per_token(parsed, mentions: list[ActorMention]) -> dict[int, ActorMention]:
    by_token: dict[int, ActorMention] = {}
    for mention in mentions:
        span = parsed.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            best = by_token.get(token.i)
            if best is None or mention.span.end - mention.span.start > best.span.end - best.span.start:
                by_token[token.i] = mention
    return by_token


def _coordinated(token) -> list:
    units = [token]
    for unit in units:
        units += [c for c in unit.children if c.dep_ == "conj" and c not in units]
    aside = _names_hung_aside(units)
    if any(c.dep_ == "cc" for unit in units + aside for c in unit.children):
        units += aside
    return units


def _names_hung_aside(units: list) -> list:
    """Names of a coordination the parser hung as an apposition or a modifier ("Arnor and the
    awful Gondor", "Arnor, Calenardhon and Gondor" read as "Arnor's Gondor"), with their own
    coordinated names."""
    found: list = []
    for unit in units:
        for child in unit.children:
            if child.dep_ in ("appos", "nmod") and child.pos_ == "PROPN" and child not in units and child not in found:
                found += [child] + [c for c in child.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    return found


def participant_key(participant: Participant | None) -> str | None:
    return None if participant is None else participant.key


def role_key(participant: Participant | None) -> tuple[str, str | None] | None:
    """The actor in one of its roles: "Danish media and government" are one actor id, two codes."""
    return None if participant is None else (participant.key, participant.argument.code)


def country_key(participant: Participant | None) -> str | None:
    if participant is None:
        return None
    return participant.argument.country or participant.argument.code or participant.key


def is_victim(token) -> bool:
    """The one harmed in "the killing of X": whoever condemns the killing condemns its doer, not X."""
    preposition = token.head
    return token.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.lemma_.lower() in HARM_NOUNS
