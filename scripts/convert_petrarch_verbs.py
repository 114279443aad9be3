"""Convert PETRARCH2's verb dictionary into comity's broad layer of event patterns.

    .venv/bin/python scripts/convert_petrarch_verbs.py ../shared/data/petrarch/CAMEO.2.0.txt \
        src/comity/data/patterns/broad

Writes patterns.jsonl, synsets.json, dropped.tsv and LICENSE (see
comity.knowledge.broad_layer for what each holds and how the dictionary's patterns
become ours), then prints how many patterns were kept and what was dropped, by reason.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from comity.knowledge.broad_layer import broad_layer_files  # noqa: E402
from comity.knowledge.pattern_terms import OWN_SYNSETS  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    source, out = Path(argv[0]), Path(argv[1])
    files = broad_layer_files(source, own_synsets=OWN_SYNSETS)
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_text(content, encoding="utf-8")
    dropped = files["dropped.tsv"].splitlines()[1:]
    print(f"{out}: {files['patterns.jsonl'].count(chr(10))} patterns kept, {len(dropped)} lines or patterns left out or made no event")
    reasons = Counter(row.split("\t", 1)[1].split(";")[0].split(" (")[0] for row in dropped)
    for reason, count in reasons.most_common():
        print(f"  {count:5d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
