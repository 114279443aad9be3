"""Check a gold file without running the coder (see docs/annotation.md).

    .venv/bin/python scripts/check_gold.py GOLD.jsonl [--docs DIR_OR_JSONL ...] [--shared DIR]

Documents are looked up by doc_id: `.txt`/`.md` files under each --docs folder,
lines of each --docs JSON Lines file, and by default the shared corpora
(`../shared/corpora/*.jsonl`). Every problem is printed with the row's line;
the exit status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from comity.errors import GoldError  # noqa: E402
from comity.eval import document_texts, find_shared, load_gold  # noqa: E402
from comity.knowledge.actors import ActorKnowledge  # noqa: E402
from comity.knowledge.cameo import Codebook  # noqa: E402


def squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def country_codes() -> set[str]:
    """ISO3 codes of today's states and of the historical ones comity knows (SUN, the USSR)."""
    knowledge = ActorKnowledge.default()
    return {entry.actor.country for entry in knowledge.entries() if entry.actor.country} | {
        entry.actor.code for entry in knowledge.entries() if entry.actor.kind == "state" and entry.actor.code
    }


def problems(gold: Path, texts: dict[str, str]) -> list[str]:
    try:
        rows = load_gold(gold)
    except GoldError as exc:
        return [str(exc)]
    roots = {entry.code[:2] for entry in Codebook.default()}
    countries = country_codes()
    squeezed_texts = {doc_id: squeezed(text) for doc_id, text in texts.items()}
    found: list[str] = []
    for row in rows:
        where = f"{row.origin} ({row.gold_id})"
        if row.doc_id not in squeezed_texts:
            found.append(f"{where}: no document {row.doc_id!r}")
        elif squeezed(row.evidence) not in squeezed_texts[row.doc_id]:
            found.append(f"{where}: evidence is not quoted word for word from {row.doc_id}: {row.evidence!r}")
        found += [f"{where}: {root!r} is not a CAMEO root" for root in row.cameo_root if root not in roots]
        found += [f"{where}: {code!r} is no ISO3 code of a state comity knows (src/comity/data/actors)" for code in row.source + row.target
                  if code is not None and code not in countries]
        if len(row.cameo_root) > 3:
            found.append(f"{where}: more than three CAMEO roots")
        if row.cluster is None:
            found.append(f"{where}: every row needs a cluster (docs/annotation.md)")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--docs", type=Path, action="append", default=[], help="a folder of .txt files or a JSON Lines file")
    parser.add_argument("--shared", type=Path, default=None, help="the shared directory (default: ../shared)")
    args = parser.parse_args()
    shared = args.shared or find_shared(REPO)
    sources = list(args.docs)
    if shared is not None:
        sources += sorted((shared / "corpora").glob("*.jsonl"))
    found = problems(args.gold, document_texts(sources))
    for problem in found:
        print(problem)
    try:
        rows = load_gold(args.gold)
    except GoldError:
        rows = []
    required = sum(row.required for row in rows)
    print(f"{args.gold}: {len(rows)} rows ({required} required) in {len({r.doc_id for r in rows})} documents; "
          f"{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
