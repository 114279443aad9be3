"""Rows picked by many keys at once, at a cost that follows the keys rather than the table.

A condition naming the keys (`doc_id IN (?, ?, …)`) lets DuckDB read the rows
through the column's index: a look-up per key, whatever the table holds. A join
with a view of the keys instead scans the whole column, a cost that grows with
the store, but beats the look-ups once the keys are many against the table (a
first run that links everything). `key_condition` picks the cheaper of the two.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator
from contextlib import contextmanager

import duckdb

#: An index look-up costs about what scanning this many rows of a key column costs (DuckDB 1.x-2.x,
#: measured on the mentions table at 400,000 rows: 35 µs a look-up, 0.2 µs a scanned row).
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
    if len(keys) * ROWS_PER_LOOKUP <= row_count(con, table):
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
