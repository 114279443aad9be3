"""What the actor rules share while reading one document: units found in the text, the
document's context, and the builders of mentions every rule uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from comity.knowledge.actors import ActorKnowledge, AgentMatch, NameMatch
from comity.model import ActorMention, Span


@dataclass(slots=True)
class Unit:
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
class Context:
    knowledge: ActorKnowledge
    on: date | None
    country: str | None  # the dateline's, else the state the story names most, else a national outlet's
    dateline: str | None = None  # where the story was filed, when a dateline says
    home: str | None = None  # the dateline's or a national outlet's country, never a guess from counts
    dyad: tuple[str, ...] = ()
    mentions: list[ActorMention] = field(default_factory=list)
    subjects: set[Span] = field(default_factory=set)  # spans whose head is a grammatical subject
    sentence_of: dict[Span, int] = field(default_factory=dict)
    # bare surnames named before any full name of theirs ("Moon and Kim agree" over the story),
    # with the persons each may be: resolved once the whole text is read
    first_surnames: list[tuple[Span, str, tuple[str, ...]]] = field(default_factory=list)


def resolved_mention(span: Span, text: str, actor_id: str, rule: str, ctx: Context, antecedent: Span | None = None) -> ActorMention:
    code, role = ctx.knowledge.code_at(actor_id, ctx.on)
    return ActorMention(span, text, actor_id, code, ctx.knowledge.country_for(actor_id, code), role, rule, antecedent)


def copy_mention(mention: ActorMention, span: Span, text: str, rule: str, antecedent: Span | None) -> ActorMention:
    return ActorMention(
        span, text, mention.actor_id, mention.code, mention.country, mention.role, rule, antecedent,
        mention.members, mention.member_codes,
    )


def titled_unknown(
    span: Span, text: str, title: AgentMatch, country: str | None, rule: str, ctx: Context
) -> ActorMention:
    code = ctx.knowledge.with_agent(country, title.code) if country else None
    return ActorMention(span, text, None, code, country, title.noun, rule)


def is_person_mention(mention: ActorMention, ctx: Context) -> bool:
    if mention.actor_id is None:
        return mention.rule.startswith(("title+", "apposition"))
    return mention.actor_id.startswith("person:")


def last_title(group: Sequence[Unit]) -> AgentMatch | None:
    titles = [u.agent for u in group if u.agent is not None and u.agent.code]
    return titles[-1] if titles else None


def coded_titles(group: Sequence[Unit]) -> list[AgentMatch]:
    return [u.agent for u in group if u.agent is not None and u.agent.code]
