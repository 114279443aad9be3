"""Build src/comity/data/cameo/codebook.tsv from reference copies of the CAMEO and PLOVER facts.

    python scripts/build_codebook.py ../shared/data/cameo/CAMEO_codebook_merged.csv \
        ../shared/data/plover/CAMEO2PLOVER-2021.txt src/comity/data/cameo/codebook.tsv

Facts kept per code: name, root, Goldstein value, QuadClass, and the PLOVER event
type, mode and context. A code the PLOVER table does not list takes its nearest
listed ancestor's PLOVER type (0213 -> 021 -> 02). The PLOVER table has no rows
for roots 01 and 02: PLOVER drops public statements (01, no type) and folds
appeals into REQUEST with demands (02), which is what we record.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

#: PLOVER facts for roots the conversion table leaves out (PLOVER manual 0.8).
ROOTS_OUTSIDE_TABLE = {"01": ("", "", ""), "02": ("REQUEST", "", "")}

#: Spelling slips in the reference codebook's names.
NAME_FIXES = {"matyerial": "material", "radiologicalweapons": "radiological weapons", "  ": " "}

_PLOVER_LINE = re.compile(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#.*)?$")


@dataclass(frozen=True, slots=True)
class PloverFacts:
    event: str
    mode: str
    context: str


def read_plover(path: Path) -> dict[str, PloverFacts]:
    facts: dict[str, PloverFacts] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PLOVER_LINE.match(line.strip())
        if not match:
            continue
        code, rest = match.groups()
        parts = [part.strip() for part in rest.split(",")]
        if len(parts) == 1:  # a root heading such as "04: CONSULT"
            continue
        parts += [""] * (3 - len(parts))
        facts.setdefault(code, PloverFacts(parts[0], parts[1], parts[2].replace(";", "|")))
    return facts


def plover_for(code: str, facts: dict[str, PloverFacts]) -> PloverFacts:
    for length in range(len(code), 1, -1):
        prefix = code[:length]
        if prefix in facts:
            return facts[prefix]
        if len(prefix) == 2 and prefix + "0" in facts:
            return facts[prefix + "0"]
    event, mode, context = ROOTS_OUTSIDE_TABLE.get(code[:2], ("", "", ""))
    return PloverFacts(event, mode, context)


def clean_name(name: str) -> str:
    for wrong, right in NAME_FIXES.items():
        name = name.replace(wrong, right)
    return name.strip()


def build(cameo_csv: Path, plover_txt: Path, out: Path) -> int:
    facts = read_plover(plover_txt)
    rows = []
    with cameo_csv.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            code = record["code"].strip()
            plover = plover_for(code, facts)
            rows.append(
                [code, record["root"].strip(), clean_name(record["name"]), record["goldstein"].strip(),
                 record["quadclass"].strip(), plover.event, plover.mode, plover.context]
            )  # fmt: skip
    header = ["code", "root", "name", "goldstein", "quad_class", "plover", "plover_mode", "plover_context"]
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    count = build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    print(f"wrote {count} codes to {sys.argv[3]}")
