"""The accuracy gate's pinned floors (tests/eval_floors.json): reading them, judging figures
against them, and raising them, never lowering one unless asked."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path

from comity.errors import ComityError


class FloorsError(ComityError):
    """The accuracy gate's floors file is malformed, or a change would lower a floor."""


#: Pinned bounds: gold set -> figure key -> bound (a key ending in "_max" is a ceiling).
Floors = dict[str, dict[str, float]]


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
