"""A maximum-weight one-to-one assignment of gold rows to mentions (Hungarian method)."""

from __future__ import annotations

import math


def max_weight_matching(weights: dict[tuple[int, int], int], n_rows: int, n_cols: int) -> list[tuple[int, int]]:
    """A one-to-one set of (row, col) pairs with the largest total weight.

    Only pairs in `weights` (all positive) can be chosen. Solved as a
    minimum-cost assignment (Hungarian method, O(n^2 m)) where a missing pair
    costs 0, i.e. is the same as leaving both sides unmatched.
    """
    if not weights:
        return []
    if n_rows > n_cols:
        flipped = {(c, r): w for (r, c), w in weights.items()}
        return sorted((r, c) for c, r in max_weight_matching(flipped, n_cols, n_rows))
    cost = [[-weights.get((r, c), 0) for c in range(n_cols)] for r in range(n_rows)]
    owner = _hungarian(cost, n_rows, n_cols)
    return sorted((r, c) for c, r in enumerate(owner) if r is not None and (r, c) in weights)


def _hungarian(cost: list[list[int]], n_rows: int, n_cols: int) -> list[int | None]:
    """For each column, the row assigned to it (None if none), minimising total cost.

    Rows are added one at a time; each addition grows a shortest augmenting path
    over reduced costs (row potentials `u`, column potentials `v`). Column 0 is a
    virtual column where the new row starts. Needs n_rows <= n_cols.
    """
    u = [0] * (n_rows + 1)
    v = [0] * (n_cols + 1)
    row_of = [0] * (n_cols + 1)  # 1-based row owning each column; 0 = free
    for row in range(1, n_rows + 1):
        row_of[0] = row
        came_from, free_col = _augmenting_path(cost, u, v, row_of)
        _flip_path(row_of, came_from, free_col)
    return [row - 1 if row else None for row in row_of[1:]]


def _augmenting_path(cost: list[list[int]], u: list[int], v: list[int], row_of: list[int]) -> tuple[list[int], int]:
    """Dijkstra-like search from the virtual column 0 to a free column, updating the
    potentials; returns each reached column's predecessor and the free column reached."""
    n_cols = len(v) - 1
    slack: list[float] = [math.inf] * (n_cols + 1)
    came_from = [0] * (n_cols + 1)
    visited = [False] * (n_cols + 1)
    col = 0
    while True:
        visited[col] = True
        row = row_of[col]
        delta, next_col = math.inf, 0
        for c in range(1, n_cols + 1):
            if visited[c]:
                continue
            reduced = cost[row - 1][c - 1] - u[row] - v[c]
            if reduced < slack[c]:
                slack[c], came_from[c] = reduced, col
            if slack[c] < delta:
                delta, next_col = slack[c], c
        for c in range(n_cols + 1):
            if visited[c]:
                u[row_of[c]] += delta
                v[c] -= delta
            else:
                slack[c] -= delta
        col = next_col
        if row_of[col] == 0:
            return came_from, col


def _flip_path(row_of: list[int], came_from: list[int], free_col: int) -> None:
    """Shift ownership along the augmenting path from column 0 to `free_col`."""
    col = free_col
    while col:
        previous = came_from[col]
        row_of[col] = row_of[previous]
        col = previous
