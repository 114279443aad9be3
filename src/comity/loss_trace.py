"""Where each event is lost: every missed gold row and every false positive traced through the stages.

`comity eval GOLD --docs ... --why` codes the gold's documents keeping their parses,
scores them, and for each loss names the first stage where it went wrong:

missed gold rows
    segment        the evidence is not in a headline or body section
    prefilter      the sentence was never parsed
    no trigger     no word of the sentence triggers a pattern of the gold's CAMEO family
    constraint     a trigger of the right family, but a pattern constraint failed (which)
    source empty / target empty
                   the pattern fits, but its slot holds no resolved actor (which words)
    wrong country  the slot's actor has another country than the gold
    wrong family   a mention with the gold's countries, coded in another family
    factuality     the right mention, flagged future, hypothetical or negated
    duplicate      the right mention, matched to another gold row
    dropped        pattern and actors fit, yet no mention: a selection rule dropped it
false positives
    no gold event  nothing in the gold for that sentence (business, figurative, commentary...)
    wrong actor    the sentence's gold has the family, with other countries
    wrong family   the sentence's gold has the countries, in another family
    extra mention  the sentence's gold event is already matched by another mention
matched rows with a wrong date
    date:<verdict> the mention's date and how it was found

The trace re-reads the parse with the events stage's own functions; it never changes what
the coder does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from comity.eval import DateVerdict, EvalReport, GoldRow, is_compatible, is_counted
from comity.knowledge.event_patterns import EventPattern, PatternSet
from comity.model import CODED_SECTIONS, Document, Span
from comity.stages.events.arguments import first_filled, slot_tokens
from comity.stages.events.participants import ActorIndex
from comity.stages.events.records import Match, Participant
from comity.stages.events.triggers import pattern_fits, trigger_pos

MISSED = "missed"
FALSE_POSITIVE = "false positive"
DATE = "date"
#: Pattern fields that say what the pattern codes or where its actors are, not what it requires.
_NOT_CONSTRAINTS = frozenset(
    {"pattern_id", "cameo", "pos", "lemmas", "source", "target", "reverse", "mutual", "need_target", "place_target",
     "self_target", "speech", "adopts_object_event", "origin", "layer", "political"}
)  # fmt: skip


@dataclass(slots=True, frozen=True)
class Loss:
    kind: str  # MISSED | FALSE_POSITIVE | DATE
    doc_id: str
    ref: str  # the gold_id or the mention_id
    cause: str
    detail: str
    evidence: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def trace_losses(
    gold: list[GoldRow], docs: Iterable[Document], mentions: list[dict[str, Any]], report: EvalReport,
    patterns: PatternSet | None = None,
) -> list[Loss]:
    """One Loss for every missed required row, false positive and wrongly dated match."""
    patterns = patterns or PatternSet.default()
    by_doc = {doc.doc_id: doc for doc in docs}
    mentions_by_id = {m["mention_id"]: m for m in mentions}
    rows_by_id = {row.gold_id: row for row in gold}
    matched_by_mention = {match.mention_id: match.gold_id for match in report.matches}
    losses = [_missed(row, by_doc.get(row.doc_id), mentions, matched_by_mention, patterns) for row in report.missed]
    for brief in report.false_positives:
        mention = mentions_by_id[brief.mention_id]
        losses.append(_false_positive(mention, [r for r in gold if r.doc_id == brief.doc_id], by_doc.get(brief.doc_id), matched_by_mention))
    for match in report.matches:
        if match.date_verdict not in (None, DateVerdict.RIGHT):
            losses.append(_wrong_date(rows_by_id[match.gold_id], mentions_by_id[match.mention_id], match.date_verdict))
    return losses


def loss_table(losses: Iterable[Loss]) -> list[tuple[str, str, int]]:
    """(kind, cause, count), largest cause first within each kind."""
    counts = Counter((loss.kind, loss.cause) for loss in losses)
    order = {MISSED: 0, FALSE_POSITIVE: 1, DATE: 2}
    return sorted(((kind, cause, n) for (kind, cause), n in counts.items()), key=lambda r: (order.get(r[0], 3), -r[2], r[1]))


# ---------------------------------------------------------------------- where text sits


def locate(evidence: str, text: str) -> Span | None:
    """The evidence's span in the text, whitespace-insensitive; None when it is not there."""
    words = evidence.split()
    if not words:
        return None
    found = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return Span(found.start(), found.end()) if found else None


def _mention_span(mention: dict[str, Any]) -> Span:
    return Span(mention["evidence"]["start"], mention["evidence"]["end"])


def _sentence_tokens(doc: Document, span: Span) -> list:
    if doc.parsed is None:
        return []
    return [t for t in doc.parsed if not t.is_space and span.start <= t.idx < span.end]


# ---------------------------------------------------------------------- missed rows


def _missed(row: GoldRow, doc: Document | None, mentions: list[dict[str, Any]], matched_by_mention: dict[str, str],
            patterns: PatternSet) -> Loss:
    def loss(cause: str, detail: str = "") -> Loss:
        return Loss(MISSED, row.doc_id, row.gold_id, cause, detail, row.evidence)

    span = None if doc is None else locate(row.evidence, doc.text)
    if doc is None or span is None:
        return loss("not found", "the document was not coded" if doc is None else "the evidence is not in the text")
    section = doc.section_at(span.start)
    if section is None or section.kind not in CODED_SECTIONS:
        return loss("segment", f"in {section.kind} ({section.reason})" if section else "in no section")
    if doc.candidate_spans is not None and not any(c.overlaps(span) for c in doc.candidate_spans):
        return loss("prefilter", "the sentence was not parsed: no pattern's trigger with the words it needs")
    coded = [s for s in doc.sentences if s.span.overlaps(span) and s.section in CODED_SECTIONS]
    nearby = [m for m in mentions if m["doc_id"] == row.doc_id and any(_mention_span(m).overlaps(s.span) for s in coded)]
    verdict = _verdict_from_mentions(row, nearby, matched_by_mention)
    if verdict is not None:
        return loss(*verdict)
    tokens = [t for s in coded for t in _sentence_tokens(doc, s.span)]
    return loss(*_verdict_from_patterns(row, tokens, ActorIndex(doc), patterns))


def _verdict_from_mentions(row: GoldRow, nearby: list[dict[str, Any]], matched_by_mention: dict[str, str]) -> tuple[str, str] | None:
    compatible = [m for m in nearby if is_compatible(row, m)]
    uncounted = [m for m in compatible if not is_counted(m)]
    if compatible and len(uncounted) == len(compatible):
        return "factuality", ", ".join(sorted({m["factuality"] for m in uncounted}))
    if compatible:
        return "duplicate", "its mention matched " + ", ".join(sorted({matched_by_mention.get(m["mention_id"], "?") for m in compatible}))
    same_family = [m for m in nearby if m["cameo"][:2] in row.cameo_root]
    if same_family:
        m = same_family[0]
        if m["source"] is None or m["target"] is None:
            side = "source" if m["source"] is None else "target"
            return f"{side} empty", f"coded {_side(m['source'])} -> {_side(m['target'])} [{m['rule']}]; gold {_codes(row.source)} -> {_codes(row.target)}"
        return "wrong country", f"coded {_side(m['source'])} -> {_side(m['target'])} [{m['rule']}]; gold {_codes(row.source)} -> {_codes(row.target)}"
    other_family = [m for m in nearby if _dyad_fits(row, m)]
    if other_family:
        return "wrong family", ", ".join(f"coded {m['cameo']} [{m['rule']}]" for m in other_family[:3]) + f"; gold {'/'.join(row.cameo_root)}"
    return None


def _verdict_from_patterns(row: GoldRow, tokens: list, actors: ActorIndex, patterns: PatternSet) -> tuple[str, str]:
    triggers = sorted(((t, p) for t in tokens for p in _family_patterns(t, patterns, row.cameo_root)), key=lambda tp: tp[1].layer)
    if not triggers:
        verbs = sorted({t.lemma_.lower() for t in tokens if t.pos_ == "VERB"})
        return "no trigger", "verbs: " + ", ".join(verbs[:12])
    fitting = [(t, p, obj) for t, p in triggers if (obj := pattern_fits(t, p)) is not False]
    if not fitting:
        token, pattern = triggers[0]
        return "constraint", f"{token.text!r} [{pattern.pattern_id}] needs {_failed_constraint(token, pattern)}"
    token, pattern, obj = fitting[0]
    match = Match(token, pattern, obj)
    sources, _ = first_filled(match, pattern.source, actors, exclude=[])
    targets, _ = first_filled(match, pattern.target, actors, exclude=sources)
    where = f"{token.text!r} [{pattern.pattern_id}]"
    if not sources:
        return "source empty", f"{where}: slots {list(pattern.source)} hold {_slot_words(match, pattern.source)!r}"
    if not targets and not pattern.self_target:
        return "target empty", f"{where}: slots {list(pattern.target)} hold {_slot_words(match, pattern.target)!r}"
    if not _countries_fit(row, sources, targets):
        return "wrong country", f"{where}: {_participants(sources)} -> {_participants(targets)}; gold {_codes(row.source)} -> {_codes(row.target)}"
    return "dropped", f"{where}: {_participants(sources)} -> {_participants(targets)} fit, yet no mention was kept"


def _family_patterns(token, patterns: PatternSet, roots: tuple[str, ...]) -> list[EventPattern]:
    """The token's patterns of the gold's families, under its own part of speech or, when the
    parser tagged it otherwise, any other."""
    positions = [trigger_pos(token)] + ["verb", "noun", "adj"]
    found: list[EventPattern] = []
    for pos in dict.fromkeys(p for p in positions if p):
        found += [p for p in patterns.candidates(pos, token.lemma_) if p.is_event and (p.cameo[:2] in roots or (p.reverse or "")[:2] in roots)]
        if found:
            return found
    return found


def _failed_constraint(token, pattern: EventPattern) -> str:
    """The constraint whose removal lets the pattern fit, else all of them."""
    constraints = [f.name for f in fields(pattern) if f.name not in _NOT_CONSTRAINTS and getattr(pattern, f.name) not in (None, frozenset(), (), "")]
    for name in constraints:
        relaxed = _relaxed(pattern, name)
        if pattern_fits(token, relaxed) is not False:
            return f"{name}={_shown(getattr(pattern, name))}"
    return " and ".join(f"{name}={_shown(getattr(pattern, name))}" for name in constraints) or "a part of speech it lacks"


def _relaxed(pattern: EventPattern, name: str) -> EventPattern:
    """The pattern without one constraint: an empty value of the field's own kind."""
    value = getattr(pattern, name)
    empty = type(value)() if isinstance(value, (frozenset, tuple, bool)) else None
    return replace(pattern, **{name: empty})


def _shown(value: Any) -> str:
    return "/".join(sorted(value))[:60] if isinstance(value, frozenset) else str(value)


def _slot_words(match: Match, slots: tuple[str, ...]) -> str:
    words = [t.text for slot in slots for t in slot_tokens(match, slot)[0]]
    return " ".join(words) or "nothing"


def _countries_fit(row: GoldRow, sources: list[Participant], targets: list[Participant]) -> bool:
    source_countries = {p.argument.country for p in sources}
    target_countries = {p.argument.country for p in targets} or {None}
    direct = bool(source_countries & set(row.source)) and bool(target_countries & set(row.target))
    swapped = row.symmetric and bool(source_countries & set(row.target)) and bool(target_countries & set(row.source))
    return direct or swapped


def _participants(found: list[Participant]) -> str:
    return ",".join(f"{p.argument.text}={p.argument.country}" for p in found) or "none"


# ---------------------------------------------------------------------- false positives and dates


def _false_positive(mention: dict[str, Any], rows: list[GoldRow], doc: Document | None, matched_by_mention: dict[str, str]) -> Loss:
    def loss(cause: str, detail: str) -> Loss:
        return Loss(FALSE_POSITIVE, mention["doc_id"], mention["mention_id"], cause, detail, mention["evidence"]["text"])

    coded = f"{_side(mention['source'])} -> {_side(mention['target'])} {mention['cameo']} [{mention['rule']}]"
    trigger = (mention.get("trigger") or {}).get("text", "")
    span = _mention_span(mention)
    in_sentence = [r for r in rows if doc is not None and (found := locate(r.evidence, doc.text)) is not None and found.overlaps(span)]
    if not in_sentence:
        return loss("no gold event", f"{coded} on {trigger!r}")
    if any(is_compatible(r, mention) for r in in_sentence):
        return loss("extra mention", f"{coded}: the gold event is matched by another mention")
    if any(mention["cameo"][:2] in r.cameo_root for r in in_sentence):
        gold = "; ".join(f"{_codes(r.source)} -> {_codes(r.target)}" for r in in_sentence if mention["cameo"][:2] in r.cameo_root)
        return loss("wrong actor", f"{coded}; gold {gold}")
    if any(_dyad_fits(r, mention) for r in in_sentence):
        return loss("wrong family", f"{coded}; gold " + ", ".join("/".join(r.cameo_root) for r in in_sentence if _dyad_fits(r, mention)))
    return loss("wrong actor", f"{coded}; gold " + "; ".join(f"{_codes(r.source)} -> {_codes(r.target)} {'/'.join(r.cameo_root)}" for r in in_sentence))


def _wrong_date(row: GoldRow, mention: dict[str, Any], verdict: DateVerdict) -> Loss:
    detail = f"{mention.get('date')} ({mention.get('date_basis')}); gold {row.date}"
    return Loss(DATE, row.doc_id, row.gold_id, f"date:{verdict}", detail, row.evidence)


def _dyad_fits(row: GoldRow, mention: dict[str, Any]) -> bool:
    source = (mention["source"] or {}).get("country")
    target = (mention["target"] or {}).get("country")
    return (source in row.source and target in row.target) or (row.symmetric and target in row.source and source in row.target)


def _side(actor: dict[str, Any] | None) -> str:
    return "-" if actor is None else f"{actor.get('code')}({actor.get('text')!s:.25})"


def _codes(codes: tuple[str | None, ...]) -> str:
    return "/".join("null" if c is None else c for c in codes)


# ---------------------------------------------------------------------- rendering


def render_losses(losses: list[Loss], limit: int = 12) -> Any:
    """The loss table by cause, then up to `limit` cases of each cause."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table("kind", "cause", "count", title="Where events were lost")
    for kind, cause, count in loss_table(losses):
        table.add_row(kind, cause, str(count))
    parts: list[Any] = [table]
    for kind, cause, count in loss_table(losses):
        parts.append(Text(f"\n{kind}: {cause} ({count})", style="bold"))
        for loss in [x for x in losses if (x.kind, x.cause) == (kind, cause)][:limit]:
            parts.append(Text(f"  {loss.doc_id} {loss.ref}: {loss.detail}\n      {loss.evidence[:140]!r}"))
    return Group(*parts)
