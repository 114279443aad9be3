"""The embedded DuckDB store: documents, sections, mentions, events, runs, and every input's fate.

Re-coding a document whose text and configuration are unchanged is a no-op
(documents are keyed by doc_id and compared by content hash and config hash).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from comity import __version__
from comity.errors import NotFoundError, StoreError
from comity.model import (
    ActorMention,
    Document,
    DocumentProblem,
    Found,
    InputFailure,
    Metadata,
    Section,
    SectionKind,
    Span,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,
    version VARCHAR, config JSON, config_hash VARCHAR, summary JSON);
CREATE TABLE IF NOT EXISTS inputs (
    run_id VARCHAR, origin VARCHAR, doc_id VARCHAR, status VARCHAR,
    problem_code VARCHAR, message VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR, config_hash VARCHAR, run_id VARCHAR,
    origin VARCHAR, input_format VARCHAR, text VARCHAR, raw BLOB,
    title VARCHAR, outlet VARCHAR, url VARCHAR, language VARCHAR,
    published VARCHAR, published_precision VARCHAR, published_basis VARCHAR,
    meta JSON, problems JSON, stages JSON);
CREATE TABLE IF NOT EXISTS sections (
    doc_id VARCHAR, idx INTEGER, kind VARCHAR, start_char INTEGER, end_char INTEGER,
    repeat_of_start INTEGER, repeat_of_end INTEGER, reason VARCHAR);
CREATE TABLE IF NOT EXISTS actor_mentions (
    doc_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, actor_id VARCHAR,
    code VARCHAR, country VARCHAR, role VARCHAR, rule VARCHAR,
    antecedent_start INTEGER, antecedent_end INTEGER, members JSON);
CREATE TABLE IF NOT EXISTS mentions (
    mention_id VARCHAR, event_id VARCHAR, doc_id VARCHAR, section VARCHAR, cameo VARCHAR,
    root VARCHAR, quad_class INTEGER, goldstein DOUBLE, source_code VARCHAR, source_country VARCHAR,
    target_code VARCHAR, target_country VARCHAR, date VARCHAR, date_precision VARCHAR,
    factuality VARCHAR, outlet VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
    record JSON);
CREATE TABLE IF NOT EXISTS events (event_id VARCHAR PRIMARY KEY, record JSON);
CREATE TABLE IF NOT EXISTS link_mentions (
    mention_id VARCHAR, doc_id VARCHAR, block_key VARCHAR, event_id VARCHAR);
CREATE TABLE IF NOT EXISTS link_documents (doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR, config_hash VARCHAR);
"""


def config_hash(config: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:16]


class Store:
    """A DuckDB file holding everything comity coded. Use as a context manager."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        self._column_names: dict[str, list[str]] = {}
        if read_only and not self.path.exists():
            raise NotFoundError(f"no store at {self.path}; code some articles first with `comity code PATH`")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        if not read_only:
            self.con.execute(SCHEMA)

    def files(self) -> list[Path]:
        """The files this store writes: the database and its write-ahead log."""
        return [self.path, self.path.with_name(self.path.name + ".wal")]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # runs -------------------------------------------------------------------
    def begin_run(self, config: dict[str, Any]) -> str:
        run_id = f"run-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, NULL, ?, ?, ?, NULL)",
            [run_id, _now(), __version__, json.dumps(config, sort_keys=True), config_hash(config)],
        )
        return run_id

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, summary = ? WHERE run_id = ?",
            [_now(), json.dumps(summary), run_id],
        )

    def runs(self) -> list[dict[str, Any]]:
        return self._dicts("SELECT * FROM runs ORDER BY started_at")

    # inputs -----------------------------------------------------------------
    def record_input(self, run_id: str, origin: str, doc_id: str | None, status: str,
                     problem: DocumentProblem | None = None) -> None:
        row = _input_row(run_id, origin, doc_id, status, problem)
        self.con.execute(f"INSERT INTO inputs ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))

    def record_failure(self, run_id: str, failure: InputFailure) -> None:
        self.record_input(run_id, failure.origin, failure.doc_id, "failed", failure.problem)

    def inputs(self, run_id: str | None = None) -> list[dict[str, Any]]:
        if run_id is None:
            return self._dicts("SELECT * FROM inputs")
        return self._dicts("SELECT * FROM inputs WHERE run_id = ?", [run_id])

    # documents --------------------------------------------------------------
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
        self.con.execute("BEGIN TRANSACTION")
        try:
            with self._keys("saved_doc_ids", [doc.doc_id for doc, _ in latest]):
                for table in ("documents", "sections", "actor_mentions", "mentions"):
                    self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT key FROM saved_doc_ids)")
            self._insert("documents", [_document_row(doc, run_id, cfg_hash) for doc, _ in latest])
            self._insert("sections", [_section_row(doc.doc_id, i, s) for doc, _ in latest for i, s in enumerate(doc.sections)])
            self._insert("actor_mentions", [_actor_mention_row(doc.doc_id, m) for doc, _ in latest for m in doc.actor_mentions])
            self._insert("mentions", [_mention_row(m) for _, mentions in latest for m in mentions])
            self._insert("inputs", [_coded_input_row(run_id, doc) for doc, _ in coded])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def document(self, doc_id: str) -> Document:
        rows = self._dicts("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        if not rows:
            raise NotFoundError(f"no document {doc_id!r} in {self.path}; `comity docs` lists what is stored")
        doc = _document_from_row(rows[0])
        doc.sections = [
            _section_from_row(r)
            for r in self._dicts("SELECT * FROM sections WHERE doc_id = ? ORDER BY idx", [doc_id])
        ]
        return doc

    def doc_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]

    def document_summaries(self) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT d.doc_id, d.title, d.outlet, d.published, d.published_precision, "
            "(SELECT count(*) FROM mentions m WHERE m.doc_id = d.doc_id) AS mentions "
            "FROM documents d ORDER BY d.doc_id"
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
        sql = "SELECT record FROM mentions"
        params: list[Any] = []
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params.append(doc_id)
        sql += " ORDER BY doc_id, evidence_start, mention_id"
        return [json.loads(r[0]) for r in self.con.execute(sql, params).fetchall()]

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
    # link_documents: the version of each document that link saw.
    def unlinked_doc_ids(self) -> list[str]:
        """Documents coded or re-coded since the last link, and linked documents no longer stored."""
        rows = self.con.execute(
            "SELECT d.doc_id FROM documents d LEFT JOIN link_documents l USING (doc_id) "
            "WHERE l.doc_id IS NULL OR l.content_hash IS DISTINCT FROM d.content_hash "
            "OR l.config_hash IS DISTINCT FROM d.config_hash "
            "UNION SELECT l.doc_id FROM link_documents l ANTI JOIN documents d USING (doc_id) ORDER BY 1"
        ).fetchall()
        return [r[0] for r in rows]

    def forget_links(self) -> None:
        """Make every document look unlinked, so the next link covers all (previous event ids are kept)."""
        self.con.execute("DELETE FROM link_documents")

    def linked_blocks(self, doc_ids: list[str]) -> set[str]:
        with self._keys("doc_keys", doc_ids):
            rows = self.con.execute(
                "SELECT DISTINCT block_key FROM link_mentions WHERE doc_id IN (SELECT key FROM doc_keys)"
            ).fetchall()
        return {r[0] for r in rows}

    def mention_records_of(self, doc_ids: list[str]) -> list[dict[str, Any]]:
        with self._keys("doc_keys", doc_ids):
            rows = self.con.execute(
                "SELECT record FROM mentions WHERE doc_id IN (SELECT key FROM doc_keys) ORDER BY mention_id"
            ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def linked_mention_records(self, block_keys: set[str], except_docs: list[str]) -> list[dict[str, Any]]:
        """Current records of the mentions linked into these blocks, leaving out those documents."""
        with self._keys("block_keys", sorted(block_keys)), self._keys("doc_keys", except_docs):
            rows = self.con.execute(
                "SELECT m.record FROM link_mentions l JOIN mentions m USING (mention_id) "
                "WHERE l.block_key IN (SELECT key FROM block_keys) AND l.doc_id NOT IN (SELECT key FROM doc_keys) "
                "ORDER BY m.mention_id"
            ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def previous_event_ids(self, block_keys: set[str]) -> dict[str, str]:
        """mention_id → event_id as last linked, for mentions in these blocks.

        A store linked before link state existed has none; its events' mention lists stand in.
        """
        if self.con.execute("SELECT count(*) FROM link_mentions").fetchall()[0][0] == 0:
            return {m: e["event_id"] for e in self.event_records() for m in e.get("mention_ids", [])}
        with self._keys("block_keys", sorted(block_keys)):
            rows = self.con.execute(
                "SELECT mention_id, event_id FROM link_mentions WHERE block_key IN (SELECT key FROM block_keys)"
            ).fetchall()
        return dict(rows)

    def published_dates(self, doc_ids: Iterable[str]) -> dict[str, str | None]:
        with self._keys("doc_keys", sorted(set(doc_ids))):
            rows = self.con.execute(
                "SELECT doc_id, published FROM documents WHERE doc_id IN (SELECT key FROM doc_keys)"
            ).fetchall()
        return dict(rows)

    def _write_events(self, events: list[dict[str, Any]], links: list[dict[str, Any]]) -> None:
        """Insert event records and point each linked mention ({mention_id, event_id, …}) at its event."""
        self._insert("events", [{"event_id": e["event_id"], "record": json.dumps(e)} for e in events])
        if not links:
            return
        self.con.register("links_view", pa.Table.from_pylist(
            [{"mention_id": link["mention_id"], "event_id": link["event_id"]} for link in links]
        ))
        try:
            self.con.execute(
                "UPDATE mentions SET event_id = l.event_id, "
                "record = json_merge_patch(record, json_object('event_id', l.event_id)) "
                "FROM links_view l WHERE mentions.mention_id = l.mention_id"
            )
        finally:
            self.con.unregister("links_view")

    def apply_links(self, block_keys: set[str], doc_ids: list[str], links: list[dict[str, Any]],
                    events: list[dict[str, Any]]) -> None:
        """Replace the events of these blocks by a new linking of them, atomically.

        `links`: one {mention_id, doc_id, block_key, event_id} per linked mention;
        `doc_ids`: the documents this linking covers, recorded as linked.
        """
        with self._keys("block_keys", sorted(block_keys)), self._keys("doc_keys", doc_ids):
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(
                    "DELETE FROM link_mentions WHERE block_key IN (SELECT key FROM block_keys) "
                    "OR doc_id IN (SELECT key FROM doc_keys)"
                )
                # The touched blocks' events, and any from a store linked before link state existed.
                self.con.execute("DELETE FROM events WHERE event_id NOT IN (SELECT event_id FROM link_mentions)")
                self._insert("link_mentions", links)
                self._write_events(events, links)
                self.con.execute("DELETE FROM link_documents WHERE doc_id IN (SELECT key FROM doc_keys)")
                self.con.execute(
                    "INSERT INTO link_documents SELECT doc_id, content_hash, config_hash FROM documents "
                    "WHERE doc_id IN (SELECT key FROM doc_keys)"
                )
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    @contextmanager
    def _keys(self, name: str, keys: list[str]) -> Iterator[None]:
        """A one-column view `name(key)` of these keys, for joins instead of long IN lists."""
        self.con.register(name, pa.table({"key": pa.array(keys, type=pa.string())}))
        try:
            yield
        finally:
            self.con.unregister(name)

    # helpers ----------------------------------------------------------------
    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = self._columns(table)
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


def _input_row(run_id: str, origin: str, doc_id: str | None, status: str,
               problem: DocumentProblem | None) -> dict[str, Any]:
    return {"run_id": run_id, "origin": origin, "doc_id": doc_id, "status": status,
            "problem_code": problem.code if problem else None, "message": problem.message if problem else None}


def _coded_input_row(run_id: str, doc: Document) -> dict[str, Any]:
    warning = next((p for p in doc.problems if not p.fatal), None)
    return _input_row(run_id, doc.origin, doc.doc_id, "coded", warning)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _found_value(found: Found | None) -> str | None:
    return found.value if found else None


def _document_row(doc: Document, run_id: str, cfg_hash: str) -> dict[str, Any]:
    published = doc.meta.published
    return {
        "doc_id": doc.doc_id, "content_hash": doc.content_hash, "config_hash": cfg_hash,
        "run_id": run_id, "origin": doc.origin, "input_format": doc.input_format,
        "text": doc.text, "raw": doc.raw,
        "title": _found_value(doc.meta.title), "outlet": _found_value(doc.meta.outlet),
        "url": _found_value(doc.meta.url), "language": _found_value(doc.meta.language),
        "published": _found_value(published),
        "published_precision": published.precision if published else None,
        "published_basis": published.basis if published else None,
        "meta": json.dumps(asdict(doc.meta), default=str),
        "problems": json.dumps([asdict(p) for p in doc.problems]),
        "stages": json.dumps(doc.stages_run),
    }


def _found_from_dict(data: dict[str, Any] | None) -> Found | None:
    if data is None:
        return None
    span = data.get("span")
    return Found(
        value=data.get("value"), basis=data.get("basis", "unknown"),
        span=Span(span["start"], span["end"]) if span else None, precision=data.get("precision"),
    )


def _document_from_row(row: dict[str, Any]) -> Document:
    meta = json.loads(row["meta"])
    metadata = Metadata(
        **{key: _found_from_dict(meta.get(key)) for key in ("title", "published", "outlet", "url", "language")},
        extra=meta.get("extra", {}),
    )
    return Document(
        doc_id=row["doc_id"], text=row["text"], content_hash=row["content_hash"], origin=row["origin"],
        input_format=row["input_format"], raw=row["raw"], meta=metadata,
        problems=[DocumentProblem(**p) for p in json.loads(row["problems"])],
        stages_run=json.loads(row["stages"]),
    )


def _section_row(doc_id: str, idx: int, section: Section) -> dict[str, Any]:
    repeat = section.repeat_of
    return {
        "doc_id": doc_id, "idx": idx, "kind": str(section.kind),
        "start_char": section.span.start, "end_char": section.span.end,
        "repeat_of_start": repeat.start if repeat else None,
        "repeat_of_end": repeat.end if repeat else None, "reason": section.reason,
    }


def _section_from_row(row: dict[str, Any]) -> Section:
    repeat = None
    if row["repeat_of_start"] is not None:
        repeat = Span(row["repeat_of_start"], row["repeat_of_end"])
    return Section(SectionKind(row["kind"]), Span(row["start_char"], row["end_char"]), repeat, row["reason"] or "")


def _actor_mention_row(doc_id: str, mention: ActorMention) -> dict[str, Any]:
    antecedent = mention.antecedent
    return {
        "doc_id": doc_id, "start_char": mention.span.start, "end_char": mention.span.end,
        "text": mention.text, "actor_id": mention.actor_id, "code": mention.code,
        "country": mention.country, "role": mention.role, "rule": mention.rule,
        "antecedent_start": antecedent.start if antecedent else None,
        "antecedent_end": antecedent.end if antecedent else None,
        "members": json.dumps(list(mention.members)),
    }


def _mention_row(record: dict[str, Any]) -> dict[str, Any]:
    source, target = record.get("source") or {}, record.get("target") or {}
    return {
        "mention_id": record["mention_id"], "event_id": record["event_id"], "doc_id": record["doc_id"],
        "section": record["section"], "cameo": record["cameo"], "root": record["cameo"][:2],
        "quad_class": record["quad_class"], "goldstein": record["goldstein"],
        "source_code": source.get("code"), "source_country": source.get("country"),
        "target_code": target.get("code"), "target_country": target.get("country"),
        "date": record["date"], "date_precision": record["date_precision"],
        "factuality": record["factuality"], "outlet": record.get("outlet"),
        "evidence_start": record["evidence"]["start"], "evidence_end": record["evidence"]["end"],
        "record": json.dumps(record),
    }
