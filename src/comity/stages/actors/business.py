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
def _business_data() -> dict:
    return load_yaml(ACTORS_DIR / "business.yaml") or {}


@cache
def _business_words(key: str) -> frozenset[str]:
    """A word list of data/actors/business.yaml (the file is read once)."""
    return frozenset(str(word) for word in _business_data().get(key) or ())


def designators() -> frozenset[str]:
    return _business_words("designators")


@cache
def trade_bodies() -> frozenset[str]:
    return frozenset(word.lower() for word in _business_words("trade_bodies"))


#: Dependencies of the words between a state's name and the noun it names a business with:
#: "the U.S. soybean crushing industry", "the U.S. National Soybean Processors Association".
_NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod", "npadvmod"})


def business_named_by_state(doc: Document, state, knowledge: ActorKnowledge) -> Span | None:  # state: spacy Span
    """The words after a state's name or demonym (a spaCy token) up to the noun it modifies,
    when they name a business of that state: a business noun after other nouns ("the U.S.
    soybean crushing industry"), or a trade body whose words hold one ("the U.S. National
    Soybean Processors Association"). No state's own body ("the U.S. central bank")."""
    head = state.root.head
    between = doc.parsed[state.end : head.i]
    if head.i < state.end or any(t.dep_ not in _NOUN_MODIFIERS or head not in t.ancestors for t in between):
        return None  # no list, no clause: "U.S. and Japanese firms", "the U.S., whose industry"
    words = doc.parsed[state.end : head.i + 1]
    if names_a_state_body(words.text):
        return None
    trade = head.lower_ in trade_bodies() and any(knowledge.agent_for(t.text) == "BUS" for t in between)
    if not trade and not (head.is_lower and knowledge.agent_for(head.text) == "BUS"):
        return None
    return Span(words.start_char, words.end_char)


def company_spans(doc: Document, sentence: Sentence, candidates: Sequence[Unit]) -> list[Span]:
    """Spans of the sentence naming companies, longest first where they overlap."""
    found = list(_bracketed(doc, sentence))
    for unit in candidates:
        if unit.unknown_label not in ("ORG", "PROPN", "PERSON") or any(unit.span.overlaps(s) for s in found):
            continue
        company = _up_to_a_designator(doc.text, unit.span)
        if unit.unknown_label == "PERSON":  # "Neste Oy" read as a person's name: no one's name ends in a legal form
            if not _ends_in_a_designator(doc.text, unit.span):
                continue
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


def _ends_in_a_designator(text: str, span: Span) -> bool:
    return span.text(text).split()[-1].rstrip(".") in designators()


def _bracketed(doc: Document, sentence: Sentence) -> Iterator[Span]:
    for match in _BRACKETED.finditer(doc.text, sentence.span.start, sentence.span.end):
        if not _TICKER.match(match.group(1)):
            yield Span(match.start(1), match.end(1))


def not_firms_before_a_state() -> frozenset[str]:
    return _business_words("not_firms_before_a_state")


#: Entity labels of words that are no firm's name before a state's: a person ("Carlos Brasil"),
#: a region or a date ("Western Canada", "South Australia").
_NO_FIRM_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP", "DATE", "TIME", "FAC"})


def firms_named_with_a_state(doc: Document, sentence: Sentence, names: Sequence[Unit], knowledge: ActorKnowledge) -> list[Span]:
    """Firms whose name holds a state's after their own: "BP North America", "Harcourt Canada",
    "Texaco Canada said": the name of a known business, or of an organisation the parser names
    as one, and a state's right after it is one firm, the state's unit. Not a state's agency
    ("Statistics Canada"), a part of the state ("Western Canada"), a person ("Carlos Brasil") or a region ("Western Canada"), nor words
    of a headline in capitals ("DEFENDS UK")."""
    found = []
    for unit in names:
        if unit.name is None or not _names_a_state(unit.name, knowledge):
            continue
        tokens = doc.parsed.char_span(unit.span.start, unit.span.end, alignment_mode="expand")
        first = _firm_name_before(doc, sentence, tokens, names, knowledge) if tokens is not None and len(tokens) else None
        if first is not None:
            found.append(Span(first.idx, unit.span.end))
    return found


def _names_a_state(name: NameMatch, knowledge: ActorKnowledge) -> bool:
    return any(knowledge.actor(f.actor_id).kind == "state" and f.form in ("name", "variant", "abbreviation") for f in name.forms)


def _firm_name_before(doc: Document, sentence: Sentence, tokens, names: Sequence[Unit], knowledge: ActorKnowledge):
    """The first word of a firm's name right before a state's (spaCy tokens), or None."""
    words = []
    position = tokens.start - 1
    while position >= 0 and doc.parsed[position].idx >= sentence.span.start:
        word = doc.parsed[position]
        if not _may_be_a_firm_word(word) or "\n" in word.whitespace_:
            break
        known = next((n for n in names if n.span.start <= word.idx < n.span.end), None)
        if known is not None and not _is_business(known.name, knowledge):
            break  # "Korea Europe", "the UN Canada": another actor's name
        words.insert(0, word)
        position -= 1
    if not words or doc.parsed[tokens.start].text.isupper() and all(w.text.isupper() for w in words):
        return None
    organisation = any(w.ent_type_ == "ORG" for w in words) or tokens[0].ent_type_ == "ORG"
    business = any(n.name is not None and _is_business(n.name, knowledge) and n.span.start <= words[-1].idx < n.span.end for n in names)
    if not (organisation or business) or len(words) == 1 and words[0].text in not_firms_before_a_state():
        return None
    return words[0]


def _may_be_a_firm_word(word) -> bool:  # word: spacy Token
    return word.pos_ == "PROPN" and word.text[:1].isupper() and word.whitespace_ == " " and word.ent_type_ not in _NO_FIRM_LABELS


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
