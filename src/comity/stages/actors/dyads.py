""""The two countries", "both sides": a group of the document's main dyad; "the three
Scandinavian countries", "four countries, including X, Y, Z and W": a group of the states listed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from comity.model import ActorMention, Document, Sentence, Span
from comity.stages.actors.records import Context
from comity.stages.actors.vocabulary import DYAD


def dyad_mentions(doc: Document, sentence: Sentence, ctx: Context) -> Iterator[ActorMention]:
    yield from counted_groups(doc, sentence, ctx)
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


#: "the three Scandinavian countries", "at least four countries", "six nations": a counted group
#: of states (two is the dyad's, above).
COUNTED_GROUP = re.compile(
    r"\b(?:the\s+)?(?:at least\s+)?(three|four|five|six|seven|eight|nine|ten)\s+(?:[A-Z][\w-]*\s+){0,2}"
    r"(countries|nations|states|governments)\b"
)
_NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
#: Words that open the list of a group's members right after it: "four countries, including X".
_LISTING = re.compile(r",?\s+(?:including|such as|namely|among them)\s+")
#: What may stand between two listed states: "Sweden, Denmark and Norway".
_LIST_GLUE = re.compile(r"^(?:,\s*|\s+and\s+|,\s*and\s+|\s*&\s*)$")
#: The same after "including", where a state may take its article: "the United States, the Soviet Union".
_LISTED_GLUE = re.compile(r"^(?:,\s*|\s+and\s+|,\s*and\s+|\s*&\s*)(?:the\s*)?$")
_LIST_OPENING = re.compile(r"^\s*(?:the)?\s*$")


def counted_groups(doc: Document, sentence: Sentence, ctx: Context) -> Iterator[ActorMention]:
    """A counted group of states is the states listed right after it ("four countries,
    including the United States, the Soviet Union, Britain and China"), else the last list of
    that many states the story named ("the governments of Sweden, Denmark and Norway ... the
    three Scandinavian countries"); else nothing: a count is no guess at who."""
    text = sentence.span.text(doc.text)
    for match in COUNTED_GROUP.finditer(text):
        span = Span(sentence.span.start + match.start(), sentence.span.start + match.end())
        count = _NUMBERS[match.group(1)]
        listing = _LISTING.match(text, match.end())
        states = _state_mentions(ctx)
        if listing:
            start = sentence.span.start + listing.end()
            members = _list_from(doc, [m for m in states if m.span.start >= start], start)
        else:
            members = _last_list_of(doc, [m for m in states if m.span.end <= span.start], count)
        if len(members) < 2 or (not listing and len(members) != count):
            continue
        agent = "GOV" if match.group(2) == "governments" else ""
        yield ActorMention(span, match.group(), None, None, None, match.group(2), "group:listed",
                           members=tuple(f"state:{m.country}" for m in members),
                           member_codes=tuple(f"{m.country}{agent}" for m in members))


def _state_mentions(ctx: Context) -> list[ActorMention]:
    return [m for m in ctx.mentions if m.country and m.actor_id == f"state:{m.country}" and not m.members]


def _list_from(doc: Document, mentions: Sequence[ActorMention], start: int) -> list[ActorMention]:
    """The states listed one after another from `start`, joined only by commas and "and"."""
    listed: list[ActorMention] = []
    position = start
    for mention in mentions:
        if not (_LISTED_GLUE if listed else _LIST_OPENING).match(doc.text[position : mention.span.start]):
            break
        if mention.country not in {m.country for m in listed}:
            listed.append(mention)
        position = mention.span.end
    return listed


def _last_list_of(doc: Document, mentions: Sequence[ActorMention], count: int) -> list[ActorMention]:
    """The latest run of `count` states named one after another ("Sweden, Denmark and Norway")."""
    for end in range(len(mentions) - 1, -1, -1):
        run = [mentions[end]]
        for earlier in reversed(mentions[:end]):
            if not _LIST_GLUE.match(doc.text[earlier.span.end : run[0].span.start]):
                break
            run.insert(0, earlier)
        if len(run) == count and len({m.country for m in run}) == count:
            return run
    return []
