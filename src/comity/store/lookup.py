"""Rows picked by many keys at once: a condition naming the keys, or a view of them when they are many.

A condition naming the keys (`doc_id IN (?, ?, …)`) is pushed into the scan of
the table; a join with a view of the keys is a hash join over the whole column,
which beats the long condition once the keys are many against the table (a
first run that links everything). `key_condition` picks between the two.

Measured with DuckDB 2.0.0 (bench/store_bench.py, December 2026): EXPLAIN shows a
sequential scan with the filter pushed down even for one key, but a look-up by an
indexed key does go through the index (its cost stays flat from 1,000 to 100,000
documents in the store), as long as it finds few rows: see `prefer_indexes`.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator
from contextlib import contextmanager

import duckdb

#: Keys a condition names at most per this many rows of the table; more go into a view.
#: Up to this many keys are always named in the query: registering a view of them makes DuckDB
#: import pandas, which costs a small batch more (0.8 s) than the lookup itself.
LISTED_KEYS = 256
ROWS_PER_LOOKUP = 150
_view_numbers = itertools.count()
#: Share of a table's rows a look-up may find by index before DuckDB scans the table instead
#: (its defaults: 2,048 rows or 0.1%, whichever is more).
INDEX_SCAN_SHARE = 0.02


@contextmanager
def key_condition(
    con: duckdb.DuckDBPyConnection, table: str, column: str, keys: Collection[str]
) -> Iterator[tuple[str, list[str]]]:
    """(SQL condition, its parameters) true for the rows of `table` whose `column` is one of `keys`,
    valid inside the block: the keys named, or, when they are many against the table, a view of them."""
    if not keys:
        yield "FALSE", []
        return
    if len(keys) <= LISTED_KEYS or len(keys) * ROWS_PER_LOOKUP <= row_count(con, table):
        yield f"{column} IN ({', '.join('?' * len(keys))})", list(keys)
        return
    import pyarrow as pa

    name = f"lookup_keys_{next(_view_numbers)}"
    con.register(name, pa.table({"key": pa.array(list(keys), type=pa.string())}))
    try:
        yield f"{column} IN (SELECT key FROM {name})", []
    finally:
        con.unregister(name)


def prefer_indexes(con: duckdb.DuckDBPyConnection) -> None:
    """Let look-ups by an indexed key go through the index while they find under 2% of the table.

    By default DuckDB 2.0 gives up the index for a look-up finding more than 2,048 rows
    (`index_scan_max_count`, or 0.1% of the table) and scans the whole table instead, reading every stored value
    of each column it returns: relinking 50 new documents whose blocks held 2,098 mentions took
    147 ms at 400,000 mentions in the store that way, 43 ms through the index.
    """
    con.execute(f"SET index_scan_percentage = {INDEX_SCAN_SHARE}")


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
