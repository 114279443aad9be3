"""Rows picked by many keys at once: a condition naming the keys, or a view of them when they are many.

A condition naming the keys (`doc_id IN (?, ?, …)`) is pushed into the scan of
the table; a join with a view of the keys is a hash join over the whole column,
which beats the long condition once the keys are many against the table (a
first run that links everything). `key_condition` picks between the two.

Measured with DuckDB 2.0.0 (bench/store_bench.py, December 2026): its planner
scans the key column even for one key and with an index on it (EXPLAIN shows a
sequential scan with the filter pushed down; about 2.5 ms at 400,000 mentions),
so a look-up still costs a little more as the store grows. That is what is left
of the growth of relinking from 1,000 to 100,000 documents in the store.
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


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
