"""Pronouns resolved to actors named before: persons, things, groups, "its troops"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from comity.factuality import inside_quotation
from comity.model import REPORTER_RULE, ActorMention, Document, Sentence, Span
from comity.stages.actors.records import Context, copy_mention, is_person_mention
from comity.stages.actors.vocabulary import (
    OBJECT_DEPS,
    REPORTING_VERBS,
    ORGANISATION_NOUNS,
    SPEAKER_PRONOUNS,
    TELLING_VERBS,
    OTHER_PARTY_NOUNS,
    PERSON_PRONOUNS,
    PERSON_TITLES,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    THING_PRONOUNS,
)


def pronoun_mentions(doc: Document, sentence: Sentence, index: int, ctx: Context, first: int) -> Iterator[ActorMention]:
    """The actors a sentence's pronouns refer to; `first`: where the sentence's own mentions
    start in `ctx.mentions`."""
    span = doc.parsed.char_span(sentence.span.start, sentence.span.end, alignment_mode="expand") or ()
    first_person = []
    for token in span:
        word = token.text.lower()
        if token.pos_ != "PRON" or token.dep_ == "expl":
            continue
        where = Span(token.idx, token.idx + len(token.text))
        if any(m.span.overlaps(where) for m in ctx.mentions):
            continue
        if word in SPEAKER_PRONOUNS:
            first_person.append(token)  # resolved once "he" in '"I promise ...," he said' is
            continue
        head = token.head
        clause = Span(min(t.idx for t in head.subtree), max(t.idx + len(t.text) for t in head.subtree))
        if word in THING_PRONOUNS and _repeats_a_thing(token, ctx):
            continue  # "called the coup a catastrophe and condemned it": "it" is the coup, no actor
        speaker = _speaker_speaking_of_itself(token) if word in THING_PRONOUNS else None
        if speaker is not None:
            # "The company said it would sue": "it" is the speaker, whether or not an actor
            said_by = _coded_mention_at(ctx, speaker[0])
            if said_by is not None and not is_person_mention(said_by, ctx):
                yield copy_mention(said_by, where, token.text, "coref:pronoun", said_by.span)
            if said_by is not None or not speaker[1]:
                continue  # "the continent-wide bloc said it", "BAGHDAD, March 11 - Iraq said it": found as any "it" is
        quoted = _quoted_beside(doc, where, ctx.mentions[first:])
        antecedent = _pronoun_antecedent(word, where, index, ctx, clause, _clause_subject(token), quoted)
        if antecedent is None and word in PLURAL_PRONOUNS:
            group = _reporting_subject(token, where, ctx) or _coordinated_subject_group(doc, token, index, ctx)
            if group is not None:
                yield group
            continue
        if antecedent is None:
            continue
        owned = _owned_agent(doc, token, antecedent, ctx)
        rule = REPORTER_RULE if antecedent.is_reporter else "coref:pronoun"  # "KCNA said ... It added"
        yield owned or copy_mention(antecedent, where, token.text, rule, antecedent.span)
    yield from _speaker_mentions(doc, first_person, span, ctx)


def _speaker_speaking_of_itself(pronoun) -> tuple[Span, bool] | None:
    """The noun subject of the verb of saying whose reported clause has this "it" as subject:
    "The IDF said it struck ...", "the company said it would sue": its head word's span, and
    whether, when it names no actor, "it" may still be found as any "it" is (a place or "the bloc")."""
    if pronoun.dep_ not in {"nsubj", "nsubjpass"} or pronoun.lower_ != "it":
        return None
    verb = pronoun.head
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in SAYING_VERBS:
        return None
    subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or subject.tag_ in ("NNS", "NNPS"):
        return None
    names_a_place = subject.ent_type_ in ("GPE", "LOC")  # the parser may take a dateline's city for the subject
    return Span(subject.idx, subject.idx + len(subject.text)), names_a_place or subject.lemma_.lower() in ORGANISATION_NOUNS


def _coded_mention_at(ctx: Context, word: Span) -> ActorMention | None:
    """The coded mention, not a news channel's, over a speaker's head word ("U.S" in "U.S.")."""
    return next((m for m in ctx.mentions if m.span.overlaps(word) and m.code and not m.is_reporter), None)


def _repeats_a_thing(pronoun, ctx: Context) -> bool:
    """An object "it" of a verb joined to one before it whose own object names no actor: the
    second verb acts on what the first did ("called the coup ... and condemned it")."""
    verb = pronoun.head
    if pronoun.dep_ != "dobj" or verb.dep_ != "conj":
        return False
    first = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    if first is None or first.pos_ != "NOUN":
        return False
    where = Span(first.idx, first.idx + len(first.text))
    return not any(m.span.overlaps(where) for m in ctx.mentions)


def _speaker_mentions(doc: Document, pronouns: list, sentence, ctx: Context) -> Iterator[ActorMention]:
    """"I" and "we" inside a quotation are its speaker, the subject of the saying outside it
    ('"But I promise to open the markets," he told the senators')."""
    for pronoun in pronouns:
        if not inside_quotation(doc.text, pronoun.idx):
            continue
        speaker = _quote_speaker(doc, sentence)
        mention = next((m for m in ctx.mentions if speaker is not None and m.span.contains(Span(speaker.idx, speaker.idx + len(speaker.text)))), None)
        if mention is not None and (mention.code or mention.members) and not mention.is_reporter:
            where = Span(pronoun.idx, pronoun.idx + len(pronoun.text))
            yield copy_mention(mention, where, pronoun.text, "coref:speaker", mention.span)


def _quote_speaker(doc: Document, sentence):  # -> spaCy token | None
    """The subject of a verb of saying of the sentence that stands outside the quotation."""
    for verb in sentence:
        if verb.lemma_.lower() in SAYING_VERBS and not inside_quotation(doc.text, verb.idx):
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and not inside_quotation(doc.text, c.idx)), None)
            if subject is not None:
                return subject
    return None


SAYING_VERBS = REPORTING_VERBS | TELLING_VERBS | {"promise", "insist", "warn", "declare", "stress"}


def _coordinated_subject_group(doc: Document, pronoun, index: int, ctx: Context) -> ActorMention | None:
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
        if sentence_index == index:  # "Although X and Y kept ties, they both recalled ...": a clause before it
            subject = _subject_before(doc, doc.sentences[index].span, pronoun)
        if subject is None:
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
            return copy_mention(named[0], where, pronoun.text, "coref:pronoun", named[0].span)
        return None  # the nearest subject decides, even when it names no group
    return None


def _reporting_subject(pronoun, where: Span, ctx: Context) -> ActorMention | None:
    """ "West German diplomats said they would insist ...": "they" as the subject of what a plural
    agent (or a group) says, hopes or agrees is that agent."""
    if pronoun.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    verb = pronoun.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp":
        return None
    governor = verb.head
    subject = next((c for c in governor.children if c.dep_ == "nsubj"), None)
    if subject is None and governor.dep_ == "conj":  # "officials agreed ... and said they"
        subject = next((c for c in governor.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ not in {"NNS", "NNPS", "NNP"}:
        return None
    said_by = _coded_mention_at(ctx, Span(subject.idx, subject.idx + len(subject.text)))
    if said_by is None or is_person_mention(said_by, ctx):
        return None
    if subject.tag_ == "NNP" and not (subject.text.endswith("s") and not (said_by.actor_id or "").startswith("state:")):
        return None  # a plural name ("the Houthis") speaks of itself; "Paris said they" is no plural
    return copy_mention(said_by, where, pronoun.text, "coref:pronoun", said_by.span)


def _subject_before(doc: Document, sentence: Span, pronoun):  # -> spaCy token | None
    """The nearest subject of a clause of the sentence that ends before the pronoun."""
    span = doc.parsed.char_span(sentence.start, sentence.end, alignment_mode="expand") or ()
    subjects = [t for t in span if t.dep_ in {"nsubj", "nsubjpass"} and t.i < pronoun.i and pronoun not in t.subtree]
    return subjects[-1] if subjects else None


def _plural_agent_alone(doc: Document, mention: ActorMention, subject, sentence_index: int, ctx: Context) -> bool:
    """"Russian troops shelled the town. They also ...": the subject is a plural agent noun
    (troops, officials, protesters) and its sentence names no other actor "they" could be."""
    if mention.role is None or subject.tag_ not in {"NNS", "NNPS"} or not mention.span.contains(Span(subject.idx, subject.idx + len(subject.text))):
        return False
    return all(m is mention or not (m.resolved or m.code) or ctx.sentence_of.get(m.span) != sentence_index
               or not _could_be_they(m) for m in ctx.mentions)


def _could_be_they(mention: ActorMention) -> bool:
    """A group, a plural role, or a people: not a state or a person named in the singular."""
    return bool(mention.members) or _plural_role(mention) or mention.role in {"people", "peoples"}


def _main_subject(doc: Document, sentence: Span):  # -> spaCy token | None
    span = doc.parsed.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    return next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _owned_agent(doc: Document, pronoun, antecedent: ActorMention, ctx: Context) -> ActorMention | None:
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


def _owner_state(antecedent: ActorMention, ctx: Context) -> str | None:
    """Whose "his forces" are: the state itself, or a person's country ("Aliyev ... his forces"
    are Azerbaijan's), never the person."""
    if antecedent.actor_id is None or antecedent.actor_id.startswith("state:"):
        return antecedent.actor_id
    state = f"state:{antecedent.country}"
    return state if state in ctx.knowledge else None


def _quoted_beside(doc: Document, pronoun: Span, sentence_mentions: Sequence[ActorMention]) -> frozenset[Span]:
    """Names quoted in the sentence of a pronoun outside the quotation: '"... the fault of Turkey,"
    it said' - the one saying it is not named in what it says."""
    if inside_quotation(doc.text, pronoun.start):
        return frozenset()
    return frozenset(m.span for m in sentence_mentions if inside_quotation(doc.text, m.span.start))


def _pronoun_antecedent(
    word: str, where: Span, index: int, ctx: Context, clause: Span | None = None, subject: Span | None = None,
    quoted: frozenset[Span] = frozenset(),
) -> ActorMention | None:
    if word in PERSON_PRONOUNS:
        gender = PERSON_PRONOUNS[word]
        others = _clause_mentions(ctx, where, clause)
        def fits(m: ActorMention) -> bool:
            own_subject = subject is not None and m.span.overlaps(subject)  # "…which paid a call on him"
            person = (is_person_mention(m, ctx) or _one_official(m)) and _gender_fits(ctx, m, gender)
            return person and not _named_again(m, others) and not own_subject
    elif word in THING_PRONOUNS:
        fits = lambda m: not is_person_mention(m, ctx) and m.resolved and not m.members and not _plural_role(m)  # noqa: E731
    elif word in PLURAL_PRONOUNS:
        fits = lambda m: bool(m.members) or m.role in {"people", "peoples"}  # noqa: E731
    else:
        return None
    named = [m for m in ctx.mentions if m.rule != "coref:pronoun" and fits(m) and m.span not in quoted]
    actors = [m for m in named if not m.is_reporter]
    # "Chile will cut tariffs, KCNA said. It would also ...": an actor before the reporter
    return _latest_fitting(actors, where, index, ctx) or _latest_fitting(named, where, index, ctx)


def _latest_fitting(named: list[ActorMention], where: Span, index: int, ctx: Context) -> ActorMention | None:
    same = [m for m in named if ctx.sentence_of[m.span] == index and m.span.end <= where.start]
    if same:
        return max(same, key=lambda m: m.span.start)
    previous = sorted(
        (m for m in named if index - ctx.sentence_of[m.span] in (1, 2)),
        key=lambda m: (-ctx.sentence_of[m.span], -m.span.start),
    )
    subjects = [m for m in previous if m.span in ctx.subjects]
    return (subjects or previous or [None])[0]


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


def _clause_mentions(ctx: Context, pronoun: Span, clause: Span | None) -> list[ActorMention]:
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

    def same_actor(other: ActorMention) -> bool:  # not the state an official of it belongs to
        return bool(candidate.actor_id) and other.actor_id == candidate.actor_id and other.code == candidate.code

    return any(same_actor(other) or same_office(other) for other in others)


def _plural_role(mention: ActorMention) -> bool:
    """ "Mozambican refugees", "Iraqi troops": a role noun in the plural, which "it" does not refer to."""
    words = mention.text.lower().split()
    role = (mention.role or "").lower().split()
    return bool(words and role) and words[-1] != role[-1] and words[-1].startswith(role[-1][:-1]) and words[-1].endswith("s")


def _one_official(mention: ActorMention) -> bool:
    """A state's official named by role alone, in the singular: "a British minister said he"."""
    role = (mention.role or "").lower()
    return mention.rule in ("demonym+agent", "name+agent") and role in PERSON_TITLES and mention.text.lower().endswith(role)


def _gender_fits(ctx: Context, mention: ActorMention, gender: str) -> bool:
    if mention.actor_id is None:
        return True
    known = ctx.knowledge.entry(mention.actor_id).gender
    return known is None or known == gender
