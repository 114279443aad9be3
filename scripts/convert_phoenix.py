"""Convert the Phoenix dictionaries into comity's bundled actor and agent tables
(src/comity/data/actors/phoenix/), so `pip install` carries them without ../shared.

Run: .venv/bin/python scripts/convert_phoenix.py [--phoenix DIR] [--corpus FILE]

Reads ../shared/data/phoenix (the dictionaries) and ../shared/corpora/reuters21578.jsonl (the
reference corpus that tells ordinary words from names, read without the stories of any gold
set). What is kept and why: comity/knowledge/phoenix.py. The output is a pure function of
these inputs; tests/knowledge/test_phoenix.py checks the bundled tables equal it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from comity.knowledge.phoenix import PHOENIX_DIR, Sources, convert, excluded_docs  # noqa: E402

SHARED = REPO.parent / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phoenix", type=Path, default=SHARED / "data" / "phoenix")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "reuters21578.jsonl")
    parser.add_argument("--out", type=Path, default=PHOENIX_DIR)
    args = parser.parse_args()
    for path in (args.phoenix, args.corpus):
        if not path.exists():
            print(f"{path} not found: give --phoenix DIR and --corpus FILE", file=sys.stderr)
            return 2
    sources = Sources(args.phoenix, args.corpus, excluded_docs(sorted((REPO / "tests" / "gold").glob("*.jsonl"))))
    actors, agents = convert(sources, args.out)
    print(f"{actors} actors and {agents} agent nouns written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
