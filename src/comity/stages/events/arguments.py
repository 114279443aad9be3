"""Argument slots read off the dependency parse: logical subject and object, datives, "between X and Y",
prepositional and inner targets, the same way for every pattern source."""

from __future__ import annotations

from comity import factuality as factuality_rules
from comity.stages.actors.syntax import hyphen_partner
from comity.stages.events.fallback_subjects import (
    main_clause_subjects,
    reporter_of_misattached_conjunct,
    speaker_of,
)
from comity.stages.events.participants import ActorIndex, is_victim
from comity.stages.events.records import Match, Participant
from comity.stages.events.vocabulary import (
    CIRCUMSTANCE_PREPOSITIONS,
    CONSULTATION_NOUNS,
    ELICITING_LEMMAS,
    INNER_TARGET_PREPOSITIONS,
    LASTING_STATE_NOUNS,
    OBJECT_CONTROL_VERBS,
    OPENING_BRACKETS,
    PARTY_PREPOSITIONS,
    PHASE_NOUNS,
    PRESENCE_WORDS,
    RELATIVE_PRONOUNS,
    SHARED_LINE_NOUNS,
    SIDE_NOUNS,
    STATE_VERBS,
    THIRD_PARTY_NOUNS,
    UNDERGOING_VERBS,
)


def is_passive(token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) or (
        token.tag_ == "VBN" and token.dep_ == "acl"
    ) or _elided_passive(token)


def _elided_passive(token) -> bool:
    """ "the brigade was shattered and 200 of its men killed": a bare participle joined to a
    passive verb shares its "was"; the parser calls its patient a subject."""
    if token.dep_ != "conj" or token.tag_ != "VBN" or token.head.i == token.i:
        return False
    if any(c.dep_ in ("aux", "auxpass", "dobj", "obj") for c in token.children):
        return False
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.head.children)


def passive_agents(token) -> list:
    """The objects of a passive verb's "by" agent: "accused by Arnor" gives Arnor."""
    return [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def _passive_subjects(token) -> list:
    return [c for c in token.children if c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and _elided_passive(token))]


def logical_subject(token, depth: int = 0) -> list:
    if depth > 4:
        return []
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ != "ROOT" or token.pos_ == "NOUN":
        return _noun_subject(token, depth)
    if (orderer := factuality_rules.ordering_verb(token)) is not None:
        return logical_subject(orderer, depth + 1)
    if is_passive(token):
        agent = passive_agents(token)
        if agent or token.dep_ != "conj" or _passive_subjects(token):
            return agent
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")] or _subject_read_into_time_phrase(token) or _subject_before_relative_clause(token)
    if subjects:
        if subjects[0].lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
            return [token.head]
        # the parser may give "Lions, tigers, and Gondor" two subjects
        return [_glossed(subject) for subject in _inside_clause(token, subjects)]
    head = token.head
    if head.i == token.i:
        return []
    if token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ == "VBG"):
        return [head]
    if token.dep_ == "acl" and token.tag_ in _FINITE_TAGS and head.dep_ == "ROOT":
        return [head]  # "Nikol Pashinyan, Armenia's prime minister, accused ..." read as a noun the verb modifies
    if token.pos_ == "ADJ" and token.dep_ in ("amod", "appos") and head.i < token.i and head.pos_ in ("PROPN", "NOUN"):
        return [head]  # "Mulroney, sharply critical of ...": an adjective set after the one it is said of
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if token.dep_ == "xcomp" or (token.dep_ == "advcl" and infinitive and head.lemma_ in OBJECT_CONTROL_VERBS):
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        if obj is None:  # "called on X to lift", "appealed to X to help"
            obj = next((p for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") for p in c.children if p.dep_ == "pobj"), None)
        if obj is not None and head.lemma_ in OBJECT_CONTROL_VERBS:
            return [obj]
        raised = [c for c in head.children if c.dep_ == "nsubjpass"]
        if raised and not any(c.dep_ == "agent" for c in head.children):
            return raised  # "X is scheduled to visit"
        return logical_subject(head, depth + 1)
    if token.dep_ in ("conj", "advcl", "acomp"):
        return logical_subject(head, depth + 1)
    if token.dep_ == "pcomp" and head.head.i != head.i:
        governor = head.head
        controller = [c for c in governor.children if c.dep_ == "dobj"]
        if head.lower_ in ("for", "of") and controller and governor.pos_ == "VERB":
            return controller  # "thanked X for extending", "accused X of violating"
        return logical_subject(governor, depth + 1)
    return []


#: Tags of a finite verb, which the parser may still hang on a noun as a modifier ("acl").
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _subject_read_into_time_phrase(verb) -> list:
    """The subject the parser folded into an opening time phrase: "On Friday Beijing
    announced ..." read as "on (Friday Beijing)"; the name after the day is the doer."""
    if verb.dep_ != "ROOT":
        return []
    return [
        noun
        for prep in verb.children if prep.dep_ == "prep" and prep.i < verb.i
        for noun in prep.children
        if noun.dep_ == "pobj" and noun.pos_ == "PROPN" and noun.ent_type_ != "DATE"
        and any(c.dep_ == "compound" and c.ent_type_ == "DATE" for c in noun.children)
    ]


def _subject_before_relative_clause(verb) -> list:
    """The subject the parser hung elsewhere when a relative clause stands between it and its
    verb: "Reagan, who spoke to an audience of experts, also pledged ..."; the name the
    "who" clause describes, when that clause ends right before the verb."""
    if verb.pos_ != "VERB" or verb.dep_ not in ("ROOT", "conj"):
        return []
    before = [t for t in verb.doc[max(0, verb.i - 4) : verb.i] if not t.is_punct and t.dep_ not in ("advmod", "aux", "neg")]
    clause = before[-1] if before else None
    while clause is not None and clause.dep_ != "relcl" and clause.head.i != clause.i and clause.head.i < verb.i:
        clause = clause.head
    if clause is None or clause.dep_ != "relcl" or not any(c.lower_ in ("who", "which") and c.dep_ == "nsubj" for c in clause.children):
        return []
    return [clause.head] if clause.head.pos_ == "PROPN" else []


def _glossed(subject):
    """The phrase a bracketed gloss explains when the parser took the gloss for the subject:
    "Kim, president of the DPRK [Democratic People's Republic of Korea], hosted ..." has the
    gloss as subject and "Kim" left as a fragment; the top of that fragment is the subject."""
    bracket = subject.left_edge if subject.left_edge.text in OPENING_BRACKETS else subject.doc[max(subject.left_edge.i - 1, 0)]
    if bracket.text not in OPENING_BRACKETS or bracket.i == 0:
        return subject
    top = subject.doc[bracket.i - 1]
    while top.head.i != top.i and top.head.i < bracket.i:
        top = top.head
    if top.head.i == top.i and top.pos_ in ("PROPN", "NOUN", "PRON"):
        return top
    return subject


def _inside_clause(verb, subjects: list) -> list:
    """The subjects after the verb's subordinator: a subject before it belongs to a clause the
    parser failed to build ("X departx from Y after crowds trashed ..." gives "trashed" both)."""
    marker = next((c for c in verb.children if c.dep_ == "mark" and c.i < verb.i), None)
    if marker is None:
        return subjects
    return [subject for subject in subjects if subject.i > marker.i] or subjects


def _noun_subject(noun, depth: int) -> list:
    possessor = [c for c in noun.children if c.dep_ == "poss" and not _is_time(c)]
    if possessor:
        return possessor
    clause_subject = _subject_of_verb_read_as_modifier(noun)
    if clause_subject:
        return clause_subject
    # one side of a pair ("the Iran-Iraq war") is no doer of its own
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i and _names_someone(c) and hyphen_partner(c) is None]
    if modifiers:
        return modifiers  # "Russian shelling hit ...", "condemned the Israeli strikes", "a North Korean call for talks"
    by_agent = _by_phrase_objects(noun) or [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj" for p in _by_phrase_objects(o)]
    if by_agent:  # "the expulsion of X by Y", the parser often hanging "by Y" on X
        return by_agent
    head = noun.head
    if noun.dep_ == "conj" and head.i != noun.i:
        return _noun_subject(head, depth + 1)
    if eliciting_verb(noun) is not None:  # "drawing condemnation from X": X condemns
        return _from_objects(noun) or _from_objects(head)
    if _undergone(noun):
        return _undergoing_doers(noun)
    if noun.dep_ in ("dobj", "obj") and head.pos_ in ("VERB", "AUX"):
        return logical_subject(head, depth + 1)
    if _announced_to_be(noun):  # "said there would be severe sanctions on Russia": the sayer's own
        return speaker_of(head)
    return _circumstance_doer(noun, depth)


def _announced_to_be(noun) -> bool:
    """An act that "there will be", or "would be", in a saying: the sayer announces it."""
    head = noun.head
    return (
        noun.dep_ == "attr"
        and head.lemma_ == "be"
        and any(c.dep_ == "expl" for c in head.children)
        and any(c.dep_ == "aux" and c.lower_ in factuality_rules.ANNOUNCING_MODALS for c in head.children)
    )


def _circumstance_doer(noun, depth: int) -> list:
    """Who does an event noun set as the circumstance of a clause: the clause's subject
    ("Iraqi planes destroyed oil installations during a raid": the planes raided), through a
    phase noun ("before leaving at the end of a four-day visit", "on his return from a visit")."""
    preposition = noun.head
    if noun.dep_ != "pobj":
        return []
    governor = preposition.head
    if preposition.lower_ in ("of", "from") and governor.lemma_.lower() in PHASE_NOUNS and governor.pos_ == "NOUN":
        return _noun_subject(governor, depth + 1)
    if _sets_circumstance(preposition):
        doers = logical_subject(governor, depth + 1)
        if not doers and noun.lemma_.lower() in CONSULTATION_NOUNS and is_passive(governor):
            return speaker_of(governor)  # "X said progress was made in talks with Y": X's side talks
        return doers
    if preposition.lower_ == "for" and preposition.dep_ == "prep":
        return _present_for(preposition, depth)
    return []


def _present_for(preposition, depth: int) -> list:
    """Who is somewhere "for" an event: the one the place word is said of ("X, here for talks
    with Y"), or the subject of the verb of going or being ("arrived in Tokyo for talks")."""
    host = preposition.head
    if host.lemma_.lower() not in PRESENCE_WORDS:
        return []
    if host.pos_ == "ADV" and host.dep_ == "advmod":
        host = host.head  # "X, here for talks, said": the parser hangs "here" on X or on X's verb
        if host.pos_ in ("PROPN", "NOUN"):
            return [host]
    return logical_subject(host, depth + 1) if host.pos_ in ("VERB", "AUX") else []


def _sets_circumstance(preposition) -> bool:
    governor = preposition.head
    return (preposition.dep_ == "prep" and preposition.lower_ in CIRCUMSTANCE_PREPOSITIONS and governor.pos_ == "VERB"
            and governor.lemma_.lower() not in STATE_VERBS)


def dated_by_possessive(noun) -> bool:
    """ "Friday's request", "last week's talks": an act named with its own time."""
    return any(c.dep_ == "poss" and _is_time(c) for c in noun.children)


def _is_time(token) -> bool:
    """"Friday's request", "last week's talks": a possessive of time, not a doer."""
    return token.ent_type_ in ("DATE", "TIME")


def _by_phrase_objects(token) -> list:
    return [p for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]


def eliciting_verb(noun):
    """The verb that has the event noun as the reaction it drew, or None."""
    head = noun.head
    if noun.dep_ in ("dobj", "obj") and head.lemma_.lower() in ELICITING_LEMMAS and head.pos_ == "VERB":
        return head
    return None


def _from_objects(token) -> list:
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children if p.dep_ == "pobj"]


def _names_someone(modifier) -> bool:
    """A name or a demonym before a noun ("Russian shelling", "Hamas attacks"), not a plain
    adjective ("sharp criticism")."""
    return modifier.pos_ == "PROPN" or (modifier.pos_ == "ADJ" and modifier.ent_type_ in ("NORP", "GPE", "ORG"))


def _subject_of_verb_read_as_modifier(noun) -> list:
    """ "Trump held talks with Lee" misread as one noun phrase ("held" a modifier of "talks"):
    the name before the verb is its subject."""
    for verb in (c for c in noun.children if c.dep_ == "amod" and c.tag_ in ("VBD", "VBN") and c.i < noun.i):
        before = [t for t in noun.subtree if t.i < verb.i and t.dep_ in ("nmod", "npadvmod", "nsubj", "compound") and t.pos_ in ("PROPN", "NOUN")]
        if before:
            return before[:1]
    return []


def _logical_object(token) -> list:
    if token.pos_ == "NOUN":
        return []
    if is_passive(token):
        subject = _passive_subjects(token)
        if subject and subject[0].lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
            return [token.head]
        if not subject and token.dep_ == "acl":
            return [token.head]
        return subject
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
    # a headline's object the parser left unattached ("Arnor praises Gondor" with "Gondor" as dep)
    # or took for a dative, with no object beside it ("Greece accuses Turkey" at a line's end)
    return objects or [
        c for c in token.children
        if c.i > token.i and c.pos_ == "PROPN" and (c.dep_ == "dep" or (c.dep_ == "dative" and c.pos_ != "ADP"))
    ]


def _argument_hosts(match: Match) -> list:
    """Tokens whose prepositional phrases can hold the trigger's arguments."""
    trigger = match.trigger
    hosts = [trigger] + [c for c in trigger.children if c.dep_ == "advmod"]  # "marched close to X"
    if match.obj is not None and match.obj.pos_ in ("NOUN", "PROPN"):
        hosts.append(match.obj)
    for token in list(hosts):
        clauses = [c for c in token.children if c.dep_ in ("acl", "relcl")]
        hosts += clauses + [g for c in clauses for g in c.children if g.dep_ == "xcomp"]
    if trigger.pos_ == "NOUN":
        if trigger.dep_ == "conj":
            hosts.append(trigger.head)
            hosts += [c for c in trigger.head.children if c.dep_ == "acl"]
        if trigger.dep_ in ("dobj", "nsubj", "nsubjpass") and trigger.head.pos_ == "VERB":
            hosts.append(trigger.head)
        if trigger.dep_ == "pobj" and _sets_circumstance(trigger.head):
            hosts.append(trigger.head.head)  # "emphasised in talks this morning with X": the verb holds "with X"
    return hosts


def _prep_objects(match: Match, word: str) -> list:
    found = []
    for host in _argument_hosts(match):
        for child in host.children:
            if child.dep_ in ("prep", "dative", "agent") and child.lower_ == word:
                found += [p for p in child.children if p.dep_ in ("pobj", "pcomp") and not _third_party_role(p)]
            elif word == "to" and child.dep_ == "dative" and child.pos_ != "ADP":
                found.append(child)
    return list(dict.fromkeys(found))


def _pair_compound(noun) -> list:
    """The two sides a hyphened pair before an event noun names ("U.S.-Soviet talks"), or before
    the border it happens on ("clashes on the Iran-Iraq border")."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() in LASTING_STATE_NOUNS:
        return []
    placed = [noun, noun.head] if noun.dep_ in ("nsubj", "nsubjpass") else [noun]  # "clashes broke out on the border"
    hosts = [noun] + [p for h in placed for c in h.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in SHARED_LINE_NOUNS]
    for host in hosts:
        for token in host.doc[host.left_edge.i : host.i]:
            partner = hyphen_partner(token)
            if partner is not None and partner.i > token.i and partner.i < host.i:
                return [token, partner]
    return []


def _harmed_by(noun) -> list:
    """ "Soleimani was killed by a US airstrike in Iraq": the one the act the noun names was done
    to, when the noun is the "by" agent of a passive verb; not the place it happened in."""
    if _undergone(noun):  # "the convoy came under attack from rebels"; "is under attack for…" names no attacker
        return [c for c in noun.head.head.children if c.dep_ == "nsubj"] if _undergoing_doers(noun) else []
    agent = noun.head
    if noun.dep_ != "pobj" or agent.dep_ != "agent" or agent.lower_ != "by":
        return []
    return [c for c in agent.head.children if c.dep_ == "nsubjpass"]


def _undergone(noun) -> bool:
    """ "came under criticism from X", "fell under attack": the clause's subject undergoes the act
    the noun names, whose doer the "from" phrase gives."""
    preposition = noun.head
    return (noun.dep_ == "pobj" and preposition.lower_ == "under" and preposition.dep_ == "prep"
            and preposition.head.lemma_.lower() in UNDERGOING_VERBS)


def _undergoing_doers(noun) -> list:
    """Who does what an "under" phrase names: the "from" of the noun or of its verb."""
    return _from_objects(noun) or _from_objects(noun.head.head)


def _third_party_role(token) -> bool:
    """"with (the) participation/mediation/help of X": X takes part beside the sides, not opposite."""
    return token.lemma_.lower() in THIRD_PARTY_NOUNS and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def _party_prep_objects(match: Match) -> list:
    """Objects of the prepositions that can name a party ("sent aid to X", "fired at X"), in
    text order; not those of place or time ("in", "during")."""
    found = [
        p
        for host in _argument_hosts(match) for child in host.children
        if child.dep_ in ("prep", "dative") and child.lower_ in PARTY_PREPOSITIONS
        for p in child.children if p.dep_ in ("pobj", "pcomp") and not _third_party_role(p)
    ]
    return sorted(dict.fromkeys(found), key=lambda token: token.i)


def _complement_subjects(match: Match) -> list:
    """The subject of the clause said or believed; unless the pattern is a plain statement (whose
    topic is no target: "said Thailand's output will fall"), also the owner of a thing there."""
    statement = match.pattern.cameo.startswith("01")
    if match.trigger.dep_ == "parataxis" and not statement:  # "Israel's actions, Prada said, are a violation"
        return _with_owners(_named_subjects(match.trigger.head))
    for host in (match.trigger, match.obj):
        if host is None:
            continue
        for child in host.children:
            if child.dep_ in ("ccomp", "acl") and any(g.dep_ == "mark" for g in child.children) or child.dep_ == "ccomp":
                subject = _named_subjects(child)
                if subject and not statement:
                    # "asked if protection could be provided by U.S. destroyers": the one to act
                    subject = passive_agents(child) or subject
                if subject:
                    return subject if statement else _with_owners(subject)
    return []


def _named_subjects(clause) -> list:
    return [g for g in clause.children if g.dep_ in ("nsubj", "nsubjpass") and g.pos_ != "PRON"]


def _with_owners(subjects: list) -> list:
    """The subjects, then whose a thing among them is, when it stands for its owner's conduct:
    "said Israel's actions were a violation", "said the U.S. move was illegal"."""
    owners = [o for s in subjects if s.pos_ == "NOUN" for o in noun_doers(s) + [c for c in s.children if c.dep_ == "compound" and c.pos_ == "PROPN"]]
    return subjects + owners


def _inner_targets(match: Match) -> list:
    """Tokens inside the object phrase that may name the target, best first: the doer of an
    event noun ("condemned an attack by X"), then the objects of relational prepositions
    ("the will to develop ties with Cuba"), then any other noun in the phrase."""
    purposes = [c for c in match.trigger.children if c.dep_ in ("xcomp", "advcl") and any(g.lower_ == "to" for g in c.children)]
    phrases = ([match.obj] if match.obj is not None else []) + purposes
    ordered: list = []
    if match.obj is not None and match.obj.pos_ == "NOUN":
        ordered += noun_doers(match.obj)
    described = {t.i for phrase in phrases for a in phrase.subtree if a.dep_ == "appos" and a.pos_ == "NOUN" for t in a.subtree}
    # "escort Kuwaiti tankers, regular targets for attacks in its war with Iraq": a description set
    # beside the object is not where its target is ("its neighbour, Kuwait" names it, and stays)
    subtree = [t for phrase in phrases for t in phrase.subtree if t.i not in described]
    for word in INNER_TARGET_PREPOSITIONS:
        ordered += [p for t in subtree if t.dep_ == "prep" and t.lower_ == word for p in t.children if p.dep_ == "pobj"]
    ordered += [t for t in subtree if t.dep_ in ("dobj", "pobj", "compound", "poss", "nmod", "amod") and t.head.dep_ != "agent" and not is_victim(t)]
    return list(dict.fromkeys(ordered))


def noun_doers(noun) -> list:
    """Who does what a noun names: its possessor or its "by" phrase ("an attack by X", "X's attack")."""
    possessors = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON" and not _is_time(c)]
    by_phrase = [p for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
    return possessors + by_phrase


def slot_tokens(match: Match, slot: str) -> tuple[list, bool]:
    """The head tokens of a slot, and whether they stand in a "between" relation."""
    trigger = match.trigger
    if slot == "subject":
        return logical_subject(trigger), False
    if slot == "object":
        return _logical_object(trigger), False
    if slot == "dative":
        return [c for c in trigger.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"], False
    if slot == "between":
        return _prep_objects(match, "between") or _pair_compound(match.trigger), True
    if slot == "speaker":
        return speaker_of(trigger), False
    if slot == "harmed":
        return _harmed_by(trigger), False
    if slot == "complement":
        return _complement_subjects(match), False
    if slot == "inside":
        return _inner_targets(match), False
    if slot == "prep:*":
        return _party_prep_objects(match), False
    return _prep_objects(match, slot.removeprefix("prep:")), False


def _first_party_no_actor(party, actors: ActorIndex) -> bool:
    """The first of the parties "between" names is a common noun naming no actor ("banks")."""
    return party.pos_ == "NOUN" and party.lemma_.lower() not in SIDE_NOUNS and actors.at(party) is None and not any(
        c.dep_ in ("amod", "compound", "poss", "nmod") and actors.at(c) is not None for c in party.children)


def first_filled(match: Match, slots: tuple[str, ...], actors: ActorIndex, exclude: list[Participant]) -> tuple[list[Participant], bool]:
    excluded = frozenset(p.key for p in exclude)
    for slot in slots:
        tokens, between = slot_tokens(match, slot)
        if slot == "subject":
            tokens = tokens + main_clause_subjects(match)
        # inside a phrase only the nearest actor (with its coordinated ones) is the target
        groups = [[t] for t in tokens] if slot == "inside" else [tokens]
        if between and tokens and _first_party_no_actor(tokens[0], actors):
            continue  # "talks between banks and Mexico, Chile and Venezuela": each state with the banks, not with each other
        if between and tokens:  # "between X, member of ..., and Y": the parser may hang Y deep inside
            groups = [tokens + [t for token in tokens for t in token.subtree if t.dep_ == "conj"]]
        for group in groups:
            participants = [p for p in actors.participants(group, slot == "complement", excluded) if p.key not in excluded]
            if participants:
                return participants, between or (slot == "inside" and group[0].head.lower_ == "between")
        if slot == "subject" and (reporters := reporter_of_misattached_conjunct(match.trigger)):
            participants = [p for p in actors.participants(reporters) if p.key not in excluded]
            if participants:
                return participants, False
    return [], False
