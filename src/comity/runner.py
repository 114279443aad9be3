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
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from functools import cache
from itertools import islice

from comity.config import Config
from comity.errors import ComityError, InputError
from comity.model import Document, DocumentProblem, InputFailure
from comity.pipeline import Pipeline

Result = Document | InputFailure
#: Batches queued per worker: one being coded, one waiting, so no worker idles.
BATCHES_PER_WORKER = 2
PARENT_CHECK_SECONDS = 1.0


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


def code_documents(docs: Iterable[Document], config: Config, workers: int = 1) -> Iterator[Result]:
    """Every document coded (or failed with its reason), batch by batch; order kept within a batch only."""
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    if workers == 1:
        from comity.api import build_pipeline

        pipeline = build_pipeline(config)
        for batch in batches(docs, config.batch_size):
            yield from code_batch(pipeline, batch)
        return
    yield from _code_in_workers(docs, config, workers)


def _code_in_workers(docs: Iterable[Document], config: Config, workers: int) -> Iterator[Result]:
    key = _config_key(config)
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_exit_with_parent, initargs=(os.getpid(),))
    with pool:
        pending: set[Future[list[Result]]] = set()
        for batch in batches(docs, config.batch_size):
            if len(pending) >= BATCHES_PER_WORKER * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from _results(done)
            pending.add(pool.submit(code_batch_in_worker, key, batch))
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from _results(done)


def _exit_with_parent(parent_pid: int) -> None:
    """A worker watches its parent: when a run is killed, its workers must not live on."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="comity-parent-watch", daemon=True).start()


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
