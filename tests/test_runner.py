"""The runner: bounded streaming, worker processes that code as one process does, and resume after a kill."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from comity import api
from comity.config import Config
from comity.errors import InputError
from comity.ingest import iter_inputs
from comity.model import Document
from comity.runner import code_documents
from comity.store import Store

DEMO = api.DEMO_DIR
DEMO_ARTICLES = len(list(DEMO.glob("*.txt")))
KILL_AFTER = 3

#: A run that kills its own process, without any clean-up, once KILL_AFTER documents are coded.
KILLED_RUN = """
import os, signal, sys
from comity import api

coded = []
def progress(origin, status):
    if status == "coded":
        coded.append(origin)
    if len(coded) == {kill_after}:
        os.kill(os.getpid(), signal.SIGKILL)

api.code([sys.argv[1]], db=sys.argv[2], progress=progress, workers=int(sys.argv[3]))
"""


def demo_documents() -> list[Document]:
    return [d for d in iter_inputs([DEMO], Config()) if isinstance(d, Document)]


def mention_ids(results) -> list[str]:
    return sorted(m["mention_id"] for r in results if isinstance(r, Document) for m in api.mentions_of(r))


@pytest.fixture(scope="module")
def one_process_mentions() -> list[str]:
    return mention_ids(code_documents(demo_documents(), Config(batch_size=2)))


def test_two_worker_processes_code_what_one_process_codes(one_process_mentions: list[str]) -> None:
    results = list(code_documents(demo_documents(), Config(batch_size=2), workers=2))
    assert sorted(r.doc_id for r in results) == sorted(d.doc_id for d in demo_documents())
    assert one_process_mentions and mention_ids(results) == one_process_mentions
    assert all(r.parsed is None for r in results), "the parse stays in the worker"


def counted(docs: list[Document], pulled: list[str]) -> Iterator[Document]:
    for doc in docs:
        pulled.append(doc.doc_id)
        yield doc


def test_documents_are_read_one_batch_at_a_time() -> None:
    pulled: list[str] = []
    results = code_documents(counted(demo_documents(), pulled), Config(batch_size=2))
    next(results)
    assert len(pulled) == 2
    next(results), next(results)
    assert len(pulled) == 4


@pytest.mark.slow
def test_worker_processes_hold_a_bounded_number_of_batches() -> None:
    pulled: list[str] = []
    results = code_documents(counted(demo_documents(), pulled), Config(batch_size=1), workers=2)
    next(results)
    # at most two batches per worker in flight, and the one that was waiting to go in
    assert len(pulled) <= 2 * 2 + 1 < DEMO_ARTICLES
    results.close()


def test_fewer_than_one_worker_is_refused() -> None:
    with pytest.raises(InputError, match="at least 1"):
        list(code_documents(demo_documents(), Config(), workers=0))


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_a_killed_run_resumes_without_recoding_or_losing_a_document(tmp_path: Path, workers: int) -> None:
    db = tmp_path / "killed.duckdb"
    script = KILLED_RUN.format(kill_after=KILL_AFTER)
    log = tmp_path / "killed.log"
    with log.open("wb") as handle:  # not a pipe: a worker outliving the kill would hold it open
        killed = subprocess.run([sys.executable, "-c", script, str(DEMO), str(db), str(workers)], stdout=handle, stderr=handle)
    assert killed.returncode == -9, log.read_text()[-2000:]
    with Store(db) as store:
        finished = store.doc_ids()
    assert len(finished) >= KILL_AFTER

    resumed = api.code([DEMO], db=db, workers=workers)

    assert resumed.unchanged == len(finished), "what the killed run finished is not coded again"
    assert resumed.coded == DEMO_ARTICLES - len(finished)
    assert not resumed.failed
    complete = api.code([DEMO], db=tmp_path / "complete.duckdb")
    with Store(db) as store, Store(tmp_path / "complete.duckdb") as reference:
        assert store.doc_ids() == reference.doc_ids()
        assert [m["mention_id"] for m in store.mention_records()] == [m["mention_id"] for m in reference.mention_records()]
    assert complete.coded == DEMO_ARTICLES
