"""Print a sha256 of the mentions comity codes on the gold sets, to prove a change keeps every output."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from comity.api import code_paths

ROOT = Path(__file__).resolve().parent.parent
GOLD_SETS = (
    ROOT / "src/comity/data/demo",
    ROOT / "tests/fixtures/unseen",
    ROOT.parent / "shared/samples/seeds",
)


def fingerprint(folder: Path) -> str:
    mentions = code_paths([folder])
    lines = sorted(json.dumps(mention, sort_keys=True, default=str) for mention in mentions)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def main() -> None:
    total = hashlib.sha256()
    for folder in GOLD_SETS:
        if not folder.exists():
            print(f"{folder.name}: absent, skipped", file=sys.stderr)
            continue
        digest = fingerprint(folder)
        total.update(digest.encode())
        print(f"{folder.name}: {digest}")
    print(f"all: {total.hexdigest()}")


if __name__ == "__main__":
    main()
