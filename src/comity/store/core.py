"""The embedded DuckDB store: documents, sections, mentions, events, runs, and every input's fate.

Re-coding a document whose text and configuration are unchanged is a no-op
(documents are keyed by doc_id and compared by content hash and config hash).
A writer and readers in other processes share the file in turns (store/access.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from comity import __version__
from comity.errors import NotFoundError, StoreError
from comity.model import Document, DocumentProblem, InputFailure
from comity.store import access, lookup, schema
from comity.store.rows import (
    actor_mention_row,
    coded_input_row,
    document_from_row,
    document_row,
    event_row,
    input_row,
    mention_row,
    now,
    section_from_row,
    section_row,
)

#: Row counts up to which an insert names its values instead of going through Arrow.
FEW_ROWS = 64


def config_hash(config: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:16]


class Store:
    """A DuckDB file holding everything comity coded. Use as a context manager.

    Opened for writing, it holds the file only in turns: `pause` ends the turn
    (readers in other processes get in), `breathe` ends one that has lasted a
    couple of seconds, and the next use of `con` takes a new turn. Opened
    read-only, it waits up to `wait_s` for a writer's turn to end.
    """

    def __init__(self, path: str | Path, read_only: bool = False, wait_s: float | None = None,
                 connection: duckdb.DuckDBPyConnection | None = None):
        self.path = Path(path)
        self.read_only = read_only
        self._column_names: dict[str, list[str]] = {}
        self._turns: access.WriterTurns | None = None
        self._unkeyed: bool | None = None  # whether documents stored before source keys were kept remain
        self._con: duckdb.DuckDBPyConnection | None = connection
        if connection is not None:
            return
        if read_only and not self.path.exists():
            raise NotFoundError(f"no store at {self.path}; code some articles first with `comity code PATH`")
        if read_only:
            self._con = self._open_for_reading(access.READER_WAIT_S if wait_s is None else wait_s)
        else:
            self._turns = access.WriterTurns(self.path, access.WRITER_WAIT_S if wait_s is None else wait_s)
            self._con = self._turns.start()
            try:
                schema.create_or_upgrade(self._con)
            except BaseException:
                self._turns.stop(self._con)
                raise

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection; for a writer between turns, a new turn on the file."""
        if self._con is None:
            assert self._turns is not None  # only a writer lets its connection go
            self._con = self._turns.take_turn()
        return self._con

    def _open_for_reading(self, wait_s: float) -> duckdb.DuckDBPyConnection:
        busy = f"the store {self.path} is being written by `comity code`; try again when it has finished its turn"
        con = access.connect(self.path, read_only=True, deadline=time.monotonic() + wait_s, busy_message=busy)
        if schema.version_of(con) < schema.SCHEMA_VERSION:
            con.close()
            upgrade(self.path)
            con = access.connect(self.path, read_only=True, deadline=time.monotonic() + wait_s, busy_message=busy)
        return con

    def files(self) -> list[Path]:
        """The files this store writes: the database, its write-ahead log and its lock files."""
        return [self.path, self.path.with_name(self.path.name + ".wal"),
                access.lock_path(self.path), access.gate_path(self.path)]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._turns is not None:
            self._turns.stop(self._con)
        elif self._con is not None:
            self._con.close()

    def pause(self) -> None:
        """A writer about to work without the store (coding, loading models) lets readers have it."""
        if self._turns is not None and self._con is not None:
            self._turns.end_turn(self._con)
            self._con = None

    def breathe(self) -> None:
        """A writer whose turn has lasted long enough lets readers in. Cheap when not due."""
        if self._turns is not None and self._con is not None and self._turns.turn_is_over():
            self.pause()

    # runs -------------------------------------------------------------------
    def begin_run(self, config: dict[str, Any]) -> str:
        run_id = f"run-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, NULL, ?, ?, ?, NULL)",
            [run_id, now(), __version__, json.dumps(config, sort_keys=True), config_hash(config)],
        )
        return run_id

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, summary = ? WHERE run_id = ?",
            [now(), json.dumps(summary), run_id],
        )

    def runs(self) -> list[dict[str, Any]]:
        return self._dicts("SELECT * FROM runs ORDER BY started_at")

    # inputs -----------------------------------------------------------------
    def record_input(self, run_id: str, origin: str, doc_id: str | None, status: str,
                     problem: DocumentProblem | None = None) -> None:
        row = input_row(run_id, origin, doc_id, status, problem)
        self.con.execute(f"INSERT INTO inputs ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))

    def record_failure(self, run_id: str, failure: InputFailure) -> None:
        self.record_input(run_id, failure.origin, failure.doc_id, "failed", failure.problem)

    def inputs(self, run_id: str | None = None) -> list[dict[str, Any]]:
        if run_id is None:
            return self._dicts("SELECT * FROM inputs")
        return self._dicts("SELECT * FROM inputs WHERE run_id = ?", [run_id])

    # documents --------------------------------------------------------------
    def holder(self, doc_id: str) -> tuple[str, str | None, str] | None:
        """(content_hash, source_key, origin) of the document stored under doc_id, or None."""
        return self.con.execute(
            "SELECT content_hash, source_key, origin FROM documents WHERE doc_id = ?", [doc_id]
        ).fetchone()

    def doc_id_of_source(self, source_key: str, origin: str) -> str | None:
        """The id under which this input is stored, if it is: by source key, or by origin for a
        document stored before source keys were kept."""
        row = self.con.execute("SELECT doc_id FROM documents WHERE source_key = ? LIMIT 1", [source_key]).fetchone()
        if row is None and self._has_unkeyed_documents():
            row = self.con.execute(
                "SELECT doc_id FROM documents WHERE source_key IS NULL AND origin = ? LIMIT 1", [origin]
            ).fetchone()
        return row[0] if row else None

    def _has_unkeyed_documents(self) -> bool:
        if self._unkeyed is None:
            self._unkeyed = bool(self.con.execute(
                "SELECT count(*) FROM documents WHERE source_key IS NULL").fetchone()[0])
        return self._unkeyed

    def is_unchanged(self, doc: Document, cfg_hash: str) -> bool:
        row = self.con.execute(
            "SELECT content_hash, config_hash FROM documents WHERE doc_id = ?", [doc.doc_id]
        ).fetchone()
        return row is not None and row == (doc.content_hash, cfg_hash)

    def save_document(self, doc: Document, run_id: str, cfg_hash: str, mentions: list[dict[str, Any]]) -> None:
        """Replace everything stored for this doc_id by this coding of it, atomically."""
        self.save_documents([(doc, mentions)], run_id, cfg_hash)

    def save_documents(self, coded: Sequence[tuple[Document, list[dict[str, Any]]]], run_id: str, cfg_hash: str) -> None:
        """Replace everything stored for these documents by this coding of them, and record each
        as coded in this run's inputs, in one transaction: a killed run leaves each document
        either saved whole or not at all (then it is coded again on resume)."""
        if not coded:
            return
        latest = list({doc.doc_id: (doc, mentions) for doc, mentions in coded}.values())  # a doc_id given twice: its last coding
        doc_ids = [doc.doc_id for doc, _ in latest]
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in ("documents", "sections", "actor_mentions", "mentions"):
                self._delete_where(table, "doc_id", doc_ids)
            self._insert("documents", [document_row(doc, run_id, cfg_hash) for doc, _ in latest])
            self._insert("sections", [section_row(doc.doc_id, i, s) for doc, _ in latest for i, s in enumerate(doc.sections)])
            self._insert("actor_mentions", [actor_mention_row(doc.doc_id, m) for doc, _ in latest for m in doc.actor_mentions])
            self._insert("mentions", [mention_row(m) for _, mentions in latest for m in mentions])
            self._insert("inputs", [coded_input_row(run_id, doc) for doc, _ in coded])
            self.con.execute("INSERT OR IGNORE INTO link_pending SELECT unnest(?::VARCHAR[])", [doc_ids])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def document(self, doc_id: str) -> Document:
        rows = self._dicts("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        if not rows:
            raise NotFoundError(f"no document {doc_id!r} in {self.path}; `comity docs` lists what is stored")
        doc = document_from_row(rows[0])
        doc.sections = [
            section_from_row(r)
            for r in self._dicts("SELECT * FROM sections WHERE doc_id = ? ORDER BY idx", [doc_id])
        ]
        return doc

    def doc_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]

    def document_summaries(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Documents by id with their number of event mentions; `limit` rows from `offset` (None: all)."""
        return self._dicts(
            "WITH page AS (SELECT doc_id, title, outlet, published, published_precision, origin FROM documents "
            "ORDER BY doc_id LIMIT ? OFFSET ?) "
            "SELECT p.doc_id, p.title, p.outlet, p.published, p.published_precision, p.origin, "
            "count(m.mention_id) AS mentions FROM page p LEFT JOIN mentions m USING (doc_id) "
            "GROUP BY ALL ORDER BY p.doc_id",
            [limit, offset],
        )

    def document_count(self) -> int:
        return self.con.execute("SELECT count(*) FROM documents").fetchone()[0]

    def failed_inputs(self) -> list[dict[str, Any]]:
        """Inputs whose latest run failed them (not coded or unchanged since), with their reasons."""
        return self._dicts(
            "SELECT i.origin, i.doc_id, i.problem_code, i.message, i.run_id, r.started_at "
            "FROM inputs i JOIN runs r USING (run_id) "
            "QUALIFY row_number() OVER (PARTITION BY i.origin ORDER BY r.started_at DESC) = 1 "
            "AND i.status = 'failed' ORDER BY i.origin"
        )

    def actor_mentions(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        if doc_id is None:
            return self._dicts("SELECT * FROM actor_mentions ORDER BY doc_id, start_char")
        return self._dicts("SELECT * FROM actor_mentions WHERE doc_id = ? ORDER BY start_char", [doc_id])

    def unresolved_actor_names(self, limit: int) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT any_value(text) AS name, count(*) AS mentions, count(DISTINCT doc_id) AS documents, "
            "list(DISTINCT doc_id ORDER BY doc_id)[1:3] AS examples "
            "FROM actor_mentions WHERE actor_id IS NULL AND members = '[]' "
            "GROUP BY lower(text) ORDER BY mentions DESC, name LIMIT ?",
            [limit],
        )

    # mentions and events ----------------------------------------------------
    def mention_records(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        """Mention records, each with `event_counted`: whether its event_id names a stored event. A
        mention not counted as an event (future, hypothetical, negated; a comment or caption) keeps
        the provisional event id it was coded with, which names none."""
        if doc_id is None:
            rows = self.con.execute(
                "SELECT m.record, e.event_id IS NOT NULL FROM mentions m LEFT JOIN events e USING (event_id) "
                "ORDER BY m.doc_id, m.evidence_start, m.mention_id"
            ).fetchall()
            return [{**json.loads(record), "event_counted": counted} for record, counted in rows]
        # One document's: a plain filter, and a point lookup per event (a join would scan every event).
        rows = sorted(self.con.execute(
            "SELECT evidence_start, mention_id, event_id, record FROM mentions WHERE doc_id = ?", [doc_id]
        ).fetchall())
        existing = self.existing_events({event_id for _, _, event_id, _ in rows})
        return [{**json.loads(record), "event_counted": event_id in existing} for _, _, event_id, record in rows]

    def existing_events(self, event_ids: Iterable[str]) -> set[str]:
        """Those of these event ids that name a stored event: one point lookup each, for a handful."""
        return {event_id for event_id in event_ids if event_id and self.con.execute(
            "SELECT 1 FROM events WHERE event_id = ?", [event_id]).fetchone()}

    def replace_events(self, assignments: dict[str, str], events: list[dict[str, Any]]) -> None:
        """Store the result of linking: each mention's event_id and the events themselves."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM events")
            self._write_events(events, [{"mention_id": m, "event_id": e} for m, e in assignments.items()])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def event_records(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.con.execute("SELECT record FROM events ORDER BY event_id").fetchall()]

    def counts(self) -> dict[str, int]:
        tables = ("documents", "sections", "actor_mentions", "mentions", "events", "runs")
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    # incremental linking ----------------------------------------------------
    # link_mentions: each linked mention's block and event as of the last link;
    # link_pending: the documents saved since they were last linked.
    # Rows are read and deleted by indexed keys (store/lookup.py), so a link costs what its
    # blocks hold, not what the store holds.
    def unlinked_doc_ids(self) -> list[str]:
        """Documents coded, re-coded or replaced since the last link."""
        return [r[0] for r in self.con.execute("SELECT doc_id FROM link_pending ORDER BY doc_id").fetchall()]

    def forget_links(self) -> None:
        """Make every document look unlinked, so the next link covers all (previous event ids are kept)."""
        self.con.execute("INSERT OR IGNORE INTO link_pending SELECT doc_id FROM documents")

    def linked_blocks(self, doc_ids: list[str]) -> set[str]:
        return {r[0] for r in self._where("SELECT DISTINCT block_key FROM link_mentions", "link_mentions", "doc_id", doc_ids)}

    def mention_records_of(self, doc_ids: list[str]) -> list[dict[str, Any]]:
        rows = self._where("SELECT record FROM mentions", "mentions", "doc_id", doc_ids, "ORDER BY mention_id")
        return [json.loads(r[0]) for r in rows]

    def linked_into(self, block_keys: set[str], except_docs: list[str]) -> tuple[list[dict[str, Any]], dict[str, str]]:
        """The current records of the mentions linked into these blocks, leaving out those documents,
        and mention_id → event_id as last linked for every mention of the blocks, those documents'
        earlier versions included.

        A store linked before link state existed has none; its events' mention lists stand in.
        """
        skipped = set(except_docs)
        # Only the record, which holds the mention's id, document and event: DuckDB fetches each
        # other column of a row found by index at several times the cost of the record.
        records = sorted((record for (text,) in self._where("SELECT record FROM mentions", "mentions", "block_key",
                                                            sorted(block_keys))
                          if (record := json.loads(text))["doc_id"] not in skipped), key=lambda m: m["mention_id"])
        if not self._has_link_state():
            return records, {m: e["event_id"] for e in self.event_records() for m in e.get("mention_ids", [])}
        previous = {record["mention_id"]: record["event_id"] for record in records}
        previous |= dict(self._where("SELECT mention_id, event_id FROM link_mentions", "link_mentions", "doc_id", except_docs))
        return records, previous

    def published_dates(self, doc_ids: Iterable[str]) -> dict[str, str | None]:
        return dict(self._where("SELECT doc_id, published FROM documents", "documents", "doc_id", sorted(set(doc_ids))))

    def apply_links(self, block_keys: set[str], doc_ids: list[str], links: list[dict[str, Any]],
                    events: list[dict[str, Any]], repointed: list[dict[str, Any]] | None = None,
                    replaced: set[str] | None = None) -> None:
        """Replace the events of these blocks by a new linking of them, atomically.

        `links`: one {mention_id, doc_id, block_key, event_id} per linked mention;
        `doc_ids`: the documents this linking covers, recorded as linked;
        `repointed`: those links whose mention is stored with another event_id (None: all of them);
        `replaced`: the events the blocks' and documents' mentions were linked into, as `linked_into`
        gave them (None: read again).
        """
        blocks = sorted(block_keys)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._delete_events_linked_in(blocks, doc_ids, replaced)
            self._delete_where("link_mentions", "block_key", blocks)
            self._delete_where("link_mentions", "doc_id", doc_ids)
            self._insert("link_mentions", links)
            self._write_events(events, links if repointed is None else repointed)
            self._delete_where("link_pending", "doc_id", doc_ids)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _delete_events_linked_in(self, blocks: list[str], doc_ids: list[str], known: set[str] | None) -> None:
        """Delete the events these blocks' and documents' mentions were linked into (`known`: those
        events); in a store linked before link state existed (no link rows, all documents linked
        anew), every event."""
        if not self._has_link_state():
            self.con.execute("DELETE FROM events")
            return
        if known is not None:
            self._delete_where("events", "event_id", sorted(e for e in known if e))
            return
        relinked = set(doc_ids)
        in_blocks = self._where("SELECT doc_id, event_id FROM mentions", "mentions", "block_key", blocks)
        of_documents = self._where("SELECT event_id FROM link_mentions", "link_mentions", "doc_id", doc_ids)
        events = {event_id for doc_id, event_id in in_blocks if doc_id not in relinked} | {r[0] for r in of_documents}
        self._delete_where("events", "event_id", sorted(events))

    def _has_link_state(self) -> bool:
        return self.con.execute("SELECT EXISTS (SELECT 1 FROM link_mentions)").fetchall()[0][0]

    def _write_events(self, events: list[dict[str, Any]], links: list[dict[str, Any]]) -> None:
        """Insert event records and point each linked mention ({mention_id, event_id, …}) at its event."""
        self._insert("events", [event_row(e) for e in events])
        if not links:
            return
        pairs = [(link["mention_id"], link["event_id"]) for link in links]
        ids = [mention_id for mention_id, _ in pairs]
        with self._rows_as("links_view", ("mention_id", "event_id"), pairs):
            with lookup.key_condition(self.con, "mentions", "mentions.mention_id", ids) as (condition, params):
                self.con.execute(
                    "UPDATE mentions SET event_id = l.event_id, "
                    "record = json_merge_patch(mentions.record, json_object('event_id', l.event_id)) "
                    f"FROM links_view l WHERE mentions.mention_id = l.mention_id AND {condition}", params
                )

    @contextmanager
    def _rows_as(self, name: str, columns: Sequence[str], rows: list[tuple]) -> Iterator[None]:
        """Text rows readable as the relation `name` inside the block: a view of an Arrow table,
        or for a handful of rows a temporary table (Arrow imports pandas, 0.8 s, on first use)."""
        if len(rows) <= FEW_ROWS:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({', '.join(f'{c} VARCHAR' for c in columns)})")
            if rows:
                self.con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(columns))})", rows)
            try:
                yield
            finally:
                self.con.execute(f"DROP TABLE IF EXISTS {name}")
            return
        import pyarrow as pa  # only for many rows: a one-file run never pays its import (0.2 s)

        self.con.register(name, pa.table({c: pa.array([row[i] for row in rows], type=pa.string()) for i, c in enumerate(columns)}))
        try:
            yield
        finally:
            self.con.unregister(name)

    # helpers ----------------------------------------------------------------
    def _where(self, select: str, table: str, column: str, keys: Sequence[str], order: str = "") -> list[tuple]:
        """The rows of `select` (a query over `table`) whose `column` is one of `keys`."""
        with lookup.key_condition(self.con, table, column, keys) as (condition, params):
            return self.con.execute(f"{select} WHERE {condition} {order}", params).fetchall()

    def _delete_where(self, table: str, column: str, keys: Sequence[str]) -> None:
        with lookup.key_condition(self.con, table, column, keys) as (condition, params):
            self.con.execute(f"DELETE FROM {table} WHERE {condition}", params)

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = self._columns(table)
        if len(rows) <= FEW_ROWS:  # building an Arrow table imports pandas (0.8 s): not for a handful of rows
            marks = ", ".join("?" * len(columns))
            self.con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                                 [[row.get(c) for c in columns] for row in rows])
            return
        import pyarrow as pa  # only for many rows: a one-file run never pays its import (0.2 s)

        arrow = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows])
        self.con.register("rows_to_insert", arrow)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT {', '.join(columns)} FROM rows_to_insert")
        finally:
            self.con.unregister("rows_to_insert")

    def _columns(self, table: str) -> list[str]:
        if table not in self._column_names:
            self._column_names[table] = [c[0] for c in self.con.execute(f"DESCRIBE {table}").fetchall()]
        return self._column_names[table]

    def _dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]




def upgrade(path: str | Path) -> None:
    """Bring a store written by an earlier comity up to the current tables, in one writer turn."""
    try:
        with Store(path):
            pass
    except StoreError as error:
        raise StoreError(
            f"the store {path} was written by an earlier comity and must be upgraded once, "
            f"which needs write access: {error}"
        ) from error
