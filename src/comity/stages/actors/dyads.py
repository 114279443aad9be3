""""The two countries", "both sides": a group of the document's main dyad."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from comity.model import ActorMention, Document, Sentence, Span
from comity.stages.actors.records import Context
from comity.stages.actors.vocabulary import DYAD


def dyad_mentions(doc: Document, sentence: Sentence, ctx: Context) -> Iterator[ActorMention]:
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


def _dyad_member(country: str, noun: str, ctx: Context) -> tuple[str, str]:
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
