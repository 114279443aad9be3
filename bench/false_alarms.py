"""False alarms on business news: asserted event mentions per 100 Reuters stories tagged only
with business topics (earnings, takeovers, interest rates, currencies, commodities).

    .venv/bin/python bench/false_alarms.py [--corpus PATH] [--sample N | --all] [--seed S] [--examples K]

A story counts as business when it has topics and none of them is `trade`, `ship` or
`crude` (the tags under which Reuters filed most of its political stories). The default is
the fixed sample of 400 such stories drawn with seed 12 (the issue's yardstick); `--all`
codes every one of them (about 9,000; over an hour on two cores). Prints the rate, the
rules and CAMEO roots that fired most, and K example mentions to read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from comity.api import code_paths  # noqa: E402
from comity.eval import is_counted  # noqa: E402

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578.jsonl"
POLITICAL_TOPICS = frozenset({"trade", "ship", "crude"})
SAMPLE_SEED = 12
SAMPLE_SIZE = 400


def business_story_ids(corpus: Path) -> list[str]:
    """Stories with at least one topic and only business ones, in corpus order."""
    ids = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            topics = set(record.get("topics") or [])
            if topics and not topics & POLITICAL_TOPICS:
                ids.append(record["doc_id"])
    return ids


def fixed_sample(ids: list[str], size: int, seed: int) -> list[str]:
    return sorted(random.Random(seed).sample(ids, min(size, len(ids))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=REUTERS)
    parser.add_argument("--sample", type=int, default=SAMPLE_SIZE)
    parser.add_argument("--all", action="store_true", help="code every business story, not a sample")
    parser.add_argument("--seed", type=int, default=SAMPLE_SEED)
    parser.add_argument("--examples", type=int, default=15)
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"{args.corpus} not found: give --corpus (the shared Reuters-21578 JSON Lines file)", file=sys.stderr)
        return 2
    ids = business_story_ids(args.corpus)
    chosen = ids if args.all else fixed_sample(ids, args.sample, args.seed)
    mentions = [m for m in code_paths([args.corpus], doc_ids=set(chosen)) if is_counted(m)]
    rate = 100 * len(mentions) / len(chosen)
    print(f"business stories: {len(ids)} in the corpus, {len(chosen)} coded")
    print(f"asserted event mentions: {len(mentions)}, {rate:.2f} per 100 stories, "
          f"in {len({m['doc_id'] for m in mentions})} stories")
    print("by rule:", ", ".join(f"{rule} {n}" for rule, n in Counter(m["rule"] for m in mentions).most_common(12)))
    print("by root:", ", ".join(f"{root} {n}" for root, n in Counter(m["cameo"][:2] for m in mentions).most_common()))
    for mention in random.Random(0).sample(mentions, min(args.examples, len(mentions))):
        source = (mention.get("source") or {}).get("code")
        target = (mention.get("target") or {}).get("code")
        print(f"  {mention['doc_id']:<14} {source}->{target} {mention['cameo']} [{mention['rule']}] "
              f"{mention['evidence']['text'][:110]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
