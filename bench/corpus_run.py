"""The whole Reuters corpus coded with 2 worker processes and with the Dask engine, against spaCy alone.

    .venv/bin/python bench/corpus_run.py [--articles N] [--partitions 16] [--no-dask] [--workdir DIR]

Every Reuters-21578 story of ../shared/corpora but the held-out ones of the
accuracy gate (bench/corpora.py never codes those) is cut into partitions. Two
pools of 2 processes, each warm before the timing starts, run in turn on each
partition: spaCy's full parse alone (`nlp.pipe` over the raw texts, batches of
comity's batch size) and comity end to end without the store (`WorkerPool`, as
`comity code --workers 2` codes). Then the Dask engine (`comity.distributed`,
a local cluster of 2 workers: coding, linking, Parquet out) codes all the
partitions in one run. Printed: articles/s, words/s, mentions, failures (each
listed), the peak memory of one worker (its own VmHWM), the ratios to spaCy
alone, and the load average before and after each section (2 cores: 2.0 is full).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpora import Interleaved, corpus_records, drain, load_average, report, streamed, words_of, write_parts  # noqa: E402

from comity.config import Config  # noqa: E402
from comity.model import InputFailure  # noqa: E402
from comity.runner import WorkerPool, batches, code_documents, peak_memory_mb  # noqa: E402

WORKERS = 2
_NLP = None


def _start_spacy() -> None:
    global _NLP
    from comity.stages.parse import load_nlp

    _NLP = load_nlp()
    drain(_NLP.pipe(["Warm up: the Cuban president visited Pyongyang on Monday."]))


def _parse(texts: list[str]) -> int:
    assert _NLP is not None
    return drain(_NLP.pipe(texts, batch_size=len(texts)))


class SpacyPool:
    """spaCy's full parse in worker processes, each with the model loaded once (the yardstick)."""

    def __init__(self, workers: int):
        self.executor = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_start_spacy)
        self.workers = workers

    def warm(self) -> list[int]:
        import os

        pids: set[int] = set()
        while len(pids) < self.workers:  # each worker answers only once its initializer is done
            pids |= {f.result() for f in [self.executor.submit(os.getpid) for _ in range(4 * self.workers)]}
        return sorted(pids)

    def parse(self, texts: list[str], size: int) -> int:
        pending: set[Future[int]] = set()
        done_count = 0
        for batch in batches(texts, size):  # type: ignore[arg-type]
            if len(pending) >= 2 * self.workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                done_count += sum(f.result() for f in done)
            pending.add(self.executor.submit(_parse, batch))
        return done_count + sum(f.result() for f in pending)

    def peak_memory_mb(self, pids: list[int]) -> float:
        return max(peak_memory_mb(pid) for pid in pids)

    def close(self) -> None:
        self.executor.shutdown(wait=True)


def pool_section(paths: list[Path], articles: int, words: int) -> dict[str, float]:
    config = Config()
    clock, mentions, failures = Interleaved(), 0, []
    load_average("before the pools")
    spacy = SpacyPool(WORKERS)
    with WorkerPool(config, WORKERS) as pool:
        started = time.perf_counter()
        spacy_pids, comity_pids = spacy.warm(), pool.warm()
        print(f"start-up of both pools ({WORKERS} processes each): {time.perf_counter() - started:.1f} s", flush=True)
        for number, path in enumerate(paths, 1):
            texts = [doc.text for doc in streamed([path])]
            clock.run("spacy", lambda: spacy.parse(texts, config.batch_size))
            for result in clock.run("comity", lambda: list(code_documents(streamed([path]), config, pool=pool))):
                if isinstance(result, InputFailure):
                    failures.append(result)
                else:
                    mentions += len(result.event_mentions)
            print(f"  {number}/{len(paths)} partitions, {len(failures)} failures", file=sys.stderr, flush=True)
        comity_memory = pool.peak_memory_mb()
    spacy_memory = spacy.peak_memory_mb(spacy_pids)
    spacy.close()
    load_average("after the pools")
    report(f"spaCy full parse alone, {WORKERS} processes", clock.seconds["spacy"], articles, words)
    report(f"comity, --workers {WORKERS}", clock.seconds["comity"], articles, words)
    print(f"comity --workers {WORKERS}: {mentions} event mentions, {len(failures)} failures")
    for failure in failures:
        print(f"  failed: {failure.doc_id}: {failure.problem.message}")
    print(f"peak memory per worker: comity {comity_memory:.0f} MB, spaCy alone {spacy_memory:.0f} MB")
    print(f"comity --workers {WORKERS} / spaCy alone: {clock.seconds['spacy'] / clock.seconds['comity']:.2f}×", flush=True)
    return clock.seconds


def dask_section(paths: list[Path], articles: int, words: int, out: Path, spacy_seconds: float) -> None:
    from comity.distributed import code_with_client, dask_client

    config = Config()
    key = json.dumps(config.resolved(), sort_keys=True)
    load_average("before the Dask cluster")
    with dask_client(None, WORKERS) as client:
        started = time.perf_counter()
        client.run(_warm_dask_worker, key)
        print(f"start-up of {WORKERS} Dask workers: {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        summary = code_with_client(client, paths, out, config)
        seconds = time.perf_counter() - started
        memory = max(client.run(peak_memory_mb).values())
    load_average("after the Dask cluster")
    report(f"Dask engine, {WORKERS} workers", seconds, articles, words)
    print(f"Dask: {summary.coded} coded, {len(summary.failed)} failures, {summary.mentions} mentions, {summary.events} events")
    for failure in summary.failed:
        print(f"  failed: {failure}")
    print(f"peak memory per Dask worker: {memory:.0f} MB")
    print(f"Dask {WORKERS} workers / spaCy alone ({WORKERS} processes, timed in the pool section): {spacy_seconds / seconds:.2f}×")


def _warm_dask_worker(config_key: str) -> None:
    from comity.ingest import document_from_text
    from comity.runner import WARM_UP_TEXT, _pipeline_for

    _pipeline_for(config_key)(document_from_text(WARM_UP_TEXT, "warm-up"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="a sample of this many stories (default: all)")
    parser.add_argument("--partitions", type=int, default=16)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="comity-corpus-"))
    records = corpus_records("reuters", args.articles)
    paths = write_parts(records, workdir / "in", args.partitions)
    articles, words = len(records), words_of(records)
    print(f"reuters: {articles} stories (the held-out ones left out), {words} words, {args.partitions} partitions; in {workdir}", flush=True)
    seconds = pool_section(paths, articles, words)
    if not args.no_dask:
        dask_section(paths, articles, words, workdir / "dask", seconds["spacy"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
