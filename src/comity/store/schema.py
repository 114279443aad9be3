"""The store's tables, and the upgrade of a store written by an earlier comity.

Events keep their interchange record (JSON) and, beside it, the fields that
pages filter and count on as plain columns, so a dyad, a search or a count is
one SQL query over those columns, never a scan of every record in Python.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

#: Raised whenever the tables change; a store at a lower version is upgraded when opened for writing.
SCHEMA_VERSION = 3

TABLES = """
CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR);
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
CREATE TABLE IF NOT EXISTS link_pending (doc_id VARCHAR PRIMARY KEY);
"""

#: Columns added since the first store, each with how to fill it from what a store already holds.
ADDED_COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "documents": [("source_key", "VARCHAR", "NULL")],
    "mentions": [("block_key", "VARCHAR", "NULL")],  # filled from the records (_fill_block_keys)
    "events": [
        ("cameo", "VARCHAR", "record->>'$.cameo'"),
        ("root", "VARCHAR", "left(record->>'$.cameo', 2)"),
        ("quad_class", "INTEGER", "CAST(record->>'$.quad_class' AS INTEGER)"),
        ("goldstein", "DOUBLE", "CAST(record->>'$.goldstein' AS DOUBLE)"),
        ("date", "VARCHAR", "record->>'$.date'"),
        ("date_precision", "VARCHAR", "record->>'$.date_precision'"),
        ("source_actor", "VARCHAR", "record->>'$.source.actor_id'"),
        ("source_code", "VARCHAR", "record->>'$.source.code'"),
        ("source_country", "VARCHAR", "record->>'$.source.country'"),
        ("target_actor", "VARCHAR", "record->>'$.target.actor_id'"),
        ("target_code", "VARCHAR", "record->>'$.target.code'"),
        ("target_country", "VARCHAR", "record->>'$.target.country'"),
        ("num_mentions", "INTEGER", "CAST(record->>'$.num_mentions' AS INTEGER)"),
        ("num_articles", "INTEGER", "CAST(record->>'$.num_articles' AS INTEGER)"),
        ("num_sources", "INTEGER", "CAST(record->>'$.num_sources' AS INTEGER)"),
    ],
}

#: Point lookups that every page makes (a document's rows, an event's mentions), and those of
#: saving and linking (a mention, the mentions of a block); see store/lookup.py for what DuckDB 2.0 makes of them.
INDEXES = """
CREATE INDEX IF NOT EXISTS mentions_event ON mentions (event_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id);
CREATE INDEX IF NOT EXISTS mentions_id ON mentions (mention_id);
CREATE INDEX IF NOT EXISTS mentions_block ON mentions (block_key);
CREATE INDEX IF NOT EXISTS sections_doc ON sections (doc_id);
CREATE INDEX IF NOT EXISTS actor_mentions_doc ON actor_mentions (doc_id);
CREATE INDEX IF NOT EXISTS documents_source ON documents (source_key);
CREATE INDEX IF NOT EXISTS link_mentions_block ON link_mentions (block_key);
CREATE INDEX IF NOT EXISTS link_mentions_doc ON link_mentions (doc_id);
"""


def version_of(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open store: 1 for a store written before versions were kept."""
    if not _has_table(con, "store_info"):
        return 1 if _has_table(con, "runs") else 0
    row = con.execute("SELECT value FROM store_info WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 1


def create_or_upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Make the tables of SCHEMA_VERSION, filling added columns from the records already stored.
    Two transactions, as DuckDB indexes no table with updates not yet committed: the tables and
    their fills, then the indexes and the version (a run cut between them does both again)."""
    if version_of(con) >= SCHEMA_VERSION:
        return
    with _transaction(con):
        con.execute(TABLES)
        for table, columns in ADDED_COLUMNS.items():
            for name, kind, _ in columns:
                con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {name} {kind}")
            fills = ", ".join(f"{name} = {source}" for name, _, source in columns if source != "NULL")
            if fills:
                con.execute(f"UPDATE {table} SET {fills}")
        _pending_from_linked_versions(con)
        _fill_block_keys(con)
    with _transaction(con):
        con.execute(INDEXES)
        con.execute("INSERT OR REPLACE INTO store_info VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _pending_from_linked_versions(con: duckdb.DuckDBPyConnection) -> None:
    """Stores before version 3 kept the version of each document last linked (`link_documents`):
    the documents stored in another version or never linked, and those linked but no longer
    stored, wait to be linked (`link_pending`). A store from before link state: all of them."""
    if not _has_table(con, "link_documents"):
        con.execute("INSERT OR IGNORE INTO link_pending SELECT doc_id FROM documents")
        return
    con.execute(
        "INSERT OR IGNORE INTO link_pending SELECT d.doc_id FROM documents d LEFT JOIN link_documents l USING (doc_id) "
        "WHERE l.doc_id IS NULL OR l.content_hash IS DISTINCT FROM d.content_hash "
        "OR l.config_hash IS DISTINCT FROM d.config_hash "
        "UNION SELECT l.doc_id FROM link_documents l ANTI JOIN documents d USING (doc_id)"
    )
    con.execute("DROP TABLE link_documents")


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    # duckdb_tables(), not information_schema.tables: binding that view costs 12 ms on its first use
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0])


def _fill_block_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Each stored mention's linking block, computed from its record as saving computes it."""
    import json

    from comity.store.rows import mention_block_key

    rows = con.execute("SELECT rowid, record FROM mentions WHERE block_key IS NULL").fetchall()
    if not rows:  # a new store, or one filled already
        return
    import pyarrow as pa  # only here: a new store never pays its import

    keys = pa.table({"row": [row for row, _ in rows], "block_key": [mention_block_key(json.loads(r)) for _, r in rows]})
    con.register("computed_block_keys", keys)
    try:
        con.execute("UPDATE mentions SET block_key = k.block_key FROM computed_block_keys k WHERE mentions.rowid = k.row")
    finally:
        con.unregister("computed_block_keys")
