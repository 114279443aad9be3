"""Which matches and candidates of a sentence stand as events: report frames, themes, fragments."""

from __future__ import annotations

from collections.abc import Iterable

from comity import factuality as factuality_rules
from comity.knowledge.event_patterns import BROAD_LAYER
from comity.knowledge.senses import NonEventSense, NonEventSenses
from comity.stages.actors.vocabulary import FORCE_NOUNS, WEAPON_NOUNS
from comity.stages.events.arguments import dated_by_possessive, eliciting_verb, noun_doers, passive_agents
from comity.stages.events.participants import participant_key
from comity.stages.events.records import Candidate, Match, Participant
from comity.stages.events.vocabulary import ADJUNCT_PREPOSITIONS, ALLEGING_VERBS, CHARACTERISING_VERBS, COMMEMORATIONS, QUOTE_MARKS


def adopted_object_events(matches: list[Match]) -> dict[int, Match]:
    """Event nouns that verbs of welcome take as their subject's own act, by the verb's token
    index: a noun with no doer of its own and not between other parties."""
    nouns = {m.trigger.i: m for m in matches if m.pattern.pos == "noun"}
    adopted: dict[int, Match] = {}
    for match in matches:
        if not match.pattern.adopts_object_event or match.obj is None or match.obj.i not in nouns:
            continue
        noun = nouns[match.obj.i]
        if noun_doers(noun.trigger) or any(t.lower_ == "between" for t in noun.trigger.subtree):
            continue  # "welcomed Y's decision", "welcomed the ties between Y and Z": endorsing others
        adopted[match.trigger.i] = noun
    return adopted


def without_quoted_themes(matches: list[Match], tokens: list) -> list[Match]:
    """A quoted phrase under a trigger other than a saying gives the words of a charge, not an act: in
    'accused X of "destroying every channel of dialogue"' nothing is destroyed."""
    triggers = {m.trigger.i for m in matches if not m.pattern.speech}  # a quoted saying stays a report
    return [m for m in matches if not (_inside_quoted_phrase(m.trigger, tokens) and any(a.i in triggers for a in m.trigger.ancestors))]


def _inside_quoted_phrase(token, tokens: list) -> bool:
    """Whether the token stands between a quotation mark and its closing one in the same sentence."""
    before = sum(1 for t in tokens if t.i < token.i and t.text in QUOTE_MARKS)
    after = sum(1 for t in tokens if t.i > token.i and t.text in QUOTE_MARKS)
    return before % 2 == 1 and after >= 1


def without_non_event_senses(matches: list[Match], senses: NonEventSenses) -> list[Match]:
    """Triggers used in a sense that names no event (data/senses/not_events.yaml): "reserves hit
    a record", "a price war", "fight inflation", "marching forward"."""
    return [m for m in matches if not any(_in_sense(m.trigger, sense) for sense in senses.for_lemma(m.trigger.lemma_))]


#: In a sense's word list: any dependent of that kind; for `object`, any direct object
#: ("demonstrated its strength"), not a preposition's ("demonstrated against the government").
ANY_WORD = "*"


def _in_sense(trigger, sense: NonEventSense) -> bool:
    found = {
        "object": _object_words(trigger),
        "modifier": {c.lemma_.lower() for c in trigger.children if c.dep_ in ("amod", "compound", "nmod")},
        "adverb": {c.lemma_.lower() for c in trigger.children if c.dep_ in ("prt", "advmod")},
        "subject": {c.lemma_.lower() for c in trigger.children if c.dep_ in ("nsubj", "csubj")},
        "governor": _governor_words(trigger),
        "reported": _reported_words(trigger),
    }
    direct = any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in trigger.children)
    return any(found[kind] & words or (ANY_WORD in words and (direct if kind == "object" else found[kind])) for kind, words in sense.words.items())


#: Words that make a reported clause ask something of its subject: "said Japan must open its
#: markets" demands it, whatever the topic.
_OBLIGATION_AUXILIARIES = frozenset({"must", "should", "ought"})
#: Dependents that hold a clause's core: its subject, objects and complements, the objects of its
#: own prepositions, and their modifiers; not clauses set beside or under them ("because ...").
_CORE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "acomp", "oprd", "xcomp", "ccomp", "acl", "dative", "prep", "agent", "pobj", "pcomp", "amod", "compound"})


def _reported_words(verb) -> set[str]:
    """Lemmas of the nouns and adjectives in the core of the clause a saying reports as fact or
    forecast ("it is clear that ..." and all): down to four steps from its verb, its subject,
    objects, complements ("appear ready to take delivery"), the objects of its prepositions and
    gerunds ("having difficulty adjusting to exchange rate appreciations", "a slim chance of
    producing an economic package") and their modifiers. None for a clause that asks something
    of its subject."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and not any(a.dep_ == "aux" and a.lower_ in _OBLIGATION_AUXILIARIES for a in c.children)]
    return {w for clause in clauses for w in _core_words(clause, 0)}


def _core_words(head, depth: int) -> set[str]:
    found = {head.lemma_.lower()} if head.pos_ in ("NOUN", "PROPN", "ADJ") else set()  # "partners sharing values": no shares
    if depth < 4:
        for child in head.children:
            if child.dep_ in _CORE_DEPS:  # a preposition is no step of its own
                found |= _core_words(child, depth + (child.dep_ not in ("prep", "agent")))
    return found


def _governor_words(noun) -> set[str]:
    """The lemma of the verb a noun is the object of, directly or through a preposition:
    "honoured its commitment", "reneged on its promise", "cheated by their promises"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    elif noun.dep_ not in ("dobj", "obj", "nsubjpass"):
        return set()
    return {head.lemma_.lower()} if head.pos_ in ("VERB", "AUX") and head.i != noun.i else set()


def _object_words(trigger) -> set[str]:
    """Lemmas of the trigger's objects, of the objects of its prepositions, and of their modifiers
    ("hit a record high": record, high)."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "obj", "attr", "oprd", "nsubjpass")]
    objects += [p for c in trigger.children if c.dep_ in ("prep", "agent") for p in c.children if p.dep_ == "pobj"]  # "hit by ... measures"
    objects += [m for o in list(objects) for m in o.children if m.dep_ in ("amod", "compound", "nmod")]
    return {o.lemma_.lower() for o in objects}


def without_characterisations(matches: list[Match]) -> list[Match]:
    """A nominal trigger that names what something is called ("calling the coup a direct assault on
    democracy", "branded the move an act of aggression") is a characterisation, not an act."""
    return [m for m in matches if not (_characterised(m.trigger) if m.pattern.pos == "noun" else _appeal_in_a_naming_call(m))]


def without_passive_asides(matches: list[Match]) -> list[Match]:
    """"A Kremlin spokesman, asked whether…, said": a past participle set off by a comma after a
    noun, with no auxiliary, is a reduced passive whose noun was acted on (asked, accused), so it
    is no act of that noun's. The parser often reads the noun as its subject."""
    return [m for m in matches if not (m.pattern.pos == "verb" and _passive_aside(m.trigger))]


def _passive_aside(verb) -> bool:
    if verb.tag_ not in ("VBN", "VBD") or any(c.dep_ in ("aux", "auxpass", "agent") for c in verb.children):
        return False  # with its "by" the passive names its doer: "the envoy, accused by Arnor of…"
    if verb.dep_ == "acl" and any(c.dep_ == "dobj" for c in verb.children):
        return False  # "X, Armenia's prime minister, accused Azerbaijan of …": a verb with an object acts
    after_comma = verb.i > 0 and verb.doc[verb.i - 1].text == ","
    if verb.dep_ in ("acl", "relcl", "advcl"):  # "The minister, asked about…", "when asked about…"
        return after_comma or any(c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "if", "once") and c.i == verb.i - 1 for c in verb.children)
    # misparsed as the main verb, with the real one hanging under it: "X, asked if…, said…"
    subject_before = any(c.dep_ == "nsubj" and c.i < verb.i - 1 for c in verb.children)
    return after_comma and subject_before and any(_subjectless_verb(c) for c in verb.children if c.i > verb.i and c.dep_ in ("ccomp", "conj"))


def _subjectless_verb(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


def _appeal_in_a_naming_call(match: Match) -> bool:
    """"called the raids an escalation": "call" with what something is called names it (which
    disapprove.call-crime codes where the name is a charge); it asks no one for anything. An
    appeal calls on or for someone with no direct object: in "called the U.S. attacks on its
    platforms an escalation" the "on" is the attacks', and "call an election" schedules one."""
    verb = match.trigger
    if verb.lemma_.lower() != "call" or not (match.pattern.cameo or "").startswith("02"):
        return False
    # one calls on or for someone, one calls an election or a meeting ("has to call an election")
    return any(c.dep_ in ("oprd", "dobj") for c in verb.children)


def _characterised(noun) -> bool:
    head = noun.head
    if noun.dep_ in ("oprd", "attr") and head.lemma_.lower() in CHARACTERISING_VERBS:
        return True
    if noun.dep_ == "dobj" and head.lemma_.lower() in CHARACTERISING_VERBS:
        # "calling the coup a direct assault", parsed with two objects: the second is what it is called
        return any(c.dep_ == "dobj" and c.i < noun.i for c in head.children)
    return noun.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in CHARACTERISING_VERBS


def without_embedded_nouns(matches: list[Match]) -> list[Match]:
    """A nominal trigger that is the object of another trigger ("condemned an attack") is its theme."""
    verb_objects = {m.obj.i for m in matches if m.obj is not None and not m.pattern.speech}
    triggers = {m.trigger.i for m in matches if not m.pattern.speech}
    kept = []
    for match in matches:
        token = match.trigger
        embedded = token.i in verb_objects or _governed_by(token, triggers)
        # others' reaction to an act ("tested a missile, drawing criticism from X") is no part of it
        if match.pattern.pos == "noun" and embedded and not _is_commemorated(token) and eliciting_verb(token) is None \
                and not _done_act_reacted_to(token):
            continue
        kept.append(match)
    return kept


def _done_act_reacted_to(noun) -> bool:
    """An act with its own doer or day that another act reacts to happened too: "backed Reagan's
    strike against Iranian targets", "condemned Russia's attack on Ukraine", "withdrew Friday's
    request" hold the strike, the attack and the request; an act asked for, planned, threatened
    or denied ("called for talks with X", "threatened an attack on X") did not."""
    named = noun_doers(noun) or any(c.dep_ in ("amod", "compound") and c.i < noun.i and _is_name(c) for c in noun.children)
    if not (named or dated_by_possessive(noun)):  # "withdrew Friday's request": an act of its own day
        return False
    governor = next((a for a in noun.ancestors if a.pos_ == "VERB"), None)
    return governor is not None and governor.lemma_.lower() not in factuality_rules.NOT_DONE_GOVERNORS


def _is_name(token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("NORP", "GPE", "ORG")


def _ancestors_within_clause(token) -> list:
    """The token's ancestors up to an adverbial that sets it beside the verb rather than inside it:
    "signed a statement, following their summit", "agreed a truce as a result of talks", "met
    after clashes", "X, here for talks, said" hold two events, not one event and its theme."""
    found = []
    for ancestor in token.ancestors:
        child = found[-1] if found else token
        if child.dep_ in ("advcl", "advmod") or (child.dep_ == "prep" and child.lower_ in ADJUNCT_PREPOSITIONS):
            break  # "X, here for talks with Y, said": an adverb's phrase stands beside the verb
        if child.dep_ == "pobj" and child.head.lower_ == "of" and child.head.head.lower_ == "result":
            break  # "as a result of talks"
        found.append(ancestor)
    return found


def _is_commemorated(token) -> bool:
    """'the 55th anniversary of the establishment of relations': a past event of its own, not part
    of the visit or celebration that marks it."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in COMMEMORATIONS


def _governed_by(token, triggers: set[int]) -> bool:
    if any(ancestor.i in triggers and ancestor.pos_ == "VERB" for ancestor in _ancestors_within_clause(token)):
        return True  # part of what a verbal event says ("opposed X in being drawn in by its resumption of ties")
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.i in triggers:
        return True
    adverbial = head.dep_ == "advcl" or head.lower_ in ADJUNCT_PREPOSITIONS
    return token.dep_ == "pobj" and head.head.i in triggers and head.head.pos_ == "VERB" and head.dep_ != "agent" and not adverbial


def without_fragments(candidates: list[Candidate]) -> list[Candidate]:
    """One-sided mentions beside a complete one of the same actor in the sentence are parts of
    that act ("sent a message expressing support and offered greetings to X"), not events."""
    # others' reaction to an act ("..., drawing criticism from X") is not the act it could absorb
    complete = [c for c in candidates if c.source is not None and c.target is not None and eliciting_verb(c.match.trigger) is None]
    sides = {participant_key(c.source) for c in complete} | {participant_key(c.target) for c in complete}
    return [c for c in candidates if (c.source is not None and c.target is not None) or participant_key(c.source or c.target) not in sides]


def frames_coded_event(speech, event_triggers: Iterable[int]) -> bool:
    """A saying whose content (or whose reported clause) holds an event trigger is a report frame:
    "Iraq says Iran fired missiles at ships" reports a firing, and is no statement of Iraq's to Iran
    even when the firing found no target."""
    speaker = {t.i for c in speech.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    for index in event_triggers:
        token = speech.doc[index]
        if token.i in speaker:
            continue  # "the official, who asked not to be identified, said": who speaks, not what is said
        if token.i != speech.i and any(ancestor.i == speech.i for ancestor in token.ancestors):
            return True
        if speech.head.i == token.i and (speech.dep_ in ("parataxis", "advcl", "ccomp") or _is_trailing_attribution(speech)):
            return True
    return False


def frames_other_saying(speech, speech_triggers: Iterable[int]) -> bool:
    """A saying whose reported clause is itself a saying reports that one: in "X said Y told
    him there were no barriers" the statement is Y's, and in "X said Y said in a telephone call
    that..." X relays Y's words to no one (the coder codes the inner saying, or nothing)."""
    for index in speech_triggers:
        token = speech.doc[index]
        if not any(c.dep_ == "nsubj" for c in token.children) or any(c.dep_ == "neg" for c in token.children):
            # "said X was calm and added that..." (the parser hanging "added" inside): the same
            # speaker; "said Iran had been told", "said Denmark did not state": no one else's words
            continue
        path = [token, *token.ancestors]
        if speech in path[1:]:
            below = path[path.index(speech) - 1]  # the outer saying's child on the way down
            if below.dep_ in ("ccomp", "parataxis"):
                return True
    return False


def _is_trailing_attribution(speech) -> bool:
    """ "X sent a letter to Y, Z said": a saying joined to the clause before it by a comma alone."""
    if speech.dep_ != "conj" or speech.i <= speech.head.i:
        return False
    joined_by_and = any(c.dep_ == "cc" and speech.head.i < c.i < speech.i for c in speech.head.children)
    return not joined_by_and and speech.doc[speech.left_edge.i - 1].text == ","


def without_alleged_acts(candidates: list[Candidate]) -> list[Candidate]:
    """An act in the "that" clause of an accusation is what one side alleges of the other: the
    accusation is the event ("imposed duties, alleging that Japan had violated the pact" is a
    charge against Japan, no defiance of Japan's told as done)."""
    accusations = {c.match.trigger.i for c in candidates if c.cameo.startswith("11") and c.match.trigger.lemma_ in ALLEGING_VERBS}
    return [c for c in candidates if not _alleged_in(c.match.trigger, accusations)]


def _alleged_in(trigger, accusations: set[int]) -> bool:
    token = trigger
    while token.head.i != token.i:
        if token.dep_ == "ccomp" and token.head.i in accusations:
            return True
        token = token.head
    return False


def without_lone_decisions(candidates: list[Candidate], triggers: set[int]) -> list[Candidate]:
    """Agreeing with no one, alone, to do what is no event is a decision, not diplomatic
    cooperation: "Greece has agreed to buy Spanish corn", "the committee agreed that the wheat
    would be released", "economists agreed the economy is better placed". An agreement with a
    partner, by two sides, or to an act that is itself an event ("Iraq agreed to withdraw its
    troops") stays."""
    return [c for c in candidates if not _lone_decision(c, triggers)]


def _lone_decision(candidate: Candidate, triggers: set[int]) -> bool:
    pattern, verb = candidate.match.pattern, candidate.match.trigger
    if candidate.target is not None or candidate.mutual or not pattern.mutual or not (pattern.cameo or "").startswith("05"):
        return False
    clauses = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]  # "agreed to buy", "agreed that ..."
    return bool(clauses) and not any(t.i in triggers for clause in clauses for t in clause.subtree)


#: CAMEO roots of violence, whose doer news often cannot name ("a bomb exploded at the base"):
#: assault, fight, mass violence.
_ACTS_WITHOUT_NAMED_DOER = frozenset({"18", "19", "20"})


def without_acts_on_oneself(candidates: list[Candidate]) -> list[Candidate]:
    """An act whose two sides carry the same code is no event between actors ("Funaro ... meeting
    British Chancellor Lawson" read as GBRGOV meeting GBRGOV): one side is misread or the act is
    an organ's own business. Its own people, army or opposition (another code) stay."""
    return [c for c in candidates if not (c.source and c.target and c.source.argument.code and c.source.argument.code == c.target.argument.code
                                          and c.source.key != c.target.key and not c.match.pattern.self_target) and not _words_about_own_state(c)]


#: Verbal roots (statement, appeal, intent, consultation, support, disapproval) that a state's
#: organ does not address to its own state: "Weinberger said U.S. warship movements were not
#: unusual", "Reagan said the U.S. would retaliate against alleged violations" (no blame of the U.S.).
_VERBAL_ROOTS = frozenset({"01", "02", "03", "04", "05", "11"})


#: Sectors of a state's own executive: its state, government, military and elite.
_STATE_ORGANS = frozenset({"", "GOV", "MIL", "ELI"})


def _words_about_own_state(candidate: Candidate) -> bool:
    """A saying by a state's organ whose target is that state or another of its organs
    (USAGOV -> USA, USAGOV -> USAMIL); its opposition or people as target stay."""
    source, target = candidate.source, candidate.target
    if source is None or target is None or candidate.cameo[:2] not in _VERBAL_ROOTS or source.key == target.key:
        return False
    source_code, target_code = source.argument.code or "", target.argument.code or ""
    if len(source_code) < 3 or source_code[:3] != target_code[:3] or source_code[3:6] not in _STATE_ORGANS:
        return False
    addressed = candidate.cameo[:2] == "01" and target_code[3:6] in _HOME_AUDIENCES  # "told parliament", "told reporters"
    return target_code[3:6] in _STATE_ORGANS or addressed


#: Sectors a state's organ speaks to at home as to an audience, not as to a party: its
#: legislature and its press.
_HOME_AUDIENCES = frozenset({"LEG", "MED"})


def without_anonymous_acts(candidates: list[Candidate]) -> list[Candidate]:
    """Who did what to whom: without a who there is no event row. A saying, an appeal or a visit
    whose doer resolves to no actor ("officials said Iran...") is dropped; violence by an
    unnamed hand stays."""
    return [c for c in candidates if c.source is not None or (c.cameo[:2] in _ACTS_WITHOUT_NAMED_DOER and not _struck_by_a_thing(c.match.trigger))]


#: What may do violence in a passive's "by" phrase without naming who: weapons, attacks, attackers.
_VIOLENT_AGENT_NOUNS = WEAPON_NOUNS | FORCE_NOUNS | frozenset(
    {"gunman", "gunmen", "attacker", "assailant", "militant", "bomber", "sniper", "mob", "explosion", "blast",
     "gunfire", "mine", "car", "truck", "man", "men", "group", "unit", "air", "plane", "jet"}
)  # fmt: skip


def _struck_by_a_thing(trigger) -> bool:
    """ "he had been struck by the widespread awareness", "were hit by falling prices": a force
    verb whose "by" phrase names a thing no one wields is a figure of speech, not violence."""
    agents = passive_agents(trigger)
    return bool(agents) and all(a.pos_ == "NOUN" and a.lemma_.lower() not in _VIOLENT_AGENT_NOUNS for a in agents)


#: Sectors of commerce in CAMEO actor codes: businesses and multinational corporations.
_BUSINESS_SECTORS = ("BUS", "MNC")


def without_business_only_acts(candidates: list[Candidate]) -> list[Candidate]:
    """A firm acting on a firm, or on nobody, is commerce, not a political event: at least one
    side must be a political actor ("Morgan's chief executive resigned", "the company agreed to
    buy"). A government fining a company, or a company suing a state, stays; trade with a firm
    on either side does not, nor a firm's threat, force or violence ("will launch a campaign to
    sell land")."""
    return [c for c in candidates if not (_commercial(c.source) and _commercial(c.target)) and not _trade_by_a_firm(c)
            and not _force_by_a_firm(c) and not _dictionary_act_of_a_firm(c)]


def _dictionary_act_of_a_firm(candidate: Candidate) -> bool:
    """The field's verb dictionary was written for states and their agents; a firm doing one of
    its verbs ("had planned to offer a mortgage", "set up a fund") is commerce. comity's own
    patterns still code a firm suing a state or a state fining a firm."""
    return candidate.match.pattern.layer >= BROAD_LAYER and candidate.source is not None and _commercial(candidate.source)


#: Roots of threats, force and violence, which a firm does only in figure ("launch a sales campaign").
_FORCE_ROOTS = ("13", "15", "17", "18", "19", "20")


def _force_by_a_firm(candidate: Candidate) -> bool:
    return candidate.cameo.startswith(_FORCE_ROOTS) and candidate.source is not None and _commercial(candidate.source)


#: Codes of economic cooperation: trade and investment, done (06) or intended (031x).
_ECONOMIC_CODES = ("06", "031")


def _trade_by_a_firm(candidate: Candidate) -> bool:
    """Trade or investment with a firm on either side is commerce, whoever the other side is
    ("U.S. producers export forest products to Japan", "Nippon Life plans a U.S. unit")."""
    if not candidate.cameo.startswith(_ECONOMIC_CODES):
        return False
    return any(side is not None and _commercial(side) for side in (candidate.source, candidate.target))


def _commercial(participant: Participant | None) -> bool:
    if participant is None:
        return True
    code = participant.argument.code or ""
    return code.startswith(_BUSINESS_SECTORS) or any(code[i : i + 3] in _BUSINESS_SECTORS for i in range(3, len(code), 3))
