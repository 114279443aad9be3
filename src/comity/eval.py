"""The evaluation harness: score event mentions against gold annotations.

It reads mentions in the interchange format (`mentions.jsonl`, see
docs/evaluation.md), so it scores any tool's output, not only comity's. Scoring:

1. Per document that has gold, a counted mention (section headline/body and
   factuality asserted/reported) is *compatible* with a gold row when its
   source and target countries are among the row's lists (either direction
   when the row is symmetric) and its CAMEO root is among the row's roots.
2. Mentions and rows are paired one-to-one by a maximum-weight assignment
   (Hungarian method) whose weights rank, in this order: more required rows
   matched, more rows matched, more evidence-token overlap, right dates.
3. Required rows give precision/recall/F1; optional rows only absorb the
   mentions matched to them. Dates, event clustering and leaked sections are
   reported beside them.

`python -m comity.eval raise-floors` raises the accuracy gate's pinned floors
(tests/eval_floors.json) to the current figures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date as Date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum
from itertools import combinations
from pathlib import Path
from typing import Any

from comity.errors import ComityError, GoldError, InputError
from comity.model import CODED_SECTIONS, COUNTED_FACTUALITIES, Factuality

#: The sections a mention may name in the interchange format.
SECTIONS = frozenset({"headline", "body", "comment", "boilerplate", "caption"})
COUNTED_SECTIONS = frozenset(str(kind) for kind in CODED_SECTIONS)
#: Sections the coder should never code; a mention from one of them is "leaked".
LEAKED_SECTIONS = SECTIONS - COUNTED_SECTIONS
FACTUALITIES = frozenset(str(kind) for kind in Factuality)
COUNTED_FACTUALITY_VALUES = frozenset(str(kind) for kind in COUNTED_FACTUALITIES)

# Matched with fullmatch; [0-9], not \d, which also accepts other scripts' digits.
_ISO_CUT = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_COUNTRY = re.compile(r"[A-Z]{3}")
_CAMEO_ROOT = re.compile(r"[0-9]{2}")
_CAMEO = re.compile(r"[0-9]{2,4}")
_TOKEN = re.compile(r"\w+")

_GOLD_REQUIRED = ("doc_id", "gold_id", "source", "target", "cameo_root", "required", "evidence")
_MENTION_REQUIRED = (
    "mention_id", "event_id", "doc_id", "section", "source", "target",
    "cameo", "date", "factuality", "evidence",
)  # fmt: skip

#: Evidence overlap is scored in thousandths so the assignment works on exact integers.
_OVERLAP_SCALE = 1000


class FloorsError(ComityError):
    """The accuracy gate's floors file is malformed, or a change would lower a floor."""


# --------------------------------------------------------------------------- records


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
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

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
        return _ratio(self.joined, self.joined + self.split)

    @property
    def apart_rate(self) -> float:
        return _ratio(self.kept_apart, self.kept_apart + self.wrongly_joined)


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


def _ratio(numerator: int, denominator: int) -> float:
    """A share, 0.0 when there is nothing to divide (no predictions, no gold)."""
    return numerator / denominator if denominator else 0.0


# --------------------------------------------------------------------------- loading


def _read_json_lines(path: Path, error: type[ComityError]) -> Iterable[tuple[int, Any]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read it ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{path}:{number}: not valid JSON ({exc.msg} at column {exc.colno})") from exc


def _check_iso_cut(value: Any) -> str | None:
    """Return why `value` is not an ISO date cut to its precision, or None when it is."""
    if not isinstance(value, str) or not _ISO_CUT.fullmatch(value):
        return f'{value!r} is not an ISO date cut to its precision ("2021-04-19", "2021-04", "2021")'
    year, month, day = (int(part) for part in (value + "-01-01").split("-")[:3])
    try:
        Date(year, month, day)
    except ValueError:
        return f"{value!r} is not a real date"
    return None


def _gold_countries(value: Any, name: str) -> tuple[str | None, ...]:
    valid = isinstance(value, list) and value and all(
        item is None or (isinstance(item, str) and _COUNTRY.fullmatch(item)) for item in value
    )
    if not valid:
        raise ValueError(
            f'"{name}" must be a non-empty list of ISO3 codes or null, like ["PRK"] or ["CUB", null]; got {value!r}'
        )
    return tuple(value)


def _gold_roots(value: Any) -> tuple[str, ...]:
    valid = isinstance(value, list) and value and all(
        isinstance(item, str) and _CAMEO_ROOT.fullmatch(item) for item in value
    )
    if not valid:
        raise ValueError(
            f'"cameo_root" must be a non-empty list of two-digit strings, like ["05", "01"]; got {value!r}'
        )
    return tuple(value)


def _gold_date(value: Any, name: str) -> str | None:
    if value is None:
        return None
    problem = _check_iso_cut(value)
    if problem:
        raise ValueError(f'"{name}": {problem}')
    return value


def _gold_flag(record: dict[str, Any], name: str, default: bool | None = None) -> bool:
    value = record.get(name, default)
    if not isinstance(value, bool):
        raise ValueError(f'"{name}" must be true or false; got {value!r}')
    return value


def _gold_text(record: dict[str, Any], name: str, nullable: bool = False) -> str | None:
    value = record.get(name)
    if nullable and value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f'"{name}" must be a non-empty string; got {value!r}')
    return value


def _gold_row(record: Any, origin: str) -> GoldRow:
    if not isinstance(record, dict):
        raise ValueError(f"a gold row must be a JSON object; got {type(record).__name__}")
    missing = [name for name in _GOLD_REQUIRED if name not in record]
    if missing:
        raise ValueError(f"missing field(s) {', '.join(missing)}")
    date_alt = record.get("date_alt") or []
    if not isinstance(date_alt, list):
        raise ValueError(f'"date_alt" must be a list of ISO dates; got {date_alt!r}')
    return GoldRow(
        doc_id=_gold_text(record, "doc_id"),
        gold_id=_gold_text(record, "gold_id"),
        source=_gold_countries(record["source"], "source"),
        target=_gold_countries(record["target"], "target"),
        symmetric=_gold_flag(record, "symmetric", default=False),
        cameo_root=_gold_roots(record["cameo_root"]),
        date=_gold_date(record.get("date"), "date"),
        date_alt=tuple(_gold_date(alt, "date_alt") for alt in date_alt),
        required=_gold_flag(record, "required"),
        cluster=_gold_text(record, "cluster", nullable=True),
        evidence=_gold_text(record, "evidence"),
        origin=origin,
    )


def load_gold(path: str | Path) -> list[GoldRow]:
    """Read and check a gold file; a bad row raises GoldError naming its file and line."""
    rows: list[GoldRow] = []
    seen: dict[str, str] = {}
    for number, record in _read_json_lines(Path(path), GoldError):
        origin = f"{path}:{number}"
        try:
            row = _gold_row(record, origin)
        except ValueError as exc:
            raise GoldError(f"{origin}: {exc}") from None
        if row.gold_id in seen:
            raise GoldError(
                f"{origin}: gold_id {row.gold_id!r} is already used at {seen[row.gold_id]}; gold ids must be unique"
            )
        seen[row.gold_id] = origin
        rows.append(row)
    if not rows:
        raise GoldError(f"{path}: no gold rows; a gold file holds one JSON object per line")
    return rows


def _mention_actor_problem(actor: Any) -> str | None:
    if actor is None:
        return None
    if not isinstance(actor, dict) or "country" not in actor:
        return 'must be null or an object with a "country" (ISO3 or null)'
    country = actor["country"]
    if country is not None and not (isinstance(country, str) and _COUNTRY.fullmatch(country)):
        return f"has country {country!r}, which is not an ISO3 code or null"
    return None


def _mention_problem(mention: Any) -> str | None:
    """Why a mention dict does not follow the interchange format, or None when it does."""
    if not isinstance(mention, dict):
        return f"a mention must be a JSON object; got {type(mention).__name__}"
    missing = [name for name in _MENTION_REQUIRED if name not in mention]
    if missing:
        return f"missing field(s) {', '.join(missing)}"
    for name in ("mention_id", "event_id", "doc_id"):
        if not isinstance(mention[name], str) or not mention[name]:
            return f'"{name}" must be a non-empty string; got {mention[name]!r}'
    if mention["section"] not in SECTIONS:
        return f'"section" must be one of {", ".join(sorted(SECTIONS))}; got {mention["section"]!r}'
    if mention["factuality"] not in FACTUALITIES:
        return f'"factuality" must be one of {", ".join(sorted(FACTUALITIES))}; got {mention["factuality"]!r}'
    if not isinstance(mention["cameo"], str) or not _CAMEO.fullmatch(mention["cameo"]):
        return f'"cameo" must be a CAMEO code as a string, leading zero kept ("051"); got {mention["cameo"]!r}'
    for name in ("source", "target"):
        problem = _mention_actor_problem(mention[name])
        if problem:
            return f'"{name}" {problem}'
    if mention["date"] is not None and (problem := _check_iso_cut(mention["date"])):
        return f'"date": {problem}'
    evidence = mention["evidence"]
    if not isinstance(evidence, dict) or not isinstance(evidence.get("text"), str):
        return '"evidence" must be an object with a "text" string'
    return None


def check_mention(mention: Any, where: str) -> None:
    """Raise InputError, saying `where`, if a mention dict breaks the interchange format."""
    problem = _mention_problem(mention)
    if problem:
        raise InputError(f"{where}: {problem} (see docs/evaluation.md for the mention format)")


def load_mentions(path: str | Path) -> list[dict[str, Any]]:
    """Read a mentions.jsonl in the interchange format, checking the fields scoring uses."""
    mentions = []
    for number, record in _read_json_lines(Path(path), InputError):
        check_mention(record, f"{path}:{number}")
        mentions.append(record)
    return mentions


# --------------------------------------------------------------------------- matching


def _country(actor: dict[str, Any] | None) -> str | None:
    return None if actor is None else actor.get("country")


def is_counted(mention: dict[str, Any]) -> bool:
    """A mention counts as an asserted event: coded section and asserted/reported."""
    return mention["section"] in COUNTED_SECTIONS and mention["factuality"] in COUNTED_FACTUALITY_VALUES


def is_compatible(row: GoldRow, mention: dict[str, Any]) -> bool:
    """Countries (either direction when symmetric) and CAMEO root agree."""
    if mention["cameo"][:2] not in row.cameo_root:
        return False
    source, target = _country(mention["source"]), _country(mention["target"])
    if source in row.source and target in row.target:
        return True
    return row.symmetric and target in row.source and source in row.target


def _tokens(text: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(text.lower()))


def evidence_overlap(gold_text: str, mention_text: str) -> float:
    """Jaccard overlap of lowercased word tokens."""
    gold, found = _tokens(gold_text), _tokens(mention_text)
    return _ratio(len(gold & found), len(gold | found))


def _inside(finer: str, coarser: str) -> bool:
    return finer.startswith(coarser + "-")


def date_verdict(row: GoldRow, mention_date: str | None) -> DateVerdict | None:
    """Judge a matched mention's date against the row's; None when the row has no date."""
    if row.date is None:
        return None
    if mention_date is None:
        return DateVerdict.MISSING
    if mention_date == row.date or mention_date in row.date_alt or _inside(mention_date, row.date):
        return DateVerdict.RIGHT
    if _inside(row.date, mention_date):
        return DateVerdict.COARSE
    return DateVerdict.WRONG


def _fine_score(row: GoldRow, mention: dict[str, Any]) -> int:
    """Evidence overlap in thousandths, doubled, plus one for a right (or unscored) date."""
    overlap = round(evidence_overlap(row.evidence, mention["evidence"]["text"]) * _OVERLAP_SCALE)
    date_ok = date_verdict(row, mention["date"]) in (DateVerdict.RIGHT, None)
    return 2 * overlap + int(date_ok)


def _pair_weights(rows: Sequence[GoldRow], mentions: Sequence[dict[str, Any]]) -> dict[tuple[int, int], int]:
    """Weights of compatible (row, mention) pairs, tiered so the assignment prefers,
    in order: more required rows matched, more rows matched, higher fine scores."""
    size = min(len(rows), len(mentions))
    fine_max = 2 * _OVERLAP_SCALE + 1
    per_match = size * fine_max + 1  # one more match beats any sum of fine scores
    per_required = (size + 1) * per_match  # one more required row beats any other gain
    weights = {}
    for r, row in enumerate(rows):
        for m, mention in enumerate(mentions):
            if is_compatible(row, mention):
                tier = per_required if row.required else 0
                weights[r, m] = tier + per_match + _fine_score(row, mention)
    return weights


def max_weight_matching(weights: dict[tuple[int, int], int], n_rows: int, n_cols: int) -> list[tuple[int, int]]:
    """A one-to-one set of (row, col) pairs with the largest total weight.

    Only pairs in `weights` (all positive) can be chosen. Solved as a
    minimum-cost assignment (Hungarian method, O(n^2 m)) where a missing pair
    costs 0, i.e. is the same as leaving both sides unmatched.
    """
    if not weights:
        return []
    if n_rows > n_cols:
        flipped = {(c, r): w for (r, c), w in weights.items()}
        return sorted((r, c) for c, r in max_weight_matching(flipped, n_cols, n_rows))
    cost = [[-weights.get((r, c), 0) for c in range(n_cols)] for r in range(n_rows)]
    owner = _hungarian(cost, n_rows, n_cols)
    return sorted((r, c) for c, r in enumerate(owner) if r is not None and (r, c) in weights)


def _hungarian(cost: list[list[int]], n_rows: int, n_cols: int) -> list[int | None]:
    """For each column, the row assigned to it (None if none), minimising total cost.

    Rows are added one at a time; each addition grows a shortest augmenting path
    over reduced costs (row potentials `u`, column potentials `v`). Column 0 is a
    virtual column where the new row starts. Needs n_rows <= n_cols.
    """
    u = [0] * (n_rows + 1)
    v = [0] * (n_cols + 1)
    row_of = [0] * (n_cols + 1)  # 1-based row owning each column; 0 = free
    for row in range(1, n_rows + 1):
        row_of[0] = row
        came_from, free_col = _augmenting_path(cost, u, v, row_of)
        _flip_path(row_of, came_from, free_col)
    return [row - 1 if row else None for row in row_of[1:]]


def _augmenting_path(cost: list[list[int]], u: list[int], v: list[int], row_of: list[int]) -> tuple[list[int], int]:
    """Dijkstra-like search from the virtual column 0 to a free column, updating the
    potentials; returns each reached column's predecessor and the free column reached."""
    n_cols = len(v) - 1
    slack: list[float] = [math.inf] * (n_cols + 1)
    came_from = [0] * (n_cols + 1)
    visited = [False] * (n_cols + 1)
    col = 0
    while True:
        visited[col] = True
        row = row_of[col]
        delta, next_col = math.inf, 0
        for c in range(1, n_cols + 1):
            if visited[c]:
                continue
            reduced = cost[row - 1][c - 1] - u[row] - v[c]
            if reduced < slack[c]:
                slack[c], came_from[c] = reduced, col
            if slack[c] < delta:
                delta, next_col = slack[c], c
        for c in range(n_cols + 1):
            if visited[c]:
                u[row_of[c]] += delta
                v[c] -= delta
            else:
                slack[c] -= delta
        col = next_col
        if row_of[col] == 0:
            return came_from, col


def _flip_path(row_of: list[int], came_from: list[int], free_col: int) -> None:
    """Shift ownership along the augmenting path from column 0 to `free_col`."""
    col = free_col
    while col:
        previous = came_from[col]
        row_of[col] = row_of[previous]
        col = previous


# --------------------------------------------------------------------------- scoring


def _brief(mention: dict[str, Any]) -> MentionBrief:
    return MentionBrief(
        doc_id=mention["doc_id"],
        mention_id=mention["mention_id"],
        section=mention["section"],
        factuality=mention["factuality"],
        cameo=mention["cameo"],
        source_country=_country(mention["source"]),
        target_country=_country(mention["target"]),
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
    pairs = max_weight_matching(_pair_weights(rows, counted), len(rows), len(counted))
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


# --------------------------------------------------------------------------- rendering


def _figure_table(report: EvalReport) -> Any:
    from rich.table import Table

    table = Table(title="comity eval")
    for column in ("", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if column else "left")
    for name, c in (("events", report.counts), ("events, dated", report.dated)):
        table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.tp), str(c.fp), str(c.fn))
    return table


def _diagnostic_lines(report: EvalReport) -> str:
    d, c = report.dates, report.clusters
    return "\n".join(
        (
            f"dates of matched rows: {d.right} right, {d.coarse} coarse, {d.missing} missing, {d.wrong} wrong",
            f"cluster pairs: {c.joined} joined, {c.split} split; {c.kept_apart} kept apart, "
            f"{c.wrongly_joined} wrongly joined",
            f"leaked: {len(report.leaked)}; mentions of documents without gold (ignored): {report.ignored_mentions}",
        )
    )


def _document_table(report: EvalReport) -> Any:
    from rich.table import Table

    table = Table(title="per document")
    table.add_column("doc", no_wrap=True, overflow="ellipsis", min_width=12)
    for column in ("req", "opt", "tp", "fp", "fn", "opt hit", "leaked", "not counted"):
        table.add_column(column, justify="right")
    for doc in report.documents:
        values = (doc.required, doc.optional, doc.tp, doc.fp, doc.fn, doc.optional_matched, doc.leaked, doc.not_counted)
        table.add_row(doc.doc_id, *(str(v) for v in values))
    return table


def _error_rows(report: EvalReport) -> Iterable[tuple[str, ...]]:
    for row in report.missed:
        yield ("missed", row.doc_id, row.gold_id, "|".join(row.cameo_root),
               f"{_countries(row.source)}->{_countries(row.target)}", row.evidence)  # fmt: skip
    for kind, briefs in (("false pos.", report.false_positives), ("leaked", report.leaked)):
        for b in briefs:
            yield (kind, b.doc_id, b.mention_id, b.cameo,
                   f"{b.source_country or '-'}->{b.target_country or '-'}", b.evidence)  # fmt: skip


def _shortened(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _error_lines(report: EvalReport) -> str:
    """One line per missed row, false positive and leak; lines, not a table, so that a
    narrow terminal wraps them instead of squeezing columns to nothing."""
    lines = [
        f"{kind:<10} {doc} {ident} cameo {cameo} {dyad} {_shortened(evidence)!r}"
        for kind, doc, ident, cameo, dyad, evidence in _error_rows(report)
    ]
    return "\n".join(["errors:", *lines])


def _countries(codes: tuple[str | None, ...]) -> str:
    return "|".join(code or "-" for code in codes)


def render(report: EvalReport) -> Any:
    """A rich renderable: figures, date/cluster diagnostics, per-document table, errors."""
    from rich.console import Group
    from rich.text import Text

    parts = [_figure_table(report), _diagnostic_lines(report), _document_table(report)]
    if report.missed or report.false_positives or report.leaked:
        parts.append(_error_lines(report))
    return Group(*(Text(part) if isinstance(part, str) else part for part in parts))


# --------------------------------------------------------------------------- accuracy gate


#: Pinned bounds: gold set -> figure key -> bound (a key ending in "_max" is a ceiling).
Floors = dict[str, dict[str, float]]


@dataclass(slots=True, frozen=True)
class GoldSet:
    """A gold file and the documents to code for it."""

    name: str
    gold: Path
    docs: list[Path]


def find_shared(repo: Path) -> Path | None:
    """The shared directory (samples, gold): $COMITY_SHARED, or `shared` beside the checkout."""
    for candidate in (os.environ.get("COMITY_SHARED"), repo.parent / "shared", repo / "shared"):
        if candidate and (Path(candidate) / "samples").is_dir():
            return Path(candidate)
    return None


def gold_sets(repo: Path, shared: Path | None) -> list[GoldSet]:
    """The gold sets the accuracy gate scores, named as in tests/eval_floors.json."""
    gold = repo / "tests" / "gold"
    sets = [
        GoldSet("demo", gold / "demo.jsonl", [repo / "src" / "comity" / "data" / "demo"]),
        # For development, like demo: new topics and page traps to improve the coder on.
        GoldSet("dev2", gold / "dev2.jsonl", [repo / "tests" / "fixtures" / "dev2"]),
        # Held out: the coder is never tuned on these articles, so this set measures generalisation.
        GoldSet("unseen", gold / "unseen.jsonl", [repo / "tests" / "fixtures" / "unseen"]),
        GoldSet("unseen2", gold / "unseen2.jsonl", [repo / "tests" / "fixtures" / "unseen2"]),
    ]
    if shared is not None:
        sets.insert(0, GoldSet("seeds-dev", shared / "gold" / "seeds-dev.jsonl", [shared / "samples" / "seeds"]))
        # Real news nobody here wrote (Reuters 1987, pages of 2017-2024), read from the shared
        # corpora by doc_id: a dev half to tune on, and a held-out half whose errors are not read.
        corpora = [shared / "corpora" / "reuters21578.jsonl", shared / "corpora" / "pages.jsonl"]
        sets += [GoldSet("real-dev", gold / "real-dev.jsonl", corpora), GoldSet("real-heldout", gold / "real-heldout.jsonl", corpora)]
    return sets


def score_gold_set(gold_set: GoldSet) -> EvalReport:
    """Code the set's documents that its gold names with comity and score them against its gold."""
    from comity.api import code_paths  # the API imports this module for `comity eval`

    gold = load_gold(gold_set.gold)
    return evaluate(gold, code_paths(gold_set.docs, doc_ids={row.doc_id for row in gold}))


def document_texts(paths: Iterable[Path]) -> dict[str, str]:
    """The texts of documents by doc_id, without coding them: `.txt` and `.md` files of folders
    (doc_id: the file name without extension) and lines of JSON Lines corpora (their `doc_id`)."""
    texts: dict[str, str] = {}
    for path in paths:
        if path.is_dir():
            for file in sorted(path.glob("*.txt")) + sorted(path.glob("*.md")):
                texts[file.stem] = file.read_text(encoding="utf-8")
        elif path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    if line.strip():
                        record = json.loads(line)
                        texts[str(record["doc_id"])] = record["text"]
    return texts


def _is_ceiling(key: str) -> bool:
    return key.endswith("_max")


def _figure_name(key: str) -> str:
    return key.removesuffix("_max")


def gate_failures(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One message per figure below its floor (or above a `_max` ceiling)."""
    failures = []
    for key, bound in sorted(floors.items()):
        name = _figure_name(key)
        if name not in figures:
            failures.append(f"{key}: no figure named {name!r}; known: {', '.join(sorted(figures))}")
        elif _is_ceiling(key) and figures[name] > bound:
            failures.append(f"{name} = {figures[name]:.4g} is above its ceiling {bound}")
        elif not _is_ceiling(key) and figures[name] < bound:
            failures.append(f"{name} = {figures[name]:.4g} is below its floor {bound}")
    return failures


def read_floors(path: Path) -> Floors:
    try:
        floors = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise FloorsError(f"{path}: cannot read the floors ({exc})") from exc
    valid = isinstance(floors, dict) and all(
        isinstance(set_floors, dict) and all(isinstance(v, (int, float)) for v in set_floors.values())
        for set_floors in floors.values()
    )
    if not valid:
        raise FloorsError(f'{path}: expected {{"gold set": {{"figure": number, ...}}, ...}}')
    return floors


def _pinned(value: float, ceiling: bool) -> float | int:
    """Round a figure to two decimals towards the safe side: down for floors, up for ceilings."""
    if isinstance(value, int):
        return value
    rounding = ROUND_CEILING if ceiling else ROUND_FLOOR
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=rounding))


@dataclass(slots=True, frozen=True)
class FloorChange:
    gold_set: str
    key: str
    old: float
    new: float

    @property
    def loosens(self) -> bool:
        """True when the change lets the gate pass with worse results."""
        return self.new > self.old if _is_ceiling(self.key) else self.new < self.old

    def __str__(self) -> str:
        return f"{self.gold_set}.{self.key}: {self.old} -> {self.new}"


#: Figures pinned for a gold set that has no floors yet.
DEFAULT_FLOOR_KEYS = ("precision", "recall", "f1", "dated_f1", "leaked_max")


def floor_changes(floors: Floors, current: Floors) -> list[FloorChange]:
    """Every pinned value that would move if floors followed the current figures."""
    changes = []
    for gold_set, figures in sorted(current.items()):
        set_floors = floors.get(gold_set) or dict.fromkeys(DEFAULT_FLOOR_KEYS, None)
        for key, old in set_floors.items():
            if _figure_name(key) not in figures:
                continue
            new = _pinned(figures[_figure_name(key)], _is_ceiling(key))
            if old is None or new != old:
                changes.append(FloorChange(gold_set, key, old if old is not None else new, new))
    return changes


def apply_floor_changes(floors: Floors, changes: list[FloorChange], allow_lower: bool) -> Floors:
    """New floors with `changes` applied; FloorsError if one loosens the gate and not allow_lower."""
    loosening = [change for change in changes if change.loosens]
    if loosening and not allow_lower:
        listed = "; ".join(str(change) for change in loosening)
        raise FloorsError(
            f"refusing to lower floors ({listed}); fix the regression, or pass --allow-lower if it is intended"
        )
    updated = {name: dict(values) for name, values in floors.items()}
    for change in changes:
        updated.setdefault(change.gold_set, {})[change.key] = change.new
    return updated


def raise_floors(path: Path, current: Floors, allow_lower: bool = False) -> list[FloorChange]:
    """Rewrite the floors file at `path` to follow `current`; returns what changed."""
    floors = read_floors(path) if Path(path).exists() else {}
    changes = floor_changes(floors, current)
    updated = apply_floor_changes(floors, changes, allow_lower)
    Path(path).write_text(json.dumps(updated, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return changes


def _current_figures(repo: Path, shared: Path | None) -> tuple[Floors, list[str]]:
    current, skipped = {}, []
    for gold_set in gold_sets(repo, shared):
        if not gold_set.gold.exists():
            skipped.append(f"{gold_set.name}: {gold_set.gold} does not exist")
            continue
        current[gold_set.name] = score_gold_set(gold_set).figures()
    return current, skipped


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m comity.eval")
    commands = parser.add_subparsers(dest="command", required=True)
    raise_cmd = commands.add_parser("raise-floors", help="raise tests/eval_floors.json to the current figures")
    raise_cmd.add_argument("--repo", type=Path, default=Path.cwd(), help="repository root (default: .)")
    raise_cmd.add_argument("--shared", type=Path, default=None, help="shared dir with samples/ and gold/")
    raise_cmd.add_argument("--floors", type=Path, default=None, help="floors file (default: tests/eval_floors.json)")
    raise_cmd.add_argument("--allow-lower", action="store_true", help="also lower floors that the figures fell below")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m comity.eval raise-floors [--allow-lower]`: the developer script for the gate.

    Returns the exit status: 0 when the floors were written, 1 when nothing was written.
    """
    args = _parser().parse_args(argv)
    floors = args.floors or args.repo / "tests" / "eval_floors.json"
    try:
        current, skipped = _current_figures(args.repo, args.shared or find_shared(args.repo))
        for reason in skipped:
            sys.stderr.write(f"skipped {reason}\n")
        changes = raise_floors(floors, current, args.allow_lower)
    except ComityError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    sys.stdout.write("".join(f"{change}\n" for change in changes) or "floors unchanged\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
