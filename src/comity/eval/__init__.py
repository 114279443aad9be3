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

The package: `loading` reads and checks gold and mention files into `records`; `matching`
says which pairs are compatible and how they rank, `assignment` pairs them one-to-one,
`scoring` builds the `EvalReport` and `rendering` prints it. For the accuracy gate,
`gold_sets` names the sets and codes their documents, `floors` pins the figures, and
`command` (run by `__main__`) is the raise-floors script.
"""

from comity.eval.assignment import max_weight_matching
from comity.eval.command import main
from comity.eval.floors import (
    DEFAULT_FLOOR_KEYS,
    FloorChange,
    Floors,
    FloorsError,
    apply_floor_changes,
    floor_changes,
    gate_failures,
    raise_floors,
    read_floors,
)
from comity.eval.gold_sets import GoldSet, document_texts, find_shared, gold_sets, score_gold_set
from comity.eval.loading import (
    COUNTED_FACTUALITY_VALUES,
    COUNTED_SECTIONS,
    FACTUALITIES,
    LEAKED_SECTIONS,
    SECTIONS,
    check_mention,
    load_gold,
    load_mentions,
)
from comity.eval.matching import date_verdict, evidence_overlap, is_compatible, is_counted
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
from comity.eval.rendering import render
from comity.eval.scoring import evaluate

__all__ = [
    "COUNTED_FACTUALITY_VALUES",
    "COUNTED_SECTIONS",
    "DEFAULT_FLOOR_KEYS",
    "FACTUALITIES",
    "LEAKED_SECTIONS",
    "SECTIONS",
    "ClusterPairs",
    "Counts",
    "DateCounts",
    "DateVerdict",
    "DocScore",
    "EvalReport",
    "FloorChange",
    "Floors",
    "FloorsError",
    "GoldRow",
    "GoldSet",
    "Match",
    "MentionBrief",
    "apply_floor_changes",
    "check_mention",
    "date_verdict",
    "document_texts",
    "evaluate",
    "evidence_overlap",
    "find_shared",
    "floor_changes",
    "gate_failures",
    "gold_sets",
    "is_compatible",
    "is_counted",
    "load_gold",
    "load_mentions",
    "main",
    "max_weight_matching",
    "raise_floors",
    "read_floors",
    "render",
    "score_gold_set",
]
