"""Units: stretches of a sentence that may name an actor (known names, agent nouns, unknown
names), before mentions are composed from them; and their runs that name one actor."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date

from comity.knowledge.actors import ActorKnowledge, NameMatch
from comity.model import Document, Sentence, Span
from comity.stages.actors.business import company_spans, company_units, firms_named_with_a_state, known_bodies
from comity.stages.actors.records import Unit
from comity.stages.actors.vocabulary import CURRENCY_AFTER, UNKNOWN_LABELS


def sentence_units(doc: Document, knowledge: ActorKnowledge, sentence: Sentence, entities: Sequence[Unit], on: date | None = None) -> list[Unit]:
    start, end = sentence.span.start, sentence.span.end
    matches = [_of_its_time(_across_modifiers(doc, knowledge, m), knowledge, on) for m in knowledge.match_names(doc.text, start, end)]
    found = [Unit(m.span, name=m) for m in matches]
    titles = knowledge.match_agents(doc.text, start, end)
    # "Prime Minister": a title is no surname ("Prime") of someone the knowledge knows
    names = [n for n in found if not (n.is_surname and any(a.code and a.span.overlaps(n.span) for a in titles))]
    names = [n for n in names if not CURRENCY_AFTER.match(doc.text, n.span.end)]  # "51 billion U.S. Dlrs": money, no actor
    agents = [Unit(a.span, agent=a) for a in titles if not any(a.span.overlaps(n.span) for n in names)]
    candidates = list(_unknown_names(doc, sentence, entities))
    companies = company_spans(doc, sentence, candidates)
    companies += [f for f in firms_named_with_a_state(doc, sentence, names, knowledge) if not any(f.overlaps(c) for c in companies)]
    companies = [c for c in companies if c not in known_bodies(knowledge, companies, names)]
    if companies:  # "Bank of America Corp", "<Gruppo Ferruzzi>": one business, no state inside
        business = company_units(doc, knowledge, companies, names)
        names = [n for n in names if not any(n.span.overlaps(c) for c in companies)]
        agents = [a for a in agents if not any(a.span.overlaps(c) for c in companies)]
        candidates = [c for c in candidates if not any(c.span.overlaps(b) for b in companies)]
        names += [b for b in business if b.name is not None]
        candidates += [b for b in business if b.name is None]
    # "Kim Sung Du" is someone else than the Kim named before: a surname inside a longer name.
    names = [n for n in names if not (n.is_surname and any(_strictly_inside(n.span, c.span) for c in candidates))]
    known = names + agents
    unknown = [u for u in candidates if not any(u.span.overlaps(k.span) for k in known)]
    return sorted(known + unknown, key=lambda u: u.span.start)


def _of_its_time(match: NameMatch, knowledge: ActorKnowledge, on: date | None) -> NameMatch:
    """The match without the states that did not exist on the story's date, when one that did
    remains: "Moscow" names the Soviet Union in 1987 and Russia in 2022; an undated story is
    read as of today."""
    if len(match.forms) < 2:
        return match
    existing = tuple(f for f in match.forms if knowledge.entry(f.actor_id).existed_on(on))
    return replace(match, forms=existing) if existing and len(existing) < len(match.forms) else match


#: Words a name may skip to reach its last word: "Ithilen state-run television" is the
#: Ithilen television of the knowledge.
_SKIPPABLE_MODIFIERS = frozenset({"amod", "npadvmod", "advmod", "punct", "compound"})


def _across_modifiers(doc: Document, knowledge: ActorKnowledge, match: NameMatch) -> NameMatch:
    """The match widened to the noun it modifies when, with only lower-case modifiers of that
    noun skipped, the two read as a longer known name of their own."""
    tokens = doc.parsed.char_span(match.span.start, match.span.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return match
    last, head = tokens[-1], tokens[-1].head
    if last.dep_ not in ("compound", "amod") or head.i <= last.i + 1 or head.pos_ not in ("NOUN", "PROPN"):
        return match
    between = doc.parsed[last.i + 1 : head.i]
    if any(t.dep_ not in _SKIPPABLE_MODIFIERS or not t.is_lower and not t.is_punct or head not in t.ancestors for t in between):
        return match
    joined = f"{match.text} {head.text}"
    found = knowledge.match_names(joined)
    if len(found) != 1 or found[0].span != Span(0, len(joined)):
        return match
    span = Span(match.span.start, head.idx + len(head.text))
    return NameMatch(span, span.text(doc.text), found[0].forms)


def _strictly_inside(inner: Span, outer: Span) -> bool:
    return outer.contains(inner) and (outer.end - outer.start) > (inner.end - inner.start)


def named_entities(doc: Document, knowledge: ActorKnowledge) -> list[Unit]:
    """The document's spaCy entities that look like names of unknown actors, in text order."""
    found: list[Unit] = []
    for ent in doc.parsed.ents:
        if ent.label_ not in UNKNOWN_LABELS or not _looks_like_a_name(ent):
            continue
        span = _without_possessive(doc.text, Span(ent.start_char, ent.end_char))
        if ent.label_ == "PERSON":
            span = Span(_name_start(ent, knowledge), span.end)
        found.append(Unit(span, unknown_label=ent.label_))
    return found


def _unknown_names(doc: Document, sentence: Sentence, entities: Sequence[Unit]) -> Iterator[Unit]:
    """Names the knowledge may not hold: spaCy entities, and runs of proper nouns."""
    seen: list[Span] = []
    for entity in entities:
        if sentence.span.contains(entity.span):
            seen.append(entity.span)
            yield entity
    for run in _propn_runs(doc.parsed, sentence.span):
        first = min((s.start for s in seen if run.overlaps(s)), default=None)
        if first is None:
            yield Unit(run, unknown_label="PROPN")
        elif first > run.start and doc.text[run.start : first].strip():
            # "Tarvisio Corp President [Elmo Quist]": the words before an entity still name something
            head = doc.text[run.start : first].rstrip()
            yield Unit(Span(run.start, run.start + len(head)), unknown_label="PROPN")


def _name_start(ent, knowledge: ActorKnowledge) -> int:  # ent: spacy Span
    """Where a person's name starts, taking back a short capitalised word the parser left out
    ("So Ho Won", "O Su Yong": Korean surnames read as ordinary words), unless it is a title."""
    if ent.start == 0:
        return ent.start_char
    word = ent.doc[ent.start - 1]
    short_name = word.is_alpha and len(word) <= 3 and word.text[:1].isupper() and word.text[1:].islower()
    adjacent = word.whitespace_ == " "
    if not short_name or not adjacent or word.is_sent_start:
        return ent.start_char
    if knowledge.match_agents(word.text) or knowledge.match_names(word.text):
        return ent.start_char  # "Mr Ho", "Gen Ri", "UN envoy…"
    return word.idx


def _without_possessive(text: str, span: Span) -> Span:
    """"Díaz-Canel’s" -> "Díaz-Canel"."""
    for ending in ("'s", "\u2019s", "'", "\u2019"):
        if span.text(text).endswith(ending) and span.end - len(ending) > span.start:
            return Span(span.start, span.end - len(ending))
    return span


def _looks_like_a_name(ent) -> bool:  # ent: spacy Span
    """Not "solidarity" or "State": a capitalised proper noun, more than a lone common word."""
    if not ent.text[:1].isupper() or not any(t.pos_ == "PROPN" for t in ent):
        return False
    return len(ent) > 1 or ent[0].pos_ == "PROPN" and not ent[0].is_sent_start


def _propn_runs(parsed, within: Span) -> Iterator[Span]:  # parsed: spacy Doc
    run: list = []
    for token in parsed.char_span(within.start, within.end, alignment_mode="expand") or ():
        if token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ not in {"DATE", "TIME", "GPE", "LOC", "FAC"}:
            run.append(token)
            continue
        if run:
            yield Span(run[0].idx, run[-1].idx + len(run[-1].text))
        run = []
    if run:
        yield Span(run[0].idx, run[-1].idx + len(run[-1].text))


_POSSESSIVE_GAP = re.compile(r"^['\u2019]s?\s+$")
#: What opens a title's portfolio between it and the name: "Minister for Aviation Michael Spicer".
_PORTFOLIO_OPENING = re.compile(r"^\s+(?:for|of)\s+(?:the\s+)?$")


def compounds(text: str, units: Sequence[Unit]) -> list[list[Unit]]:
    """Runs of adjacent units that name one actor: [state] [title…] [person]."""
    groups: list[list[Unit]] = []
    index = 0
    while index < len(units):
        unit = units[index]
        current = groups[-1] if groups else None
        person = _person_after_portfolio(text, current, units, index) if current else None
        if person is not None:
            current.append(units[person])  # the portfolio's words name no actor of their own
            index = person + 1
            continue
        if current and _continues(text, current, unit):
            current.append(unit)
        else:
            groups.append([unit])
        index += 1
    return groups


def _person_after_portfolio(text: str, current: list[Unit], units: Sequence[Unit], index: int) -> int | None:
    """The index of the person a title's portfolio leads to ("Minister for Aviation Michael
    Spicer", "Secretary for Trade and Industry Paul Channon"), or None."""
    last = current[-1]
    if not last.is_title or not _PORTFOLIO_OPENING.match(text[last.span.end : units[index].span.start]):
        return None
    for position in range(index, min(len(units), index + 4)):
        unit = units[position]
        if position > index and not re.fullmatch(r"\s+(?:and\s+|&\s+)?", text[units[position - 1].span.end : unit.span.start]):
            return None
        if unit.is_person or unit.unknown_label == "PERSON":
            return position if position > index else None
        if unit.unknown_label not in ("PROPN", "ORG"):
            return None
    return None


def _ends_an_abbreviation(text: str, last: Unit, gap: str) -> bool:
    return gap.startswith(".") and "." in last.span.text(text) and last.span.end - last.span.start <= 5


def _continues(text: str, current: list[Unit], unit: Unit) -> bool:
    last = current[-1]
    gap = text[last.span.end : unit.span.start]
    if last.is_person or last.is_surname or last.unknown_label:
        return False  # a name ends the compound
    if _ends_an_abbreviation(text, last, gap):
        gap = gap[1:]  # "U.S. officials": the full stop closes "U.S", the name runs on
    if gap.strip() == "" and "\n" not in gap:
        return not (last.is_group and unit.is_group)
    return last.is_group and bool(_POSSESSIVE_GAP.match(gap)) and not unit.is_group
