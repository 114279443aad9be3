"""Saving and relinking cost per document as the store grows: 1,000, 10,000 and 100,000 documents in it.

    .venv/bin/python bench/store_bench.py [--sizes 1000 10000 100000] [--chunks 10] [--workdir DIR]
    PYTHONPATH=/tmp/before/src .venv/bin/python bench/store_bench.py ...   # another checkout (git archive)

For each size, a store is filled with that many generated documents (our own
template sentences, four event mentions each, as bench/web_bench.py makes them),
saved with `Store.save_documents` and linked with `api.relink`. Then `--chunks`
chunks of 50 new documents are saved and relinked one chunk at a time, as
`comity code` does, the stores taking turns chunk by chunk (so a change of load on
the machine weighs on every size alike), and the cost per new document is printed: saving, relinking,
and, inside relinking, the time of `comity.link.link` itself (clustering the
blocks' mentions, which no store layout changes). Each store is checkpointed once
filled, as a run leaves it when it closes it.

So that the linking work is the same at every size, the blocks a new chunk
touches hold the same mentions in every store: the new documents, and 1,000
documents of every store, are dated in 2024; the other documents of the larger
stores are dated 2000-2023 (an archive that grows over the years). What grows
with the store is then only what the store itself costs.

`--growth N` instead saves N documents (all dated 2024) into one empty store, 50
at a time with a relink after each, and compares the first and last three
chunks: there the blocks grow too, so linking grows with them.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from corpora import Interleaved, load_average  # noqa: E402
from web_bench import make_article, make_events  # noqa: E402

from comity import api  # noqa: E402
from comity.store import Store  # noqa: E402

CHUNK = 50
#: Documents of every store dated in the year the new chunks are dated in.
CURRENT_YEAR_DOCUMENTS = 1000
FILL_BATCH = 5000
UNTIMED_LINK = api.link


def events_of_year(rng: random.Random, count: int, year: int | None) -> list[dict[str, Any]]:
    """Generated events, all in `year` (None: 2000-2023)."""
    events = make_events(rng, count)
    for event in events:
        if year is not None:
            event["date"] = str(year) + event["date"][4:]
        elif event["date"].startswith("2024"):
            event["date"] = "2023" + event["date"][4:]
    return events


class Generator:
    """Documents numbered in order, past ones citing past events, current ones this year's."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.current = events_of_year(self.rng, 2 * CURRENT_YEAR_DOCUMENTS, 2024)
        self.past: list[dict[str, Any]] = []
        self.next_number = 0

    def documents(self, count: int, current: bool) -> list[tuple[Any, list[dict[str, Any]]]]:
        if not current and len(self.past) < count * 2:
            self.past += events_of_year(self.rng, count * 2, None)
        pool = self.current if current else self.past
        made = [make_article(self.next_number + i, self.rng, pool) for i in range(count)]
        self.next_number += count
        return made


def timed_link(clock: Interleaved) -> Callable[..., Any]:
    """`comity.link.link` as `api.relink` calls it, its time added to the clock."""
    original = UNTIMED_LINK

    def link(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            clock.add("link", time.perf_counter() - started)

    return link


def fill(store: Store, generator: Generator, size: int) -> None:
    """`size` documents: the current year's 1,000 (or all, if fewer) and the rest in earlier years."""
    current = min(size, CURRENT_YEAR_DOCUMENTS)
    for count, is_current in ((size - current, False), (current, True)):
        for start in range(0, count, FILL_BATCH):
            store.save_documents(generator.documents(min(FILL_BATCH, count - start), is_current), "fill", "bench")
    api.relink(store)
    store.con.execute("CHECKPOINT")  # as a run leaves it when it closes the store: else a store too small to
    # have reached DuckDB's automatic checkpoint keeps its rows in the write-ahead log, slower to read


def add_chunks(store: Store, generator: Generator, chunks: int, clock: Interleaved) -> list[float]:
    """Save and relink chunks of new current-year documents one at a time; each chunk's seconds."""
    each = []
    for _ in range(chunks):
        coded = generator.documents(CHUNK, current=True)
        started = time.perf_counter()
        store.save_documents(coded, "bench", "bench")
        saved = time.perf_counter()
        api.relink(store)
        done = time.perf_counter()
        clock.add("save", saved - started)
        clock.add("relink", done - saved)
        each.append(done - started)
    return each


def per_document(clock: Interleaved, documents: int) -> str:
    ms = {name: 1000 * seconds / documents for name, seconds in clock.seconds.items()}
    return (f"save {ms['save']:6.2f} ms  relink {ms['relink']:6.2f} ms (link itself {ms.get('link', 0):5.2f}, "
            f"the store {ms['relink'] - ms.get('link', 0):5.2f})  total {ms['save'] + ms['relink']:6.2f} ms")


def by_size(sizes: list[int], chunks: int, workdir: Path) -> None:
    """Fill a store of each size, then add chunks to the stores in turn, one chunk each per round,
    so a change of load on the machine weighs on every size alike."""
    clocks = {size: Interleaved() for size in sizes}
    generators = {size: Generator(seed=size) for size in sizes}
    with ExitStack() as stack:
        stores = {size: stack.enter_context(Store(workdir / f"store-{size}.duckdb")) for size in sizes}
        api.link = UNTIMED_LINK
        for size, store in stores.items():
            started = time.perf_counter()
            fill(store, generators[size], size)
            print(f"filled {size:,} documents in {time.perf_counter() - started:.0f} s", flush=True)
        for size, store in stores.items():
            add_chunks(store, generators[size], 1, clocks[size])  # a first chunk, untimed: caches and the connection warm up
        for clock in clocks.values():
            clock.seconds.clear()
        for _ in range(chunks):
            for size, store in stores.items():
                api.link = timed_link(clocks[size])
                add_chunks(store, generators[size], 1, clocks[size])
    documents = chunks * CHUNK
    totals = {}
    for size, clock in clocks.items():
        totals[size] = (clock.seconds["save"] + clock.seconds["relink"]) / documents
        print(f"{size:>9,} in the store, per new document: {per_document(clock, documents)}", flush=True)
    first, last = sizes[0], sizes[-1]
    print(f"per-document cost at {last:,} / at {first:,}: {totals[last] / totals[first]:.2f}×")


def growth(documents: int, workdir: Path) -> None:
    clock = Interleaved()
    api.link = timed_link(clock)
    generator = Generator(seed=1)
    with Store(workdir / "growth.duckdb") as store:
        each = add_chunks(store, generator, documents // CHUNK, clock)
    first, last = sum(each[:3]) / 3, sum(each[-3:]) / 3
    print(f"{documents:,} documents saved into one store, {CHUNK} at a time: first three chunks {first:.3f} s each, "
          f"last three {last:.3f} s each ({last / first:.2f}×); over all: {per_document(clock, documents)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--chunks", type=int, default=10)
    parser.add_argument("--growth", type=int, default=0, help="documents for the growth run instead")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="comity-store-bench-"))
    load_average("at the start")
    if args.growth:
        growth(args.growth, workdir)
    else:
        by_size(args.sizes, args.chunks, workdir)
    load_average("at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
