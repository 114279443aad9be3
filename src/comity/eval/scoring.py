"""Scoring: per document, rows and mentions paired by the assignment; over the set, counts, dated
counts, date verdicts and cluster pairs gathered into an `EvalReport`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from comity.eval.assignment import max_weight_matching
from comity.eval.loading import COUNTED_SECTIONS, LEAKED_SECTIONS, check_mention
from comity.eval.matching import country_of, date_verdict, evidence_overlap, is_counted, pair_weights
from comity.eval.records import (
    ClusterPairs,
    Counts,
    DateCounts,
    DateVerdict,
    DocScore,
    EvalReport,
    GoldRow,
    Match,
    MentionBrief,
)


def _brief(mention: dict[str, Any]) -> MentionBrief:
    return MentionBrief(
        doc_id=mention["doc_id"],
        mention_id=mention["mention_id"],
        section=mention["section"],
        factuality=mention["factuality"],
        cameo=mention["cameo"],
        source_country=country_of(mention["source"]),
        target_country=country_of(mention["target"]),
        date=mention["date"],
        evidence=mention["evidence"]["text"],
    )


def _match(row: GoldRow, mention: dict[str, Any]) -> Match:
    return Match(
        doc_id=row.doc_id,
        gold_id=row.gold_id,
        mention_id=mention["mention_id"],
        event_id=mention["event_id"],
        required=row.required,
        cluster=row.cluster,
        overlap=evidence_overlap(row.evidence, mention["evidence"]["text"]),
        date_verdict=date_verdict(row, mention["date"]),
    )


@dataclass(slots=True)
class _DocResult:
    score: DocScore
    matches: list[Match]
    missed: list[GoldRow]
    false_positives: list[MentionBrief]
    leaked: list[MentionBrief]


def _score_document(doc_id: str, rows: list[GoldRow], mentions: list[dict[str, Any]]) -> _DocResult:
    counted = [m for m in mentions if is_counted(m)]
    leaked = [_brief(m) for m in mentions if m["section"] in LEAKED_SECTIONS]
    pairs = max_weight_matching(pair_weights(rows, counted), len(rows), len(counted))
    matches = [_match(rows[r], counted[m]) for r, m in pairs]
    matched_rows = {r for r, _ in pairs}
    matched_mentions = {m for _, m in pairs}
    missed = [row for r, row in enumerate(rows) if row.required and r not in matched_rows]
    false_positives = [_brief(m) for i, m in enumerate(counted) if i not in matched_mentions]
    score = DocScore(
        doc_id=doc_id,
        required=sum(row.required for row in rows),
        optional=sum(not row.required for row in rows),
        tp=sum(match.required for match in matches),
        fp=len(false_positives),
        fn=len(missed),
        optional_matched=sum(not match.required for match in matches),
        leaked=len(leaked),
        not_counted=sum(m["section"] in COUNTED_SECTIONS and not is_counted(m) for m in mentions),
    )
    return _DocResult(score, matches, missed, false_positives, leaked)


def _dated_counts(counts: Counts, matches: list[Match]) -> Counts:
    """A required match counts only when its date is right (or the gold date is unscored);
    otherwise it is both a false positive and a false negative."""
    right = sum(m.required and m.date_verdict in (DateVerdict.RIGHT, None) for m in matches)
    wrong = counts.tp - right
    return Counts(tp=right, fp=counts.fp + wrong, fn=counts.fn + wrong)


def _date_counts(matches: list[Match]) -> DateCounts:
    dates = DateCounts()
    for match in matches:
        if match.date_verdict is not None:
            dates.add(match.date_verdict)
    return dates


def _cluster_pairs(matches: list[Match]) -> ClusterPairs:
    pairs = ClusterPairs()
    clustered = sorted((m for m in matches if m.cluster is not None), key=lambda m: m.gold_id)
    for a, b in combinations(clustered, 2):
        same_event = a.event_id == b.event_id
        if a.cluster == b.cluster:
            if same_event:
                pairs.joined += 1
            else:
                pairs.split += 1
                pairs.split_pairs.append((a.gold_id, b.gold_id))
        elif same_event:
            pairs.wrongly_joined += 1
            pairs.wrongly_joined_pairs.append((a.gold_id, b.gold_id))
        else:
            pairs.kept_apart += 1
    return pairs


def _gold_by_doc(gold: Iterable[GoldRow]) -> dict[str, list[GoldRow]]:
    groups: dict[str, list[GoldRow]] = {}
    for row in gold:
        groups.setdefault(row.doc_id, []).append(row)
    return groups


def _mentions_by_doc(mentions: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for mention in mentions:
        groups.setdefault(mention["doc_id"], []).append(mention)
    return groups


def evaluate(gold: list[GoldRow], mentions: list[dict[str, Any]]) -> EvalReport:
    """Score interchange mention dicts against gold rows (documents without gold are ignored)."""
    for index, mention in enumerate(mentions):
        check_mention(mention, f"mention #{index + 1}")
    gold_by_doc = _gold_by_doc(gold)
    mentions_by_doc = _mentions_by_doc(mentions)
    results = [_score_document(doc, rows, mentions_by_doc.get(doc, [])) for doc, rows in gold_by_doc.items()]
    matches = [match for result in results for match in result.matches]
    counts = Counts(
        tp=sum(r.score.tp for r in results),
        fp=sum(r.score.fp for r in results),
        fn=sum(r.score.fn for r in results),
    )
    return EvalReport(
        counts=counts,
        dated=_dated_counts(counts, matches),
        dates=_date_counts(matches),
        clusters=_cluster_pairs(matches),
        documents=[result.score for result in results],
        matches=matches,
        missed=[row for result in results for row in result.missed],
        false_positives=[brief for result in results for brief in result.false_positives],
        leaked=[brief for result in results for brief in result.leaked],
        ignored_mentions=sum(len(ms) for doc, ms in mentions_by_doc.items() if doc not in gold_by_doc),
    )
