"""Companies are business actors, never states: a company named with its legal form ("Bally
Manufacturing Corp", "Toyota Motor Co Ltd", "Deutsche Bank"), in Reuters' angle brackets
("<Gruppo Ferruzzi>") or with its ticker ("Bally <BLY>") is one actor, coded with its known code
(Phoenix's MNC entries) or BUS, with its country only where its name says it ("Bank of
Japan": JPNBUS); names inside it ("Bank of America", "Japan Airlines Co") are no states. The
officer of a company named before the title ("Conrac President Paul Graf") is a business
person, not a government. Markets are coded as business by their nouns (agents.yaml:
"the Tokyo market" is JPNBUS)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from comity.knowledge.actors import ActorKnowledge, NameMatch
from comity.knowledge.actors.files import ACTORS_DIR, load_yaml
from comity.model import ActorMention, Document, Sentence, Span
from comity.stages.actors.records import Context, Unit
from comity.stages.actors.vocabulary import names_a_state_body

COMPANY_LABEL = "COMPANY"
_BRACKETED = re.compile(r"<([A-Z][^<>\n]{1,80}?)>")
_TICKER_AFTER = re.compile(r"\s*<[A-Z][A-Z0-9.\-]{0,12}>")
_TICKER = re.compile(r"^[A-Z][A-Z0-9.\-]{0,12}$")


@cache
def designators() -> frozenset[str]:
    data = load_yaml(ACTORS_DIR / "business.yaml") or {}
    return frozenset(str(word) for word in data.get("designators") or ())


def company_spans(doc: Document, sentence: Sentence, candidates: Sequence[Unit]) -> list[Span]:
    """Spans of the sentence naming companies, longest first where they overlap."""
    found = list(_bracketed(doc, sentence))
    for unit in candidates:
        if unit.unknown_label not in ("ORG", "PROPN") or any(unit.span.overlaps(s) for s in found):
            continue
        company = _up_to_a_designator(doc.text, unit.span)
        if company is None and _TICKER_AFTER.match(doc.text, unit.span.end):
            company = unit.span
        if company is not None:
            found.append(_with_its_of(doc.text, _without_the(doc.text, company)))
    return sorted(found, key=lambda s: s.start)


_OF_NAME = re.compile(r" of (?:the )?[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*)*")


def _with_its_of(text: str, span: Span) -> Span:
    """"Bank" + " of Japan": a name in "X of Y" form runs on past "of"."""
    if span.text(text).split()[-1].rstrip(".") not in designators():
        return span
    match = _OF_NAME.match(text, span.end)
    return Span(span.start, match.end()) if match else span


def _without_the(text: str, span: Span) -> Span:
    head = span.text(text)
    return Span(span.start + 4, span.end) if head.startswith(("The ", "the ")) else span


def _up_to_a_designator(text: str, span: Span) -> Span | None:
    """The name up to its legal form ("Tarvisio Corp" of a run "Tarvisio Corp President"), or
    a name opening with one ("Bank of Boston")."""
    words = list(re.finditer(r"[^\s,]+", span.text(text)))
    names = [w.group().rstrip(".") for w in words]
    if len(words) < 2:
        return None
    if names[0] in designators():
        return span
    last = max((i for i, w in enumerate(names) if i > 0 and w in designators()), default=None)
    return None if last is None else Span(span.start, span.start + words[last].end())


def _bracketed(doc: Document, sentence: Sentence) -> Iterator[Span]:
    for match in _BRACKETED.finditer(doc.text, sentence.span.start, sentence.span.end):
        if not _TICKER.match(match.group(1)):
            yield Span(match.start(1), match.end(1))


def known_bodies(knowledge: ActorKnowledge, spans: Sequence[Span], names: Sequence[Unit]) -> list[Span]:
    """The spans a known organisation other than a business names in full, or holds ("World
    Bank", "the OSCE Minsk Group"): no companies."""
    bodies = []
    for span in spans:
        inside = [n for n in names if span.contains(n.span) or n.span.contains(span)]
        if any(n.name is not None and _is_body(n.name, knowledge) for n in inside):
            bodies.append(span)
    return bodies


def _is_body(name: NameMatch, knowledge: ActorKnowledge) -> bool:
    actor = knowledge.actor(name.forms[0].actor_id)
    return actor.kind in ("igo", "org") and not _is_business(name, knowledge)


def company_units(doc: Document, knowledge: ActorKnowledge, spans: Sequence[Span], names: Sequence[Unit]) -> list[Unit]:
    """One unit per company: named by a known business inside it when there is one."""
    units = []
    for span in spans:
        inner = [n for n in names if span.contains(n.span) and _is_business(n.name, knowledge)]
        if inner:
            units.append(Unit(span, name=NameMatch(span, span.text(doc.text), inner[0].name.forms)))
        else:
            units.append(Unit(span, unknown_label=COMPANY_LABEL))
    return units


def _is_business(name: NameMatch | None, knowledge: ActorKnowledge) -> bool:
    if name is None:
        return False
    code = knowledge.actor(name.forms[0].actor_id).code or ""
    return code.startswith("MNC") or "BUS" in {code[i : i + 3] for i in range(0, len(code), 3)}


def company_mention(doc: Document, unit: Unit, ctx: Context) -> ActorMention:
    """An unknown company: BUS, with the country of a state its name holds ("Bank of Japan")."""
    text = unit.span.text(doc.text)
    country = _country_named_in(doc, unit.span, ctx)
    code = f"{country}BUS" if country else "BUS"
    return ActorMention(unit.span, text, None, code, country, None, "company")


def _country_named_in(doc: Document, span: Span, ctx: Context) -> str | None:
    for match in ctx.knowledge.match_names(doc.text, span.start, span.end):
        for form in match.forms:
            actor = ctx.knowledge.actor(form.actor_id)
            if actor.kind == "state" and form.form in ("name", "variant", "demonym", "abbreviation"):
                return actor.country
    return None


#: Bodies of a legislature or state whose officers carry firm-like titles ("Subcommittee chairman").
LEGISLATIVE_BODY_NOUNS = frozenset(
    {"committee", "subcommittee", "commission", "council", "caucus", "panel", "senate", "house", "assembly",
     "parliament", "congress"}
)  # fmt: skip


#: Words of titles no firm's officer bears: "Civil Aviation minister", "Finance Secretary",
#: "Fine Gael leader", "the Communist Party".
STATE_OR_PARTY_TITLE_WORDS = ("minister", "secretary", "party", "leader")


def officer_of_a_company(doc: Document, group: Sequence[Unit], earlier: Sequence[list[Unit]]) -> bool:
    """Whether a title opening the group follows, with only a space between, the name of an
    organisation the knowledge does not know: "Conrac President Paul Graf", "Morgan chief
    executive"; a state's name before a title ("Cuban President") is no such name."""
    if group[0].agent is None or any(word in group[0].agent.noun for word in STATE_OR_PARTY_TITLE_WORDS) or names_a_state_body(group[0].agent.noun):
        return False  # no firm's: "Civil Aviation minister Richard Prebble", "the Transport Ministry", "the Federal Government"
    title = doc.parsed.char_span(group[0].span.start, group[0].span.end, alignment_mode="expand")
    if title is None or title.start == 0:
        return False
    before = doc.parsed[title.start - 1]
    if before.lower_ in LEGISLATIVE_BODY_NOUNS:
        return False  # "Subcommittee chairman John Dingell": a chamber's officer, no firm's
    if earlier and len(earlier[-1]) == 1 and _adjacent(doc, earlier[-1][0].span, group[0].span):
        return earlier[-1][0].unknown_label in ("ORG", "PROPN", COMPANY_LABEL)
    known = bool(earlier) and earlier[-1][-1].span.end > before.idx
    if earlier and earlier[-1][-1].is_group and _capitalised_between(doc, earlier[-1][-1].span, group[0].span):
        return False  # "Greek Foreign Affairs Undersecretary": a state's ministry, no company
    organisation = before.ent_type_ == "ORG" and before.text[:1].isupper() and before.pos_ != "DET"  # not "the Federal Minister", "The Foreign Ministry"
    return organisation and not known and before.whitespace_ != ""


def _capitalised_between(doc: Document, left: Span, right: Span) -> bool:
    words = doc.text[left.end : right.start].split()
    return "\n" not in doc.text[left.end : right.start] and all(w[:1].isupper() for w in words)


def _adjacent(doc: Document, left: Span, right: Span) -> bool:
    gap = doc.text[left.end : right.start]
    return gap.strip() == "" and "\n" not in gap
