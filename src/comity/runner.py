"""Coding a stream of documents in bounded batches, in this process or in worker processes.

Memory stays flat however many documents come: inputs are read lazily, at most
`2 × workers` batches are in flight, and each result is handed back as soon as
its batch is done (`comity.api.code` saves it then, so a run that is killed
keeps everything finished and a re-run skips it as unchanged).

Worker processes are started with "spawn" (never forked from a process that may
hold threads or an open store) and build the pipeline once each, on their first
batch. A batch that fails is coded again document by document, so one bad
document costs only itself and is returned as an `InputFailure` with its reason.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from functools import cache
from itertools import islice
from pathlib import Path

from comity.config import Config
from comity.errors import ComityError, InputError
from comity.model import Document, DocumentProblem, InputFailure
from comity.pipeline import Pipeline

Result = Document | InputFailure
#: Batches queued per worker: one being coded, one waiting, so no worker idles.
BATCHES_PER_WORKER = 2
#: While waiting for workers, how often the caller's `idle` hook runs (a writer lets readers in then).
IDLE_CHECK_SECONDS = 0.5
PARENT_CHECK_SECONDS = 1.0
#: How long `WorkerPool.warm` waits for every worker to build its pipeline.
WARM_TIMEOUT_SECONDS = 600.0


def batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def code_batch(pipeline: Pipeline, batch: list[Document]) -> Iterator[Result]:
    """Code a batch; if it fails, code its documents one by one so one bad document costs only itself."""
    try:
        yield from list(pipeline.pipe(batch))
        return
    except ComityError:
        raise
    except Exception:  # noqa: BLE001 - isolated below, per document, with its reason
        pass
    for doc in batch:
        try:
            yield pipeline(doc)
        except Exception as exc:  # noqa: BLE001 - recorded with its reason, the run goes on
            problem = DocumentProblem("coding_failed", f"coding failed: {type(exc).__name__}: {exc}", True)
            yield InputFailure(doc.origin, doc.doc_id, problem)


def code_documents(
    docs: Iterable[Document], config: Config, workers: int = 1, pool: WorkerPool | None = None,
    pipeline: Pipeline | None = None, idle: Callable[[], None] | None = None,
) -> Iterator[Result]:
    """Every document coded (or failed with its reason), batch by batch; order kept within a batch only.
    `pool`: worker processes already started (and warm) to use instead of starting `workers` new ones.
    `pipeline`: the pipeline of `config` already built, for coding in this process.
    `idle`: called before this process codes a batch, and now and then while it waits for worker
    processes: what the caller may let go meanwhile (a writer's turn on the store)."""
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    if pool is not None:
        yield from pool.code(docs, idle)
    elif workers == 1:
        from comity.api import build_pipeline

        pipeline = pipeline or build_pipeline(config)
        for batch in batches(docs, config.batch_size):
            if idle is not None:
                idle()
            yield from code_batch(pipeline, batch)
    else:
        with WorkerPool(config, workers) as started:
            yield from started.code(docs, idle)


class WorkerPool:
    """Worker processes, each with its pipeline built once when it starts. Use as a context manager."""

    def __init__(self, config: Config, workers: int):
        self.config = config
        self.workers = workers
        self._key = _config_key(config)
        self._executor: ProcessPoolExecutor | None = None
        self._ready: multiprocessing.Queue | None = None  # each worker puts its pid there once warm
        self._warm_pids: set[int] = set()

    def __enter__(self) -> WorkerPool:
        context = multiprocessing.get_context("spawn")
        self._ready = context.Queue()
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=context,
            initializer=_start_worker, initargs=(os.getpid(), self._key, self._ready),
        )
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    def warm(self) -> list[int]:
        """Start every worker and wait until each has built its pipeline; their process ids.
        (The first worker ready may answer every task given to it, so answers alone do not
        prove that the others are warm: each worker says so itself when its start is done.)"""
        started = [self._submit(os.getpid) for _ in range(self.workers - len(self._warm_pids))]
        deadline = time.monotonic() + WARM_TIMEOUT_SECONDS
        while len(self._warm_pids) < self.workers:
            for future in started:
                if future.done() and future.exception() is not None:
                    raise future.exception()
            if time.monotonic() > deadline:
                raise InputError(f"{self.workers - len(self._warm_pids)} worker process(es) did not start "
                                 f"within {WARM_TIMEOUT_SECONDS:.0f} s")
            assert self._ready is not None
            try:
                self._warm_pids.add(self._ready.get(timeout=IDLE_CHECK_SECONDS))
            except queue.Empty:
                continue
        return sorted(self._warm_pids)

    def peak_memory_mb(self) -> float:
        """The largest peak resident memory of the workers, each measured on its own process."""
        return max(peak_memory_mb(pid) for pid in self.warm())

    def code(self, docs: Iterable[Document], idle: Callable[[], None] | None = None) -> Iterator[Result]:
        pending: set[Future[list[Result]]] = set()
        for batch in batches(docs, self.config.batch_size):
            if len(pending) >= BATCHES_PER_WORKER * self.workers:
                done, pending = _wait_for_one(pending, idle)
                yield from _results(done)
            pending.add(self._submit(code_batch_in_worker, self._key, batch))
        while pending:
            done, pending = _wait_for_one(pending, idle)
            yield from _results(done)

    def _submit(self, function, *args) -> Future:  # noqa: ANN001
        if self._executor is None:
            raise InputError("a WorkerPool must be entered (`with WorkerPool(...) as pool`) before use")
        return self._executor.submit(function, *args)


def peak_memory_mb(pid: int | None = None) -> float:
    """The peak resident memory of a process (this one by default), in MB.

    Read from /proc (VmHWM), which counts only what the process touched since it was started
    from its program: `ru_maxrss` of a spawned child starts at its parent's size, so a worker
    of a large parent would look as large as its parent. Elsewhere, `ru_maxrss` of this process.
    """
    status = Path(f"/proc/{pid or 'self'}/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: Coded once when a worker starts, so that knowledge loaded on first need (the gazetteer) is loaded then.
WARM_UP_TEXT = "Leaders meet\n\nThe Cuban president visited Pyongyang on Monday and met the North Korean leader.\n"


def _start_worker(parent_pid: int, config_key: str, ready: multiprocessing.Queue) -> None:
    from comity.ingest import document_from_text

    _exit_with_parent(parent_pid)
    _pipeline_for(config_key)(document_from_text(WARM_UP_TEXT, "warm-up"))
    ready.put(os.getpid())


def _exit_with_parent(parent_pid: int) -> None:
    """A worker watches its parent: when a run is killed, its workers must not live on."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="comity-parent-watch", daemon=True).start()


def _wait_for_one(pending: set[Future], idle: Callable[[], None] | None) -> tuple[set[Future], set[Future]]:
    """Wait until a batch is done, calling `idle` every IDLE_CHECK_SECONDS meanwhile."""
    while True:
        done, still = wait(pending, timeout=IDLE_CHECK_SECONDS if idle else None, return_when=FIRST_COMPLETED)
        if done or idle is None:
            return done, still
        idle()


def _results(done: Iterable[Future[list[Result]]]) -> Iterator[Result]:
    for future in done:
        yield from future.result()


def code_batch_in_worker(config_key: str, batch: list[Document]) -> list[Result]:
    """What a worker process runs: its pipeline (built once per process) over one batch.
    The spaCy parse stays behind: it is large, and nothing after coding needs it."""
    results = list(code_batch(_pipeline_for(config_key), batch))
    for result in results:
        if isinstance(result, Document):
            result.parsed = None
    return results


def _config_key(config: Config) -> str:
    return json.dumps(config.resolved(), sort_keys=True)


@cache
def _pipeline_for(config_key: str) -> Pipeline:
    """The pipeline of a configuration, built once per process (models and knowledge load once)."""
    from comity.api import build_pipeline

    return build_pipeline(Config(**json.loads(config_key)))
