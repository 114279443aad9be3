"""Figures and matched gold rows of the gold sets one may tune on, for a before/after check of a speed change.

    .venv/bin/python bench/gold_figures.py OUT.json [--no-prefilter] [--exclude ner]
    .venv/bin/python bench/gold_figures.py --compare BEFORE.json AFTER.json

Scores demo, dev2, seeds-dev and real-dev to real-dev4 (never the held-out sets: their floors are
the accuracy gate's alone) as `comity eval` does, and writes each set's figures and
the ids of the gold rows matched. `--compare` prints the figures side by side and the
gold rows matched before but not after: a speed change must lose none.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from comity.api import code_paths
from comity.config import Config
from comity.eval import evaluate, gold_sets, load_gold
from comity.stages import parse

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TUNABLE = ("demo", "dev2", "seeds-dev", "real-dev", "real-dev2", "real-dev3", "real-dev4")
SHOWN = ("precision", "recall", "f1", "dated_f1", "false_positives")


def score(config: Config) -> dict[str, dict]:
    found = {}
    for gold_set in gold_sets(REPO, SHARED if SHARED.is_dir() else None):
        if gold_set.name not in TUNABLE or not gold_set.gold.exists():
            continue
        gold = load_gold(gold_set.gold)
        report = evaluate(gold, code_paths(gold_set.docs, config, doc_ids={row.doc_id for row in gold}))
        found[gold_set.name] = {"figures": report.figures(), "matched": sorted(m.gold_id for m in report.matches)}
        print(gold_set.name, " ".join(f"{k} {report.figures()[k]:.3f}" for k in SHOWN), flush=True)
    return found


def compare(before: dict[str, dict], after: dict[str, dict]) -> int:
    lost_any = False
    for name in before:
        if name not in after:
            continue
        figures = "  ".join(f"{k} {before[name]['figures'][k]:.3f} -> {after[name]['figures'][k]:.3f}" for k in SHOWN)
        lost = sorted(set(before[name]["matched"]) - set(after[name]["matched"]))
        gained = sorted(set(after[name]["matched"]) - set(before[name]["matched"]))
        lost_any |= bool(lost)
        print(f"{name}: {figures}\n  gold rows lost: {lost or 'none'}; gained: {gained or 'none'}")
    return 1 if lost_any else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--no-prefilter", action="store_true")
    parser.add_argument("--exclude", action="append", default=[], metavar="COMPONENT",
                        help="leave this spaCy component out of the parse (e.g. ner): what the stages lose without it")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*(json.loads(path.read_text()) for path in args.compare))
    if args.exclude:
        parse.UNREAD_COMPONENTS = (*parse.UNREAD_COMPONENTS, *args.exclude)
    found = score(Config(prefilter=not args.no_prefilter))
    if args.out:
        args.out.write_text(json.dumps(found, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
