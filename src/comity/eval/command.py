"""`python -m comity.eval raise-floors`: the developer script that raises the gate's floors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from comity.errors import ComityError
from comity.eval.floors import Floors, raise_floors
from comity.eval.gold_sets import find_shared, gold_sets, score_gold_set


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
