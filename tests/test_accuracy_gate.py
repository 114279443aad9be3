"""The accuracy gate: code each gold set's documents and hold every figure to its pinned floor.

Floors live in tests/eval_floors.json and only go up: after an improvement run
`python -m comity.eval raise-floors` (see docs/evaluation.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from comity.eval import GoldSet, document_texts, find_shared, gate_failures, gold_sets, load_gold, read_floors, score_gold_set

REPO = Path(__file__).resolve().parents[1]
FLOORS = Path(__file__).parent / "eval_floors.json"
GOLD_SET_NAMES = ["seeds-dev", "demo", "dev2", "unseen", "unseen2", "real-dev", "real-heldout", "real-dev2", "real-heldout2", "real-heldout3", "real-dev3", "real-dev4", "real-heldout5"]


def test_every_gold_set_has_floors() -> None:
    assert sorted(read_floors(FLOORS)) == sorted(GOLD_SET_NAMES)


def test_the_gate_knows_every_gold_set(shared_dir: Path) -> None:
    assert [gold_set.name for gold_set in gold_sets(REPO, shared_dir)] == GOLD_SET_NAMES


def available_gold_set(name: str) -> GoldSet:
    """The named gold set, or a skip saying why it cannot be scored here."""
    by_name = {gold_set.name: gold_set for gold_set in gold_sets(REPO, find_shared(REPO))}
    if name not in by_name:
        pytest.skip(f"{name}: ../shared (samples and gold) is not beside this checkout")
    if not by_name[name].gold.exists():
        pytest.skip(f"{name}: gold file {by_name[name].gold} does not exist yet")
    return by_name[name]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("name", GOLD_SET_NAMES)
def test_gold_rows_point_at_real_documents_and_words(name: str) -> None:
    gold_set = available_gold_set(name)
    texts = {doc_id: _squeezed(text) for doc_id, text in document_texts(gold_set.docs).items()}
    rows = load_gold(gold_set.gold)
    assert sorted({row.doc_id for row in rows} - texts.keys()) == [], "gold doc_ids without a document"
    not_in_text = [row.gold_id for row in rows if _squeezed(row.evidence) not in texts[row.doc_id]]
    assert not_in_text == [], "gold evidence must be quoted from the document text"


@pytest.mark.parametrize("name", GOLD_SET_NAMES)
def test_figures_hold_their_floors(name: str) -> None:
    pytest.importorskip("comity.api", reason="comity.api (code_paths) is not written yet")
    gold_set = available_gold_set(name)
    floors = read_floors(FLOORS)[name]
    figures = score_gold_set(gold_set).figures()
    failures = gate_failures(figures, floors)
    assert not failures, f"{name} fell below its floors in {FLOORS.name}: " + "; ".join(failures)
