"""The accuracy gate: code each gold set's documents and hold every figure to its pinned floor.

Floors live in tests/eval_floors.json and only go up: after an improvement run
`python -m comity.eval raise-floors` (see docs/evaluation.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.eval import find_shared, gate_failures, gold_sets, read_floors, score_gold_set

REPO = Path(__file__).resolve().parents[1]
FLOORS = Path(__file__).parent / "eval_floors.json"
GOLD_SET_NAMES = ["seeds-dev", "demo"]


def test_every_gold_set_has_floors() -> None:
    assert sorted(read_floors(FLOORS)) == sorted(GOLD_SET_NAMES)


def test_the_gate_knows_every_gold_set(shared_dir: Path) -> None:
    assert [gold_set.name for gold_set in gold_sets(REPO, shared_dir)] == GOLD_SET_NAMES


@pytest.mark.parametrize("name", GOLD_SET_NAMES)
def test_figures_hold_their_floors(name: str) -> None:
    pytest.importorskip("comity.api", reason="comity.api (code_paths) is not written yet")
    by_name = {gold_set.name: gold_set for gold_set in gold_sets(REPO, find_shared(REPO))}
    if name not in by_name:
        pytest.skip(f"{name}: ../shared (samples and gold) is not beside this checkout")
    gold_set = by_name[name]
    if not gold_set.gold.exists():
        pytest.skip(f"{name}: gold file {gold_set.gold} does not exist yet")
    floors = read_floors(FLOORS)[name]
    figures = score_gold_set(gold_set).figures()
    failures = gate_failures(figures, floors)
    assert not failures, f"{name} fell below its floors in {FLOORS.name}: " + "; ".join(failures)
