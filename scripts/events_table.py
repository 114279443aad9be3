"""Print every event mention coded from a set of articles, with its date, precision, basis and place.

    .venv/bin/python scripts/events_table.py ../shared/samples/seeds

One Markdown row per mention that counts as an event (headline or body,
asserted or reported), in document order; mentions that do not count are
summarised per document with their factuality.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict

from comity.api import code_paths
from comity.link import counts_as_event


def actor(side: dict | None) -> str:
    if not side:
        return "—"
    return f"{side['text']} [{side.get('code') or '?'}]"


def row(m: dict) -> str:
    place = (m.get("place") or {}).get("name") or "—"
    date = m.get("date") or "—"
    evidence = m["trigger"]["text"] if m.get("trigger") else m["evidence"]["text"][:40]
    return (f"| {m['doc_id'][:3]} | {actor(m['source'])} | {m['cameo']} | {actor(m['target'])} | {evidence} | "
            f"{date} | {m.get('date_precision') or '—'} | {m.get('date_basis') or '—'} | {place} | {m['event_id'][:10]} |")


def main(paths: list[str]) -> int:
    mentions = code_paths(paths)
    print("| doc | source | CAMEO | target | trigger | date | precision | basis | place | event |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    not_counted: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if counts_as_event(m):
            print(row(m))
        else:
            not_counted[m["doc_id"]][m["factuality"]] += 1
    for doc_id, counts in sorted(not_counted.items()):
        print(f"\nnot counted in {doc_id}: " + ", ".join(f"{n} {f}" for f, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["../shared/samples/seeds"]))
