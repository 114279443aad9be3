"""When a mention is compatible with a gold row, how well their evidence overlaps, whether its
date is right, and the weights that rank the pairs for the assignment."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from comity.eval.loading import COUNTED_FACTUALITY_VALUES, COUNTED_SECTIONS
from comity.eval.records import DateVerdict, GoldRow, ratio

_TOKEN = re.compile(r"\w+")


#: Evidence overlap is scored in thousandths so the assignment works on exact integers.
_OVERLAP_SCALE = 1000


def country_of(actor: dict[str, Any] | None) -> str | None:
    return None if actor is None else actor.get("country")


def is_counted(mention: dict[str, Any]) -> bool:
    """A mention counts as an asserted event: coded section and asserted/reported."""
    return mention["section"] in COUNTED_SECTIONS and mention["factuality"] in COUNTED_FACTUALITY_VALUES


def is_compatible(row: GoldRow, mention: dict[str, Any]) -> bool:
    """Countries (either direction when symmetric) and CAMEO root agree."""
    if mention["cameo"][:2] not in row.cameo_root:
        return False
    source, target = country_of(mention["source"]), country_of(mention["target"])
    if source in row.source and target in row.target:
        return True
    return row.symmetric and target in row.source and source in row.target


def _tokens(text: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(text.lower()))


def evidence_overlap(gold_text: str, mention_text: str) -> float:
    """Jaccard overlap of lowercased word tokens."""
    gold, found = _tokens(gold_text), _tokens(mention_text)
    return ratio(len(gold & found), len(gold | found))


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


def pair_weights(rows: Sequence[GoldRow], mentions: Sequence[dict[str, Any]]) -> dict[tuple[int, int], int]:
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
