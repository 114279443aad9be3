"""The Dask engine: the same stages on a Dask cluster, partitioned files in, partitioned Parquet out.

Two passes:

1. Coding. Every input file is one partition: JSON Lines (one article per line,
   as `comity code` reads them) or Parquet (one article per row, the same
   fields as columns: `text`, optional `doc_id`, `title`, `outlet`, `url`,
   `published`, `language`). A task codes its partition with the pipeline of
   its worker process, built once per worker (`comity.runner`), and writes
   `OUT/coded/part-NNNNN.parquet` (one row per mention) and
   `OUT/documents/part-NNNNN.parquet` (one row per input: coded or failed,
   with the reason).
2. Linking across articles. Mentions can only join an event inside their
   block (`comity.link.block_key`), so the mentions are shuffled by block key
   and each partition, holding whole blocks, is linked on its own:
   `OUT/mentions/part-NNNNN.parquet` (with event ids) and
   `OUT/events/part-NNNNN.parquet`. The ids are those a single process gives.

Mention and event rows keep the full interchange record as JSON in `record`,
beside the columns one filters on.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comity.config import Config
from comity.errors import InputError
from comity.ingest import iter_inputs
from comity.interchange import mention_to_dict
from comity.link import block_key, counts_as_event, link
from comity.model import Document, DocumentProblem, InputFailure
from comity.runner import batches, code_batch_in_worker

PARTITION_SUFFIXES = (".jsonl", ".parquet")
MENTION_COLUMNS = ("mention_id", "event_id", "doc_id", "cameo", "block_key", "record")
DOCUMENT_COLUMNS = ("doc_id", "origin", "status", "problem_code", "message")
EVENT_COLUMNS = ("event_id", "block_key", "cameo", "num_mentions", "record")


@dataclass(slots=True)
class PartitionResult:
    coded: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (origin, code, message)
    mentions: int = 0


@dataclass(slots=True)
class DaskSummary:
    partitions: int
    coded: int
    failed: list[tuple[str, str, str]]
    mentions: int
    events: int
    outputs: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "partitions": self.partitions, "coded": self.coded, "failed": [list(f) for f in self.failed],
            "mentions": self.mentions, "events": self.events, "outputs": self.outputs,
        }


def input_partitions(paths: Iterable[str | Path]) -> list[Path]:
    """The partition files named or found (recursively) in folders, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in PARTITION_SUFFIXES and p.is_file()))
        elif path.suffix in PARTITION_SUFFIXES and path.is_file():
            found.append(path)
        else:
            raise InputError(f"{path}: the Dask engine reads .jsonl or .parquet files, or folders of them")
    if not found:
        raise InputError("no .jsonl or .parquet partitions in the given paths")
    return found


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A client of the cluster at `scheduler`, or of a local cluster of `workers` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            yield client


def code_on_dask(
    paths: Iterable[str | Path], out: str | Path, config: Config | None = None,
    scheduler: str | None = None, workers: int = 2,
) -> DaskSummary:
    """Code partitioned inputs on a Dask cluster into partitioned Parquet under `out`."""
    with dask_client(scheduler, workers) as client:
        return code_with_client(client, paths, out, config)


def code_with_client(client: Any, paths: Iterable[str | Path], out: str | Path, config: Config | None = None) -> DaskSummary:
    """Code partitioned inputs with a client of any Dask cluster (Kubernetes, an HPC scheduler…)."""
    partitions = input_partitions(paths)
    out = Path(out)
    for folder in ("coded", "documents", "mentions", "events"):
        shutil.rmtree(out / folder, ignore_errors=True)
        (out / folder).mkdir(parents=True)
    return run_passes(client, partitions, out, config or Config())


def run_passes(client: Any, partitions: list[Path], out: Path, config: Config) -> DaskSummary:
    """Both passes over partitions into the output folders, which must exist."""
    config_key = json.dumps(config.resolved(), sort_keys=True)
    stems = partition_id_stems(partitions)
    futures = [
        client.submit(code_partition, str(path), str(out), config_key, index, stems[index], pure=False)
        for index, path in enumerate(partitions)
    ]
    results: list[PartitionResult] = client.gather(futures)
    events = link_on_dask(client, out, len(partitions))
    return DaskSummary(
        partitions=len(partitions),
        coded=sum(r.coded for r in results),
        failed=[f for r in results for f in r.failed],
        mentions=sum(r.mentions for r in results),
        events=events,
        outputs=[str(out / folder) for folder in ("mentions", "events", "documents")],
    )


# ---------------------------------------------------------------- pass 1: coding


def partition_id_stems(partitions: list[Path]) -> list[str | None]:
    """For each partition, the stem its derived doc ids take in place of its file name when another
    partition has the same name (`2019/articles.jsonl`, `2020/articles.jsonl`): its path from the
    partitions' common folder, so ids of distinct partitions never collide. None: the name is unique."""
    counts: dict[str, int] = {}
    for path in partitions:
        counts[path.stem] = counts.get(path.stem, 0) + 1
    common = Path(os.path.commonpath([str(p.absolute().parent) for p in partitions])) if partitions else Path()
    return [path.absolute().relative_to(common).with_suffix("").as_posix() if counts[path.stem] > 1 else None
            for path in partitions]


def _renamed_ids(items: Iterable[Document | InputFailure], stem: str, id_stem: str | None) -> Iterator[Document | InputFailure]:
    for item in items:
        if id_stem is not None and isinstance(item, Document) and not item.id_given and item.doc_id.startswith(stem):
            item.doc_id = id_stem + item.doc_id[len(stem):]
        yield item


def code_partition(path: str, out: str, config_key: str, index: int, id_stem: str | None = None) -> PartitionResult:
    """What a task runs on a worker: code one partition file and write its Parquet parts.
    `id_stem`: what derived doc ids begin with instead of the file's name (see partition_id_stems)."""
    config = Config(**json.loads(config_key))
    result = PartitionResult()
    mention_rows: list[dict[str, Any]] = []
    document_rows: list[dict[str, Any]] = []
    read = _renamed_ids(read_partition(Path(path), config), Path(path).stem, id_stem)
    documents = _failures_recorded(read, result, document_rows)
    for batch in batches(documents, config.batch_size):
        for coded in code_batch_in_worker(config_key, batch):
            if isinstance(coded, InputFailure):
                _record_failure(coded, result, document_rows)
                continue
            records = [mention_to_dict(m, coded) for m in coded.event_mentions]
            mention_rows.extend(mention_row(record) for record in records)
            document_rows.append(_document_row(coded.doc_id, coded.origin, "coded", None))
            result.coded += 1
    result.mentions = len(mention_rows)
    _write_parquet(Path(out) / "coded" / f"part-{index:05d}.parquet", mention_rows, MENTION_COLUMNS)
    _write_parquet(Path(out) / "documents" / f"part-{index:05d}.parquet", document_rows, DOCUMENT_COLUMNS)
    return result


def read_partition(path: Path, config: Config) -> Iterator[Document | InputFailure]:
    if path.suffix == ".parquet":
        yield from _parquet_documents(path, config)
    else:
        yield from iter_inputs([path], config)


def _parquet_documents(path: Path, config: Config) -> Iterator[Document | InputFailure]:
    """Rows as if they were JSON Lines, so metadata is read exactly as `comity code` reads it."""
    import pyarrow.parquet as pq

    from comity.ingest import Given, jsonl_document

    number = 0
    for row_batch in pq.ParquetFile(path).iter_batches(batch_size=config.batch_size):
        for row in row_batch.to_pylist():
            number += 1
            line = json.dumps({k: v for k, v in row.items() if v is not None}, default=str).encode()
            yield jsonl_document(line, f"{path}:{number}", f"{path.stem}-R{number}", Given())


def _failures_recorded(
    items: Iterable[Document | InputFailure], result: PartitionResult, rows: list[dict[str, Any]]
) -> Iterator[Document]:
    for item in items:
        if isinstance(item, InputFailure):
            _record_failure(item, result, rows)
        else:
            yield item


def _record_failure(failure: InputFailure, result: PartitionResult, rows: list[dict[str, Any]]) -> None:
    problem: DocumentProblem = failure.problem
    result.failed.append((failure.origin, problem.code, problem.message))
    rows.append(_document_row(failure.doc_id, failure.origin, "failed", problem))


def _document_row(doc_id: str | None, origin: str, status: str, problem: DocumentProblem | None) -> dict[str, Any]:
    return {"doc_id": doc_id, "origin": origin, "status": status,
            "problem_code": problem.code if problem else None, "message": problem.message if problem else None}


def mention_row(record: dict[str, Any]) -> dict[str, Any]:
    # Mentions that are not counted as events are never linked; an empty key keeps them apart.
    key = block_key(record) if counts_as_event(record) else ""
    return {"mention_id": record["mention_id"], "event_id": record["event_id"], "doc_id": record["doc_id"],
            "cameo": record["cameo"], "block_key": key, "record": json.dumps(record, ensure_ascii=False)}


def _write_parquet(path: Path, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.int64() if c == "num_mentions" else pa.string()) for c in columns])
    pq.write_table(pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows], schema=schema), path)


# ---------------------------------------------------------------- pass 2: linking


def link_on_dask(client: Any, out: Path, partitions: int) -> int:
    """Shuffle the coded mentions by block key and link each partition; returns the number of events."""
    import dask.dataframe as dd

    coded = dd.read_parquet(str(out / "coded"), columns=list(MENTION_COLUMNS))
    shuffled = coded.shuffle(on="block_key", npartitions=max(1, partitions))
    parts = shuffled.to_delayed()
    futures = client.compute([_delayed_link(part, str(out), index) for index, part in enumerate(parts)])
    return sum(client.gather(futures))


def _delayed_link(part: Any, out: str, index: int) -> Any:
    from dask import delayed

    return delayed(link_partition)(part, out, index)


def link_partition(frame: Any, out: str, index: int) -> int:
    """Link one shuffled partition (whole blocks) and write its mentions and events; returns its events."""
    records = [json.loads(record) for record in frame["record"]]
    assignments, events = link(records)
    for record in records:
        record["event_id"] = assignments.get(record["mention_id"], record["event_id"])
    _write_parquet(Path(out) / "mentions" / f"part-{index:05d}.parquet", [mention_row(r) for r in records], MENTION_COLUMNS)
    event_rows = [
        {"event_id": e["event_id"], "block_key": e["block_key"], "cameo": e["cameo"],
         "num_mentions": e["num_mentions"], "record": json.dumps(e, ensure_ascii=False)}
        for e in events
    ]
    _write_parquet(Path(out) / "events" / f"part-{index:05d}.parquet", event_rows, EVENT_COLUMNS)
    return len(events)


def read_records(folder: str | Path) -> list[dict[str, Any]]:
    """The interchange records of a mentions or events output folder, in a stable order."""
    import pyarrow.parquet as pq

    records = []
    for part in sorted(Path(folder).glob("part-*.parquet")):
        records.extend(json.loads(r) for r in pq.read_table(part, columns=["record"]).column("record").to_pylist())
    key = "mention_id" if records and "mention_id" in records[0] else "event_id"
    return sorted(records, key=lambda r: r[key])
