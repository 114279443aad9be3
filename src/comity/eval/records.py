"""The harness's records: gold rows, matches, counts and the figures they give, and the report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(slots=True, frozen=True)
class GoldRow:
    """One expected event mention (one line of a gold file)."""

    doc_id: str
    gold_id: str
    source: tuple[str | None, ...]  # ISO3 codes; None stands for "no country"
    target: tuple[str | None, ...]
    symmetric: bool
    cameo_root: tuple[str, ...]  # two-digit CAMEO roots
    date: str | None  # ISO cut to precision; None: the date is not scored
    date_alt: tuple[str, ...]
    required: bool
    cluster: str | None
    evidence: str
    origin: str = ""  # "file:line", for messages

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        for key in ("source", "target", "cameo_root", "date_alt"):
            row[key] = list(row[key])
        return row


class DateVerdict(StrEnum):
    RIGHT = "right"  # equals date or a date_alt, or finer and inside date
    COARSE = "coarse"  # coarser than the gold date but containing it
    MISSING = "missing"  # the mention has no date
    WRONG = "wrong"


@dataclass(slots=True, frozen=True)
class MentionBrief:
    """What a reader needs to find a mention again: a false positive or a leak."""

    doc_id: str
    mention_id: str
    section: str
    factuality: str
    cameo: str
    source_country: str | None
    target_country: str | None
    date: str | None
    evidence: str


@dataclass(slots=True, frozen=True)
class Match:
    """A gold row paired with the mention that satisfies it."""

    doc_id: str
    gold_id: str
    mention_id: str
    event_id: str
    required: bool
    cluster: str | None
    overlap: float  # Jaccard overlap of evidence tokens, 0..1
    date_verdict: DateVerdict | None  # None when the gold date is not scored


@dataclass(slots=True)
class Counts:
    """True/false positives and false negatives, with the figures they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
        }  # fmt: skip


@dataclass(slots=True)
class DateCounts:
    right: int = 0
    coarse: int = 0
    missing: int = 0
    wrong: int = 0

    def add(self, verdict: DateVerdict) -> None:
        setattr(self, verdict.value, getattr(self, verdict.value) + 1)


@dataclass(slots=True)
class ClusterPairs:
    """Pairs of matched gold rows, judged by whether their mentions share an event_id."""

    joined: int = 0  # same cluster, same event_id
    split: int = 0  # same cluster, different event_ids
    kept_apart: int = 0  # different clusters, different event_ids
    wrongly_joined: int = 0  # different clusters, same event_id
    split_pairs: list[tuple[str, str]] = field(default_factory=list)
    wrongly_joined_pairs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def join_rate(self) -> float:
        return ratio(self.joined, self.joined + self.split)

    @property
    def apart_rate(self) -> float:
        return ratio(self.kept_apart, self.kept_apart + self.wrongly_joined)


@dataclass(slots=True)
class DocScore:
    doc_id: str
    required: int = 0  # required gold rows
    optional: int = 0  # optional gold rows
    tp: int = 0
    fp: int = 0
    fn: int = 0
    optional_matched: int = 0
    leaked: int = 0
    not_counted: int = 0  # headline/body mentions flagged future/hypothetical/negated


@dataclass(slots=True)
class EvalReport:
    counts: Counts
    dated: Counts
    dates: DateCounts
    clusters: ClusterPairs
    documents: list[DocScore]
    matches: list[Match]
    missed: list[GoldRow]  # required rows no mention matched
    false_positives: list[MentionBrief]
    leaked: list[MentionBrief]
    ignored_mentions: int  # mentions of documents without gold

    def figures(self) -> dict[str, float]:
        """The flat figures the accuracy gate pins (see tests/eval_floors.json)."""
        return {
            "precision": self.counts.precision,
            "recall": self.counts.recall,
            "f1": self.counts.f1,
            "dated_precision": self.dated.precision,
            "dated_recall": self.dated.recall,
            "dated_f1": self.dated.f1,
            "leaked": len(self.leaked),
            "false_positives": self.counts.fp,
            "cluster_join_rate": self.clusters.join_rate,
            "cluster_apart_rate": self.clusters.apart_rate,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "figures": self.figures(),
            "counts": self.counts.to_dict(),
            "dated": self.dated.to_dict(),
            "dates": asdict(self.dates),
            "clusters": asdict(self.clusters) | {
                "join_rate": self.clusters.join_rate, "apart_rate": self.clusters.apart_rate,
            },  # fmt: skip
            "documents": [asdict(doc) for doc in self.documents],
            "matches": [asdict(match) for match in self.matches],
            "missed": [row.to_dict() for row in self.missed],
            "false_positives": [asdict(brief) for brief in self.false_positives],
            "leaked": [asdict(brief) for brief in self.leaked],
            "ignored_mentions": self.ignored_mentions,
        }


def ratio(numerator: int, denominator: int) -> float:
    """A share, 0.0 when there is nothing to divide (no predictions, no gold)."""
    return numerator / denominator if denominator else 0.0
