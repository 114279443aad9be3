"""Trigger lookup: which tokens of a sentence a pattern accepts, with its constraints checked on the parse."""

from __future__ import annotations

from collections.abc import Iterator

from comity.knowledge.event_patterns import BROAD_LAYER, OWN_LAYER, USER_LAYER, EventPattern, PatternSet
from comity.model import Document, SectionKind
from comity.stages.events.arguments import is_passive
from comity.stages.events.constraints import adjacent_fit, first_on_side, object_side, particles_fit, preps_fit, subject_side, term_at
from comity.stages.events.participants import ActorIndex
from comity.stages.events.records import Match, SentenceTokens
from comity.stages.events.vocabulary import CARRIER_NOUNS, MONEY_NOUNS, OBJECT_PREPOSITIONS, QUANTITY_NOUNS


def sentences_with_tokens(doc: Document) -> Iterator[SentenceTokens]:
    ordered = sorted(doc.sentences, key=lambda s: s.span.start)
    groups = [SentenceTokens(sentence) for sentence in ordered if sentence.section in (SectionKind.HEADLINE, SectionKind.BODY)]
    starts = [group.sentence.span.start for group in groups]
    position = 0
    for token in doc.parsed:
        if token.is_space:
            continue
        while position + 1 < len(groups) and token.idx >= starts[position + 1]:
            position += 1
        if groups and groups[position].sentence.span.start <= token.idx < groups[position].sentence.span.end:
            groups[position].tokens.append(token)
    yield from (group for group in groups if group.tokens)


def find_matches(tokens: list, patterns: PatternSet) -> Iterator[Match]:
    """Each token that a pattern accepts, with the pattern that decides (`deciding_fit`); a
    deciding pattern that codes no event ("---") leaves the token uncoded."""
    for token in tokens:
        pos = trigger_pos(token)
        if pos is None:
            continue
        fit = _participle_as_adjective(token, patterns) or deciding_fit(token, patterns.candidates(pos, token.lemma_))
        if fit is not None and fit[0].is_event:
            yield Match(token, fit[0], fit[1])


def inflection_bases(word: str, tag: str) -> list[str]:
    """Base forms an inflected verb may have: "staged" -> stage, "stopped" -> stop, "denied" -> deny."""
    if tag in ("VBD", "VBN") and word.endswith("ed"):
        stem = word[:-2]
        return [word[:-1], stem] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else []) + ([stem[:-1] + "y"] if stem.endswith("i") else [])
    if tag == "VBG" and word.endswith("ing"):
        stem = word[:-3]
        return [stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    if tag == "VBZ" and word.endswith("s"):
        return [word[:-1], word[:-2]] + ([word[:-3] + "y"] if word.endswith("ies") else [])
    return []


def repair_verb_lemmas(parsed, known: frozenset[str]) -> None:  # parsed: spacy Doc
    """Give a verb the lemmatizer got wrong ("staged" -> "stag", "hopes" -> "hop", "installed"
    -> "instal") the base its inflection gives, when that base is a verb the coder knows and
    the lemma is not: every later rule (triggers, factuality) then reads the right verb."""
    for token in parsed:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() not in known:
            base = next((b for b in inflection_bases(token.lower_, token.tag_) if b in known), None)
            if base is not None:
                token.lemma_ = base


def deciding_fit(token, candidates: list[EventPattern]) -> tuple[EventPattern, object] | None:
    """The pattern that codes the token, with its object: the most specific fitting pattern of
    each layer, and of those the first layer's (user dictionaries, then comity's own, then the
    broad layer); but where the user's pattern codes an event with fewer constraints than
    comity's own fitting pattern, comity's own, which says more about the phrase, codes it. A
    user's pattern that codes no event ("---", or a code the codebook lacks) always decides."""
    best: dict[int, tuple[EventPattern, object]] = {}
    for pattern in candidates:  # by layer, most specific first
        if pattern.layer in best:
            continue
        obj = pattern_fits(token, pattern)
        if obj is not False:
            best[pattern.layer] = (pattern, obj)
            if pattern.layer == OWN_LAYER:
                break
    user, own = best.get(USER_LAYER), best.get(OWN_LAYER)
    if user is not None and (own is None or not user[0].is_event or user[0].specificity >= own[0].specificity):
        return user
    return own or best.get(BROAD_LAYER)


def without_overlaps_of_the_broad_layer(matches: list[Match]) -> list[Match]:
    """A broad-layer match over a word that a pattern of a layer in front of it takes as its
    trigger ("held a summit", "launched an attack", "talks have stalled") leaves the phrase
    to that pattern, so the broad layer never changes what the patterns in front code."""
    front = {m.trigger.i for m in matches if m.pattern.layer < BROAD_LAYER}
    return [m for m in matches if m.pattern.layer < BROAD_LAYER or front.isdisjoint(t.i for t in m.trigger.subtree)]


def without_verbs_of_event_subjects(matches: list[Match]) -> list[Match]:
    """A verb whose subject is an event noun naming its own other side ("an attack on X by Y
    killed ten", "clashes between X and Y left ten dead") tells what that event did: the noun
    codes the event, the verb nothing more. ("Y's attack killed ten X soldiers" keeps the verb,
    whose object is the other side.)"""
    nouns = {m.trigger.i for m in matches if m.pattern.pos == "noun" and _names_its_other_side(m)}
    return [m for m in matches if not (m.pattern.pos == "verb" and any(c.dep_ == "nsubj" and c.i in nouns for c in m.trigger.children))]


def without_words_of_names(matches: list[Match], actors) -> list[Match]:
    """A capitalised word inside a name is part of the name, no trigger: "the U.S. State
    Department said", "the Turkish Charge d'Affairs" (actors: an `ActorIndex`)."""
    return [m for m in matches if not _inside_a_name(m.trigger, actors)]


def _inside_a_name(token, actors) -> bool:
    mention = actors.at(token)
    if mention is None or mention.rule.startswith("demonym+"):
        return False  # "an Iranian attack": the act its maker is named by
    first_of_sentence = token.i == token.sent.start
    return token.text[:1].isupper() and not token.is_upper and not first_of_sentence


def _names_its_other_side(match: Match) -> bool:
    slots = {slot.removeprefix("prep:") for slot in match.pattern.target}
    return any(c.dep_ == "prep" and c.lower_ in slots for c in match.trigger.children)


def _participle_as_adjective(token, patterns: PatternSet):
    """ "was prepared to escort", "is determined to": a participle after a copula, which the parser
    tags a verb, is read by the adjective patterns first, by its own form."""
    if token.dep_ != "acomp" or token.tag_ != "VBN":
        return None
    fit = deciding_fit(token, patterns.candidates("adj", token.lower_))
    return fit if fit is not None and fit[0].is_event else None


def trigger_pos(token) -> str | None:
    if token.pos_ == "VERB" or token.tag_.startswith("VB") and token.pos_ != "AUX":
        return "verb"
    if token.pos_ == "ADJ" and token.dep_ in ("acomp", "amod", "ROOT", "xcomp", "conj"):
        return "adj"
    if token.pos_ in ("NOUN", "PROPN") and token.ent_type_ not in ("PERSON", "GPE", "NORP"):
        return "noun"
    return None


#: CAMEO roots of acts a participle may tell of the noun it follows ("the coup, led by General X",
#: "the sanctions imposed by Y"); a statement "made by X" there is mostly background.
ACTS_SAID_OF_THEIR_NOUN = frozenset({"15", "16", "17", "18", "19", "20"})


def _objects(token, pattern: EventPattern | None = None) -> list:
    """Tokens that can satisfy a pattern's object constraint, nearest first: the direct
    object, a complement clause, or the object of a preposition that says what the verb is
    about ("call for talks", "accused X of aggression"), never of one that says when or
    where ("ended a visit after talks")."""
    found = [c for c in token.children if c.dep_ in ("dobj", "obj", "attr")] or _object_read_into_by_phrase(token)
    if pattern is not None and pattern.object is not None:  # "gave Gondor a week to leave", "a week" read as an adverbial
        found += [c for c in token.children if c.dep_ == "npadvmod" and c.pos_ == "NOUN" and c.i > token.i]
    if is_passive(token):
        found += [c for c in token.children if c.dep_ == "nsubjpass"]
        if token.dep_ == "acl" and pattern is not None and (pattern.cameo or "")[:2] in ACTS_SAID_OF_THEIR_NOUN:
            found.append(token.head)  # "the coup, led by General X", "the sanctions imposed by Y": the noun it is said of
    found += [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "acomp")]
    found += [c for c in token.children if c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    allowed = OBJECT_PREPOSITIONS | ({p.preposition for p in pattern.preps} | set(pattern.particles) if pattern else set())
    for prep in token.children:
        if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ in allowed:
            found += [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
    for obj in list(found):
        found += [c for c in obj.children if c.dep_ == "conj"]
        if obj.lemma_.lower() in QUANTITY_NOUNS | CARRIER_NOUNS:  # "a series of talks", "a letter of protest"
            found += [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        if obj.lemma_.lower() in MONEY_NOUNS:  # "imposed 300 mln dlrs in sanctions", "500 mln dlrs of aid"
            hosts = [obj, token]  # the parser hangs "in sanctions" on the amount or on the verb
            found += [p for host in hosts for c in host.children if c.dep_ == "prep" and c.lower_ in ("in", "of") for p in c.children if p.dep_ == "pobj"]
    return found


def _object_read_into_by_phrase(token) -> list:
    """The object of an active verb that the parser read into a preceding "by" phrase of
    manner: "received by courier money from X" parsed as "by (courier money)"."""
    if is_passive(token) or token.pos_ != "VERB":
        return []
    return [
        noun
        for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "by"
        for noun in prep.children
        if noun.dep_ == "pobj" and noun.pos_ == "NOUN" and any(m.dep_ == "compound" and m.pos_ == "NOUN" for m in noun.children)
    ]


def pattern_fits(token, pattern: EventPattern):
    """The object token the pattern matched on (None if it needs none), or False."""
    if pattern.particles and not particles_fit(token, pattern.particles):
        return False
    if (pattern.preceded_by or pattern.followed_by) and not adjacent_fit(token, pattern.preceded_by, pattern.followed_by):
        return False
    if pattern.to_verbs and not any(c.dep_ in ("xcomp", "advcl", "ccomp") and c.lemma_.lower() in pattern.to_verbs for c in token.children):
        return False
    if pattern.before and not _terms_on(subject_side(token), pattern.before):
        return False
    obj = _matched_object(token, pattern)
    if obj is False:
        return False
    if pattern.after:
        found = _terms_on(object_side(token), pattern.after)
        if found is None:
            return False
        obj = obj if pattern.object else found
    if pattern.preps and not preps_fit(token, obj, pattern.preps):
        return False
    return obj


def _matched_object(token, pattern: EventPattern):
    """The object the pattern's `object` term matched, the first object when it has none, or False."""
    if pattern.object is None:
        first = next(iter(_objects(token, pattern)), None)
        if pattern.object_modifiers and not (first is not None and _has_modifier(first, pattern.object_modifiers)):
            return False
        return first
    for obj in _objects(token, pattern):
        if obj.ent_type_ in ("DATE", "TIME") and obj.dep_ == "pobj":
            continue  # "held talks on March 22" holds no march; "gave Gondor a week to leave" is an ultimatum
        if term_at(obj, pattern.object) or _titled(obj, pattern.object.heads):
            if pattern.object_modifiers and not _has_modifier(obj, pattern.object_modifiers):
                continue
            return obj
    return False


def _terms_on(side: list, terms: tuple) -> object | None:
    """The word matching the first term when every term matches a word of the side, else None."""
    found = [first_on_side(side, term) for term in terms]
    return None if any(token is None for token in found) else found[0]


def describes_a_thing(trigger, actors: "ActorIndex") -> bool:
    """A participle that only describes a thing that is no actor: "zones encircling Taiwan"."""
    return trigger.dep_ == "acl" and trigger.tag_ == "VBG" and actors.at(trigger.head) is None


def _titled(name, words: frozenset[str]) -> bool:
    """A person named with a title the pattern wants: "summoned ambassador Nicholas Burns", "the
    Turkish Charge d'Affairs Mustafa Kemal" (a capitalised title is a proper noun to the parser)."""
    if name.pos_ != "PROPN":
        return False
    title = [t for t in name.subtree if t.i < name.i and t.dep_ == "compound" and t.pos_ in ("NOUN", "PROPN")]
    return any(t.lower_ in words or t.lemma_.lower() in words for t in title)


def _has_modifier(token, words: frozenset[str]) -> bool:
    return any(c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in words for c in token.children)

