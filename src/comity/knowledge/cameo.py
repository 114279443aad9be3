"""The CAMEO codebook: every code's name, root, Goldstein value, QuadClass and PLOVER type.

The facts live in `comity/data/cameo/codebook.tsv` (built by
`scripts/build_codebook.py` from reference copies of the CAMEO codebook and the
CAMEO->PLOVER table). A user can pass their own file of the same columns.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from comity.config import DATA_DIR
from comity.errors import KnowledgeError

DEFAULT_CODEBOOK = DATA_DIR / "cameo" / "codebook.tsv"
_COLUMNS = ("code", "root", "name", "goldstein", "quad_class", "plover", "plover_mode", "plover_context")


@dataclass(frozen=True, slots=True)
class CameoEntry:
    code: str  # "042"; leading zero kept
    name: str
    root: str  # two digits: "04"
    goldstein: float
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    plover: str | None  # PLOVER event type ("CONSULT"); None where PLOVER has none (root 01)
    plover_mode: str | None = None
    plover_context: str | None = None


class Codebook:
    """CAMEO codes by code string."""

    def __init__(self, entries: dict[str, CameoEntry]):
        self._entries = entries

    @classmethod
    def default(cls) -> Codebook:
        return _default_codebook()

    @classmethod
    def from_file(cls, path: Path) -> Codebook:
        if not path.is_file():
            raise KnowledgeError(f"CAMEO codebook {path} does not exist")
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t"))
        if not rows or tuple(rows[0]) != _COLUMNS:
            raise KnowledgeError(f"{path}:1: the header must be the tab-separated columns {', '.join(_COLUMNS)}")
        entries = {}
        for line_number, row in enumerate(rows[1:], start=2):
            entry = _entry_from_row(row, path, line_number)
            entries[entry.code] = entry
        return cls(entries)

    def entry(self, code: str) -> CameoEntry:
        try:
            return self._entries[code]
        except KeyError:
            raise KnowledgeError(f"{code!r} is not a CAMEO code of this codebook") from None

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def __iter__(self) -> Iterator[CameoEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)


@cache
def _default_codebook() -> Codebook:
    return Codebook.from_file(DEFAULT_CODEBOOK)


def _entry_from_row(row: list[str], path: Path, line_number: int) -> CameoEntry:
    if len(row) != len(_COLUMNS):
        raise KnowledgeError(f"{path}:{line_number}: expected {len(_COLUMNS)} tab-separated fields, found {len(row)}")
    code, root, name, goldstein, quad_class, plover, mode, context = (field.strip() for field in row)
    if not (code.isdigit() and 2 <= len(code) <= 4 and code[:2] == root):
        raise KnowledgeError(f"{path}:{line_number}: {code!r} is not a CAMEO code under root {root!r}")
    try:
        goldstein_value, quad = float(goldstein), int(quad_class)
    except ValueError:
        raise KnowledgeError(f"{path}:{line_number}: Goldstein {goldstein!r} or QuadClass {quad_class!r} is not a number") from None
    if not (-10.0 <= goldstein_value <= 10.0 and 1 <= quad <= 4):
        raise KnowledgeError(f"{path}:{line_number}: Goldstein must be in [-10, 10] and QuadClass in 1..4")
    return CameoEntry(code, name, root, goldstein_value, quad, plover or None, mode or None, context or None)
