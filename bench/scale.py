"""Scaling over processes, in one run: 1 against 2 worker processes, 1 against 2 Dask workers.

    .venv/bin/python bench/scale.py [CORPUS] [--articles 1024] [--no-dask] [--workdir DIR]

CORPUS is one of bench/corpora.py (default `generated`: articles from our own
templates). Reports, on the same texts:

- 1 against 2 worker processes (`comity.runner.WorkerPool`, both pools warm,
  in turn on each of 8 partitions);
- 1 against 2 workers of a Dask local cluster (`comity.distributed`: coding,
  linking, Parquet out), both clusters up and warm, in turn on rounds of 4
  partitions;

each with the peak memory of one worker: the worker's own (VmHWM), not its
parent's size, which `ru_maxrss` of a spawned child starts at. Every partition
is coded in at least 8 batches (the batch size shrinks on small runs), so both
workers of the pool of 2 have work in each. Models and knowledge load in every
worker before the timing starts (`WorkerPool.warm` returns only when every
worker says it is warm): start-up is reported apart. The load average of the
machine is printed before and after each section: on a shared machine the
ratios hold only while other processes leave the cores free. Nothing coded is
kept. The in-process comparison with spaCy's parse alone is bench/throughput.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpora import CORPORA, Interleaved, corpus_records, drain, load_average, report, streamed, words_of, write_parts  # noqa: E402

from comity.config import Config  # noqa: E402
from comity.ingest import document_from_text  # noqa: E402
from comity.runner import WARM_UP_TEXT, WorkerPool, code_documents, peak_memory_mb  # noqa: E402

PARTITIONS = 8
#: Batches each partition is cut into at least, so that every worker of the pool of 2 has work in it.
MIN_BATCHES_PER_PARTITION = 8
#: Partitions per round of the Dask comparison: two for each worker of the cluster of 2.
DASK_ROUND = 4


def worker_batch_size(partition_articles: int) -> int:
    """The configured batch size, or a smaller one that cuts a partition into MIN_BATCHES_PER_PARTITION."""
    return max(1, min(Config().batch_size, partition_articles // MIN_BATCHES_PER_PARTITION))


def worker_section(partitions: list[Path], words: int) -> dict[int, float]:
    """1 against 2 worker processes, both pools warm, run in turn on each partition."""
    clock, count = Interleaved(), drain(streamed(partitions))
    per_partition = drain(streamed(partitions[:1]))
    config = Config(batch_size=worker_batch_size(per_partition))
    print(f"worker pools: batches of {config.batch_size}, {-(-per_partition // config.batch_size)} per partition")
    load_average("before the worker pools")
    with WorkerPool(config, 1) as one, WorkerPool(config, 2) as two:
        pools = {1: one, 2: two}
        for workers, pool in pools.items():
            started = time.perf_counter()
            pool.warm()
            print(f"start-up of {workers} worker process(es): {time.perf_counter() - started:.1f} s")
        for partition in partitions:
            for workers, pool in pools.items():
                clock.run(f"{workers}", lambda: drain(code_documents(streamed([partition]), config, pool=pool)))
        for workers, pool in pools.items():
            report(f"comity, {workers} worker process(es)", clock.seconds[f"{workers}"], count, words)
            print(f"peak memory per worker ({workers} worker(s)): {pool.peak_memory_mb():.0f} MB")
    load_average("after the worker pools")
    return {workers: clock.seconds[f"{workers}"] for workers in (1, 2)}


def dask_section(paths: list[Path], words: int, out: Path) -> dict[int, float]:
    """1 against 2 workers of Dask local clusters, both up and warm, in turn on rounds of partitions
    (each round is a whole run: coding, linking, Parquet out, with enough partitions for 2 workers)."""
    from comity.distributed import code_with_client, dask_client

    config = Config()
    key = json.dumps(config.resolved(), sort_keys=True)
    clock, count = Interleaved(), drain(streamed(paths))
    load_average("before the Dask clusters")
    with ExitStack() as stack:
        clients = {workers: stack.enter_context(dask_client(None, workers)) for workers in (1, 2)}
        for workers, client in clients.items():
            started = time.perf_counter()
            client.run(_warm_dask_worker, key)
            print(f"start-up of {workers} Dask worker(s): {time.perf_counter() - started:.1f} s")
        for number, first in enumerate(range(0, len(paths), DASK_ROUND)):
            for workers, client in clients.items():
                round_out = out / f"{workers}-workers-round-{number}"
                clock.run(f"{workers}", lambda: code_with_client(client, paths[first:first + DASK_ROUND], round_out, config))
        for workers, client in clients.items():
            report(f"Dask local cluster, {workers} worker(s)", clock.seconds[f"{workers}"], count, words)
            print(f"peak memory per Dask worker ({workers} worker(s)): {max(client.run(peak_memory_mb).values()):.0f} MB")
    load_average("after the Dask clusters")
    return {workers: clock.seconds[f"{workers}"] for workers in (1, 2)}


def _warm_dask_worker(config_key: str) -> None:
    from comity.runner import _pipeline_for

    _pipeline_for(config_key)(document_from_text(WARM_UP_TEXT, "warm-up"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="generated", choices=CORPORA)
    parser.add_argument("--articles", type=int, default=1024)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask local clusters")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="comity-scale-"))
    records = corpus_records(args.corpus, args.articles)
    paths = write_parts(records, workdir / "in", PARTITIONS)
    words = words_of(records)
    print(f"{args.corpus}: {len(records)} articles, {words} words; in {workdir}")
    workers = worker_section(paths, words)
    print(f"2 workers / 1 worker: {workers[1] / workers[2]:.2f}×")
    if not args.no_dask:
        dask = dask_section(paths, words, workdir / "dask")
        print(f"Dask 2 workers / 1 worker: {dask[1] / dask[2]:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
