"""Cost of the actor knowledge: build time and memory of the default knowledge (ours joined by
the bundled Phoenix tables, name index included), against our own files alone built in the
same process, and against parsing a fixed paragraph with spaCy a hundred times as a yardstick.

    .venv/bin/python bench/knowledge_load.py

Each build is a pure function of the files (a later content-hash cache can key on them).
"""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from comity.knowledge.actors import ActorKnowledge  # noqa: E402
from comity.knowledge.actors.files import ACTORS_DIR, DEFAULT_ACTOR_FILES, read_actor_file  # noqa: E402
from comity.stages.parse import load_nlp  # noqa: E402

PARAGRAPH = ("ATHENS, March 2 - Greece said today it had the right to decide where to drill in the Aegean, "
             "responding to a warning by Turkey, a government spokesman told reporters.")


def built(full: bool) -> ActorKnowledge:
    """A fresh knowledge with its name and agent indexes built (not the process-wide cache)."""
    if full:
        knowledge = ActorKnowledge._read((), (), include_default=True)  # noqa: SLF001 - a fresh build
    else:
        knowledge = ActorKnowledge([e for n in DEFAULT_ACTOR_FILES for e in read_actor_file(ACTORS_DIR / n)])
    knowledge.match_names(PARAGRAPH)
    knowledge.match_agents(PARAGRAPH)
    return knowledge


def measure(full: bool) -> tuple[float, float, int]:
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    knowledge = built(full)
    seconds = time.perf_counter() - start
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, current / 1e6, len(knowledge)


def timed_builds(full: bool, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        built(full)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    nlp = load_nlp()
    start = time.perf_counter()
    for _ in range(100):
        nlp(PARAGRAPH)
    parse = time.perf_counter() - start
    ours, full = timed_builds(False), timed_builds(True)
    _, ours_mb, ours_n = measure(False)
    _, full_mb, full_n = measure(True)
    print(f"our files alone: {ours_n} actors, build {ours:.2f} s, {ours_mb:.0f} MB kept (tracemalloc)")
    print(f"default knowledge (with Phoenix): {full_n} actors, build {full:.2f} s, {full_mb:.0f} MB kept")
    print(f"ratio full/ours: time {full / ours:.1f}x, memory {full_mb / ours_mb:.1f}x; "
          f"full build = {full / parse:.1f} x parsing the paragraph 100 times ({parse:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
