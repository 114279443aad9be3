"""The actors stage: every actor mention of a parsed document, in text order."""

from __future__ import annotations

from comity.knowledge.actors import ActorKnowledge
from comity.model import ActorMention, Document, Sentence
from comity.stages.actors.compose import sentence_mentions
from comity.stages.actors.home import context_country, dateline_country, main_dyad, outlet_country, publication_date
from comity.stages.actors.people import salient_antecedent
from comity.stages.actors.pronouns import pronoun_mentions
from comity.stages.actors.records import Context, copy_mention
from comity.stages.actors.syntax import head_dep
from comity.stages.actors.units import named_entities, sentence_units
from comity.stages.actors.unknown import role_before_comma


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


def find_mentions(doc: Document, knowledge: ActorKnowledge) -> list[ActorMention]:
    """Every actor mention of a parsed document, in text order."""
    ctx = Context(knowledge, publication_date(doc), None)
    entities = named_entities(doc, knowledge)
    per_sentence = [sentence_units(doc, knowledge, s, entities, ctx.on) for s in doc.sentences]
    ctx.dateline = dateline_country(doc, knowledge)
    ctx.home = outlet_country(doc, knowledge)
    ctx.country = context_country(doc, knowledge, per_sentence)
    ctx.dyad = main_dyad(doc, per_sentence, ctx)
    for index, (sentence, units) in enumerate(zip(doc.sentences, per_sentence)):
        first = len(ctx.mentions)
        for mention in sentence_mentions(doc, sentence, units, ctx):
            _record(ctx, doc, mention, index)
        for mention in pronoun_mentions(doc, sentence, index, ctx, first):
            _record(ctx, doc, mention, index)
        _place_strangers_by_pronoun_roles(doc, sentence, ctx, first)
    _resolve_first_surnames(ctx)
    return sorted(ctx.mentions, key=lambda m: (m.span.start, m.span.end))


def _resolve_first_surnames(ctx: Context) -> None:
    """A surname named before the full name ("Yoon and Kishida agree ..." over a story naming
    "President Yoon Suk Yeol") is the person the text goes on to name, coded as that later
    mention is (at the document's date), not a guess from the surname alone."""
    for span, text, candidates in ctx.first_surnames:
        later = salient_antecedent(ctx, candidates, after=span)
        if later is None:
            continue
        resolved = copy_mention(later, span, text, "cataphora:surname", later.span)
        ctx.mentions = [m for m in ctx.mentions if m.span != span] + [resolved]


def _place_strangers_by_pronoun_roles(doc: Document, sentence: Sentence, ctx: Context, first: int) -> None:
    """A stranger named after a role the pronoun pass has just coded: "its ambassador to Kuwait,
    Ernest Zverev" takes the ambassador's code once "its" is known. Only the sentence's own
    mentions, recorded from `first` on, are looked at."""
    for position in range(first, len(ctx.mentions)):
        mention = ctx.mentions[position]
        if mention.code is None and mention.rule.startswith("unknown"):
            placed = role_before_comma(doc, mention, sentence, ctx)
            if placed is not None:
                ctx.mentions[position] = placed


def _record(ctx: Context, doc: Document, mention: ActorMention, sentence_index: int) -> None:
    ctx.mentions.append(mention)
    ctx.sentence_of[mention.span] = sentence_index
    if head_dep(doc, mention.span) in {"nsubj", "nsubjpass"}:
        ctx.subjects.add(mention.span)
